"""Golden outputs: every bundled text-layer sample through the real pipeline, field by field.

The golden files (`tests/golden/text/*.json`) are itadoc's own complete output — warnings,
evidence, confidences and page notes included — so any change in what a user receives shows up
here as a list of changed fields. They are not the ground truth (that is `samples/expected/`,
checked in `test_accuracy_floor.py`); they pin down behaviour.

After an intended change, regenerate and review the diff:

    ITADOC_UPDATE_GOLDEN=1 uv run pytest tests/test_golden.py   # rewrites, then fails on purpose
    git diff tests/golden/

Only text-layer samples are pinned exactly: OCR output depends on the tesseract build, so the
scanned samples are held to accuracy floors against the ground truth instead.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from itadoc.pipeline import extract

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "text"
TEXT_SAMPLES = sorted((ROOT / "samples" / "pdf" / "text").glob("*.pdf"))
UPDATE = os.environ.get("ITADOC_UPDATE_GOLDEN") == "1"


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf values by dotted path (`measures.0.methods.2`), so a diff names each field."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{path}.{key}" if path else key))
        return out or {path: {}}
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{path}.{i}" if path else str(i)))
        return out or {path: []}
    return {path: value}


def field_diff(want: Any, got: Any) -> list[str]:
    w, g = flatten(want), flatten(got)
    missing = object()
    return [
        f"{key}: golden {w.get(key, missing)!r} != output {g.get(key, missing)!r}"
        for key in sorted(w.keys() | g.keys())
        if w.get(key, missing) != g.get(key, missing)
    ]


def test_flatten_names_every_leaf_and_diff_reports_each_change() -> None:
    doc = {"a": {"b": 1, "c": [1, {"d": None}]}, "e": []}
    assert flatten(doc) == {"a.b": 1, "a.c.0": 1, "a.c.1.d": None, "e": []}
    changed = {"a": {"b": 2, "c": [1]}, "e": [], "f": 0}
    assert [d.split(":")[0] for d in field_diff(doc, changed)] == ["a.b", "a.c.1.d", "f"]


def test_every_text_sample_has_a_golden_output() -> None:
    assert len(TEXT_SAMPLES) >= 9
    stems = {p.stem for p in TEXT_SAMPLES}
    assert {p.stem for p in GOLDEN.glob("*.json")} == stems or UPDATE


@pytest.mark.parametrize("pdf", TEXT_SAMPLES, ids=lambda p: p.stem)
def test_text_sample_output_matches_its_golden_file(pdf: Path) -> None:
    shown = pdf.relative_to(ROOT).as_posix()
    got = json.loads(extract(pdf, shown=shown).model_dump_json())
    golden = GOLDEN / f"{pdf.stem}.json"
    if UPDATE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        pytest.fail(f"rewrote {golden.relative_to(ROOT)}; unset ITADOC_UPDATE_GOLDEN and rerun")
    want = json.loads(golden.read_text(encoding="utf-8"))
    diffs = field_diff(want, got)
    assert not diffs, f"{len(diffs)} fields changed:\n" + "\n".join(diffs[:60])
