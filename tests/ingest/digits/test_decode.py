"""decode.one_script: a number is printed in one script, so mixed runs are mended or left."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.digits.decode import (
    Break,
    Read,
    Run,
    bad_grouping,
    digit_pitch,
    numeric_runs,
    one_place,
    one_script,
    thousands,
)
from ingest.digits.model import ARABIC_DIGITS, CLASS_INDEX, THAI_DIGITS


def _run(text: str) -> Run:
    reads = tuple(Read(CLASS_INDEX[c], 0.9, 10 * i, 0, 10 * i + 8, 12) for i, c in enumerate(text))
    return Run(reads, None, None)


def test_zeros_take_the_script_of_the_other_digits() -> None:
    assert one_script(_run("๑00")).text == "๑๐๐"
    assert one_script(_run("12.๐5")).text == "12.05"
    assert one_script(_run("๒๕๖0")).text == "๒๕๖๐"
    assert one_script(_run("๑๐0.๕")).text == "๑๐๐.๕"
    assert one_script(_run("9๐")).text == "90"  # two digits: a digit, then a zero
    assert one_script(_run("๓0")).text == "๓๐"


def test_a_lone_digit_of_the_other_script_at_an_end_leaves_the_run() -> None:
    out = one_script(_run("3086๓"))
    assert out.text == "3086"
    assert out.right is not None and out.right.char == "๓"
    out = one_script(_run("11๐:๑"))  # the mark that joined the odd digit leaves with it
    assert out.text == "110"
    assert out.right is not None and out.right.char == ":"
    out = one_script(_run("๓7429"))
    assert out.text == "7429"
    assert out.left is not None and out.left.char == "๓"
    out = one_script(_run("005๓"))  # a one-to-one tie: the zeros' script decides
    assert out.text == "005"
    assert out.right is not None and out.right.char == "๓"
    out = one_script(_run("5๐๐๒"))
    assert out.text == "๐๐๒"
    assert out.left is not None and out.left.char == "5"


def test_two_digits_of_the_other_script_at_an_end_of_three_or_more_leave_the_run() -> None:
    """A letter read as two digits ("อ826" read "๖๑826")."""
    out = one_script(_run("๖๑826"))
    assert out.text == "826"
    assert out.left is not None and out.left.char == "๑"
    out = one_script(_run("๒๕๖.78"))
    assert out.text == "๒๕๖"
    assert out.right is not None and out.right.char == "."
    for text in ("๖๑82", "๖8๑26", "-๖๑826"):  # two against two; not both at the end; a mark
        assert one_script(_run(text)).text == text, text


def test_what_cannot_be_decided_is_left_as_read() -> None:
    for text in ("๒๕66", "๐1", "4๑", "๒5๖", "๑๒๓", "2566", "1๒.๓4", "๒50", "5๐๒"):
        assert one_script(_run(text)).text == text, text


def test_dots_that_can_only_separate_thousands_become_commas() -> None:
    assert thousands(_run("๔.๖๓๐.๒๐๕")).text == "๔,๖๓๐,๒๐๕"
    assert thousands(_run("7.169,261")).text == "7,169,261"
    assert thousands(_run("2.204.696.40")).text == "2,204,696.40"  # the decimal point stays
    # a last dot after commas with three digits after it: no thousandths beside thousands
    assert thousands(_run("๒,๘๐๑.๕๘๑")).text == "๒,๘๐๑,๕๘๑"
    assert thousands(_run("9,452.586")).text == "9,452,586"
    for text in ("๒,๘๐๑.๕๘", "๑.๒๓๔", "84.14", "๑.๒.๓", "๔.๑๐.๘", "1,234,567", "12.345.678,9"):
        assert thousands(_run(text)).text == text, text


def test_a_comma_or_colon_with_one_digit_after_it_is_a_decimal_point() -> None:
    assert one_place(_run("5,8")).text == "5.8"
    assert one_place(_run("๑๑:๓")).text == "๑๑.๓"
    for text in ("๒,๘๓", "๐๙:๑๕", "1,234", "๑,๒๓๔,๕", "12.5", "1234,5", "๑:๒:๓"):
        assert one_place(_run(text)).text == text, text


@given(st.text(alphabet=THAI_DIGITS + ARABIC_DIGITS + ".,/-:", min_size=1, max_size=12))
def test_mends_never_change_a_nonzero_digit_and_are_stable(text: str) -> None:
    out = one_script(_run(text))
    same_zero = str.maketrans("๐", "0")
    assert out.text.translate(same_zero) in text.translate(same_zero)
    digits = THAI_DIGITS + ARABIC_DIGITS
    assert sum(c in digits for c in out.text) >= sum(c in digits for c in text) - 2
    assert one_script(out).text == out.text


def _reads(spec: list[tuple[str, int, int]]) -> list[Read]:
    return [Read(CLASS_INDEX[c], 0.99, x0, 0, x1, 20) for c, x0, x1 in spec]


def test_a_narrow_digit_on_its_wide_advance_stays_in_its_number() -> None:
    """Tabular "1" in "18.250": ink gaps wider than a space on both sides, centres one pitch
    apart. Digits 12 px wide on a 16 px pitch (gaps 4 px), threshold 6 px."""
    reads = _reads(
        [("1", 5, 7), ("8", 18, 30), (".", 32, 34), ("2", 36, 48), ("5", 52, 64), ("0", 68, 80)]
    )
    assert digit_pitch(reads, 6.0) == 16.0
    assert [r.text for r in numeric_runs(reads, 6.0)] == ["18.250"]


def test_digits_a_space_apart_are_two_numbers() -> None:
    """The same digits with a real space (one and a half pitches between centres)."""
    reads = _reads([("1", 0, 12), ("2", 16, 28), ("3", 44, 56), ("4", 60, 72), ("5", 76, 88)])
    assert digit_pitch(reads, 6.0) == 16.0
    assert [r.text for r in numeric_runs(reads, 6.0)] == ["12", "345"]


def test_a_space_tesseract_put_between_two_numbers_splits_a_pitch_join() -> None:
    """ "2571 16869437" in Prompt: the two narrow 1s meet at a narrow space, their centres just
    within a pitch and a fifth; tesseract read two words. Its space splits them; digits
    closer than a space whose centres are a pitch apart stay one number whatever tesseract
    said."""
    reads = _reads([("2", 0, 12), ("5", 16, 28), ("7", 32, 44), ("1", 50, 53), ("1", 66, 69)])
    reads += _reads([("6", 72, 84), ("8", 88, 100)])
    assert [r.text for r in numeric_runs(reads, 8.0, pitch=15.0)] == ["2571168"]
    assert [r.text for r in numeric_runs(reads, 8.0, 15.0, [Break(59.5, 4)])] == ["2571", "168"]
    assert [r.text for r in numeric_runs(reads, 8.0, 15.0, [Break(14.0, 4)])] == ["2571168"]
    # a lone digit's space does not split a join by pitch ("1 8.00")
    assert [r.text for r in numeric_runs(reads, 8.0, 15.0, [Break(59.5, 1)])] == ["2571168"]


def test_a_narrow_space_tesseract_saw_splits_digits_more_than_a_pitch_apart() -> None:
    """ "58 9" at 200 dpi: the space is narrower than the space threshold (7 px against 8), so
    the gap alone joins the digits, but their centres sit 1.3 pitches apart. Where tesseract
    read two words there (a lone digit's word is enough here), they are two numbers; without
    its space, or a pitch to measure, or with centres a pitch apart, the gap decides."""
    reads = _reads([("5", 0, 12), ("8", 16, 28), ("9", 35, 47)])
    assert [r.text for r in numeric_runs(reads, 8.0, 15.0)] == ["589"]
    assert [r.text for r in numeric_runs(reads, 8.0, 15.0, [Break(31.5, 1)])] == ["58", "9"]
    assert [r.text for r in numeric_runs(reads[:2], 8.0, None, [Break(14.0, 2)])] == ["58"]
    assert [r.text for r in numeric_runs(reads[:2], 8.0, 15.0, [Break(14.0, 2)])] == ["58"]


def test_a_mark_in_a_typewriter_cell_of_its_own_joins_its_digits() -> None:
    """ "๙๔.๖๐" in TlwgTypo at 200 dpi: every glyph takes a 25 px cell, so the dot leaves
    even 11 and 13 px gaps, wider than one and a half spaces (8.6 px). The digits around it
    are two pitches apart: one number. A full stop and a space leave uneven gaps ("๑. ๒")."""
    cells = [("๙", 153, 173), ("๔", 179, 198), (".", 209, 216), ("๖", 229, 246), ("๐", 254, 271)]
    reads = _reads(cells)
    assert [r.text for r in numeric_runs(reads, 8.6, 25.0)] == ["๙๔.๖๐"]
    cells[2] = (".", 201, 204)  # the same dot just after the ๔: a full stop, then a space
    assert [r.text for r in numeric_runs(_reads(cells), 8.6, 25.0)] == ["๙๔", "๖๐"]
    item = _reads([("๑", 0, 12), (".", 14, 17), ("๒", 35, 47)])  # a list number, then a space
    assert [r.text for r in numeric_runs(item, 8.0, 16.0)] == ["๑", "๒"]


def test_without_a_pitch_to_measure_gaps_alone_decide() -> None:
    """One pair of digits is not enough to know the font's pitch: nothing is joined by it."""
    reads = _reads([("1", 5, 7), ("8", 18, 30)])
    assert digit_pitch(reads, 6.0) is None
    assert [r.text for r in numeric_runs(reads, 6.0)] == ["1", "8"]
    # the line's pitch, measured elsewhere on it, is used when given
    assert [r.text for r in numeric_runs(reads, 6.0, pitch=16.0)] == ["18"]


def test_bad_grouping_is_a_comma_outside_groups_of_three() -> None:
    assert bad_grouping("๘,๐๗๑๒๘๒.๕๓")
    assert bad_grouping("1,23")
    assert not bad_grouping("๘,๐๗๑,๒๘๒.๕๓")
    assert not bad_grouping("12,345")
    assert not bad_grouping("๑๒๓๔.๕")  # no comma: nothing to judge


def test_a_run_stands_apart_beside_nothing_a_wide_gap_or_a_number_mark() -> None:
    """`Run.apart`, which `reader._accept`, `reader._glued_ok` and `sequence._backed` share."""
    digit = Read(CLASS_INDEX["๕"], 0.99, 50, 0, 62, 20)
    letter_near = Read(CLASS_INDEX["<other>"], 0.99, 30, 0, 45, 20)  # 5 px before
    letter_far = Read(CLASS_INDEX["<other>"], 0.99, 72, 0, 90, 20)  # 10 px after
    stop = Read(CLASS_INDEX["."], 0.99, 63, 0, 66, 20)
    assert Run((digit,), None, None).apart(8.0) == (True, True)
    assert Run((digit,), letter_near, letter_far).apart(8.0) == (False, True)
    assert Run((digit,), letter_near, stop).apart(8.0) == (False, True)
    assert Run((digit,), letter_near, letter_far).apart(4.0) == (True, True)
