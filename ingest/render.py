"""Render PDF pages to grayscale images with pdfium (the fastest renderer available here).

Both budgets are checked *before* rendering, so hostile or absurd input is refused with a typed
error instead of exhausting memory: the output bitmap (a 20000x20000 px page, or a MediaBox a
mile wide) and every image the page draws (a decompression bomb: a few bytes of Flate data
claiming 100000x100000 px, which pdfium would decode in full to draw it). Images may be larger
than the page budget, since a 600 dpi scan is legitimately drawn down to the OCR resolution,
but not more than `IMAGE_BUDGET_FACTOR` times.
"""

from __future__ import annotations

import ctypes

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.textlayer import upright_size
from schemas.errors import RenderError, ResourceLimitError

IMAGE_BUDGET_FACTOR = 4
_MAX_FORM_DEPTH = 8
"""pdfium itself refuses deeper form nesting; this only bounds our own walk."""


def _largest_image(objects: list[ctypes.c_void_p], depth: int) -> tuple[int, int]:
    best = (0, 0)
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        size = (0, 0)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            w, h = ctypes.c_uint(0), ctypes.c_uint(0)
            if pdfium_c.FPDFImageObj_GetImagePixelSize(obj, ctypes.byref(w), ctypes.byref(h)):
                size = (w.value, h.value)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            inner = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(max(0, n))]
            size = _largest_image(inner, depth + 1)
        if size[0] * size[1] > best[0] * best[1]:
            best = size
    return best


def largest_image(page: pdfium.PdfPage) -> tuple[int, int]:
    """Pixel size (width, height) of the largest image the page draws, as its PDF claims it.

    Reads image dictionaries only (FPDFImageObj_GetImagePixelSize); nothing is decoded.
    """
    n = pdfium_c.FPDFPage_CountObjects(page.raw)
    return _largest_image([pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(n)], 0)


def check_images(page: pdfium.PdfPage, max_pixels: int) -> None:
    """Raise `ResourceLimitError` if an image on the page claims more than `max_pixels`."""
    w, h = largest_image(page)
    if w * h > max_pixels:
        raise ResourceLimitError(
            f"an image on this page claims {w}x{h} px ({w * h / 1e6:,.0f} Mpx), over the "
            f"{max_pixels / 1e6:,.0f} Mpx limit: probably a decompression bomb (raise "
            "--max-page-pixels if the file is genuine)"
        )


def render_gray(page: pdfium.PdfPage, dpi: int, *, max_pixels: int) -> np.ndarray:
    """The page as displayed (after /Rotate), grayscale uint8, at `dpi`."""
    width_pt, height_pt = upright_size(page)
    scale = dpi / 72.0
    pixels = int(width_pt * scale) * int(height_pt * scale)
    if pixels > max_pixels:
        raise ResourceLimitError(
            f"page is {width_pt / 72:.1f}x{height_pt / 72:.1f} in; at {dpi} dpi that is "
            f"{pixels / 1e6:.0f} Mpx, over the {max_pixels / 1e6:.0f} Mpx limit "
            "(raise --max-page-pixels or lower --ocr-dpi)"
        )
    check_images(page, max_pixels * IMAGE_BUDGET_FACTOR)
    try:
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        image = bitmap.to_numpy()
    except pdfium.PdfiumError as e:
        raise RenderError(f"pdfium could not render the page: {e}") from e
    if image.ndim == 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image, dtype=np.uint8)
