"""Re-read the numbers in tesseract's lines: `reread(image, lines) -> lines`.

Why: the packaged Thai model cannot output ๔ ๖ ๗ ๘ ๙ (its character set lacks them), so
every Thai number it reads is suspect. Each line box is segmented and classified here
(`segment`, `features`, `model`, `decode`); numeric runs replace the tesseract characters under
them, and everything else in the line (Thai text, its spaces, tesseract's confidences) is kept.

Where the path was unsure of a number (a glyph below 0.95, or junk glued to it: touching
digits no cut separates), or the print is small, the number's window is read again, whole, by
a CTC sequence model (`ctc`), which needs no segmentation; its reading replaces the path's
there when the network is sure enough of it.

What is read: the windows around tesseract's tokens that may hold a number, and the wide gaps
between its glyphs (where it skipped a number). A run is accepted when tesseract also saw a
digit there (mostly it misreads digits rather than missing them), or, failing that, when the
run stands alone between spaces and the classifier is sure of every glyph: a Thai letter beside
a number must never become a digit. Last, a digit that starts a Thai word drawn like it
("๓.ค." for "ต.ค.") becomes the letter (`words`).
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from ingest.digits import ctc
from ingest.digits.decode import (
    Read,
    Run,
    best_path,
    digit_pitch,
    numeric_runs,
    one_script,
    space_threshold,
)
from ingest.digits.features import features
from ingest.digits.model import (
    ARABIC_DIGITS,
    CLASS_INDEX,
    JUNK_ID,
    NUMBER_PUNCT,
    OTHER_ID,
    PUNCT,
    THAI_DIGITS,
    Mlp,
    load,
    one_blas_thread,
)
from ingest.digits.segment import EVEN_MIN_WIDTH, Candidate, LineSeg, segment
from ingest.digits.words import letters_in_words
from schemas.page import BBox, Glyph, Line

_DIGIT = re.compile(r"[0-9๐-๙]")
_DIGITS = frozenset(THAI_DIGITS + ARABIC_DIGITS)
_SYMBOL = re.compile(r"[^\u0e01-\u0e4fA-Za-z]")
_LATIN = re.compile(r"[A-Za-z]")
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
LONE_RUN_CONF = 0.97
"""A run tesseract saw no digit in must be this sure on every glyph (and stand alone)."""
UNSURE_CONF = 0.6
"""tesseract confidence below which its reading of a line or a spot is taken as a guess."""
GUESS_RUN_CONF = 0.9
"""Over tesseract's guesses a run needs this sure a glyph at worst."""
PAD = 3
GAP_MIN = 0.7
"""A gap between tesseract's glyphs this wide (line heights) is read for a skipped number."""
TOKEN_REACH = 1.5
"""How far (line heights) a window goes on to reach the end of a token it would cut."""
GAP_APART = 0.5
"""A run in such a gap stands alone this far (share of a space) from tesseract's letters."""
MISREAD_CONF = 0.95
"""How sure the classifier must be of a letter to drop tesseract's digit there."""
DROP = -2
BLOB_CONF = 0.5
"""A path glyph less sure than this inside a wide column sends the line to the second pass."""
SURE_NEIGHBOUR = 0.9
"""... when a digit or number punctuation this sure stands beside that column."""


@dataclass(slots=True)
class _Item:
    """A piece of the output line: kept tesseract glyph(s) or a re-read run."""

    glyphs: tuple[Glyph, ...]
    text: str
    space_before: bool
    run: Run | None = None
    fixed: bool = False
    """Punctuation split off a tesseract glyph the run consumed: glued to the run."""


def _space_flags(line: Line) -> list[bool]:
    """For each tesseract glyph, whether the line text has a space just before it."""
    flags: list[bool] = []
    text, pos = line.text, 0
    for g in line.glyphs:
        space = False
        while pos < len(text) and text[pos] == " ":
            space, pos = True, pos + 1
        if text.startswith(g.text, pos):
            pos += len(g.text)
            flags.append(space and bool(flags))
        else:
            return [False] * len(line.glyphs)
    return flags


def _crop(image: np.ndarray, box: BBox) -> tuple[np.ndarray, int, int]:
    h, w = image.shape[:2]
    x0, y0 = max(0, int(box.x0) - PAD), max(0, int(box.y0) - PAD)
    x1, y1 = min(w, int(np.ceil(box.x1)) + PAD), min(h, int(np.ceil(box.y1)) + PAD)
    return image[y0:y1, x0:x1], x0, y0


