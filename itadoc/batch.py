"""The batch runner behind `itadoc extract` and `itadoc.extract_batch`: PDFs in, OUTDIR out.

The parent process discovers the inputs, checks and hashes each one (cheap, and nothing hostile
such as a FIFO or an unreadable file ever reaches a worker), decides from the manifest what is
already done, and feeds the rest to the scheduler (`itadoc.scheduler`), which spreads files and
OCR pages over a crash-isolating worker pool (`itadoc.workers`). Workers write each document's
JSON atomically; the parent appends each outcome to the manifest (`itadoc.manifest`).

At the end, also after Ctrl-C, SIGTERM or an abandoned iteration, `errors.jsonl` and the CSV
files are rebuilt from the per-document JSON of every input that is done, in key order, so
they always agree with what is on disk and come out byte-identical however the work was split
over runs. A `kill -9` skips that step; the next run redoes it.

Duplicates: an input with the same content (sha256) as an earlier input of the same run is
read once. Its own `<key>.json` is still written (the contract is one JSON per input) as a copy
with its own `source.path` and a `duplicate_input` warning naming the original; its result
and manifest record carry `duplicate_of`. Warehouses can de-duplicate on `source_sha256`.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Generator, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import psutil

from itadoc import faults, outdir
from itadoc.discovery import InputFile, discover
from itadoc.manifest import Entry, Manifest
from itadoc.output import inside, write_document, write_text
from itadoc.progress import Progress
from itadoc.scheduler import Job, Outcome, Scheduler
from itadoc.summary import BatchSummary, FileResult, finish_outputs, summarize
from itadoc.tasks import Failed, Result, Task, init_worker, run_task
from itadoc.workers import WorkerPool, WorkerSetup, prestart
from schemas.document import Document, ExtractionWarning
from schemas.errors import ItadocError
from schemas.options import Options

log = logging.getLogger(__name__)

WORKER_PRELOAD = ("itadoc.warmup",)


def default_jobs() -> int:
    """Cores this process may run on (a container's or taskset's limit, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _log_level() -> int:
    """What workers should forward: as detailed as either the root or the itadoc logger wants."""
    return min(logging.getLogger(name).getEffectiveLevel() for name in (None, "itadoc"))


def default_memory_mb(jobs: int) -> float:
    """75% of RAM shared by the workers, at most 4 GB each: a backstop, not a budget."""
    return min(4096.0, 0.75 * psutil.virtual_memory().total / (1 << 20) / max(1, jobs))


@dataclass(frozen=True, slots=True)
class _Input:
    file: InputFile
    stat: os.stat_result
    sha256: str


class BatchRun:
    """An iterable batch: yields each input's `FileResult` as it is settled; when the iteration
    ends (or is abandoned) it has rebuilt errors.jsonl, the CSVs and run.json, and `summary`
    is set. See `itadoc.extract_batch` for the semantics."""

    def __init__(
        self,
        inputs: list[str],
        outdir: Path,
        options: Options | None = None,
        *,
        jobs: int | None = None,
        force: bool = False,
        quiet: bool = True,
        parquet: bool = False,
    ) -> None:
        self.inputs = inputs
        self.outdir = Path(outdir)
        self.options = options or Options()
        self.jobs = jobs or default_jobs()
        self.force = force
        self.quiet = quiet
        self.parquet = parquet
        self.memory_mb = float(self.options.max_memory_mb or default_memory_mb(self.jobs))
        self.summary: BatchSummary | None = None
        self._results: dict[str, FileResult] = {}
        self._inputs: dict[str, _Input] = {}
        self._primary: dict[str, str] = {}
        self._waiting: dict[str, list[_Input]] = {}

    def __iter__(self) -> Generator[FileResult, None, None]:
        t0 = time.monotonic()
        prestart(WORKER_PRELOAD)
        found = discover(self.inputs)
        fault_spec = faults.from_env()
        with outdir.claimed(self.outdir) as scratch:
            manifest = Manifest(self.outdir, self.options, force=self.force)
            progress = Progress(len(found.files) + len(found.errors), quiet=self.quiet)
            pool: WorkerPool[Task, Result] = WorkerPool(
                WorkerSetup(run_task, init_worker, fault_spec, _log_level()),
                self.jobs,
                max_tasks=self.options.max_tasks_per_worker,
                max_memory_mb=self.memory_mb,
                scratch_root=str(scratch),
                preload=WORKER_PRELOAD,
            )
            interrupted = True
            try:
                for err in found.errors:
                    yield self._settle(
                        FileResult(err.path or "", "", False, err.code, err.message), progress
                    )
                yield from self._run(found.files, manifest, pool, progress)
                interrupted = False
            finally:
                pool.close()
                progress.close()
                manifest.close()
                results = sorted(self._results.values(), key=lambda r: (r.key, r.path))
                finish_outputs(self.outdir, results, self.parquet)
                self.summary = summarize(
                    results,
                    time.monotonic() - t0,
                    self.jobs,
                    pool.stats,
                    self.memory_mb,
                    interrupted=interrupted,
                )
                write_text(
                    self.outdir / "run.json",
                    json.dumps(asdict(self.summary), ensure_ascii=False, indent=2) + "\n",
                )

    def _run(
        self,
        files: list[InputFile],
        manifest: Manifest,
        pool: WorkerPool[Task, Result],
        progress: Progress,
    ) -> Iterator[FileResult]:
        sched = Scheduler(
            pool, self.options, memory_limit_mb=self.memory_mb, on_pages=progress.add_pages
        )
        planner = self._plan(files, manifest)
        exhausted = False
        while True:
            while not exhausted and sched.wants_job():
                item = next(planner, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, Job):
                    sched.add(item)
                else:
                    yield from self._emit(item, manifest, progress)
            if exhausted and sched.idle():
                return
            for outcome in sched.step(0.5):
                yield from self._emit(self._outcome(outcome, manifest), manifest, progress)
            progress.refresh()

    # -- deciding what to do with each input ------------------------------------------------

    def _plan(self, files: list[InputFile], manifest: Manifest) -> Iterator[Job | FileResult]:
        from ingest.source import check_file, sha256_of

        for f in files:
            try:
                st = check_file(f.path, f.shown)
                sha = manifest.cached_sha256(f.key, st) or sha256_of(f.path, f.shown)
            except ItadocError as e:
                yield self._failed(manifest, f, None, None, Failed(e.code, e.message))
                continue
            inp = _Input(f, st, sha)
            self._inputs[f.key] = inp
            primary = self._primary.setdefault(sha, f.key)
            if primary != f.key:
                if primary in self._results:
                    yield self._duplicate(inp, self._results[primary], manifest)
                else:
                    self._waiting.setdefault(primary, []).append(inp)
                continue
            entry = manifest.done(f.key, sha)
            if entry is not None and entry.duplicate_of is None:
                yield self._skipped(inp, entry, manifest)
                continue
            out_json = inside(self.outdir, f"{f.key}.json")
            yield Job(f.key, str(f.path), f.shown, str(out_json))

    def _outcome(self, outcome: Outcome, manifest: Manifest) -> FileResult:
        inp = self._inputs[outcome.job.key]
        r = outcome.result
        if isinstance(r, Failed):
            return self._failed(manifest, inp.file, inp.stat, inp.sha256, r, outcome.elapsed_s)
        elapsed = round(outcome.elapsed_s, 3)
        manifest.record(
            manifest.entry(
                inp.file.key,
                inp.file.shown,
                "ok",
                inp.stat,
                r.sha256,
                json_sha256=r.json_sha256,
                pages_text=r.pages_text,
                pages_ocr=r.pages_ocr,
                warning_codes=r.warning_codes,
                elapsed_s=elapsed,
            )
        )
        return FileResult(
            inp.file.shown,
            inp.file.key,
            True,
            sha256=r.sha256,
            pages_text=r.pages_text,
            pages_ocr=r.pages_ocr,
            warning_codes=list(r.warning_codes),
            elapsed_s=elapsed,
            status="ok",
        )

    def _failed(
        self,
        manifest: Manifest,
        f: InputFile,
        st: os.stat_result | None,
        sha: str | None,
        failed: Failed,
        elapsed: float = 0.0,
        duplicate_of: str | None = None,
    ) -> FileResult:
        stale = inside(self.outdir, f"{f.key}.json")
        stale.unlink(missing_ok=True)  # an older success must not outlive this failure
        manifest.record(
            manifest.entry(
                f.key,
                f.shown,
                "failed",
                st,
                sha,
                code=failed.code,
                message=failed.message,
                page=failed.page,
                elapsed_s=round(elapsed, 3),
                duplicate_of=duplicate_of,
            )
        )
        return FileResult(
            f.shown,
            f.key,
            False,
            failed.code,
            failed.message,
            sha256=sha,
            elapsed_s=round(elapsed, 3),
            page=failed.page,
            duplicate_of=duplicate_of,
        )

    def _skipped(self, inp: _Input, entry: Entry, manifest: Manifest) -> FileResult:
        f = inp.file
        if entry.path != f.shown:  # same input given by another path: only source.path changes
            target = inside(self.outdir, f"{f.key}.json")
            doc = Document.model_validate_json(target.read_bytes())
            json_sha = write_document(target, _with_path(doc, f.shown))
            entry = replace(entry, path=f.shown, json_sha256=json_sha)
            manifest.record(entry)
        return FileResult(
            f.shown,
            f.key,
            True,
            sha256=entry.sha256,
            pages_text=entry.pages_text,
            pages_ocr=entry.pages_ocr,
            warning_codes=list(entry.warning_codes),
            status="skipped",
            duplicate_of=entry.duplicate_of,
        )

    def _duplicate(self, dup: _Input, primary: FileResult, manifest: Manifest) -> FileResult:
        f = dup.file
        if not primary.ok:
            failed = Failed(
                primary.code or "internal_error",
                f"same content as {primary.path}, which failed: {primary.message}",
                primary.page,
            )
            return self._failed(manifest, f, dup.stat, dup.sha256, failed, 0.0, primary.path)
        entry = manifest.done(f.key, dup.sha256)
        if entry is not None and (entry.path, entry.duplicate_of) == (f.shown, primary.path):
            return self._skipped(dup, entry, manifest)
        log.warning("%s: same content as %s; read once, its JSON copied", f.shown, primary.path)
        src = Document.model_validate_json(inside(self.outdir, f"{primary.key}.json").read_bytes())
        note = ExtractionWarning(
            code="duplicate_input",
            message=f"same content (sha256) as {primary.path}; read once and copied",
        )
        doc = _with_path(src, f.shown).model_copy(update={"warnings": [*src.warnings, note]})
        json_sha = write_document(inside(self.outdir, f"{f.key}.json"), doc)
        codes = (*primary.warning_codes, note.code)
        manifest.record(
            manifest.entry(
                f.key,
                f.shown,
                "ok",
                dup.stat,
                dup.sha256,
                json_sha256=json_sha,
                pages_text=primary.pages_text,
                pages_ocr=primary.pages_ocr,
                warning_codes=codes,
                duplicate_of=primary.path,
            )
        )
        return FileResult(
            f.shown,
            f.key,
            True,
            sha256=dup.sha256,
            pages_text=primary.pages_text,
            pages_ocr=primary.pages_ocr,
            warning_codes=list(codes),
            status="ok",
            duplicate_of=primary.path,
        )

    # -- recording ---------------------------------------------------------------------------

    def _settle(self, result: FileResult, progress: Progress) -> FileResult:
        self._results[result.key or f"\0{result.path}"] = result
        progress.file_done(result.status)
        if result.status == "failed":
            log.warning("%s: %s (%s)", result.path, result.message, result.code)
        elif result.status == "skipped":
            log.info("%s: already done, skipped", result.path)
        else:
            log.info(
                "%s: ok, %d pages (%d text, %d OCR) in %.2f s",
                result.path,
                result.pages_text + result.pages_ocr,
                result.pages_text,
                result.pages_ocr,
                result.elapsed_s,
            )
        return result

    def _emit(
        self, result: FileResult, manifest: Manifest, progress: Progress
    ) -> Iterator[FileResult]:
        yield self._settle(result, progress)
        for dup in self._waiting.pop(result.key, []):
            yield self._settle(self._duplicate(dup, result, manifest), progress)


def _with_path(doc: Document, shown: str) -> Document:
    return doc.model_copy(update={"source": doc.source.model_copy(update={"path": shown})})


def run_batch(
    inputs: list[str],
    outdir: Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    force: bool = False,
    quiet: bool = False,
    parquet: bool = False,
) -> BatchSummary:
    """Extract every PDF under `inputs` into `outdir` and return the run summary."""
    run = BatchRun(inputs, outdir, options, jobs=jobs, force=force, quiet=quiet, parquet=parquet)
    for _ in run:
        pass
    assert run.summary is not None
    return run.summary


def run_batch_iter(
    inputs: list[str],
    outdir: Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
    force: bool = False,
) -> Generator[FileResult, None, None]:
    """`run_batch` as a generator of results (the library's batch call): `close()` on it,
    as a `break` does, stops the workers and still writes the tables."""
    yield from BatchRun(inputs, outdir, options, jobs=jobs, force=force)


__all__ = ["BatchRun", "BatchSummary", "FileResult", "run_batch", "run_batch_iter"]
