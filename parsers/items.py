"""Split the text of a table cell into items: numbered, bulleted, or one per paragraph.

Cells of ITA measure tables list several actions or results. Authors mark them with Thai or
Arabic numbering ("๑." — already Arabic here), bullets ("-", "•"), or just start a new paragraph.
Numbering is also recognised inline ("1. ... 2. ...") but only when the number is the next one in
sequence, so "พ.ศ. 2566" or "ที่ 70/2566" never split an item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from parsers.layout import TextLine, ends_early, join_pair, median

_NUMBER = r"\(?(?P<num>\d{1,2})\s?[.)]"
_BULLET = r"(?P<bullet>[-–—•●○▪■◆❖➢►*·])"
MARKER_RE = re.compile(rf"^\s*(?:{_NUMBER}(?!\d)|{_BULLET})\s*")
TITLE_NUMBER_RE = re.compile(r"^\s*(?:\(?\d{1,2}\s?[.)](?!\d)|ข้อ\s*\d{1,2}\.?)\s*")


def marker(text: str) -> tuple[str | None, int | None, int]:
    """(kind, number, length) of the item marker at the start of `text`, kind None if none."""
    m = MARKER_RE.match(text)
    if not m:
        return None, None, 0
    if m.group("num") is not None:
        return "number", int(m.group("num")), m.end()
    return "bullet", None, m.end()


def strip_title_number(text: str) -> str:
    """A measure title without its leading "1." / "(1)" / "ข้อ 1"."""
    return TITLE_NUMBER_RE.sub("", text, count=1).strip()


def _split_inline(text: str, start_number: int | None) -> list[str]:
    """Split "1. aaa 2. bbb" at the next numbers in sequence."""
    if start_number is None:
        return [text]
    parts = []
    expected = start_number + 1
    rest = text
    while True:
        m = re.search(rf"(?:^|\s)\(?{expected}\s?[.)](?!\d)\s*", rest[1:])
        if not m:
            break
        cut = m.start() + 1
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
        expected += 1
    parts.append(rest.strip())
    return [p for p in parts if p]


def _strip(text: str) -> str:
    _, _, n = marker(text)
    return " ".join(text[n:].split())


def split_items(lines: Sequence[TextLine], right_edge: float) -> list[str]:
    """Items of a cell, markers stripped, wrapped lines joined."""
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return []
    pitches = [b.bbox.y0 - a.bbox.y0 for a, b in zip(lines, lines[1:], strict=False) if b.bbox.y0 > a.bbox.y0]
    pitch = median(pitches) if pitches else lines[0].bbox.height
    groups: list[list[TextLine]] = []
    for i, line in enumerate(lines):
        kind, _, _ = marker(line.text)
        new = not groups or kind is not None
        if not new:
            prev = lines[i - 1]
            gap = line.bbox.y0 - prev.bbox.y0
            new = ends_early(prev, line, right_edge) or (pitch > 0 and gap > 1.6 * pitch)
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    items: list[str] = []
    for group in groups:
        text = group[0].text
        for prev, nxt in zip(group, group[1:], strict=False):
            text = join_pair(text, nxt.text, ends_early(prev, nxt, right_edge))
        kind, number, _ = marker(text)
        pieces = _split_inline(text, number if kind == "number" else None)
        items.extend(_strip(p) for p in pieces)
    return [i for i in items if i]
