"""Where a line's numbers are read: windows on tesseract's line, segmented, as a `Job`.

Why windows: most of a page is Thai text, and classifying every candidate of every line costs
many times more than reading around the tokens that may hold a number (`read_ranges`) and the gaps
where tesseract skipped one (`unread_gaps`), including the ink past the ends of its line box
(`widen_to_ink`). Also here: how tesseract's glyphs line up with
the text (`space_flags`, `glyph_tokens`) and with a re-read run (`consumes`), which the reader and
the sequence passes share.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ingest.digits.decode import Break, Run
from ingest.digits.model import PUNCT
from ingest.digits.segment import Candidate, LineSeg, segment
from schemas.page import BBox, Glyph, Line

DIGIT = re.compile(r"[0-9๐-๙]")
_SYMBOL = re.compile(r"[^\u0e01-\u0e4fA-Za-z]")
LATIN = re.compile(r"[A-Za-z]")
_MARKS = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+")
UNSURE_CONF = 0.6
"""tesseract confidence below which its reading of a line or a spot is taken as a guess."""
BLOB_CONF = 0.5
"""A path glyph less sure than this, wide, is ink the path could not cut into glyphs: touching
digits (`reader._unread_blobs` cuts it evenly, `sequence._unread_blobs` reads it whole)."""
PAD = 3
GAP_MIN = 0.7
"""A gap between tesseract's glyphs this wide (line heights) is read for a skipped number."""
TOKEN_REACH = 1.5
"""How far (line heights) a window goes on to reach the end of a token it would cut."""
TAIL_START = 1.5
"""How far (line heights) past tesseract's line box ink may start and still continue the
line (`widen_to_ink`): a space or two; farther is another column or a stamp."""
TAIL_REACH = 8.0
"""How far (line heights) a line is followed past its box at most."""
TAIL_BAND = 0.2
"""Share of the line's height, at top and bottom, where ink is not looked for: the marks
above and below a Thai line reach into the lines around it."""
TAIL_OVERLAP = 0.3
"""Share of the line's height another line's box must share with it to stop the widening."""


def space_flags(line: Line) -> list[bool]:
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


def crop_line(image: np.ndarray, box: BBox) -> tuple[np.ndarray, int, int]:
    h, w = image.shape[:2]
    x0, y0 = max(0, int(box.x0) - PAD), max(0, int(box.y0) - PAD)
    x1, y1 = min(w, int(np.ceil(box.x1)) + PAD), min(h, int(np.ceil(box.y1)) + PAD)
    return image[y0:y1, x0:x1], x0, y0


def consumes(g: Glyph, run: Run, ox: int, xh: float) -> bool:
    """Whether tesseract glyph `g` (page pixels) was tesseract's reading of part of `run`.

    tesseract's boxes start about right but often end far too late, so a glyph is placed by
    its left edge: a digit anywhere on the run, anything else (a digit misread as "ฒ" or
    "«") only when it starts inside the run, so "." of "พ.ศ." before "๒๕๖๗" is kept.
    """
    gx0 = g.bbox.x0 - ox
    if _MARKS.fullmatch(g.text):
        return False  # digits carry no marks: a mark here sits on the letter before
    digits = DIGIT.findall(g.text)
    if len(digits) >= 2 and _over_half(g, run, ox):
        return True  # a number boxed as one glyph, its box started early ("6504" over 2-79)
    if digits and _same_number(g, run, ox):
        return True  # the run's own number, its box well off the ink ("4" 12 px early)
    if DIGIT.search(g.text):
        gx1 = min(g.bbox.x1 - ox, gx0 + 1.2 * xh)
        anchor = gx0 + 0.25 * (gx1 - gx0)
        return run.x0 - 0.3 * xh <= anchor <= run.x1 + 0.1 * xh
    if g.text in PUNCT:  # tiny, and its box often starts inside the digit before it
        cx = (g.bbox.x0 + g.bbox.x1) / 2 - ox
        return run.x0 <= cx <= run.x1 - 0.2 * xh
    if len(g.text) >= WORD_GLYPH and overlap(g, run.x0, run.x1, ox) < 0.5 * g.bbox.width:
        return False  # a word boxed as one glyph, most of it past the run ("งบประมาณ")
    return run.x0 - 0.1 * xh <= gx0 and gx0 + 0.15 * xh <= run.x1


