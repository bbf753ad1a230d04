"""Isolation: a worker that crashes, exits, hangs, bloats or whose tesseract hangs costs exactly
one line in errors.jsonl with a stable code; every other file is still written.

Faults are injected through ITADOC_TEST_FAULTS (see `itadoc.faults`) into the real pool: real
processes, real signals, the real memory watchdog and the real tesseract wrapper's timeout.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from batch_helpers import TEXT_SAMPLES, copy_sample, with_blank_pages

from itadoc import faults
from itadoc.batch import run_batch
from schemas.options import Options


def test_each_fault_costs_one_error_line_and_the_other_files_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inp = tmp_path / "in"
    for i, name in enumerate(["crash", "exit", "hang", "oom", "good-1", "good-2"]):
        copy_sample(inp / f"{name}.pdf", i)
    # these two need an OCR page for the tesseract faults to fire on
    with_blank_pages(TEXT_SAMPLES[6], inp / "tess-hang.pdf", 1)
    with_blank_pages(TEXT_SAMPLES[7], inp / "tess-fail.pdf", 1)
    monkeypatch.setenv(
        faults.ENV_VAR,
        "crash@*/crash.pdf,exit@*/exit.pdf,hang@*/hang.pdf,oom@*/oom.pdf,"
        "tesseract_hang@*/tess-hang.pdf,tesseract_fail@*/tess-fail.pdf",
    )
    # generous enough for a loaded CI machine, short enough that the hangs end quickly
    options = Options(page_timeout_s=5, file_timeout_s=15, max_memory_mb=900)
    out = tmp_path / "out"
    t0 = time.monotonic()
    summary = run_batch([str(inp)], out, options, jobs=2, quiet=True)
    elapsed = time.monotonic() - t0

    errors = {
        Path(e["path"]).name: e
        for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())
    }
    assert {name: e["code"] for name, e in errors.items()} == {
        "crash.pdf": "worker_crashed",
        "exit.pdf": "worker_crashed",
        "hang.pdf": "file_timeout",
        "oom.pdf": "memory_limit",
        "tess-hang.pdf": "ocr_timeout",
        "tess-fail.pdf": "ocr_failed",
    }
    assert "SIGSEGV" in errors["crash.pdf"]["message"]
    assert "900 MB limit" in errors["oom.pdf"]["message"]
    assert errors["tess-hang.pdf"]["page"] == 7  # the appended blank page
    for name in ("good-1", "good-2"):
        assert json.loads((out / f"{name}.json").read_text("utf-8"))["measures"]
    for name in errors:
        assert not (out / name.replace(".pdf", ".json")).exists()
    assert summary.documents_ok == 2 and summary.documents_failed == 6
    assert summary.workers["killed"] >= 2  # the hang and the memory blow-up
    assert elapsed < 120  # the hang was stopped at its file timeout, not waited for


def test_workers_are_replaced_after_max_tasks_and_results_do_not_change(tmp_path: Path) -> None:
    inp = tmp_path / "in"
    for i in range(4):
        copy_sample(inp / f"{i}.pdf", i)
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    recycled = run_batch([str(inp)], out1, Options(max_tasks_per_worker=1), jobs=2, quiet=True)
    assert recycled.documents_ok == 4
    assert recycled.workers["recycled"] >= 3 and recycled.workers["started"] >= 5
    assert recycled.workers["peak_worker_rss_mb"] > 0
    plain = run_batch([str(inp)], out2, jobs=2, quiet=True)
    assert plain.workers["recycled"] == 0
    for i in range(4):
        assert (out1 / f"{i}.json").read_bytes() == (out2 / f"{i}.json").read_bytes()
