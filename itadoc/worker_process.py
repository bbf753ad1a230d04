"""The inside of a batch worker process: how it detaches from the terminal, dies with its
parent, forwards its logs, and runs tasks until told to stop.

Kept apart from the pool (`itadoc.workers`) because this code runs in another process: every
line here is about that process's life, nothing about scheduling.

- It ignores SIGINT: Ctrl-C reaches the whole foreground process group, and the parent decides
  what to stop (a worker that died on Ctrl-C would be reported as a crash).
- It leads its own process group, so the parent can kill it together with its tesseract.
- It dies with its parent (PR_SET_PDEATHSIG): `kill -9` of a run leaves no orphan busy for an
  hour. Its SIGTERM handler kills its whole group, tesseract included.
- Its stdout goes to stderr: stdout of `itadoc` carries data only.
- Its log records travel to the parent through its own pipe (no shared queue whose lock a
  killed worker could leave held) and are re-emitted there.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import resource
import signal
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker process runs: picklable, so it ships to the forkserver's children."""

    fn: Callable[[Any], Any]
    init: Callable[[Any], None] | None = None
    init_arg: Any = None
    log_level: int = logging.WARNING


class _PipeLogHandler(logging.Handler):
    def __init__(self, conn: Connection) -> None:
        super().__init__()
        self._conn = conn
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._conn.send(("log", record.levelno, record.name, self.format(record)))
        except (OSError, ValueError):
            self.handleError(record)


def _die_with_group(signum: int, frame: object) -> None:
    os.killpg(0, signal.SIGKILL)


def _detach() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.setpgid(0, 0)
    if os.getpgid(0) == os.getpid():  # never kill a group we do not lead (the parent's)
        signal.signal(signal.SIGTERM, _die_with_group)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    if os.getppid() == 1:  # the parent died before PDEATHSIG was armed
        os._exit(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr


def worker_main(conn: Connection, setup: WorkerSetup, scratch: str | None) -> None:
    """The worker's whole life: set up, say "ready", then run tasks until None or EOF."""
    _detach()
    if scratch is not None:
        os.makedirs(scratch, exist_ok=True)
        os.environ["TMPDIR"] = scratch
        tempfile.tempdir = scratch
    root = logging.getLogger()
    root.handlers[:] = [_PipeLogHandler(conn)]
    root.setLevel(setup.log_level)
    if setup.init is not None:
        setup.init(setup.init_arg)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        result = setup.fn(task)
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # tesseract runs
        cpu = me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime
        conn.send(("done", result, me.ru_maxrss / 1024.0, cpu))


__all__ = ["WorkerSetup", "worker_main"]
