"""The CTC network's passes over a line's paths: `sequence_reread(job, paths, net)`.

Why a second reader: the glyph path is better at single glyphs, the network at where glyphs
begin and end. So the network reads whole numbers where the path may have cut wrong (unsure
or junk glyphs glued to a run, a mark lost in a wide gap), in small print every number, where
tesseract found more digits than the path did, and where tesseract's reading differs from
the path's (Arabic numbers, and the Thai digits tesseract's model holds); its reading replaces
the path's only when the network is sure enough of it.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from ingest.digits import ctc
from ingest.digits.decode import (
    Read,
    Run,
    bad_grouping,
    digit_pitch,
    numeric_runs,
    same_number,
    space_threshold,
)
from ingest.digits.model import (
    ARABIC_DIGITS,
    CLASS_INDEX,
    JUNK_ID,
    NUMBER_PUNCT,
    OTHER_ID,
    PUNCT,
    THAI_DIGITS,
)
from ingest.digits.windows import (
    BLOB_CONF,
    DIGIT,
    Job,
    consumes,
    glyph_over,
    glyph_tokens,
    glyphs_over,
    guessing,
    overlap,
)
from parsers.numerals import to_arabic
from schemas.page import Glyph, Line

_DIGITS = frozenset(THAI_DIGITS + ARABIC_DIGITS)
_MARKS = frozenset(ch for ch, k in CLASS_INDEX.items() if k in NUMBER_PUNCT)
"""The number marks . , / - : as characters."""
SEQUENCE_SURE = 0.95
"""A path glyph at least this sure (and not junk) is not re-read by the sequence model."""
SEQUENCE_MARGIN = 2.0
"""How much more likely (log) the network must find its reading than the path's to use it."""
PUNCT_GAP = 0.3
"""A gap inside a number this wide (x-heights) and 2.5x its usual gap may hide a lost mark."""
SMALL_XH = 22.0
"""x-height (pixels) below which even a run the path was sure of is read by the network too:
digits 11-17 px high (print at 200 dpi) lose the nicks that tell ๓ from ๑ or ๔ from ๕, and
there the network, reading the number whole, catches what the glyph path confidently misread.
Larger print is left to the path (measured: no gain there, and the network's time saved)."""
SURE_MARGIN = 12.0
"""How much more likely (log) the network must find its reading of such a sure run."""
ARBITRATE_MARGIN = 0.0
"""How much more likely (log) the network must find tesseract's reading of an Arabic number."""
SCRIPT_PRIOR = 5.0
"""How much less likely (log) `arbitrate` holds a path reading that mixes the two scripts."""
MARK_SLACK = 6.0
"""How much less likely (log) than the path's reading the network may find tesseract's marks
and still have them taken (`tesseract_marks`)."""
JOIN_GAP = 1.2
"""Two numbers this close (x-heights) with nothing read between may be one with a lost mark."""
PATH_SURE = 0.99
"""A path digit this sure is changed by the network only with SURE_MARGIN (`_keep_sure`)."""
SLIVER = 0.5
"""Share of a space below which a path "letter" is a sliver of a chopped glyph (`widen`)."""
GLUED_SURE = 0.9
"""How sure the network must be of every symbol to confirm a number glued to a letter."""
TESSERACT_THAI_DIGITS = "๐๑๒๓๕"
"""The Thai digits stock tesseract's Thai model can write (tesseract-ocr/langdata_lstm#42)."""


def _doubtful(r: Read) -> bool:
    return r.cls == JUNK_ID or r.conf < SEQUENCE_SURE


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch in _DIGITS)


def _index(reads: list[Read], r: Read) -> int:
    return next((k for k, q in enumerate(reads) if q is r), -1)


def _wide_gap(run: Run, xh: float) -> bool:
    """A gap between two digits of the run that may hold a mark the path lost (a 2-pixel
    dot falls below the component-size floor): "07.30" read as "0730". Or every gap is
    that wide: a list number whose every dot was lost ("7.2.6)" read "726)"), where no gap
    stands out from the others."""
    rs = run.reads
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(rs) if a.is_digit and b.is_digit]
    if len(gaps) < 2:
        return bool(gaps) and gaps[0] >= PUNCT_GAP * xh * 1.5
    usual = float(np.median(gaps))
    return max(gaps) >= max(PUNCT_GAP * xh, 2.5 * usual) or min(gaps) >= PUNCT_GAP * xh


def _sliver(r: Read, thr: float) -> bool:
    """A path "letter" narrower than SLIVER of a space: a piece of a glyph, not a letter."""
    return r.cls == OTHER_ID and r.x1 - r.x0 < SLIVER * thr


def widen(
    reads: list[Read],
    k: int,
    step: int,
    thr: float,
    seen: Callable[[Read], bool],
    same: Callable[[Read, Read], bool] | None = None,
    seven: Callable[[Read], bool] | None = None,
) -> int:
    """How far a run's end at `k` extends (`step` -1: left, 1: right) so the sequence model
    reads what the path could not: over the unsure or junk glyphs glued to it, across one
    number mark to an unsure glyph ("-" of "064-853-0467" with the "0" after it unsure), and
    over one "letter" with digits glued on both sides where tesseract saw a digit (`seen`):
    "๒๕๓๐" read "๒๕", a letter, "๐" (no printed number has a letter inside it), with the
    digits beyond it, or with a number mark between it and them ("๔.๗.๙" read "๔.", a
    letter, "๙."); where `seven` says tesseract wrote its ๗ (SEVEN_STAND_IN) over two path
    "letters" side by side, the two are that letter ("๖,๗๓๐" in bold Prompt at 200 dpi, the
    ๗ cut in two). A sliver (`_sliver`) is crossed like an unsure glyph: the even-cut
    pass chops a glyph it cannot read into pieces of a few pixels, some read sure as letters
    (the ๗ of a score "๗๔.๒๑" in TH Baijam at 200 dpi, which the network reads whole).

    `same`: whether two neighbouring digits belong to one number (`decode.same_number`); it
    does not cross from a digit to one that does not. Two numbers at a narrow space that
    tesseract saw ("๒๕๔๒ ๙.๕") were split by `numeric_runs`, and a window over both let the
    network read them as one."""

    def glued(i: int, j: int) -> bool:
        lo, hi = min(i, j), max(i, j)
        if lo < 0 or hi >= len(reads) or reads[hi].x0 - reads[lo].x1 >= thr:
            return False
        a, b = reads[lo], reads[hi]
        return same is None or not (a.is_digit and b.is_digit) or same(a, b)

    def halves(i: int, j: int) -> bool:
        return (
            seven is not None
            and glued(i, j)
            and reads[j].cls == OTHER_ID
            and seven(reads[i])
            and seven(reads[j])
        )

    crossed = False  # one letter at most: a chain of them is a stamp or a word, not a number
    while True:
        n = k + step
        if not glued(k, n):
            return k
        if _doubtful(reads[n]) or reads[n].is_digit or _sliver(reads[n], thr):
            k = n
        elif reads[n].cls in NUMBER_PUNCT and glued(n, n + step) and _doubtful(reads[n + step]):
            k = n + step
        elif not crossed and reads[n].cls == OTHER_ID and seen(reads[n]):
            m = n + step if halves(n, n + step) else n
            d = m + step
            if glued(m, d) and reads[d].cls in NUMBER_PUNCT:
                d += step
            if not (glued(d - step, d) and reads[d].is_digit):
                return k
            k, crossed = d, True  # a "letter" with digits glued on both sides
        else:
            return k


