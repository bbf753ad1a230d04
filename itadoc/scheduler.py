"""Spread a batch over the pool at two grains: whole files, and single OCR pages of a file.

A file starts as one `ReadTask`: the worker validates it, reads its text-layer pages and, if no
page needs OCR, writes the JSON right away (born-digital files never leave that worker). If
pages need OCR they come back as a list, and each becomes an `OcrTask` any worker can take, so a
single 300-page scan keeps every core busy. When the last page is in, an `AssembleTask` parses
the pages and writes the JSON.

Work is handed out depth-first: assembly first, then OCR pages of the oldest file in progress,
and only then a new file. That finishes files in input order as far as possible, so results
(and resumable progress) arrive steadily, and it bounds the pages held in memory to the few
files in flight.

Time limits: a file has `file_timeout_s` of wall time from the moment a worker takes its first
task; each tesseract run has `page_timeout_s` (the wrapper's own limit, reported as
`ocr_timeout`), and a whole OCR page task has a generous hard limit (`page_hard_limit`) after
which its worker is killed (also `ocr_timeout`). When one page of a file fails, the file fails
and its other tasks are cancelled.
"""

from __future__ import annotations

import signal
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ingest.extract import PendingOcr
from itadoc.tasks import (
    AssembleTask,
    Failed,
    OcrTask,
    PageRead,
    Planned,
    ReadTask,
    Result,
    Task,
    Written,
)
from itadoc.workers import Crashed, Done, WorkerPool
from schemas.errors import (
    FileTimeoutError,
    ItadocError,
    MemoryLimitError,
    OcrTimeoutError,
    WorkerCrashedError,
)
from schemas.options import Options
from schemas.page import Page


@dataclass(frozen=True, slots=True)
class Job:
    """One input file to read."""

    key: str
    path: str
    shown: str
    out_json: str


@dataclass(frozen=True, slots=True)
class Outcome:
    job: Job
    result: Written | Failed
    elapsed_s: float


@dataclass(slots=True)
class _File:
    job: Job
    started: float
    deadline: float
    sha256: str = ""
    pages: list[Page] = field(default_factory=list)
    todo: deque[PendingOcr] = field(default_factory=deque)
    running: int = 0


def page_hard_limit(options: Options) -> float:
    """The whole OCR page task: tesseract may run several times on a page (table cells, then
    the rest), each run bounded by `page_timeout_s` itself; this only catches a hang outside
    tesseract (rendering, say), so it is generous."""
    return max(3.0 * options.page_timeout_s, options.page_timeout_s + 60.0)


def _exit_text(code: int | None) -> str:
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if -code == signal.SIGKILL:
            return f"killed by {name}, probably by the kernel for lack of memory"
        return f"killed by {name}"
    return f"exit status {code}"


