"""Every ground-truth file validates, points at its PDF, and agrees with the PDF's pages."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from corpus_helpers import EXPECTED, ROOT, SAMPLES, load_specs, load_truth, truth_id

from schemas import Document

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def test_corpus_is_complete() -> None:
    ids = {p.stem for p in EXPECTED}
    assert len(ids) >= 9
    variants = {p.parent.name for p in EXPECTED}
    assert variants == {"text", "scan", "mixed"}
    for ident in ids:
        assert (SAMPLES / "expected" / "text" / f"{ident}.json").exists()
        assert (SAMPLES / "expected" / "scan" / f"{ident}.json").exists()
    pdfs = sorted((SAMPLES / "pdf").glob("*/*.pdf"))
    assert [p.with_suffix("").relative_to(SAMPLES / "pdf") for p in pdfs] == [
        p.with_suffix("").relative_to(SAMPLES / "expected") for p in EXPECTED
    ]


def test_corpus_size_budget() -> None:
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < 15.5e6, f"samples/ is {total / 1e6:.1f} MB"


def test_corpus_covers_the_brief() -> None:
    specs = load_specs()
    truths = [load_truth(p) for p in EXPECTED]
    scores = [t["assessment"]["score"] for t in truths]
    assert min(scores) < 85 <= max(scores)
    assert any(t["assessment"]["level"] is None for t in truths)
    profiles = {s.layout.profile for s in specs.values()}
    assert profiles == {"clean", "harfbuzz", "legacy"}
    assert len({s.layout.font for s in specs.values()}) >= 7
    assert any(p["rotation"] == 90 for t in truths for p in t["source"]["pages"])
    assert any(s.variants.scan and s.variants.scan.garbage_layer for s in specs.values())
    assert any("methods" not in [c.key for c in s.layout.table.columns] for s in specs.values())
    seed = load_truth(SAMPLES / "expected" / "text" / "000_janlan.json")
    assert seed["measures"][0]["pages"] == [6, 7]  # measure 1 continues on the next page
    assert seed["organization"]["name_variants"] == [
        "องค์การบริหารส่วนตำบลจางลาน",
        "องค์การบริหารส่วนตำบลจาลาน",
    ]


@pytest.mark.parametrize("path", EXPECTED, ids=truth_id)
def test_truth_validates_and_matches_pdf(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    doc = Document.model_validate_json(raw)
    assert doc.model_dump_json(indent=2) == raw  # exactly the contract's serialization
    pdf_path = ROOT / doc.source.path
    assert doc.source.path == f"samples/pdf/{path.parent.name}/{path.stem}.pdf"
    data = pdf_path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == doc.source.sha256
    assert doc.warnings == []
    assert doc.assessment.evidence is None and doc.assessment.evidence_page is None
    table_pages = {p for m in doc.measures for p in m.pages}
    pdf = pdfium.PdfDocument(data)
    try:
        assert len(pdf) == len(doc.source.pages)
        for info in doc.source.pages:
            w, h = pdf[info.number - 1].get_size()
            assert info.confidence is None
            assert info.rotation in (0, 90)
            landscape = (w > h) != (info.rotation in (90, 270))
            assert landscape == (info.number in table_pages), info
            if path.parent.name == "text":
                assert info.mode == "text"
            if path.parent.name == "scan":
                assert info.mode == "ocr"
    finally:
        pdf.close()
    for m in doc.measures:
        assert m.pages == sorted(m.pages) and m.pages
    for s in doc.signatories:
        assert s.page is not None and doc.source.pages[s.page - 1].number == s.page


@pytest.mark.parametrize("path", EXPECTED, ids=truth_id)
def test_truth_strings_are_normalized(path: Path) -> None:
    doc = load_truth(path)
    for s in _strings({k: v for k, v in doc.items() if k != "source"}):
        assert s == unicodedata.normalize("NFC", s)
        assert s == s.strip() and "  " not in s and "\n" not in s
        assert not re.search(r"[\ue000-\uf8ff]", s), s
        assert not re.search(r"[๐-๙]", s), s
        assert "\u0e4d\u0e32" not in s
    h = doc["header"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", h["date"])
    assert int(h["date"][:4]) + 543 == int(h["date_text"].split()[-1])
    a = doc["assessment"]
    assert a["fiscal_year_ce"] == a["fiscal_year_be"] - 543
    for m in doc["measures"]:
        assert not re.match(r"^(\(?\d+[.)]|[-•])", m["title"])
        for key in ("methods", "results", "outcomes", "responsible"):
            for item in m[key]:
                assert not re.match(r"^(\(?\d+[.)](?!\d)|[-•])", item), item
