"""`ingest.source`: every way an input can be unusable gets its own code, fast, without hanging.

Fixtures are built here with pikepdf from a text sample (a few KB each), never committed.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pikepdf
import pytest

from ingest.source import check_file, load, open_pdf, sha256_of
from schemas.errors import ItadocError

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "pdf" / "text" / "001_khokkruat.pdf"


def code_of(path: Path) -> str:
    with pytest.raises(ItadocError) as e:
        load(path)
    return e.value.code


def test_a_sample_loads_with_its_hash_and_page_count() -> None:
    src = load(SAMPLE)
    assert src.page_count == 6 and src.sha256 == sha256_of(SAMPLE)


def test_encrypted_with_an_empty_user_password_is_read(tmp_path: Path) -> None:
    with pikepdf.open(SAMPLE) as pdf:
        pdf.save(tmp_path / "e.pdf", encryption=pikepdf.Encryption(user="", owner="o", R=6))
    assert load(tmp_path / "e.pdf").page_count == 6


def test_encrypted_with_a_real_password_is_encrypted_pdf(tmp_path: Path) -> None:
    with pikepdf.open(SAMPLE) as pdf:
        pdf.save(tmp_path / "e.pdf", encryption=pikepdf.Encryption(user="secret", owner="o"))
    assert code_of(tmp_path / "e.pdf") == "encrypted_pdf"


def test_a_pdf_without_pages_is_no_pages_whatever_failed_before(tmp_path: Path) -> None:
    # pdfium fails on an empty page tree without setting an error code, so the code it reports
    # is whatever the previous failure in the process left: it must not decide the answer
    pikepdf.Pdf.new().save(tmp_path / "empty-tree.pdf")
    with pikepdf.open(SAMPLE) as pdf:
        pdf.save(tmp_path / "e.pdf", encryption=pikepdf.Encryption(user="secret", owner="o"))
    (tmp_path / "t.pdf").write_bytes(SAMPLE.read_bytes()[:2000])
    for before in ("e.pdf", "t.pdf"):
        with pytest.raises(ItadocError):
            load(tmp_path / before)
        assert code_of(tmp_path / "empty-tree.pdf") == "no_pages"


def test_a_broken_but_repairable_xref_is_read(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    cut = data.rfind(b"startxref")
    (tmp_path / "b.pdf").write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    assert load(tmp_path / "b.pdf").page_count == 6


def test_truncated_not_pdf_and_empty_files(tmp_path: Path) -> None:
    (tmp_path / "t.pdf").write_bytes(SAMPLE.read_bytes()[:2000])
    (tmp_path / "n.pdf").write_text("not a pdf")
    (tmp_path / "z.pdf").write_bytes(b"")
    assert code_of(tmp_path / "t.pdf") == "corrupt_pdf"
    assert code_of(tmp_path / "n.pdf") == "not_a_pdf"
    assert code_of(tmp_path / "z.pdf") == "empty_file"


def test_a_1000_page_pdf_is_refused_fast(tmp_path: Path) -> None:
    pdf = pikepdf.Pdf.new()
    for _ in range(1000):
        pdf.add_blank_page()
    pdf.save(tmp_path / "long.pdf")
    t0 = time.monotonic()
    assert code_of(tmp_path / "long.pdf") == "resource_limit"
    assert time.monotonic() - t0 < 2.0
    assert load(tmp_path / "long.pdf", max_pages=1000).page_count == 1000


def test_symlink_loops_dangling_links_fifos_and_folders(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b.pdf", tmp_path / "a.pdf")
    os.symlink(tmp_path / "a.pdf", tmp_path / "b.pdf")
    os.symlink(tmp_path / "gone", tmp_path / "dangling.pdf")
    os.mkfifo(tmp_path / "pipe.pdf")
    (tmp_path / "dir.pdf").mkdir()
    t0 = time.monotonic()
    assert code_of(tmp_path / "a.pdf") == "input_unreadable"
    assert code_of(tmp_path / "dangling.pdf") == "input_not_found"
    assert code_of(tmp_path / "pipe.pdf") == "input_unreadable"  # and open() did not block
    assert code_of(tmp_path / "dir.pdf") == "input_not_found"
    assert time.monotonic() - t0 < 2.0


def test_names_with_thai_characters_and_spaces(tmp_path: Path) -> None:
    target = tmp_path / "รายงาน ITA ปี 2567" / "อบต. โคกกรวด (ฉบับจริง).pdf"
    target.parent.mkdir()
    shutil.copy(SAMPLE, target)
    assert check_file(target).st_size == SAMPLE.stat().st_size
    assert load(target).page_count == 6
    with open_pdf(target) as pdf:
        assert len(pdf) == 6