class Scheduler:
    """Feed files to the pool (`add`), step it (`step`) and collect finished files."""

    def __init__(
        self,
        pool: WorkerPool[Task, Result],
        options: Options,
        *,
        memory_limit_mb: float | None = None,
        on_pages: Callable[[int, int], None] | None = None,
    ) -> None:
        self.pool = pool
        self.options = options
        self._memory_limit = memory_limit_mb
        self._on_pages = on_pages or (lambda text, ocr: None)
        self._new: deque[Job] = deque()
        self._files: dict[str, _File] = {}
        self._ready: deque[AssembleTask] = deque()

    def wants_job(self) -> bool:
        """True when nothing waits for a worker: one new file may then be queued (and the
        parent hashes it while the workers are busy). Its clock starts when it is dispatched,
        and workers are only started once there is a file to read."""
        pages_waiting = any(f.todo for f in self._files.values())
        return not self._new and not self._ready and not pages_waiting

    def add(self, job: Job) -> None:
        self._new.append(job)
        self._dispatch()

    def idle(self) -> bool:
        return not self._new and not self._files and not self._ready and self.pool.busy() == 0

    def in_flight(self) -> list[Job]:
        return [f.job for f in self._files.values()] + list(self._new)

    def step(self, timeout_s: float) -> list[Outcome]:
        self._dispatch()
        out: list[Outcome] = []
        for done in self.pool.poll(timeout_s):
            out += self._handle(done)
        out += self._expire()
        self._dispatch()
        return out

    # -- internals ------------------------------------------------------------------------

    def _remaining(self, f: _File) -> float:
        return max(0.5, f.deadline - time.monotonic())

    def _next(self) -> tuple[Task, float, str] | None:
        if self._ready:
            task = self._ready.popleft()
            return task, self._remaining(self._files[task.key]), task.key
        for f in self._files.values():
            if f.todo:
                pending = f.todo.popleft()
                f.running += 1
                j = f.job
                limit = min(page_hard_limit(self.options), self._remaining(f))
                return OcrTask(j.key, j.path, j.shown, pending, self.options), limit, j.key
        if self._new:
            j = self._new.popleft()
            now = time.monotonic()
            f = _File(j, started=now, deadline=now + self.options.file_timeout_s)
            self._files[j.key] = f
            read = ReadTask(j.key, j.path, j.shown, j.out_json, self.options)
            return read, self.options.file_timeout_s, j.key
        return None

    def _dispatch(self) -> None:
        while self.pool.has_capacity():
            nxt = self._next()
            if nxt is None:
                return
            task, limit, key = nxt
            self.pool.submit(task, timeout_s=limit, tag=key)

    def _done(self, f: _File, result: Written | Failed) -> Outcome:
        self._files.pop(f.job.key, None)
        if isinstance(result, Failed):
            self.pool.cancel(f.job.key)
            self._ready = deque(t for t in self._ready if t.key != f.job.key)
        return Outcome(f.job, result, time.monotonic() - f.started)

    def _handle(self, done: Done[Task, Result]) -> list[Outcome]:
        task, result = done.task, done.result
        f = self._files.get(task.key)
        if f is None:  # the file already failed; a late page
            return []
        if isinstance(result, Crashed):
            return [self._done(f, self._crash(task, result, f))]
        if isinstance(result, Written) and isinstance(task, ReadTask):
            self._on_pages(result.pages_text, result.pages_ocr)
        if isinstance(result, (Failed, Written)):
            return [self._done(f, result)]
        if isinstance(result, Planned):
            f.sha256 = result.sha256
            f.pages = list(result.pages)
            f.todo = deque(result.ocr)
            self._on_pages(len(result.pages), 0)
        elif isinstance(result, PageRead):
            f.running -= 1
            f.pages.append(result.page)
            self._on_pages(0, 1)
        if not f.todo and f.running == 0:
            j = f.job
            self._ready.append(AssembleTask(j.key, j.shown, f.sha256, tuple(f.pages), j.out_json))
            f.pages = []
        return []

    def _crash(self, task: Task, crash: Crashed, f: _File) -> Failed:
        page = task.page.number if isinstance(task, OcrTask) else None
        where = f" (page {page})" if page is not None else ""
        err: ItadocError
        if crash.reason == "timeout":
            if isinstance(task, OcrTask) and time.monotonic() < f.deadline - 0.5:
                err = OcrTimeoutError(
                    f"page {page} took longer than {crash.elapsed_s:.0f} s to render and OCR "
                    "and its worker was stopped; raise --page-timeout for unusually dense pages"
                )
            else:
                err = FileTimeoutError(
                    f"took longer than {self.options.file_timeout_s:g} s and was stopped"
                    f"{where}; raise --file-timeout for very long files"
                )
        elif crash.reason == "memory":
            err = MemoryLimitError(
                f"the worker used {crash.rss_mb:.0f} MB (with its tesseract) while reading "
                f"this file{where}, over the {self._memory_limit or 0:.0f} MB limit, and was "
                "stopped; raise --max-memory-mb, or lower --ocr-dpi"
            )
        else:
            err = WorkerCrashedError(
                f"the worker process died ({_exit_text(crash.exitcode)}) while reading this "
                f"file{where}, probably a crash in a PDF library; try it alone with -v"
            )
        return Failed(err.code, err.message, page)

    def _expire(self) -> list[Outcome]:
        now = time.monotonic()
        out = []
        for f in list(self._files.values()):
            if now > f.deadline:
                err = FileTimeoutError(
                    f"took longer than {self.options.file_timeout_s:g} s and was stopped; "
                    "raise --file-timeout for very long files"
                )
                out.append(self._done(f, Failed(err.code, err.message)))
        return out