def _consumes(g: Glyph, run: Run, ox: int, xh: float) -> bool:
    """Whether tesseract glyph `g` (page pixels) was tesseract's reading of part of `run`.

    tesseract's boxes start about right but often end far too late, so a glyph is placed by
    its left edge: a digit anywhere on the run, anything else (a digit misread as "ฒ" or
    "«") only when it starts inside the run, so "." of "พ.ศ." before "๒๕๖๗" is kept.
    """
    gx0 = g.bbox.x0 - ox
    if _MARKS.fullmatch(g.text):
        return False  # digits carry no marks: a mark here sits on the letter before
    if _DIGIT.search(g.text):
        gx1 = min(g.bbox.x1 - ox, gx0 + 1.2 * xh)
        anchor = gx0 + 0.25 * (gx1 - gx0)
        return run.x0 - 0.3 * xh <= anchor <= run.x1 + 0.1 * xh
    if g.text in PUNCT:  # tiny, and its box often starts inside the digit before it
        cx = (g.bbox.x0 + g.bbox.x1) / 2 - ox
        return run.x0 <= cx <= run.x1 - 0.2 * xh
    return run.x0 - 0.1 * xh <= gx0 and gx0 + 0.15 * xh <= run.x1


def _accept(
    run: Run, hits: list[Glyph], thr: float, in_gap: bool = False, cut: bool = False
) -> bool:
    """Trust a run where tesseract saw a digit too, or where tesseract was guessing, or
    where it stands alone between spaces and every glyph is sure.

    `in_gap`: no tesseract glyph lies over the run (it skipped the ink, see `_unread_gaps`),
    so the letters beside it are tesseract's own: half a space from them is enough.
    `cut`: the run ends at the edge of the window it was read in, not of the line, so
    nothing is known of what follows it there: it does not stand alone.
    """
    if any(_DIGIT.search(g.text) for g in hits):
        return True
    confs = [g.conf for g in hits if g.conf is not None]
    if confs and sum(confs) / len(confs) < UNSURE_CONF and run.conf >= GUESS_RUN_CONF:
        return True
    if run.conf < LONE_RUN_CONF or cut:
        return False
    left, right = run.left, run.right
    apart = GAP_APART * thr if in_gap else thr
    ok_l = left is None or run.x0 - left.x1 >= apart or left.char in PUNCT
    ok_r = right is None or right.x0 - run.x1 >= apart or right.char in PUNCT
    return ok_l and ok_r


def _suspect(text: str) -> bool:
    """A tesseract token that may hold a number: a digit, a symbol, Latin letters (with
    `tha+eng`, Thai digits come out as Latin look-alikes: ๒๕๖๖ -> "WEDD"), or very short."""
    if _DIGIT.search(text) or _SYMBOL.search(text) or _LATIN.search(text):
        return True
    return len(_MARKS.sub("", text)) <= 2


def _tokens(line: Line) -> list[list[Glyph]]:
    """tesseract's glyphs split on its own spaces."""
    tokens: list[list[Glyph]] = []
    for g, space in zip(line.glyphs, _space_flags(line), strict=True):
        if space or not tokens:
            tokens.append([])
        tokens[-1].append(g)
    return tokens


def _ranges(line: Line, ox: int) -> list[tuple[float, float]]:
    """x-ranges (crop pixels) worth segmenting: around tesseract tokens that may hold a number.

    Why not the whole line: most of a page is Thai text, and classifying every candidate of
    every line costs many times more than these few windows. Tokens are split on tesseract's
    own spaces; each window is widened by 1.5 line heights so a run's neighbours are read too,
    and on to the end of a token that widening cuts if that end is near (TOKEN_REACH).
    """
    if (line.conf is not None and line.conf < UNSURE_CONF) or len(line.glyphs) <= 4:
        return [(-math.inf, math.inf)]  # tesseract is guessing, or the line is tiny: read it all
    height = max(1.0, line.bbox.height)
    tokens = _tokens(line)
    boxes = [
        (min(g.bbox.x0 for g in tok) - ox, max(g.bbox.x1 for g in tok) - ox, tok) for tok in tokens
    ]
    spans = [(a, b) for a, b, tok in boxes if _suspect("".join(g.text for g in tok))]
    spans.extend(_unread_gaps(line, ox, height))
    ranges: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        x0, x1 = a - 1.5 * height, b + 1.5 * height
        # a window ends in a space, not inside a short token (a number read as letters)
        reach = TOKEN_REACH * height
        x0 = min([x0, *(ta for ta, tb, _ in boxes if ta < x0 < tb and x0 - ta <= reach)])
        x1 = max([x1, *(tb for ta, tb, _ in boxes if ta < x1 < tb and tb - x1 <= reach)])
        if ranges and x0 <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], x1))
        else:
            ranges.append((x0, x1))
    return ranges


