"""Render a line of pieces with a per-pixel piece map, then degrade it like a scan.

Why a piece map: the training labels come from running the real segmenter on the degraded
image and asking, for each candidate, which rendered piece its ink belongs to. Each piece (one
digit or punctuation mark, or a whole Thai word, shaped by RAQM) is drawn separately so its
pixels are known exactly; geometric degradations are applied to the map too (nearest
neighbour), so labels stay right under rotation, blur and stroke thinning or thickening.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw

from tools.digits.fonts import Face, digit_height_ratio, pil_font


@dataclass(frozen=True, slots=True)
class Piece:
    """Text drawn as one unit; `label` is its class (a digit/punct char, or "<other>").

    A piece with text " " is a space of `space` times the font's space width.
    """

    text: str
    label: str
    space: float = 1.0


@dataclass(slots=True)
class Rendered:
    """A rendered line: ink (0..255, ink bright) and the piece index map (0 = no piece)."""

    ink: np.ndarray
    ids: np.ndarray
    pieces: list[Piece]

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces)


def font_px(face: Face, digit_px: float) -> int:
    """Em size that gives "๐" a height of `digit_px` pixels in this face."""
    return max(6, round(digit_px / digit_height_ratio(face)))


def render(pieces: list[Piece], face: Face, px: int, *, margin: int = 12) -> Rendered:
    """Draw the pieces left to right on one baseline."""
    font = pil_font(face, px)
    space_w = font.getlength(" ")
    xs: list[float] = []
    x = float(margin)
    for p in pieces:
        xs.append(x)
        x += p.space * space_w if p.text == " " else font.getlength(p.text, language="th")
    width = int(x) + margin + px
    height = int(px * 1.9) + 2 * margin
    base = margin + int(px * 1.25)
    ink = np.zeros((height, width), np.uint8)
    ids = np.zeros((height, width), np.int32)
    for k, (p, px0) in enumerate(zip(pieces, xs, strict=True)):
        if p.text == " ":
            continue
        bx0, by0, bx1, by1 = font.getbbox(p.text, anchor="ls", language="th")
        w, h = int(bx1 - bx0) + 2, int(by1 - by0) + 2
        if w <= 2 or h <= 2:
            continue
        im = Image.new("L", (w, h), 0)
        ImageDraw.Draw(im).text(
            (px0 - int(px0) - bx0 + 1, -by0 + 1),
            p.text,
            font=font,
            fill=255,
            anchor="ls",
            language="th",
        )
        arr = np.asarray(im)
        ox, oy = int(px0) + bx0 - 1, base + by0 - 1
        y0, x0 = max(0, oy), max(0, ox)
        y1, x1 = min(height, oy + h), min(width, ox + w)
        if y1 <= y0 or x1 <= x0:
            continue
        sub = arr[y0 - oy : y1 - oy, x0 - ox : x1 - ox]
        np.maximum(ink[y0:y1, x0:x1], sub, out=ink[y0:y1, x0:x1])
        region = ids[y0:y1, x0:x1]
        region[sub > 96] = k + 1
    return Rendered(ink, ids, list(pieces))


@dataclass(frozen=True, slots=True)
class Degrade:
    """How hard to degrade (ranges are sampled per line)."""

    morph_p: float = 0.35
    rotate_deg: float = 1.0
    blur: float = 0.9
    noise: float = 10.0
    jpeg_p: float = 0.5
    bilevel_p: float = 0.3
    dust_p: float = 0.3
    resample_p: float = 0.2
    morph_soft: bool = False
    """Thin/thicken by half a kernel (blend) rather than a whole one: what a scanner's
    brightness setting does; the hard version breaks light fonts at 200 dpi beyond reading."""
    design_p: float = 0.0
    """Training only: share of lines given a new "design" (shear, width, elastic warp)."""


def degrade(
    r: Rendered, rng: np.random.Generator, digit_px: float, d: Degrade = Degrade()
) -> tuple[np.ndarray, np.ndarray]:
    """Grayscale scan-like image (uint8, dark ink) and the matching piece map."""
    ink: np.ndarray = r.ink.astype(np.float32)
    ids: np.ndarray = r.ids.astype(np.float32)
    h, w = ink.shape
    if rng.random() < d.design_p:
        ink, ids = _redesign(ink, ids, rng, digit_px)
    if rng.random() < d.morph_p:
        k = 2 if digit_px < 26 or rng.random() < 0.6 else 3
        kernel = np.ones((k, k), np.uint8)
        soft = d.morph_soft or rng.random() < 0.5
        if rng.random() < 0.5:
            thick = cv2.dilate(ink, kernel)
            ink = (ink + thick) / 2 if soft else thick
            ids = np.where(ids > 0, ids, cv2.dilate(ids, kernel))
        else:
            thin = cv2.erode(ink, kernel)
            ink = (ink + thin) / 2 if soft else thin
    if d.rotate_deg > 0:
        angle = float(rng.uniform(-d.rotate_deg, d.rotate_deg))
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        ink = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=0.0)
        ids = cv2.warpAffine(ids, m, (w, h), flags=cv2.INTER_NEAREST, borderValue=0.0)
    if rng.random() < d.resample_p:
        s = float(rng.uniform(0.6, 0.9))
        small = cv2.resize(
            ink, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA
        )
        ink = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    ids = np.where(ids > 0, ids, cv2.dilate(ids, np.ones((3, 3), np.uint8)))
    sigma = float(rng.uniform(0, d.blur)) * digit_px / 20
    if sigma > 0.2:
        ink = cv2.GaussianBlur(ink, (0, 0), sigma)
    paper = float(rng.uniform(205, 252))
    ink_level = float(rng.uniform(0, 90))
    gray: np.ndarray = paper - ink / 255.0 * (paper - ink_level)
    gray += rng.normal(0, float(rng.uniform(0, d.noise)), size=gray.shape).astype(np.float32)
    if rng.random() < d.dust_p:
        for _ in range(int(rng.integers(1, 6))):
            cy, cx = int(rng.integers(0, h)), int(rng.integers(0, w))
            cv2.circle(gray, (cx, cy), int(rng.integers(0, 2)), float(rng.uniform(30, 150)), -1)
    out = np.clip(gray, 0, 255).astype(np.uint8)
    if rng.random() < d.jpeg_p:
        buf = io.BytesIO()
        Image.fromarray(out).save(buf, "JPEG", quality=int(rng.integers(35, 90)))
        out = np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("L"))
    if rng.random() < d.bilevel_p:
        thr = float(rng.uniform(0.35, 0.65)) * (paper + ink_level)
        out = np.where(out >= thr, 255, 0).astype(np.uint8)
    return out, ids.astype(np.int32)


def _redesign(
    ink: np.ndarray, ids: np.ndarray, rng: np.random.Generator, digit_px: float
) -> tuple[np.ndarray, np.ndarray]:
    """Shear, widen or narrow, and elastically warp the glyphs: new fonts from old ones.

    Why: fourteen training families are few; smooth random warps (Simard et al. 2003) make
    the classifier rely on stroke topology rather than on one family's exact outlines.
    """
    h, w = ink.shape
    sx = float(rng.uniform(0.85, 1.15))
    sh = float(rng.uniform(-0.15, 0.15))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cy = h / 2
    map_x = xx / sx + sh * (yy - cy)
    map_y = yy.copy()
    if rng.random() < 0.7:
        sigma = digit_px * float(rng.uniform(0.25, 0.5))
        alpha = digit_px * float(rng.uniform(0.04, 0.1))
        for m in (map_x, map_y):
            noise = rng.uniform(-1, 1, size=(h, w)).astype(np.float32)
            field: np.ndarray = cv2.GaussianBlur(noise, (0, 0), sigma)
            field *= alpha / (float(np.abs(field).max()) + 1e-6)
            m += field
    ink = cv2.remap(ink, map_x, map_y, cv2.INTER_LINEAR, borderValue=0.0)
    ids = cv2.remap(ids, map_x, map_y, cv2.INTER_NEAREST, borderValue=0.0)
    return ink, ids


def tight_crop(gray: np.ndarray, pad: int) -> tuple[np.ndarray, int, int]:
    """Crop to the ink box plus `pad` pixels, like tesseract's line box plus reread's margin."""
    ink = gray < 128
    ys, xs = np.nonzero(ink)
    if len(ys) == 0:
        return gray, 0, 0
    y0, x0 = max(0, int(ys.min()) - pad), max(0, int(xs.min()) - pad)
    y1, x1 = (
        min(gray.shape[0], int(ys.max()) + 1 + pad),
        min(gray.shape[1], int(xs.max()) + 1 + pad),
    )
    return gray[y0:y1, x0:x1], x0, y0