def _one_side(
    job: Job,
    net: ctc.CtcNet,
    reads: list[Read],
    wide: tuple[int, int],
    bare: tuple[int, int],
    seen: str,
) -> tuple[int, int, list[Read] | None]:
    """Where the network saw a letter at one end only of a widened window, read it again
    widened on the other side alone: "โทร.๐๙๓-๖๕๗-๔๖๔๙" widened left over the unsure "ร." and
    right over the hyphen and ๖ the path read as one letter, read "~.๐๙๓-๖๕๗-๔๖๔๙"; the
    bare run would lose the rest of the number. (a, b, reading), or the wide span and None."""
    (a, b), (lo, hi) = wide, bare
    starts, ends = seen.startswith(ctc.OTHER_MARK), seen.endswith(ctc.OTHER_MARK)
    if a == lo or b == hi or starts == ends:
        return a, b, None  # widened on one side only, or letters at both ends (or none)
    span = (lo, b) if starts else (a, hi)
    new, _ = _read_window(job, net, reads[span[0] : span[1] + 1])
    return (span[0], span[1], new) if new is not None else (a, b, None)


def _tesseract_digit(job: Job, r: Read) -> bool:
    """Whether a tesseract glyph with a digit in it lies over path glyph `r`'s ink."""
    return any(DIGIT.search(g.text) and glyph_over(g, r.x0, r.x1, job.ox) for g in job.line.glyphs)


SEVEN_STAND_IN = "ฒ"
"""What tesseract's Thai model writes for ๗, which it cannot write ("๗๗.๖๓" read "ฒฒซ.๒๓")."""


GUESS_SEEN = 0.3
"""tesseract's one glyph over a path letter this unsure is a guess, not a reading of a letter
(`_seen_as_digit`)."""


def _seen_as_digit(job: Job, r: Read) -> bool:
    """Whether tesseract read a digit over path glyph `r`, or the letter its model writes for
    ๗ (SEVEN_STAND_IN), read alone, or only guessed there (GUESS_SEEN): a path "letter"
    `widen` may cross. The classifier takes ๗ in some designs (Prompt at 200 dpi) for that
    letter too ("๙๒๖๗๑๐" read "๙๒๖", a letter, "๑๐"; "๐-๗๑๐๙-๑๓๙๑" read "๐-", a letter
    tesseract guessed "พ" at 0.08, "๑๐๙-๑๓๙๑"), and only the network, reading the number
    whole, gets it back."""
    over = glyphs_over(job.line.glyphs, r.x0, r.x1, job.ox)
    if any(DIGIT.search(g.text) or g.text == SEVEN_STAND_IN for g in over):
        return True
    return len(over) == 1 and (over[0].conf or 0.0) < GUESS_SEEN


def _seen_as_seven(job: Job, r: Read) -> bool:
    """Whether tesseract read SEVEN_STAND_IN, alone, over path glyph `r`."""
    return any(
        g.text == SEVEN_STAND_IN and glyph_over(g, r.x0, r.x1, job.ox) for g in job.line.glyphs
    )


def _backed(job: Job, reads: list[Read], lo: int, hi: int, thr: float) -> bool:
    """Whether `reader._accept` could take the run: tesseract also saw a digit under it, or was
    guessing there, or the run stands alone between spaces (or number marks, as there: the
    list number "๙.๘.๒." tesseract skipped, read with an unsure ๙ before its last stop). Others
    (mostly a Thai letter inside a word the path took for a digit) are not worth a network
    pass, and a re-read must not make them look sure."""
    xh = job.seg.geom.xh
    span = reads[lo : hi + 1]
    left = reads[lo - 1] if lo > 0 else None
    right = reads[hi + 1] if hi + 1 < len(reads) else None
    wide = Run(tuple(span), left, right)
    if all(wide.apart(thr)):
        return True
    hits = [g for g in job.line.glyphs if consumes(g, wide, job.ox, xh)]
    if any(DIGIT.search(g.text) for g in hits):
        return True
    x0, x1 = span[0].x0, span[-1].x1
    return guessing(hits or glyphs_over(job.line.glyphs, x0, x1, job.ox))


def _inside_word(wide_text: str, reads: list[Read], lo: int, hi: int, thr: float) -> bool:
    """Letters on both sides of the run: the network reads one in the widened window, and
    the other is there too, in its reading or as a letter the path glued to the run.

    A printed number touches a letter on one side at most ("ที่3"); digits with letters on
    both sides are mostly a Latin word misread ("Facebook": "boo" reads as ๖๐๐). A bare-run
    reading in Thai digits would make them look sure and hide the word from the Latin pass
    (which looks for the ASCII tesseract put there), so it is not used; one in Arabic digits
    hides nothing and is.
    """
    if ctc.OTHER_MARK not in wide_text:
        return False

    def glued(i: int, j: int) -> bool:  # reads[i] is a letter touching reads[j]
        if not (0 <= i < len(reads) and reads[i].cls == OTHER_ID):
            return False
        first, second = reads[min(i, j)], reads[max(i, j)]
        return abs(second.x0 - first.x1) < thr

    left = wide_text.startswith(ctc.OTHER_MARK) or glued(lo - 1, lo)
    right = wide_text.endswith(ctc.OTHER_MARK) or glued(hi + 1, hi)
    return left and right


