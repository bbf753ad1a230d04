"""Flow layout shared by the memo and the report: pages, cursor, wrapped paragraphs, signatures.

Why a small flow engine instead of a document library: ground truth needs to know on which page
each signature block and table row lands, and the text layer needs every line drawn from our own
shaped glyphs. The engine mimics Word defaults of Thai government documents (3 cm left margin,
2.5 cm first-line indent, 16 pt TH Sarabun-like body).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from samples.generator.canvas import A4_PORTRAIT, Page, PenItem, TextItem
from samples.generator.fonts import FontFace, load_face
from samples.generator.shaping import layout_line, wrap
from samples.generator.spec import DocSpec, Signature

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def thai_digits(n: int) -> str:
    return "".join(THAI_DIGITS[int(c)] for c in str(n))


@dataclass
class Rendered:
    """Laid-out pages plus what ground truth needs to know about where things landed."""

    pages: list[Page] = field(default_factory=list)
    signature_pages: list[int] = field(default_factory=list)
    measure_pages: list[list[int]] = field(default_factory=list)
    page_counter: int = 0  # printed report page numbers ("- ๒ -"), cover and preface excluded


class Flow:
    """A cursor over pages of one role; adds wrapped text and starts pages as needed."""

    def __init__(
        self,
        spec: DocSpec,
        out: Rendered,
        role: str,
        size: tuple[float, float] = A4_PORTRAIT,
        numbered: bool = False,
        margins: tuple[float, float, float, float] | None = None,
    ):
        self.spec = spec
        self.numbered = numbered and spec.layout.page_numbers
        self.out = out
        self.lay = spec.layout
        self.regular = load_face(self.lay.font, False, self.lay.em_scale)
        self.bold = load_face(self.lay.font, True, self.lay.em_scale)
        self.compose = self.lay.profile == "clean"
        self.rng = random.Random(f"{spec.id}:{spec.seed}:{role}")
        self.role = role
        self.size = size
        left, right, top, bottom = margins or self.lay.margins
        self.left, self.right_margin, self.top, self.bottom_margin = left, right, top, bottom
        self.page: Page = self.new_page()

    # -- geometry ---------------------------------------------------------------------------
    @property
    def right(self) -> float:
        return self.page.width - self.right_margin

    @property
    def bottom(self) -> float:
        return self.page.height - self.bottom_margin

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def page_no(self) -> int:
        return len(self.out.pages)

    def line_height(self, size: float) -> float:
        return size * self.lay.line_spacing

    def new_page(self, role: str | None = None) -> Page:
        page = Page(self.size[0], self.size[1], role or self.role)
        self.out.pages.append(page)
        self.page = page
        self.y = self.top
        if self.numbered:
            self.out.page_counter += 1
            self.page_number(self.out.page_counter)
        return page

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom + 0.01:
            self.new_page()

    # -- drawing ----------------------------------------------------------------------------
    def face(self, bold: bool) -> FontFace:
        return self.bold if bold else self.regular

    def draw(
        self,
        text: str,
        x: float,
        baseline: float,
        width: float,
        face: FontFace,
        size: float,
        align: str = "left",
        justify: str = "none",
    ) -> float:
        """Draw one line in the box [x, x+width]; returns the x where the text ends."""
        dx, line = layout_line(face, size, text, width, align, justify, self.compose)
        _check_glyphs(face, line.text, [g.gid for g in line.glyphs])
        self.page.items.append(TextItem(x + dx, baseline, line))
        return x + dx + line.width

    def paragraph(
        self,
        text: str,
        *,
        bold: bool = False,
        size: float | None = None,
        first_indent: float = 0.0,
        indent: float = 0.0,
        right_indent: float = 0.0,
        align: str = "left",
        justify: str | None = None,
        space_before: float = 0.0,
        space_after: float = 0.0,
        keep_lines: int = 2,
        face: FontFace | None = None,
    ) -> None:
        """A wrapped paragraph; the last line is never justified (Word behaviour)."""
        size = size or self.lay.size
        face = face or self.face(bold)
        justify = self.lay.justify if justify is None else justify
        lh = self.line_height(size)
        width = self.width - indent - right_indent
        lines: list[tuple[str, bool]] = []  # (text, ends a paragraph part: never justified)
        for p, part in enumerate(text.split("\n")):
            part_lines = wrap(face, size, part, width, width - first_indent if p == 0 else width)
            lines += [(t, j == len(part_lines) - 1) for j, t in enumerate(part_lines)]
        self.y += space_before
        self.ensure(lh * min(keep_lines, len(lines)))
        for i, (text_line, last) in enumerate(lines):
            self.ensure(lh)
            x = self.left + indent + (first_indent if i == 0 else 0.0)
            w = width - (first_indent if i == 0 else 0.0)
            baseline = self.y + lh * 0.72
            self.draw(text_line, x, baseline, w, face, size, align, "none" if last else justify)
            self.y += lh
        self.y += space_after

    def signature(self, sig: Signature, center_x: float, space_before: float = 6.0) -> None:
        """Signature block: room to sign (a pen stroke if signed), "(name)", position lines."""
        size = self.lay.size
        lh = self.line_height(size)
        height = space_before + lh * (2.2 + 1 + len(sig.positions))
        self.ensure(height)
        self.y += space_before
        sign_top = self.y
        self.y += lh * 2.2
        if sig.signed:
            self.page.items.append(pen_signature(self.rng, center_x, sign_top + lh * 1.25, size))
        half = min(self.width * 0.48, center_x - self.left, self.right - center_x)
        lines = [f"({sig.name})", *sig.positions]
        self.out.signature_pages.append(self.page_no)
        for text in lines:
            self.draw(
                text, center_x - half, self.y + lh * 0.72, 2 * half, self.regular, size, "center"
            )
            self.y += lh

    def page_number(self, n: int) -> None:
        """Thai-style page number "- ๒ -" centred in the top margin."""
        size = self.lay.size
        self.draw(
            f"- {thai_digits(n)} -",
            self.left,
            self.top * 0.6,
            self.width,
            self.regular,
            size,
            "center",
        )


def pen_signature(rng: random.Random, cx: float, baseline: float, size: float) -> PenItem:
    """A cursive-looking signature, seeded per document: prolate-cycloid loops of varying
    height and width and slant, a large initial, and a flourish back under the name."""
    w = size * rng.uniform(3.5, 6.5)
    loops = rng.randint(3, 7)
    slant = rng.uniform(-0.15, 0.45)
    squeeze = rng.uniform(0.35, 0.8)
    steps = loops * 10
    phase = rng.uniform(0, math.tau)
    amp = [size * rng.uniform(0.2, 0.8) for _ in range(loops + 1)]
    amp[0] = size * rng.uniform(0.9, 1.5)  # the capital
    if rng.random() < 0.5:
        amp[rng.randrange(1, loops + 1)] = size * rng.uniform(0.9, 1.3)  # a second tall letter
    pts: list[tuple[float, float]] = []
    for i in range(steps + 1):
        t = i / steps
        k = min(int(t * loops), loops)
        theta = phase + t * loops * math.tau
        r = amp[k]
        dy = r * math.sin(theta)
        x = cx - w / 2 + t * w + r * squeeze * math.cos(theta) + slant * dy
        y = baseline - dy - size * 0.2 * t
        pts.append((x, y))
    x_end, y_end = pts[-1]
    if rng.random() < 0.7:
        pts += [
            (x_end + size * 0.4, y_end + size * 0.3),
            (cx + w * rng.uniform(0.0, 0.2), baseline + size * 0.3),
            (cx - w * rng.uniform(0.35, 0.55), baseline + size * 0.15),
        ]
    curves = []
    for i in range(len(pts) - 1):  # Catmull-Rom -> cubic Bezier
        p0 = pts[max(i - 1, 0)]
        p1, p2 = pts[i], pts[i + 1]
        p3 = pts[min(i + 2, len(pts) - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        curves.append((c1[0], c1[1], c2[0], c2[1], p2[0], p2[1]))
    return PenItem(start=pts[0], curves=tuple(curves), width=size * rng.uniform(0.045, 0.07))


def _check_glyphs(face: FontFace, text: str, gids: list[int]) -> None:
    if 0 in gids:
        raise ValueError(f"font {face.key} has no glyph for some character in {text!r}")