def _unread_gaps(line: Line, ox: int, height: float) -> list[tuple[float, float]]:
    """x-ranges (crop pixels) between tesseract's glyphs wide enough to hold a number it
    skipped: it sometimes drops a whole number ("ลงวันที่ ๒๕ มกราคม" read as "ลงวันที่ มกราคม").

    An empty gap costs nothing (no ink, no candidates); a run read there has no tesseract
    digit behind it, so `_accept` takes it only if it stands alone and every glyph is sure.
    """
    out: list[tuple[float, float]] = []
    reach = -math.inf
    for g in sorted(line.glyphs, key=lambda g: g.bbox.x0):
        if reach > -math.inf and g.bbox.x0 - reach >= GAP_MIN * height:
            out.append((reach - ox, g.bbox.x0 - ox))
        reach = max(reach, g.bbox.x1)
    return out


def _groups(seg: LineSeg, ranges: list[tuple[float, float]]) -> list[tuple[int, int]]:
    """Atom index ranges [lo, hi) of the separate windows (candidates never span two)."""
    groups: list[tuple[int, int]] = []
    for lo_x, hi_x in ranges:
        idx = [k for k, a in enumerate(seg.atoms) if lo_x <= (a.x0 + a.x1) / 2 <= hi_x]
        if idx:
            lo, hi = idx[0], idx[-1] + 1
            if groups and lo < groups[-1][1]:
                groups[-1] = (groups[-1][0], max(hi, groups[-1][1]))
            else:
                groups.append((lo, hi))
    return groups


@dataclass(slots=True)
class _Job:
    """One line between feature extraction and decoding."""

    line: Line
    gray: np.ndarray
    seg: LineSeg
    ox: int
    oy: int
    groups: list[tuple[int, int]]
    cands: list[list[Candidate]]
    start: int
    ranges: list[tuple[float, float]] = field(default_factory=list)
    """The x-ranges (crop pixels) the windows were read in (`_ranges`)."""
    kept: list[int] = field(default_factory=list)
    """Second pass only: which of the first pass's windows `groups` are (the blob windows)."""


def _edges(text: str) -> tuple[str, str]:
    """Punctuation before the first and after the last digit of a consumed tesseract glyph.

    tesseract sometimes boxes "๑." or "7.9)" or ".๒" (of "พ.ศ.๒๕๖๗") as one glyph; the run
    replaces the digits, and these marks are kept around it.
    """
    digits = [k for k, ch in enumerate(text) if _DIGIT.match(ch)]
    if not digits:
        return "", ""
    head, tail = text[: digits[0]], text[digits[-1] + 1 :]
    return (
        head if head and all(c in "([.:" for c in head) else "",
        tail if tail and all(c in ".,)]%:;" for c in tail) else "",
    )


def _run_glyphs(run: Run, ox: int, oy: int) -> tuple[Glyph, ...]:
    conf = round(run.conf, 4)
    return tuple(
        Glyph(r.char, BBox(r.x0 + ox, r.y0 + oy, r.x1 + ox, r.y1 + oy), conf) for r in run.reads
    )


def _prepare(
    image: np.ndarray, line: Line, even_at: list[tuple[int, int]] | None = None
) -> _Job | None:
    if not line.glyphs:
        return None
    crop, ox, oy = _crop(image, line.bbox)
    if crop.size == 0:
        return None
    ranges = _ranges(line, ox)
    if not ranges:
        return None
    seg = segment(crop, ranges, even_at)
    groups = _groups(seg, ranges)
    if not groups:
        return None
    cands = [[c for c in seg.candidates if lo <= c.first and c.last < hi] for lo, hi in groups]
    return _Job(line, crop, seg, ox, oy, groups, cands, 0, ranges)


def _decode(job: _Job, probs: np.ndarray) -> list[list[Read]]:
    """The best path through each of one line's windows."""
    reads_per_group: list[list[Read]] = []
    k = job.start
    for (lo, hi), cs in zip(job.groups, job.cands, strict=True):
        reads_per_group.append(best_path(job.seg, cs, probs[k : k + len(cs)], lo, hi))
        k += len(cs)
    return reads_per_group


