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
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


def read_text_page(
    pdf_page: pdfium.PdfPage,
    number: int,
    lines: list[Line],
    stats: TextLayerStats,
    note: str | None,
    options: Options,
) -> Page:
    """A page read from its text layer, with the ruled lines a table parser needs."""
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


@dataclass(frozen=True, slots=True)
class PendingOcr:
    """A page `decide` sent to OCR, with the note its Page must carry."""

    number: int
    note: str | None
    reason: str


def _attribute(e: ItadocError, shown: str, number: int) -> None:
    if e.path is None:
        e.path, e.page = shown, number


def plan(
    doc: SourceDocument, options: Options, hook: PageHook | None = None
) -> tuple[list[Page], list[PendingOcr]]:
    """Read the pages whose text layer is used; list the pages to OCR.

    Split from the OCR itself so a batch can spread one file's OCR pages over all workers
    (`ocr_pending`), while `extract` runs both steps in one process: one code path either way.
    """
    shown = doc.display_path
    pages: list[Page] = []
    pending: list[PendingOcr] = []
    with open_pdf(doc.path, shown) as pdf:
        for index in range(len(pdf)):
            number = index + 1
            t0 = time.perf_counter()
            pdf_page = pdf[index]
            try:
                lines, stats = read_lines(pdf_page)
                decision = decide(lines, stats, options.text_layer)
                if decision.mode != "text":
                    pending.append(PendingOcr(number, decision.note, decision.reason))
                    continue
                page = read_text_page(pdf_page, number, lines, stats, decision.note, options)
            except ItadocError as e:
                _attribute(e, shown, number)
                raise
            finally:
                pdf_page.close()
            pages.append(page)
            log.info(
                "%s page %d: text (%s), %.2f s",
                shown,
                number,
                decision.reason,
                time.perf_counter() - t0,
            )
            if hook is not None:
                hook(page, None)
    return pages, pending


def ocr_pending(
    path: Path, shown: str, pending: PendingOcr, options: Options, hook: PageHook | None = None
) -> Page:
    """OCR one page `plan` listed (in whichever process the batch chose)."""
    t0 = time.perf_counter()
    with open_pdf(path, shown) as pdf:
        pdf_page = pdf[pending.number - 1]
        try:
            page, images = ocr_page.ocr_pdf_page(pdf_page, pending.number, options)
        except ItadocError as e:
            _attribute(e, shown, pending.number)
            raise
        finally:
            pdf_page.close()
    if pending.note:
        page = dataclasses.replace(page, notes=(pending.note, *page.notes))
    log.info(
        "%s page %d: ocr (%s), %.2f s [worker %d]",
        shown,
        pending.number,
        pending.reason,
        time.perf_counter() - t0,
        os.getpid(),
    )
    if hook is not None:
        hook(page, images)
    return page


def extract(doc: SourceDocument, options: Options, hook: PageHook | None = None) -> list[Page]:
    """All pages of `doc`, in order, each read from its text layer or by OCR."""
    pages, pending = plan(doc, options, hook)
    pages += [ocr_pending(doc.path, doc.display_path, p, options, hook) for p in pending]
    return sorted(pages, key=lambda p: p.number)
