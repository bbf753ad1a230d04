"""`python -m bench.accuracy --quick` end to end on one text-layer sample."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.accuracy.scoring import METRICS
from bench.common.readme import README, region


def test_quick_accuracy_on_one_text_sample(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.accuracy.run import main

    before = region(README.read_text(encoding="utf-8"), "accuracy")
    out = tmp_path / "accuracy.json"
    result = main(["--quick", "--only", "text/001_khokkruat", "--jobs", "1", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "| metric (%) | text: itadoc | text: baseline |" in printed
    assert "Worst documents (itadoc" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["samples"] == ["text/001_khokkruat"] == result["samples"]
    doc = data["documents"]["text/001_khokkruat"]
    for reader in ("itadoc", "baseline"):
        assert doc[reader]["error"] is None
        assert set(doc[reader]["scores"]) == set(METRICS)
        assert all(0.0 <= v <= 1.0 for v in doc[reader]["scores"].values())
        assert doc[reader]["digits"]["total"] == 33  # same truth digits for both readers
        summary = data["summary"][reader]["text"]
        assert summary["documents"] == 1 and summary["failed"] == 0
    # a clean text layer: itadoc must read the organization; the table is real, not a stub
    assert doc["itadoc"]["scores"]["organization.name"] == 1.0
    # no --write-readme, no change (other regions belong to others and may change meanwhile)
    assert region(README.read_text(encoding="utf-8"), "accuracy") == before