def _unread_blobs(job: _Job, reads_per_group: list[list[Read]]) -> list[tuple[int, int]]:
    """x-ranges (crop pixels) of wide columns beside a number that the path could only cross
    with a glyph it is unsure of: digits merged into one blob that no projection cut splits.

    Only beside a digit or number punctuation read with confidence: a wide blob of Thai
    letters read unsurely, or a stamp tesseract took for a line, is not worth a second pass.
    """
    xh = job.seg.geom.xh
    reads = [r for rs in reads_per_group for r in rs]
    weak = [r for r in reads if r.conf < BLOB_CONF]
    if not weak:
        return []
    numeric = [r for r in reads if (r.is_digit or r.char in PUNCT) and r.conf >= SURE_NEIGHBOUR]
    return [
        (c.x0, c.x1)
        for c in job.seg.columns
        if c.x1 - c.x0 >= EVEN_MIN_WIDTH * xh
        and any(r.x0 < c.x1 and c.x0 < r.x1 for r in weak)
        and any(r.x0 < c.x1 + xh and c.x0 - xh < r.x1 for r in numeric)
    ]


def _keep_groups(again: _Job, first: _Job, blobs: list[tuple[int, int]]) -> bool:
    """Narrow a second-pass job to its windows that hold a blob (the others keep their first
    reading); False when there is nothing to re-read or the windows do not pair up."""
    if len(again.groups) != len(first.groups):
        return False
    atoms = again.seg.atoms
    kept = [
        g
        for g, (lo, hi) in enumerate(again.groups)
        if any(a < atoms[hi - 1].x1 and atoms[lo].x0 < b for a, b in blobs)
    ]
    again.groups = [again.groups[g] for g in kept]
    again.cands = [again.cands[g] for g in kept]
    again.kept = kept
    return bool(kept)


def _log_score(reads: list[Read]) -> float:
    """How well a window's path reads: the sum of its glyphs' log-probabilities.

    The second pass's pieces are new candidates with new features, so its path is not
    better by construction; it replaces the first, window by window, only when it reads better.
    """
    return sum(math.log(r.conf + 1e-6) for r in reads)


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
JOIN_GAP = 1.2
"""Two numbers this close (x-heights) with nothing read between may be one with a lost mark."""


def _doubtful(r: Read) -> bool:
    return r.cls == JUNK_ID or r.conf < SEQUENCE_SURE


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch in _DIGITS)


def _index(reads: list[Read], r: Read) -> int:
    return next((k for k, q in enumerate(reads) if q is r), -1)


def _wide_gap(run: Run, xh: float) -> bool:
    """A gap between two digits of the run that may hold a mark the path lost (a 2-pixel
    dot falls below the component-size floor): "07.30" read as "0730"."""
    rs = run.reads
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(rs) if a.is_digit and b.is_digit]
    if len(gaps) < 2:
        return bool(gaps) and gaps[0] >= PUNCT_GAP * xh * 1.5
    usual = float(np.median(gaps))
    return max(gaps) >= max(PUNCT_GAP * xh, 2.5 * usual)


def _widen(reads: list[Read], k: int, step: int, thr: float, seen: Callable[[Read], bool]) -> int:
    """How far a run's end at `k` extends (`step` -1: left, 1: right) so the sequence model
    reads what the path could not: over the unsure or junk glyphs glued to it, across one
    number mark to an unsure glyph ("-" of "064-853-0467" with the "0" after it unsure), and
    over one "letter" with digits glued on both sides where tesseract saw a digit (`seen`):
    "๒๕๓๐" read "๒๕", a letter, "๐" (no printed number has a letter inside it), with the
    digits beyond it."""

    def glued(i: int, j: int) -> bool:
        lo, hi = min(i, j), max(i, j)
        return lo >= 0 and hi < len(reads) and reads[hi].x0 - reads[lo].x1 < thr

    crossed = False  # one letter at most: a chain of them is a stamp or a word, not a number
    while True:
        n = k + step
        if not glued(k, n):
            return k
        if _doubtful(reads[n]) or reads[n].is_digit:
            k = n
        elif reads[n].cls in NUMBER_PUNCT and glued(n, n + step) and _doubtful(reads[n + step]):
            k = n + step
        elif (
            not crossed
            and reads[n].cls == OTHER_ID
            and glued(n, n + step)
            and reads[n + step].is_digit
            and seen(reads[n])
        ):
            k, crossed = n + step, True  # a "letter" with digits glued on both sides
        else:
            return k


def _tesseract_digit(job: _Job, r: Read) -> bool:
    """Whether a tesseract glyph with a digit in it lies over path glyph `r`'s ink."""
    return any(
        _DIGIT.search(g.text) and g.bbox.x0 - job.ox < r.x1 and r.x0 < g.bbox.x1 - job.ox
        for g in job.line.glyphs
    )


