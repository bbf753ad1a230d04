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
from parsers.thai_match import skeleton
from parsers.warnings import WarningList
from schemas.document import Assessment

PASS_MARK = 85.0
_NUMBER_RE = re.compile(r"(?<![\d,])(?<!\d\.)(?P<value>\d{1,3}(?:\.\d{1,2})?)(?![\d])")
"""A number not inside a longer one ("1.2.3", "1,234"). A dot after a letter may come before
it: OCR reads a speck between a label and its number as one ("ได้รับผลคะแนน.96.31 คะแนน"),
and the number must still count; the label or "คะแนน" after it is what makes it a score."""
_LABEL_BEFORE = re.compile(
    r"(?:ได้|ผล|ด้วย|รวม|ได้รับ)?\s?คะแนน(?:รวม|เฉลี่ย|ที่ได้)?\s*(?:ITA\s*)?(?:เท่ากับ|คือ|=|:)?\s*$"
)
_STRONG_LABEL = re.compile(
    r"(?:ได้|ผล|ด้วย|ได้รับ)\s?คะแนน(?:รวม)?\s*(?:เท่ากับ|คือ|=|:)?\s*$|คะแนนรวม\s*$"
)
_NEGATIVE_BEFORE = (
    "แบบวัด",
    "IIT",
    "EIT",
    "OIT",
    "เกณฑ์",
    "ตั้งแต่",
    "เพิ่มขึ้นจาก",
    "ลดลงจาก",
    "ที่ผ่านมา",
    "ปีก่อน",
    "ปีที่แล้ว",
    "เป้าหมาย",
    "เฉลี่ย",
    "ไม่น้อยกว่า",
    "อย่างน้อย",
    "ร้อยละ",
)
"""A number after these is a sub-score, a target, the pass mark or last year's score."""
_NEGATIVE_AFTER = ("ขึ้นไป",)
_LEVEL_RE = re.compile(r"(?<!ยก)ระดับ\s*(?P<level>[A-F]{1,2}\b|[\u0e01-\u0e4e]+)")
_LEVEL_STOPS = (
    "ด้วย",
    "โดย",
    "มี",
    "ได้",
    "คะแนน",
    "ซึ่ง",
    "และ",
    "ผลคะแนน",
    "เนื่องจาก",
    "จึง",
    "ไม่ผ่าน",
    "ผ่าน",
)
"""Words that follow the level; one right after ระดับ means the level itself was unreadable
("ระดับ ผ่านการประเมิน": OCR dropped the letter A) and is reported, not guessed."""
_FY_RE = re.compile(r"(?:ปีงบประมาณ|ประจำปี)\s*(?:พ\s?\.\s?ศ\s?\.?)?\s*(?P<year>25\d\d)(?!\d)")
WINDOW = 220
SUB_INDEX_REACH = 90
"""How far back a แบบวัด (sub-index) name makes a plain "ได้ N คะแนน" a sub-score."""
_PASS_RE = re.compile(r"(?P<neg>ไม่\s?)?ผ่าน(?:\s*(?:การประเมิน|เกณฑ์)|(?=\s|$))")
"""ผ่าน/ไม่ผ่าน (การประเมิน|เกณฑ์), also split over a line break or standing alone."""


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


def _sub_index_before(text: str, pos: int, before: str) -> bool:
    """A sub-index's score whose label is out of the 45-character reach: "แบบวัดการรับรู้ของ
    ผู้มีส่วนได้ส่วนเสียภายใน (IIT) ได้ 81.10 คะแนน", where OCR misread "(IIT)" and the
    long name puts แบบวัด further back. A strongly labelled number ("ผลคะแนน 84.14") is
    never taken for one."""
    return "แบบวัด" in text[max(0, pos - SUB_INDEX_REACH) : pos] and not _STRONG_LABEL.search(before)