def sequence_reread(job: Job, reads_per_group: list[list[Read]], net: ctc.CtcNet) -> None:
    """Let the CTC reader re-read the numbers the path may have cut wrong.

    - A run with an unsure glyph, or with unsure or junk glyphs glued to it (what the path
      could not cut: touching digits), is widened over them and read whole; if the network
      sees a letter in the widened window, the bare run is tried instead.
    - A run with an unusually wide gap between two digits, and two runs close together with
      nothing read between them, may have lost a mark (a dot); their reading may only add or
      change marks, never digits.
    - In small print (SMALL_XH) every other run is read again too, and needs SURE_MARGIN.
    - A wide glyph the path crossed unsure under tesseract's digits is read whole
      (`_unread_blobs`), and a number tesseract read with more digits than the path found
      on its ink too (`_lost_digits`).
    - Last, an Arabic number tesseract read differently is settled by `arbitrate`, and a
      Thai digit tesseract read differently (of those its model holds) by `tesseract_thai`.

    A reading replaces the path's glyphs only if it is a number and the network finds it
    SEQUENCE_MARGIN more likely than the path's own text (the path is better at single
    glyphs, the network at where glyphs begin and end); a digit the path was sure of, or
    read as tesseract did, it changes only SURE_MARGIN more likely (`_keep_sure`). Edits
    `reads_per_group` in place.
    """
    xh = job.seg.geom.xh
    every = [r for rs in reads_per_group for r in rs]
    thr = space_threshold(every, xh)
    pitch = digit_pitch(every, thr)
    under = functools.partial(_seen_as_digit, job)
    seven = functools.partial(_seen_as_seven, job)

    def same(a: Read, b: Read) -> bool:
        return same_number(a, b, thr, pitch, job.breaks)

    numbers = tesseract_numbers(job.line, job.ox)
    for reads in reads_per_group:
        for run in reversed(numeric_runs(reads, thr, pitch, job.breaks)):
            lo = _index(reads, run.reads[0])
            if lo < 0:
                continue  # swallowed by the window of the run after it
            hi = lo + len(run.reads) - 1
            a = widen(reads, lo, -1, thr, under, same, seven)
            b = widen(reads, hi, 1, thr, under, same, seven)
            if not _backed(job, reads, a, b, thr):
                continue  # `reader._accept` will judge it on the path's glyphs alone
            if (a, b) != (lo, hi) or run.conf < SEQUENCE_SURE:
                new, seen = _read_window(job, net, reads[a : b + 1])
                if new is None and (a, b) != (lo, hi):
                    a, b, new = _one_side(job, net, reads, (a, b), (lo, hi), seen)
                if new is None and (a, b) != (lo, hi):
                    a, b = lo, hi
                    new, _ = _read_window(job, net, reads[a : b + 1])
                    if (
                        new is not None
                        and any(r.char in THAI_DIGITS for r in new)
                        and _inside_word(seen, reads, lo, hi, thr)
                    ):
                        new = None
            elif _wide_gap(run, xh):
                new, _ = _read_window(job, net, reads[a : b + 1], marks_only=True)
            elif xh < SMALL_XH:
                new, _ = _read_window(job, net, reads[a : b + 1], margin=SURE_MARGIN)
            else:
                continue
            if new is not None:
                reads[a : b + 1] = new
        runs = numeric_runs(reads, thr, pitch, job.breaks)
        for left, right in reversed(list(itertools.pairwise(runs))):
            i, j = _index(reads, left.reads[-1]), _index(reads, right.reads[0])
            if j != i + 1 or right.x0 - left.x1 >= JOIN_GAP * xh:
                continue
            lo, hi = i + 1 - len(left.reads), j + len(right.reads) - 1
            if not (_backed(job, reads, lo, i, thr) and _backed(job, reads, j, hi, thr)):
                continue
            span = reads[lo : hi + 1]
            new, _ = _read_window(job, net, span, marks_only=True)
            if (
                new is not None
                and sum(r.char in PUNCT for r in new) > sum(r.char in PUNCT for r in span)
                and _mark_between(new, span, left, right, xh, thr)
            ):
                reads[lo : hi + 1] = new
        _unread_blobs(job, net, reads)
        _lost_digits(job, net, reads, numbers)
        for run in numeric_runs(reads, thr, pitch, job.breaks):
            arbitrate(job, net, reads, run)
            tesseract_thai(job, net, reads, run)
        runs = numeric_runs(reads, thr, pitch, job.breaks)
        for left, right in reversed(list(itertools.pairwise(runs))):
            i, j = _index(reads, left.reads[-1]), _index(reads, right.reads[0])
            if j == i + 1 and right.x0 - left.x1 < JOIN_GAP * xh:
                tesseract_marks(job, net, reads, [*left.reads, *right.reads], numbers)
        for run in reversed(numeric_runs(reads, thr, pitch, job.breaks)):
            tesseract_marks(job, net, reads, list(run.reads), numbers)


BLOB_WIDTH = 3.0
"""A path glyph less sure than BLOB_CONF, this many x-heights wide or more, under tesseract's
digits, is a blob of touching digits the path could not cut (`_unread_blobs`)."""
BLOB_TOUCH = 0.25
"""Unsure glyphs less than this many x-heights apart make one stretch (`_unread_blobs`)."""


def _unread_blobs(job: Job, net: ctc.CtcNet, reads: list[Read]) -> None:
    """Read whole with the network each wide stretch of ink the path could only cross unsure
    where tesseract saw digits: a bold phone number at 200 dpi whose digits and hyphens all
    touch ("๐-๒๕๑๐-๘๘๖๗", one blob) has no sure digit beside it to send it to the even-cut
    second pass (`reader._unread_blobs`). A stretch is one unsure glyph or several touching
    ones (Kinnari's "๗๐๖๓๗" crossed as two unsure "letters", neither wide enough alone). The
    reading replaces the glyphs if it is a number (`_read_window`: a letter in it, or no
    digit, keeps the path's). Edits `reads` in place."""
    xh = job.seg.geom.xh
    k = len(reads) - 1
    while k >= 0:
        if reads[k].conf >= BLOB_CONF:
            k -= 1
            continue
        lo = k
        while (
            lo > 0
            and reads[lo - 1].conf < BLOB_CONF
            and reads[lo].x0 - reads[lo - 1].x1 < BLOB_TOUCH * xh
        ):
            lo -= 1
        span = reads[lo : k + 1]
        if span[-1].x1 - span[0].x0 >= BLOB_WIDTH * xh and any(
            _tesseract_digit(job, r) for r in span
        ):
            new, _ = _read_window(job, net, span)
            if new is not None:
                reads[lo : k + 1] = new
        k = lo - 1


