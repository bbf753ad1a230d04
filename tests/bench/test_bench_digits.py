"""`python -m bench.digits --quick` runs end to end and writes its table and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_quick_benchmark_produces_its_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.common.machine import describe
    from bench.common.readme import README, region, replace_region
    from bench.digits.run import main, readme_body

    out = tmp_path / "digits.json"
    result = main(["--quick", "--out", str(out)])
    printed = capsys.readouterr().out
    assert "| fonts | dpi |" in printed and "held-out" in printed and "page" in printed
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True and data["rows"] == result["rows"]
    # the training-only designs are a row of their own, one line per face and dpi here
    assert data["rows"]["training-only@200"]["itadoc"]["lines"] == 2
    assert data["rows"]["training-only@300"]["itadoc"]["lines"] == 2
    for key in ("held-out@200", "held-out@300"):
        row = data["rows"][key]
        assert row["stock"]["digits"] > 0
        # the re-reader must beat stock tesseract by a wide margin even on a few lines
        assert row["itadoc"]["digit_accuracy"] > row["stock"]["digit_accuracy"] + 0.2
    # the README section carries the table and says whether the targets were met
    body = readme_body(result, describe())
    assert str(result["table"]) in body and "Targets (held-out fonts)" in body
    assert "200 dpi:" in body and "300 dpi:" in body and "met" in body
    readme = replace_region(README.read_text(encoding="utf-8"), "digits", body)
    assert region(readme, "digits") == body.strip("\n")


def test_seed_draws_other_lines_from_the_same_fonts() -> None:
    from bench.digits.run import SEED, cases

    lines, pages = cases(True)
    lines = [c for c in lines if "draw" not in c.group]  # the README run's extra draws
    other, other_pages = cases(True, SEED + 1_000_000)
    assert [(c.group, c.face, c.dpi) for c in lines] == [(c.group, c.face, c.dpi) for c in other]
    assert {c.seed for c in lines}.isdisjoint({c.seed for c in other})
    assert [p[2] for p in pages] != [p[2] for p in other_pages]


def test_seed_and_write_readme_do_not_mix() -> None:
    from bench.digits.run import main

    with pytest.raises(SystemExit):
        main(["--quick", "--seed", "1", "--write-readme"])


def test_the_readme_run_holds_other_draws_of_held_out_lines() -> None:
    from bench.digits.run import DRAWS, SEED, cases

    lines, _ = cases(True)
    first = [c for c in lines if c.group == "held-out"]
    seeds = {c.seed for c in first}
    for group, _ in DRAWS:
        draw = [c for c in lines if c.group == group]
        assert [(c.face, c.dpi) for c in first] == [(c.face, c.dpi) for c in draw]
        assert seeds.isdisjoint({c.seed for c in draw})
        seeds |= {c.seed for c in draw}
    other, _ = cases(True, SEED + 1)  # another draw asked for: no extra draws in it
    assert not [c for c in other if "draw" in c.group]
