"""Run a command and measure it: wall time, CPU of the whole process tree, peak memory.

CPU comes from `getrusage(RUSAGE_CHILDREN)` deltas around the run: the kernel adds a reaped
child's usage, including the descendants *it* reaped. itadoc's workers are forked by a
multiprocessing forkserver that the CLI does not wait for, so on exit they would be re-parented
to init and their CPU (the OCR!) lost. The benchmark process therefore makes itself a *child
subreaper* (Linux `PR_SET_CHILD_SUBREAPER`): orphaned descendants are re-parented to it, and
after the command exits it reaps them too, so every process the command started is counted.

Memory is sampled with psutil over the process tree: RSS of each process every `interval` s
(classified as the parent, batch workers, the forkserver, tesseract, or other) and, every
`PSS_EVERY` samples, the tree's summed PSS (shared pages split between the processes sharing
them; summed RSS would count the forkserver's preloaded pages once per worker). A process that
lives less than one interval can be missed, so peaks are lower bounds.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import psutil

MB = 2**20
PSS_EVERY = 5
_PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True, slots=True)
class Usage:
    """What one command (or a sequence of commands, see `combine`) cost."""

    wall_s: float
    cpu_s: float
    peak_total_mb: float
    """Largest summed PSS of the process tree at one sample (RSS if PSS is unreadable)."""
    peak_parent_mb: float
    peak_worker_mb: float
    """Largest RSS of any single batch worker (0 when the command has no workers)."""
    peak_tesseract_mb: float
    workers: int
    runs: int = 1

    def as_dict(self) -> dict[str, float | int]:
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in asdict(self).items()}


def combine(usages: Sequence[Usage]) -> Usage:
    """Commands run one after another: times add up, peaks are the largest seen."""
    return Usage(
        wall_s=sum(u.wall_s for u in usages),
        cpu_s=sum(u.cpu_s for u in usages),
        peak_total_mb=max((u.peak_total_mb for u in usages), default=0.0),
        peak_parent_mb=max((u.peak_parent_mb for u in usages), default=0.0),
        peak_worker_mb=max((u.peak_worker_mb for u in usages), default=0.0),
        peak_tesseract_mb=max((u.peak_tesseract_mb for u in usages), default=0.0),
        workers=max((u.workers for u in usages), default=0),
        runs=sum(u.runs for u in usages),
    )


def become_subreaper() -> bool:
    """Adopt orphaned descendants (Linux); False where unsupported (CPU may then be low)."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)


def reap_orphans(keep: set[int], timeout_s: float = 30.0) -> int:
    """Wait for every child of ours not in `keep` (adopted orphans of the measured command);
    returns how many were still alive at the deadline (their CPU is then not counted)."""
    deadline = time.monotonic() + timeout_s
    me = psutil.Process()
    while True:
        try:
            pending = [c.pid for c in me.children() if c.pid not in keep]
        except psutil.Error:
            return 0
        for pid in pending:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        pending = [c.pid for c in me.children() if c.pid not in keep]
        if not pending:
            return 0
        if time.monotonic() > deadline:
            return len(pending)
        time.sleep(0.02)


class _Sampler(threading.Thread):
    """Polls the memory of a process and all its descendants until stopped."""

    def __init__(self, root: psutil.Process, interval: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.interval = interval
        self.stop_event = threading.Event()
        self.peak: dict[int, int] = {}
        self.kind: dict[int, str] = {}
        self.peak_total = 0
        self.ticks = 0

    def _classify(self, p: psutil.Process) -> str:
        if p.name().startswith("tesseract"):
            return "tesseract"
        if p.pid == self.root.pid:
            return "parent"
        cmd = " ".join(p.cmdline())
        if "resource_tracker" in cmd:
            return "other"
        if "forkserver" in cmd:  # the server is the CLI's child; workers are forked from it
            return "forkserver" if p.ppid() == self.root.pid else "worker"
        if "spawn_main" in cmd or "multiprocessing" in cmd:
            return "worker"
        return "other"

    def sample(self) -> None:
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        self.ticks += 1
        with_pss = self.ticks % PSS_EVERY == 1
        total = 0
        for p in procs:
            try:
                rss = p.memory_info().rss
                if p.pid not in self.kind:
                    self.kind[p.pid] = self._classify(p)
                total += p.memory_full_info().pss if with_pss else 0
            except psutil.AccessDenied:
                total += rss if with_pss else 0
            except psutil.Error:
                continue
            self.peak[p.pid] = max(self.peak.get(p.pid, 0), rss)
        self.peak_total = max(self.peak_total, total)

    def run(self) -> None:
        while not self.stop_event.is_set():
            self.sample()
            self.stop_event.wait(self.interval)

    def peak_of(self, kind: str) -> tuple[float, int]:
        """Largest RSS (MB) of one process of this kind, and how many were seen."""
        values = [v for pid, v in self.peak.items() if self.kind.get(pid) == kind]
        return (max(values) / MB if values else 0.0), len(values)


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(
    cmd: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    interval: float = 0.1,
    timeout_s: float = 1800.0,
    ok_codes: Sequence[int] = (0,),
    stderr_path: Path | None = None,
) -> Usage:
    """Run `cmd` to completion (stdout discarded) and return what it cost.

    Raises `subprocess.CalledProcessError` (with the end of stderr) when the exit status is not
    in `ok_codes`, so a benchmark never reports the speed of a run that did not do the work.
    stderr goes to `stderr_path` when given (to check the run further), else is discarded.
    Wall time ends when `cmd` exits; CPU includes descendants reaped after that.
    """
    become_subreaper()
    keep = {c.pid for c in psutil.Process().children()}
    full_env = dict(os.environ if env is None else env)
    with stderr_path.open("w+b") if stderr_path else tempfile.TemporaryFile() as err:
        c0, t0 = _cpu_children(), time.perf_counter()
        proc = psutil.Popen(list(cmd), stdout=subprocess.DEVNULL, stderr=err, env=full_env)
        sampler = _Sampler(proc, interval)
        sampler.start()
        try:
            code = proc.wait(timeout=timeout_s)
        finally:
            wall = time.perf_counter() - t0
            sampler.stop_event.set()
            sampler.join()
            reap_orphans(keep)
        cpu = _cpu_children() - c0
        if code not in ok_codes:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise subprocess.CalledProcessError(code, list(cmd), stderr=tail)
    worker_mb, workers = sampler.peak_of("worker")
    return Usage(
        wall_s=wall,
        cpu_s=cpu,
        peak_total_mb=sampler.peak_total / MB,
        peak_parent_mb=sampler.peak_of("parent")[0],
        peak_worker_mb=worker_mb,
        peak_tesseract_mb=sampler.peak_of("tesseract")[0],
        workers=workers,
    )
