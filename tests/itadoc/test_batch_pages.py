"""Page-level parallelism: one file's OCR pages spread over every worker, and the document comes
out byte-identical to the sequential in-process pipeline (`itadoc.extract`)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from batch_helpers import TEXT_SAMPLES, with_blank_pages

import itadoc
from itadoc.batch import run_batch
from itadoc.output import document_json


def test_one_files_ocr_pages_run_on_all_workers_and_match_the_sequential_pipeline(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    src = with_blank_pages(TEXT_SAMPLES[4], tmp_path / "mixed.pdf", 4)
    caplog.set_level(logging.INFO)
    summary = run_batch([str(src)], tmp_path / "out", jobs=2, quiet=True)
    assert (summary.pages_text, summary.pages_ocr) == (6, 4)
    ocr_line = r"mixed\.pdf page \d+: ocr \(no text layer\).*\[worker (\d+)\]"
    pids = set(re.findall(ocr_line, caplog.text))
    assert len(pids) == 2, caplog.text
    batch_json = (tmp_path / "out" / "mixed.json").read_text("utf-8")
    assert batch_json == document_json(itadoc.extract(src))
