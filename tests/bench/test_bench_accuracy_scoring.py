"""Accuracy scoring cannot flatter: perfect is 1, empty is 0, errors count exactly."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from bench.accuracy.scoring import (
    METRICS,
    Aggregate,
    DigitTally,
    align,
    exact,
    score_document,
    similarity,
)
from bench.common.normalize import digits, normalize

EXPECTED = Path(__file__).resolve().parents[2] / "samples" / "expected"


def truth(name: str = "text/000_janlan") -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", ["text/000_janlan", "scan/005_khlonghinpun", "mixed/003_chumphae"])
def test_perfect_output_scores_one(name: str) -> None:
    t = truth(name)
    s = score_document(t, copy.deepcopy(t))
    assert s.scores == dict.fromkeys(METRICS, 1.0)
    assert s.digits.errors == 0 and s.digits.total > 0 and s.digits.accuracy == 1.0


@pytest.mark.parametrize("empty", [None, {}, {"header": {}, "measures": [], "signatories": []}])
def test_empty_output_scores_zero(empty: dict[str, Any] | None) -> None:
    t = truth("text/000_janlan")  # every scored field is stated in this truth
    s = score_document(t, empty)
    assert s.scores == dict.fromkeys(METRICS, 0.0)
    assert s.digits.accuracy == 0.0


def test_one_digit_error_is_counted_exactly() -> None:
    t = truth()
    pred = copy.deepcopy(t)
    pred["header"]["date"] = "2024-02-21"  # truth 2024-02-20
    s = score_document(t, pred)
    # truth digits: date 8 + score 4 (84.14) + year 4 + reference 5 (71901) + phone 9
    assert (s.digits.errors, s.digits.total) == (1, 30)
    assert s.scores["header.date"] == 0.0
    assert all(v == 1.0 for k, v in s.scores.items() if k != "header.date")
    assert s.details["digits"]["header.date"] == {
        "truth": "20240220",
        "pred": "20240221",
        "errors": 1,
    }


def test_score_digits_keep_two_decimals() -> None:
    assert digits(84.1) == "8410" and digits(84.14) == "8414"
    tally = DigitTally()
    assert tally.add(digits(84.14), digits(84.1)) == 1


def test_digit_errors_are_clamped_per_field() -> None:
    tally = DigitTally()
    assert tally.add("71901", "1234567890123456") == 5  # not 16: a field costs at most its digits
    assert tally.add("", "999") == 0  # an invented value where truth has none costs no digits
    assert (tally.errors, tally.total) == (5, 5)


def test_normalization_equates_thai_digits_and_sara_am() -> None:
    assert normalize("๘๔.๑๔") == normalize("84.14") == "84.14"
    assert normalize("สํานักปลัด") == normalize("สำนักปลัด")
    assert normalize("น้ํา") == normalize("น้ำ")  # nikhahit after the tone mark
    assert normalize("  a \n\t b ") == "a b"
    assert exact("อจ ๗๑๙๐๑/-", "อจ 71901/-") == 1.0
    assert similarity("ประจําปี", "ประจำปี") == 1.0
    t = truth()
    pred = copy.deepcopy(t)
    pred["header"]["date_text"] = "๒๐ กุมภาพันธ์ ๒๕๖๗"
    pred["header"]["department"] = t["header"]["department"].replace("ำ", "\u0e4d\u0e32")
    assert score_document(t, pred).scores == dict.fromkeys(METRICS, 1.0)


def test_null_matches_only_null() -> None:
    assert exact(None, None) == 1.0
    assert exact(None, "A") == 0.0 and exact("A", None) == 0.0
    assert exact(False, False) == 1.0 and exact(False, None) == 0.0
    assert similarity(None, None) == 1.0 and similarity("abc", None) == 0.0


def test_alignment_survives_a_dropped_measure() -> None:
    t = truth("text/001_khokkruat")
    assert len(t["measures"]) == 3
    pred = copy.deepcopy(t)
    del pred["measures"][0]
    s = score_document(t, pred)
    rows = s.details["measures"]["pairs"]
    assert [(r["truth_index"], r["pred_index"]) for r in rows if "unmatched" not in r] == [
        (2, 1),
        (3, 2),
    ]
    assert [r["truth_index"] for r in rows if "unmatched" in r] == [1]
    assert s.scores["measures.title"] == pytest.approx(2 / 3)
    assert s.scores["measures.count"] == 0.0


def test_extra_measures_cost_as_much_as_missing_ones() -> None:
    t = truth("text/001_khokkruat")
    pred = copy.deepcopy(t)
    pred["measures"].insert(1, {"index": 9, "title": "ขยะ", "methods": ["x"]})
    s = score_document(t, pred)
    assert s.scores["measures.title"] == pytest.approx(3 / 4)
    assert s.scores["measures.methods"] == pytest.approx(3 / 4)


def test_list_items_split_differently_are_not_equal() -> None:
    t = truth("text/001_khokkruat")
    pred = copy.deepcopy(t)
    m = pred["measures"][0]
    m["results"] = [" ".join(m["results"])]
    assert len(t["measures"][0]["results"]) > 1
    assert score_document(t, pred).scores["measures.results"] < 1.0


def test_align_is_order_preserving_and_optimal() -> None:
    def sim(a: str, b: str) -> float:
        return float(a == b)

    assert align(list("abc"), list("xbc"), sim) == [(0, 0), (1, 1), (2, 2)]
    assert align(list("abc"), list("bc"), sim) == [(1, 0), (2, 1)]
    assert align(list("abc"), list("cab"), sim)[:2] == [(0, 1), (1, 2)]
    assert align([], list("ab"), sim) == []


def test_aggregate_pools_digits_and_averages_metrics() -> None:
    t = truth()
    agg = Aggregate()
    agg.add(score_document(t, t))
    agg.add(score_document(t, None), failed=True)
    means = agg.means()
    assert means["organization.name"] == 0.5
    assert means["digits"] == 0.5
    assert (agg.docs, agg.failed) == (2, 1)
