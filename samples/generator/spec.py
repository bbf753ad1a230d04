"""Typed document specs: the single source of a sample's PDF variants and of its ground truth.

Text in a spec is written as the document prints it (Thai digits, misspellings, variants);
`truth` normalizes it the way the output contract requires. Explicit "\\n" in a text value is a
line break the document itself makes (e.g. the second line of เรื่อง).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Profile = Literal["clean", "harfbuzz", "legacy"]
Justify = Literal["none", "spaces", "distributed"]
ColumnKey = Literal["title", "methods", "results", "outcomes", "responsible", "note"]
# A table-cell paragraph: one item, or several items printed inline in one paragraph.
CellPara = str | list[str]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organization(_Spec):
    name: str = Field(description="Canonical full name (the spelling used most).")
    district: str
    province: str
    variants: list[str] = Field(default_factory=list, description="Other spellings, full names.")


class Assessment(_Spec):
    fiscal_year_be: int
    score: float
    level: str | None = None
    passed: bool | None = None


class Signature(_Spec):
    name: str
    positions: list[str]
    signed: bool = True


class MemoBlock(_Spec):
    kind: Literal["heading", "para", "item", "closing", "comment", "line", "signature"]
    text: str = ""
    signature: Signature | None = None


class Memo(_Spec):
    department: str
    phone: str | None = None
    reference_no: str
    date_text: str
    subject: str
    to: str
    blocks: list[MemoBlock]


class Cover(_Spec):
    title_lines: list[str]
    org_lines: list[str]
    frame: bool = False


class Preface(_Spec):
    title: str = "คำนำ"
    paragraphs: list[str]
    sign_lines: list[str]


class Section(_Spec):
    heading: str
    paragraphs: list[str]


class Report(_Spec):
    cover: Cover
    preface: Preface | None = None
    sections: list[Section]


class Measure(_Spec):
    title: str
    methods: list[CellPara] = Field(default_factory=list)
    results: list[CellPara] = Field(default_factory=list)
    outcomes: list[CellPara] = Field(default_factory=list)
    responsible: list[CellPara] = Field(default_factory=list)
    note: list[CellPara] = Field(default_factory=list)
    align_responsible: Literal["results", "outcomes", "none"] | None = Field(
        default=None, description="Override of the table's alignment for this row."
    )


class Column(_Spec):
    key: ColumnKey
    header: str
    width: float = Field(gt=0, description="Relative width.")


class TableLayout(_Spec):
    columns: list[Column]
    size: float
    line_spacing: float = 1.35
    header_fill: float | None = Field(default=None, description="Gray level 0..1 or none.")
    align_responsible: Literal["results", "outcomes"] | None = "results"
    caption: str | None = None
    center: list[ColumnKey] = Field(default_factory=list, description="Columns centred.")
    margin: float = 42.0
    para_gap: float = 1.0


class Layout(_Spec):
    font: str
    size: float
    em_scale: float = Field(
        default=1.0, description="TH-style em enlargement of the body font (see fonts.load_face)."
    )
    heading_font: str | None = None
    line_spacing: float = 1.5
    justify: Justify = "none"
    profile: Profile = "harfbuzz"
    dotted_header: bool = False
    page_numbers: bool = False
    margins: tuple[float, float, float, float] = (85.0, 57.0, 60.0, 57.0)  # left right top bottom
    para_indent: float = 70.9
    item_indent: float = 70.9
    table: TableLayout


class Scan(_Spec):
    dpi: int = 200
    rotation: float = 0.5
    noise: float = 2.0
    blur: float = 0.6
    mode: Literal["jpeg", "bilevel"] = "jpeg"
    quality: int = 55
    threshold: int = 165
    sideways_tables: bool = False
    garbage_layer: bool = False
    seed: int = 1


class Variants(_Spec):
    text: bool = True
    scan: Scan | None = None
    mixed: Scan | None = Field(default=None, description="Memo pages as text, report scanned.")


class DocSpec(_Spec):
    id: str = Field(pattern=r"^\d{3}_[a-z0-9_]+$")
    title: str = Field(description="ASCII title for the PDF Info dictionary.")
    organization: Organization
    assessment: Assessment
    memo: Memo
    report: Report
    measures: list[Measure]
    layout: Layout
    variants: Variants
    seed: int = 0


def load_spec(path: Path) -> DocSpec:
    return DocSpec.model_validate(json.loads(path.read_text(encoding="utf-8")))


def load_specs(spec_dir: Path, only: list[str] | None = None) -> list[DocSpec]:
    specs = [load_spec(p) for p in sorted(spec_dir.glob("*.json"))]
    if only:
        specs = [s for s in specs if s.id in only or s.id.split("_")[0] in only]
    return specs
