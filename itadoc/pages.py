"""A file's pages split for the pool: plan the file (text pages read, OCR pages listed), OCR one
page, and finish the document.

`ingest.extract.iter_pages` reads a file's pages in order, OCR included, in one process; that
leaves every other core idle while a long scan is read. The batch splits the same steps so one
file's OCR pages spread over all workers. It calls the very per-page functions `iter_pages`
calls (`decide`, the text-page builder, `ocr_pdf_page`) in the same way, so a page comes out
identical either way; the tests compare both paths' JSON byte for byte.

Seam: `ingest.extract._text_page` is private. The clean change is for `ingest.extract` to
expose `read_text_page(pdf_page, number, lines, stats, decision, options) -> Page` (the body of
`_text_page`) and `iter_pages(..., ocr=False)` yielding `PendingOcr(number, note)` for pages it
would OCR; this module would then shrink to a loop over that.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from ingest import ocr_page
from ingest.extract import _text_page, decide
from ingest.source import SourceDocument, open_pdf
from ingest.textlayer import read_lines
from itadoc.pipeline import _looks_like_ita, assemble
from schemas.document import Document
from schemas.errors import ItadocError, SegmentNotFoundError
from schemas.options import Options
from schemas.page import Page

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PendingOcr:
    """A page `decide` sent to OCR, with the note its Page must carry."""

    number: int
    note: str | None
    reason: str


def _attribute(e: ItadocError, shown: str, number: int) -> None:
    if e.path is None:
        e.path, e.page = shown, number


def plan(source: SourceDocument, options: Options) -> tuple[list[Page], list[PendingOcr]]:
    """Read the text-layer pages; list the pages that need OCR."""
    shown = source.display_path
    pages: list[Page] = []
    pending: list[PendingOcr] = []
    with open_pdf(source.path, shown) as pdf:
        for index in range(len(pdf)):
            number = index + 1
            t0 = time.perf_counter()
            pdf_page = pdf[index]
            try:
                lines, stats = read_lines(pdf_page)
                decision = decide(lines, stats, options.text_layer)
                if decision.mode == "text":
                    pages.append(
                        _text_page(pdf_page, number, lines, stats, decision.note, options)
                    )
                else:
                    pending.append(PendingOcr(number, decision.note, decision.reason))
            except ItadocError as e:
                _attribute(e, shown, number)
                raise
            finally:
                pdf_page.close()
            if decision.mode == "text":
                log.info(
                    "%s page %d: text (%s), %.2f s",
                    shown,
                    number,
                    decision.reason,
                    time.perf_counter() - t0,
                )
    return pages, pending


def ocr(path: Path, shown: str, pending: PendingOcr, options: Options) -> Page:
    """OCR one page of the file, exactly as `iter_pages` would."""
    t0 = time.perf_counter()
    with open_pdf(path, shown) as pdf:
        pdf_page = pdf[pending.number - 1]
        try:
            page, _images = ocr_page.ocr_pdf_page(pdf_page, pending.number, options)
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
    return page


def finish(shown: str, sha256: str, pages: list[Page]) -> Document:
    """Assemble the document from its pages (in any order); refuse what is not an ITA report."""
    doc = assemble(shown, sha256, sorted(pages, key=lambda p: p.number))
    if not _looks_like_ita(doc):
        raise SegmentNotFoundError(
            "no memo header, ITA score or measures table was found: this does not look like an "
            "ITA report (or the scan is unreadable; see --debug-dir)",
            path=shown,
        )
    return doc
