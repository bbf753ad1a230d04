"""The speed benchmark's arithmetic: ratios against the baselines and the stated verdicts."""

from __future__ import annotations

from typing import Any

from bench.speed.report import ratios, verdicts


def _row(pages: int, wall: float, cpu: float, pps: float = 0.0, worker_mb: float = 0.0) -> Any:
    return {
        "pages": pages,
        "documents": pages,
        "pages_per_s": pps,
        "usage": {"wall_s": wall, "cpu_s": cpu, "peak_worker_mb": worker_mb},
    }


def test_ratios_are_per_page_against_the_baseline_of_the_same_run() -> None:
    rows = {
        "text_itadoc": _row(10, 5.0, 2.0),
        "text_baseline": _row(10, 0.5, 0.1),
        "scan_itadoc": _row(20, 40.0, 30.0, pps=0.5),
        "scan_baseline": _row(20, 20.0, 20.0),
        "scan_itadoc_j2": _row(20, 22.0, 31.0, pps=0.9),
    }
    r = ratios(rows)
    assert r["text_wall_s_per_page"] == 10.0 and r["text_cpu_s_per_page"] == 20.0
    assert r["scan_wall_s_per_page"] == 2.0 and r["scan_cpu_s_per_page"] == 1.5
    assert r["scan_jobs2_speedup"] == 1.8


def test_verdicts_say_whether_targets_were_met_and_how_memory_grows() -> None:
    scaling = [
        {"documents": 1, "usage": {"peak_worker_mb": 200.0}},
        {"documents": 10, "usage": {"peak_worker_mb": 300.0}},
        {"documents": 500, "usage": {"peak_worker_mb": 330.0}},
    ]
    slow = verdicts(
        {"ratios": {"scan_cpu_s_per_page": 1.74, "scan_jobs2_speedup": 1.8}, "scaling": scaling}
    )
    assert "1.74× bare tesseract (target ≤ 1.5×: **not met**)" in slow
    assert "300 MB at 10, 330 MB at 500; from 10 to 500 documents +10%" in slow
    fast = verdicts(
        {"ratios": {"scan_cpu_s_per_page": 1.4, "scan_jobs2_speedup": 1.9}, "scaling": scaling}
    )
    assert "(target ≤ 1.5×: met)" in fast
