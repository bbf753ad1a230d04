"""The batch runner behind `itadoc extract`: many PDFs in, one output folder out.

Each file is handled in a worker process and comes back as a `FileResult` record (ok, or an error
code and message); the worker writes the file's JSON itself, atomically. After the run the CSV
files and `errors.jsonl` are rebuilt from the per-document JSON and the results, so they always
agree with what is on disk. One bad PDF costs exactly one line in `errors.jsonl`.
"""

from __future__ import annotations

import json
import logging
import os
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from itadoc import __version__
from itadoc.discovery import discover
from itadoc.output import write_csv, write_document, write_jsonl, write_parquet, write_text
from itadoc.progress import Progress
from itadoc.workers import Crashed, WorkerPool
from schemas.document import SCHEMA_VERSION, Document
from schemas.errors import (
    ExitCode,
    FileTimeoutError,
    InternalError,
    ItadocError,
    WorkerCrashedError,
)
from schemas.export import DOCUMENT_COLUMNS, MEASURE_COLUMNS, document_row, measure_rows
from schemas.options import Options

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FileTask:
    path: str
    shown: str
    key: str
    out_json: str
    options: Options


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input, as recorded in run.json and errors.jsonl."""

    path: str
    key: str
    ok: bool
    code: str | None = None
    message: str | None = None
    sha256: str | None = None
    pages_text: int = 0
    pages_ocr: int = 0
    warning_codes: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0


def _error_result(task: FileTask, err: ItadocError, elapsed: float) -> FileResult:
    return FileResult(
        task.shown, task.key, False, err.code, err.message, elapsed_s=round(elapsed, 3)
    )


def process_file(task: FileTask) -> FileResult:
    """Extract one PDF and write its JSON. Never raises: errors come back as data."""
    t0 = time.perf_counter()
    try:
        from itadoc.pipeline import extract

        doc = extract(Path(task.path), task.options, shown=task.shown)
        write_document(Path(task.out_json), doc)
    except ItadocError as e:
        log.debug("%s failed", task.shown, exc_info=True)
        return _error_result(task, e, time.perf_counter() - t0)
    except MemoryError:
        return _error_result(
            task,
            InternalError("ran out of memory; lower --jobs or --ocr-dpi"),
            time.perf_counter() - t0,
        )
    except Exception as e:  # a bug: report it as data so the batch goes on
        log.debug("%s crashed:\n%s", task.shown, traceback.format_exc())
        return _error_result(
            task,
            InternalError(f"unexpected {type(e).__name__}: {e}. Please report this with the file."),
            time.perf_counter() - t0,
        )
    ocr = sum(1 for p in doc.source.pages if p.mode == "ocr")
    return FileResult(
        path=task.shown,
        key=task.key,
        ok=True,
        sha256=doc.source.sha256,
        pages_text=len(doc.source.pages) - ocr,
        pages_ocr=ocr,
        warning_codes=[w.code for w in doc.warnings],
        elapsed_s=round(time.perf_counter() - t0, 3),
    )


def _crash_result(task: FileTask, crash: Crashed) -> FileResult:
    if crash.timed_out:
        err: ItadocError = FileTimeoutError(
            f"took longer than {task.options.file_timeout_s:g} s and was stopped; raise "
            "--file-timeout for very long files"
        )
    else:
        err = WorkerCrashedError(
            f"the worker process died (exit status {crash.exitcode}) while reading this file, "
            "probably out of memory or a crash in a PDF library; try it alone with -v"
        )
    return FileResult(
        task.shown, task.key, False, err.code, err.message, elapsed_s=round(crash.elapsed_s, 3)
    )


@dataclass(slots=True)
class BatchSummary:
    """The run summary printed at the end and written as OUTDIR/run.json."""

    itadoc_version: str
    schema_version: str
    documents_ok: int
    documents_failed: int
    pages_text: int
    pages_ocr: int
    warnings: dict[str, int]
    errors: dict[str, int]
    elapsed_s: float
    pages_per_s: float
    jobs: int
    results: list[FileResult]

    @property
    def exit_code(self) -> ExitCode:
        return ExitCode.OK if self.documents_failed == 0 else ExitCode.PARTIAL_FAILURE


def iter_results(tasks: list[FileTask], jobs: int, timeout_s: float) -> Iterator[FileResult]:
    """Results as files finish, each file isolated in a worker process."""
    pool: WorkerPool[FileTask, FileResult] = WorkerPool(process_file, jobs, timeout_s)
    for task, result in pool.run(tasks):
        yield _crash_result(task, result) if isinstance(result, Crashed) else result


def _rebuild_tables(outdir: Path, results: list[FileResult], parquet: bool) -> None:
    doc_rows = []
    measure_rows_all = []
    doc_rows_pq = []
    measure_rows_pq = []
    for r in sorted((r for r in results if r.ok), key=lambda r: r.key):
        doc = Document.model_validate_json((outdir / f"{r.key}.json").read_text(encoding="utf-8"))
        doc_rows.append(document_row(doc, r.key))
        measure_rows_all.extend(measure_rows(doc, r.key))
        if parquet:
            doc_rows_pq.append(document_row(doc, r.key, for_csv=False))
            measure_rows_pq.extend(measure_rows(doc, r.key, for_csv=False))
    write_csv(outdir / "documents.csv", doc_rows, DOCUMENT_COLUMNS)
    write_csv(outdir / "measures.csv", measure_rows_all, MEASURE_COLUMNS)
    if parquet:
        write_parquet(outdir / "documents.parquet", doc_rows_pq, DOCUMENT_COLUMNS)
        write_parquet(outdir / "measures.parquet", measure_rows_pq, MEASURE_COLUMNS)


class BatchRun:
    """An iterable batch: yields each file's `FileResult` as it finishes; after the last one it
    has written errors.jsonl, the CSVs and run.json, and `summary` is set."""

    def __init__(
        self,
        inputs: list[str],
        outdir: Path,
        options: Options | None = None,
        *,
        jobs: int | None = None,
        quiet: bool = True,
        parquet: bool = False,
    ) -> None:
        self.inputs = inputs
        self.outdir = outdir
        self.options = options or Options()
        self.jobs = jobs or os.cpu_count() or 1
        self.quiet = quiet
        self.parquet = parquet
        self.summary: BatchSummary | None = None

    def __iter__(self) -> Iterator[FileResult]:
        t0 = time.monotonic()
        found = discover(self.inputs)
        self.outdir.mkdir(parents=True, exist_ok=True)
        tasks = [
            FileTask(str(f.path), f.shown, f.key, str(self.outdir / f"{f.key}.json"), self.options)
            for f in found.files
        ]
        progress = Progress(len(tasks), quiet=self.quiet)
        results: list[FileResult] = [
            FileResult(e.path or "", "", False, e.code, e.message) for e in found.errors
        ]
        yield from results
        try:
            for result in iter_results(tasks, self.jobs, self.options.file_timeout_s):
                results.append(result)
                progress.update(result.ok, result.pages_text + result.pages_ocr)
                if not result.ok:
                    log.warning("%s: %s (%s)", result.path, result.message, result.code)
                yield result
        finally:
            progress.close()
            _finish(self.outdir, results, self.parquet)
            self.summary = _summary(results, time.monotonic() - t0, self.jobs)
            write_text(
                self.outdir / "run.json",
                json.dumps(asdict(self.summary), ensure_ascii=False, indent=2) + "\n",
            )


def _summary(results: list[FileResult], elapsed: float, jobs: int) -> BatchSummary:
    pages_text = sum(r.pages_text for r in results)
    pages_ocr = sum(r.pages_ocr for r in results)
    return BatchSummary(
        itadoc_version=__version__,
        schema_version=SCHEMA_VERSION,
        documents_ok=sum(1 for r in results if r.ok),
        documents_failed=sum(1 for r in results if not r.ok),
        pages_text=pages_text,
        pages_ocr=pages_ocr,
        warnings=dict(sorted(Counter(c for r in results for c in r.warning_codes).items())),
        errors=dict(sorted(Counter(r.code for r in results if r.code).items())),
        elapsed_s=round(elapsed, 3),
        pages_per_s=round((pages_text + pages_ocr) / elapsed, 3) if elapsed > 0 else 0.0,
        jobs=jobs,
        results=sorted(results, key=lambda r: (r.key, r.path)),
    )


def run_batch(
    inputs: list[str],
    outdir: Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    quiet: bool = False,
    parquet: bool = False,
) -> BatchSummary:
    """Extract every PDF under `inputs` into `outdir` and return the run summary."""
    run = BatchRun(inputs, outdir, options, jobs=jobs, quiet=quiet, parquet=parquet)
    for _ in run:
        pass
    assert run.summary is not None
    return run.summary


def run_batch_iter(
    inputs: list[str], outdir: Path, options: Options | None = None, *, jobs: int | None = None
) -> Iterator[FileResult]:
    """`run_batch` as an iterator of results (the library's batch call)."""
    return iter(BatchRun(inputs, outdir, options, jobs=jobs))


def _finish(outdir: Path, results: list[FileResult], parquet: bool) -> None:
    failed = sorted((r for r in results if not r.ok), key=lambda r: (r.key, r.path))
    write_jsonl(
        outdir / "errors.jsonl",
        ({"path": r.path, "code": r.code, "message": r.message} for r in failed),
    )
    _rebuild_tables(outdir, results, parquet)


__all__ = [
    "BatchRun",
    "BatchSummary",
    "FileResult",
    "FileTask",
    "process_file",
    "run_batch",
    "run_batch_iter",
]
