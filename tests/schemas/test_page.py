from __future__ import annotations

import dataclasses
import pickle

import pytest

from schemas.page import PAGE_ADAPTER, BBox, Glyph, Line, Page, Ruling


def _page() -> Page:
    glyphs = (
        Glyph("ผ", BBox(10.0, 20.0, 14.5, 31.0), 0.91),
        Glyph(" ", BBox(14.5, 20.0, 16.0, 31.0)),
        Glyph("๘๔", BBox(16.0, 20.0, 25.25, 31.0), None),
    )
    return Page(
        number=3,
        width=595.0,
        height=842.0,
        mode="ocr",
        lines=(
            Line("ผ ๘๔", BBox(10.0, 20.0, 25.25, 31.0), 0.875, glyphs),
            Line("เรียน", BBox(1.0, 2.0, 3.0, 4.0)),
        ),
        rulings=(Ruling("h", BBox(0.0, 50.0, 500.0, 51.0)),),
        confidence=0.9,
        rotation=90,
        notes=("ocr_rotated",),
    )


def test_pages_survive_pickling_field_by_field() -> None:
    """Pages cross processes twice in a batch; Line, Glyph and BBox pickle as constructor
    calls, so a field out of order would show here."""
    page = _page()
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(page, protocol=protocol))
        assert back == page
        assert PAGE_ADAPTER.dump_python(back) == PAGE_ADAPTER.dump_python(page)
        line = back.lines[0]
        assert (line.text, line.conf, line.bbox.x1) == ("ผ ๘๔", 0.875, 25.25)
        assert [(g.text, g.conf, g.bbox.x0) for g in line.glyphs] == [
            ("ผ", 0.91, 10.0),
            (" ", None, 14.5),
            ("๘๔", None, 16.0),
        ]
        assert back.lines[1].glyphs == () and back.lines[1].conf is None


def test_pickled_boxes_stay_immutable_and_hashable() -> None:
    box: BBox = pickle.loads(pickle.dumps(BBox(1.0, 2.0, 3.0, 4.0)))
    assert {box: 1}[BBox(1.0, 2.0, 3.0, 4.0)] == 1
    with pytest.raises(dataclasses.FrozenInstanceError):
        box.x0 = 5.0  # type: ignore[misc]