def _score_candidates(text: str, offsets: list[tuple[int, int]]) -> list[_Candidate]:
    """Numbers stated as a score ("... 84.14 คะแนน", "ได้คะแนน 91.02"), weighted by how much
    their surroundings look like the statement of the assessment result."""
    out = []
    for m in _NUMBER_RE.finditer(text):
        raw = m.group("value")
        value = float(raw)
        if not 0 <= value <= 100:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start : m.start()].strip() == "" and text[m.end() : m.end() + 1] in (".", ")"):
            continue  # list numbering ("3. ผลการดำเนินการ")
        before = text[max(0, m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 12].lstrip()
        followed = after.startswith("คะแนน")
        labelled = _LABEL_BEFORE.search(before) is not None
        if not (followed or labelled):
            continue
        decimals = len(raw.split(".")[1]) if "." in raw else 0
        weight = 1.0 + (3.0 if decimals == 2 else 1.0 if decimals == 1 else 0.0)
        weight += 1.0 if followed else 0.0
        weight += 1.5 if _STRONG_LABEL.search(before) else 0.0
        ahead = text[m.end() : m.end() + 60]
        weight += 2.0 if ("ระดับ" in ahead or "ผ่าน" in ahead) else 0.0
        weight += 1.0 if "ผลการประเมิน" in text[max(0, m.start() - 150) : m.start()] else 0.0
        near_before = text[max(0, m.start() - 45) : m.start()]
        if (
            any(w in near_before for w in _NEGATIVE_BEFORE)
            or any(w in after for w in _NEGATIVE_AFTER)
            or _sub_index_before(text, m.start(), before)
        ):
            weight -= 4.0
        out.append(_Candidate(value, m.start(), m.end(), weight, _page_of(offsets, m.start())))
    return out


def _level_near(text: str, cand: _Candidate) -> str | None:
    """The level words nearest the score: in the same sentence after it, else before it."""
    for lo, hi in ((cand.end, cand.end + 80), (max(0, cand.start - WINDOW), cand.start)):
        found = _level_in(text[lo:hi], anchor=cand.start - lo)
        if found:
            return found
    return None


SHORT_LEVELS = frozenset({"ดี", "สูง", "ต่ำ"})
"""The level words of one or two Thai consonants: ดี (good), and สูง (high) and ต่ำ (low) of the
older ITA scale (สูงมาก, สูง, ปานกลาง, ต่ำ, ต่ำมาก, ...)."""


def _misread_code(level: str) -> bool:
    """Whether Thai `level` is a Latin code OCR turned into one or two Thai letters ("ค" for A,
    "กล" for AA): no level word is that short but SHORT_LEVELS. Such a level is unreadable,
    not a word."""
    letters = [ch for ch in level if "\u0e01" <= ch <= "\u0e2e" or "\u0e40" <= ch <= "\u0e44"]
    return "\u0e01" <= level[0] <= "\u0e4e" and len(letters) <= 2 and level not in SHORT_LEVELS


LEVEL_STEMS = ("ดี", "เยี่ยม", "พอใช้", "ปานกลาง", "ปรับปรุง", "สูง", "ต่ำ", "มาก", "ผ่าน")
"""What Thai level words are made of: ดีเยี่ยม, ดีมาก, ดี, พอใช้, ปานกลาง, ต้องปรับปรุง (the
ITA's), สูงมาก ... ต่ำมาก (older reports'). Compared on skeletons, as OCR drops marks."""
_LEVEL_SKELETONS = tuple(skeleton(s) for s in LEVEL_STEMS if len(skeleton(s)) >= 2)


def _level_words(level: str) -> bool:
    """Whether `level` can be a level: a Latin code, or Thai made of level words ("คุณธรรม"
    after a ระดับ OCR split from ยก is not)."""
    if re.fullmatch(r"[A-F]{1,2}", level):
        return True
    sk = skeleton(level)
    return "ดี" in level or any(s in sk for s in _LEVEL_SKELETONS)


def _level_in(window: str, anchor: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in _LEVEL_RE.finditer(window):
        level = m.group("level")
        if level.startswith(_LEVEL_STOPS):  # "ระดับ ด้วยผลคะแนน": the level itself was unreadable
            continue
        for stop in _LEVEL_STOPS:
            k = level.find(stop)
            if k > 0:
                level = level[:k]
        if not level or level in ("ชาติ", "สากล", "หน่วยงาน", "ประเทศ"):
            continue
        if _misread_code(level) or not _level_words(level):
            continue
        distance = abs(m.start() - anchor)
        if best is None or distance < best[0]:
            best = (distance, level)
    return best[1] if best else None


def _passed_near(text: str, cand: _Candidate) -> bool | None:
    """ผ่าน / ไม่ผ่าน stated with the score: after it in the sentence first, else before it."""
    for lo, hi in ((cand.end, cand.end + 80), (max(0, cand.start - WINDOW), cand.start)):
        window = text[lo:hi]
        anchor = cand.start - lo
        best: tuple[int, bool] | None = None
        for m in _PASS_RE.finditer(window):
            distance = abs(m.start() - anchor)
            verdict = m.group("neg") is None
            if best is None or distance < best[0]:
                best = (distance, verdict)
        if best is not None:
            return best[1]
    return None


def parse_assessment(
    lines: Sequence[TextLine], warnings: WarningList, memo_year_be: int | None = None
) -> Assessment:
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
        strong = {c.value for c in candidates if c.weight >= max(best.weight - 1.5, 5.0)}
        if len(strong) > 1:
            warnings.add(
                "score_inconsistent",
                "the document states different scores: "
                + ", ".join(f"{v:g}" for v in sorted(strong)),
                best.page,
            )
        # The same score may be stated several times; read level and pass/fail from the
        # statements of *that* score, strongest first.
        same = sorted((c for c in candidates if c.value == best.value), key=lambda c: -c.weight)
        level = next((v for v in (_level_near(text, c) for c in same) if v), None)
        if level is None:  # stated beside another statement of the score, one OCR misread
            rest = sorted((c for c in candidates if c.value != best.value), key=lambda c: -c.weight)
            level = next((v for v in (_level_near(text, c) for c in rest) if v), None)
        passed = next((v for v in (_passed_near(text, c) for c in same) if v is not None), None)
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
    if level is None and score is not None and evidence is not None and "ระดับ" in evidence:
        warnings.add(
            "level_unreadable",
            "the report states a level (ระดับ ...) with the score, but its words could not be "
            "read (check the page image)",
            evidence_page,
        )
    elif level is None and score is not None:
        warnings.add("level_not_found", "the report states no level (ระดับ ...) near the score")

    years = [int(m.group("year")) for m in _FY_RE.finditer(text)]
    fy = None
    if years:
        counts = Counter(years)
        fy = max(counts, key=lambda y: (counts[y], -years.index(y)))
        rivals = [
            y for y, n in counts.items() if y != fy and n * 2 >= counts[fy] and abs(y - fy) != 1
        ]
        if rivals:
            warnings.add(
                "fiscal_year_inconsistent",
                f"the report names fiscal year {fy} most, but also "
                + ", ".join(str(y) for y in sorted(rivals)),
            )
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