LOST_MIN = 1
"""How many fewer digits than tesseract's Arabic number the path must find on its ink to have
the network read it (tesseract's model holds all Arabic digits: its count is good)."""
LOST_MIN_THAI = 3
"""... for a Thai number. tesseract writes the Thai digits its model lacks as one or two
others ("๙" as "๓๕"), so its count runs high; and a stray digit it puts on a letter beside a
number ("๓ต" read "๓๓") must not send the network to read the letter as a digit too."""
_NUMERIC_GLYPH = re.compile(r"[0-9๐-๙.,/:\-]+")
_THAI_DIGIT = re.compile(r"[๐-๙]")


def tesseract_numbers(line: Line, ox: int) -> list[tuple[float, float, int, bool, str]]:
    """(x0, x1, digits, thai, text) in crop pixels of each tesseract token that is a number:
    digits of one script and number marks (brackets and "%" around them allowed, not in
    `text`), two digits or more.

    Whole tokens of one script only: digits inside a word, or Thai and Arabic digits mixed,
    are mostly a Latin word tesseract's Thai model wrote as digits ("Facebook" as "ถืล6๕๖๐๐",
    "e-GP" as "๑-089"), which the Latin pass reads later.
    """
    out: list[tuple[float, float, int, bool, str]] = []
    for tok in glyph_tokens(line):
        text = "".join(g.text for g in tok).strip("()[]%")
        n = len(DIGIT.findall(text))
        thai = len(_THAI_DIGIT.findall(text))
        if n >= 2 and _NUMERIC_GLYPH.fullmatch(text) and thai in (0, n):
            x0, x1 = min(g.bbox.x0 for g in tok) - ox, max(g.bbox.x1 for g in tok) - ox
            out.append((x0, x1, n, thai > 0, text))
    return out


def _lost_digits(
    job: Job,
    net: ctc.CtcNet,
    reads: list[Read],
    numbers: list[tuple[float, float, int, bool, str]],
) -> None:
    """Where tesseract read a number of n digits and the path found fewer on its ink (by
    LOST_MIN, or LOST_MIN_THAI for Thai digits): "21:45" read "2", three letters, "5", the
    colon run into the digits. The network reads the ink under tesseract's number; its
    reading replaces the path's if it is a number and more likely (`_read_window`), and
    tesseract's Arabic reading stands in for the network's where the two differ only by
    letters the network saw (`_without_letters`). `numbers`: the line's `tesseract_numbers`.
    Edits `reads` in place."""
    for x0, x1, n, thai, text in numbers:
        idx = [k for k, r in enumerate(reads) if r.x0 < x1 and x0 < r.x1]
        if not idx or sum(reads[k].is_digit for k in idx) > n - (
            LOST_MIN_THAI if thai else LOST_MIN
        ):
            continue
        lo, hi = idx[0], idx[-1]
        new, _ = _read_window(job, net, reads[lo : hi + 1], alt=None if thai else text)
        if new is not None:
            reads[lo : hi + 1] = new


_ARABIC_TOKEN = re.compile(r"[0-9]+(?:[.,/:\-][0-9]+)*")


def arbitrate(job: Job, net: ctc.CtcNet, reads: list[Read], run: Run) -> None:
    """Where tesseract read an Arabic number differently from the path, let the sequence
    model choose between the two readings.

    Why only Arabic: tesseract's Thai model holds all ten Arabic digits (not all Thai ones),
    so its Arabic readings are real candidates. On type designs the classifier never saw
    the path is right more often, but tesseract is right on numbers the path misreads in a
    design's own way (one font's "3" read as "5" throughout). Same length only: the readings
    are compared glyph for glyph and the path's boxes are kept. A path reading with Thai
    digits among Arabic ones ("5๓5202", both models reading a bold 0 as ๓) is weighed
    SCRIPT_PRIOR less likely: no number is printed in two scripts (`decode.one_script`).
    Edits `reads` in place.
    """
    text = run.text
    if not _ARABIC_TOKEN.fullmatch(to_arabic(text)) or not any(c in ARABIC_DIGITS for c in text):
        return
    xh = job.seg.geom.xh
    hits = [g for g in job.line.glyphs if consumes(g, run, job.ox, xh)]
    found = _ARABIC_TOKEN.findall("".join(g.text for g in hits))
    if len(found) != 1 or found[0] == text or len(found[0]) != len(text):
        return
    other = found[0]
    if any((a in PUNCT) != (b in PUNCT) for a, b in zip(text, other, strict=True)):
        return
    logp = net(ctc.window(job.gray, job.seg.geom, run.x0, run.x1))
    gain = ctc.log_likelihood(logp, other) - ctc.log_likelihood(logp, text)
    if any(c in THAI_DIGITS for c in text):
        gain += SCRIPT_PRIOR
    if gain <= ARBITRATE_MARGIN:
        return
    conf = 1.0 / (1.0 + math.exp(-min(gain, 50.0)))
    lo = _index(reads, run.reads[0])
    for k, (r, ch) in enumerate(zip(run.reads, other, strict=True)):
        if ch != r.char:
            reads[lo + k] = Read(CLASS_INDEX[ch], min(r.conf, conf), r.x0, r.y0, r.x1, r.y1)


def _with_marks(text: str, told: str) -> str | None:
    """`text` with the number marks `told` has between two of its digits and `text` has not,
    where that is all they differ by; else None. A digit of `told` stands for any digit of
    its script: tesseract writes the Thai digits its model lacks as look-alikes ("๒.๘.๔"
    read "๒.๕.๕"), and its marks and digit count are what is taken from it."""
    out: list[str] = []
    k = 0
    for i, ch in enumerate(told):
        if k < len(text) and (ch == text[k] or _same_script_digits(ch, text[k])):
            out.append(text[k])
            k += 1
        elif ch not in _MARKS or not (0 < i < len(told) - 1):
            return None  # a letter, or a mark before or after the number
        elif told[i - 1] not in _DIGITS or told[i + 1] not in _DIGITS:
            return None  # a mark beside a mark ("7,881,.170.17"): a speck, not a lost mark
        else:
            out.append(ch)
    return "".join(out) if k == len(text) and len(told) > len(text) else None


def _same_script_digits(a: str, b: str) -> bool:
    return a in _DIGITS and b in _DIGITS and (a in THAI_DIGITS) == (b in THAI_DIGITS)


