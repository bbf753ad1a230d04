"""`--debug-dir`: see why a field came out as it did.

For every page it writes the image the reader saw (for OCR pages: upright, deskewed, with
ruled and dotted lines erased — exactly what tesseract got), an overlay with the text lines
(OCR confidence as colour: green ≥ 0.9, orange ≥ 0.6, red below), the ruled lines (blue) and
the table cells the parser built (magenta), and the page model as JSON. The final document
JSON goes beside them.
"""

from __future__ import annotations

import json
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

from ingest.ocr_page import OcrPageImages
from parsers.table_grid import find_grids
from schemas.page import PAGE_ADAPTER, Page

OVERLAY_DPI = 100


class DebugWriter:
    """Collects per-page debug output for one document under `root`."""

    def __init__(self, root: Path, pdf_path: Path) -> None:
        self.root = root
        self.pdf_path = pdf_path
        root.mkdir(parents=True, exist_ok=True)

    def page(self, page: Page, images: OcrPageImages | None) -> None:
        stem = self.root / f"page-{page.number:03d}"
        if images is not None:
            cv2.imwrite(str(stem) + "-ocr-input.png", images.ocr_input)
            base, dpi = images.upright, float(images.dpi)
        else:
            base, dpi = self._render(page.number), float(OVERLAY_DPI)
        cv2.imwrite(str(stem) + "-overlay.png", overlay(base, dpi, page))
        (Path(str(stem) + ".json")).write_bytes(PAGE_ADAPTER.dump_json(page, indent=1))

    def document(self, doc_json: str) -> None:
        (self.root / "document.json").write_text(doc_json, encoding="utf-8")

    def _render(self, number: int) -> np.ndarray:
        pdf = pdfium.PdfDocument(self.pdf_path)
        try:
            bitmap = pdf[number - 1].render(scale=OVERLAY_DPI / 72.0, grayscale=True)
            img = bitmap.to_numpy()
        finally:
            pdf.close()
        return np.ascontiguousarray(img[:, :, 0] if img.ndim == 3 else img)


def _color(conf: float | None) -> tuple[int, int, int]:
    if conf is None or conf >= 0.9:
        return (0, 160, 0)
    return (0, 140, 255) if conf >= 0.6 else (0, 0, 230)


def overlay(gray: np.ndarray, dpi: float, page: Page) -> np.ndarray:
    """The page image with lines, rulings and table cells drawn on it (BGR)."""
    img = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    f = dpi / 72.0

    def pt(x: float, y: float) -> tuple[int, int]:
        return round(x * f), round(y * f)

    for grid in find_grids(page.rulings, min_cols=2):
        for cell in grid.cells:
            b = cell.bbox
            cv2.rectangle(img, pt(b.x0 + 2, b.y0 + 2), pt(b.x1 - 2, b.y1 - 2), (200, 0, 200), 1)
    for r in page.rulings:
        b = r.bbox
        cv2.rectangle(img, pt(b.x0, b.y0), pt(b.x1, b.y1), (230, 120, 0), 2)
    for line in page.lines:
        b = line.bbox
        cv2.rectangle(img, pt(b.x0, b.y0), pt(b.x1, b.y1), _color(line.conf), 1)
    label = f"page {page.number} {page.mode} rot {page.rotation} conf {page.confidence}"
    cv2.putText(img, label, (10, 25), cv2.FONT_HERSHEY_SIMPLEX, 0.7, (0, 0, 255), 2)
    return img


def write_summary(root: Path, data: dict[str, object]) -> None:
    (root / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
