"""Best segmentation path through the candidates, and the numeric runs on it.

Why a path search: a wide column may be one wide Thai letter or two touching digits, and a
narrow one may be a whole "๑" or half of a broken "๓". Every candidate is scored by the
classifier's best non-junk probability; the path maximizing the product wins (a half glyph or
two glyphs glued together were trained as junk, so they lose to the right cut).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

import numpy as np

from ingest.digits.features import candidate_mask
from ingest.digits.model import (
    ARABIC_DIGITS,
    CLASS_INDEX,
    CLASSES,
    DIGIT_IDS,
    JUNK_ID,
    NUMBER_PUNCT,
    PUNCT,
    THAI_DIGITS,
)
from ingest.digits.segment import Candidate, LineSeg


@dataclass(frozen=True, slots=True)
class Read:
    """One glyph on the chosen path: class, probability, ink box in crop pixels."""

    cls: int
    conf: float
    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def char(self) -> str:
        return CLASSES[self.cls]

    @property
    def is_digit(self) -> bool:
        return self.cls in DIGIT_IDS


@dataclass(frozen=True, slots=True)
class Run:
    """A numeric token: digits with single punctuation marks between them."""

    reads: tuple[Read, ...]
    left: Read | None
    right: Read | None
    """The glyphs just outside the run (None at the edge of the examined region)."""

    @property
    def text(self) -> str:
        return "".join(r.char for r in self.reads)

    @property
    def conf(self) -> float:
        return min(r.conf for r in self.reads)

    @property
    def x0(self) -> int:
        return self.reads[0].x0

    @property
    def x1(self) -> int:
        return self.reads[-1].x1

    def apart(self, gap: float) -> tuple[bool, bool]:
        """Whether the run stands apart on its left and on its right: nothing read beside it,
        a gap of `gap` or more, or a number mark (".", ",", "%" ...) next to it."""
        left, right = self.left, self.right
        return (
            left is None or self.x0 - left.x1 >= gap or left.char in PUNCT,
            right is None or right.x0 - self.x1 >= gap or right.char in PUNCT,
        )


def best_path(
    seg: LineSeg, cands: list[Candidate], probs: np.ndarray, lo: int = 0, hi: int | None = None
) -> list[Read]:
    """Viterbi over atoms lo..hi-1: a candidate is an edge from atom `first` to `last + 1`.

    `cands` must lie inside [lo, hi) and include every single atom (the segmenter's do).
    """
    hi = len(seg.atoms) if hi is None else hi
    score = [-math.inf] * (hi + 1)
    back: list[int] = [-1] * (hi + 1)
    score[lo] = 0.0
    nonjunk = probs.copy()
    nonjunk[:, JUNK_ID] = 0.0
    best_cls = nonjunk.argmax(axis=1)
    best_p = nonjunk[np.arange(len(cands)), best_cls]
    logp = np.log(best_p + 1e-6)
    order = sorted(range(len(cands)), key=lambda k: cands[k].last)
    for k in order:
        c = cands[k]
        s = score[c.first] + float(logp[k])
        if s > score[c.last + 1]:
            score[c.last + 1], back[c.last + 1] = s, k
    path: list[int] = []
    j = hi
    while j > lo and back[j] >= 0:
        path.append(back[j])
        j = cands[back[j]].first
    reads: list[Read] = []
    for k in reversed(path):
        mask, mx, my = candidate_mask(seg, cands[k])
        ys, xs = np.nonzero(mask)
        if len(ys) == 0:
            continue
        box = (
            mx + int(xs.min()),
            my + int(ys.min()),
            mx + int(xs.max()) + 1,
            my + int(ys.max()) + 1,
        )
        reads.append(Read(int(best_cls[k]), float(best_p[k]), *box))
    return reads


def space_threshold(reads: list[Read], xh: float) -> float:
    """Gap that counts as a space: 0.45 x-height, or 2.2x the narrow gaps between digits.

    Monospaced fonts set digits far apart, so a fixed threshold would split their numbers;
    gaps already wider than 0.7 x-height are spaces themselves and do not vote, and the
    threshold never exceeds one x-height (a real space in any font is wider).
    """
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(reads) if a.is_digit and b.is_digit]
    gaps = [g for g in gaps if g < 0.7 * xh]
    typical = float(np.percentile(gaps, 25)) if gaps else 0.0
    return min(max(0.45 * xh, 2.2 * typical), 1.0 * xh)


PITCH_JOIN = 1.2
"""Two digits whose centres are at most this many digit pitches apart are one number."""


def digit_pitch(reads: list[Read], thr: float) -> float | None:
    """The median distance between the centres of neighbouring digits of one number.

    Why: digits are set on a fixed advance (tabular figures), so a narrow digit such as "1",
    whose ink sits in the middle of a wide advance, leaves ink gaps as wide as a space on
    both sides ("18.00" looks like "1 8.00"); the distance between centres does not change.
    None with fewer than two such pairs to measure.
    """
    pitches = [
        (b.x0 + b.x1 - a.x0 - a.x1) / 2
        for a, b in itertools.pairwise(reads)
        if a.is_digit and b.is_digit and b.x0 - a.x1 < thr
    ]
    return float(np.median(pitches)) if len(pitches) >= 2 else None


class Break(NamedTuple):
    """A space tesseract put between two tokens with digits (`windows.number_breaks`)."""

    x: float
    """Its middle (crop pixels)."""
    digits: int
    """The fewer digits of the two tokens: 1 for a lone digit beside a number."""


def same_number(
    a: Read, b: Read, thr: float, pitch: float | None, breaks: Sequence[Break] = ()
) -> bool:
    """Whether digit `b` follows digit `a` in the same number: a narrow ink gap, or (a gap
    short of two spaces, with no space of tesseract's between two numbers there) centres no
    further apart than the line's digit pitch allows.

    A narrow gap does not join where tesseract saw a space and the centres are further apart
    than a pitch allows: a narrow space at 200 dpi ("๒๕๖๔ ๙ ส.ค.", "50 4.10.8"). A lone
    digit's space counts there, where the pitch backs it, but not against a join by pitch
    alone: a narrow "1" leaves gaps as wide as a space ("18.00" read "1 8.00").
    """
    gap = b.x0 - a.x1
    between = [br for br in breaks if a.x1 <= br.x <= b.x0]
    apart = pitch is not None and (b.x0 + b.x1 - a.x0 - a.x1) / 2 > PITCH_JOIN * pitch
    if gap < thr:
        return not (between and apart)
    if pitch is None or gap >= 2 * thr or any(br.digits >= 2 for br in between):
        return False
    return not apart


MARK_CELL = 2.2
"""Digit pitches between the centres of two digits around a mark set in a cell of its own."""


def _joins(a: Read, mark: Read, b: Read, thr: float, pitch: float | None) -> bool:
    """Whether a mark between digits `a` and `b` joins them into one number: both gaps short
    of one and a half spaces, or, in a typewriter font, the mark in a cell of its own.

    Why the second: a monospaced font gives "." a whole digit cell, so "๙๔.๖๐" in TlwgTypo
    leaves gaps as wide as a space on both sides of the dot. Such gaps are even, and the
    digits' centres are two pitches apart; a full stop and a space ("๑. ๒") leave uneven ones.
    """
    g1, g2 = mark.x0 - a.x1, b.x0 - mark.x1
    if g1 < 1.5 * thr and g2 < 1.5 * thr:
        return True
    if pitch is None or abs(g1 - g2) > 0.5 * max(g1, g2):
        return False
    return (b.x0 + b.x1 - a.x0 - a.x1) / 2 <= MARK_CELL * pitch


def numeric_runs(
    reads: list[Read], thr: float, pitch: float | None = None, breaks: Sequence[Break] = ()
) -> list[Run]:
    """Maximal digit runs; one of . , / - : joins two digits when both gaps are not spaces
    (`_joins`).

    `pitch`: the line's digit pitch (`digit_pitch` of all its reads); by default, that of
    `reads`. `breaks`: where tesseract put a space between two numbers (`windows.number_breaks`;
    see `same_number` for when one splits two digits).
    """
    runs: list[Run] = []
    pitch = pitch or digit_pitch(reads, thr)
    i, n = 0, len(reads)
    while i < n:
        if not reads[i].is_digit:
            i += 1
            continue
        j = i
        while j + 1 < n:
            a, b = reads[j], reads[j + 1]
            if b.is_digit and same_number(a, b, thr, pitch, breaks):
                j += 1
                continue
            if (
                b.cls in NUMBER_PUNCT
                and j + 2 < n
                and reads[j + 2].is_digit
                and _joins(a, b, reads[j + 2], thr, pitch)
            ):
                j += 2
                continue
            break
        left = reads[i - 1] if i > 0 else None
        right = reads[j + 1] if j + 1 < n else None
        runs.append(Run(tuple(reads[i : j + 1]), left, right))
        i = j + 1
    return runs


ONE_SCRIPT_MIN_DIGITS = 3
_ZERO = {True: CLASS_INDEX["๐"], False: CLASS_INDEX["0"]}


def is_thai(read: Read) -> bool:
    """Whether a digit read is a Thai digit (not an Arabic one)."""
    return CLASSES[read.cls] not in ARABIC_DIGITS


def one_script(run: Run) -> Run:
    """A number is printed in one script: mend a run whose digits mix Thai and Arabic.

    No report writes "๑00" or "3086๓"; such a run is a misreading. Two shapes of it are
    mended, in runs of at least three digits: a zero of the other script than every non-zero
    digit (Thai ๐ and an Arabic 0 differ only in roundness) takes their script, and a single
    non-zero digit of the other script at either end (typically a Thai letter beside a
    number, ณ read as ๓), or two beside three or more (a letter read as two digits: "อ826"
    read "๖๑826"), is left out of the run, so the glyph tesseract read there stays;
    where the non-zero digits tie one to one, two zeros' script decides which is odd ("005๓";
    in "๒50" one zero is too little to go on).
    The zero's rule holds in a two-digit number too, a digit and then a zero ("9๐" is "90"):
    there is no tie to settle. Not a zero before the digit: there it is as often a letter
    drawn round (ด, อ) glued to a lone digit ("ด1" read "๐1").
    Anything else (digits split evenly between the scripts) is left as read.
    """
    digits = [r for r in run.reads if r.is_digit]
    nonzero = [r for r in digits if r.cls not in _ZERO.values()]
    if len(digits) < ONE_SCRIPT_MIN_DIGITS and not (len(digits) == 2 and nonzero == digits[:1]):
        return run
    thai = sum(is_thai(r) for r in nonzero)
    if 0 < thai < len(nonzero):
        arabic = len(nonzero) - thai
        odd = 1
        if min(thai, arabic) == 1 and max(thai, arabic) >= 2:
            odd_thai = thai == 1
        elif min(thai, arabic) == 2 and max(thai, arabic) >= 3:
            odd, odd_thai = 2, thai == 2  # a letter read as two digits ("อ826": "๖๑826")
        else:  # a tie among the non-zero digits ("005๓"): the zeros' script decides
            thai_all = sum(is_thai(r) for r in digits)
            if min(thai_all, len(digits) - thai_all) != 1 or len(digits) < 4:
                return run  # no single odd one out
            odd_thai = thai_all == 1
        reads = run.reads
        at = [k for k, r in enumerate(reads) if r.is_digit]

        def all_odd(ks: list[int]) -> bool:
            return all(reads[k] in nonzero and is_thai(reads[k]) == odd_thai for k in ks)

        if at[0] == 0 and all_odd(at[:odd]):
            k = at[odd]  # a mark that joined the odd digits goes with them
            run = Run(reads[k:], reads[k - 1], run.right)
        elif at[-1] == len(reads) - 1 and all_odd(at[-odd:]):
            k = at[-odd - 1] + 1
            run = Run(reads[:k], run.left, reads[k])
        else:
            return run
        nonzero = [r for r in run.reads if r.is_digit and r.cls not in _ZERO.values()]
    if not nonzero:
        return run
    script = is_thai(nonzero[0])
    if any(is_thai(r) != script for r in nonzero):
        return run
    zero = _ZERO[script]
    if all(r.cls == zero for r in run.reads if r.cls in _ZERO.values()):
        return run
    return Run(
        tuple(replace(r, cls=zero) if r.cls in _ZERO.values() else r for r in run.reads),
        run.left,
        run.right,
    )


def _shape(run: Run) -> str:
    """The run's text with every digit as "9": the shape `thousands` and `one_place` match."""
    return "".join("9" if r.is_digit else r.char for r in run.reads)


_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+(?:\.\d+)?")


_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def bad_grouping(text: str) -> bool:
    """Whether a number's commas stand anywhere but between groups of three digits (after a
    first group of one to three): "๘,๐๗๑๒๘๒.๕๓" lost a comma, "๘,๐๗๑,๒๘๒.๕๓" did not."""
    shape = "".join("9" if ch in THAI_DIGITS or ch in ARABIC_DIGITS else ch for ch in text)
    return "," in shape and not _COMMA_GROUPED.fullmatch(shape)


def thousands(run: Run) -> Run:
    """Dots that can only be thousands separators become commas: "๔.๖๓๐.๒๐๕", "7.169,261".

    A small comma on a scan reads as a dot. A number with two dots, or with a dot before a
    comma, is not a plain decimal; where its separators stand between groups of three digits
    (after a first group of one to three), every dot but a last decimal one is a comma. So
    is a last dot after commas with three digits after it ("๒,๘๐๑.๕๘๑"): these reports print
    amounts to the satang and scores and percentages to two places, never a thousandth
    beside thousands (three such on the studied benchmark lines, none a decimal). One dot
    alone ("๑.๒๓๔") is left as read: it may be the decimal point.
    """
    text = _shape(run)
    if not _GROUPED.fullmatch(text):
        return run
    dots = [k for k, ch in enumerate(text) if ch == "."]
    commas = [k for k, ch in enumerate(text) if ch == ","]
    if len(dots) >= 2:
        decimal = len(text) - dots[-1] - 1 != 3
        group = dots[:-1] if decimal else dots
    elif dots and commas and (dots[0] < commas[-1] or len(text) - dots[-1] - 1 == 3):
        group = dots
    else:
        return run
    comma = CLASS_INDEX[","]
    reads = tuple(replace(r, cls=comma) if k in group else r for k, r in enumerate(run.reads))
    return Run(reads, run.left, run.right)


_ONE_PLACE = re.compile(r"9{1,3}[,:]9")


def one_place(run: Run) -> Run:
    """A comma or colon with a single digit after it, the number's one mark, is a decimal
    point: "5,8" is "5.8", "๑๑:๓" is "๑๑.๓".

    Why: a comma groups three digits and a time's minutes are two, so neither can stand
    there; a dot read as one (a scan's speck below it, a second one above) is what that
    shape is (one of each on the study lines). With two digits after, it may be a number
    that lost a digit ("๒,๘๓" of "๒,๘๓๑"), and is left as read.
    """
    if not _ONE_PLACE.fullmatch(_shape(run)):
        return run
    dot = CLASS_INDEX["."]
    reads = tuple(replace(r, cls=dot) if r.char in ",:" else r for r in run.reads)
    return Run(reads, run.left, run.right)
