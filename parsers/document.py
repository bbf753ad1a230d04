"""Pages → the typed sections of an ITA report (everything of the Document but its source).

This is the parsers' entry point: it prepares the lines once (Thai repair, Arabic digits, table
cells kept out of the running text) and hands each section parser what it needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.assessment import parse_assessment
from parsers.checks import check_numbers
from parsers.header import TITLE, parse_header
from parsers.layout import TextLine, to_text_line
from parsers.measures_table import parse_measures
from parsers.organization import parse_organization
from parsers.signatories import parse_signatories
from parsers.table_grid import find_grids
from parsers.thai_dates import parse_date
from parsers.thai_match import skeleton
from parsers.warnings import WarningList
from schemas.document import Assessment, ExtractionWarning, Header, Measure, Organization, Signatory
from schemas.page import Page

_NOTE_WARNINGS = {
    "text_repaired": (
        "page_text_repaired",
        "the page's text layer was broken and has been repaired",
    ),
    "text_layer_replaced": (
        "page_text_replaced",
        "the page's text layer was unusable; the page was OCR'd",
    ),
    "ocr_rotated": (
        "page_rotated",
        "the scanned page was sideways or upside down and was turned upright",
    ),
}
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True, slots=True)
class Sections:
    header: Header
    organization: Organization
    assessment: Assessment
    measures: list[Measure]
    signatories: list[Signatory]
    warnings: list[ExtractionWarning]


@dataclass(frozen=True, slots=True)
class PreparedLines:
    flow: list[TextLine]
    """Running text outside ruled tables, in page and reading order."""
    all: list[TextLine]
    """Every line, table cells included (pieces split at column borders)."""


def prepare(pages: Sequence[Page]) -> PreparedLines:
    flow: list[TextLine] = []
    every: list[TextLine] = []
    for page in pages:
        grids = [g.bbox for g in find_grids(page.rulings, min_cols=3)]
        for line in page.lines:
            tl = to_text_line(
                line, page.number, ocr=page.mode == "ocr", repaired="text_repaired" in page.notes
            )
            if not tl.text:
                continue
            every.append(tl)
            if not any(b.contains_point(line.bbox.cx, line.bbox.cy, tol=2.0) for b in grids):
                flow.append(tl)
    return PreparedLines(flow=flow, all=every)


def _memo_lines(flow: list[TextLine]) -> list[TextLine]:
    """Lines of the page(s) holding the memo header: from the บันทึกข้อความ page on."""
    title = skeleton(TITLE)
    for line in flow:
        if title in skeleton(line.text):
            return [ln for ln in flow if ln.page in (line.page, line.page + 1)]
    first = flow[0].page if flow else 1
    return [ln for ln in flow if ln.page in (first, first + 1)]


def _low_confidence(header: Header, memo: list[TextLine], warnings: WarningList) -> None:
    """Warn when a contract field was read from OCR text with a low-confidence character."""
    probes = {"date": header.date_text, "reference_no": header.reference_no, "phone": header.phone}
    for field, value in probes.items():
        if not value:
            continue
        for line in memo:
            if value in line.text and line.min_conf is not None and line.min_conf < LOW_CONFIDENCE:
                warnings.add(
                    "low_confidence",
                    f"header.{field} was read from OCR text with a character at confidence "
                    f"{line.min_conf:.2f}; check it against the page",
                    line.page,
                )
                break


def parse(pages: Sequence[Page]) -> Sections:
    """Every section of the report from its pages."""
    warnings = WarningList()
    for page in pages:
        for note in page.notes:
            if note in _NOTE_WARNINGS:
                code, message = _NOTE_WARNINGS[note]
                warnings.add(code, message, page.number)
    lines = prepare(pages)
    memo = _memo_lines(lines.flow)
    header = parse_header(memo, warnings)
    _low_confidence(header, memo, warnings)
    organization = parse_organization(lines.all, warnings)
    memo_date = parse_date(header.date_text) if header.date_text else None
    assessment = parse_assessment(lines.all, warnings, memo_date.year_be if memo_date else None)
    check_numbers(header, assessment, warnings)
    measures = parse_measures(pages, warnings)
    signatories = parse_signatories(lines.flow, warnings)
    return Sections(
        header=header,
        organization=organization,
        assessment=assessment,
        measures=measures,
        signatories=signatories,
        warnings=warnings.items(),
    )
