"""Dictionary, unigram costs and segmentation used to repair and judge Thai text.

Why not ``pythainlp.tokenize.word_tokenize``: repair has to *compare* alternatives
("keep this space or drop it?", "is this า a lost ำ?"), which needs a score, not just
a token list, and it must be cheap enough to run at every suspicious spot of
thousands of pages. So we build, once per process and lazily, a flat prefix table
from ``pythainlp.corpus.thai_words()`` (the vocabulary behind newmm) with a unigram
cost per word taken from the Thai National Corpus frequencies that ship with
pythainlp (``pythainlp.corpus.tnc.word_freqs()``); a small dynamic programme then
finds the segmentation with the fewest unknown characters and, among those, the
lowest cost.

*Bound* words: the vocabulary lists syllables such as ``สำ``, ``ประ``, ``ตำ`` that are
words in a dictionary but in real text almost only occur as the first (or last)
syllable of longer words (``สำนัก``, ``ประชุม``, ``ตำบล``). A chunk that ends in such a
syllable right before a space is treated like a fragment, which is what lets
``"สำ นักปลัด"`` be merged while ``"สำนักปลัด องค์การ"`` keeps its space.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

# --- character classes (Thai block U+0E00–U+0E7F) ------------------------------
CONSONANTS: Final = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))  # ก–ฮ (incl. ฤ ฦ)
LEAD_VOWELS: Final = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")  # เ แ โ ใ ไ
FOLLOW_VOWELS: Final = frozenset("\u0e30\u0e32\u0e33\u0e45")  # ะ า ำ ๅ
LOWER_VOWELS: Final = frozenset("\u0e38\u0e39\u0e3a")  # ุ ู ฺ
UPPER_VOWELS: Final = frozenset("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e47")  # ั ิ ี ึ ื ็
TONE_MARKS: Final = frozenset("\u0e48\u0e49\u0e4a\u0e4b")  # ่ ้ ๊ ๋
THANTHAKHAT: Final = "\u0e4c"  # ์
NIKHAHIT: Final = "\u0e4d"  # ํ
YAMAKKAN: Final = "\u0e4e"  # ๎
SARA_AA: Final = "\u0e32"  # า
SARA_AM: Final = "\u0e33"  # ำ
MARKS: Final = (
    LOWER_VOWELS | UPPER_VOWELS | TONE_MARKS | frozenset(THANTHAKHAT + NIKHAHIT + YAMAKKAN)
)
# Characters that make up Thai *words* (excluding digits, ฯ, ๆ, ฿ and other signs).
THAI_LETTERS: Final = CONSONANTS | LEAD_VOWELS | FOLLOW_VOWELS | MARKS
THAI_DIGITS: Final = frozenset(chr(c) for c in range(0x0E50, 0x0E5A))
NON_INITIAL: Final = MARKS | FOLLOW_VOWELS  # can never start a word

LETTER_CLASS: Final = "\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e"
"""Regex character-class body matching THAI_LETTERS."""
MARK_CLASS: Final = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"

# --- costs ----------------------------------------------------------------------
UNKNOWN_COST: Final = 2500
"""Cost (in 1/100 nat) of one character not covered by a dictionary word."""
BOUND_RATIO: Final = 0.05
"""A word is *bound* when its standalone frequency is below this share of the
frequency mass of the longer words it begins (or ends). Chosen by inspecting the
resulting lists: at 0.05 they hold สำ ประ ตำ กระ ดำ จำ ... but not ตาม การ ความ ที่ ผู้."""

EXTRA_WORDS: Final = frozenset({"ณ"})
"""Single-letter words missing from the vocabulary (``ณ ห้องประชุม``)."""

Score = tuple[int, int]
"""(unknown characters, cost) — compared lexicographically."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Prefix table and side information built from the pythainlp vocabulary."""

    table: dict[str, int]
    """Every word and every prefix of a word -> word cost (>= 0) or -1 (prefix only)."""
    bound_head: frozenset[str]
    """Words that mostly occur as the *start* of longer words (สำ, ประ)."""
    bound_tail: frozenset[str]
    """Words that mostly occur as the *end* of longer words."""
    max_len: int
    unseen_cost: int
    """Cost of a vocabulary word that never occurs in the frequency list."""

    def is_word(self, s: str) -> bool:
        return self.table.get(s, -1) >= 0


_LOCK = threading.Lock()
_LEXICON: Lexicon | None = None


def _is_plain_thai_word(w: str) -> bool:
    return bool(w) and all(c in THAI_LETTERS for c in w) and w[0] not in NON_INITIAL