WORD_GLYPH = 3
"""Characters in a tesseract glyph from which it is a word boxed whole: its box is its own
width, not a digit's box that ends far too late, and a run it mostly lies past did not
consume it (`consumes`)."""


def _over_half(g: Glyph, run: Run, ox: int) -> bool:
    """Whether glyph `g` and the run each lie over half the other's width or more (a glyph
    "๕6.60." four times a one-digit run's width is not that run's reading)."""
    ov = overlap(g, run.x0, run.x1, ox)
    return ov >= 0.5 * (run.x1 - run.x0) and ov >= 0.5 * (g.bbox.x1 - g.bbox.x0)


def _same_number(g: Glyph, run: Run, ox: int) -> bool:
    """Whether glyph `g` holds the run's digits, no more, no fewer, and touches the run."""
    return DIGIT.findall(g.text) == DIGIT.findall(run.text) and glyph_over(g, run.x0, run.x1, ox)


def overlap(g: Glyph, x0: float, x1: float, ox: int) -> float:
    """How wide (pixels) tesseract glyph `g` (page pixels) and the x-range [x0, x1] (crop
    pixels) overlap; negative where they are apart."""
    return min(g.bbox.x1 - ox, x1) - max(g.bbox.x0 - ox, x0)


def glyph_over(g: Glyph, x0: float, x1: float, ox: int) -> bool:
    """Whether tesseract glyph `g` (page pixels) overlaps the x-range [x0, x1] (crop pixels)."""
    return g.bbox.x0 - ox < x1 and x0 < g.bbox.x1 - ox


def glyphs_over(glyphs: Sequence[Glyph], x0: float, x1: float, ox: int) -> list[Glyph]:
    """tesseract's glyphs overlapping the x-range [x0, x1] (crop pixels)."""
    return [g for g in glyphs if glyph_over(g, x0, x1, ox)]


def suspect(text: str) -> bool:
    """A tesseract token that may hold a number: a digit, a symbol, Latin letters (with
    `tha+eng`, Thai digits come out as Latin look-alikes: ๒๕๖๖ -> "WEDD"), or very short."""
    if DIGIT.search(text) or _SYMBOL.search(text) or LATIN.search(text):
        return True
    return len(_MARKS.sub("", text)) <= 2


def glyph_tokens(line: Line) -> list[list[Glyph]]:
    """tesseract's glyphs split on its own spaces."""
    tokens: list[list[Glyph]] = []
    for g, space in zip(line.glyphs, space_flags(line), strict=True):
        if space or not tokens:
            tokens.append([])
        tokens[-1].append(g)
    return tokens


def number_breaks(line: Line, ox: int) -> list[Break]:
    """Each space tesseract put between two tokens that both hold a digit ("2571 16869437",
    "๒๕๖๔ ๙"), with the fewer digits of the two (`decode.same_number` uses a lone digit's
    space less).

    The path joins two digits across a gap wider than a space when their centres sit a digit
    pitch apart (`decode.numeric_runs`: a narrow "1" of "18.00" leaves wide gaps), which also
    joins two numbers whose narrow digits meet at a narrow space; and at 200 dpi a space can
    be narrower than the path's space threshold. tesseract, which sees the words, breaks those.
    """
    out: list[Break] = []
    tokens = glyph_tokens(line)
    for a, b in itertools.pairwise(tokens):
        digits = min(len(DIGIT.findall("".join(g.text for g in t))) for t in (a, b))
        if digits < 1:
            continue
        x0, x1 = max(g.bbox.x1 for g in a), min(g.bbox.x0 for g in b)
        if x1 > x0:
            out.append(Break((x0 + x1) / 2 - ox, digits))
    return out


