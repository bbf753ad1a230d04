"""Repair Thai text taken from a PDF text layer or from OCR.

Why: Thai PDFs produced by Word/LibreOffice with HarfBuzz-shaped fonts (TH Sarabun
PSK above all) do not round-trip through text extraction. The marks of a Thai
cluster are separate, zero-width, repositioned glyphs, so extractors

* emit SARA AM (ำ) as NIKHAHIT + SARA AA (ํ า), with the nikhahit before a tone mark
  (``น้ำ`` -> ``นํ้า``) or lose the nikhahit and leave a space (``ส านัก``);
* put tone marks and upper vowels behind a space or at the start of the next line
  (``ผู ้บริหาร``, ``ตามทีอ\\n่ งค์การ``) and insert spaces inside words (``เป็ น``,
  ``สำ นักปลัด``, justified ``ก า ร``);
* report glyph variants by their Private Use Area code points (see ``parsers.pua``);
* sometimes hand over TIS-620 bytes decoded as Latin-1 (``ÊÓ¹Ñ¡»ÅÑ´``).

``repair`` undoes this, consulting the dictionary (``parsers.thai_lexicon``) whenever
more than one reading is possible, and it leaves well-formed Thai, Thai digits,
Latin text, numbers and punctuation untouched. It is idempotent.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
from functools import lru_cache
from typing import Final

from parsers.pua import PUA_FIRST, PUA_LAST, PUA_TRANSLATION
from parsers.thai_lexicon import (
    CONSONANTS,
    FOLLOW_VOWELS,
    LEAD_VOWELS,
    LETTER_CLASS,
    LOWER_VOWELS,
    MARK_CLASS,
    MARKS,
    NIKHAHIT,
    SARA_AA,
    SARA_AM,
    THAI_LETTERS,
    TONE_MARKS,
    UNKNOWN_COST,
    UPPER_VOWELS,
    YAMAKKAN,
    Score,
    crosses_word,
    head_is_word,
    lexicon,
    segment_score,
    segment_spans,
    tail_is_word,
)

__all__ = ["count_invalid", "decode_mojibake", "mojibake_spans", "repair"]

# --- removable junk ---------------------------------------------------------------
# Zero-width and formatting characters that PDF producers and OCR engines leave in
# text; none of them carries meaning in a Thai report.
_INVISIBLE: Final = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_CONTROL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f" + _INVISIBLE + "]")
_UNMAPPED_NIKHAHIT_RE: Final = re.compile(r"\ufffd(?=[\u0e48-\u0e4b]?\u0e32)")
_FFFD_RE: Final = re.compile(r"\ufffd+(?=[\u0e00-\u0e7f])|(?<=[\u0e00-\u0e7f])\ufffd+")

# --- sara am ------------------------------------------------------------------------
# ํ [space] [tone] [space] า  ->  tone ำ      (น ํ ้ า -> น ้ ำ,  ส ํ า -> สำ)
_AM_SPLIT_RE: Final = re.compile("\u0e4d[ \u00a0]?([\u0e48-\u0e4b]?)[ \u00a0]?\u0e32")
# ำ followed by a tone mark: the tone belongs to the consonant (นำ้ -> น้ำ)
_AM_TONE_RE: Final = re.compile("\u0e33([\u0e48-\u0e4b])")

# --- clusters --------------------------------------------------------------------------
_MARK_RANK: Final[dict[str, int]] = {
    **{m: 0 for m in LOWER_VOWELS},
    **{m: 1 for m in UPPER_VOWELS},
    NIKHAHIT: 1,
    **{m: 2 for m in TONE_MARKS},
    "\u0e4c": 2,
    YAMAKKAN: 3,
}
_MULTI_MARK_RE: Final = re.compile(f"(?<=[\u0e01-\u0e2e])[{MARK_CLASS}]{{2,}}")
_MARK_RUN_RE: Final = re.compile(f"[{MARK_CLASS}]+")
_UNIT_RE: Final = re.compile(
    f"[\u0e40-\u0e44]?[\u0e01-\u0e2e][{MARK_CLASS}]*[\u0e30\u0e32\u0e33\u0e45]?"
)
_CHUNK_RE: Final = re.compile(f"[{LETTER_CLASS}]+")
_HSPACE: Final = " \u00a0"

# Anything that might need repair. Text without a match (and without spaces between
# Thai letters) is returned as it is.
_SUSPICIOUS_RE: Final = re.compile(
    "[\u0080-\u00ff\ufffd\u0e4d\uf700-\uf71f"
    + _INVISIBLE
    + r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
    + f"|(?<![\u0e01-\u0e2e{MARK_CLASS}])[{MARK_CLASS}]"
    + "|\u0e33[\u0e48-\u0e4b]"
    + f"|[{MARK_CLASS}]{{2,}}"
    + "|[\u0e40-\u0e44](?![\u0e01-\u0e2e])"
)
_THAI_SPACE_RE: Final = re.compile(f"(?<=[{LETTER_CLASS}])[ \u00a0](?=[{LETTER_CLASS}])")

# --- mojibake ------------------------------------------------------------------------
# TIS-620 byte 0xA1+k is U+0E01+k; read as Latin-1/cp1252 it becomes U+00A1+k.
_TIS_UNASSIGNED: Final = frozenset(range(0xDB, 0xDF)) | frozenset(range(0xFC, 0x100))
_TIS_RUN_RE: Final = re.compile(
    r"[\u00a1-\u00fb](?:[\u00a1-\u00fb0-9 \t!-/:-@\[-`{-~]*[\u00a1-\u00fb])?"
)
# UTF-8 Thai (E0 B8 xx / E0 B9 xx) read as cp1252 or Latin-1: "à¸ªà¸³".
_CP1252_BYTES: Final[dict[str, int]] = {}
for _b in range(0x80, 0xA0):
    with contextlib.suppress(UnicodeDecodeError):
        _CP1252_BYTES[bytes([_b]).decode("cp1252")] = _b
_CONT: Final = "\u0080-\u00bf" + "".join(_CP1252_BYTES)
_UTF8_RUN_RE: Final = re.compile(
    f"(?:\u00e0[\u00b8\u00b9][{_CONT}])(?:[0-9 \\t!-/:-@\\[-`{{-~]*\u00e0[\u00b8\u00b9][{_CONT}])*"
)


def _decode_tis_run(run: str) -> str | None:
    out = []
    for ch in run:
        o = ord(ch)
        if 0xA1 <= o <= 0xFB:
            if o in _TIS_UNASSIGNED:
                return None
            out.append(chr(o - 0xA0 + 0x0E00))
        else:
            out.append(ch)
    return "".join(out)


def _decode_utf8_run(run: str) -> str | None:
    data = bytearray()
    for ch in run:
        o = ord(ch)
        if o < 0x100:
            data.append(o)
        elif ch in _CP1252_BYTES:
            data.append(_CP1252_BYTES[ch])
        else:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _plausible_thai(decoded: str) -> bool:
    """Decoded mojibake is accepted only if it reads as Thai: well-formed clusters and
    mostly dictionary words. Stops ``Größe`` or ``naïveté`` from being "decoded"."""
    letters = [c for c in decoded if c in THAI_LETTERS]
    if len(letters) < 2 or _count_invalid(decoded) > 0:
        return False
    unknown = 0
    for m in _CHUNK_RE.finditer(decoded):
        unknown += segment_score(m.group())[0]
    return unknown <= 0.25 * len(letters)


def mojibake_spans(text: str) -> list[tuple[int, int, str | None]]:
    """(start, end, decoded Thai or None) for every stretch that looks like Thai
    mojibake (two or more Latin-1 letters in a row, or UTF-8 lead bytes ``à¸``)."""
    runs: list[tuple[int, int, str | None]] = []
    for m in _UTF8_RUN_RE.finditer(text):
        dec = _decode_utf8_run(m.group())
        runs.append((m.start(), m.end(), dec if dec and _plausible_thai(dec) else None))
    taken = [(a, b) for a, b, _ in runs]
    for m in _TIS_RUN_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        run = m.group()
        high = sum(1 for c in run if "\u00a1" <= c <= "\u00fb")
        if high < 2:
            continue
        dec = _decode_tis_run(run)
        runs.append((m.start(), m.end(), dec if dec and _plausible_thai(dec) else None))
    runs.sort()
    return runs


def decode_mojibake(text: str) -> str | None:
    """Decode Thai that went through the wrong code page, if that can be done losslessly.

    Handles TIS-620/Windows-874 bytes read as Latin-1 or cp1252 (``ÊÓ¹Ñ¡»ÅÑ´`` ->
    ``สำนักปลัด``) and UTF-8 read as cp1252 (``à¸ªà¸³`` -> ``สำ``). Returns ``None``
    when the text holds no such mojibake or when some of it does not decode to
    plausible Thai (then OCR is the better source).
    """
    runs = mojibake_spans(text)
    if not runs or any(dec is None for _, _, dec in runs):
        return None
    parts: list[str] = []
    pos = 0
    for a, b, dec in runs:
        parts.append(text[pos:a])
        parts.append(dec or "")
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _apply_mojibake(text: str) -> str:
    runs = [r for r in mojibake_spans(text) if r[2] is not None]
    if not runs:
        return text
    parts: list[str] = []
    pos = 0
    for a, b, dec in runs:
        parts.append(text[pos:a])
        parts.append(dec or "")
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


# --- orthography ----------------------------------------------------------------------
def _cluster_ok(marks: str) -> bool:
    """Can these marks sit together on one consonant?"""
    if len(set(marks)) != len(marks):
        return False
    lower = sum(1 for m in marks if m in LOWER_VOWELS and m != "\u0e3a")
    upper = sum(1 for m in marks if m in UPPER_VOWELS or m == NIKHAHIT)
    tone = sum(1 for m in marks if m in TONE_MARKS or m == "\u0e4c")
    if lower > 1 or upper > 1 or tone > 1 or (lower and upper):
        return False
    return not ("\u0e47" in marks and tone)


def _count_invalid(text: str) -> int:
    """Orthographic violations: a mark with no consonant under it, marks that cannot
    share a consonant, a leading vowel not followed by a consonant, a following vowel
    that starts a word."""
    bad = 0
    n = len(text)
    for m in _MARK_RUN_RE.finditer(text):
        a = m.start()
        if a == 0 or text[a - 1] not in CONSONANTS or not _cluster_ok(m.group()):
            bad += 1
    for i, c in enumerate(text):
        if (c in LEAD_VOWELS and (i + 1 >= n or text[i + 1] not in CONSONANTS)) or (
            c in FOLLOW_VOWELS and (i == 0 or text[i - 1] not in THAI_LETTERS)
        ):
            bad += 1
    return bad


def count_invalid(text: str) -> int:
    """Public wrapper of the orthographic check (used by ``parsers.thai_quality``)."""
    return _count_invalid(text)


def _sort_marks(marks: str) -> str:
    out: list[str] = []
    for m in sorted(marks, key=lambda c: _MARK_RANK.get(c, 2)):
        if not out or out[-1] != m:
            out.append(m)
    return "".join(out)


def _normalize_clusters(text: str) -> str:
    text = _AM_SPLIT_RE.sub(lambda m: m.group(1) + SARA_AM, text)
    text = _AM_TONE_RE.sub(lambda m: m.group(1) + SARA_AM, text)
    return _MULTI_MARK_RE.sub(lambda m: _sort_marks(m.group()), text)


# --- scoring helpers ----------------------------------------------------------------
def _score(text: str) -> Score:
    """Sum of segmentation scores of the Thai chunks of ``text``."""
    u = c = 0
    for m in _CHUNK_RE.finditer(text):
        su, sc = segment_score(m.group())
        u += su
        c += sc
    return (u, c)


# --- detached marks ----------------------------------------------------------------
def _insert_mark(text: str, base: int, marks: str, dedupe: bool = True) -> str | None:
    """Put ``marks`` on the consonant at ``base``; None if the cluster becomes invalid
    (or, unless ``dedupe``, if the consonant already carries one of the marks)."""
    k = base + 1
    while k < len(text) and text[k] in MARKS:
        k += 1
    own = text[base + 1 : k]
    if not dedupe and any(m in own for m in marks):
        return None
    merged = _sort_marks(own + marks)
    if not _cluster_ok(merged):
        return None
    return text[: base + 1] + merged + text[k:]


def _chunk_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1] in THAI_LETTERS:
        i -= 1
    return i


def _reattach_one(text: str, a: int, b: int) -> str:
    """Fix the detached mark run ``text[a:b]``; returns the new text (or ``text``).

    Candidates: the consonant before the run (over the spaces, a following vowel or a
    line break), the consonant before that (the mark was displaced by one glyph),
    and, only if neither is possible, the consonant after. The first is preferred;
    another wins only with fewer characters outside dictionary words."""
    marks = text[a:b]
    k = a
    while k > 0 and text[k - 1] in _HSPACE:
        k -= 1
    right = b
    while right < len(text) and text[right] in _HSPACE:
        right += 1
    at_line_start = k == 0 or text[k - 1] == "\n"
    if at_line_start:
        # "...ทีอ\n่ งค์การ": drop the mark and the space its glyph left behind it
        variants = [(text[:a] + text[right:], a)]
        j = k - 2  # last character of the previous line
        while j >= 0 and text[j] in _HSPACE:
            j -= 1
    else:
        # "ผู ้บริหาร", "ทา่": drop the mark and the spaces before it (a space after
        # it is left to the space pass)
        variants = [(text[:k] + text[b:], k)]
        j = k - 1
        if j >= 0 and text[j] in FOLLOW_VOWELS and k == a:
            j -= 1
    while j >= 0 and text[j] in MARKS:
        j -= 1
    bases: list[int] = []
    if j >= 0 and text[j] in CONSONANTS:
        bases.append(j)
        i = j - 1
        while i >= 0 and text[i] in MARKS:
            i -= 1
        if i >= 0 and text[i] in CONSONANTS:
            bases.append(i)  # the mark may have been displaced by one consonant
    candidates: list[tuple[int, int, str]] = []  # (moved units, preference, text)
    for vi, (stripped, _cut) in enumerate(variants):
        for pref, base in enumerate(bases):
            cand = _insert_mark(stripped, base, marks, dedupe=pref == 0)
            if cand is None:
                continue
            candidates.append((0, 2 * pref + vi, cand))
            if at_line_start:
                nl = k - 1 + len(cand) - len(stripped)
                for moved, var in _moves_across_newline(cand, nl):
                    candidates.append((moved, 2 * pref + vi, var))
    if not candidates and not at_line_start:
        stripped, cut = variants[0]
        nxt = cut
        if nxt < len(stripped) and stripped[nxt] in _HSPACE:
            nxt += 1
        if nxt < len(stripped) and stripped[nxt] in CONSONANTS:
            cand = _insert_mark(stripped[:cut] + stripped[nxt:], cut, marks)
            if cand is not None:
                candidates.append((0, 0, cand))
    if not candidates:
        return text  # nothing sensible; ``assess`` counts it as invalid
    lo = _chunk_start(text, bases[-1]) if bases else _chunk_start(text, k)
    hi = right
    while hi < len(text) and text[hi] in THAI_LETTERS:
        hi += 1
    tail = len(text) - hi
    scored = [(_score(c[lo : len(c) - tail]), moved, pref, c) for moved, pref, c in candidates]
    stay = [x for x in scored if x[1] == 0]
    best = min(stay, key=lambda x: x[:3]) if stay else None
    first = [x for x in stay if x[2] == 0]
    if best is not None and first and best[0][0] >= first[0][0][0]:
        best = first[0]  # the obvious reading unless another has fewer unknowns
    if at_line_start:
        # Text crosses a line break only when that turns fragments into words on
        # both sides of it.
        moves = [x for x in scored if x[1] > 0 and _line_edges_known(x[3], lo, len(x[3]) - tail)]
        if moves:
            mv = min(moves, key=lambda x: x[:3])
            if best is None or mv[0][0] < best[0][0]:
                best = mv
    return best[3] if best is not None else text


def _line_edges_known(text: str, lo: int, hi: int) -> bool:
    """Do the words on both sides of the line break in text[lo:hi] belong to the
    dictionary?"""
    nl = text.find("\n", lo, hi)
    if nl < 0:
        return False
    a = _chunk_start(text, nl)
    b = nl + 1
    while b < hi and text[b] in THAI_LETTERS:
        b += 1
    left, right = text[a:nl], text[nl + 1 : b]
    if not left or not right:
        return False
    ls, rs = segment_spans(left), segment_spans(right)
    return ls[-1][2] and rs[0][2]


def _moves_across_newline(text: str, nl: int) -> list[tuple[int, str]]:
    """Variants of ``text`` with the last one or two syllable units before the line
    break at ``nl`` moved to the start of the next line."""
    out: list[tuple[int, str]] = []
    line_start = text.rfind("\n", 0, nl) + 1
    units = list(_UNIT_RE.finditer(text, line_start, nl))
    units = [u for u in units if u.end() <= nl]
    tail_end = nl
    while tail_end > line_start and text[tail_end - 1] in _HSPACE:
        tail_end -= 1
    for k in (1, 2):
        if len(units) < k + 1 or units[-1].end() != tail_end:
            break
        start = units[-k].start()
        if any(units[-i].start() != units[-i - 1].end() for i in range(1, k)):
            break
        moved = text[start:tail_end]
        out.append((k, text[:start] + text[tail_end : nl + 1] + moved + text[nl + 1 :]))
    return out


def _reattach_marks(text: str) -> str:
    """Move marks that lost their consonant (after a space, a line break or a vowel)
    back onto the consonant that makes the best dictionary reading."""
    pos = 0
    for _ in range(10000):
        m = _MARK_RUN_RE.search(text, pos)
        if m is None:
            break
        a, b = m.span()
        if a > 0 and text[a - 1] in CONSONANTS:
            pos = b
            continue
        new = _reattach_one(text, a, b)
        if new == text:
            pos = b
        else:
            pos = max(0, a - 3)
            text = new
    return text


# --- spaces ----------------------------------------------------------------------------
SOFT_PENALTY: Final = 300
"""Word-cost gain (1/100 nat: 3 nats) required before a space that follows a mark but
sits between two complete words is dropped (``องค์ กร`` -> ``องค์กร``). Only used on
text that shows extraction damage elsewhere (see ``MIN_EVIDENCE``)."""
SOFT_WORD_COST: Final = 0
"""Cost of a word that runs across a SOFT space: any dictionary word does, and the
SOFT_PENALTY alone decides (the unigram cost of a compound such as ``ประจำปี`` that the
corpus always splits would otherwise veto it)."""
MIN_EVIDENCE: Final = 2
"""Artefacts (PUA glyphs, split sara am, detached marks, fragment spaces) a text must
show before spaces between two complete words are questioned at all. Real damage
comes from the font and covers the whole page, so a page without any of it keeps
every such space; that is what keeps well-formed text unchanged."""

_CLOSED, _OPEN, _SOFT = 0, 1, 2
_SPACE_AFTER: Final = frozenset({"ณ"})
"""Words that Thai orthography follows by a space (``ณ ห้องประชุม``)."""
_SINGLE_UNIT_RE: Final = re.compile(
    f"^[\u0e40-\u0e44]?[\u0e01-\u0e2e]?[{MARK_CLASS}]*[\u0e30\u0e32\u0e33\u0e45]?$"
)


def _single_unit(chunk: str) -> bool:
    return len(chunk) <= 4 and bool(_SINGLE_UNIT_RE.match(chunk))


def _after_single_unit(text: str, a: int) -> bool:
    """Is the chunk starting at ``a`` preceded by a one-syllable chunk and a space (as
    in letter-spaced text)?"""
    if a < 2 or text[a - 1] not in _HSPACE:
        return False
    j = a - 1
    i = _chunk_start(text, j)
    return i < j and _single_unit(text[i:j])


def _join_kind(text: str, a1: int, b1: int, a2: int, b2: int, soft: bool = True) -> int:
    """Classify the single space between chunks text[a1:b1] and text[a2:b2].

    OPEN: one side ends/starts with a fragment rather than a word (``เป็ น``,
    ``สำ นัก``, ``ส านัก``); chunks of an abbreviation (``พ.ศ.``) count as words.
    SOFT: both sides are words but the space follows a mark or ำ, where extraction
    gaps appear, and a word seen in the corpus crosses it (``องค์ กร``).
    CLOSED: anything else; such a space is never touched."""
    left, right = text[a1:b1], text[a2:b2]
    if left in _SPACE_AFTER and not _after_single_unit(text, a1):
        return _CLOSED
    left_ok = (a1 > 0 and text[a1 - 1] == ".") or tail_is_word(left)
    right_ok = (b2 < len(text) and text[b2] == ".") or head_is_word(right)
    if not (left_ok and right_ok):
        return _OPEN
    if soft and (left[-1] in MARKS or left[-1] == SARA_AM) and crosses_word(left, right):
        return _SOFT
    return _CLOSED


_Edits = tuple[tuple[int, str], ...]


@lru_cache(maxsize=16384)
def _solve_component(t: str, kinds: tuple[int, ...], letterspaced: tuple[bool, ...]) -> str:
    """Choose which spaces of ``t`` (Thai chunks joined by single spaces) to drop and
    where a lost ำ must be restored, by a lattice search over dictionary words that
    may span spaces.

    Objective, compared lexicographically: characters outside dictionary words; word
    cost (+ SOFT_PENALTY per dropped SOFT space, across which only corpus-attested
    words may run); then edits (dropping an OPEN space costs 1, or -1 inside
    letter-spaced text, where dropping is the default)."""
    lex = lexicon()
    table = lex.table
    n = len(t)
    space_idx = [i for i, c in enumerate(t) if c == " "]
    kind_at = dict(zip(space_idx, kinds, strict=True))
    r_cost = {i: (-1 if ls else 1) for i, ls in zip(space_idx, letterspaced, strict=True)}
    inf = (n + 1, 0, 0)
    best: list[tuple[int, int, int]] = [inf] * (n + 1)
    back: list[tuple[int, _Edits]] = [(0, ())] * (n + 1)
    best[0] = (0, 0, 0)

    def relax(q: int, cand: tuple[int, int, int], p: int, ed: _Edits) -> None:
        if cand < best[q]:
            best[q] = cand
            back[q] = (p, ed)

    for p in range(n):
        bu, bc, br = best[p]
        if bu > n:
            continue
        if t[p] == " ":
            relax(p + 1, (bu, bc, br), p, ())
            if kind_at[p] == _OPEN:
                relax(p + 1, (bu, bc, br + r_cost[p]), p, ((p, "del"),))
            continue
        relax(p + 1, (bu + 1, bc + UNKNOWN_COST, br), p, ())
        # (position, prefix, edit cost, extra word cost, crossed a SOFT space, edits)
        stack: list[tuple[int, str, int, int, bool, _Edits]] = [(p, "", 0, 0, False, ())]
        while stack:
            q, pref, rr, xc, soft, ed = stack.pop()
            if q >= n:
                continue
            c = t[q]
            if c == " ":
                if not pref:
                    continue
                if kind_at[q] == _SOFT:
                    stack.append((q + 1, pref, rr, xc + SOFT_PENALTY, True, (*ed, (q, "del"))))
                    continue
                rq = rr + r_cost[q]
                stack.append((q + 1, pref, rq, xc, soft, (*ed, (q, "del"))))
                if (
                    q + 1 < n
                    and t[q + 1] == SARA_AA
                    and (pref[-1] in CONSONANTS or pref[-1] in TONE_MARKS)
                ):
                    np = pref + SARA_AM
                    v = table.get(np)
                    if v is not None:
                        ed2 = (*ed, (q, "am"))
                        if v >= 0:
                            relax(
                                q + 2,
                                (bu, bc + (SOFT_WORD_COST if soft else v) + xc, br + rq),
                                p,
                                ed2,
                            )
                        stack.append((q + 2, np, rq, xc, soft, ed2))
                continue
            np = pref + c
            v = table.get(np)
            if v is None:
                continue
            if v >= 0:
                relax(q + 1, (bu, bc + (SOFT_WORD_COST if soft else v) + xc, br + rr), p, ed)
            stack.append((q + 1, np, rr, xc, soft, ed))

    edits: dict[int, str] = {}
    q = n
    while q > 0:
        p, ed = back[q]
        for i, what in ed:
            edits[i] = what
        q = p
    out: list[str] = []
    i = 0
    while i < n:
        edit = edits.get(i)
        if edit == "del":
            i += 1
        elif edit == "am":
            out.append(SARA_AM)
            i += 2
        else:
            out.append(t[i])
            i += 1
    return "".join(out)


def _line_joins(line: str, soft: bool) -> tuple[list[tuple[int, int]], list[int]]:
    chunks = [(m.start(), m.end()) for m in _CHUNK_RE.finditer(line)]
    kinds = [
        _join_kind(line, a1, b1, a2, b2, soft) if a2 == b1 + 1 and line[b1] in _HSPACE else _CLOSED
        for (a1, b1), (a2, b2) in itertools.pairwise(chunks)
    ]
    if soft:
        # In a letter-spaced run (three or more one-syllable chunks in a row) even
        # spaces between two complete words ("ที่ ต้ อ ง") are open.
        single = [_single_unit(line[a:b]) for a, b in chunks]
        k = 0
        while k < len(kinds):
            j = k
            while (
                j < len(kinds)
                and single[j]
                and single[j + 1]
                and (chunks[j + 1][0] == chunks[j][1] + 1 and line[chunks[j][1]] in _HSPACE)
            ):
                j += 1
            if j - k >= 2:
                for i in range(k, j):
                    if kinds[i] == _CLOSED:
                        kinds[i] = _OPEN
            k = max(j, k + 1)
    return chunks, kinds


def _fix_spaces_line(line: str, soft: bool) -> str:
    chunks, kinds = _line_joins(line, soft)
    if not any(kinds):
        return line
    parts_all = [line[a:b] for a, b in chunks]
    single = [_single_unit(p) for p in parts_all]
    out: list[str] = []
    pos = 0
    k = 0
    while k < len(kinds):
        if not kinds[k]:
            k += 1
            continue
        first = k
        while k < len(kinds) and kinds[k]:
            k += 1
        last = k  # chunks first..last form one component
        a = chunks[first][0]
        b = chunks[last][1]
        t = " ".join(parts_all[first : last + 1])
        # Letter-spaced text ("ก า ร ป ร ะ ชุ ม", distributed justification): when most
        # chunks are single syllable units, dropping a space is the default.
        spread = 2 * sum(single[first : last + 1]) >= last - first + 1
        ls = tuple(spread and single[i] and single[i + 1] for i in range(first, last))
        solved = _solve_component(t, tuple(kinds[first:last]), ls)
        out.append(line[pos:a])
        out.append(solved if solved != t else line[a:b])
        pos = b
    out.append(line[pos:])
    return "".join(out)


def _fix_spaces(text: str, soft: bool) -> str:
    if not _THAI_SPACE_RE.search(text):
        return text
    return "\n".join(_fix_spaces_line(line, soft) for line in text.split("\n"))


def _open_joins(text: str) -> int:
    """Spaces between Thai letters where one side is a fragment."""
    count = 0
    for m in _THAI_SPACE_RE.finditer(text):
        i = m.start()
        a = i
        while a > 0 and text[a - 1] in THAI_LETTERS:
            a -= 1
        b = i + 1
        while b < len(text) and text[b] in THAI_LETTERS:
            b += 1
        if _join_kind(text, a, i, i + 1, b, soft=False) != _CLOSED:
            count += 1
    return count


_EVIDENCE_RE: Final = re.compile(
    "[\uf700-\uf71f\u0e4d]"
    + f"|(?<![\u0e01-\u0e2e{MARK_CLASS}])[{MARK_CLASS}]+"
    + "|\u0e33[\u0e48-\u0e4b]"
)


def _evidence(text: str) -> int:
    """How many PDF-extraction artefacts does the text show?"""
    text = unicodedata.normalize("NFC", text)
    n = sum(1 for c in text if PUA_FIRST <= ord(c) <= PUA_LAST)
    text = text.translate(PUA_TRANSLATION)
    n += len(_EVIDENCE_RE.findall(text))
    if n >= MIN_EVIDENCE:
        return n
    return n + _open_joins(text)


def _needs_space_check(text: str) -> bool:
    for m in _THAI_SPACE_RE.finditer(text):
        i = m.start()
        a = i
        while a > 0 and text[a - 1] in THAI_LETTERS:
            a -= 1
        b = i + 1
        while b < len(text) and text[b] in THAI_LETTERS:
            b += 1
        if _join_kind(text, a, i, i + 1, b) != _CLOSED:
            return True
    return False


# --- public API ------------------------------------------------------------------------
def _repair_once(text: str, soft: bool) -> str:
    text = unicodedata.normalize("NFC", text)
    if any("\u00a1" <= c <= "\u00fb" for c in text):
        text = _apply_mojibake(text)
    if any(PUA_FIRST <= ord(c) <= PUA_LAST for c in text):
        text = text.translate(PUA_TRANSLATION)
    text = _CONTROL_RE.sub("", text)
    # An unmapped glyph floating before sara aa is the nikhahit of a sara am whose glyph had
    # no ToUnicode entry (old Word + TH Sarabun PSK): "ส\ufffdานัก" is "สำนัก".
    text = _UNMAPPED_NIKHAHIT_RE.sub(NIKHAHIT, text)
    text = _FFFD_RE.sub("", text)
    text = _normalize_clusters(text)
    text = _reattach_marks(text)
    return _fix_spaces(text, soft)


def repair(text: str, *, trust_spaces: bool = False) -> str:
    """Repair Thai text extracted from a PDF text layer or produced by OCR.

    In order: NFC; TIS-620/UTF-8 mojibake; PUA glyph variants; zero-width and control
    junk (and U+FFFD next to Thai); sara am recomposition (ํ + า, ํ + tone + า, also
    across a space); canonical mark order with duplicates removed; marks detached
    behind a space or at a line start put back on the consonant that yields dictionary
    words (moving a syllable across a line break only when that makes every word
    known); lost sara am (``ส านัก``) and spaces inserted inside words, decided by the
    dictionary. Spaces between complete words, next to digits, Latin or punctuation
    are kept. Well-formed text comes back unchanged and ``repair(repair(x)) ==
    repair(x)``.

    ``trust_spaces``: the caller placed spaces from real geometry (itadoc's own text-layer
    reader measures gaps per line), so a space between two complete words is never removed
    on the strength of damage seen elsewhere in the text; spaces next to word fragments
    ("เป็ น") are still closed.
    """
    if not text or (
        _SUSPICIOUS_RE.search(text) is None
        and not _needs_space_check(text)
        and unicodedata.is_normalized("NFC", text)
    ):
        return text
    lexicon()
    soft = not trust_spaces and _evidence(text) >= MIN_EVIDENCE
    for _ in range(4):
        new = _repair_once(text, soft)
        if new == text:
            break
        text = new
    return text