def tesseract_marks(
    job: Job,
    net: ctc.CtcNet,
    reads: list[Read],
    span: list[Read],
    numbers: list[tuple[float, float, int, bool, str]],
) -> None:
    """Where tesseract read, over a run (or two runs with nothing between them: "๒.๘.๔)" read
    "๒" and "๘.๔"), as many digits with marks the path lost between them ("100.52" read
    "10052": the dot too small, or too close to a digit, for the path or a gap to show it),
    put the marks in on the path's digits (`_with_marks`), unless the network finds the
    result MARK_SLACK less likely than the path's reading.

    Why the network only vetoes: it is unsure of a lost dot too ("100.52" 4 less likely
    than "10052", a dot anywhere else 13 or more), and tesseract read the whole number with
    the mark. A mark is put in the gap between the path's two glyphs around it. `numbers`:
    the line's `tesseract_numbers`. Edits `reads` in place.
    """
    text = "".join(r.char for r in span)
    sx0, sx1 = span[0].x0, span[-1].x1
    marked = next(
        (
            m
            for x0, x1, _, _, told in numbers
            if x0 < sx1 and sx0 < x1 and (m := _with_marks(text, told)) is not None
        ),
        None,
    )
    if marked is None:
        return
    logp = net(ctc.window(job.gray, job.seg.geom, sx0, sx1))
    if ctc.log_likelihood(logp, marked) < ctc.log_likelihood(logp, text) - MARK_SLACK:
        return
    out: list[Read] = []
    k = 0
    for ch in marked:
        if k < len(text) and ch == text[k]:
            out.append(span[k])
            k += 1
            continue
        a, b = span[k - 1], span[k]
        x0, x1 = min(a.x1, b.x0), max(a.x1, b.x0)
        conf = min(a.conf, b.conf)
        out.append(Read(CLASS_INDEX[ch], conf, x0, min(a.y0, b.y0), x1, max(a.y1, b.y1)))
    lo = _index(reads, span[0])
    reads[lo : lo + len(span)] = out


def _seconded(r: Read, other: str, glyphs: Sequence[Glyph], ox: int) -> bool:
    """Whether tesseract read path glyph `r`'s own digit over its ink where it could have
    written the network's `other` digit instead: two readers against one. tesseract writes
    the Thai digits its model lacks as look-alikes ("๔" as "๕"), so its "๕" says nothing
    against a "๔"; all ten Arabic digits are in its model."""
    if r.conf < 0.5 or (other in THAI_DIGITS and other not in TESSERACT_THAI_DIGITS):
        return False
    return any(g.text == r.char and glyph_over(g, r.x0, r.x1, ox) for g in glyphs)


def _keep_sure(
    span: list[Read],
    text: str,
    centres: list[float],
    probs: list[float],
    glyphs: Sequence[Glyph],
    ox: int,
) -> tuple[str, list[float], list[float], bool] | None:
    """The network's reading (text, symbol centres, probabilities) with the digits the path
    was sure of put back, where it differs on such a digit, and whether tesseract read each
    digit put back as the path did (`_seconded`: SECONDED_MARGIN); else None. Each symbol belongs
    to the path glyph under its centre; a path-sure digit whose symbols are other digits
    (one in its place, or two: one inserted) gets its own digit back, where every symbol
    lies on a path glyph, and one with no symbol inside the number too (`_dropped_back`).

    Why: a run is re-read for one unsure glyph, and the network then reads the whole number,
    its sure glyphs too. On a serif design it never saw it reads the hairline-valleyed ๓ as
    ๑ ("๔๖.๓๓" with the last ๓ path-sure read "๔๖.๓๑"), and the bold one's loop as a ๑
    of its own before it ("๐๙๔๘๓" read "๐๙๔๘๑๓"): changing a digit the path was sure of
    needs the margin a run read only for small print needs (SURE_MARGIN), and twice that
    where tesseract read it alike ("๐๖๓๕๓๕/๙" in small Norasi, both ๓s path-sure and
    tesseract's, was read "๐๖๑๕๑๕/๙" 12 likelier).
    """
    owner: list[int] = []
    for c in centres:
        k = next((i for i, r in enumerate(span) if r.x0 - 1 <= c <= r.x1 + 1), None)
        if k is None:
            return None
        owner.append(k)
    read = text
    text, centres, probs, owner = _dropped_back(span, text, centres, probs, owner)
    out_t: list[str] = []
    out_c: list[float] = []
    out_p: list[float] = []
    seconded = True
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and owner[j] == owner[i]:
            j += 1
        r, mine = span[owner[i]], text[i:j]
        sure = (
            r.is_digit
            and len(mine) <= 2
            and mine != r.char
            and all(ch in _DIGITS for ch in mine)
            and (
                r.conf >= PATH_SURE
                or all(_seconded(r, ch, glyphs, ox) for ch in mine if ch != r.char)
            )
        )
        if sure:
            seconded &= all(_seconded(r, ch, glyphs, ox) for ch in mine if ch != r.char)
            out_t.append(r.char)
            out_c.append((r.x0 + r.x1) / 2)
            out_p.append(min(probs[i:j]))
        else:
            out_t.extend(mine)
            out_c.extend(centres[i:j])
            out_p.extend(probs[i:j])
        i = j
    kept = "".join(out_t)
    return None if kept == read else (kept, out_c, out_p, seconded)


DROPPED_PAD = 0.2
"""Share of its width around a path glyph that must hold no network symbol for the glyph to
count as dropped (`_dropped_back`): a symbol just beside it is its, placed a little off."""


def _dropped_back(
    span: list[Read], text: str, centres: list[float], probs: list[float], owner: list[int]
) -> tuple[str, list[float], list[float], list[int]]:
    """The network's reading with the path-sure digits it dropped inside the number put back:
    those no symbol falls on or near (DROPPED_PAD), between symbols, at their own centres.

    Why: the network reads Norasi's ๓ as nothing at all, not only as ๑ ("๐-๖๘๘๖-๙๘๓๔"
    read "๐-๖๘๘๖-๙๘๔", with a letter the path could not read in it to send it there).
    At the ends a dropped glyph may be a letter the network saw past: those stay dropped."""
    if not owner:
        return text, centres, probs, owner
    t, c, p, o = list(text), list(centres), list(probs), list(owner)
    floor = min(probs)
    for i, r in enumerate(span):
        if i in o or not r.is_digit or r.conf < PATH_SURE or not min(o) < i < max(o):
            continue
        pad = DROPPED_PAD * (r.x1 - r.x0)
        if any(r.x0 - pad <= x <= r.x1 + pad for x in centres):
            continue
        j = sum(k < i for k in o)
        t.insert(j, r.char)
        c.insert(j, (r.x0 + r.x1) / 2)
        p.insert(j, floor)
        o.insert(j, i)
    return "".join(t), c, p, o


