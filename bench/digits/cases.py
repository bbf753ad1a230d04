"""Benchmark inputs: degraded line images and A4 pages with numbers, and their truth.

Why rendered and not real scans: the truth must be exact for thousands of numbers with every
digit well represented, in fonts the model never saw. Lines hold the numbers ITA documents
print (scores, dates, references, phones, items, percentages, fiscal years, amounts, times)
with Thai around them, plus lines of letters that look like digits glued to numbers and lines
with no digit at all. Sizes follow print: the digit "๐" is 0.055–0.085 inch high (about
14–20 pt TH Sarabun), at the scan resolution asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from ingest.digits.model import OTHER
from parsers.numerals import to_thai
from tools.digits import corpus
from tools.digits.fonts import Face
from tools.digits.render import Degrade, Piece, Rendered, degrade, font_px, render

DIGIT_INCH = (0.055, 0.085)
BENCH_DEGRADE = Degrade(morph_soft=True, bilevel_p=0.0)
"""Blur, noise, JPEG, ±1° skew, thin/bold strokes (see `Degrade`); 1-bit below."""
BILEVEL_P, BILEVEL_AT = 0.3, (0.42, 0.58)
"""Share of lines thresholded to 1 bit, and where between ink and paper: an office scanner's
range (training goes wider, 0.35–0.65, where strokes break apart)."""


def bilevel(gray: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Threshold to black and white at a level drawn from BILEVEL_AT (with BILEVEL_P)."""
    if rng.random() >= BILEVEL_P:
        return gray
    lo, hi = float(np.percentile(gray, 1)), float(np.percentile(gray, 99))
    thr = lo + float(rng.uniform(*BILEVEL_AT)) * (hi - lo)
    return np.where(gray >= thr, 255, 0).astype(np.uint8)


@dataclass(frozen=True, slots=True)
class Case:
    """One line to render and read."""

    group: str
    face: Face
    dpi: int
    seed: int


def _tricky(rng: random.Random, thai: bool) -> list[Piece]:
    """Letters that look like digits right beside numbers: "ค๑๒", "๓๔ต", "ฯ ๒๕๖๗"."""
    conv = to_thai if thai else str
    out: list[Piece] = []
    for _ in range(rng.randint(2, 4)):
        if out:
            out.append(corpus.space(rng))
        num = corpus.num_pieces(conv(corpus.digits(rng, rng.randint(1, 4))))
        letter = corpus.word(rng.choice("คตดฯญฒซผพอ"))
        out.extend([letter, *num] if rng.random() < 0.5 else [*num, letter])
    return out


def pieces(rng: random.Random) -> list[Piece]:
    """A benchmark line: 1–3 labelled numbers with Thai around, a tricky line, or plain text."""
    r = rng.random()
    thai = rng.random() < 0.8
    if r < 0.1:
        return _tricky(rng, thai)
    if r < 0.15:
        return [corpus.word(rng.choice(corpus.thai_words())) for _ in range(1)] + [
            corpus.space(rng),
            corpus.word("".join(rng.choice(corpus.thai_words()) for _ in range(2))),
        ]
    out: list[Piece] = []
    for _ in range(rng.randint(1, 3)):
        if out:
            out.append(corpus.space(rng, wide=0.0))
        if rng.random() < 0.25:
            out.extend([*corpus.filler(rng), corpus.space(rng, wide=0.0)])
        out.extend(corpus.field(rng, thai))
    return out


def line_image(case: Case) -> tuple[np.ndarray, str]:
    """The degraded line image (with paper margins) and its true text."""
    rng = random.Random(case.seed)
    nrng = np.random.default_rng(case.seed)
    digit_px = rng.uniform(*DIGIT_INCH) * case.dpi
    ps = pieces(rng)
    r = render(ps, case.face, font_px(case.face, digit_px), margin=int(0.1 * case.dpi))
    gray, _ = degrade(r, nrng, digit_px, BENCH_DEGRADE)
    return bilevel(gray, nrng), r.text


def page_image(
    face: Face, dpi: int, seed: int, numeric_share: float = 0.45
) -> tuple[np.ndarray, list[str]]:
    """An A4 page of Thai paragraphs with numbers embedded, degraded like a scan.

    `numeric_share` is the share of phrases that are numbers: 0.45 packs a page with them
    for scoring; 0.1 is closer to a typical report page and is used for timing.
    """
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    w, h = int(8.27 * dpi), int(11.69 * dpi)
    digit_px = 0.07 * dpi
    px = font_px(face, digit_px)
    from tools.digits.fonts import pil_font

    font = pil_font(face, px)
    text_w = w - 2 * dpi
    page = np.zeros((h, w), np.uint8)
    truths: list[str] = []
    y = dpi
    while y + 2 * px < h - dpi:
        line: list[Piece] = []
        width = 0.0
        while True:
            chunk = (
                corpus.field(rng, rng.random() < 0.85)
                if rng.random() < numeric_share
                else [
                    corpus.word(
                        "".join(rng.choice(corpus.thai_words()) for _ in range(rng.randint(1, 3)))
                    )
                ]
            )
            cw = sum(font.getlength(p.text, language="th") for p in chunk) + font.getlength(" ")
            if line and width + cw > text_w:
                break
            if line:
                line.append(Piece(" ", OTHER))
            line.extend(chunk)
            width += cw
        r = render(line, face, px, margin=0)
        lh, lw = r.ink.shape
        lw = min(lw, w - dpi)
        page[y : y + lh, dpi : dpi + lw] = np.maximum(
            page[y : y + lh, dpi : dpi + lw], r.ink[:, :lw]
        )
        truths.append(r.text)
        y += int(px * 1.65)
    deg = Degrade(morph_p=0.0, rotate_deg=0.5, bilevel_p=0.0, dust_p=1.0, resample_p=0.0)
    gray, _ = degrade(Rendered(page, np.zeros(page.shape, np.int32), []), nrng, digit_px, deg)
    return bilevel(gray, nrng), truths
