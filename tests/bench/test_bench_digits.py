"""`python -m bench.digits --quick` runs end to end and writes its table and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from schemas.errors import MissingDependencyError


def test_quick_benchmark_produces_its_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ingest._exec.tesseract import probe

    try:
        probe(("tha",))
    except MissingDependencyError as e:  # pragma: no cover - depends on the machine
        pytest.skip(str(e))
    from bench.digits.run import main

    out = tmp_path / "digits.json"
    result = main(["--quick", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "| fonts | dpi |" in printed and "held-out" in printed and "page" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True and data["rows"] == result["rows"]
    for key in ("held-out@200", "held-out@300"):
        row = data["rows"][key]
        assert row["stock"]["digits"] > 0
        # the re-reader must beat stock tesseract by a wide margin even on a few lines
        assert row["itadoc"]["digit_accuracy"] > row["stock"]["digit_accuracy"] + 0.2
