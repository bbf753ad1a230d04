"""What a batch reports: one `FileResult` per input, the run summary (`OUTDIR/run.json`), and the
tables rebuilt from the per-document JSON (`documents.csv`, `measures.csv`, `errors.jsonl`).

The tables are derived data: they are rebuilt from scratch at the end of every run from the
JSON files of the inputs that are done, sorted by key, never appended to. However the work was
split (two workers or four, one run or a killed run and its resume) the bytes are the same.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from itadoc import __version__
from itadoc.output import inside, write_csv, write_jsonl, write_parquet
from itadoc.workers import PoolStats
from schemas.document import SCHEMA_VERSION, Document
from schemas.errors import ExitCode
from schemas.export import DOCUMENT_COLUMNS, MEASURE_COLUMNS, document_row, measure_rows


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input, as recorded in run.json and errors.jsonl.

    `status` is "ok" (read in this run), "skipped" (done and valid from an earlier run, see
    `itadoc.manifest`) or "failed" (`code` and `message` say why; `page` where it happened).
    `ok` is True for "ok" and "skipped": the input's `<key>.json` is on disk.
    """

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
    status: str = "failed"
    page: int | None = None
    duplicate_of: str | None = None
    """Path of the earlier input with the same content; this one was not read again."""


@dataclass(slots=True)
class BatchSummary:
    """The run summary printed at the end and written as OUTDIR/run.json.

    `documents_*`, `warnings` and `errors` describe the whole output folder after the run
    (skipped documents included); `pages_*` and `pages_per_s` count the pages read in this run.
    """

    itadoc_version: str
    schema_version: str
    documents_ok: int
    documents_skipped: int
    documents_failed: int
    duplicates: int
    pages_text: int
    pages_ocr: int
    warnings: dict[str, int]
    errors: dict[str, int]
    elapsed_s: float
    pages_per_s: float
    jobs: int
    interrupted: bool
    workers: dict[str, float]
    results: list[FileResult]

    @property
    def exit_code(self) -> ExitCode:
        """0 when every input produced a document, 1 when any failed (all of them included:
        the contract has one code for "some inputs failed, the rest were written")."""
        return ExitCode.OK if self.documents_failed == 0 else ExitCode.PARTIAL_FAILURE


def summarize(
    results: list[FileResult],
    elapsed: float,
    jobs: int,
    stats: PoolStats,
    memory_mb: float,
    *,
    interrupted: bool,
) -> BatchSummary:
    read = [r for r in results if r.status == "ok" and r.duplicate_of is None]
    pages_text = sum(r.pages_text for r in read)
    pages_ocr = sum(r.pages_ocr for r in read)
    done = [r for r in results if r.ok]
    return BatchSummary(
        itadoc_version=__version__,
        schema_version=SCHEMA_VERSION,
        documents_ok=sum(1 for r in results if r.status == "ok"),
        documents_skipped=sum(1 for r in results if r.status == "skipped"),
        documents_failed=sum(1 for r in results if not r.ok),
        duplicates=sum(1 for r in results if r.duplicate_of is not None),
        pages_text=pages_text,
        pages_ocr=pages_ocr,
        warnings=dict(sorted(Counter(c for r in done for c in r.warning_codes).items())),
        errors=dict(sorted(Counter(r.code for r in results if r.code).items())),
        elapsed_s=round(elapsed, 3),
        pages_per_s=round((pages_text + pages_ocr) / elapsed, 3) if elapsed > 0 else 0.0,
        jobs=jobs,
        interrupted=interrupted,
        workers={
            "started": stats.started,
            "recycled": stats.recycled,
            "killed": stats.killed,
            "peak_worker_rss_mb": round(stats.peak_worker_rss_mb, 1),
            "peak_tree_rss_mb": round(stats.peak_tree_rss_mb, 1),
            "busy_s": round(stats.busy_s, 1),
            "utilization": round(stats.busy_s / (elapsed * jobs), 3) if elapsed > 0 else 0.0,
            "cpu_s": round(stats.cpu_s, 1),
            "max_memory_mb": round(memory_mb, 1),
        },
        results=results,
    )


def finish_outputs(outdir: Path, results: list[FileResult], parquet: bool) -> None:
    """Rebuild errors.jsonl and the tables from `results` (sorted by key) and the JSON files."""
    write_jsonl(
        outdir / "errors.jsonl",
        (
            {
                "path": r.path,
                "key": r.key or None,
                "code": r.code,
                "message": r.message,
                "page": r.page,
            }
            for r in results
            if not r.ok
        ),
    )
    doc_rows, meas_rows, doc_pq, meas_pq = [], [], [], []
    for r in results:
        if not r.ok:
            continue
        doc = Document.model_validate_json(inside(outdir, f"{r.key}.json").read_bytes())
        doc_rows.append(document_row(doc, r.key))
        meas_rows.extend(measure_rows(doc, r.key))
        if parquet:
            doc_pq.append(document_row(doc, r.key, for_csv=False))
            meas_pq.extend(measure_rows(doc, r.key, for_csv=False))
    write_csv(outdir / "documents.csv", doc_rows, DOCUMENT_COLUMNS)
    write_csv(outdir / "measures.csv", meas_rows, MEASURE_COLUMNS)
    if parquet:
        write_parquet(outdir / "documents.parquet", doc_pq, DOCUMENT_COLUMNS)
        write_parquet(outdir / "measures.parquet", meas_pq, MEASURE_COLUMNS)
