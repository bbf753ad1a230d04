"""Resumable runs: the manifest decides what is done and valid; everything else is redone."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_helpers import TEXT_SAMPLES, outputs

from ingest.source import sha256_of
from itadoc import faults, outdir
from itadoc.batch import run_batch
from itadoc.cli import main
from itadoc.manifest import MANIFEST_NAME
from schemas.errors import ExitCode, OutputLockedError
from schemas.options import Options


def statuses(out: Path) -> dict[str, str]:
    run = json.loads((out / "run.json").read_text())
    return {r["key"]: r["status"] for r in run["results"]}


def test_a_rerun_skips_what_is_done_and_force_redoes_everything(
    tmp_path: Path, make_inputs: Callable[[int], Path]
) -> None:
    inp, out = make_inputs(3), tmp_path / "out"
    first = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert first.documents_ok == 3
    written = outputs(out)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("0*.json")}

    again = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert (again.documents_ok, again.documents_skipped) == (0, 3)
    assert again.pages_text == 0 and again.workers["started"] == 0  # no worker needed
    assert outputs(out) == written
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("0*.json")} == mtimes

    forced = run_batch([str(inp)], out, jobs=2, force=True, quiet=True)
    assert (forced.documents_ok, forced.documents_skipped) == (3, 0)
    assert outputs(out) == written
    manifest = (out / MANIFEST_NAME).read_text().splitlines()
    assert len(manifest) == 3  # compacted: one record per input


def test_failed_changed_and_tampered_inputs_are_redone_and_stale_temps_swept(
    tmp_path: Path, make_inputs: Callable[[int], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inp, out = make_inputs(4), tmp_path / "out"
    names = [p.stem for p in TEXT_SAMPLES[:4]]
    monkeypatch.setenv(faults.ENV_VAR, f"crash@*{names[0]}.pdf")
    first = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert first.documents_failed == 1 and not (out / f"{names[0]}.json").exists()
    monkeypatch.delenv(faults.ENV_VAR)

    with (out / f"{names[1]}.json").open("a") as fh:
        fh.write(" ")  # tampered output
    shutil.copy(TEXT_SAMPLES[5], inp / f"{names[2]}.pdf")  # the input itself changed
    (out / f".{names[3]}.json.abcd1234.tmp").write_text('{"half": ')  # a killed write

    second = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert statuses(out) == {
        names[0]: "ok",
        names[1]: "ok",
        names[2]: "ok",
        names[3]: "skipped",
    }
    assert (out / "errors.jsonl").read_text() == ""
    assert second.documents_failed == 0 and not list(out.glob(".*.tmp"))
    doc2 = json.loads((out / f"{names[2]}.json").read_text("utf-8"))
    assert doc2["source"]["sha256"] == sha256_of(TEXT_SAMPLES[5])  # the new content was read


def test_changed_reading_options_redo_but_limits_and_timeouts_do_not(
    tmp_path: Path, make_inputs: Callable[[int], Path]
) -> None:
    inp, out = make_inputs(2), tmp_path / "out"
    run_batch([str(inp)], out, Options(text_layer="auto"), jobs=2, quiet=True)
    limits = Options(text_layer="auto", page_timeout_s=5, max_pages=50, max_tasks_per_worker=3)
    assert run_batch([str(inp)], out, limits, jobs=2, quiet=True).documents_skipped == 2
    reading = Options(text_layer="text")
    assert run_batch([str(inp)], out, reading, jobs=2, quiet=True).documents_ok == 2


def test_duplicates_are_read_once_and_both_outputs_say_so(tmp_path: Path) -> None:
    inp, out = tmp_path / "in", tmp_path / "out"
    (inp / "a").mkdir(parents=True)
    (inp / "b").mkdir()
    shutil.copy(TEXT_SAMPLES[1], inp / "a" / "report.pdf")
    shutil.copy(TEXT_SAMPLES[1], inp / "b" / "report copy.pdf")
    summary = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert (summary.documents_ok, summary.duplicates) == (2, 1)
    assert summary.pages_text == 6  # read once
    original = json.loads((out / "a" / "report.json").read_text("utf-8"))
    copy = json.loads((out / "b" / "report copy.json").read_text("utf-8"))
    assert copy["source"]["path"] == str(inp / "b" / "report copy.pdf")
    assert copy["warnings"][-1]["code"] == "duplicate_input"
    assert str(inp / "a" / "report.pdf") in copy["warnings"][-1]["message"]
    assert copy["measures"] == original["measures"]
    assert copy["warnings"][:-1] == original["warnings"]
    dup = next(r for r in summary.results if r.key == "b/report copy")
    assert dup.duplicate_of == str(inp / "a" / "report.pdf")
    before = outputs(out)
    again = run_batch([str(inp)], out, jobs=2, quiet=True)
    assert (again.documents_skipped, again.duplicates) == (2, 1)
    assert outputs(out) == before


def test_a_second_run_on_the_same_outdir_is_refused(
    tmp_path: Path, make_inputs: Callable[[int], Path]
) -> None:
    inp, out = make_inputs(1), tmp_path / "out"
    with outdir.claimed(out):
        with pytest.raises(OutputLockedError):
            run_batch([str(inp)], out, jobs=1, quiet=True)
        assert main(["extract", str(inp), "-o", str(out), "-q"]) == ExitCode.OUTPUT_LOCKED
    assert run_batch([str(inp)], out, jobs=1, quiet=True).documents_ok == 1
