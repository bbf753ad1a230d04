"""The measures table on A4 landscape pages, laid out like a Word table.

Reproduced because parsers depend on it: ruled grid, a bold (optionally shaded) header row
repeated on every page, multi-line wrapped cells, paragraphs inside cells, responsible entries
aligned with the result items they belong to, and rows that break across pages at one height
with each cell continuing at the top of the next page (so a continued row's title cell is empty).
"""

from __future__ import annotations

from dataclasses import dataclass

from samples.generator.canvas import A4_LANDSCAPE, FillItem, RuleItem
from samples.generator.layout import Flow, Rendered
from samples.generator.shaping import wrap
from samples.generator.spec import CellPara, DocSpec, Measure

PAD_X = 4.0
PAD_Y = 3.0


@dataclass
class CellLine:
    y: float  # top of the line box, relative to the row's content top
    text: str


def para_text(para: CellPara) -> str:
    """How a cell paragraph is printed: inline items are separated by one space."""
    return para if isinstance(para, str) else " ".join(para)


def cell_paras(measure: Measure, key: str) -> list[CellPara]:
    if key == "title":
        return [measure.title]
    paras: list[CellPara] = getattr(measure, key)
    return paras


class Table:
    """Draws header and row segments on landscape pages, starting new pages as needed."""

    def __init__(self, spec: DocSpec, out: Rendered):
        tl = spec.layout.table
        self.tl = tl
        m = tl.margin
        self.flow = Flow(spec, out, "table", A4_LANDSCAPE, numbered=True, margins=(m, m, m, m))
        self.size = tl.size
        self.lh = tl.size * tl.line_spacing
        total = sum(c.width for c in tl.columns)
        xs = [self.flow.left]
        for c in tl.columns:
            xs.append(xs[-1] + self.flow.width * c.width / total)
        self.xs = xs
        self.keys: list[str] = [c.key for c in tl.columns]
        if tl.caption:
            self.flow.paragraph(tl.caption, bold=True, size=self.size * 1.1, justify="none")
            self.flow.y += 4
        self.header()

    def col_width(self, i: int) -> float:
        return self.xs[i + 1] - self.xs[i] - 2 * PAD_X

    # -- header -----------------------------------------------------------------------------
    def header(self) -> None:
        flow = self.flow
        cells = [
            wrap(flow.bold, self.size, c.header, self.col_width(i))
            for i, c in enumerate(self.tl.columns)
        ]
        n = max(len(c) for c in cells)
        h = n * self.lh + 2 * PAD_Y
        top = flow.y
        if self.tl.header_fill is not None:
            flow.page.items.append(
                FillItem(self.xs[0], top, self.xs[-1] - self.xs[0], h, self.tl.header_fill)
            )
        for i, lines in enumerate(cells):
            y = top + PAD_Y + (n - len(lines)) * self.lh / 2
            for text in lines:
                flow.draw(
                    text,
                    self.xs[i] + PAD_X,
                    y + self.lh * 0.74,
                    self.col_width(i),
                    flow.bold,
                    self.size,
                    "center",
                )
                y += self.lh
        self._rule(self.xs[0], top, self.xs[-1], top)
        self._grid(top, h)
        flow.y = top + h

    def _rule(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.flow.page.items.append(RuleItem(x0, y0, x1, y1, width=0.6))

    def _grid(self, top: float, h: float) -> None:
        for x in self.xs:
            self._rule(x, top, x, top + h)
        self._rule(self.xs[0], top + h, self.xs[-1], top + h)

    # -- rows -------------------------------------------------------------------------------
    def layout_row(self, measure: Measure) -> dict[str, list[CellLine]]:
        flow = self.flow
        gap = self.tl.para_gap
        wrapped: dict[str, list[list[str]]] = {}
        for i, key in enumerate(self.keys):
            wrapped[key] = [
                wrap(flow.regular, self.size, para_text(p), self.col_width(i))
                for p in cell_paras(measure, key)
            ]
        rows: dict[str, list[CellLine]] = {}
        align = measure.align_responsible or self.tl.align_responsible
        paired = align if align in wrapped and "responsible" in wrapped else None
        for key, paras in wrapped.items():
            if key == "responsible" and paired:
                continue
            if key == paired:
                rows[key], rows["responsible"] = self._paired(paras, wrapped["responsible"], gap)
                continue
            y = 0.0
            lines: list[CellLine] = []
            for para in paras:
                for text in para:
                    lines.append(CellLine(y, text))
                    y += self.lh
                y += gap
            rows[key] = lines
        return rows

    def _paired(
        self, target: list[list[str]], resp: list[list[str]], gap: float
    ) -> tuple[list[CellLine], list[CellLine]]:
        """Lay out two columns paragraph by paragraph so entry i of each starts at one height."""
        yt = yr = 0.0
        lt: list[CellLine] = []
        lr: list[CellLine] = []
        for i in range(max(len(target), len(resp))):
            top = max(yt, yr)
            if i < len(target):
                for k, text in enumerate(target[i]):
                    lt.append(CellLine(top + k * self.lh, text))
                yt = top + len(target[i]) * self.lh + gap
            if i < len(resp):
                for k, text in enumerate(resp[i]):
                    lr.append(CellLine(top + k * self.lh, text))
                yr = top + len(resp[i]) * self.lh + gap
        return lt, lr

    def draw_row(self, rows: dict[str, list[CellLine]]) -> list[int]:
        """Draw a row, splitting it over pages; returns the page numbers it was drawn on."""
        flow = self.flow
        pages: list[int] = []
        while True:
            content = max(
                (ln.y + self.lh for lines in rows.values() for ln in lines), default=self.lh
            )
            avail = flow.bottom - flow.y - 2 * PAD_Y
            if content <= avail + 0.01:
                self._segment(rows, content)
                pages.append(flow.page_no)
                return pages
            if avail < 2 * self.lh:
                flow.new_page()
                self.header()
                continue
            cut = avail
            here = {k: [ln for ln in v if ln.y + self.lh <= cut + 0.01] for k, v in rows.items()}
            rest: dict[str, list[CellLine]] = {}
            for k, v in rows.items():
                moved: list[CellLine] = []
                floor = 0.0
                for ln in v:
                    if ln.y + self.lh <= cut + 0.01:
                        continue
                    y = max(ln.y - cut, floor)
                    moved.append(CellLine(y, ln.text))
                    floor = y + self.lh
                rest[k] = moved
            self._segment(here, avail)
            pages.append(flow.page_no)
            flow.new_page()
            self.header()
            rows = rest

    def _segment(self, rows: dict[str, list[CellLine]], content: float) -> None:
        flow = self.flow
        top = flow.y
        h = content + 2 * PAD_Y
        for i, key in enumerate(self.keys):
            align = "center" if key in self.tl.center else "left"
            for ln in rows.get(key, []):
                baseline = top + PAD_Y + ln.y + self.lh * 0.74
                flow.draw(
                    ln.text,
                    self.xs[i] + PAD_X,
                    baseline,
                    self.col_width(i),
                    flow.regular,
                    self.size,
                    align,
                )
        self._grid(top, h)
        flow.y = top + h


def layout_table(spec: DocSpec, out: Rendered) -> None:
    table = Table(spec, out)
    for measure in spec.measures:
        out.measure_pages.append(table.draw_row(table.layout_row(measure)))
