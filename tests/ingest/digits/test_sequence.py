"""sequence: widening, arbitration and which tesseract numbers count (the passes end to end
are in test_digits_reread)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ingest.digits import ctc, reader, sequence, windows
from ingest.digits.decode import Read, numeric_runs, space_threshold
from ingest.digits.model import CLASS_INDEX, load
from schemas.page import BBox, Glyph, Line
from tools.digits.fonts import Face, all_faces

OcrLine = Callable[..., tuple[np.ndarray, list[Line]]]


def face(family: str, style: str = "Regular") -> Face:
    return next(f for f in all_faces() if f.family == family and f.style == style)


def test_sequence_model_chooses_tesseracts_arabic_reading_where_better(
    ocr_line: OcrLine,
) -> None:
    """An Arabic number the path misread (forced here: 3 made 5) and tesseract read right:
    the network prefers tesseract's reading and the digit is put back; where tesseract agrees
    with the wrong reading there is nothing to choose between."""
    gray, lines = ocr_line("จำนวน 120,379.10 บาท", face("Umpush"), 300)
    job = windows.prepare(gray, lines[0])
    assert job is not None
    net = ctc.load()
    for told, want in (("120,379.10", "120,379.10"), ("120,579.10", "120,579.10")):
        seen = Line(
            lines[0].text.replace("120,379.10", told),
            lines[0].bbox,
            lines[0].conf,
            tuple(
                Glyph(g.text.replace("120,379.10", told), g.bbox, g.conf) for g in lines[0].glyphs
            ),
        )
        assert told in seen.text  # tesseract read the number as one token
        job.line = seen
        probs = reader._classify([job], load())
        assert probs is not None
        path = reader._decode(job, probs)
        reads = next(rs for rs in path if any(r.char == "3" for r in rs))
        k = next(i for i, r in enumerate(reads) if r.char == "3")
        reads[k] = Read(CLASS_INDEX["5"], 0.99, reads[k].x0, reads[k].y0, reads[k].x1, reads[k].y1)
        thr = space_threshold(reads, job.seg.geom.xh)
        run = next(r for r in numeric_runs(reads, thr) if len(r.reads) > 5)
        assert run.text == "120,579.10"
        sequence.arbitrate(job, net, reads, run)
        got = next(r for r in numeric_runs(reads, thr) if len(r.reads) > 5)
        assert got.text == want


def test_widening_reaches_what_the_path_could_not_cut() -> None:
    """ "064-853-0467" with the "0" after the second "-" unsure: the run "064-853" reaches over
    the "-" to it (so the network reads "064-853-0" and the number stays whole); a sure letter
    after a mark, or a gap, stops it."""

    def reads(spec: str, unsure: int, gap_at: int = -1) -> list[Read]:
        out, x = [], 0
        for i, ch in enumerate(spec):
            x += 30 if i == gap_at else 2
            cls = CLASS_INDEX["<other>"] if ch == "?" else CLASS_INDEX[ch]
            out.append(Read(cls, 0.54 if i == unsure else 0.99, x, 0, x + 10, 20))
            x += 10
        return out

    def seen(r: Read) -> bool:  # tesseract read a digit everywhere
        return True

    def unseen(r: Read) -> bool:
        return False

    rs = reads("064-853-?467", unsure=8)
    assert sequence.widen(rs, 6, 1, 6.0, seen) == 11  # and on over the digits glued beyond it
    assert sequence.widen(rs, 0, -1, 6.0, seen) == 0
    assert sequence.widen(reads("064-853-?467", unsure=-1), 6, 1, 6.0, unseen) == 6  # "?" sure
    assert sequence.widen(reads("064-853-?467", unsure=8, gap_at=8), 6, 1, 6.0, seen) == 6
    # a sure "letter" inside a number where tesseract read a digit ("๒๕๓๐", ๓ read as a
    # letter): over it and the digits beyond, but over one such letter only
    assert sequence.widen(reads("๒๕?๐๐?", unsure=-1), 1, 1, 6.0, seen) == 4
    assert sequence.widen(reads("๒๕?๐๐", unsure=-1), 3, -1, 6.0, seen) == 0
    assert sequence.widen(reads("๒๕?๐?๑", unsure=-1), 1, 1, 6.0, seen) == 3
    assert sequence.widen(reads("๒๕?๐๐", unsure=-1), 1, 1, 6.0, unseen) == 1
    assert sequence.widen(reads("๒๕?", unsure=-1), 1, 1, 6.0, seen) == 1  # a letter after
    # the letter beside a mark ("๔.๗.๙" read "๔.", a letter, "๙."): over both to the digit
    assert sequence.widen(reads("๔.?๙.", unsure=-1), 3, -1, 6.0, seen) == 0
    assert sequence.widen(reads("๔.?๙.", unsure=-1), 3, -1, 6.0, unseen) == 3
    assert sequence.widen(reads("๔?.?", unsure=-1), 0, 1, 6.0, seen) == 0  # no digit after
    # two path letters under tesseract's ฒ are one ๗ cut in two ("๖,๗๓๐" read "๖,", ??, "๓๐")
    two = reads("๖,??๓๐", unsure=-1)
    assert sequence.widen(two, 4, -1, 6.0, seen) == 4  # without `seven`: two letters stop it
    assert sequence.widen(two, 4, -1, 6.0, seen, seven=seen) == 0
    assert sequence.widen(two, 4, -1, 6.0, seen, seven=lambda r: r is two[3]) == 4


def test_widening_crosses_slivers_of_a_chopped_glyph() -> None:
    """The even-cut pass chopped the ๗ of "๗๔.๒๑" into pieces of 2 to 14 px, some read sure
    as letters: the run "๔.๒๑" widens over them all to the whole glyph, and stops at a
    letter a space wide."""
    spec = [("?", 123, 137, 0.08), ("?", 137, 139, 0.95), ("?", 139, 142, 0.88)]
    spec += [("?", 142, 144, 0.96), ("?", 144, 149, 0.81), ("๔", 149, 161, 1.0)]
    rs = [
        Read(CLASS_INDEX["<other>" if ch == "?" else ch], p, x0, 0, x1, 20)
        for ch, x0, x1, p in spec
    ]
    wide = Read(CLASS_INDEX["<other>"], 0.99, 115, 0, 123, 20)  # 8 px: a letter, not a sliver

    def seen(r: Read) -> bool:
        return False

    assert sequence.widen(rs, 5, -1, 7.2, seen) == 0
    assert sequence.widen([wide, *rs], 6, -1, 7.2, seen) == 1


def test_widening_stops_where_two_numbers_meet() -> None:
    """Two runs at a narrow space that `numeric_runs` split ("๒๕๔๒ ๙.๕", tesseract's space
    between them): the first, widened over the digits glued to it, would let the network
    read both as one number. `same` (`decode.same_number`) keeps the widening to its own."""
    rs = [
        Read(CLASS_INDEX[ch], 0.99, x, 0, x + 10, 20)
        for ch, x in (("๒", 0), ("๕", 12), ("๔", 24), ("๒", 36), ("๙", 52), ("๕", 64))
    ]

    def seen(r: Read) -> bool:
        return True

    assert sequence.widen(rs, 3, 1, 8.0, seen) == 5  # gaps of 2 and 6 px: all glued
    apart = {(rs[3].x0, rs[4].x0)}
    assert sequence.widen(rs, 3, 1, 8.0, seen, lambda a, b: (a.x0, b.x0) not in apart) == 3
    assert sequence.widen(rs, 4, -1, 8.0, seen, lambda a, b: (a.x0, b.x0) not in apart) == 4


def test_only_whole_one_script_numbers_of_tesseract_are_counted() -> None:
    """`sequence._lost_digits` trusts tesseract's digit count only for a token that is a number
    in one script: digits inside a word ("Facebook" written "ถืล6๕๖๐๐") or Thai and Arabic
    digits mixed ("e-GP" written "๑-089") are a Latin word the Latin pass reads later."""
    glyphs: list[Glyph] = []
    words = ["เวลา", "21:45", "น.", "ถืล6๕๖๐๐", "๑-089", "(๒๕๖๗)", "5"]
    x = 0.0
    for w in words:
        glyphs.append(Glyph(w, BBox(x, 0, x + 10 * len(w), 30), 0.9))
        x += 10 * len(w) + 15
    line = Line(" ".join(words), BBox(0, 0, x, 30), 0.9, tuple(glyphs))
    found = sequence.tesseract_numbers(line, 0)
    assert [(n, thai, text) for _, _, n, thai, text in found] == [
        (4, False, "21:45"),
        (4, True, "๒๕๖๗"),
    ]
    assert [(x0, x1) for x0, x1, *_ in found] == [
        (glyphs[1].bbox.x0, glyphs[1].bbox.x1),
        (glyphs[5].bbox.x0, glyphs[5].bbox.x1),
    ]


def _read(ch: str, conf: float, x0: int) -> Read:
    return Read(CLASS_INDEX[ch], conf, x0, 0, x0 + 18, 30)


def test_keep_sure_puts_back_the_digits_the_path_was_sure_of() -> None:
    """The network read "๔๖.๓๑" over a path "๔๖.๓๓" whose last ๓ was sure: that digit goes
    back, the unsure one takes the network's reading; a symbol whose centre falls off its
    path glyph, or another length, is no glyph-for-glyph match (None)."""
    span = [_read("๔", 1.0, 0), _read("๖", 1.0, 20), _read(".", 0.99, 40)]
    span += [_read("๓", 0.87, 60), _read("๓", 1.0, 80)]
    centres = [9.0, 29.0, 49.0, 69.0, 89.0]
    probs = [0.99, 0.98, 0.97, 0.96, 0.95]

    def kept(text: str, at: list[float], glyphs: list[Glyph] | None = None) -> str | None:
        out = sequence._keep_sure(span, text, at, probs[: len(text)], glyphs or [], 0)
        return None if out is None else out[0]

    assert kept("๔๖.๓๑", centres) == "๔๖.๓๓"
    assert kept("๔๖.๑๓", centres) is None  # only the unsure one
    assert kept("๔๖.๓", centres[:4]) is None  # the network dropped it: nothing to put back
    assert kept("๔๖.๓๑", [*centres[:4], 120.0]) is None  # off every path glyph
    seconds = [Glyph("๓", BBox(60, 0, 78, 30), 0.9)]  # tesseract read the unsure ๓ too
    assert kept("๔๖.๑๑", centres, seconds) == "๔๖.๓๓"
    # ... but not the sure one: two readers stand behind the first ๓ only
    out = sequence._keep_sure(span, "๔๖.๑๑", centres, probs, seconds, 0)
    assert out is not None and not out[3]
    seconds.append(Glyph("๓", BBox(80, 0, 98, 30), 0.9))
    out = sequence._keep_sure(span, "๔๖.๑๑", centres, probs, seconds, 0)
    assert out is not None and out[3]


def test_keep_sure_puts_back_a_sure_digit_the_network_dropped_inside_the_number() -> None:
    """The network read "๔๖.๓" over a path "๔๖๓.๓" (all sure), no symbol on or near the first
    ๓: it comes back at its own centre. A glyph a symbol lies just beside is the symbol's,
    and a dropped glyph at an end may be a letter: neither comes back."""
    span = [_read("๔", 1.0, 0), _read("๖", 1.0, 20), _read("๓", 1.0, 40)]
    span += [_read(".", 0.99, 60), _read("๓", 1.0, 80)]
    out = sequence._keep_sure(span, "๔๖.๓", [9.0, 29.0, 69.0, 89.0], [0.9] * 4, [], 0)
    assert out is not None and out[:2] == ("๔๖๓.๓", [9.0, 29.0, 49.0, 69.0, 89.0])
    assert sequence._keep_sure(span, "๔๖.๓", [9.0, 29.0, 61.0, 89.0], [0.9] * 4, [], 0) is None
    assert sequence._keep_sure(span, "๖๓.๓", [29.0, 49.0, 69.0, 89.0], [0.9] * 4, [], 0) is None


def test_keep_sure_takes_out_a_digit_inserted_into_a_sure_one() -> None:
    """Two symbols on one path glyph the path was sure of ("๓" read "๑๓", both centres on
    it): the glyph's own digit alone comes back, at its centre, as sure as the less sure of
    the two."""
    span = [_read("๘", 1.0, 0), _read("๓", 1.0, 20), _read("/", 0.7, 40)]
    out = sequence._keep_sure(span, "๘๑๓/", [9.0, 24.0, 33.0, 49.0], [0.9, 0.6, 0.8, 0.7], [], 0)
    assert out == ("๘๓/", [9.0, 29.0, 49.0], [0.9, 0.6, 0.7], False)
    # on an unsure glyph the network's reading stands
    span[1] = _read("๓", 0.8, 20)
    assert sequence._keep_sure(span, "๘๑๓/", [9.0, 24.0, 33.0, 49.0], [0.9] * 4, [], 0) is None


def test_seconded_needs_a_digit_tesseract_could_have_written_instead() -> None:
    """tesseract's own reading of a path digit counts against the network's only where its
    model could have written the network's digit: it has no ๔, so its ๕ is no evidence
    against a ๔."""
    five = _read("๕", 0.8, 0)
    over = [Glyph("๕", BBox(10, 0, 28, 30), 0.9)]  # page pixels; the crop starts at x 10
    assert sequence._seconded(five, "๓", over, 10)
    assert not sequence._seconded(five, "๔", over, 10)
    assert not sequence._seconded(_read("๕", 0.4, 0), "๓", over, 10)  # the path barely chose it
    assert not sequence._seconded(five, "๓", [Glyph("๓", BBox(10, 0, 28, 30), 0.9)], 10)
    assert not sequence._seconded(five, "๓", over, 40)  # not over the glyph


def test_regrouped_puts_commas_between_groups_of_three() -> None:
    """The network's "๘,๐๗๑๒๘๒.๕๓" (a comma lost) becomes "๘,๐๗๑,๒๘๒.๕๓": the inserted comma
    sits between its neighbours, as sure as the less sure of them; what is not a plain
    grouped number is None."""
    text = "๘,๐๗๑๒๘๒.๕๓"
    centres = [float(10 * k) for k in range(len(text))]
    probs = [0.9] * len(text)
    probs[5] = 0.7
    got = sequence._regrouped(text, centres, probs)
    assert got is not None
    new, cs, ps = got
    assert new == "๘,๐๗๑,๒๘๒.๕๓"
    assert cs[5] == 45.0 and ps[5] == 0.7  # between "๑" (40) and "๒" (50)
    assert cs[-1] == centres[-1] and len(cs) == len(ps) == len(new)
    assert sequence._regrouped("1234567", [0.0] * 7, [1.0] * 7) == (
        "1,234,567",
        [0.0] * 9,
        [1.0] * 9,
    )
    assert sequence._regrouped("๑๒๓", [0.0] * 3, [1.0] * 3) is None  # nothing to group
    assert sequence._regrouped("๑-๒๓๔๕", [0.0] * 6, [1.0] * 6) is None
    assert sequence._regrouped("๑.๒.๓๔๕๖", [0.0] * 8, [1.0] * 8) is None


def test_covers_is_one_glyph_both_ways() -> None:
    r = _read("๑", 0.99, 20)  # x 20-38
    assert sequence._covers(Glyph("๓", BBox(31, 0, 49, 30), 0.9), r, 10)  # 21-39 in the crop
    assert not sequence._covers(Glyph("๓", BBox(40, 0, 58, 30), 0.9), r, 10)  # half over it
    assert not sequence._covers(Glyph("๓๓", BBox(30, 0, 70, 30), 0.9), r, 10)  # two glyphs


def test_letters_the_network_saw_in_tesseracts_arabic_number_are_joins() -> None:
    got = ctc.CtcRead("05~1", 0.4, (3, 7, 9, 12), (0.99, 0.98, 0.4, 0.97))
    same = sequence._without_letters(got, "051")
    assert (same.text, same.frames, same.probs, same.conf) == (
        "051",
        (3, 7, 12),
        (0.99, 0.98, 0.97),
        0.97,
    )
    assert sequence._without_letters(got, "052") is got  # other digits: no stand-in
    assert sequence._without_letters(got, None) is got  # a Thai number: tesseract lacks digits
    plain = ctc.CtcRead("051", 0.97, (3, 7, 12), (0.99, 0.98, 0.97))
    assert sequence._without_letters(plain, "051") is plain
