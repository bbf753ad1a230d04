"""Spec -> laid-out pages: memo, cover, preface, sections, measures table, in that order.

This order is the one of real ITA submissions: the cover memo asking the executive to acknowledge
the report, then the report itself with its measures table on landscape pages.
"""

from __future__ import annotations

from samples.generator.layout import Rendered
from samples.generator.memo import layout_memo
from samples.generator.report import layout_cover, layout_preface, layout_sections
from samples.generator.spec import DocSpec
from samples.generator.table import layout_table


def layout_document(spec: DocSpec) -> Rendered:
    out = Rendered()
    layout_memo(spec, out)
    layout_cover(spec, out)
    layout_preface(spec, out)
    layout_sections(spec, out)
    layout_table(spec, out)
    return out
