"""The memory watchdog's measure: a worker's RSS plus its children's (a tesseract program)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, cast

import psutil
import pytest

from itadoc import workers

_CHILD = (
    "import os, time\n"
    "b = bytearray(160 * 2**20)\n"
    "b[::4096] = b'x' * len(b[::4096])\n"  # touch every page: resident, not just reserved
    "print('ready', os.getpid(), flush=True)\n"
    "time.sleep(60)\n"
)
_WORKER = (  # stands for a worker: starts its child (a tesseract program) when told to
    "import subprocess, sys\n"
    "sys.stdin.readline()\n"
    f"subprocess.Popen([sys.executable, '-c', {_CHILD!r}]).wait()\n"
)


def test_a_childs_memory_counts_and_new_children_are_found_after_the_scan_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "CHILDREN_SCAN_S", 3600.0)  # however slow the machine
    worker = subprocess.Popen(
        [sys.executable, "-c", _WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert worker.stdin is not None and worker.stdout is not None
        w = workers._Worker(process=cast(Any, None), conn=cast(Any, None), scratch=None, born=0.0)
        w.ps = psutil.Process(worker.pid)
        alone = workers._tree_rss_mb(w)  # lists the children: none yet
        assert w.children == []
        worker.stdin.write("go\n")
        worker.stdin.flush()
        ready, pid = worker.stdout.readline().split()
        assert ready == "ready"
        # the child came after the last lookup: not seen until the interval has passed
        assert workers._tree_rss_mb(w) < alone + 100
        w.children_at = float("-inf")
        assert workers._tree_rss_mb(w) > alone + 150
        assert [c.pid for c in w.children] == [int(pid)]
        child = psutil.Process(int(pid))
        child.kill()
        child.wait(10)  # reaped by the worker, which was waiting for it
        # a child that is gone costs nothing and breaks nothing before the next lookup
        assert workers._tree_rss_mb(w) < alone + 100
    finally:
        worker.kill()
        worker.wait()
