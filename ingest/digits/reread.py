"""Re-read the numbers in tesseract's lines: `reread(image, lines) -> lines`.

Why: the packaged Thai model cannot output ๔ ๖ ๗ ๘ ๙ (its character set lacks them), so
every Thai number it reads is suspect. Each line box is segmented and classified here
(`segment`, `features`, `model`, `decode`); numeric runs replace the tesseract characters under
them, and everything else in the line (Thai text, its spaces, tesseract's confidences) is kept.

A run is accepted when tesseract also saw a digit there (it rarely misses a number entirely,
it misreads the digits), or, failing that, when the run stands alone between spaces and the
classifier is sure of every glyph: a Thai letter beside a number must never become a digit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ingest.digits.decode import Read, Run, best_path, numeric_runs, space_threshold
from ingest.digits.features import features
from ingest.digits.model import PUNCT, Mlp, load
from ingest.digits.segment import segment
from schemas.page import BBox, Glyph, Line

_DIGIT = re.compile(r"[0-9๐-๙]")
LONE_RUN_CONF = 0.97
"""A run tesseract saw no digit in must be this sure on every glyph (and stand alone)."""
PAD = 3


@dataclass(slots=True)
class _Item:
    """A piece of the output line: kept tesseract glyph(s) or a re-read run."""

    glyphs: tuple[Glyph, ...]
    text: str
    space_before: bool
    run: Run | None = None


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
    """Whether tesseract glyph `g` (page pixels) was tesseract's reading of part of `run`."""
    gx0 = g.bbox.x0 - ox
    gx1 = min(g.bbox.x1 - ox, gx0 + 1.2 * xh)
    if _DIGIT.search(g.text):
        anchor = gx0 + 0.25 * (gx1 - gx0)
        return run.x0 - 0.3 * xh <= anchor <= run.x1 + 0.1 * xh
    overlap = min(gx1, run.x1) - max(gx0, run.x0)
    return overlap >= 0.6 * max(1.0, gx1 - gx0)


def _accept(run: Run, reads: list[Read], tess_digit: bool, thr: float) -> bool:
    if tess_digit:
        return True
    if run.conf < LONE_RUN_CONF:
        return False
    left = reads[run.start - 1] if run.start > 0 else None
    right = reads[run.end + 1] if run.end + 1 < len(reads) else None
    ok_l = left is None or run.x0 - left.x1 >= thr or left.char in PUNCT
    ok_r = right is None or right.x0 - run.x1 >= thr or right.char in PUNCT
    return ok_l and ok_r


def _run_glyphs(run: Run, ox: int, oy: int) -> tuple[Glyph, ...]:
    conf = round(run.conf, 4)
    return tuple(
        Glyph(r.char, BBox(r.x0 + ox, r.y0 + oy, r.x1 + ox, r.y1 + oy), conf) for r in run.reads
    )


def reread_line(image: np.ndarray, line: Line, model: Mlp | None = None) -> Line:
    """Re-read the numbers of one line; the line itself comes back when nothing changes."""
    if not line.glyphs:
        return line
    crop, ox, oy = _crop(image, line.bbox)
    if crop.size == 0:
        return line
    seg = segment(crop)
    if not seg.candidates:
        return line
    mlp = model or load()
    probs = mlp.predict_proba(features(seg, seg.candidates))
    reads = best_path(seg, seg.candidates, probs)
    xh = seg.geom.xh
    thr = space_threshold(reads, xh)
    glyphs = line.glyphs
    owner: list[int] = [-1] * len(glyphs)
    accepted: list[Run] = []
    for run in numeric_runs(reads, xh):
        hits = [i for i, g in enumerate(glyphs) if owner[i] < 0 and _consumes(g, run, ox, xh)]
        if not _accept(run, reads, any(_DIGIT.search(glyphs[i].text) for i in hits), thr):
            continue
        for i in hits:
            owner[i] = len(accepted)
        accepted.append(run)
    if not accepted:
        return line
    return _rebuild(line, reads, accepted, owner, ox, oy, thr)


def _rebuild(
    line: Line,
    reads: list[Read],
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
    for i, g in enumerate(line.glyphs):
        r = owner[i]
        if r >= 0:
            if r not in placed:
                placed.add(r)
                items.append(_Item(_run_glyphs(runs[r], ox, oy), runs[r].text, False, runs[r]))
            continue
        items.append(_Item((g,), g.text, spaces[i]))
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
            left = reads[it.run.start - 1] if it.run.start > 0 else None
            it.space_before = left is not None and it.run.x0 - left.x1 >= thr
        elif prev_run is not None:
            right = reads[prev_run.end + 1] if prev_run.end + 1 < len(reads) else None
            it.space_before = right is None or right.x0 - prev_run.x1 >= thr
    text = "".join((" " if it.space_before else "") + it.text for it in items)
    new_glyphs = tuple(g for it in items for g in it.glyphs)
    confs = [g.conf for g in new_glyphs if g.conf is not None]
    bbox = line.bbox
    for g in new_glyphs:
        bbox = bbox.union(g.bbox)
    conf = sum(confs) / len(confs) if confs else line.conf
    return Line(text=text, bbox=bbox, conf=conf, glyphs=new_glyphs)


def reread(image: np.ndarray, lines: Sequence[Line]) -> list[Line]:
    """Re-read every numeric token of `lines` (pixel coordinates) on the grayscale `image`."""
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.dtype != np.uint8:
        raise ValueError("reread needs a uint8 grayscale image")
    model = load()
    return [reread_line(image, line, model) for line in lines]
