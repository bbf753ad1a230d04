"""What batch workers run: read a file, OCR one page of it, or assemble its document.

Every task returns data, never raises: an `ItadocError` becomes `Failed(code, message, page)`,
anything else `Failed("internal_error", ...)` with the traceback logged at DEBUG. Only a
crash, hang or memory blow-up escapes that, and the pool turns those into records too.
The worker writes the document's JSON itself (atomically) so a finished document survives
even if the parent is killed the next instant.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from pathlib import Path

from ingest.extract import PendingOcr, ocr_pending, plan
from itadoc import faults
from itadoc.output import write_document
from itadoc.pipeline import finish
from schemas.document import Document
from schemas.errors import ItadocError, MemoryLimitError, OutputUnwritableError
from schemas.options import Options
from schemas.page import Page

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReadTask:
    key: str
    path: str
    shown: str
    out_json: str
    options: Options


@dataclass(frozen=True, slots=True)
class OcrTask:
    key: str
    path: str
    shown: str
    page: PendingOcr
    options: Options


@dataclass(frozen=True, slots=True)
class AssembleTask:
    key: str
    shown: str
    sha256: str
    pages: tuple[Page, ...]
    out_json: str


Task = ReadTask | OcrTask | AssembleTask


@dataclass(frozen=True, slots=True)
class Written:
    """The document's JSON is on disk."""

    sha256: str
    json_sha256: str
    pages_text: int
    pages_ocr: int
    warning_codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Planned:
    """Text pages read; these pages still need OCR."""

    sha256: str
    pages: tuple[Page, ...]
    ocr: tuple[PendingOcr, ...]


@dataclass(frozen=True, slots=True)
class PageRead:
    page: Page


@dataclass(frozen=True, slots=True)
class Failed:
    code: str
    message: str
    page: int | None = None


Result = Written | Planned | PageRead | Failed


def init_worker(fault_spec: tuple[faults.Fault, ...]) -> None:
    """Worker start-up: warm the pipeline (a no-op when forked warm) and arm test faults."""
    from itadoc import warmup

    warmup.warm()
    faults.install(fault_spec)


def _write(out_json: str, doc: Document) -> Written:
    ocr_pages = sum(1 for p in doc.source.pages if p.mode == "ocr")
    try:
        json_sha256 = write_document(Path(out_json), doc)
    except OSError as e:
        raise OutputUnwritableError(
            f"cannot write {out_json}: {e.strerror or e}; check the output folder's free space "
            "and permissions"
        ) from e
    return Written(
        sha256=doc.source.sha256,
        json_sha256=json_sha256,
        pages_text=len(doc.source.pages) - ocr_pages,
        pages_ocr=ocr_pages,
        warning_codes=tuple(w.code for w in doc.warnings),
    )


def _read(task: ReadTask) -> Written | Planned:
    from ingest.source import load
    from itadoc import pipeline

    opts = task.options
    if opts.debug_dir is not None:  # debug output is written page by page, in order
        return _write(task.out_json, pipeline.extract(Path(task.path), opts, shown=task.shown))
    source = load(Path(task.path), task.shown, max_pages=opts.max_pages)
    pages, pending = plan(source, opts)
    if not pending:
        return _write(task.out_json, finish(task.shown, source.sha256, pages))
    return Planned(source.sha256, tuple(pages), tuple(pending))


def run_task(task: Task) -> Result:
    """Run one task in a worker; see the module docstring."""
    faults.enter(task.shown)
    try:
        if isinstance(task, ReadTask):
            return _read(task)
        if isinstance(task, OcrTask):
            return PageRead(ocr_pending(Path(task.path), task.shown, task.page, task.options))
        return _write(task.out_json, finish(task.shown, task.sha256, list(task.pages)))
    except ItadocError as e:
        log.debug("%s failed", task.shown, exc_info=True)
        return Failed(e.code, e.message, e.page)
    except MemoryError:
        err = MemoryLimitError("ran out of memory; lower --jobs or --ocr-dpi")
        page = task.page.number if isinstance(task, OcrTask) else None
        return Failed(err.code, err.message, page)
    except Exception as e:  # a bug: report it as data so the batch goes on
        log.debug("%s crashed:\n%s", task.shown, traceback.format_exc())
        return Failed(
            "internal_error",
            f"unexpected {type(e).__name__}: {e}. Please report this with the file.",
        )
