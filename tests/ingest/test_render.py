"""`ingest.render`: absurd pages and decompression-bomb images are refused before rendering."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from pikepdf import Array, Dictionary, Name, Stream

from ingest.render import IMAGE_BUDGET_FACTOR, largest_image, render_gray
from schemas.errors import ResourceLimitError


def _pdf(path: Path, media: tuple[int, int], image: tuple[int, int] | None, in_form: bool) -> Path:
    pdf = pikepdf.Pdf.new()
    resources = Dictionary()
    content = b""
    if image is not None:
        img = Stream(pdf, zlib.compress(b"\0" * 1024))
        img.Type, img.Subtype, img.Filter = Name.XObject, Name.Image, Name.FlateDecode
        img.Width, img.Height, img.BitsPerComponent = image[0], image[1], 8
        img.ColorSpace = Name.DeviceGray
        draw = b"q 500 0 0 700 50 50 cm /Im0 Do Q"
        if in_form:  # the image hidden one level down, inside a form XObject
            form = Stream(pdf, draw)
            form.Type, form.Subtype = Name.XObject, Name.Form
            form.BBox = Array([0, 0, *media])
            form.Resources = Dictionary(XObject=Dictionary(Im0=img))
            resources.XObject = Dictionary(Fm0=form)
            content = b"/Fm0 Do"
        else:
            resources.XObject = Dictionary(Im0=img)
            content = draw
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, *media]),
        Contents=Stream(pdf, content),
        Resources=resources,
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


@pytest.mark.parametrize("in_form", [False, True])
def test_a_decompression_bomb_image_is_refused_before_pdfium_decodes_it(
    tmp_path: Path, in_form: bool
) -> None:
    pdf = pdfium.PdfDocument(_pdf(tmp_path / "bomb.pdf", (595, 842), (100_000, 100_000), in_form))
    page = pdf[0]
    assert largest_image(page) == (100_000, 100_000)
    t0 = time.monotonic()
    with pytest.raises(ResourceLimitError, match="100000x100000 px"):
        render_gray(page, 300, max_pixels=60_000_000)
    assert time.monotonic() - t0 < 1.0


def test_a_20000_px_image_is_refused_and_the_limit_follows_max_page_pixels(
    tmp_path: Path,
) -> None:
    pdf = pdfium.PdfDocument(_pdf(tmp_path / "big.pdf", (595, 842), (20_000, 20_000), False))
    with pytest.raises(ResourceLimitError, match="decompression bomb"):
        render_gray(pdf[0], 72, max_pixels=60_000_000)
    generous = 20_000 * 20_000 // IMAGE_BUDGET_FACTOR + 1
    image = render_gray(pdf[0], 72, max_pixels=generous)  # a genuine big scan is allowed
    assert image.shape == (842, 595)


def test_a_page_of_20000x20000_px_at_the_ocr_resolution_is_refused(tmp_path: Path) -> None:
    pdf = pdfium.PdfDocument(_pdf(tmp_path / "huge.pdf", (4800, 4800), None, False))
    t0 = time.monotonic()
    with pytest.raises(ResourceLimitError, match="400 Mpx"):
        render_gray(pdf[0], 300, max_pixels=60_000_000)
    assert time.monotonic() - t0 < 1.0
