"""Split the text of a table cell into items: numbered, bulleted, or one per paragraph.

Cells of ITA measure tables list several actions or results. Authors mark them with Thai or
Arabic numbering ("๑." — already Arabic here), bullets ("-", "•"), or just start a new paragraph.
Numbering is also recognised inline ("1. ... 2. ...") but only when the number is the next one in
sequence, so "พ.ศ. 2566" or "ที่ 70/2566" never split an item.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from parsers.layout import TextLine, char_width, ends_early, join_pair, median
from parsers.thai_lexicon import word_spans

_NUMBER = r"\(?(?P<num>\d{1,2})\s?[.)]"
_BULLET = r"(?P<bullet>[-–—•●○▪■◆❖➢►*·]|[.»«°](?=\s))"
"""Bullets; OCR reads "•" as ".", "»" or "°", which never start a real line before a space."""
MARKER_RE = re.compile(rf"^\s*(?:{_NUMBER}(?!\d)|{_BULLET})\s*")
PARAGRAPH_GAP = 1.45
PAGE_BREAK_ROOM = 1.6
"""A cell with more room than this (in line pitches) below its last line on a page was
complete there, not cut by the page break."""
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


@dataclass(frozen=True, slots=True)
class Item:
    """One item of a cell and where its first line starts (page, y)."""

    text: str
    page: int
    y: float


def _starts_at_anchor(line: TextLine, anchors: Sequence[tuple[int, float]], tol: float) -> bool:
    return any(page == line.page and abs(y - line.bbox.y0) <= tol for page, y in anchors)


def _closes_bracket(group: Sequence[TextLine], line: TextLine) -> bool:
    """Whether `line` closes a bracket the item so far left open: "(งาน" then "พัสดุ)".

    Why: an item cannot end inside brackets, however short its line ends; only a marker
    starts a new item there. The closing bracket must be on this very line, so one stray
    "(" from OCR cannot glue a whole cell together.
    """
    text = "".join(ln.text for ln in group)
    if text.count("(") <= text.count(")"):
        return False
    close = line.text.find(")")
    return close >= 0 and "(" not in line.text[:close]


BROKEN_WORD_MIN = 4
"""A word cut by the line breaker is trusted from this many letters, two or more each side."""


def _broken_word_tail(line: TextLine, after: TextLine | None) -> int:
    """Letters of `after` that finish a word `line` (one unspaced chunk) broke off.

    Why: a column narrower than a word makes the line breaker cut the word itself
    ("งาน" / "ประชา" / "สัมพันธ์"). The word that did not fit after "งาน" was the whole
    "ประชาสัมพันธ์", not the "ประชา" its next line starts with, so "งาน" did not end early.
    Only a dictionary word across the break counts; 0 when there is none.
    """
    text = line.text.strip()
    if after is None or not text or " " in text:
        return 0
    head = after.text.strip().split(" ", 1)[0]
    seam = len(text)
    for i, j, known in word_spans(text + head):
        if known and i <= seam - 2 and j >= seam + 2 and j - i >= BROKEN_WORD_MIN:
            return j - seam
    return 0


def _ended_early(
    lines: Sequence[TextLine], i: int, right_edge: float, left_edge: float | None
) -> bool:
    """`ends_early` for the break before lines[i], measuring a broken word whole."""
    prev, line = lines[i - 1], lines[i]
    after = lines[i + 1] if i + 1 < len(lines) and lines[i + 1].page == line.page else None
    tail = _broken_word_tail(line, after)
    if tail and after is not None:
        line = replace(line, head_width=line.bbox.width + tail * char_width(after))
    return ends_early(prev, line, right_edge, left_edge)


def split_cell(
    lines: Sequence[TextLine],
    right_edge: float,
    *,
    line_pitch: float | None = None,
    cell_bottoms: Mapping[int, float] | None = None,
    anchors: Sequence[tuple[int, float]] = (),
    left_edge: float | None = None,
) -> list[Item]:
    """Items of a cell, markers stripped, wrapped lines joined.

    A new item starts at a marker, after a line the author ended early, after a vertical gap
    clearly wider than the table's single line pitch (`line_pitch`: entries aligned with the
    items of another column), on a new page when the cell on the previous page had room left
    below its last line (`cell_bottoms`: page → bottom of the cell there, i.e. the item was
    complete before the page break rather than cut by it), and at a line level with the start
    of an item in the column this one is aligned with (`anchors`: (page, y) of those starts —
    how a responsible-unit column lines up with the results it belongs to).
    """
    lines = [ln for ln in lines if ln.text.strip()]
    if not lines:
        return []
    height = median(ln.bbox.height for ln in lines)
    pitch = line_pitch or 1.3 * height
    groups: list[list[TextLine]] = []
    for i, line in enumerate(lines):
        kind, _, _ = marker(line.text)
        new = not groups or kind is not None
        if not new:
            prev = lines[i - 1]
            if line.page == prev.page:
                far = line.bbox.cy - prev.bbox.cy > PARAGRAPH_GAP * pitch
            else:
                bottom = (cell_bottoms or {}).get(prev.page)
                far = bottom is not None and bottom - prev.bbox.y1 > PAGE_BREAK_ROOM * pitch
            new = not _closes_bracket(groups[-1], line) and (
                far
                or _ended_early(lines, i, right_edge, left_edge)
                or _starts_at_anchor(line, anchors, 0.35 * pitch)
            )
        if new:
            groups.append([line])
        else:
            groups[-1].append(line)
    items: list[Item] = []
    for group in groups:
        text = group[0].text
        for k in range(1, len(group)):
            explicit = group[k - 1].trailing_space or _ended_early(group, k, right_edge, left_edge)
            text = join_pair(text, group[k].text, explicit)
        kind, number, _ = marker(text)
        pieces = _split_inline(text, number if kind == "number" else None)
        head = group[0]
        items.extend(Item(_strip(p), head.page, head.bbox.y0) for p in pieces)
    return [i for i in items if i.text]


def split_items(lines: Sequence[TextLine], right_edge: float, **kwargs: Any) -> list[str]:
    """The texts of `split_cell`."""
    return [item.text for item in split_cell(lines, right_edge, **kwargs)]
