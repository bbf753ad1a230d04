"""The unseen-variant corpus: specs derived from the samples are valid and really differ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.variants.run import VARIANTS, Variant, build, variant_spec
from samples.generator.spec import DocSpec

SPECS = Path(__file__).resolve().parents[2] / "samples" / "specs"


@pytest.mark.parametrize("v", VARIANTS, ids=lambda v: v.id)
def test_variant_specs_are_valid_and_share_no_names_with_their_source(v: Variant) -> None:
    spec = variant_spec(v)
    DocSpec.model_validate(spec)
    text = json.dumps(spec, ensure_ascii=False)
    source = json.loads((SPECS / f"{v.source}.json").read_text(encoding="utf-8"))
    for old, _ in v.replace:
        assert old not in text
    assert spec["organization"]["name"] != source["organization"]["name"]
    assert spec["assessment"]["score"] == v.score[1]
    assert f"{v.score[0]:.2f}" not in text
    assert spec["layout"]["font"] == v.font[0] != source["layout"]["font"]


def test_one_variant_renders_with_its_ground_truth(tmp_path: Path) -> None:
    v = next(v for v in VARIANTS if v.id.startswith("904"))
    build(tmp_path, [v])
    truth = json.loads((tmp_path / "expected" / "text" / f"{v.id}.json").read_text("utf-8"))
    assert truth["organization"]["district"] == "แม่ริม"
    assert truth["assessment"]["score"] == v.score[1]
    assert (tmp_path / "pdf" / "scan" / f"{v.id}.pdf").stat().st_size > 10_000