def _backed(job: _Job, reads: list[Read], lo: int, hi: int, thr: float) -> bool:
    """Whether `_accept` could take the run: tesseract also saw a digit under it, or was
    guessing there, or the run stands alone between spaces. Others (mostly a Thai letter
    inside a word the path took for a digit) are not worth a network pass, and a re-read
    must not make them look sure."""
    xh = job.seg.geom.xh
    span = reads[lo : hi + 1]
    left = reads[lo - 1] if lo > 0 else None
    right = reads[hi + 1] if hi + 1 < len(reads) else None
    if (left is None or span[0].x0 - left.x1 >= thr) and (
        right is None or right.x0 - span[-1].x1 >= thr
    ):
        return True
    wide = Run(tuple(span), left, right)
    hits = [g for g in job.line.glyphs if _consumes(g, wide, job.ox, xh)]
    if any(_DIGIT.search(g.text) for g in hits):
        return True
    confs = [g.conf for g in hits if g.conf is not None]
    return bool(confs) and sum(confs) / len(confs) < UNSURE_CONF


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


def _sequence_reread(job: _Job, reads_per_group: list[list[Read]], net: ctc.CtcNet) -> None:
    """Let the CTC reader re-read the numbers the path may have cut wrong.

    - A run with an unsure glyph, or with unsure or junk glyphs glued to it (what the path
      could not cut: touching digits), is widened over them and read whole; if the network
      sees a letter in the widened window, the bare run is tried instead.
    - A run with an unusually wide gap between two digits, and two runs close together with
      nothing read between them, may have lost a mark (a dot); their reading may only add or
      change marks, never digits.

    - In small print (SMALL_XH) every other run is read again too, and needs SURE_MARGIN.
    - A number tesseract read with more digits than the path found on its ink is read
      whole (`_lost_digits`).
    - Last, an Arabic number tesseract read differently is settled by `_arbitrate`.

    A reading replaces the path's glyphs only if it is a number and the network finds it
    SEQUENCE_MARGIN more likely than the path's own text (the path is better at single
    glyphs, the network at where glyphs begin and end). Edits `reads_per_group` in place.
    """
    xh = job.seg.geom.xh
    every = [r for rs in reads_per_group for r in rs]
    thr = space_threshold(every, xh)
    pitch = digit_pitch(every, thr)
    under = functools.partial(_tesseract_digit, job)
    for reads in reads_per_group:
        for run in reversed(numeric_runs(reads, thr, pitch)):
            lo = _index(reads, run.reads[0])
            if lo < 0:
                continue  # swallowed by the window of the run after it
            hi = lo + len(run.reads) - 1
            a, b = _widen(reads, lo, -1, thr, under), _widen(reads, hi, 1, thr, under)
            if not _backed(job, reads, a, b, thr):
                continue  # `_accept` will judge it on the path's glyphs alone
            if (a, b) != (lo, hi) or run.conf < SEQUENCE_SURE:
                new, seen = _read_window(job, net, reads[a : b + 1])
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
        runs = numeric_runs(reads, thr, pitch)
        for left, right in reversed(list(itertools.pairwise(runs))):
            i, j = _index(reads, left.reads[-1]), _index(reads, right.reads[0])
            if j != i + 1 or right.x0 - left.x1 >= JOIN_GAP * xh:
                continue
            lo, hi = i + 1 - len(left.reads), j + len(right.reads) - 1
            if not (_backed(job, reads, lo, i, thr) and _backed(job, reads, j, hi, thr)):
                continue
            new, _ = _read_window(job, net, reads[lo : hi + 1], marks_only=True)
            if new is not None and sum(r.char in PUNCT for r in new) > sum(
                r.char in PUNCT for r in reads[lo : hi + 1]
            ):
                reads[lo : hi + 1] = new
        _lost_digits(job, net, reads)
        for run in numeric_runs(reads, thr, pitch):
            _arbitrate(job, net, reads, run)


LOST_MIN = 1
"""How many fewer digits than tesseract's Arabic number the path must find on its ink to have
the network read it (tesseract's model holds all Arabic digits: its count is good)."""
LOST_MIN_THAI = 3
"""... for a Thai number. tesseract writes the Thai digits its model lacks as one or two
others ("๙" as "๓๕"), so its count runs high; and a stray digit it puts on a letter beside a
number ("๓ต" read "๓๓") must not send the network to read the letter as a digit too."""
_NUMERIC_GLYPH = re.compile(r"[0-9๐-๙.,/:\-]+")
_THAI_DIGIT = re.compile(r"[๐-๙]")