def _regrouped(
    text: str, centres: list[float], probs: list[float]
) -> tuple[str, list[float], list[float]] | None:
    """A number's reading with its integer part's commas between groups of three digits (an
    inserted comma centred between its neighbours, as sure as the less sure of them); None
    where the text is not digits with commas and at most one decimal point after them."""
    marks = [ch for ch in text if ch not in _DIGITS]
    point = marks.count(".")
    if point > 1 or any(ch not in ",." for ch in marks) or (point and marks[-1] != "."):
        return None
    cut = text.index(".") if point else len(text)
    keep = [k for k in range(cut) if text[k] != ","]
    if len(keep) < 4:
        return None
    head = len(keep) % 3 or 3
    out_t: list[str] = []
    out_c: list[float] = []
    out_p: list[float] = []
    for n, k in enumerate(keep):
        if n >= head and (n - head) % 3 == 0:
            prev = keep[n - 1]
            out_t.append(",")
            out_c.append((centres[prev] + centres[k]) / 2)
            out_p.append(min(probs[prev], probs[k]))
        out_t.append(text[k])
        out_c.append(centres[k])
        out_p.append(probs[k])
    rest = range(cut, len(text))
    return (
        "".join(out_t) + text[cut:],
        out_c + [centres[k] for k in rest],
        out_p + [probs[k] for k in rest],
    )


SECONDED_MARGIN = 2 * SURE_MARGIN
"""How much likelier (log) the network must find its reading to change a digit the path was
sure of and tesseract read alike (`_keep_sure`): two readers against one."""
TESSERACT_SURE = 0.85
"""How sure tesseract must be of a Thai digit for `tesseract_thai` to weigh it."""
TESSERACT_MARGIN = SURE_MARGIN
"""How much likelier (log) the network must find the path's digit to keep it over tesseract's."""
TESSERACT_TAKEN = "๑๒๓๕"
"""The Thai digits `tesseract_thai` takes from tesseract: those its model holds but ๐, which
it writes for any round blob (a ๑ whose curl is lost at 200 dpi: "๕๑๔" read "๕๐๔")."""


def tesseract_thai(job: Job, net: ctc.CtcNet, reads: list[Read], run: Run) -> None:
    """Where tesseract read, alone over a path digit of its model's (๐ ๑ ๒ ๓ ๕), another of
    TESSERACT_TAKEN, take tesseract's unless the network finds the path's reading
    TESSERACT_MARGIN likelier (as it must to change a run the path was sure of).

    Why: on a serif design neither model saw, both read a ๓ whose hairline valley is lost at
    200 dpi as a sure ๑, and tesseract, trained on far more designs, reads ๓. Where
    tesseract is the one wrong (a loopless ๑ it reads ๓), the network is sure against it:
    measured on the digit bench, its log-likelihood of the path's ๑ over tesseract's ๓ was
    at most 9 where tesseract was right and at least 14 where it was wrong. On study draws
    read since, the two overlap (right up to 14.3; wrong at 14.2 on a Chakra Petch ๑, and
    at 17.5), so the margin stays: a bar of 16 mended one line and broke another. Its Thai
    digits outside that set (๔ ๖ ๗ ๘ ๙) it cannot write, so it is never taken against them.
    Edits `reads` in place.
    """
    text = run.text
    if len(text) != len(run.reads):
        return
    swaps = _tesseract_swaps(job, run.reads)
    if not swaps:
        return
    logp = net(ctc.window(job.gray, job.seg.geom, run.x0, run.x1))
    base = ctc.log_likelihood(logp, text)
    lo = _index(reads, run.reads[0])
    for k, g in swaps.items():
        alt = text[:k] + g.text + text[k + 1 :]
        if base - ctc.log_likelihood(logp, alt) < TESSERACT_MARGIN:
            r = run.reads[k]
            reads[lo + k] = Read(
                CLASS_INDEX[g.text], min(r.conf, g.conf or 0.0), r.x0, r.y0, r.x1, r.y1
            )


def _seen_marks(job: Job, span: Sequence[Read], old: str, text: str) -> bool:
    """Whether the network's `text` is the path's `old` with marks added, no digit changed,
    and tesseract read at least as many marks over the span's ink: the time "๑๘.๑๕" whose
    dot the path ran into the ๘ ("๑๘๑๕"), tesseract's "๕." there. Such a reading needs only
    SEQUENCE_MARGIN, not the margin against a sure run: it changes no digit the path read."""
    if len(text) <= len(old) or _digits(text) != _digits(old):
        return False
    it = iter(text)
    if not all(ch in it for ch in old):  # `old` is not a subsequence of `text`
        return False
    marks = sum(ch in _MARKS for ch in text)
    over = glyphs_over(job.line.glyphs, span[0].x0, span[-1].x1, job.ox)
    return sum(ch in _MARKS for g in over for ch in g.text) >= marks


def _tesseract_swaps(job: Job, reads: Sequence[Read]) -> dict[int, Glyph]:
    """The path digits of `reads` (of tesseract's model, ๐ ๑ ๒ ๓ ๕) over which tesseract
    read, alone and sure, another of TESSERACT_TAKEN (`_covers`, or `_three_inside` for a
    ๑): index -> tesseract's glyph."""
    swaps: dict[int, Glyph] = {}
    for k, r in enumerate(reads):
        if r.char not in TESSERACT_THAI_DIGITS:
            continue
        over = [g for g in job.line.glyphs if _covers(g, r, job.ox)]
        if not over and r.char == "๑":
            over = _three_inside(job, r)
        if len(over) != 1:
            continue
        g = over[0]
        if g.text in TESSERACT_TAKEN and g.text != r.char and (g.conf or 0.0) >= TESSERACT_SURE:
            swaps[k] = g
    return swaps


def _three_inside(job: Job, r: Read) -> list[Glyph]:
    """tesseract's ๓ over path ๑ `r` where the two boxes differ too much for `_covers`: the
    one glyph with half its width or more over `r` (tone marks aside), 60% of it over `r` or
    `r` nearly all under it.

    Why: where the path cut a ๓ whose hump is lost as a ๑, tesseract's LSTM box for the ๓
    it read is often a third of the glyph's width ("๐๙.๓๐", "๑๓%" at 200 dpi), or wider
    than what the path kept of it ("๒๕๓๗"); the other way round, a ๑ does not grow a hump,
    so the looser test is kept to this pair."""
    over = [
        g
        for g in job.line.glyphs
        if overlap(g, r.x0, r.x1, job.ox) >= 0.5 * g.bbox.width and not _tone_mark(g.text)
    ]
    if len(over) == 1 and over[0].text == "๓":
        ov = overlap(over[0], r.x0, r.x1, job.ox)
        if ov >= 0.6 * over[0].bbox.width or ov >= 0.9 * (r.x1 - r.x0):
            return over
    return []