def _build() -> Lexicon:
    from pythainlp.corpus import thai_words
    from pythainlp.corpus.tnc import word_freqs

    words = {w for w in thai_words() if _is_plain_thai_word(w)} | EXTRA_WORDS
    freqs: dict[str, int] = {}
    for w, f in word_freqs():
        if w in words:
            freqs[w] = freqs.get(w, 0) + f
    total = sum(freqs.values()) or 1
    table: dict[str, int] = {}
    head_mass: dict[str, int] = {}
    tail_mass: dict[str, int] = {}
    for w in words:
        f = freqs.get(w, 0)
        table[w] = round(-100 * math.log((f + 0.5) / total))
        for k in range(1, len(w)):
            p = w[:k]
            if p not in table:
                table[p] = -1
            if f and p in words:
                head_mass[p] = head_mass.get(p, 0) + f
            s = w[k:]
            if f and s in words:
                tail_mass[s] = tail_mass.get(s, 0) + f
    # Prefixes were written as -1 before the word itself may have been seen.
    for w in words:
        if table[w] < 0:
            f = freqs.get(w, 0)
            table[w] = round(-100 * math.log((f + 0.5) / total))
    bound_head = frozenset(w for w, m in head_mass.items() if freqs.get(w, 0) < BOUND_RATIO * m)
    bound_tail = frozenset(w for w, m in tail_mass.items() if freqs.get(w, 0) < BOUND_RATIO * m)
    unseen = round(-100 * math.log(0.5 / total))
    return Lexicon(table, bound_head, bound_tail, max(map(len, words)), unseen)


def lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (~0.5 s) and then shared."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                _LEXICON = _build()
    return _LEXICON


@lru_cache(maxsize=65536)
def segment_score(s: str) -> Score:
    """Best (unknown chars, cost) segmentation of a string of Thai letters.

    Unknown characters are counted first: a split that leaves fewer characters outside
    dictionary words always wins; the unigram cost only breaks ties.
    """
    return _segment(s)[0]


def word_spans(s: str) -> list[tuple[int, int, bool]]:
    """The best segmentation of `s` as (start, end, is a dictionary word) spans, in order."""
    return _segment(s)[1]


def _segment(s: str) -> tuple[Score, list[tuple[int, int, bool]]]:
    table = lexicon().table
    n = len(s)
    inf = (n + 1, 0)
    best: list[Score] = [inf] * (n + 1)
    back: list[tuple[int, bool]] = [(0, False)] * (n + 1)
    best[0] = (0, 0)
    for i in range(n):
        bu, bc = best[i]
        # one unknown character
        cand = (bu + 1, bc + UNKNOWN_COST)
        if cand < best[i + 1]:
            best[i + 1] = cand
            back[i + 1] = (i, False)
        j = i + 1
        while j <= n:
            v = table.get(s[i:j])
            if v is None:
                break
            if v >= 0:
                cand = (bu, bc + v)
                if cand < best[j]:
                    best[j] = cand
                    back[j] = (i, True)
            j += 1
    spans: list[tuple[int, int, bool]] = []
    j = n
    while j > 0:
        i, known = back[j]
        spans.append((i, j, known))
        j = i
    spans.reverse()
    return best[n], spans


@lru_cache(maxsize=65536)
def segment_spans(s: str) -> tuple[tuple[int, int, bool], ...]:
    """The best segmentation as (start, end, is_dictionary_word) spans."""
    return tuple(_segment(s)[1])


@lru_cache(maxsize=65536)
def tail_is_word(chunk: str) -> bool:
    """True when the chunk ends in a free-standing dictionary word.

    Cheap test used to decide whether the space after ``chunk`` might be an
    extraction artefact: a chunk that ends in a fragment (``เป็``, ``สำ``) is
    suspicious, one that ends in a word is not.
    """
    if not chunk or chunk[-1] in LEAD_VOWELS:
        return False
    lex = lexicon()
    n = len(chunk)
    for k in range(min(n, lex.max_len), 0, -1):
        start = n - k
        suffix = chunk[start:]
        if start > 0 and chunk[start - 1] in LEAD_VOWELS:
            continue
        if lex.is_word(suffix) and suffix not in lex.bound_head:
            return True
    return False


@lru_cache(maxsize=65536)
def head_is_word(chunk: str) -> bool:
    """True when the chunk starts with a free-standing dictionary word followed by
    something that can start a syllable."""
    if not chunk or chunk[0] in NON_INITIAL:
        return False
    lex = lexicon()
    table = lex.table
    n = len(chunk)
    for k in range(1, min(n, lex.max_len) + 1):
        prefix = chunk[:k]
        v = table.get(prefix)
        if v is None:
            return False
        if v < 0 or prefix in lex.bound_tail:
            continue
        rest = chunk[k:]
        if not rest:
            return True
        if rest[0] in NON_INITIAL:
            continue
        if len(rest) > 1 and rest[1] == THANTHAKHAT:
            continue
        return True
    return False


def crosses_word(left: str, right: str) -> bool:
    """Is there a dictionary word that starts inside ``left`` and ends inside
    ``right``? Cheap pre-check before asking whether a space after a mark splits a
    word (``องค์ กร``, ``ผู้ สูงอายุ``)."""
    table = lexicon().table
    for k in range(1, min(len(left), 20) + 1):
        p = left[-k:]
        if table.get(p) is None:
            continue
        for ch in right[:20]:
            p += ch
            v = table.get(p)
            if v is None:
                break
            if v >= 0:
                return True
    return False
