"""Letters read as digits where the word says so: `letters_in_words(line) -> line`.

Why: in loopless Thai designs (Prompt, Kanit and their kin) a few letters and digits share one
shape: ต is ๓ and ด is ๑ but for a nick no classifier can trust. Both tesseract and the digit
reader then print "๓.ค." for the month "ต.ค." and "๓บะ" for the word "ตบะ". The shape cannot
decide, the word can: a space-delimited token that starts with one such digit, continues in
Thai, and becomes a dictionary word (pythainlp's word list, which holds the abbreviations
"ต.ค.", "พ.ศ." too) with the letter in its place is that word. A number glued to a Thai word
("๓ครั้ง") does not spell a word with the letter, and stays a number.
"""

from __future__ import annotations

import functools
import re

from schemas.page import Glyph, Line, glyph_offsets

LOOKALIKE = {"๓": "ต", "๑": "ด"}
"""Thai digits and the letter each is drawn like in loopless designs."""
_TOKEN = re.compile(r"\S+")
_THAI_TAIL = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e.]+")
"""What may follow the digit: Thai letters, vowels, marks, abbreviation dots (no digit)."""
_LETTER = re.compile(r"[\u0e01-\u0e2e]")


@functools.cache
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def is_word(text: str) -> bool:
    """Whether `text` is in pythainlp's Thai word list (abbreviations such as "พ.ศ." included)."""
    return text in _words()


def _spells_word(token: str) -> bool:
    """Whether the token, with its first character as the letter it looks like, is a word."""
    tail = token[1:]
    if token[0] not in LOOKALIKE or not _THAI_TAIL.fullmatch(tail) or not _LETTER.search(tail):
        return False  # "๓." alone is a list item, though "ต." (ตำบล) is a word
    return is_word(LOOKALIKE[token[0]] + tail)


def letters_in_words(line: Line) -> Line:
    """`line` with every digit that starts a word (see the module docstring) as its letter.

    One character becomes one character, so the text keeps its length and the glyph that
    carried the digit keeps its box; its confidence is kept too (the word, not the shape,
    made the choice).
    """
    if not any(ch in LOOKALIKE for ch in line.text):
        return line
    text = line.text
    spots = [m.start() for m in _TOKEN.finditer(text) if _spells_word(m.group())]
    if not spots:
        return line
    chars = list(text)
    for i in spots:
        chars[i] = LOOKALIKE[chars[i]]
    glyphs = list(line.glyphs)
    offsets = glyph_offsets(line)
    if offsets is not None:  # else the glyphs do not spell the text: change the text only
        for k, (g, at) in enumerate(zip(line.glyphs, offsets, strict=True)):
            if any(at <= i < at + len(g.text) for i in spots):
                glyphs[k] = Glyph("".join(chars[at : at + len(g.text)]), g.bbox, g.conf)
    return Line(text="".join(chars), bbox=line.bbox, conf=line.conf, glyphs=tuple(glyphs))