def _tone_mark(text: str) -> bool:
    """Whether `text` is marks only (Thai vowels and tone marks above or below: no width of
    their own), as tesseract reads a ๓'s hump ("๑่" for "๓")."""
    return bool(text) and all(unicodedata.category(ch) == "Mn" for ch in text)


def _tesseract_swapped(job: Job, span: Sequence[Read]) -> str | None:
    """The path's text of `span` with every `_tesseract_swaps` digit taken; None if none."""
    swaps = _tesseract_swaps(job, span)
    if not swaps:
        return None
    return "".join(swaps[k].text if k in swaps else r.char for k, r in enumerate(span))


def _covers(g: Glyph, r: Read, ox: int) -> bool:
    """Whether tesseract glyph `g` and path glyph `r` are one glyph: each overlaps the other
    by 60% of its width or more."""
    ov = overlap(g, r.x0, r.x1, ox)
    return ov >= 0.6 * (r.x1 - r.x0) and ov >= 0.6 * g.bbox.width


def agree(p: float, q: float) -> float:
    """Confidence in a glyph two readers read alike, sure p and q: both wrong the same way is
    taken as unlikely as both wrong at all, (1 - p)(1 - q). The path and the network are
    different models on different inputs (binary mask, grey window), so their errors are
    far from one another's; read alike at 0.75 and 0.88, "๘๕๘" is 0.97 sure."""
    return 1.0 - (1.0 - p) * (1.0 - q)


def _without_letters(got: ctc.CtcRead, alt: str | None) -> ctc.CtcRead:
    """`got` with its letter symbols (OTHER_MARK) taken out when what is left is `alt`,
    tesseract's Arabic reading of the same ink; else `got` as it is.

    Where digits and hyphens touch, the network may see a letter in the join ("051-404-4~419"
    for tesseract's "051-404-4419"). tesseract's model holds every Arabic digit, so where it
    read the very digits and marks the network read around that symbol, the symbol is the
    join, not a letter of the number.
    """
    if alt is None or ctc.OTHER_MARK not in got.text or got.text.replace(ctc.OTHER_MARK, "") != alt:
        return got
    keep = [k for k, ch in enumerate(got.text) if ch != ctc.OTHER_MARK]
    probs = tuple(got.probs[k] for k in keep)
    return ctc.CtcRead(alt, min(probs), tuple(got.frames[k] for k in keep), probs)


def _read_window(
    job: Job,
    net: ctc.CtcNet,
    span: list[Read],
    marks_only: bool = False,
    margin: float = SEQUENCE_MARGIN,
    alt: str | None = None,
) -> tuple[list[Read] | None, str]:
    """`_read_span`, and where the network saw one letter, at an end of the window, the span
    without its glyph at that end read alone (that glyph stays as the path read it).

    Why: the path may take a letter beside a number for a digit ("๒๗๕๘.๖/ว" read
    "๒๗๕๔๖/3"); the network reads the letter ("๒๗๕๘.๖/~"), which makes no number, and
    without this the path's misreading of the digits stands too. Only where the path read
    the rest as a number, of as many digits, and the network reads it otherwise: it makes
    no number of letters the path read ("๙", a letter, "๕" beside a table's ruling became
    "5.5" on a sample scan), and no unsure reading sure by agreeing with it."""
    new, text = _read_span(job, net, span, marks_only, margin, alt)
    if new is not None or marks_only or len(span) < 3 or text.count(ctc.OTHER_MARK) != 1:
        return new, text
    at_end = text.endswith(ctc.OTHER_MARK)
    if not at_end and not text.startswith(ctc.OTHER_MARK):
        return new, text
    rest = span[:-1] if at_end else span[1:]
    if not all(r.is_digit or r.cls in NUMBER_PUNCT for r in rest):
        return new, text  # a number only where the path read one
    inner, seen = _read_span(job, net, rest, marks_only, margin, alt)
    old = "".join(r.char for r in rest)
    if inner is None or seen == old or len(_digits(seen)) != len(_digits(old)):
        # of as many digits, read otherwise: the two agreeing would make sure what neither
        # was sure of alone
        return new, text
    return ([*inner, span[-1]] if at_end else [span[0], *inner]), seen


JUNCTION_SLACK = 0.25
"""x-heights a mark's centre may lie outside the gap between two runs and still be in it."""


def _mark_between(
    new: list[Read], span: list[Read], left: Run, right: Run, xh: float, thr: float
) -> bool:
    """Whether a marks-only reading `new` of two runs read as one (`span`) may stand: the
    gap between them is narrower than two spaces (`same_number`'s bar), or the reading
    adds a mark in it. Where it adds none in so wide a gap, the gap is a space, and the
    reading would run two numbers together over it.

    Why: two runs close together are read as one for a dot lost between them, and the
    network may find a dot elsewhere instead: "๒๕๖๓ ๒.๓" (the path lost the second's dot)
    came out "๒๕๖๓๒.๓". A narrower gap may be no space at all: the ink beside a narrow "1"
    ("4.11.2." cut "4.1" "12.")."""
    if right.x0 - left.x1 < 2 * thr:
        return True
    slack = JUNCTION_SLACK * xh
    a, b = left.x1 - slack, right.x0 + slack
    added = [r for r in new if r.cls in NUMBER_PUNCT and r not in span]
    return any(a <= (m.x0 + m.x1) / 2 <= b for m in added)


NOISE_CONF = 0.3
"""A path digit less sure than this that the network read nothing of is noise (`_noise`)."""


def _noise(job: Job, r: Read) -> bool:
    """Whether path glyph `r`, beyond either end of the network's reading, is a digit the path
    only guessed at (NOISE_CONF) and tesseract read no digit over: a speck the network saw
    nothing in ("๔๔๓๕๔๔๓" came out "๐๔๔๓๕๔๔๓" for a dot before it read ๐ at 0.09, where
    tesseract read "."). It stays as ink, a glyph that is no digit (`_as_junk`): dropped, it
    would no longer hold a doubtful reading back ("20/" of a garbled line became "0/")."""
    return r.is_digit and r.conf < NOISE_CONF and not _tesseract_digit(job, r)