def _tesseract_numbers(line: Line, ox: int) -> list[tuple[float, float, int, bool]]:
    """(x0, x1, digits, thai) in crop pixels of each tesseract token that is a number: digits
    of one script and number marks (brackets and "%" around them allowed), two digits or more.

    Whole tokens of one script only: digits inside a word, or Thai and Arabic digits mixed,
    are mostly a Latin word tesseract's Thai model wrote as digits ("Facebook" as "ถืล6๕๖๐๐",
    "e-GP" as "๑-089"), which the Latin pass reads later.
    """
    out: list[tuple[float, float, int, bool]] = []
    for tok in _tokens(line):
        text = "".join(g.text for g in tok).strip("()[]%")
        n = len(_DIGIT.findall(text))
        thai = len(_THAI_DIGIT.findall(text))
        if n >= 2 and _NUMERIC_GLYPH.fullmatch(text) and thai in (0, n):
            x0, x1 = min(g.bbox.x0 for g in tok) - ox, max(g.bbox.x1 for g in tok) - ox
            out.append((x0, x1, n, thai > 0))
    return out


def _lost_digits(job: _Job, net: ctc.CtcNet, reads: list[Read]) -> None:
    """Where tesseract read a number of n digits and the path found fewer on its ink (by
    LOST_MIN, or LOST_MIN_THAI for Thai digits): "21:45" read "2", three letters, "5", the
    colon run into the digits. The network reads the ink under tesseract's number; its
    reading replaces the path's if it is a number and more likely (`_read_window`). Edits
    `reads` in place."""
    for x0, x1, n, thai in _tesseract_numbers(job.line, job.ox):
        idx = [k for k, r in enumerate(reads) if r.x0 < x1 and x0 < r.x1]
        if not idx or sum(reads[k].is_digit for k in idx) > n - (
            LOST_MIN_THAI if thai else LOST_MIN
        ):
            continue
        lo, hi = idx[0], idx[-1]
        new, _ = _read_window(job, net, reads[lo : hi + 1])
        if new is not None:
            reads[lo : hi + 1] = new


_ARABIC_TOKEN = re.compile(r"[0-9]+(?:[.,/:\-][0-9]+)*")


def _arbitrate(job: _Job, net: ctc.CtcNet, reads: list[Read], run: Run) -> None:
    """Where tesseract read an Arabic number differently from the path, let the sequence
    model choose between the two readings.

    Why only Arabic: tesseract's Thai model holds all ten Arabic digits (not all Thai ones),
    so its Arabic readings are real candidates. On type designs the classifier never saw
    the path is right more often, but tesseract is right on numbers the path misreads in a
    design's own way (one font's "3" read as "5" throughout). Same length only: the readings
    are compared glyph for glyph and the path's boxes are kept. Edits `reads` in place.
    """
    text = run.text
    if not _ARABIC_TOKEN.fullmatch(text):
        return
    xh = job.seg.geom.xh
    hits = [g for g in job.line.glyphs if _consumes(g, run, job.ox, xh)]
    found = _ARABIC_TOKEN.findall("".join(g.text for g in hits))
    if len(found) != 1 or found[0] == text or len(found[0]) != len(text):
        return
    other = found[0]
    if any((a in PUNCT) != (b in PUNCT) for a, b in zip(text, other, strict=True)):
        return
    logp = net(ctc.window(job.gray, job.seg.geom, run.x0, run.x1))
    gain = ctc.log_likelihood(logp, other) - ctc.log_likelihood(logp, text)
    if gain <= ARBITRATE_MARGIN:
        return
    conf = 1.0 / (1.0 + math.exp(-min(gain, 50.0)))
    lo = _index(reads, run.reads[0])
    for k, (r, ch) in enumerate(zip(run.reads, other, strict=True)):
        if ch != r.char:
            reads[lo + k] = Read(CLASS_INDEX[ch], min(r.conf, conf), r.x0, r.y0, r.x1, r.y1)


def _read_window(
    job: _Job,
    net: ctc.CtcNet,
    span: list[Read],
    marks_only: bool = False,
    margin: float = SEQUENCE_MARGIN,
) -> tuple[list[Read] | None, str]:
    """The CTC reading of the ink under `span` as path glyphs, or None where the path's
    reading stands (see `_sequence_reread`); and the network's text, whichever it is."""
    geom = job.seg.geom
    x0, x1 = min(r.x0 for r in span), max(r.x1 for r in span)
    logp = net(ctc.window(job.gray, geom, x0, x1))
    got = ctc.greedy(logp)
    text = got.text
    if (
        not text
        or not any(ch in _DIGITS for ch in text)
        or any(ch not in CLASS_INDEX for ch in text)
    ):
        return None, text
    old = "".join(r.char for r in span)  # with "<junk>" in it, its likelihood is -inf
    if text == old or (marks_only and _digits(text) != _digits(old)):
        return None, text
    if ctc.log_likelihood(logp, text) - ctc.log_likelihood(logp, old) < margin:
        return None, text
    centres = [ctc.frame_x(geom, x0, f) for f in got.frames]
    # path glyphs well clear of the first and last symbol were not part of the number the
    # network read (a "(" before "๑)"): they stay, or the line would lose them
    reach = 0.5 * geom.xh
    before = [r for r in span if (r.x0 + r.x1) / 2 < centres[0] - reach]
    after = [r for r in span if (r.x0 + r.x1) / 2 > centres[-1] + reach]
    x0 = before[-1].x1 if before else x0
    x1 = after[0].x0 if after else x1
    y0, y1 = min(r.y0 for r in span), max(r.y1 for r in span)
    out: list[Read] = []
    for k, ch in enumerate(text):
        a = x0 if k == 0 else round((centres[k - 1] + centres[k]) / 2)
        b = x1 if k == len(text) - 1 else round((centres[k] + centres[k + 1]) / 2)
        out.append(Read(CLASS_INDEX[ch], got.probs[k], a, y0, max(a + 1, b), y1))
    return [*before, *out, *after], text


