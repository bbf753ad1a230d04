"""The unseen-variant corpus: specs derived from the samples are valid and really differ."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.variants.run import (
    COLUMN_ORDERS,
    HARSH,
    LAYOUTS,
    VARIANTS,
    Variant,
    build,
    layout_spec,
    variant_spec,
)
from samples.generator.spec import DocSpec

SPECS = Path(__file__).resolve().parents[2] / "samples" / "specs"


@pytest.mark.parametrize("v", VARIANTS + HARSH, ids=lambda v: v.id)
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


def test_harsh_scans_lie_outside_the_samples_settings() -> None:
    samples = {
        p.stem: DocSpec.model_validate_json(p.read_text("utf-8")) for p in SPECS.glob("*.json")
    }
    scans = [s.variants.scan for s in samples.values() if s.variants.scan is not None]
    jpeg = [s.quality for s in scans if s.mode == "jpeg"]
    bilevel = [s.threshold for s in scans if s.mode == "bilevel"]
    for v, easy in zip(HARSH, VARIANTS, strict=True):
        spec = DocSpec.model_validate(variant_spec(v))
        assert spec.layout.font not in (samples[v.source].layout.font, easy.font[0])
        scan = spec.variants.scan
        assert scan is not None
        beyond = [
            scan.dpi < min(s.dpi for s in scans),
            abs(scan.rotation) > max(abs(s.rotation) for s in scans),
            scan.noise > max(s.noise for s in scans),
            scan.blur > max(s.blur for s in scans),
            scan.mode == "jpeg" and scan.quality < min(jpeg),
            scan.mode == "bilevel" and scan.threshold < min(bilevel),
        ]
        assert any(beyond), v.id


def test_layout_specs_keep_the_content_and_change_the_layout() -> None:
    sources = sorted(SPECS.glob("*.json"))
    sample_orders = set()
    for path in sources:
        src = DocSpec.model_validate_json(path.read_text("utf-8"))
        sample_orders.add(tuple(c.key for c in src.layout.table.columns))
    reordered = 0
    for i in LAYOUTS:
        spec = DocSpec.model_validate(layout_spec(i))
        src = DocSpec.model_validate_json(sources[i].read_text("utf-8"))
        assert spec.id.startswith("97") and spec.id.endswith(src.id.split("_", 1)[1])
        # the content is the sample's: ground truth and the text are unchanged
        assert (spec.organization, spec.assessment, spec.memo, spec.measures) == (
            src.organization,
            src.assessment,
            src.memo,
            src.measures,
        )
        assert spec.layout.font != src.layout.font
        assert spec.layout.profile != src.layout.profile
        assert spec.variants.scan is not None and spec.variants.scan != src.variants.scan
        order = tuple(c.key for c in spec.layout.table.columns)
        if order in COLUMN_ORDERS:
            assert order not in sample_orders
            reordered += 1
    assert reordered == 3