def _as_junk(job: Job, r: Read) -> Read:
    """Path glyph `r`, as a glyph that is no digit where it is noise (`_noise`)."""
    return replace(r, cls=OTHER_ID) if _noise(job, r) else r


def _read_span(
    job: Job,
    net: ctc.CtcNet,
    span: list[Read],
    marks_only: bool = False,
    margin: float = SEQUENCE_MARGIN,
    alt: str | None = None,
) -> tuple[list[Read] | None, str]:
    """The CTC reading of the ink under `span` as path glyphs, or None where the path's
    reading stands (see `sequence_reread`); and the network's text, whichever it is. Where
    the network reads what the path read, the path's glyphs come back, their confidence
    that of the two agreeing (`agree`). `alt`: tesseract's Arabic reading of the ink, taken
    where the network's differs from it only by letters (`_without_letters`)."""
    geom = job.seg.geom
    x0, x1 = min(r.x0 for r in span), max(r.x1 for r in span)
    logp = net(ctc.window(job.gray, geom, x0, x1))
    got = _without_letters(ctc.greedy(logp), alt)
    text = got.text
    if (
        not text
        or not any(ch in _DIGITS for ch in text)
        or any(ch not in CLASS_INDEX for ch in text)
    ):
        return None, text
    old = "".join(r.char for r in span)  # with "<junk>" in it, its likelihood is -inf
    if text == old and not marks_only:
        # two readers agree ("๐๕๙๐๙/๒๕๖๓" the path read 0.75 sure at worst, too little to
        # stand over tesseract's letters)
        if all(r.conf >= p for r, p in zip(span, got.probs, strict=True)):
            return None, text
        return [
            replace(r, conf=agree(r.conf, p)) for r, p in zip(span, got.probs, strict=True)
        ], text
    if marks_only and _digits(text) != _digits(old):
        if len(_digits(text)) != len(_digits(old)):
            return None, text
        # the marks it found, on the path's digits ("๐-๗๐๔๓๒๗๘๐" read "๐-๗๐๔๑-๒๗๘๐":
        # the lost hyphen is the network's, the ๓ the path's)
        path_digits = iter(_digits(old))
        text = "".join(next(path_digits) if ch in _DIGITS else ch for ch in text)
    if text == old:
        return None, text
    centres = [ctc.frame_x(geom, x0, f) for f in got.frames]
    probs = list(got.probs)
    if bad_grouping(text) and text.count(",") < old.count(","):
        # it lost a comma the path read ("๘,๐๗๑๒๘๒.๕๓"): its digits, grouped, or nothing
        grouped = _regrouped(text, centres, probs)
        if grouped is None:
            return None, text
        text, centres, probs = grouped
    likely = ctc.log_likelihood(logp, text)
    if margin > SEQUENCE_MARGIN and _seen_marks(job, span, old, text):
        margin = SEQUENCE_MARGIN
    if likely - ctc.log_likelihood(logp, old) < margin:
        return None, text
    if len(_digits(text)) < len(_digits(old)):
        # it dropped a digit: keep the path's count where tesseract's Thai digits in it read
        # nearly as likely (Norasi's ๓ of "๑๗.๓๐", path ๑, network "๑๗.๐", tesseract ๓);
        # `tesseract_thai` then takes tesseract's digit
        swapped = _tesseract_swapped(job, span)
        if swapped is not None and likely - ctc.log_likelihood(logp, swapped) < margin:
            return None, text
    kept = _keep_sure(span, text, centres, probs, job.line.glyphs, job.ox)
    bar = max(margin, SECONDED_MARGIN if kept is not None and kept[3] else SURE_MARGIN)
    if kept is not None and likely - ctc.log_likelihood(logp, kept[0]) < bar:
        if kept[0] == old:
            return None, text
        if len(kept[0]) == len(span) and all(
            r.x0 - 1 <= c <= r.x1 + 1 for r, c in zip(span, kept[1], strict=True)
        ):
            return [
                r if ch == r.char else Read(CLASS_INDEX[ch], min(r.conf, p), r.x0, r.y0, r.x1, r.y1)
                for r, ch, p in zip(span, kept[0], kept[2], strict=True)
            ], text
        text, centres, probs, _ = kept
    # path glyphs well clear of the first and last symbol were not part of the number the
    # network read (a "(" before "๑)"): they stay, or the line would lose them; noise as junk
    reach = 0.5 * geom.xh
    before = [_as_junk(job, r) for r in span if (r.x0 + r.x1) / 2 < centres[0] - reach]
    after = [_as_junk(job, r) for r in span if (r.x0 + r.x1) / 2 > centres[-1] + reach]
    x0 = before[-1].x1 if before else x0
    x1 = after[0].x0 if after else x1
    y0, y1 = min(r.y0 for r in span), max(r.y1 for r in span)
    out: list[Read] = []
    for k, ch in enumerate(text):
        a = x0 if k == 0 else round((centres[k - 1] + centres[k]) / 2)
        b = x1 if k == len(text) - 1 else round((centres[k] + centres[k + 1]) / 2)
        out.append(Read(CLASS_INDEX[ch], probs[k], a, y0, max(a + 1, b), y1))
    return [*before, *out, *after], text


def glued_number(job: Job, net: ctc.CtcNet, run: Run, left: bool, right: bool) -> bool:
    """Whether the network reads `run` as the path did, glued to a letter on the `left`
    and/or `right` side: the window over the run and its glued neighbours must read as
    letter symbols there and the run's very characters between, every symbol GLUED_SURE.

    Why: a run glued to a letter is refused unless tesseract saw a digit in it (a Thai letter
    beside a number must never become one), so a number printed against a letter ("๙๐ญ",
    "ค๙๙") that tesseract read as letters ("สอญ", "คสส") was lost. Two readers that agree on
    where the letters end and on every digit are evidence enough; a letter the path took for
    a digit at a word's edge (the ชิ of "ชินโต" read "8") reads as a letter to the network.
    """
    lo = run.left.x0 if left and run.left is not None else run.x0
    hi = run.right.x1 if right and run.right is not None else run.x1
    got = ctc.greedy(net(ctc.window(job.gray, job.seg.geom, lo, hi)))
    mark = re.escape(ctc.OTHER_MARK)
    pattern = f"{mark + '+' if left else ''}{re.escape(run.text)}{mark + '+' if right else ''}"
    return re.fullmatch(pattern, got.text) is not None and got.conf >= GLUED_SURE
