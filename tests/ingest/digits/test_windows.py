"""windows: which parts of a tesseract line are read for numbers."""

from __future__ import annotations

import math

import numpy as np

from ingest.digits import windows
from ingest.digits.decode import Break, Read, Run
from ingest.digits.model import CLASS_INDEX
from schemas.page import BBox, Glyph, Line


def _line(words: list[tuple[str, float, float]], height: float = 40.0) -> Line:
    """A tesseract line: one glyph per word at (x0, x1), words separated by spaces; a word
    given as "a|b" is two glyphs, the first ending half way."""
    glyphs: list[Glyph] = []
    for w, x0, x1 in words:
        parts = w.split("|")
        step = (x1 - x0) / len(parts)
        for k, part in enumerate(parts):
            glyphs.append(Glyph(part, BBox(x0 + k * step, 0, x0 + (k + 1) * step, height), 0.9))
    text = " ".join(w.replace("|", "") for w, _, _ in words)
    return Line(text, BBox(0, 0, words[-1][2], height), 0.9, tuple(glyphs))


def test_gaps_wide_enough_to_hide_a_number_are_read() -> None:
    """0.7 line heights (28 px here) or more between glyphs: a gap tesseract may have skipped a
    number in; a word space is not one."""
    line = _line([("ลงวันที่", 0, 100), ("มกราคม", 140, 240), ("พ.ศ.", 250, 300), ("แล้ว", 500, 560)])
    assert windows.unread_gaps(line, 0, 40.0) == [(100, 140), (300, 500)]
    assert windows.unread_gaps(line, 10, 40.0) == [(90, 130), (290, 490)]


def test_a_line_box_widened_past_its_glyphs_is_read_there_too() -> None:
    """The gaps from the box's edges to the first and last glyphs (`widen_to_ink` put them
    there) are read like a gap inside the line."""
    line = _line([("ลงวันที่", 0, 100), ("มกราคม", 140, 240)])
    wide = Line(line.text, BBox(-150, 0, 400, 40), line.conf, line.glyphs)
    assert windows.unread_gaps(line, 0, 40.0) == [(100, 140)]
    assert windows.unread_gaps(wide, 0, 40.0) == [(-150, 0), (100, 140), (240, 400)]


def _page(*inks: tuple[int, int]) -> np.ndarray:
    """A white strip 40 px tall with black bars (x0, x1) in the middle of its height."""
    image = np.full((40, 800), 255, np.uint8)
    for x0, x1 in inks:
        image[12:28, x0:x1] = 0
    return image


def test_a_line_is_widened_over_ink_that_continues_it() -> None:
    """Ink starting within TAIL_START line heights (60 px) after the box, followed while its
    gaps stay under GAP_MIN heights (28 px), up to another line's box."""
    line = _line([("ณ", 0, 20), ("ตุลาคม", 40, 240)])
    tail = _page((0, 240), (270, 300), (320, 360), (500, 540))
    assert windows.widen_to_ink(tail, line, [line]).bbox.x1 == 240 + 119 + 2
    far = _page((0, 240), (320, 360))  # 80 px after the box: another column
    assert windows.widen_to_ink(far, line, [line]) is line
    other = Line("ก", BBox(310, 0, 400, 40), 0.9, (Glyph("ก", BBox(310, 0, 400, 40), 0.9),))
    assert windows.widen_to_ink(tail, line, [line, other]).bbox.x1 == 240 + 59 + 2
    touching = Line("ก", BBox(200, 5, 400, 40), 0.9, (Glyph("ก", BBox(200, 5, 400, 40), 0.9),))
    assert windows.widen_to_ink(tail, line, [line, touching]) is line
    above = Line("ก", BBox(200, -40, 400, 2), 0.9, (Glyph("ก", BBox(200, -40, 400, 2), 0.9),))
    assert windows.widen_to_ink(tail, line, [line, above]).bbox.x1 == 361


def test_a_line_is_widened_leftwards_too() -> None:
    """The same to the left: ink ending within 60 px before the box, followed while its gaps
    stay under 28 px, up to another line's box."""
    line = _line([("ก", 400, 420), ("ตุลาคม", 440, 640)])
    line = Line(line.text, BBox(400, 0, 640, 40), line.conf, line.glyphs)
    head = _page((200, 240), (300, 340), (360, 380), (400, 640))
    assert windows.widen_to_ink(head, line, [line]).bbox.x0 == 300 - 2
    assert windows.widen_to_ink(head, line, [line]).bbox.x1 == 640
    other = Line("ก", BBox(0, 0, 350, 40), 0.9, (Glyph("ก", BBox(0, 0, 350, 40), 0.9),))
    assert windows.widen_to_ink(head, line, [line, other]).bbox.x0 == 360 - 2


def test_windows_reach_the_end_of_a_token_they_would_cut_if_it_is_near() -> None:
    """A suspect token ("พ.ศ.") is read with 1.5 line heights (60 px) either side; a token that
    edge falls in is read to its end when that is within TOKEN_REACH line heights, not
    beyond."""
    near = _line([("ประ|กาศ", 0, 100), ("ก", 110, 120), ("พ.ศ.", 130, 170), ("ตตตต", 175, 250)])
    assert windows.read_ranges(near, 0) == [(0, 250)]
    far = _line([("ประ|กาศ", 0, 100), ("ก", 110, 120), ("พ.ศ.", 130, 170), ("ต" * 9, 175, 400)])
    # the long token's end (400) lies 170 px past the edge at 230: not reached
    assert windows.read_ranges(far, 0) == [(0, 230)]