def _finish(job: _Job, reads_per_group: list[list[Read]]) -> Line:
    """Accept the numeric runs of one line's paths and splice them into the line."""
    seg, line, ox = job.seg, job.line, job.ox
    xh = seg.geom.xh
    every = [r for rs in reads_per_group for r in rs]
    thr = space_threshold(every, xh)
    pitch = digit_pitch(every, thr)
    glyphs = line.glyphs
    owner: list[int] = [-1] * len(glyphs)
    accepted: list[Run] = []
    for run in (one_script(run) for rs in reads_per_group for run in numeric_runs(rs, thr, pitch)):
        hits = [i for i, g in enumerate(glyphs) if owner[i] < 0 and _consumes(g, run, ox, xh)]
        in_gap = _in_gap(run, glyphs, ox)
        if not _accept(run, [glyphs[i] for i in hits], thr, in_gap, _cut(job, run, thr)):
            continue
        for i in hits:
            owner[i] = len(accepted)
        accepted.append(run)
    for i, g in enumerate(glyphs):
        if owner[i] < 0 and _misread_letter(g, every, ox):
            owner[i] = DROP
    if not accepted and all(o == -1 for o in owner):
        return line
    return _rebuild(line, accepted, owner, ox, job.oy, thr)


def _cut(job: _Job, run: Run, thr: float) -> bool:
    """Whether the run ends, with nothing read beyond it, within a space of the edge of a
    window that lies inside the line: there may be more of the number beyond that edge."""
    width = job.gray.shape[1]
    c = (run.x0 + run.x1) / 2
    for r0, r1 in job.ranges:
        if r0 <= c <= r1:
            left = run.left is None and r0 > 0 and run.x0 - r0 < thr
            right = run.right is None and r1 < width and r1 - run.x1 < thr
            return left or right
    return False


def _in_gap(run: Run, glyphs: Sequence[Glyph], ox: int) -> bool:
    """Whether no tesseract glyph's box overlaps the run (crop pixels)."""
    return not any(g.bbox.x0 - ox < run.x1 and run.x0 < g.bbox.x1 - ox for g in glyphs)


def _misread_letter(g: Glyph, reads: list[Read], ox: int) -> bool:
    """A lone tesseract digit where the classifier is sure it sees a letter (ต read as ๓).

    The letter itself cannot be recovered here, but a digit that is not there would corrupt
    the number next to it, so the glyph is dropped; punctuation tesseract boxed after it
    ("๓." over the "ต." of "ต.ค.") is kept (see `_rebuild`).
    """
    _, tail = _edges(g.text)
    if not _DIGIT.fullmatch(g.text[: len(g.text) - len(tail)]):
        return False  # with a mark before the digit ("(๑"), x below would fall on the mark
    x = g.bbox.x0 - ox + 0.3 * min(g.bbox.width, 0.6 * g.bbox.height)
    hit = next((r for r in reads if r.x0 <= x <= r.x1), None)
    return hit is not None and hit.cls == OTHER_ID and hit.conf >= MISREAD_CONF


