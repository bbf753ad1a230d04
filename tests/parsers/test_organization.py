from __future__ import annotations

from collections.abc import Callable

from parsers.document import prepare
from parsers.layout import TextLine
from parsers.organization import parse_organization
from parsers.warnings import WarningList
from schemas.page import BBox, Page


def _lines(*texts: str) -> list[TextLine]:
    return [TextLine(t, BBox(0, 20 * i, 400, 20 * i + 14), 1) for i, t in enumerate(texts)]


def test_seed_spellings_districts_and_province(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, object]]
) -> None:
    warnings = WarningList()
    org = parse_organization(prepare(stored_pages("text_000_janlan")).all, warnings)
    assert org.model_dump() == truth("text/000_janlan.json")["organization"]
    # the other spellings and the second district name are reported for auditors
    assert warnings.codes().count("organization_name_variant") == 2
    assert "district_variant" in warnings.codes()


def test_name_ends_at_function_words_and_survives_a_line_break() -> None:
    org = parse_organization(
        _lines(
            "เทศบาลตำบลคลอง",
            "หินปูน อำเภอวังน้ำเย็น จังหวัดสระแก้ว",
            "เทศบาลตำบลคลองหินปูนได้ดำเนินการ",
            "ตามที่เทศบาลตำบลคลองหินปูน ได้ประกาศ",
        ),
        WarningList(),
    )
    assert org.name == "เทศบาลตำบลคลองหินปูน"
    assert org.district == "วังน้ำเย็น"
    assert org.province == "สระแก้ว"
    assert org.name_variants == []


def test_other_organizations_are_not_variants_and_missing_parts_warn() -> None:
    warnings = WarningList()
    org = parse_organization(
        _lines(
            "องค์การบริหารส่วนตำบลบ้านกลาง ได้รับ",
            "องค์การบริหารส่วนตำบลบ้านกลาง และเทศบาลตำบลบ้านกลาง",
            "องค์การบริหารส่วนตำบลบ้านกลางต่อไป",
        ),
        warnings,
    )
    assert org.name == "องค์การบริหารส่วนตำบลบ้านกลาง"
    assert org.name_variants == []
    assert {"district_not_found", "province_not_found"} <= set(warnings.codes())
