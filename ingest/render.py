"""Render PDF pages to grayscale images with pdfium (the fastest renderer available here).

The pixel budget is checked *before* rendering so a 20000x20000 px page (or a page whose
MediaBox claims to be a mile wide) is refused with a typed error instead of exhausting memory.
"""

from __future__ import annotations

import numpy as np
import pypdfium2 as pdfium

from ingest.textlayer import upright_size
from schemas.errors import RenderError, ResourceLimitError


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
    try:
        bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
        image = bitmap.to_numpy()
    except pdfium.PdfiumError as e:
        raise RenderError(f"pdfium could not render the page: {e}") from e
    if image.ndim == 3:
        image = image[:, :, 0]
    return np.ascontiguousarray(image, dtype=np.uint8)
