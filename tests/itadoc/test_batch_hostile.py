"""Hostile and odd inputs in one real batch: each becomes one error line with a stable code (or
is read, where a reader should read it), nothing hangs, and nothing is written outside OUTDIR."""

from __future__ import annotations

import csv
import json
import os
import time
from pathlib import Path

from batch_helpers import (
    TEXT_SAMPLES,
    blank_pdf,
    broken_xref_pdf,
    copy_sample,
    encrypted_pdf,
    image_pdf,
    no_pages_pdf,
)

from itadoc.batch import run_batch
from schemas.document import Document
from schemas.options import Options

THAI = "รายงาน ปี 2567/ผล ITA อบต. (ฉบับ 2)"


def _snapshot(root: Path, skip: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirs, files in os.walk(root):
        if Path(dirpath) == skip or skip in Path(dirpath).parents:
            continue
        for name in dirs + files:
            path = os.path.join(dirpath, name)
            if Path(path) != skip:
                st = os.lstat(path)
                found[path] = (st.st_size, st.st_mtime_ns)
    return found


def test_hostile_and_odd_inputs_cost_one_line_each_and_nothing_escapes_outdir(
    tmp_path: Path,
) -> None:
    inp = tmp_path / "in"
    inp.mkdir()
    expected = {
        "bomb.pdf": "resource_limit",  # image claiming 100000x100000 px
        "big-image.pdf": "resource_limit",  # image of 20000x20000 px
        "huge-page.pdf": "resource_limit",  # 20000x20000 px at the OCR resolution
        "thousand.pdf": "resource_limit",  # 1000 pages, over --max-pages
        "password.pdf": "encrypted_pdf",
        "no-pages.pdf": "no_pages",
        "notes.pdf": "not_a_pdf",
        "loop-a.pdf": "input_unreadable",  # a.pdf -> b.pdf -> a.pdf
        "loop-b.pdf": "input_unreadable",
        "pipe.pdf": "input_unreadable",  # a FIFO: opening it must not block
    }
    image_pdf(inp / "bomb.pdf", 100_000, 100_000)
    image_pdf(inp / "big-image.pdf", 20_000, 20_000)
    blank_pdf(inp / "huge-page.pdf", media=(4800, 4800))
    blank_pdf(inp / "thousand.pdf", pages=1000)
    encrypted_pdf(TEXT_SAMPLES[2], inp / "password.pdf", "secret")
    no_pages_pdf(inp / "no-pages.pdf")
    (inp / "notes.pdf").write_text("meeting notes, not a PDF\n")
    os.symlink(inp / "loop-b.pdf", inp / "loop-a.pdf")
    os.symlink(inp / "loop-a.pdf", inp / "loop-b.pdf")
    os.symlink(inp, inp / "folder-loop")  # a directory symlink back to the top
    os.mkfifo(inp / "pipe.pdf")
    # read despite the oddity:
    copy_sample(inp / "original.pdf", 1)
    broken_xref_pdf(TEXT_SAMPLES[1], inp / "broken-xref.pdf")
    encrypted_pdf(TEXT_SAMPLES[3], inp / "empty-password.pdf", "")
    copy_sample(inp / f"{THAI}.pdf", 4)

    out = tmp_path / "out"
    before = _snapshot(tmp_path, out)
    t0 = time.monotonic()
    summary = run_batch(
        [str(inp)], out, Options(page_timeout_s=30, file_timeout_s=60), jobs=2, quiet=True
    )
    assert time.monotonic() - t0 < 120

    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {Path(e["path"]).name: e["code"] for e in errors} == expected
    assert all(e["message"] for e in errors)
    assert summary.documents_ok == 4 and summary.documents_failed == len(expected)

    def doc(key: str) -> Document:
        return Document.model_validate_json((out / f"{key}.json").read_bytes())

    repaired, original = doc("broken-xref"), doc("original")
    assert repaired.measures == original.measures and repaired.header == original.header
    assert doc("empty-password").measures
    thai = doc(THAI)
    assert thai.source.path == str(inp / f"{THAI}.pdf")
    with (out / "documents.csv").open(encoding="utf-8") as fh:
        ids = [row["document_id"] for row in csv.DictReader(fh)]
    assert ids == ["broken-xref", "empty-password", "original", THAI]
    assert _snapshot(tmp_path, out) == before  # inputs untouched, nothing written beside them
    assert not list((out / ".itadoc").rglob("*tmp*"))