def test_a_tiny_line_or_one_tesseract_was_guessing_is_read_whole() -> None:
    assert windows.read_ranges(_line([("ก", 0, 10), ("ข", 20, 30)]), 0) == [(-math.inf, math.inf)]
    sure = _line([("ประ|กาศ", 0, 100), ("ก", 110, 120), ("พ.ศ.", 130, 170), ("ตตตต", 175, 250)])
    assert windows.read_ranges(sure, 0) == [(0, 250)]
    guessing = Line(sure.text, sure.bbox, 0.4, sure.glyphs)
    assert windows.read_ranges(guessing, 0) == [(-math.inf, math.inf)]


def test_guessing_is_a_token_below_unsure_conf_on_average() -> None:
    low = [Glyph("ส", BBox(0, 0, 10, 20), 0.24), Glyph("พ", BBox(10, 0, 20, 20), 0.65)]
    assert windows.guessing(low)
    assert not windows.guessing([*low, Glyph("ล", BBox(20, 0, 30, 20), 0.99)])
    assert not windows.guessing([Glyph("ส", BBox(0, 0, 10, 20), None)])  # no confidence


def test_a_number_boxed_as_one_glyph_is_consumed_by_the_run_under_it() -> None:
    reads = tuple(
        Read(CLASS_INDEX[c], 0.99, 21 + 15 * k, 0, 34 + 15 * k, 20) for k, c in enumerate("6504")
    )
    run = Run(reads, None, None)
    early = Glyph("6504", BBox(2, 0, 79, 20), 0.26)  # starts 19 px before the ink
    assert windows.consumes(early, run, 0, 14.0)
    one = Glyph("6", BBox(2, 0, 15, 20), 0.9)  # a single digit there is another glyph
    assert not windows.consumes(one, run, 0, 14.0)
    aside = Glyph("12", BBox(85, 0, 120, 20), 0.9)  # a number beside the run
    assert not windows.consumes(aside, run, 0, 14.0)
    over_end = Glyph("12", BBox(55, 0, 120, 20), 0.9)  # its left edge on the run, as before
    assert windows.consumes(over_end, run, 0, 14.0)


def test_a_glyph_with_the_runs_own_digits_is_consumed_wherever_it_touches_it() -> None:
    run = Run((Read(CLASS_INDEX["4"], 0.99, 347, 0, 365, 20),), None, None)
    early = Glyph("4", BBox(335, 0, 350, 20), 0.97)  # 12 px before the ink, 3 px over it
    assert windows.consumes(early, run, 0, 14.0)
    assert not windows.consumes(Glyph("7", BBox(335, 0, 350, 20), 0.97), run, 0, 14.0)
    assert not windows.consumes(Glyph("4", BBox(320, 0, 340, 20), 0.97), run, 0, 14.0)


def test_a_word_boxed_whole_is_consumed_only_by_a_run_under_most_of_it() -> None:
    """tesseract's glyph "งบประมาณ" starting on a run's last glyph (a ป the path took for a
    zero) lies mostly past the run: it is a word, not the run's misreading, and stays."""
    run = Run(
        (
            Read(CLASS_INDEX["7"], 0.99, 615, 0, 633, 20),
            Read(CLASS_INDEX["0"], 0.99, 654, 0, 696, 20),
        ),
        None,
        None,
    )
    word = Glyph("งบประมาณ", BBox(690, 0, 849, 20), 0.96)
    assert not windows.consumes(word, run, 0, 24.0)
    assert windows.consumes(Glyph("ปี", BBox(655, 0, 690, 20), 0.9), run, 0, 24.0)  # two: a letter's
    assert windows.consumes(
        Glyph("งบป", BBox(640, 0, 700, 20), 0.9), run, 0, 24.0
    )  # mostly over it


def test_over_half_is_both_ways() -> None:
    run = Run((Read(CLASS_INDEX["๐"], 0.99, 80, 0, 107, 20),), None, None)
    assert windows._over_half(Glyph("๐1", BBox(75, 0, 110, 20), 0.9), run, 0)
    wide = Glyph("๕6.60.", BBox(0, 0, 165, 20), 0.9)  # four times the run's width
    assert not windows._over_half(wide, run, 0)


def test_number_breaks_are_tesseracts_spaces_between_two_numbers() -> None:
    words = [
        ("ปี", 0, 20),
        ("2571", 30, 80),
        ("16869437", 90, 190),
        ("1", 200, 206),
        ("8.00", 215, 260),
    ]
    glyphs = tuple(Glyph(t, BBox(x0, 0, x1, 30), 0.9) for t, x0, x1 in words)
    line = Line(" ".join(t for t, _, _ in words), BBox(0, 0, 260, 30), 0.9, glyphs)
    # not beside the Thai word; around a lone digit with its count of 1 ("1 8.00" may be
    # one number, and `decode.same_number` weighs it less)
    assert windows.number_breaks(line, 10) == [
        Break(75.0, 4),
        Break(185.0, 1),
        Break(200.5, 1),
    ]