def read_ranges(line: Line, ox: int) -> list[tuple[float, float]]:
    """x-ranges (crop pixels) worth segmenting: around tesseract tokens that may hold a number
    (`suspect` text, or read unsure: `guessing`, `_half_guessed`).

    Why not the whole line: most of a page is Thai text, and classifying every candidate of
    every line costs many times more than these few windows. Tokens are split on tesseract's
    own spaces; each window is widened by 1.5 line heights so a run's neighbours are read too,
    and on to the end of a token that widening cuts if that end is near (TOKEN_REACH).
    """
    if (line.conf is not None and line.conf < UNSURE_CONF) or len(line.glyphs) <= 4:
        return [(-math.inf, math.inf)]  # tesseract is guessing, or the line is tiny: read it all
    height = max(1.0, line.bbox.height)
    tokens = glyph_tokens(line)
    boxes = [
        (min(g.bbox.x0 for g in tok) - ox, max(g.bbox.x1 for g in tok) - ox, tok) for tok in tokens
    ]
    spans = [
        (a, b)
        for a, b, tok in boxes
        if suspect("".join(g.text for g in tok)) or guessing(tok) or _half_guessed(tok)
    ]
    spans.extend(unread_gaps(line, ox, height))
    reach = TOKEN_REACH * height
    ranges: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        x0, x1 = a - 1.5 * height, b + 1.5 * height
        # a window ends in a space, not inside a short token (a number read as letters)
        x0 = min([x0, *(ta for ta, tb, _ in boxes if ta < x0 < tb and x0 - ta <= reach)])
        x1 = max([x1, *(tb for ta, tb, _ in boxes if ta < x1 < tb and tb - x1 <= reach)])
        if ranges and x0 <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], max(ranges[-1][1], x1))
        else:
            ranges.append((x0, x1))
    return ranges


GUESSED_GLYPH = 0.3
"""A glyph tesseract read this unsure it guessed (`_half_guessed`)."""
HALF_GUESSED = 0.7
"""... in a token it read, on average, no surer than this."""


def _half_guessed(token: Sequence[Glyph]) -> bool:
    """Whether tesseract guessed a glyph of a token it was unsure of as a whole: a number it
    read as letters may hide there though the average is just above UNSURE_CONF (a score
    "๗๗.๐๒" read "เร่นอไต", its glyphs at 0.26 to 0.88, 0.61 on average)."""
    confs = [g.conf for g in token if g.conf is not None]
    return bool(confs) and min(confs) < GUESSED_GLYPH and sum(confs) / len(confs) < HALF_GUESSED


def guessing(token: Sequence[Glyph]) -> bool:
    """Whether tesseract's glyphs of a token are, on average, below UNSURE_CONF: it was
    guessing there, and a number it could not read may hide under letters (".๕/๒๕๖๔" of a
    reference number read "สัพลว" at 0.24-0.67)."""
    confs = [g.conf for g in token if g.conf is not None]
    return bool(confs) and sum(confs) / len(confs) < UNSURE_CONF


def unread_gaps(line: Line, ox: int, height: float) -> list[tuple[float, float]]:
    """x-ranges (crop pixels) between tesseract's glyphs wide enough to hold a number it
    skipped: it sometimes drops a whole number ("ลงวันที่ ๒๕ มกราคม" read as "ลงวันที่ มกราคม").

    An empty gap costs nothing (no ink, no candidates); a run read there has no tesseract
    digit behind it, so `reader._accept` takes it only if it stands alone and every glyph is sure.
    """
    out: list[tuple[float, float]] = []
    glyphs = sorted(line.glyphs, key=lambda g: g.bbox.x0)
    if glyphs and glyphs[0].bbox.x0 - line.bbox.x0 >= GAP_MIN * height:
        # before the first glyph: ink the box was widened over (`widen_to_ink`)
        out.append((line.bbox.x0 - ox, glyphs[0].bbox.x0 - ox))
    reach = -math.inf
    for g in glyphs:
        if reach > -math.inf and g.bbox.x0 - reach >= GAP_MIN * height:
            out.append((reach - ox, g.bbox.x0 - ox))
        reach = max(reach, g.bbox.x1)
    if reach > -math.inf and line.bbox.x1 - reach >= GAP_MIN * height:
        # past the last glyph: ink the box was widened over (`widen_to_ink`)
        out.append((reach - ox, line.bbox.x1 - ox))
    return out


