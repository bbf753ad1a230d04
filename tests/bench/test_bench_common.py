"""Shared benchmark helpers: README regions, corpus selection, the measuring harness."""

from __future__ import annotations

import sys

import pytest

from bench.common.corpus import all_samples, select
from bench.common.readme import region, replace_region
from bench.speed.measure import Usage, combine, measure
from bench.speed.report import ratios


def test_replace_region_touches_only_its_markers() -> None:
    text = (
        "a\n<!-- bench:x:start -->\nold\n<!-- bench:x:end -->\n"
        "<!-- bench:y:start -->\nkeep\n<!-- bench:y:end -->\n"
    )
    out = replace_region(text, "x", "new\n")
    assert out == text.replace("old", "new")
    assert region(out, "x") == "new" and region(out, "y") == "keep"
    with pytest.raises(ValueError):
        replace_region(text, "z", "new")


def test_corpus_selection() -> None:
    names = [s.name for s in all_samples()]
    assert len(names) == 20 and "mixed/003_chumphae" in names
    assert [s.name for s in select(["scan/00[12]*"])] == ["scan/001_khokkruat", "scan/002_banklang"]
    assert len(select(["text/"])) == 9
    with pytest.raises(SystemExit):
        select(["nothing/here"])


def test_measure_counts_child_cpu_and_memory() -> None:
    burn = (
        "import time\nt=time.process_time()\nx=b'x'*(60*2**20)\n"
        "while time.process_time()-t<0.4: pass"
    )
    u = measure([sys.executable, "-c", burn], interval=0.02)
    assert u.cpu_s >= 0.35 and u.wall_s >= u.cpu_s * 0.5
    assert u.peak_parent_mb >= 60 and u.peak_total_mb >= 55  # total is PSS, not RSS
    both = combine([u, u])
    assert both.cpu_s == pytest.approx(2 * u.cpu_s) and both.peak_total_mb == u.peak_total_mb
    assert both.runs == 2


def test_measure_refuses_failed_commands() -> None:
    import subprocess

    with pytest.raises(subprocess.CalledProcessError):
        measure([sys.executable, "-c", "raise SystemExit(3)"])
    measure([sys.executable, "-c", "raise SystemExit(1)"], ok_codes=(0, 1))


def test_ratios_are_pipeline_over_baseline() -> None:
    def row(wall: float, cpu: float, pages: int) -> dict[str, object]:
        u = Usage(wall, cpu, 0.0, 0.0, 0.0, 0.0, 0)
        return {"usage": u.as_dict(), "pages": pages, "pages_per_s": pages / wall}

    rows = {
        "text_itadoc": row(10, 8, 10),
        "text_baseline": row(1, 1, 10),
        "scan_itadoc": row(20, 20, 10),
        "scan_baseline": row(10, 10, 10),
        "scan_itadoc_j2": row(11, 21, 10),
    }
    r = ratios(rows)
    assert r["text_wall_s_per_page"] == 10 and r["text_cpu_s_per_page"] == 8
    assert r["scan_cpu_s_per_page"] == 2 and r["scan_jobs2_speedup"] == pytest.approx(1.82)


def test_measure_counts_orphaned_grandchildren() -> None:
    """itadoc's workers outlive the CLI's wait (forkserver); their CPU must still count."""
    burn = "import time\nt=time.process_time()\nwhile time.process_time()-t<0.4: pass"
    orphan = f"import subprocess,sys\nsubprocess.Popen([sys.executable,'-c',{burn!r}])"
    u = measure([sys.executable, "-c", orphan])
    assert u.cpu_s >= 0.35
