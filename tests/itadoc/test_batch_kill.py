"""Killing `itadoc extract` mid-batch (Ctrl-C, SIGTERM, kill -9) loses nothing: no truncated file
is left, no worker survives, and rerunning the same command gives byte for byte the output of
an uninterrupted run. Also: what the CLI prints where (stdout stays empty)."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from batch_helpers import cli_env, copy_sample, outputs, run_cli

from itadoc.batch import run_batch
from itadoc.manifest import MANIFEST_NAME
from schemas.document import Document

N = 6


def make_inputs(base: Path) -> None:
    """Six reports, a duplicate of one of them and a file that is not a PDF."""
    for i in range(N):
        copy_sample(base / "in" / f"r{i}.pdf", i)
    copy_sample(base / "in" / "copies" / "r1 again.pdf", 1)
    (base / "in" / "notes.pdf").write_text("not a pdf")


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], str, str]:
    base = tmp_path_factory.mktemp("reference")
    make_inputs(base)
    proc = run_cli("extract", "in", "-o", "out", "-j", "2", "-v", cwd=base)
    assert proc.returncode == 1, proc.stderr  # partial: notes.pdf is not a PDF
    return outputs(base / "out"), proc.stdout, proc.stderr


def test_the_cli_reports_on_stderr_only(reference: tuple[dict[str, bytes], str, str]) -> None:
    files, stdout, stderr = reference
    assert stdout == ""
    assert re.search(r"itadoc: 8/8 files \(1 failed, 0 skipped\), \d+ pages", stderr)
    assert "ETA" in stderr and "pages/s" in stderr
    assert f"{N + 1} documents written, 0 skipped (already done), 1 failed, 1 duplicates" in stderr
    assert "warnings: " in stderr and "errors: not_a_pdf 1" in stderr
    assert re.search(r"in/r0.pdf page 1: text \(.*\), \d+\.\d\d s", stderr)  # -v: each page
    assert re.search(r"in/r0.pdf: ok, 8 pages \(8 text, 0 OCR\) in \d+\.\d\d s", stderr)
    assert sorted(files) == sorted(
        [f"r{i}.json" for i in range(N)]
        + ["copies/r1 again.json", "documents.csv", "measures.csv", "errors.jsonl"]
    )


def _wait_for_first_document(out: Path, proc: subprocess.Popen[str]) -> int:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        try:
            lines = (out / MANIFEST_NAME).read_text().splitlines()
        except FileNotFoundError:
            lines = []
        done = sum('"status": "ok"' in line for line in lines)
        if done:
            return done
        time.sleep(0.05)
    raise AssertionError("no document was finished in time")


@pytest.mark.parametrize("how", ["SIGINT", "SIGTERM", "SIGKILL"])
def test_a_killed_run_resumes_to_the_uninterrupted_output(
    tmp_path: Path,
    reference: tuple[dict[str, bytes], str, str],
    how: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    make_inputs(tmp_path)
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "itadoc", "extract", "in", "-o", "out", "-j", "2"],
        cwd=tmp_path,
        env=cli_env({"ITADOC_TEST_FAULTS": "slow=1.5@*"}),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a shell job
    )
    _wait_for_first_document(out, proc)
    family = psutil.Process(proc.pid).children(recursive=True)
    assert family  # the forkserver and the workers
    if how == "SIGINT":
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    else:
        os.kill(proc.pid, getattr(signal, how))
    proc.communicate(timeout=60)
    assert proc.returncode == {"SIGINT": 130, "SIGTERM": 143, "SIGKILL": -9}[how]
    _, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, f"left running: {alive}"

    done = [p for p in out.glob("r*.json")]
    assert 1 <= len(done) < N, "the kill did not land mid-batch"
    for path in out.rglob("*.json"):
        if path.name != "run.json":
            Document.model_validate_json(path.read_bytes())  # nothing truncated
    if how != "SIGKILL":
        run = json.loads((out / "run.json").read_text())
        assert run["interrupted"] is True
        assert (out / "documents.csv").read_text().count("\n") == 1 + run["documents_ok"]

    # the same command again, in this process (its warm forkserver saves seconds per test)
    monkeypatch.chdir(tmp_path)
    again = run_batch(["in"], Path("out"), jobs=2, quiet=True)
    assert again.documents_skipped >= 1 and not again.interrupted
    assert again.exit_code == 1
    assert outputs(out) == reference[0]
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert not list((out / ".itadoc").glob("tmp"))
