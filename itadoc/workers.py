"""A small process pool that survives its workers: crashes and hangs cost one file, not a batch.

`concurrent.futures.ProcessPoolExecutor` marks the whole pool broken when one worker dies
(segfault in a PDF library, the kernel's OOM killer) and cannot stop a task that hangs. Here the
parent knows which task each worker holds: a dead worker's task is reported as crashed, a task
over its time limit has its worker killed, and in both cases a fresh worker takes its place.
Workers are started with "spawn" (no inherited locks or pdfium state) and live for many tasks,
so the imports and the Thai dictionary are loaded once per worker, not per file.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Crashed:
    """What the pool reports for a task whose worker died or was killed."""

    exitcode: int | None
    timed_out: bool
    elapsed_s: float


def _worker_main(
    conn: Connection, fn: Callable[[Any], Any], init: Callable[[], None] | None
) -> None:
    if init is not None:
        init()
    while True:
        try:
            task = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if task is None:
            return
        try:
            result = fn(task)
        except KeyboardInterrupt:
            return
        conn.send(result)


@dataclass(slots=True)
class _Worker:
    process: mp.process.BaseProcess
    conn: Connection
    task: Any = None
    started: float = 0.0


class WorkerPool(Generic[T, R]):
    """Run `fn(task)` for each task in `jobs` worker processes; yield (task, result) as done.

    `result` is whatever `fn` returned, or a `Crashed` record if the worker died or exceeded
    `timeout_s`. `fn` must catch its own exceptions and return them as data.
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        jobs: int,
        timeout_s: float,
        init: Callable[[], None] | None = None,
    ) -> None:
        self._fn = fn
        self._jobs = max(1, jobs)
        self._timeout = timeout_s
        self._init = init
        self._ctx = mp.get_context("spawn")
        self._workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(
            target=_worker_main, args=(child, self._fn, self._init), daemon=True
        )
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _kill(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()

    def run(self, tasks: Iterable[T]) -> Iterator[tuple[T, R | Crashed]]:
        queue: deque[T] = deque(tasks)
        n = min(self._jobs, len(queue))
        self._workers = [self._spawn() for _ in range(n)]
        try:
            yield from self._loop(queue)
        finally:
            self.close()

    def _loop(self, queue: deque[T]) -> Iterator[tuple[T, R | Crashed]]:
        while True:
            for w in self._workers:
                if w.task is None and queue:
                    w.task = queue.popleft()
                    w.started = time.monotonic()
                    w.conn.send(w.task)
            busy = [w for w in self._workers if w.task is not None]
            if not busy:
                return
            now = time.monotonic()
            wait_s = max(0.05, min(self._timeout - (now - w.started) for w in busy))
            ready = wait(
                [w.conn for w in busy] + [w.process.sentinel for w in busy],
                timeout=min(wait_s, 1.0),
            )
            for i, w in enumerate(list(self._workers)):
                if w.task is None:
                    continue
                task = w.task
                if w.conn in ready:
                    try:
                        result = w.conn.recv()
                    except (EOFError, OSError):
                        result = None
                    if result is not None:
                        w.task = None
                        yield task, result
                        continue
                elapsed = time.monotonic() - w.started
                died = w.process.sentinel in ready and not w.process.is_alive()
                timed_out = elapsed > self._timeout
                if died or timed_out or (w.conn in ready):
                    self._kill(w)
                    exitcode = w.process.exitcode
                    if timed_out and not died:
                        exitcode = None
                    log.debug(
                        "worker for %r %s", task, "timed out" if timed_out else f"died ({exitcode})"
                    )
                    self._workers[i] = self._spawn()
                    yield (
                        task,
                        Crashed(
                            exitcode=exitcode, timed_out=timed_out and not died, elapsed_s=elapsed
                        ),
                    )

    def close(self) -> None:
        for w in self._workers:
            try:
                if w.process.is_alive() and w.task is None:
                    w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        deadline = time.monotonic() + 5
        for w in self._workers:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._kill(w)
        self._workers = []
