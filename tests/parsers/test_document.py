from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parsers.document import parse
from schemas.page import Page


def test_seed_text_layer_pages_parse_to_the_ground_truth(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
) -> None:
    sections = parse(stored_pages("text_000_janlan"))
    expected = truth("text/000_janlan.json")
    assert sections.header.model_dump() == expected["header"]
    assert sections.organization.model_dump() == expected["organization"]
    got = sections.assessment.model_dump(exclude={"evidence", "evidence_page"})
    want = {
        k: v for k, v in expected["assessment"].items() if k not in ("evidence", "evidence_page")
    }
    assert got == want
    assert [m.model_dump() for m in sections.measures] == expected["measures"]
    assert [s.model_dump() for s in sections.signatories] == expected["signatories"]
    codes = {w.code for w in sections.warnings}
    assert "page_text_repaired" in codes  # the seed's text layer is the broken "legacy" kind
    assert "passed_inferred" not in codes  # it says ไม่ผ่านการประเมิน
