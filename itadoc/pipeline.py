"""One PDF → one validated `Document`: load → ingest pages → parse sections → assemble."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ingest.extract import PageHook
from ingest.extract import extract as extract_pages
from ingest.source import load
from parsers.document import parse
from schemas.document import Document, PageInfo, Source
from schemas.errors import SegmentNotFoundError
from schemas.options import Options
from schemas.page import Page

log = logging.getLogger(__name__)


def looks_like_ita(doc: Document) -> bool:
    """True when a measures table or two header/score fields were found (the is-it-ITA rule)."""
    h, a = doc.header, doc.assessment
    found = [h.subject, h.reference_no, h.date, a.score, a.fiscal_year_be, doc.organization.name]
    return bool(doc.measures) or sum(v is not None for v in found) >= 2


def assemble(source_path: str, sha256: str, pages: list[Page]) -> Document:
    """The Document for already extracted pages (used by the pipeline and the benchmarks)."""
    sections = parse(pages)
    return Document(
        source=Source(
            path=source_path,
            sha256=sha256,
            pages=[
                PageInfo(number=p.number, mode=p.mode, confidence=p.confidence, rotation=p.rotation)
                for p in pages
            ],
        ),
        header=sections.header,
        organization=sections.organization,
        assessment=sections.assessment,
        measures=sections.measures,
        signatories=sections.signatories,
        warnings=sections.warnings,
    )


def check_is_ita(doc: Document) -> None:
    """Refuse a document with none of an ITA report's sections (wrong file, unreadable scan)."""
    if not looks_like_ita(doc):
        raise SegmentNotFoundError(
            "no memo header, ITA score or measures table was found: this does not look like an "
            "ITA report (or the scan is unreadable; see --debug-dir)",
            path=doc.source.path,
        )


def finish(shown: str, sha256: str, pages: list[Page]) -> Document:
    """The Document from pages read in any order, refused if it is not an ITA report."""
    doc = assemble(shown, sha256, sorted(pages, key=lambda p: p.number))
    check_is_ita(doc)
    return doc


def extract(
    path: str | Path,
    options: Options | None = None,
    *,
    shown: str | None = None,
    hook: PageHook | None = None,
) -> Document:
    """Read one ITA report PDF. Raises an `ItadocError` subclass when the file is unusable."""
    options = options or Options()
    path = Path(path)
    shown = shown if shown is not None else str(path)
    t0 = time.perf_counter()
    source = load(path, shown, max_pages=options.max_pages)
    debug = None
    if options.debug_dir is not None:
        from itadoc.debug import DebugWriter

        debug = DebugWriter(options.debug_dir / f"{path.stem}-{source.sha256[:8]}", path)
        if hook is None:
            hook = debug.page
    pages = extract_pages(source, options, hook)
    doc = assemble(shown, source.sha256, pages)
    if debug is not None:
        debug.document(doc.model_dump_json(indent=2))
    check_is_ita(doc)
    log.info("%s: %d pages in %.2f s", shown, len(pages), time.perf_counter() - t0)
    return doc
