"""Cross-checks of the numbers a report states, so a misread digit becomes a warning.

OCR of Thai digits is the weakest link of a scan: a 6 read as 2 turns 2566 into 2522. Nothing
here changes a value — a number that breaks the document's own constraints is reported, with
what it conflicts with, for a human to look at.
"""

from __future__ import annotations

from parsers.thai_dates import parse_date
from parsers.warnings import WarningList
from schemas.document import Assessment, Header

PLAUSIBLE_BE = (2540, 2600)
"""ITA started in 2557 BE; anything far outside this is a misread year."""


def check_numbers(header: Header, assessment: Assessment, warnings: WarningList) -> None:
    fy = assessment.fiscal_year_be
    if fy is not None and not PLAUSIBLE_BE[0] <= fy <= PLAUSIBLE_BE[1]:
        warnings.add("fiscal_year_implausible", f"fiscal year {fy} BE is outside {PLAUSIBLE_BE}")
    memo = parse_date(header.date_text) if header.date_text else None
    if memo is not None and not PLAUSIBLE_BE[0] <= memo.year_be <= PLAUSIBLE_BE[1]:
        warnings.add("date_implausible", f"memo year {memo.year_be} BE is outside {PLAUSIBLE_BE}")
    elif memo is not None and fy is not None and not fy <= memo.year_be <= fy + 2:
        warnings.add(
            "date_fiscal_year_mismatch",
            f"a report on fiscal year {fy} dated {header.date} (BE {memo.year_be}) is unusual: "
            "check both numbers",
        )
    score = assessment.score
    if score is not None and assessment.evidence is not None:
        printed = f"{score:.2f}"
        if printed not in assessment.evidence and f"{score:g}" in assessment.evidence:
            warnings.add(
                "score_precision",
                f"the score {score:g} is stated without two decimals; ITA scores have two",
                assessment.evidence_page,
            )
    _check_level(assessment, warnings)


LEVEL_BANDS = {
    "AA": (95.0, 100.0),
    "A": (85.0, 95.0),
    "B": (75.0, 85.0),
    "C": (65.0, 75.0),
    "D": (55.0, 65.0),
    "E": (50.0, 55.0),
    "F": (0.0, 50.0),
}
"""The NACC's ITA levels by score (AA 95-100, A 85-94.99, ... F below 50)."""


def _check_level(assessment: Assessment, warnings: WarningList) -> None:
    """A letter level whose score band does not hold the score: one of them is misread."""
    score, level = assessment.score, assessment.level
    band = LEVEL_BANDS.get(level or "")
    if score is None or band is None:
        return
    low, high = band
    if not (low <= score < high or (level == "AA" and score == high)):
        warnings.add(
            "score_level_mismatch",
            f"the score {score:g} is outside level {level}'s band ({low:g}-{high:g}); one of "
            "them is misread or misprinted: check the page image",
            assessment.evidence_page,
        )
