"""Scanned variants: rasterize the text PDF, degrade it like an office scanner, wrap as images.

Why degrade: OCR and layout code must be measured on pages that look scanned — slightly skewed,
blurred, noisy, JPEG-compressed or thresholded to 1 bit — not on perfect renders. Everything is
driven by a seeded numpy Generator, so the images (and the JPEG/Flate bytes) are reproducible.
Also here: sideways table scans (a landscape page fed portrait, content rotated 90°) and the bad
invisible OCR layer (TIS-620 bytes shown as Latin-1 mojibake) a reader must reject.
"""

from __future__ import annotations

import hashlib
import io
import random
from typing import Any

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from samples.generator.canvas import Page, TextItem
from samples.generator.pdfcontent import ImagePage, InvisibleLine
from samples.generator.spec import Scan


def rasterize(doc: pdfium.PdfDocument, index: int, dpi: int) -> np.ndarray:
    """Render one page to an 8-bit grayscale array."""
    bitmap = doc[index].render(scale=dpi / 72, grayscale=True)
    return np.array(bitmap.to_pil().convert("L"))


def degrade(img: np.ndarray, scan: Scan, rng: np.random.Generator) -> np.ndarray:
    """Paper tone, uneven light, skew, blur, sensor noise and dust — in that physical order."""
    h, w = img.shape
    paper = rng.uniform(236, 248)
    out: Any = img.astype(np.float32) * np.float32(paper / 255.0)  # cv2 stubs are loose
    # uneven illumination: a smooth gradient across the page
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    gx, gy = rng.uniform(-1, 1, size=2)
    light = 1.0 + 0.035 * (gx * (xx / w - 0.5) + gy * (yy / h - 0.5))
    out = out * light
    # skew + small offset, background filled with paper
    angle = float(rng.choice([-1, 1]) * scan.rotation * rng.uniform(0.8, 1.2))
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    m[:, 2] += rng.uniform(-0.004, 0.004, size=2) * np.array([w, h])
    out = cv2.warpAffine(out, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=float(paper))
    if scan.blur > 0:
        out = cv2.GaussianBlur(out, (0, 0), sigmaX=scan.blur * scan.dpi / 200)
    if scan.noise > 0:
        out = out + rng.normal(0, scan.noise, size=out.shape).astype(np.float32)
    # dust specks
    n = int(rng.integers(8, 25))
    ys, xs = rng.integers(0, h, n), rng.integers(0, w, n)
    for y, x in zip(ys, xs, strict=True):
        cv2.circle(out, (int(x), int(y)), 1, float(rng.uniform(40, 140)), -1)
    # darker scanner-lid edge along one side
    edge = int(w * rng.uniform(0.004, 0.01))
    out[:, :edge] *= 0.55
    result: np.ndarray = np.clip(out, 0, 255).astype(np.uint8)
    return result


def encode(arr: np.ndarray, scan: Scan) -> tuple[bytes, str]:
    """Grayscale JPEG (DCT) or 1-bit thresholded (Flate by the writer)."""
    if scan.mode == "bilevel":
        bw = (arr >= scan.threshold).astype(np.uint8) * 255
        img = Image.fromarray(bw, "L").convert("1", dither=Image.Dither.NONE)
        return img.tobytes(), "bilevel"
    buf = io.BytesIO()
    Image.fromarray(arr, "L").save(buf, "JPEG", quality=scan.quality, optimize=True)
    return buf.getvalue(), "jpeg"


def mojibake_layer(page: Page, rng: random.Random) -> list[InvisibleLine]:
    """A poor OCR layer: each line's Thai text as TIS-620 bytes (extracts as Latin-1 garbage),
    with OCR-like dropped and doubled bytes."""
    lines = []
    for item in page.items:
        if not isinstance(item, TextItem) or not item.line.text.strip():
            continue
        raw = bytearray(item.line.text.encode("tis-620", errors="replace"))
        for _ in range(max(1, len(raw) // 25)):
            i = rng.randrange(len(raw))
            if rng.random() < 0.5:
                del raw[i]
            else:
                raw.insert(i, raw[i])
        lines.append(
            InvisibleLine(
                item.x, item.baseline, max(item.line.width, 10.0), item.line.size, bytes(raw)
            )
        )
    return lines


def scan_page(
    doc: pdfium.PdfDocument,
    index: int,
    page: Page,
    scan: Scan,
    doc_seed: str,
) -> ImagePage:
    """One scanned page; landscape pages are fed sideways when `scan.sideways_tables`."""
    rng = np.random.default_rng(hash_seed(f"{doc_seed}:{scan.seed}:{index}"))
    img = rasterize(doc, index, scan.dpi)
    sideways = scan.sideways_tables and page.landscape
    if sideways:
        img = np.ascontiguousarray(np.rot90(img, k=1))  # content turned 90° counter-clockwise
    img = degrade(img, scan, rng)
    data, kind = encode(img, scan)
    width, height = (page.height, page.width) if sideways else (page.width, page.height)
    invisible: list[InvisibleLine] = []
    if scan.garbage_layer and not sideways:
        invisible = mojibake_layer(page, random.Random(f"{doc_seed}:ocr:{index}"))
    return ImagePage(width, height, img.shape[1], img.shape[0], data, kind, invisible)


def hash_seed(text: str) -> int:
    """Stable 63-bit seed from text (Python's hash() is salted per process)."""
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big") >> 1
