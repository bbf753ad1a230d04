"""The memory watchdog's measure: a worker's RSS plus its children's (a tesseract program)."""

from __future__ import annotations

import subprocess
import sys
from typing import Any, cast

import psutil
import pytest

from itadoc import workers

_CHILD = (
    "import sys, time\n"
    "b = bytearray(160 * 2**20)\n"
    "b[::4096] = b'x' * len(b[::4096])\n"  # touch every page: resident, not just reserved
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def _worker() -> Any:
    w = workers._Worker(process=cast(Any, None), conn=cast(Any, None), scratch=None, born=0.0)
    w.ps = psutil.Process()
    return w


def test_a_childs_memory_counts_and_new_children_are_found_after_the_scan_interval(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "CHILDREN_SCAN_S", 3600.0)  # however slow the machine
    w = _worker()
    alone = workers._tree_rss_mb(w)
    child = subprocess.Popen([sys.executable, "-c", _CHILD], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        # the children were listed just now, before the child existed: not yet seen
        assert workers._tree_rss_mb(w) < alone + 100
        w.children_at = float("-inf")  # the scan interval has passed
        with_child = workers._tree_rss_mb(w)
        assert with_child > alone + 150
        assert [c.pid for c in w.children] == [child.pid]
    finally:
        child.kill()
        child.wait()
    # a child that is gone costs nothing and breaks nothing before the next scan
    assert workers._tree_rss_mb(w) < alone + 100
