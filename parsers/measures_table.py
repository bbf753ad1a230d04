"""The integrity-measures table: ruled grids on one or more pages → one record per measure.

Steps: find ruled grids on each page; put every line (split at column borders) into its cell;
recognise the header row by its column keywords (also on repeated headers, and reuse the column
map on continuation pages that do not repeat it); read body rows keyed by the measure-title
cell; merge a row that continues after a page break into the measure it continues; finally split
each cell into items.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from parsers.items import PAGE_BREAK_ROOM, marker, split_cell, strip_title_number
from parsers.layout import TextLine, join_lines, median, split_line, to_text_line
from parsers.table_grid import Cell, Grid, find_grids
from parsers.thai_match import skeleton
from parsers.warnings import WarningList
from schemas.document import Measure
from schemas.page import Page

MAX_PAD = 8.0
FIELDS = ("title", "methods", "results", "outcomes", "responsible", "note")

# Checked in this order: the first field whose keyword occurs in a header cell wins, because
# header texts overlap ("ผลลัพธ์หรือความสำเร็จของการดำเนินการ" also contains "การดำเนินการ").
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("index", ("ลำดับ",)),
    ("outcomes", ("ผลลัพธ์", "ความสำเร็จ", "ผลสัมฤทธิ์", "ตัวชี้วัด")),
    ("responsible", ("ผู้รับผิดชอบ", "หน่วยงานรับผิดชอบ", "รับผิดชอบ")),
    ("note", ("หมายเหตุ",)),
    ("methods", ("วิธีการ", "แนวทางการดำเนินการ", "ขั้นตอน")),
    ("results", ("สรุปผล", "ผลการดำเนินการ", "ผลการดำเนินงาน", "ผลการปฏิบัติ")),
    ("title", ("มาตรการ", "กิจกรรม", "โครงการ")),
)
_TITLE_SKELETONS = tuple(skeleton(k) for k in ("มาตรการ", "กิจกรรม", "โครงการ"))
_KEY_SKELETONS = tuple((f, tuple(skeleton(k) for k in ks)) for f, ks in _KEYWORDS)


@dataclass(slots=True)
class _Part:
    """The piece of one measure row drawn on one page."""

    page: int
    first_on_page: bool
    cells: dict[str, list[TextLine]] = field(default_factory=dict)
    edges: dict[str, float] = field(default_factory=dict)
    lefts: dict[str, float] = field(default_factory=dict)
    bottoms: dict[str, float] = field(default_factory=dict)
    pitch: float | None = None


FUZZY_HEADER = 85.0
"""Least partial-match score (0-100) for a header OCR garbled past an exact keyword."""
_EXACT, _TITLE = 300.0, 1000.0


def header_scores(text: str) -> dict[str, float]:
    """How well a header cell's text names each field: the fields it may name, scored.

    Matched on skeletons (OCR drops marks) of the Thai letters only (OCR adds stray dots).
    A header starting with a title keyword is the title ("มาตรการ/แนวทางการดำเนินการ" names
    the measure though it mentions methods); a keyword found whole scores _EXACT, less the
    field's place in _KEYWORDS (header texts overlap: "ผลลัพธ์หรือความสำเร็จของการดำเนินการ"
    also holds "การดำเนินการ"); otherwise keywords of five letters or more match partially,
    allowing a letter or two OCR got wrong, from FUZZY_HEADER up.
    """
    sk = skeleton("".join(ch for ch in text if "\u0e01" <= ch <= "\u0e4e"))
    if not sk:
        return {}
    if sk in ("ที", "ลำดบ", "ลาดบ"):
        return {"index": _TITLE}
    if any(sk.startswith(k) for k in _TITLE_SKELETONS):
        return {"title": _TITLE}
    out: dict[str, float] = {}
    for rank, (name, keys) in enumerate(_KEY_SKELETONS):
        if any(k in sk for k in keys):
            out[name] = _EXACT - rank
        elif any(len(k) >= 5 for k in keys):
            score = max(fuzz.partial_ratio(k, sk) for k in keys if len(k) >= 5)
            if score >= FUZZY_HEADER:
                out[name] = score
    return out


def _best_field(scores: dict[str, float], taken: Collection[str]) -> str | None:
    """The best-scoring field not `taken`, or None."""
    free = {n: v for n, v in scores.items() if n not in taken}
    return max(free, key=free.__getitem__) if free else None


def classify_header(text: str, taken: Collection[str] = ()) -> str | None:
    """The field a header cell names on its own (the best-scoring one not `taken`), or None."""
    return _best_field(header_scores(text), taken)


MAX_ASSIGNMENTS = 20_000
"""Beyond this many ways to name a row's cells the row is read cell by cell: a header row
has a few candidate fields per cell, a body row of long text may half-match many."""


def assign_headers(cells: Sequence[dict[str, float]]) -> list[str | None]:
    """The field of each header cell, best over the whole row: each field once (the index
    column aside), the total score highest.

    Why not cell by cell: a garbled "วิธีการดำเนินการ" ("วรธการดาเนนการ") matches the results
    keyword "ผลการดำเนินการ" a little better than "วิธีการ"; read first, it took results, and
    the real results header, read next, was left methods. The whole row is consistent only
    one way round. Ties keep the left-to-right reading's choice.
    """
    if math.prod(len(c) + 1 for c in cells) > MAX_ASSIGNMENTS:  # not a header row
        taken: set[str] = set()
        greedy: list[str | None] = []
        for c in cells:
            name = _best_field(c, taken - {"index"})
            taken |= {name} if name else set()
            greedy.append(name)
        return greedy
    best: tuple[float, list[str | None]] = (-1.0, [])
    # what the cells from i on could add at most: branches that cannot win are cut (a body
    # row of long cells may half-match several fields in every cell)
    reach = [0.0] * (len(cells) + 1)
    for i in range(len(cells) - 1, -1, -1):
        reach[i] = reach[i + 1] + max(cells[i].values(), default=0.0)

    def walk(i: int, used: frozenset[str], total: float, chosen: list[str | None]) -> None:
        nonlocal best
        if total + reach[i] <= best[0]:
            return
        if i == len(cells):
            best = (total, list(chosen))
            return
        options = sorted(cells[i].items(), key=lambda kv: -kv[1])
        for name, score in options:
            if name == "index" or name not in used:
                walk(i + 1, used | {name}, total + score, [*chosen, name])
        walk(i + 1, used, total, [*chosen, None])

    walk(0, frozenset(), 0.0, [])
    return best[1]


ROW_OVERLAP = 0.6
"""Two pieces of a cell whose heights overlap this much (of the smaller) are one row."""


def _cell_lines(page: Page, grid: Grid) -> dict[tuple[int, int], list[TextLine]]:
    """Lines of the page inside the grid, split at column borders, keyed by cell (row, col)."""
    box = grid.bbox
    cuts = grid.xs[1:-1]
    out: dict[tuple[int, int], list[TextLine]] = {}
    for line in page.lines:
        if not box.contains_point(line.bbox.cx, line.bbox.cy, tol=2.0):
            continue
        for piece in split_line(line, cuts):
            cell = _cell_at(grid, piece.bbox.cx, piece.bbox.cy)
            if cell is None:
                continue
            tl = to_text_line(piece, page.number, ocr=page.mode == "ocr")
            if tl.text:
                out.setdefault((cell.row, cell.col), []).append(tl)
    return {key: _rows(lines) for key, lines in out.items()}


def _rows(lines: list[TextLine]) -> list[TextLine]:
    """A cell's lines top to bottom, the pieces of one row joined left to right.

    Why: OCR may return a row as several lines ("๑" beside "มาตรการยกระดับ", a list marker
    its sparse mode read on its own). Ordered by their tops alone, a piece a pixel lower than
    its neighbour came after it, and the cell's items were cut there.
    """
    ordered = sorted(lines, key=lambda t: t.bbox.cy)
    rows: list[list[TextLine]] = []
    for line in ordered:
        last = rows[-1][-1] if rows else None
        same = last is not None and (
            min(last.bbox.y1, line.bbox.y1) - max(last.bbox.y0, line.bbox.y0)
            >= ROW_OVERLAP * min(last.bbox.height, line.bbox.height)
        )
        if same:
            rows[-1].append(line)
        else:
            rows.append([line])
    out = []
    for row in rows:
        row.sort(key=lambda t: t.bbox.x0)
        first = row[0]
        for piece in row[1:]:
            first = replace(
                first,
                text=f"{first.text} {piece.text}",
                bbox=first.bbox.union(piece.bbox),
                trailing_space=piece.trailing_space,
                min_conf=min(
                    (c for c in (first.min_conf, piece.min_conf) if c is not None), default=None
                ),
            )
        out.append(first)
    return out


def _cell_at(grid: Grid, x: float, y: float) -> Cell | None:
    for cell in grid.cells:
        if cell.bbox.contains_point(x, y, tol=1.0):
            return cell
    return None


def _header(
    grid: Grid, lines: dict[tuple[int, int], list[TextLine]]
) -> tuple[int, dict[int, str]] | None:
    """(row index, column → field) of the header row, if the grid has one."""
    for row in range(min(grid.n_rows, 3)):
        mapping: dict[int, str] = {}
        cells = [cell for cell in grid.cells if cell.row == row]
        scores = [
            header_scores(" ".join(t.text for t in lines.get((cell.row, cell.col), [])))
            for cell in cells
        ]
        for cell, name in zip(cells, assign_headers(scores), strict=True):
            if name:
                for c in range(cell.col, cell.col + cell.col_span):
                    mapping[c] = name
        if len(set(mapping.values()) - {"index"}) >= 2:
            if "title" not in mapping.values():
                first = min((c for c in range(grid.n_cols) if c not in mapping), default=None)
                if first is not None and first < min(mapping):
                    mapping[first] = "title"
            _fill_by_order(mapping, grid.n_cols)
            return row, mapping
    return None


def _fill_by_order(mapping: dict[int, str], n_cols: int) -> None:
    """Name unreadable header cells from their neighbours and the usual column order.

    A column between, say, outcomes and note whose header OCR could not read is the
    responsible column when that is the only field the usual order puts between them. Two
    such columns side by side between methods and responsible are results and outcomes, in
    that order: as many unread columns as fields the order leaves between their neighbours.
    """
    order = {name: i for i, name in enumerate(FIELDS)}
    col = 0
    while col < n_cols:
        if col in mapping:
            col += 1
            continue
        end = col
        while end + 1 < n_cols and end + 1 not in mapping:
            end += 1
        left = next((mapping[c] for c in range(col - 1, -1, -1) if mapping.get(c) in order), None)
        right = next((mapping[c] for c in range(end + 1, n_cols) if mapping.get(c) in order), None)
        if left is not None and right is not None:
            between = [
                f for f in FIELDS[order[left] + 1 : order[right]] if f not in mapping.values()
            ]
            if len(between) == end - col + 1:
                for c, name in zip(range(col, end + 1), between, strict=True):
                    mapping[c] = name
        col = end + 1


def _similar_columns(a: Grid, b: Grid) -> bool:
    if a.n_cols != b.n_cols:
        return False
    wa, wb = a.bbox.width, b.bbox.width
    return all(
        abs((xa - a.xs[0]) / wa - (xb - b.xs[0]) / wb) < 0.03
        for xa, xb in zip(a.xs, b.xs, strict=True)
    )


def _parts(pages: Sequence[Page]) -> tuple[list[_Part], bool, list[int]]:
    """The measure rows' pieces, whether a header row was found, and the pages where a
    column with text had no field (its header unreadable): that text is not in the output."""
    parts: list[_Part] = []
    found_header = False
    unnamed: list[int] = []
    last: tuple[Grid, dict[int, str]] | None = None
    for page in pages:
        for grid in find_grids(page.rulings, min_cols=3):
            lines = _cell_lines(page, grid)
            header = _header(grid, lines)
            if header is not None:
                start, mapping = header[0] + 1, header[1]
                found_header = True
                last = (grid, mapping)
            elif last is not None and _similar_columns(grid, last[0]):
                start, mapping = 0, last[1]
            else:
                continue
            title_cols = [c for c, f in mapping.items() if f == "title"]
            if not title_cols:
                continue
            title_col = title_cols[0]
            if any(c not in mapping and r >= start for r, c in lines):
                unnamed.append(page.number)
            pitch = _line_pitch(lines)
            first = True
            for cell in grid.cells:
                if cell.row < start or title_col not in range(cell.col, cell.col + cell.col_span):
                    continue
                part = _Part(page=page.number, first_on_page=first, pitch=pitch)
                first = False
                for other in grid.cells:
                    if not _rows_overlap(cell, other):
                        continue
                    name = mapping.get(other.col)
                    if name is None or name == "index":
                        continue
                    got = lines.get((other.row, other.col), [])
                    part.cells.setdefault(name, []).extend(got)
                    part.bottoms[name] = max(part.bottoms.get(name, 0.0), other.bbox.y1)
                    # Cell padding from the leftmost line, capped: centred text sits far in.
                    pad = (
                        min(MAX_PAD, max(1.0, min(t.bbox.x0 for t in got) - other.bbox.x0))
                        if got
                        else 3.0
                    )
                    part.edges[name] = other.bbox.x1 - pad
                    part.lefts[name] = other.bbox.x0 + pad
                if any(part.cells.values()):
                    parts.append(part)
    return parts, found_header, unnamed


def _line_pitch(cells: dict[tuple[int, int], list[TextLine]]) -> float | None:
    """The table's single-spacing line pitch: lower quartile of consecutive-line distances."""
    pitches = sorted(
        b.bbox.cy - a.bbox.cy
        for lines in cells.values()
        for a, b in itertools.pairwise(lines)
        if b.bbox.cy - a.bbox.cy > 0.3 * max(a.bbox.height, 1.0)
    )
    return pitches[len(pitches) // 4] if len(pitches) >= 4 else None


def _rows_overlap(a: Cell, b: Cell) -> bool:
    return a.row < b.row + b.row_span and b.row < a.row + a.row_span


def _first_number(lines: list[TextLine]) -> int | None:
    if not lines:
        return None
    kind, number, _ = marker(lines[0].text)
    return number if kind == "number" else None


def _runs_to_page_end(part: _Part, name: str) -> bool:
    """Whether the text of `part`'s `name` cell reaches the bottom of the cell: the page break
    cut it, as `split_cell` also judges an item cut (PAGE_BREAK_ROOM)."""
    lines = part.cells.get(name, [])
    bottom = part.bottoms.get(name)
    if not lines or bottom is None:
        return False
    pitch = part.pitch or 1.3 * median(ln.bbox.height for ln in lines)
    return bottom - max(ln.bbox.y1 for ln in lines) <= PAGE_BREAK_ROOM * pitch


def is_continuation(part: _Part, previous: list[_Part]) -> bool:
    """Does `part` (at the top of a page) continue the measure whose parts are `previous`?

    A title cell at the top of the page is the rest of the previous title when that title ran
    to the foot of its page; otherwise item numbers decide (a list going on at 2, 3 continues).
    """
    if not previous or not part.first_on_page:
        return False
    title = part.cells.get("title", [])
    if not title:
        return True
    if marker(title[0].text)[0] == "number":
        return False
    if _runs_to_page_end(previous[-1], "title"):
        return True
    found = (_first_number(part.cells.get(f, [])) for f in FIELDS if f != "title")
    numbers = [n for n in found if n is not None]
    if numbers and all(n == 1 for n in numbers):
        return False
    if numbers and all(n > 1 for n in numbers):
        return True
    prev_title = previous[0].cells.get("title", [])
    return bool(prev_title) and marker(prev_title[0].text)[0] == "number" and not numbers


def parse_measures(pages: Sequence[Page], warnings: WarningList) -> list[Measure]:
    """Every measure of the document's measures table, in table order."""
    parts, found_header, unnamed = _parts(pages)
    if not found_header:
        warnings.add("measures_table_not_found", "no ruled table with measure columns was found")
        return []
    for page in unnamed:
        warnings.add(
            "measures_column_unknown",
            "a column of the measures table has a header itadoc could not read, and its text "
            "is not in the output: check the page",
            page,
        )
    groups: list[list[_Part]] = []
    for part in parts:
        if groups and is_continuation(part, groups[-1]):
            groups[-1].append(part)
        else:
            groups.append([part])
    measures = []
    for index, group in enumerate(groups, start=1):
        values: dict[str, list[str]] = {}
        title = ""
        note: str | None = None
        anchors: list[tuple[int, float]] = []
        # Reference columns first: a responsible column is aligned with their items.
        for name in ("title", "results", "outcomes", "methods", "note", "responsible"):
            lines = [t for p in group for t in p.cells.get(name, [])]
            edges = [p.edges[name] for p in group if name in p.edges]
            edge = median(edges) if edges else None
            lefts = [p.lefts[name] for p in group if name in p.lefts]
            left = median(lefts) if lefts else None
            if name == "title":
                title = strip_title_number(join_lines(lines, edge, left))
                continue
            if name == "note":
                note = join_lines(lines, edge, left) or None
                continue
            if not lines or edge is None:
                values[name] = []
                continue
            pitches = [p.pitch for p in group if p.pitch]
            items = split_cell(
                lines,
                edge,
                line_pitch=median(pitches) if pitches else None,
                cell_bottoms={p.page: p.bottoms[name] for p in group if name in p.bottoms},
                anchors=anchors if name == "responsible" else (),
                left_edge=left,
            )
            values[name] = [i.text for i in items]
            if not anchors and len(items) > 1:
                anchors = [(i.page, i.y) for i in items]
        if not title:
            warnings.add("measure_title_missing", f"measure {index} has no title", group[0].page)
        measures.append(
            Measure(
                index=index,
                title=title,
                methods=values.get("methods", []),
                results=values.get("results", []),
                outcomes=values.get("outcomes", []),
                responsible=values.get("responsible", []),
                note=note,
                pages=sorted({p.page for p in group}),
            )
        )
    return measures
