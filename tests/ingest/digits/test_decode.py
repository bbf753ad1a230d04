"""decode.one_script: a number is printed in one script, so mixed runs are mended or left."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.digits.decode import Read, Run, one_script
from ingest.digits.model import ARABIC_DIGITS, CLASS_INDEX, THAI_DIGITS


def _run(text: str) -> Run:
    reads = tuple(Read(CLASS_INDEX[c], 0.9, 10 * i, 0, 10 * i + 8, 12) for i, c in enumerate(text))
    return Run(reads, None, None)


def test_zeros_take_the_script_of_the_other_digits() -> None:
    assert one_script(_run("๑00")).text == "๑๐๐"
    assert one_script(_run("12.๐5")).text == "12.05"
    assert one_script(_run("๒๕๖0")).text == "๒๕๖๐"
    assert one_script(_run("๑๐0.๕")).text == "๑๐๐.๕"


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


def test_what_cannot_be_decided_is_left_as_read() -> None:
    for text in ("๒๕66", "๐1", "4๑", "๒5๖", "๑๒๓", "2566", "1๒.๓4", "๒50", "5๐๒"):
        assert one_script(_run(text)).text == text, text


@given(st.text(alphabet=THAI_DIGITS + ARABIC_DIGITS + ".,/-:", min_size=1, max_size=12))
def test_mends_never_change_a_nonzero_digit_and_are_stable(text: str) -> None:
    out = one_script(_run(text))
    same_zero = str.maketrans("๐", "0")
    assert out.text.translate(same_zero) in text.translate(same_zero)
    digits = THAI_DIGITS + ARABIC_DIGITS
    assert sum(c in digits for c in out.text) >= sum(c in digits for c in text) - 1
    assert one_script(out).text == out.text
