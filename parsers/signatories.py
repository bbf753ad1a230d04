"""Signature blocks: "(name)" on its own line, then the position on the following line(s).

A name line is a whole line in brackets that looks like a person (a title such as นาย/นาง/
นางสาว/ว่าที่/ดร., or a first and last name). The position is the lines right below it that sit
in the same column (their centres within the block's width), stopping at a gap, at another name
line, or at the start of another block ("ความเห็น...", "คำสั่ง...", "ลงชื่อ").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.layout import TextLine, median
from parsers.warnings import WarningList
from schemas.document import Signatory

_NAME_RE = re.compile(r"^[(\[{]\s*(?P<name>[^()\[\]{}]{3,60}?)\s*[)\]}]{1,2}[\s.,:;'`|]*$")
"""A whole line in brackets. OCR reads the round brackets of a scanned "(name)" as square or
curly ones too, doubles the closing one, and adds specks after it: "[นายณรงค์ชัย คุณปลื้ม]",
"[นางสุภาพร วงศ์ใหญ่)]", "(นายกิตติพัฒน์ เรืองศรี) :"."""
_TITLES = ("นาย", "นาง", "นางสาว", "น.ส.", "ว่าที่", "ดร.", "พ.ต.", "ร.ต.", "จ.ส.", "พ.อ.", "ส.อ.")
_BLOCK_STARTS = ("ความเห็น", "คำสั่ง", "ลงชื่อ", "เรียน", "ทราบ", "อนุมัติ", "จึงเรียน")
MAX_POSITION_LINES = 3


_SPECKS = re.compile(r"[!|'`\"“”‘’]")


def mend_name(name: str) -> str:
    """A bracketed name with OCR's specks dropped and a title it split joined again.

    "นา! ยอภิชาติ แสนสุข" (a speck read as "!", the space after it moved into นาย) is
    "นายอภิชาติ แสนสุข": the first word joined to the second starts with a title that the
    first word alone cuts short.
    """
    parts = _SPECKS.sub("", name).split()
    if len(parts) >= 3:
        joined = parts[0] + parts[1]
        if any(t != parts[0] and t.startswith(parts[0]) and joined.startswith(t) for t in _TITLES):
            parts = [joined, *parts[2:]]
    return " ".join(parts)


def is_person_name(name: str) -> bool:
    name = name.strip()
    if any(name.startswith(t) for t in _TITLES):
        return True
    parts = name.split()
    return len(parts) == 2 and all(re.fullmatch(r"[\u0e01-\u0e4e.]+", p) for p in parts)


def parse_signatories(lines: Sequence[TextLine], warnings: WarningList) -> list[Signatory]:
    """Signatories in document order from the flow lines (not table cells) of all pages."""
    heights = [ln.bbox.height for ln in lines]
    line_h = median(heights) or 12.0
    out: list[Signatory] = []
    for i, line in enumerate(lines):
        m = _NAME_RE.match(line.text.strip())
        if not m:
            continue
        name = mend_name(m.group("name"))
        if not is_person_name(name):
            continue
        position: list[str] = []
        prev = line
        below = sorted(
            (
                o
                for o in lines[i + 1 :]
                if o.page == line.page
                and o.bbox.y0 > line.bbox.y0 + 0.5 * line_h
                and line.bbox.x0 - 3 * line_h <= o.bbox.cx <= line.bbox.x1 + 3 * line_h
            ),
            key=lambda o: o.bbox.y0,
        )
        for nxt in below[:MAX_POSITION_LINES]:
            gap = nxt.bbox.y0 - prev.bbox.y1
            if gap > 1.2 * line_h:
                break
            text = nxt.text.strip()
            if _NAME_RE.match(text) or text.startswith(_BLOCK_STARTS):
                break
            position.append(text)
            prev = nxt
        if not position:
            warnings.add(
                "signatory_position_missing", f"no position line under {name!r}", line.page
            )
        out.append(Signatory(name=name, position=" ".join(position) or None, page=line.page))
    return out
