"""Page model between layout and PDF: positioned lines, rules, fills and pen strokes.

Why a separate model: the same laid-out pages are written as a text-layer PDF under different
profiles, rasterized for scans, and inspected to derive ground-truth page numbers. Coordinates are
points with a top-left origin (y grows down), like `schemas.page`; the writer flips them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from samples.generator.shaping import ShapedLine

A4_PORTRAIT = (595.276, 841.89)
A4_LANDSCAPE = (841.89, 595.276)


@dataclass(frozen=True, slots=True)
class TextItem:
    """A shaped line drawn with its origin at (x, baseline)."""

    x: float
    baseline: float
    line: ShapedLine
    gray: float = 0.0


@dataclass(frozen=True, slots=True)
class RuleItem:
    """A straight stroke; `dash` = (on, off) with round caps draws a dotted line."""

    x0: float
    y0: float
    x1: float
    y1: float
    width: float = 0.5
    gray: float = 0.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class FillItem:
    """A filled rectangle (table header shading)."""

    x: float
    y: float
    w: float
    h: float
    gray: float


@dataclass(frozen=True, slots=True)
class PenItem:
    """A hand-drawn stroke (signature): a polyline of cubic Bezier segments."""

    start: tuple[float, float]
    curves: tuple[tuple[float, float, float, float, float, float], ...]
    width: float = 0.9
    rgb: tuple[float, float, float] = (0.05, 0.1, 0.45)


Item = TextItem | RuleItem | FillItem | PenItem


@dataclass
class Page:
    """One laid-out page; `role` (memo/cover/preface/report/table) drives mixed/sideways scans."""

    width: float
    height: float
    role: str
    items: list[Item] = field(default_factory=list)

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    def text(self) -> str:
        """Logical text of the page in drawing order (for tests and the invisible OCR layer)."""
        return "\n".join(i.line.text for i in self.items if isinstance(i, TextItem))
