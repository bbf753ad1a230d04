"""The output contract: one `Document` per input PDF.

This module is the single source of the contract. The JSON Schema printed by `itadoc schema`,
the CSV column order and the validator are all derived from these models, so a field added here
shows up everywhere at once and nothing is written by hand twice.

Conventions (also in the README):
- every string is Unicode NFC, Thai text repaired, Thai digits converted to Arabic digits;
- a field the document does not state, or that itadoc could not read, is `null` and the
  document carries a warning saying so; nothing is silently emptied;
- floats are rounded (scores to 2 decimals, confidences to 3) so output is byte-stable.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.types import (
    BuddhistYear,
    Confidence,
    GregorianYear,
    IsoDate,
    PageMode,
    PageNumber,
    Score,
    Sha256,
)

SCHEMA_VERSION = "1.0.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageInfo(_Model):
    """How one page was read: from its text layer or by OCR, and how sure we are."""

    number: PageNumber
    mode: PageMode
    confidence: Confidence | None = Field(
        default=None, description="Mean OCR confidence of the page; null for text-layer pages."
    )
    rotation: int = Field(
        default=0, description="Clockwise rotation (0/90/180/270) applied before reading."
    )

    @field_validator("confidence")
    @classmethod
    def _round_confidence(cls, v: float | None) -> float | None:
        return None if v is None else round(v, 3)


class Source(_Model):
    """Where the document came from, so every output row can be traced to a file and page."""

    path: str = Field(description="Input path as given (relative paths stay relative).")
    sha256: Sha256
    pages: list[PageInfo]


class Header(_Model):
    """The memo header (บันทึกข้อความ): ส่วนราชการ, ที่, วันที่, เรื่อง, เรียน."""

    department: str | None = Field(
        default=None, description="ส่วนราชการ line without the label and without the phone."
    )
    phone: str | None = Field(default=None, description='As printed, Arabic digits: "0-45999663".')
    reference_no: str | None = Field(default=None, description='ที่ ...: "อจ 71901/-".')
    date: IsoDate | None = Field(default=None, description="วันที่, converted to ISO 8601.")
    date_text: str | None = Field(
        default=None, description='วันที่ as printed (Arabic digits): "20 กุมภาพันธ์ 2567".'
    )
    subject: str | None = Field(default=None, description="เรื่อง, one line, spaces collapsed.")
    to: str | None = Field(default=None, description="เรียน ...")


class Organization(_Model):
    """The assessed agency, in the spelling the document uses most."""

    name: str | None = Field(
        default=None, description='Canonical full name: "องค์การบริหารส่วนตำบลจานลาน".'
    )
    district: str | None = Field(default=None, description='Without "อำเภอ": "พนา".')
    province: str | None = Field(default=None, description='Without "จังหวัด": "อำนาจเจริญ".')
    name_variants: list[str] = Field(
        default_factory=list,
        description="Other spellings of the name found in the document (each also a warning).",
    )


class Assessment(_Model):
    """The ITA result the report states."""

    fiscal_year_be: BuddhistYear | None = None
    fiscal_year_ce: GregorianYear | None = Field(
        default=None,
        description=(
            "Calendar year in which the fiscal year ends (FY 2566 BE = 2022-10-01..2023-09-30)."
        ),
    )
    score: Score | None = None
    level: str | None = Field(default=None, description='Level words as printed: "ต้องปรับปรุง".')
    passed: bool | None = None
    evidence: str | None = Field(
        default=None, description="The sentence the score was read from, for auditors."
    )
    evidence_page: PageNumber | None = None

    @field_validator("score")
    @classmethod
    def _round_score(cls, v: float | None) -> float | None:
        return None if v is None else round(v, 2)


class Measure(_Model):
    """One row of the integrity-measures table; a row split over pages is one measure."""

    index: int = Field(ge=1, description="1-based position in table order.")
    title: str = Field(description='Measure title, leading numbering ("1.") stripped.')
    methods: list[str] = Field(default_factory=list)
    results: list[str] = Field(default_factory=list)
    outcomes: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    note: str | None = None
    pages: list[PageNumber] = Field(default_factory=list, description="Pages the row spans.")


class Signatory(_Model):
    """A signature block: "(name)" then the position line(s)."""

    name: str
    position: str | None = None
    page: PageNumber | None = None


class ExtractionWarning(_Model):
    """Something a user should know: a value not found, a guess, a repaired page."""

    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable machine-readable code.")
    message: str
    page: PageNumber | None = None


class Document(_Model):
    """Everything itadoc extracts from one ITA report PDF."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    header: Header = Field(default_factory=Header)
    organization: Organization = Field(default_factory=Organization)
    assessment: Assessment = Field(default_factory=Assessment)
    measures: list[Measure] = Field(default_factory=list)
    signatories: list[Signatory] = Field(default_factory=list)
    warnings: list[ExtractionWarning] = Field(default_factory=list)
