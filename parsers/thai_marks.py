"""Put back the small marks OCR drops from Thai words, where the dictionary leaves no doubt.

tesseract's Thai model often loses a tone mark sitting above an upper vowel ("เรื่อง" →
"เรือง", "ตั้ง" → "ตัง", "ตัวชี้วัด" → "ตัวชีวัด") and sometimes the thanthakhat (์) or
maitaikhu (็). Such a word is no longer in the dictionary, so a run of Thai letters that the
dictionary cannot cover is searched for a segmentation into dictionary words *that differ from
the text only by those missing marks*. The repair is applied only when

- the repaired run has no letter outside dictionary words, and either the run as read had
  some, or the repair joins its words into fewer, longer ones ("ต่อ|เนือง" → "ต่อเนื่อง",
  "โปรง|ใส" → "โปร่งใส"): the dictionary lists many rare words that are just mark-dropped
  spellings, so a reading that happens to be words is no evidence by itself, while a run
  that reads as words of the same count ("จาน|ลาน", not "จาน|ล้าน") or holds an unknown
  name is left alone; repaired pieces have at least three letters, and
- for every repaired piece one dictionary word fits clearly best (ไม → ไม่, which is ~50x
  more frequent than ไม้; ชี → ชี้ or ชี่ only if one dominates).

Letters are never changed, added or removed — only the missing marks are inserted — so a wrong
repair can at worst misplace a tone mark, never invent a word. Text-layer pages never need
this; it is for OCR text only.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from parsers.thai_lexicon import THAI_LETTERS, UNKNOWN_COST, lexicon

DROPPABLE = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e47")
"""Tone marks ่ ้ ๊ ๋, thanthakhat ์ and maitaikhu ็: the marks OCR loses."""
RESTORE_COST = 150
"""Extra cost (1/100 nat) of a repaired word: the repaired reading must be clearly likelier."""
MIN_LETTERS = 3
"""Short pieces (ขก, ไม) are too easily names or abbreviations to repair."""
MARK_CLASS_SET = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
DOMINANCE = 300
"""When several words fit, the likeliest is used only if it is this much (1/100 nat, ~20x)
likelier than the next; otherwise the piece is ambiguous and left alone."""
_RUN_RE = re.compile("[" + "".join(sorted(THAI_LETTERS)) + "]+")


def _key(word: str) -> str:
    return "".join(c for c in word if c not in DROPPABLE)


@dataclass(frozen=True, slots=True)
class _Index:
    words: dict[str, tuple[str, ...]]
    """key (word without droppable marks) -> dictionary words with that key and such marks."""
    prefixes: frozenset[str]
    max_len: int


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    table = lexicon().table
    by_key: dict[str, set[str]] = defaultdict(set)
    for word, cost in table.items():
        if cost >= 0 and any(c in DROPPABLE for c in word):
            by_key[_key(word)].add(word)
    prefixes = {k[:i] for k in by_key for i in range(1, len(k) + 1)}
    return _Index(
        words={k: tuple(sorted(v)) for k, v in by_key.items()},
        prefixes=frozenset(prefixes),
        max_len=max((len(k) for k in by_key), default=0),
    )


def _fits(read: str, word: str) -> bool:
    """Is `word` `read` with some droppable marks inserted (nothing else changed)?"""
    i = 0
    for c in word:
        if i < len(read) and read[i] == c:
            i += 1
        elif c not in DROPPABLE:
            return False
    return i == len(read)


def _letters(piece: str) -> int:
    return sum(1 for c in piece if c not in MARK_CLASS_SET)


def _dominant(piece: str, idx: _Index, table: dict[str, int]) -> str | None:
    """The one dictionary word `piece` is a mark-dropped reading of, if there is a clear one."""
    fitting = sorted(
        (table[w], w) for w in idx.words.get(_key(piece), ()) if w != piece and _fits(piece, w)
    )
    if not fitting:
        return None
    if len(fitting) > 1 and fitting[1][0] - fitting[0][0] < DOMINANCE:
        return None
    return fitting[0][1]


def _segment(run: str, repair: bool) -> tuple[tuple[int, int, int], list[str]]:
    """Best segmentation by (unknown letters, number of words, cost); optionally with repairs."""
    table = lexicon().table
    idx = _index()
    n = len(run)
    inf = (n + 1, n + 1, 0)
    best: list[tuple[int, int, int]] = [inf] * (n + 1)
    back: list[tuple[int, str]] = [(0, "")] * (n + 1)
    best[0] = (0, 0, 0)
    longest = max(lexicon().max_len, idx.max_len)
    for i in range(n):
        bu, bw, bc = best[i]
        if (bu + 1, bw + 1, bc + UNKNOWN_COST) < best[i + 1]:
            best[i + 1] = (bu + 1, bw + 1, bc + UNKNOWN_COST)
            back[i + 1] = (i, run[i])
        for j in range(i + 1, min(n, i + longest) + 1):
            piece = run[i:j]
            exact = table.get(piece)
            if exact is None and not (repair and _key(piece) in idx.prefixes):
                break
            if exact is not None and exact >= 0 and (bu, bw + 1, bc + exact) < best[j]:
                best[j] = (bu, bw + 1, bc + exact)
                back[j] = (i, piece)
            if repair and _letters(piece) >= MIN_LETTERS:
                word = _dominant(piece, idx, table)
                if word is not None and (bu, bw + 1, bc + table[word] + RESTORE_COST) < best[j]:
                    best[j] = (bu, bw + 1, bc + table[word] + RESTORE_COST)
                    back[j] = (i, word)
    pieces = []
    j = n
    while j > 0:
        i, piece = back[j]
        pieces.append(piece)
        j = i
    return best[n], pieces[::-1]


def _restore_run(run: str) -> str:
    if "\u0e4d" in run:  # an unrepaired sara am: not the kind of text this is for
        return run
    (unknown, words, cost), _ = _segment(run, repair=False)
    (r_unknown, r_words, r_cost), pieces = _segment(run, repair=True)
    # Trusted only if the repair leaves no letter outside a word and either covers letters the
    # reading could not, or joins the reading's words into fewer, longer dictionary words
    # ("ต่อ|เนือง" -> "ต่อเนื่อง") at no loss of likelihood (not "มา|ใช้" -> "ม้าใช้"): a
    # coincidental rare word is not evidence.
    if r_unknown == 0 and (unknown > 0 or (r_words < words and r_cost <= cost)):
        return "".join(pieces)
    return run


def restore_marks(text: str) -> str:
    """`text` with dropped tone marks / ์ / ็ put back where exactly one dictionary word fits."""
    return _RUN_RE.sub(lambda m: _restore_run(m.group(0)), text)