def _rebuild(
    line: Line,
    runs: list[Run],
    owner: list[int],
    ox: int,
    oy: int,
    thr: float,
) -> Line:
    """Splice the runs into the glyph sequence and rebuild the text with spaces."""
    spaces = _space_flags(line)
    items: list[_Item] = []
    placed: set[int] = set()
    carry = False  # a dropped glyph's space goes to the next one
    for i, g in enumerate(line.glyphs):
        r = owner[i]
        if r == DROP:
            _, tail = _edges(g.text)  # a dropped digit has no mark before it
            if tail:
                items.append(_Item((Glyph(tail, g.bbox, g.conf),), tail, spaces[i] or carry))
                carry = False
            else:
                carry = carry or spaces[i]
            continue
        if r >= 0:
            mine = [k for k, o in enumerate(owner) if o == r]
            head, tail = _edges(g.text)
            if r not in placed:
                placed.add(r)
                if i == mine[0] and head:
                    items.append(_Item((Glyph(head, g.bbox, g.conf),), head, spaces[i] or carry))
                items.append(_Item(_run_glyphs(runs[r], ox, oy), runs[r].text, False, runs[r]))
            if i == mine[-1] and tail:
                items.append(_Item((Glyph(tail, g.bbox, g.conf),), tail, False, fixed=True))
            carry = False
            continue
        items.append(_Item((g,), g.text, spaces[i] or carry))
        carry = False
    for r, run in enumerate(runs):
        if r in placed:
            continue
        pos = next(
            (k for k, it in enumerate(items) if it.glyphs[0].bbox.x0 - ox > run.x0),
            len(items),
        )
        items.insert(pos, _Item(_run_glyphs(run, ox, oy), run.text, False, run))
    for k, it in enumerate(items):
        prev_run = items[k - 1].run if k > 0 else None
        if k == 0:
            it.space_before = False
        elif it.run is not None:
            left = it.run.left  # None: nothing within 1.5 line heights, so a space
            it.space_before = left is None or it.run.x0 - left.x1 >= thr
        elif prev_run is not None and not it.fixed:
            right = prev_run.right
            it.space_before = right is None or right.x0 - prev_run.x1 >= thr
    text = "".join((" " if it.space_before else "") + it.text for it in items)
    new_glyphs = tuple(g for it in items for g in it.glyphs)
    confs = [g.conf for g in new_glyphs if g.conf is not None]
    bbox = line.bbox
    for g in new_glyphs:
        bbox = bbox.union(g.bbox)
    conf = sum(confs) / len(confs) if confs else line.conf
    return Line(text=text, bbox=bbox, conf=conf, glyphs=new_glyphs)


def reread(
    image: np.ndarray,
    lines: Sequence[Line],
    model: Mlp | None = None,
    sequence: ctc.CtcNet | bool = True,
) -> list[Line]:
    """Re-read every numeric token of `lines` (pixel coordinates) on the grayscale `image`.

    All lines' candidates go through the classifier in one batch: one matrix product per
    layer for the page instead of one per line. Lines whose path had to cross a wide blob
    with an unsure glyph are segmented again with even cuts in those blobs (a second, small
    batch): touching digits that no ink minimum separates. Numbers the path was unsure of,
    or may have lost a mark in, are then read whole by the CTC network (`sequence`: the
    committed one by default, False to skip this step).
    """
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.dtype != np.uint8:
        raise ValueError("reread needs a uint8 grayscale image")
    model = model or load()
    jobs: list[_Job | None] = [_prepare(image, line) for line in lines]
    probs = _classify([j for j in jobs if j is not None], model)
    if probs is None:
        return list(lines)
    paths = [None if j is None else _decode(j, probs) for j in jobs]
    retry: dict[int, _Job] = {}
    for i, (job, path) in enumerate(zip(jobs, paths, strict=True)):
        if job is not None and path is not None and (blobs := _unread_blobs(job, path)):
            again = _prepare(image, job.line, even_at=blobs)
            if again is not None and _keep_groups(again, job, blobs):
                retry[i] = again
    probs2 = _classify(list(retry.values()), model)
    if probs2 is not None:
        for i, again in retry.items():
            first = paths[i]
            assert first is not None
            for g, path2 in zip(again.kept, _decode(again, probs2), strict=True):
                if _log_score(path2) > _log_score(first[g]):
                    first[g] = path2
    net = ctc.load() if sequence is True else sequence
    if net is not False:
        with one_blas_thread():
            for job, path in zip(jobs, paths, strict=True):
                if job is not None and path is not None:
                    _sequence_reread(job, path, net)
    return [
        letters_in_words(line if job is None or path is None else _finish(job, path))
        for line, job, path in zip(lines, jobs, paths, strict=True)
    ]


def _classify(jobs: list[_Job], model: Mlp) -> np.ndarray | None:
    """Class probabilities of every candidate of `jobs` in one batch (sets each `job.start`);
    None when there is none."""
    feats: list[np.ndarray] = []
    n = 0
    for job in jobs:
        job.start = n
        flat = [c for cs in job.cands for c in cs]
        feats.append(features(job.seg, flat))
        n += len(flat)
    return model.predict_proba(np.concatenate(feats)) if n else None


def reread_line(image: np.ndarray, line: Line, model: Mlp | None = None) -> Line:
    """`reread` for a single line."""
    return reread(image, [line], model)[0]
