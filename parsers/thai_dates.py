"""Thai dates as printed ("๒๐ กุมภาพันธ์ ๒๕๖๗", "5 มี.ค. 68") → ISO 8601 Gregorian.

Thai official documents use the Buddhist Era (BE = CE + 543), full or abbreviated month names,
and sometimes two-digit years. OCR drops tone marks and upper vowels, so month names are
matched on their consonant skeleton as well as exactly. Input digits must already be Arabic.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

from parsers.thai_match import skeleton

BE_OFFSET = 543

MONTHS_FULL = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
MONTHS_ABBR = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

_MONTH_LOOKUP: dict[str, int] = {}
for _i, (_full, _abbr) in enumerate(zip(MONTHS_FULL, MONTHS_ABBR, strict=True), start=1):
    _MONTH_LOOKUP[_full] = _i
    _MONTH_LOOKUP[_abbr] = _i
    _MONTH_LOOKUP[_abbr.replace(".", "")] = _i
_SKELETON_LOOKUP: dict[str, list[tuple[str, int]]] = {}
for _bare, _i in sorted({(name.replace(".", ""), i) for name, i in _MONTH_LOOKUP.items()}):
    _SKELETON_LOOKUP.setdefault(skeleton(_bare), []).append((_bare, _i))
"""Spellings without dots, by skeleton. One skeleton, มค, is two months': ม.ค. and มี.ค."""

_DATE_RE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\s*(?:เดือน\s*)?"
    r"(?P<month>[\u0e01-\u0e4e]+\.?(?:[\u0e01-\u0e4e]+\.?)?)\s*"
    r"(?:พ\s*\.\s*ศ\s*\.?\s*)?(?P<year>\d{4}|\d{2})(?!\d)"
)


@dataclass(frozen=True, slots=True)
class ThaiDate:
    """A date read from Thai text."""

    day: int
    month: int
    year_be: int
    text: str
    """The matched text, whitespace collapsed."""

    @property
    def year_ce(self) -> int:
        return self.year_be - BE_OFFSET

    def iso(self) -> str:
        return date(self.year_ce, self.month, self.day).isoformat()


def month_number(word: str) -> int | None:
    """1..12 for a full or abbreviated Thai month name, tolerant of OCR-dropped marks."""
    word = word.strip()
    if word in _MONTH_LOOKUP:
        return _MONTH_LOOKUP[word]
    # Every dotted spelling's dotless twin is in the lookup; OCR drops and adds dots: "ม.ค"
    bare = word.replace(" ", "").replace(".", "")
    if bare in _MONTH_LOOKUP:
        return _MONTH_LOOKUP[bare]
    sk = skeleton(bare)
    spellings = _SKELETON_LOOKUP.get(sk)
    if spellings:
        return _nearest(bare, spellings)
    return _near_full_name(sk)


NEAR_NAME_MIN = 5
"""A skeleton this long may miss or swap one letter of a full month name's and still match.
The twelve names' skeletons are at least two edits apart (มกราคม, มนาคม), so one edit can
reach two names: then there is no match."""


_FULL_SKELETONS = tuple(skeleton(full) for full in MONTHS_FULL)


def _near_full_name(sk: str) -> int | None:
    """The full month name whose skeleton is one edit from `sk`, if exactly one is.

    Why: OCR also drops a letter ("กุมภาพน" for กุมภาพันธ์, its final ธ์ lost) or reads one
    letter as another; a date with a recognisable month should not be lost for it.
    """
    if len(sk) < NEAR_NAME_MIN:
        return None
    near = {
        i for i, full in enumerate(_FULL_SKELETONS, start=1) if Levenshtein.distance(sk, full) <= 1
    }
    return near.pop() if len(near) == 1 else None


def _nearest(word: str, spellings: list[tuple[str, int]]) -> int | None:
    """The month whose spelling is fewest edits from `word`; None on a tie between months.

    Why: marks decide between the months that share a skeleton. "มคุ" ("ม.คุ.": a stray mark
    under ค) is one edit from มค (January) and two from มีค (March); the lookup by skeleton
    alone had returned March for every garbled ม.ค.
    """
    best: dict[int, int] = {}
    for name, month in spellings:
        d = Levenshtein.distance(word, name)
        best[month] = min(d, best.get(month, d))
    ranked = sorted(best.items(), key=lambda kv: kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def expand_year(year: int, *, century_hint: int = 2500) -> int:
    """Two-digit BE years ("๖๗") mean 25xx; four-digit years pass through."""
    return century_hint + year if year < 100 else year


def _matches(text: str) -> Iterator[tuple[int, int, ThaiDate]]:
    """Valid dates in `text`; after a false start the search resumes one character on, so
    "75201/612 วันที่ 12 ธันวาคม 2566" still finds the date behind the number."""
    pos = 0
    while (m := _DATE_RE.search(text, pos)) is not None:
        pos = m.start() + 1
        month = month_number(m.group("month"))
        if month is None:
            continue
        day = int(m.group("day"))
        year_be = expand_year(int(m.group("year")))
        try:
            date(year_be - BE_OFFSET, month, day)
        except ValueError:
            continue
        printed = f"{m.group('day')} {' '.join(m.group('month').split())} "
        printed += " ".join(text[m.start("month") + len(m.group("month")) : m.end()].split())
        yield m.start(), m.end(), ThaiDate(day, month, year_be, " ".join(printed.split()))
        pos = m.end()


def find_dates(text: str) -> list[ThaiDate]:
    """Every valid Thai date in `text`, in order."""
    return [d for _, _, d in _matches(text)]


def find_date_span(text: str) -> tuple[int, int, ThaiDate] | None:
    """(start, end, date) of the first valid Thai date in `text`."""
    return next(_matches(text), None)


def parse_date(text: str) -> ThaiDate | None:
    """The first valid Thai date in `text`, or None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def fiscal_year_ce(year_be: int) -> int:
    """The CE year a Thai fiscal year ends in: FY 2566 BE runs 2022-10-01 .. 2023-09-30."""
    return year_be - BE_OFFSET


def fiscal_year_of(d: ThaiDate) -> int:
    """The BE fiscal year a date falls in (October starts the next fiscal year)."""
    return d.year_be + (1 if d.month >= 10 else 0)
