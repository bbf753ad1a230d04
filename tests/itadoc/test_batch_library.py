"""`itadoc.extract_batch`: results as they settle; leaving early keeps consistent outputs."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import itadoc


def test_extract_batch_yields_results_and_an_early_break_still_leaves_consistent_tables(
    tmp_path: Path, make_inputs: Callable[[int], Path]
) -> None:
    inp, out = make_inputs(3), tmp_path / "out"
    results = itadoc.extract_batch([inp], out, jobs=1)
    first = next(results)
    assert first.ok and first.status == "ok" and (out / f"{first.key}.json").exists()
    results.close()  # what `break` does to the generator

    run = json.loads((out / "run.json").read_text())
    assert run["interrupted"] is True
    with (out / "documents.csv").open(encoding="utf-8") as fh:
        assert [r["document_id"] for r in csv.DictReader(fh)] == [first.key]

    rest = list(itadoc.extract_batch([inp], out, jobs=1))
    assert sorted(r.status for r in rest) == ["ok", "ok", "skipped"]
    with (out / "documents.csv").open(encoding="utf-8") as fh:
        assert len(list(csv.DictReader(fh))) == 3
