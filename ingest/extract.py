"""PDF → pages: choose, page by page, between the text layer and OCR.

The decision is made per page because archives are full of mixed files (a born-digital memo
with a scanned report stapled on, a scan with an OCR layer on some pages only). A text layer is
used when it is sound or repairable; a page with no text, garbage text (PUA-only, mojibake,
glyph soup), a poor invisible OCR layer over a scan, or a scan with only a stamp of real text
goes to OCR. What was decided is recorded in `Page.mode` and `Page.notes`.
"""

from __future__ import annotations

import dataclasses
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pypdfium2 as pdfium

from ingest import ocr_page, rulings
from ingest.render import render_gray
from ingest.source import SourceDocument, open_pdf
from ingest.textlayer import TextLayerStats, compressed, read_lines, upright_size, widen_to_ink
from parsers.thai_quality import assess
from schemas.errors import ItadocError
from schemas.options import Options
from schemas.page import Line, Page, Ruling

log = logging.getLogger(__name__)

RULING_DPI = 100
MIN_STAMP_CHARS = 200
"""A scanned page whose real text layer has fewer characters is just a stamp or a header."""


@dataclass(frozen=True, slots=True)
class PageDecision:
    """Why a page was read the way it was."""

    mode: str
    note: str | None
    reason: str


def decide(lines: list[Line], stats: TextLayerStats, policy: str) -> PageDecision:
    """Text layer or OCR for one page, given its extracted lines and layer statistics."""
    if policy == "ocr":
        return PageDecision("ocr", None, "OCR forced by options")
    text = "\n".join(line.text for line in lines)
    if policy == "text":
        return PageDecision("text", None, "text layer forced by options")
    if stats.chars == 0:
        return PageDecision("ocr", None, "no text layer")
    quality = assess(text)
    scanned = stats.image_coverage >= 0.5
    invisible = stats.invisible_chars >= 0.5 * max(1, stats.chars)
    if quality.verdict in ("garbage", "empty"):
        return PageDecision("ocr", "text_layer_replaced", f"text layer unusable: {quality.reason}")
    if scanned and invisible and quality.verdict != "sound":
        return PageDecision(
            "ocr", "text_layer_replaced", f"invisible OCR layer of poor quality: {quality.reason}"
        )
    if scanned and not invisible and stats.chars < MIN_STAMP_CHARS:
        return PageDecision("ocr", None, "scanned page with only a few characters of text layer")
    if quality.verdict == "repairable":
        return PageDecision("text", "text_repaired", quality.reason)
    return PageDecision("text", None, "sound text layer")


def _text_page(
    pdf_page: pdfium.PdfPage,
    number: int,
    lines: list[Line],
    stats: TextLayerStats,
    note: str | None,
    options: Options,
) -> Page:
    width, height = upright_size(pdf_page)
    found: tuple[Ruling, ...] = ()
    squeezed = any(compressed(line) for line in lines)
    if stats.path_objects or stats.image_coverage > 0 or squeezed:
        gray = render_gray(pdf_page, RULING_DPI, max_pixels=options.max_page_pixels)
        found = tuple(rulings.detect(gray, RULING_DPI))
        if squeezed:
            ink = rulings.binarize(gray) > 0
            stops = sorted(r.bbox.cx for r in found if r.orientation == "v")
            lines = [
                widen_to_ink(ln, ink, RULING_DPI, stops) if compressed(ln) else ln for ln in lines
            ]
    return Page(
        number=number,
        width=width,
        height=height,
        mode="text",
        lines=tuple(lines),
        rulings=found,
        confidence=None,
        rotation=pdf_page.get_rotation() % 360,
        notes=(note,) if note else (),
    )


PageHook = Callable[[Page, "ocr_page.OcrPageImages | None"], None]


def iter_pages(
    doc: SourceDocument, options: Options, hook: PageHook | None = None
) -> Iterator[Page]:
    """Yield the document's pages in order, each read from its text layer or by OCR."""
    with open_pdf(doc.path, doc.display_path) as pdf:
        for index in range(len(pdf)):
            number = index + 1
            t0 = time.perf_counter()
            pdf_page = pdf[index]
            try:
                lines, stats = read_lines(pdf_page)
                decision = decide(lines, stats, options.text_layer)
                images = None
                if decision.mode == "text":
                    page = _text_page(pdf_page, number, lines, stats, decision.note, options)
                else:
                    page, images = ocr_page.ocr_pdf_page(pdf_page, number, options)
                    if decision.note:
                        page = dataclasses.replace(page, notes=(decision.note, *page.notes))
            except ItadocError as e:
                if e.path is None:
                    e.path, e.page = doc.display_path, number
                raise
            finally:
                pdf_page.close()
            log.debug(
                "%s page %d: %s (%s), %.2f s",
                doc.display_path,
                number,
                page.mode,
                decision.reason,
                time.perf_counter() - t0,
            )
            if hook is not None:
                hook(page, images)
            yield page


def extract(doc: SourceDocument, options: Options, hook: PageHook | None = None) -> list[Page]:
    """All pages of `doc` (see `iter_pages`)."""
    return list(iter_pages(doc, options, hook))
