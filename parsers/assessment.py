"""The ITA result: fiscal year, score, level words and pass/fail, as the report states them.

Reports phrase the result many ways ("ผลคะแนน 84.14 คะแนน", "ได้คะแนน 91.02", "อยู่ในระดับ A",
"ผ่านการประเมิน" / "ไม่ผ่านการประเมิน"), and mention scores and years elsewhere too (targets,
next year's plans). The score is taken from the sentence that looks most like a statement of
the assessment result; level and pass/fail are read from that same sentence's neighbourhood
only, so "เพื่อให้สามารถผ่านการประเมินในปีงบประมาณ 2567" in a table cell cannot flip the result.
Values that fail the document's own constraints get a warning, never a silent guess.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from parsers.layout import TextLine
from parsers.thai_dates import fiscal_year_ce
from parsers.warnings import WarningList
from schemas.document import Assessment

PASS_MARK = 85.0
_SCORE_RE = re.compile(
    r"(?P<label>(?:ผล|ได้|ได|มี|ค่า|รวม)?\s?คะแนน(?:รวม|เฉลี่ย|ที่ได้)?)\s*(?:ITA\s*)?"
    r"(?:เท่ากับ|คือ|=|:)?\s*(?P<value>\d{1,3}\s?\.\s?\d{1,2}|\d{1,3})(?!\d|\s?/)\s*(?P<unit>คะแนน|%)?"
)
_CONTEXT_WORDS = ("ผลการประเมิน", "ITA", "คุณธรรมและความโปร่งใส", "ระดับ", "ผ่าน")
_LEVEL_RE = re.compile(r"(?<!ยก)ระดับ\s*(?P<level>[A-F]{1,2}\b|[\u0e01-\u0e4e]+)")
_LEVEL_STOPS = ("ด้วย", "โดย", "มี", "ได้", "คะแนน", "ซึ่ง", "และ", "ผลคะแนน", "เนื่องจาก", "จึง")
_FY_RE = re.compile(
    r"(?:ปีงบประมาณ|ประจำปี)\s*(?:พ\s?\.\s?ศ\s?\.?)?\s*(?P<year>25\d\d)(?!\d)"
)
WINDOW = 220


@dataclass(frozen=True, slots=True)
class _Candidate:
    value: float
    start: int
    end: int
    weight: float
    page: int | None


def _page_of(offsets: list[tuple[int, int]], pos: int) -> int | None:
    page = None
    for start, number in offsets:
        if start > pos:
            break
        page = number
    return page


def _score_candidates(text: str, offsets: list[tuple[int, int]]) -> list[_Candidate]:
    out = []
    for m in _SCORE_RE.finditer(text):
        raw = m.group("value").replace(" ", "")
        value = float(raw)
        if not 0 <= value <= 100:
            continue
        context = text[max(0, m.start() - WINDOW) : m.end() + 60]
        weight = 1.0 + sum(1.0 for w in _CONTEXT_WORDS if w in context)
        weight += 1.0 if "." in raw else 0.0
        weight += 1.0 if m.group("unit") == "คะแนน" else 0.0
        weight += 0.5 if m.group("label").replace(" ", "") in ("ผลคะแนน", "ได้คะแนน") else 0.0
        out.append(_Candidate(value, m.start(), m.end(), weight, _page_of(offsets, m.start())))
    return out


def _level_near(text: str, cand: _Candidate) -> str | None:
    window = text[max(0, cand.start - WINDOW) : cand.end + WINDOW // 2]
    best: tuple[int, str] | None = None
    anchor = cand.start - max(0, cand.start - WINDOW)
    for m in _LEVEL_RE.finditer(window):
        level = m.group("level")
        for stop in _LEVEL_STOPS:
            k = level.find(stop)
            if k > 0:
                level = level[:k]
        if not level or level in ("ชาติ", "สากล", "หน่วยงาน", "ประเทศ"):
            continue
        distance = abs(m.start() - anchor)
        if best is None or distance < best[0]:
            best = (distance, level)
    return best[1] if best else None


def _passed_near(text: str, cand: _Candidate) -> bool | None:
    lo = max(0, cand.start - WINDOW)
    window = text[lo : cand.end + WINDOW // 2]
    anchor = cand.start - lo
    best: tuple[int, bool] | None = None
    for m in re.finditer(r"(?P<neg>ไม่\s?)?ผ่าน(?:การประเมิน|เกณฑ์)", window):
        distance = abs(m.start() - anchor)
        verdict = m.group("neg") is None
        if best is None or distance < best[0]:
            best = (distance, verdict)
    return best[1] if best else None


def parse_assessment(lines: Sequence[TextLine], warnings: WarningList, memo_year_be: int | None = None) -> Assessment:
    """Score, level, pass/fail and fiscal year from every line of the document."""
    parts = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for line in lines:
        offsets.append((pos, line.page))
        parts.append(line.text)
        pos += len(line.text) + 1
    text = "\n".join(parts)

    candidates = _score_candidates(text, offsets)
    score = level = passed = None
    evidence = evidence_page = None
    if candidates:
        best = max(candidates, key=lambda c: (c.weight, -c.start))
        score = best.value
        strong = {c.value for c in candidates if c.weight >= best.weight - 1 and c.weight >= 3}
        if len(strong) > 1:
            warnings.add(
                "score_inconsistent",
                "the document states different scores: " + ", ".join(f"{v:g}" for v in sorted(strong)),
                best.page,
            )
        level = _level_near(text, best)
        passed = _passed_near(text, best)
        start = text.rfind("\n", 0, max(0, best.start - 80)) + 1
        end = text.find("\n", best.end + 60)
        evidence = " ".join(text[start : end if end != -1 else len(text)].split())[:400]
        evidence_page = best.page
    else:
        warnings.add("score_not_found", "no ITA score (ผลคะแนน ... คะแนน) was found")
    if passed is None and score is not None:
        passed = score >= PASS_MARK
        warnings.add(
            "passed_inferred",
            f"the report does not say ผ่าน/ไม่ผ่าน; inferred from the {PASS_MARK:g} pass mark",
            evidence_page,
        )
    elif passed is not None and score is not None and passed != (score >= PASS_MARK):
        warnings.add(
            "passed_contradicts_score",
            f"the report says {'ผ่าน' if passed else 'ไม่ผ่าน'} but the score {score:g} is "
            f"{'below' if score < PASS_MARK else 'at or above'} the {PASS_MARK:g} pass mark",
            evidence_page,
        )
    if level is None and score is not None:
        warnings.add("level_not_found", "the report states no level (ระดับ ...) near the score")

    years = [int(m.group("year")) for m in _FY_RE.finditer(text)]
    fy = None
    if years:
        counts = Counter(years)
        fy = max(counts, key=lambda y: (counts[y], -years.index(y)))
        if memo_year_be is not None and not (memo_year_be - 2 <= fy <= memo_year_be + 1):
            warnings.add(
                "fiscal_year_implausible",
                f"fiscal year {fy} is far from the memo's year {memo_year_be}",
            )
    else:
        warnings.add("fiscal_year_not_found", "no ปีงบประมาณ (fiscal year) was found")
    return Assessment(
        fiscal_year_be=fy,
        fiscal_year_ce=fiscal_year_ce(fy) if fy else None,
        score=score,
        level=level,
        passed=passed,
        evidence=evidence,
        evidence_page=evidence_page,
    )
