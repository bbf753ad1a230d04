"""Regenerating a sample gives byte-identical PDFs and ground truth (seeded, no clock)."""

from __future__ import annotations

from pathlib import Path

from corpus_helpers import SAMPLES, load_specs


def test_regenerate_text_and_scan_byte_identical(tmp_path: Path) -> None:
    from samples.generator.__main__ import generate

    specs = load_specs()
    # 005: text layer + 1-bit scan with the invisible OCR layer; 001: JPEG scan
    written = []
    for ident in ("005_khlonghinpun", "001_khokkruat"):
        written += generate(specs[ident], tmp_path)
    assert len(written) == 8
    for path in written:
        committed = SAMPLES / path.relative_to(tmp_path)
        assert path.read_bytes() == committed.read_bytes(), committed
