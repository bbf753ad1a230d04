"""A process pool that survives its workers: a crash, a hang or a memory blow-up costs one task.

`concurrent.futures.ProcessPoolExecutor` marks the whole pool broken when one worker dies and
cannot stop a task that hangs or grows. Here the parent knows which task each worker holds:

- a dead worker's task is reported as `Crashed("crashed")` and a fresh worker takes its place;
- a task over its own time limit has its worker killed (`"timeout"`);
- with a memory limit, the resident memory of each busy worker *and its children* (a tesseract
  program, where the library is not used) is sampled a few times a second (the children are
  looked up once a second) and a worker over the limit is killed (`"memory"`);
- a worker is replaced after `max_tasks` tasks, or when it sits idle above half the memory
  limit, so what PDF libraries leak or fragment cannot pile up over a night.

Workers are forked from a forkserver that has imported and warmed the pipeline once (see
`itadoc.warmup`), so replacing one costs milliseconds instead of seconds. What happens inside
a worker (process group, death with the parent, log forwarding) is `itadoc.worker_process`.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing as mp
import os
import shutil
import signal
import time
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, Literal, TypeVar

import psutil

from itadoc.worker_process import WorkerSetup, worker_main
from schemas.errors import InternalError

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

CrashReason = Literal["crashed", "timeout", "memory"]
MEMORY_SAMPLE_S = 0.2
CHILDREN_SCAN_S = 1.0
"""How often a busy worker's children are looked up again; their memory is read at every
sample. Finding them scans every process on the machine (psutil reads all of /proc), ~1.6 ms
each time: at every sample that was 1% of a scanned batch's CPU, for children that rarely exist
now that tesseract runs inside the worker."""
STARTUP_TIMEOUT_S = 180.0
MAX_FAILED_STARTS = 3


@dataclass(frozen=True, slots=True)
class Crashed:
    """What the pool reports for a task whose worker died or was killed."""

    reason: CrashReason
    exitcode: int | None
    elapsed_s: float
    rss_mb: float = 0.0


@dataclass(frozen=True, slots=True)
class Done(Generic[T, R]):
    task: T
    result: R | Crashed
    worker_pid: int
    elapsed_s: float


@dataclass(slots=True)
class PoolStats:
    """Worker life cycle and memory figures, reported in run.json."""

    started: int = 0
    recycled: int = 0
    killed: int = 0
    peak_worker_rss_mb: float = 0.0
    """Highest peak RSS (getrusage) a worker process reported, without its tesseract."""
    peak_tree_rss_mb: float = 0.0
    """Highest sampled RSS of a worker plus its children (only sampled with a memory limit)."""
    busy_s: float = 0.0
    """Wall time workers spent on tasks, summed: over elapsed x jobs, how well fed they were."""
    cpu_s: float = 0.0
    """CPU time of the workers and their tesseract processes (as last reported by each)."""


@dataclass(slots=True)
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    scratch: str | None
    born: float
    ready: bool = False
    pid: int = 0
    task: Any = None
    tag: Hashable = None
    started: float = 0.0
    timeout: float = float("inf")
    tasks_done: int = 0
    cpu_s: float = 0.0
    ps: psutil.Process | None = None
    rss_mb: float = 0.0
    children: list[psutil.Process] = field(default_factory=list)
    children_at: float = -CHILDREN_SCAN_S


def _tree_rss_mb(w: _Worker) -> float:
    """RSS of a worker and its children (MB); the children list is refreshed every
    `CHILDREN_SCAN_S`."""
    if w.ps is None:
        return 0.0
    total = 0
    now = time.monotonic()
    with contextlib.suppress(psutil.Error):
        total += w.ps.memory_info().rss
        if now - w.children_at >= CHILDREN_SCAN_S:
            w.children, w.children_at = w.ps.children(recursive=True), now
    for child in w.children:
        with contextlib.suppress(psutil.Error):
            total += child.memory_info().rss
    return total / (1024.0 * 1024.0)


def _context(preload: Sequence[str]) -> mp.context.BaseContext:
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(list(preload))
        return ctx
    return mp.get_context("spawn")


def prestart(preload: Sequence[str]) -> None:
    """Launch the forkserver now, without waiting for it: it imports and warms `preload` on
    another core while this process goes on with its own imports and the input scan."""
    if "forkserver" in mp.get_all_start_methods():
        from multiprocessing import forkserver

        _context(preload)
        forkserver.ensure_running()


@dataclass(slots=True)
class _Queued:
    task: Any
    timeout: float
    tag: Hashable


class WorkerPool(Generic[T, R]):
    """`jobs` workers running `setup.fn(task)`; the caller submits tasks and polls for `Done`.

    `fn` must catch its own exceptions and return them as data: an exception escaping it kills
    the worker and is reported as a crash.
    """

    def __init__(
        self,
        setup: WorkerSetup,
        jobs: int,
        *,
        max_tasks: int = 200,
        max_memory_mb: float | None = None,
        scratch_root: str | None = None,
        preload: Sequence[str] = (),
        on_log: Callable[[int, str, str], None] | None = None,
    ) -> None:
        self._setup = setup
        self._jobs = max(1, jobs)
        self._max_tasks = max_tasks
        self._max_memory = max_memory_mb
        self._scratch_root = scratch_root
        self._ctx = _context(preload)
        self._on_log = on_log or self._log
        self._workers: list[_Worker] = []
        self._retiring: list[_Worker] = []
        self._queue: deque[_Queued] = deque()
        self._failed_starts = 0
        self._last_sample = 0.0
        self._serial = 0
        self.stats = PoolStats()

    # -- public ---------------------------------------------------------------------------

    def busy(self) -> int:
        """Tasks submitted and not yet reported (running or waiting for a worker)."""
        return len(self._queue) + sum(1 for w in self._workers if w.task is not None)

    def has_capacity(self) -> bool:
        """A worker is ready and idle now, so a task submitted now starts now: callers time
        their files from submission, and a worker still starting must not eat that time."""
        self._fill()
        idle = sum(1 for w in self._workers if w.ready and w.task is None)
        return idle > len(self._queue)

    def submit(self, task: T, *, timeout_s: float, tag: Hashable = None) -> None:
        self._queue.append(_Queued(task, timeout_s, tag))
        self._fill()

    def poll(self, timeout_s: float) -> list[Done[T, R]]:
        """Wait up to `timeout_s` for events; return the tasks that finished or failed."""
        self._fill()
        now = time.monotonic()
        limit = timeout_s
        for w in self._workers:
            if w.task is not None:
                limit = min(limit, w.started + w.timeout - now)
        if self._max_memory is not None and self.busy():
            limit = min(limit, MEMORY_SAMPLE_S)
        waitables: list[Any] = []
        for w in self._workers + self._retiring:
            waitables += [w.conn, w.process.sentinel]
        ready = set(wait(waitables, timeout=max(0.0, limit))) if waitables else set()
        if not waitables:
            time.sleep(max(0.0, limit))
        events: list[Done[T, R]] = []
        for w in list(self._workers):
            if w.conn in ready:
                self._drain(w, events)
            if w in self._workers and w.process.sentinel in ready and not w.process.is_alive():
                self._drain(w, events)
                self._lost(w, events, "crashed")
        self._check_limits(events)
        self._reap_retiring()
        self._fill()
        return events

    def cancel(self, tag: Hashable) -> int:
        """Drop queued tasks with `tag` and kill the workers running one; no `Done` for them."""
        dropped = [q for q in self._queue if q.tag == tag]
        for q in dropped:
            self._queue.remove(q)
        killed = 0
        for w in list(self._workers):
            if w.task is not None and w.tag == tag:
                self._kill(w)
                self._workers.remove(w)
                killed += 1
                self.stats.killed += 1  # a file's deadline can stop a worker before its task's
        self._fill()
        return len(dropped) + killed

    def close(self) -> None:
        """Stop every worker: idle ones are asked to exit, busy ones are killed."""
        self._queue.clear()
        for w in self._workers:
            if w.task is None and w.process.is_alive():
                with contextlib.suppress(OSError):
                    w.conn.send(None)
            else:
                self._kill(w)
        self._retiring += self._workers
        self._workers = []
        deadline = time.monotonic() + 5.0
        for w in self._retiring:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._kill(w)
        self._retiring = []

    # -- internals ------------------------------------------------------------------------

    @staticmethod
    def _log(level: int, name: str, message: str) -> None:
        logging.getLogger(name).log(level, "%s", message)

    def _spawn(self) -> _Worker:
        self._serial += 1
        scratch = None
        if self._scratch_root is not None:
            scratch = os.path.join(self._scratch_root, f"w{os.getpid()}-{self._serial}")
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(  # type: ignore[attr-defined]
            target=worker_main, args=(child, self._setup, scratch), daemon=True
        )
        proc.start()
        child.close()
        self.stats.started += 1
        return _Worker(proc, parent, scratch, born=time.monotonic())

    def _fill(self) -> None:
        while len(self._workers) < self._jobs:
            self._workers.append(self._spawn())
        for w in self._workers:
            if not self._queue:
                return
            if w.ready and w.task is None:
                q = self._queue.popleft()
                try:
                    w.conn.send(q.task)
                except OSError:
                    self._queue.appendleft(q)
                    continue
                w.task, w.tag, w.timeout = q.task, q.tag, q.timeout
                w.started = time.monotonic()

    def _drain(self, w: _Worker, events: list[Done[T, R]]) -> None:
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg[0] == "log":
                    self._on_log(msg[1], msg[2], msg[3])
                elif msg[0] == "ready":
                    w.ready, w.pid = True, msg[1]
                    w.ps = psutil.Process(w.pid)
                    self._failed_starts = 0
                elif msg[0] == "done" and w.task is not None:
                    self.stats.peak_worker_rss_mb = max(self.stats.peak_worker_rss_mb, msg[2])
                    w.cpu_s = msg[3]
                    elapsed = time.monotonic() - w.started
                    self.stats.busy_s += elapsed
                    events.append(Done(w.task, msg[1], w.pid, elapsed))
                    w.task, w.tag, w.tasks_done = None, None, w.tasks_done + 1
                    self._maybe_recycle(w)
                    if w not in self._workers:
                        return
        except (EOFError, OSError, ValueError):
            pass  # a dying worker; its sentinel reports it

    def _lost(self, w: _Worker, events: list[Done[T, R]], reason: CrashReason) -> None:
        elapsed = time.monotonic() - w.started
        self._kill(w)
        if w in self._workers:
            self._workers.remove(w)
        if not w.ready:
            self._failed_starts += 1
            if self._failed_starts >= MAX_FAILED_STARTS:
                raise InternalError(
                    f"worker processes fail to start (exit status {w.process.exitcode}); "
                    "run with -vv to see why"
                )
        if w.task is not None:
            self.stats.busy_s += elapsed
            code = None if reason != "crashed" else w.process.exitcode
            log.debug("worker %d lost its task (%s, exit %s)", w.pid, reason, code)
            events.append(Done(w.task, Crashed(reason, code, elapsed, w.rss_mb), w.pid, elapsed))

    def _check_limits(self, events: list[Done[T, R]]) -> None:
        now = time.monotonic()
        sample = self._max_memory is not None and now - self._last_sample >= MEMORY_SAMPLE_S
        if sample:
            self._last_sample = now
        for w in list(self._workers):
            if not w.ready and now - w.born > STARTUP_TIMEOUT_S:
                self._lost(w, events, "crashed")
                continue
            if w.task is None:
                continue
            if now - w.started > w.timeout:
                self.stats.killed += 1
                self._lost(w, events, "timeout")
            elif sample and w.ps is not None:
                w.rss_mb = _tree_rss_mb(w)
                self.stats.peak_tree_rss_mb = max(self.stats.peak_tree_rss_mb, w.rss_mb)
                if self._max_memory is not None and w.rss_mb > self._max_memory:
                    self.stats.killed += 1
                    self._lost(w, events, "memory")

    def _maybe_recycle(self, w: _Worker) -> None:
        high = False
        if self._max_memory is not None and w.ps is not None:
            w.rss_mb = _tree_rss_mb(w)
            high = w.rss_mb > self._max_memory / 2
        if w.tasks_done >= self._max_tasks or high:
            log.debug("recycling worker %d after %d tasks, %.0f MB", w.pid, w.tasks_done, w.rss_mb)
            self.stats.recycled += 1
            self._workers.remove(w)
            with contextlib.suppress(OSError):
                w.conn.send(None)
            w.started = time.monotonic()  # from now on: when it was asked to exit
            self._retiring.append(w)

    def _reap_retiring(self) -> None:
        now = time.monotonic()
        for w in list(self._retiring):
            if not w.process.is_alive() or now - w.started > 30.0:
                self._kill(w)
                self._retiring.remove(w)

    def _kill(self, w: _Worker) -> None:
        self.stats.cpu_s += w.cpu_s
        w.cpu_s = 0.0
        if w.process.is_alive():
            try:
                if w.ready:
                    os.killpg(w.pid, signal.SIGKILL)
                else:
                    w.process.kill()
            except (ProcessLookupError, PermissionError):
                w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()
        if w.scratch is not None:
            shutil.rmtree(w.scratch, ignore_errors=True)


__all__ = ["Crashed", "Done", "PoolStats", "WorkerPool", "WorkerSetup", "prestart"]
