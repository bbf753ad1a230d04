"""Spec (+ where the layout put things) -> ground truth `schemas.Document`.

The truth is derived from the spec, never from the rendered PDF's text layer, so it states what
the document *says*, normalized by the contract's rules: NFC, composed sara am, no PUA, Arabic
digits, collapsed whitespace, numbering/bullet markers stripped from items. Self-checks make sure
the spec's claims (canonical name = most frequent spelling, variant order, score and level as
printed) hold for the text that is actually drawn.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from samples.generator.layout import Rendered
from samples.generator.spec import CellPara, DocSpec
from samples.generator.textmap import PUA_TO_STANDARD
from schemas import (
    Assessment,
    Document,
    Header,
    Measure,
    Organization,
    PageInfo,
    Signatory,
    Source,
)

_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_MARKER = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)](?!\d)|[-•–])\s*")
_NUMBERING = re.compile(r"^(?:\(\d{1,2}\)|\d{1,2}[.)](?!\d))\s*")
MONTHS_FULL = [
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
]  # fmt: skip
MONTHS_ABBR = [
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
    "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
]  # fmt: skip


def normalize(text: str) -> str:
    """The contract's string normalization."""
    s = "".join(PUA_TO_STANDARD.get(ord(c), c) for c in text)
    s = unicodedata.normalize("NFC", s)
    s = re.sub("\u0e4d([\u0e48-\u0e4b]?)\u0e32", "\\1\u0e33", s)
    s = s.translate(_DIGITS)
    return re.sub(r"\s+", " ", s).strip()


def strip_marker(text: str) -> str:
    return _MARKER.sub("", text, count=1).strip()


def parse_thai_date(text: str) -> str:
    """ "๒๐ กุมภาพันธ์ ๒๕๖๗" / "5 มี.ค. 2568" -> ISO Gregorian date."""
    s = normalize(text)
    m = re.fullmatch(r"(\d{1,2})\s*(\S+?)\s*(\d{4})", s)
    if not m:
        raise ValueError(f"unparseable memo date {text!r}")
    day, month, year = int(m.group(1)), m.group(2), int(m.group(3))
    table = MONTHS_FULL if month in MONTHS_FULL else MONTHS_ABBR
    if month not in table:
        raise ValueError(f"unknown month {month!r} in {text!r}")
    return f"{year - 543:04d}-{table.index(month) + 1:02d}-{day:02d}"


def cell_items(paras: list[CellPara]) -> list[str]:
    """One string per item: a paragraph, or each inline item of a paragraph; markers stripped."""
    out: list[str] = []
    for para in paras:
        for item in [para] if isinstance(para, str) else para:
            text = strip_marker(normalize(item))
            if text:
                out.append(text)
    return out


def _doc_text(rendered: Rendered) -> str:
    return re.sub(r"\s+", "", "".join(p.text() for p in rendered.pages))


def _check(spec: DocSpec, rendered: Rendered) -> None:
    text = _doc_text(rendered)
    org = spec.organization
    counts = {name: text.count(re.sub(r"\s+", "", name)) for name in [org.name, *org.variants]}
    for variant in org.variants:
        if counts[variant] == 0 or counts[variant] > counts[org.name]:
            raise ValueError(f"{spec.id}: variant {variant!r} count {counts} inconsistent")
    firsts = [text.index(re.sub(r"\s+", "", v)) for v in org.variants]
    if firsts != sorted(firsts):
        raise ValueError(f"{spec.id}: variants not in order of first appearance")
    a = spec.assessment
    score = f"{a.score:.2f}"
    thai = score.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    if thai not in text and score not in text:
        raise ValueError(f"{spec.id}: score {score} not printed")
    if a.level and ("ระดับ" + a.level) not in text:
        raise ValueError(f"{spec.id}: level {a.level!r} not printed after ระดับ")
    if ("อำเภอ" + org.district) not in text or ("จังหวัด" + org.province) not in text:
        raise ValueError(f"{spec.id}: district/province not printed")


def page_infos(rendered: Rendered, variant: str, sideways: bool) -> list[PageInfo]:
    infos = []
    for n, page in enumerate(rendered.pages, start=1):
        scanned = variant == "scan" or (variant == "mixed" and page.role != "memo")
        rotation = 90 if scanned and sideways and page.landscape else 0
        infos.append(PageInfo(number=n, mode="ocr" if scanned else "text", rotation=rotation))
    return infos


def build_truth(
    spec: DocSpec, rendered: Rendered, variant: str, pdf_bytes: bytes, sideways: bool = False
) -> Document:
    _check(spec, rendered)
    memo = spec.memo
    header = Header(
        department=normalize(memo.department),
        phone=normalize(memo.phone) if memo.phone else None,
        reference_no=normalize(memo.reference_no),
        date=parse_thai_date(memo.date_text),
        date_text=normalize(memo.date_text),
        subject=normalize(memo.subject),
        to=normalize(memo.to),
    )
    org = spec.organization
    organization = Organization(
        name=normalize(org.name),
        district=normalize(org.district),
        province=normalize(org.province),
        name_variants=[normalize(v) for v in org.variants],
    )
    a = spec.assessment
    assessment = Assessment(
        fiscal_year_be=a.fiscal_year_be,
        fiscal_year_ce=a.fiscal_year_be - 543,
        score=a.score,
        level=normalize(a.level) if a.level else None,
        passed=a.passed if a.passed is not None else a.score >= 85,
    )
    measures = []
    for i, (m, pages) in enumerate(zip(spec.measures, rendered.measure_pages, strict=True), 1):
        note = " ".join(cell_items(m.note)) or None
        measures.append(
            Measure(
                index=i,
                title=_NUMBERING.sub("", normalize(m.title), count=1).strip(),
                methods=cell_items(m.methods),
                results=cell_items(m.results),
                outcomes=cell_items(m.outcomes),
                responsible=cell_items(m.responsible),
                note=note,
                pages=pages,
            )
        )
    sigs = [b.signature for b in memo.blocks if b.kind == "signature" and b.signature]
    signatories = [
        Signatory(name=normalize(s.name), position=normalize(" ".join(s.positions)) or None, page=p)
        for s, p in zip(sigs, rendered.signature_pages, strict=True)
    ]
    source = Source(
        path=f"samples/pdf/{variant}/{spec.id}.pdf",
        sha256=hashlib.sha256(pdf_bytes).hexdigest(),
        pages=page_infos(rendered, variant, sideways),
    )
    return Document(
        source=source,
        header=header,
        organization=organization,
        assessment=assessment,
        measures=measures,
        signatories=signatories,
        warnings=[],
    )
