"""Matching Thai words the way OCR damages them.

tesseract's Thai model often drops a tone mark or an upper vowel ("เรื่อง" → "เรือง",
"ที่" → "ทิ"). Comparing *skeletons* — the text without tone marks, upper/lower vowels and
other combining marks — makes labels and month names match through that damage without
loosening the comparison of the consonants, which OCR rarely gets wrong.
"""

from __future__ import annotations

import unicodedata

_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)


def skeleton(text: str) -> str:
    """`text` without Thai combining marks and spaces; sara am counts as sara aa."""
    text = unicodedata.normalize("NFC", text).replace("\u0e33", "\u0e32")
    return "".join(ch for ch in text if ch not in _MARKS and not ch.isspace())


def starts_with_label(text: str, label: str) -> int | None:
    """Length of the prefix of `text` that is `label` (exactly or by skeleton), else None.

    The label must end at a word boundary: followed by a space, a digit, punctuation, or the
    end, so "ที่" does not match the start of "ที่ดิน" unless a space follows.
    """
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    target = skeleton(label)
    consumed = 0
    built = ""
    for i, ch in enumerate(stripped):
        if ch.isspace():
            if built == target:
                break
            if not built:
                continue
            return None
        if ch not in _MARKS:
            built += "\u0e32" if ch == "\u0e33" else ch
        consumed = i + 1
        if len(built) > len(target):
            return None
        if built == target:
            # absorb trailing marks of the last character
            j = consumed
            while j < len(stripped) and stripped[j] in _MARKS:
                j += 1
            consumed = j
            nxt = stripped[consumed : consumed + 1]
            if nxt == "" or nxt.isspace() or not ("\u0e01" <= nxt <= "\u0e2e" or nxt.isalpha()):
                return offset + consumed
            return None
    return offset + consumed if built == target and consumed else None