def widen_to_ink(image: np.ndarray, line: Line, lines: Sequence[Line]) -> Line:
    """`line` with its box widened, left and right, over ink that continues it (`image`:
    gray).

    Why: tesseract sometimes ends a line's box before a number it dropped ("ณ วันที่ ๑๙
    ตุลาคม ๒๕๗๓" boxed and read without the year, a phone number cut after its first group)
    or starts it after one ("๐-๒๖๓๕-๕๔๘๗" read from "๒๖๓๕"); the gaps between the box's new
    edges and its glyphs are then read like the gaps inside the line (`unread_gaps`). The ink
    must start within TAIL_START line heights of the box and runs on while its gaps are
    narrower than a wide space (GAP_MIN), for TAIL_REACH heights at most; it is looked for in
    the middle of the line's height only (marks above and below belong to the lines around),
    and stops where another line's box begins.
    """
    if not line.glyphs:
        return line
    box = line.bbox
    height = max(1.0, box.height)
    x0 = min(box.x0, min(g.bbox.x0 for g in line.glyphs))
    x1 = max(box.x1, max(g.bbox.x1 for g in line.glyphs))
    low = max(0.0, x0 - TAIL_REACH * height)
    high = min(float(image.shape[1]), x1 + TAIL_REACH * height)
    for other in lines:
        ob = other.bbox
        if other is line or min(ob.y1, box.y1) - max(ob.y0, box.y0) <= TAIL_OVERLAP * height:
            continue
        if ob.x1 > x1:
            high = min(high, max(x1, ob.x0))
        if ob.x0 < x0:
            low = max(low, min(x0, ob.x1))
    y0, y1 = max(0, int(box.y0 + TAIL_BAND * height)), int(box.y1 - TAIL_BAND * height)
    if y1 <= y0:
        return line
    rows = image[y0:y1]  # ink is thresholded beside the box only, not across the page
    right = _ink_run(rows[:, int(x1) : max(int(x1), int(high))] < 128, height)
    left = _ink_run(rows[:, math.ceil(low) : max(math.ceil(low), int(x0))][:, ::-1] < 128, height)
    if right is None and left is None:
        return line
    new_x0 = box.x0 if left is None else float(int(x0) - left - 3)
    new_x1 = box.x1 if right is None else float(int(x1) + right + 2)
    return Line(line.text, BBox(new_x0, box.y0, new_x1, box.y1), line.conf, line.glyphs)


def _ink_run(band: np.ndarray, height: float) -> int | None:
    """How far (columns) the ink of `band` runs from its first column: it must start within
    TAIL_START line heights and goes on while its gaps stay under GAP_MIN heights."""
    inked = np.flatnonzero(band.any(axis=0))
    if len(inked) == 0 or inked[0] > TAIL_START * height:
        return None
    end = int(inked[0])
    for x in inked[1:]:
        if x - end > GAP_MIN * height:
            break
        end = int(x)
    return end


def window_groups(seg: LineSeg, ranges: list[tuple[float, float]]) -> list[tuple[int, int]]:
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
class Job:
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
    """The x-ranges (crop pixels) the windows were read in (`read_ranges`)."""
    kept: list[int] = field(default_factory=list)
    """Second pass only: which of the first pass's windows `groups` are (the blob windows)."""
    breaks: list[Break] = field(default_factory=list)
    """Where tesseract split two numbers with a space (`number_breaks`, crop pixels)."""


def prepare(
    image: np.ndarray, line: Line, even_at: list[tuple[int, int]] | None = None
) -> Job | None:
    if not line.glyphs:
        return None
    crop, ox, oy = crop_line(image, line.bbox)
    if crop.size == 0:
        return None
    ranges = read_ranges(line, ox)
    if not ranges:
        return None
    seg = segment(crop, ranges, even_at)
    if seg.erased is not None:
        # the sequence model reads grey pixels: it must not see the cut-off ink either
        crop = crop.copy()
        crop[seg.erased] = np.uint8(np.percentile(crop, 95))
    groups = window_groups(seg, ranges)
    if not groups:
        return None
    cands = [[c for c in seg.candidates if lo <= c.first and c.last < hi] for lo, hi in groups]
    return Job(line, crop, seg, ox, oy, groups, cands, 0, ranges, breaks=number_breaks(line, ox))
