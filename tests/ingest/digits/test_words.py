"""words.letters_in_words: a digit drawn like a letter becomes the letter where a word says so."""

from __future__ import annotations

import pytest

from ingest.digits.words import letters_in_words
from schemas.page import BBox, Glyph, Line


def _line(*tokens: list[str]) -> Line:
    """A line of space-separated tokens, each a list of glyph texts, on 20 px boxes."""
    glyphs: list[Glyph] = []
    x = 0.0
    for tok in tokens:
        for t in tok:
            glyphs.append(Glyph(t, BBox(x, 0, x + 20, 30), 0.9))
            x += 22
        x += 15
    text = " ".join("".join(tok) for tok in tokens)
    return Line(text, BBox(0, 0, x, 30), 0.9, tuple(glyphs))


def test_month_abbreviation_read_with_a_digit() -> None:
    line = _line(["1", "2"], ["๓", ".", "ค", "."], ["6", "4"])
    out = letters_in_words(line)
    assert out.text == "12 ต.ค. 64"
    assert [g.text for g in out.glyphs] == ["1", "2", "ต", ".", "ค", ".", "6", "4"]
    assert [g.bbox for g in out.glyphs] == [g.bbox for g in line.glyphs]
    assert [g.conf for g in out.glyphs] == [g.conf for g in line.glyphs]


def test_word_read_with_a_digit_in_one_glyph() -> None:
    """tesseract may box the digit with what follows ("๓." over "ต."): the glyph's text changes
    in place."""
    out = letters_in_words(_line(["10.4"], ["๓บ", "ะ"]))
    assert out.text == "10.4 ตบะ"
    assert [g.text for g in out.glyphs] == ["10.4", "ตบ", "ะ"]


@pytest.mark.parametrize(
    "tokens",
    [
        [["๓", "."], ["ส", "ิ", "้", "น"]],  # a list item: "ต." (ตำบล) is a word, "๓." a number
        [["๓", "ค", "ร", "ั", "้", "ง"]],  # a number glued to its counting word
        [["๑", "ป", "ี"]],
        [["๑", "๓", ".", "ค"]],  # more than one digit: a number
        [["ผ", "๓", ".", "ค", "."]],  # the digit does not start the token
        [["๕", ".", "ค", "."]],  # no letter is drawn like ๕
    ],
)
def test_numbers_stay_numbers(tokens: list[list[str]]) -> None:
    line = _line(*tokens)
    assert letters_in_words(line) == line


def test_a_line_without_lookalikes_is_returned_as_is() -> None:
    line = _line(["ร", "้", "อ", "ย", "ล", "ะ"], ["๘", "๔"])
    assert letters_in_words(line) is line
