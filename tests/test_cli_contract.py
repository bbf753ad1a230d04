"""The output contract through the real CLI: files, exit codes, errors.jsonl, validation.

These run `itadoc extract` as a user would (a subprocess), on bundled samples and on broken
inputs made on the fly.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
CONTRACT_SECTIONS = ("header", "organization", "assessment", "measures", "signatories")


def itadoc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "itadoc", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seed")
    proc = itadoc("extract", "samples/pdf/text/000_janlan.pdf", "-o", str(out), "-q")
    assert proc.returncode == 0, proc.stderr
    return out


def test_seed_text_sample_equals_its_ground_truth_in_every_contract_field(seed_run: Path) -> None:
    got = json.loads((seed_run / "000_janlan.json").read_text("utf-8"))
    want = json.loads((SAMPLES / "expected/text/000_janlan.json").read_text("utf-8"))
    assert got["schema_version"] == want["schema_version"]
    assert got["source"]["path"] == want["source"]["path"]
    assert got["source"]["sha256"] == want["source"]["sha256"]
    assert [(p["number"], p["mode"]) for p in got["source"]["pages"]] == [
        (p["number"], p["mode"]) for p in want["source"]["pages"]
    ]
    for section in CONTRACT_SECTIONS:
        if section == "assessment":
            for key in ("evidence", "evidence_page"):  # informative extras, not in the truth
                got[section].pop(key)
                want[section].pop(key)
        assert got[section] == want[section], section


def test_outputs_and_csv_columns(seed_run: Path) -> None:
    assert (seed_run / "errors.jsonl").read_text() == ""
    with (seed_run / "documents.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1
    row = rows[0]
    assert row["header_date"] == "2024-02-20"
    assert row["assessment_score"] == "84.14"
    assert row["organization_name"] == "องค์การบริหารส่วนตำบลจานลาน"
    with (seed_run / "measures.csv").open(encoding="utf-8") as fh:
        measures = list(csv.DictReader(fh))
    assert [m["index"] for m in measures] == ["1", "2"]
    assert json.loads(measures[0]["responsible"])[1] == "สำนักปลัด"
    run = json.loads((seed_run / "run.json").read_text())
    assert run["documents_ok"] == 1 and run["documents_failed"] == 0


def test_validate_accepts_what_extract_writes_and_rejects_a_broken_document(
    seed_run: Path, tmp_path: Path
) -> None:
    ok = itadoc("validate", str(seed_run / "000_janlan.json"))
    assert ok.returncode == 0, ok.stderr
    doc = json.loads((seed_run / "000_janlan.json").read_text("utf-8"))
    doc["assessment"]["score"] = 184.14
    doc["header"]["surprise"] = "x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    proc = itadoc("validate", str(bad))
    assert proc.returncode == 5
    assert "assessment.score" in proc.stderr and "header.surprise" in proc.stderr


def test_schema_command_prints_the_generated_json_schema() -> None:
    proc = itadoc("schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["title"] == "Document"
    assert "measures" in schema["properties"]
    assert (
        schema["$defs"]["Assessment"]["properties"]["fiscal_year_be"]["anyOf"][0]["minimum"] == 2400
    )


def _bad_inputs(folder: Path) -> dict[str, str]:
    """name -> expected error code."""
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("this is a text file, not a PDF\n")
    good = (SAMPLES / "pdf/text/005_khlonghinpun.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(good[: len(good) // 3])
    with pikepdf.open(SAMPLES / "pdf/text/005_khlonghinpun.pdf") as pdf:
        pdf.save(folder / "encrypted.pdf", encryption=pikepdf.Encryption(user="secret", owner="o"))
    (folder / "empty_dir").mkdir()
    return {
        "empty.pdf": "empty_file",
        "notes.pdf": "not_a_pdf",
        "truncated.pdf": "corrupt_pdf",
        "encrypted.pdf": "encrypted_pdf",
    }


def test_bad_inputs_become_error_lines_and_good_ones_are_still_written(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    expected = _bad_inputs(inputs)
    shutil.copy(SAMPLES / "pdf/text/005_khlonghinpun.pdf", inputs / "good.pdf")
    out = tmp_path / "out"
    proc = itadoc(
        "extract",
        str(inputs),
        str(inputs / "empty_dir"),
        str(tmp_path / "missing.pdf"),
        "-o",
        str(out),
    )
    assert proc.returncode == 1, proc.stderr  # partial failure
    assert (out / "good.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    by_name = {Path(e["path"]).name: e for e in errors}
    for name, code in expected.items():
        assert by_name[name]["code"] == code
        assert by_name[name]["message"]
    assert by_name["empty_dir"]["code"] == "no_pdf_found"
    assert by_name["missing.pdf"]["code"] == "input_not_found"
    with (out / "documents.csv").open(encoding="utf-8") as fh:
        assert [r["document_id"] for r in csv.DictReader(fh)] == ["good"]


def test_bad_arguments_have_their_own_exit_code(tmp_path: Path) -> None:
    assert itadoc("extract", "x.pdf").returncode == 2  # no -o
    assert itadoc("extract", "x.pdf", "-o", str(tmp_path), "--jobs", "0").returncode == 2
    assert itadoc("extract", "x.pdf", "-o", str(tmp_path), "--ocr-dpi", "5").returncode == 2
