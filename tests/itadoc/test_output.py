"""`write_csv` without pandas, against what pandas' `to_csv` wrote for the same rows."""

from __future__ import annotations

import datetime
import io
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from itadoc.output import write_csv

VALUES: dict[str, list[Any]] = {
    "int": [0, -5, 2567, 10**12],
    "float": [96.31, 0.1, 1e-5, 1e16, 2567.0, 123456789.125, -0.0, 1 / 3],
    "bool": [True, False],
    "str": ["a,b", 'x"y', "line\nbreak", "", " sp ", "ไทย", '["ก", "ข"]'],
    "date": [datetime.date(2024, 11, 28)],
    "mixed": [1, 2.5, "x", True],
}


def _pandas(rows: list[dict[str, Any]], columns: list[str]) -> str:
    buf = io.StringIO()
    pd.DataFrame(rows, columns=columns).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


@pytest.mark.parametrize("seed", range(40))
def test_same_bytes_as_pandas(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    kinds = {f"c{i}": rng.choice(list(VALUES)) for i in range(rng.randint(1, 7))}
    gaps = rng.random() < 0.7
    rows: list[dict[str, Any]] = [
        {
            c: None if gaps and rng.random() < 0.3 else rng.choice(VALUES[kind])
            for c, kind in kinds.items()
        }
        for _ in range(rng.randint(0, 6))
    ]
    columns = list(kinds)
    write_csv(tmp_path / "t.csv", rows, columns)
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == _pandas(rows, columns)


def test_numbers_with_a_gap_are_written_as_floats_like_pandas(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = [{"year": 2567, "ok": True}, {"year": None, "ok": None}]
    write_csv(tmp_path / "t.csv", rows, ["year", "ok"])
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "year,ok\n2567.0,True\n,\n"


def test_the_batch_parent_does_not_import_pandas() -> None:
    code = "import sys, itadoc.cli, itadoc.batch, itadoc.summary; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
