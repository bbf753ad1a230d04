from __future__ import annotations

from collections.abc import Callable
from typing import Any

from parsers.document import prepare
from parsers.layout import TextLine
from parsers.organization import parse_organization
from parsers.warnings import WarningList
from schemas.page import BBox, Page


def _lines(*texts: str, ocr: bool = False) -> list[TextLine]:
    return [TextLine(t, BBox(0, 20 * i, 400, 20 * i + 14), 1, ocr=ocr) for i, t in enumerate(texts)]


def test_seed_spellings_districts_and_province(
    stored_pages: Callable[[str], list[Page]], truth: Callable[[str], dict[str, Any]]
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


def test_ocr_district_readings_are_checked_against_real_districts() -> None:
    warnings = WarningList()
    org = parse_organization(
        _lines(
            "องค์การบริหารส่วนตำบลโพนงาม",
            "อำเภอกมลา สย จังหวัดกาฬสินธุ์",  # a faint vowel read as a gap
            "องค์การบริหารส่วนตำบลโพนงาม อำเภอกมลาไสย จังหวัดกาฬสินธุ์",
            ocr=True,
        ),
        warnings,
    )
    assert org.district == "กมลาไสย"
    assert "district_corrected" in warnings.codes()
    assert "district_variant" not in warnings.codes()

    warnings = WarningList()
    org = parse_organization(
        _lines("เทศบาลตำบลคลองหินปูน อำเภอวังนำเย็น จังหวัดสระแก้ว", ocr=True), warnings
    )
    assert org.district == "วังน้ำเย็น"
    assert any("วังนำเย็น" in w.message for w in warnings.items())


def test_text_layer_and_unknown_districts_are_kept_as_printed() -> None:
    printed = parse_organization(_lines("เทศบาลตำบลคลองหินปูน อำเภอวังนำเย็น"), WarningList())
    assert printed.district == "วังนำเย็น"  # the author's spelling: reported, never changed
    unknown = parse_organization(_lines("เทศบาลตำบลสันมหาพน อำเภอสันมหาพน", ocr=True), WarningList())
    assert unknown.district == "สันมหาพน"


def test_only_ocr_mentions_are_corrected_in_a_mixed_document() -> None:
    text_memo = TextLine("เทศบาลตำบลคลองหินปูน อำเภอวังนำเย็น", BBox(0, 0, 400, 14), 1)
    scanned = TextLine("เทศบาลตำบลคลองหินปูน อำเภอวังน้าเย็น", BBox(0, 0, 400, 14), 2, ocr=True)
    warnings = WarningList()
    parse_organization([text_memo, scanned], warnings)
    corrected = [w.message for w in warnings.items() if w.code == "district_corrected"]
    assert len(corrected) == 1 and "วังน้าเย็น" in corrected[0]


def test_a_real_district_outvotes_a_mention_a_broken_text_layer_lost_a_mark_in() -> None:
    # a broken text layer: "วังนำเย็น" on one page, "วังน้ำเย็น" on the next, once each
    warnings = WarningList()
    org = parse_organization(
        _lines(
            "อำเภอวังนำเย็น จังหวัดสระแก้ว",
            "เทศบาลตำบลคลองหินปูน อำเภอวังน้ำเย็น จังหวัดสระแก้ว",
        ),
        warnings,
    )
    assert org.district == "วังน้ำเย็น"
    assert any("วังนำเย็น" in w.message for w in warnings.items() if w.code == "district_variant")


def test_a_misread_amphoe_label_before_a_real_district_counts_on_scans() -> None:
    # OCR read อำเภอ as "อำเก้อ"; the name after it is a real district
    scanned = _lines("เทศบาลตำบลโคกกรวด อำเก้อเมืองนครราชสีมา จังหวัดนครราชสีมา", ocr=True)
    org = parse_organization(scanned, WarningList())
    assert (org.name, org.district) == ("เทศบาลตำบลโคกกรวด", "เมืองนครราชสีมา")
    # not from a text layer, and not before a word that is no district
    printed = _lines("เทศบาลตำบลโคกกรวด อำเก้อเมืองนครราชสีมา จังหวัดนครราชสีมา")
    assert parse_organization(printed, WarningList()).district is None
    other = _lines("เทศบาลตำบลโคกกรวด อำเก้อการประชุม จังหวัดนครราชสีมา", ocr=True)
    assert parse_organization(other, WarningList()).district is None


def test_two_scan_readings_of_a_short_district_agree_on_it() -> None:
    warnings = WarningList()
    org = parse_organization(
        _lines(
            "องค์การบริหารส่วนตำบลจานลาน อำเภอพพนา จังหวัดอำนาจเจริญ",
            "องค์การบริหารส่วนตำบลจานลาน อำเภอนา จังหวัดอำนาจเจริญ",
            ocr=True,
        ),
        warnings,
    )
    assert org.district == "พนา"
    assert "district_corrected" in warnings.codes()
    assert "district_variant" not in warnings.codes()


def test_a_district_in_a_repaired_text_layer_is_checked_like_a_scan() -> None:
    # a broken layer itadoc rebuilt lost the ้ of วังน้ำเย็น in every mention
    repaired = [
        TextLine(
            "เทศบาลตำบลคลองหินปูน อำเภอวังนำเย็น จังหวัดสระแก้ว", BBox(0, 0, 400, 14), 1, repaired=True
        )
    ]
    warnings = WarningList()
    assert parse_organization(repaired, warnings).district == "วังน้ำเย็น"
    assert "district_corrected" in warnings.codes()


def test_a_province_ocr_garbled_is_taken_when_one_name_is_clearly_closest() -> None:
    org = parse_organization(
        _lines("เทศบาลตำบลโคกกรวด อำเภอเมืองนครราชสีมา จังหวัดนครราชลอี มา", ocr=True),
        WarningList(),
    )
    assert org.province == "นครราชสีมา"
    nothing = parse_organization(_lines("ประชุมทุกจังหวัดทั่วประเทศ"), WarningList())
    assert nothing.province is None
