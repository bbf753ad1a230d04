"""Re-read the Latin level code after ระดับ, which tesseract's Thai model loses.

Why: ITA reports print the assessment level as a Latin code right after ระดับ ("อยู่ในระดับ A
ผ่านการประเมิน"). The `tha` model reads that letter as a Thai one ("ระดับ ค"), as a digit glued
to the next word ("ระดับ 0ไม่ผ่าน"), or drops it ("ระดับ ผ่าน"). The word-level Latin re-read
(`ingest.latin`) cannot help when no suspect token is left or its boxes do not line up with
the ink. Reading the whole line once more with `tha+eng` (psm 7) reads the code as Latin in its
context: on the samples and on held-out scans it recovered the letter on 4 of the 5 lines where
it was lost. Only the token after ระดับ is taken from that reading (its digits are worse than
the Thai-only ones), and only when it is a level code (AA or A-F). Such lines are one or two per
document, read together in one small tesseract run per page that has them. A lone character
that is still no code ("0" for D, read in the line's context) is cut out by its box and read
alone with `eng`, which reads it as the letter it is.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ingest import reread
from schemas.page import BBox, Glyph, Line, glyph_offsets, tokens

LABEL = re.compile(r"(?<!ยก)ระ ?ดั?บ")
"""The label before the level (not ยกระดับ, "to raise the level"); `tha+eng` may split it
("ระ ดับ A")."""
CODE = re.compile(r"^(?:AA|[A-F])$")
FOLLOWERS = ("ผ่าน", "ไม่ผ่าน", "ด้วย", "โดย", "และ", "ซึ่ง", "มี")
"""Words that follow the level: one right after ระดับ means the code was dropped."""
_STROKE = re.compile(r"^[|!lI1:;.,'`]+$")
"""What tesseract makes of a neighbouring letter's edge caught in a cut-out."""
_ASCII_HEAD = re.compile(r"^[A-Za-z0-9|!\[\](){}]+(?=[\u0e00-\u0e7f])")


@dataclass(frozen=True, slots=True)
class Slot:
    """Where the code belongs in a Thai reading: `text[start:start + replace]` is replaced."""

    start: int
    replace: int


def slot(line: Line) -> Slot | None:
    """The place of a lost level code in `line`, or None when there is none to fix.

    A code is lost when ระดับ ends its token and is followed by nothing, by a word that comes
    after the level (dropped code), by one or two characters that are not a code (misread), or
    by ASCII glued to the next Thai word (misread and glued).
    """
    m = LABEL.search(line.text)
    if m is None:
        return None
    rest = line.text[m.end() :]
    if rest.strip() == "":
        return Slot(len(line.text), 0)
    if not rest[0].isspace():
        return None  # ระดับต้องปรับปรุง: level words follow the label directly
    start = m.end() + (len(rest) - len(rest.lstrip()))
    word = line.text[start:].split(" ", 1)[0]
    if CODE.match(word):
        return None
    if word.startswith(FOLLOWERS):
        return Slot(start, 0)
    glued = [k for k in (word.find(f) for f in FOLLOWERS) if 0 < k <= 2]
    if glued:  # '"เด้วยผลคะแนน': the code read as one or two marks glued to the next word
        return Slot(start, min(glued))
    head = _ASCII_HEAD.match(word)
    if head:
        return Slot(start, len(head.group(0)))
    if len(word) <= 2:
        return Slot(start, len(word))
    return None


def read_code(line: Line) -> tuple[str, tuple[Glyph, ...]] | None:
    """The level code after ระดับ in a `tha+eng` reading of the line, with its glyphs."""
    m = LABEL.search(line.text)
    if m is None:
        return None
    for start, end, idx in tokens(line):
        if start >= m.end():
            word = line.text[start:end]
            if CODE.match(word):
                return word, tuple(line.glyphs[i] for i in idx)
            return None
    return None


def lone_box(line: Line) -> BBox | None:
    """The box of a lone character after ระดับ that is not a code ("0" for D), else None.

    Read in its line, tesseract's `tha+eng` turns D into 0; cut out alone, English reads it.
    """
    m = LABEL.search(line.text)
    if m is None:
        return None
    for start, end, idx in tokens(line):
        if start >= m.end():
            if end - start != 1 or CODE.match(line.text[start:end]) or len(idx) != 1:
                return None
            return line.glyphs[idx[0]].bbox
    return None


def slot_box(line: Line, where: Slot) -> BBox | None:
    """The box of the glyphs a misread code left in `line` at `where` ('"เ' for A), or None
    when nothing was read there.

    Why: when the `tha+eng` reading of the line misreads the code too ("/เด้วย"), the ink
    under the Thai reading's misread glyphs is the code: cut out alone, `eng` reads it. A
    glyph box may hold the next letter as well ('"เด' is one cluster); the cut is then read
    as no code and nothing changes.
    """
    offsets = glyph_offsets(line)
    if offsets is None or where.replace == 0:
        return None
    end = where.start + where.replace
    boxes = [
        g.bbox for g, off in zip(line.glyphs, offsets, strict=True) if where.start <= off < end
    ]
    return functools.reduce(BBox.union, boxes) if boxes else None


def splice(line: Line, where: Slot, code: str, glyphs: Sequence[Glyph]) -> Line | None:
    """`line` with `code` at `where`; None if the glyphs would no longer spell the text."""
    offsets = glyph_offsets(line)
    if offsets is None:
        return None
    text = line.text
    end = where.start + where.replace
    if where.start >= len(text):
        new_text = text.rstrip() + " " + code
    else:
        tail = text[end:]
        new_text = text[: where.start] + code + ("" if tail[:1].isspace() else " ") + tail
    first = next((i for i, off in enumerate(offsets) if off >= where.start), len(offsets))
    last = next((i for i, off in enumerate(offsets) if off >= end), len(offsets))
    kept = list(line.glyphs)
    replacement = list(glyphs)
    if last > first:  # an OCR glyph is a cluster ("เด้"): keep what of it lies past `end`
        g, off = line.glyphs[last - 1], offsets[last - 1]
        if off + len(g.text) > end:
            replacement.append(Glyph(g.text[end - off :], g.bbox, g.conf))
    kept[first:last] = replacement
    spliced = Line(new_text, line.bbox, line.conf, tuple(kept))
    return spliced if glyph_offsets(spliced) is not None else None


def reread_codes(
    lines: Sequence[Line], reader: reread.LineReader, run_many_eng: reread.RunMany
) -> list[Line]:
    """`lines` (pixel space) with lost level codes read again from the line images.

    `reader` reads whole lines with `tha+eng`, `run_many_eng` single letters with `eng` (psm 7,
    one process per call; the second only runs when a letter needs it).
    """
    h, w = reader.image.shape
    jobs: list[tuple[int, Slot]] = []
    for i, line in enumerate(lines):
        where = slot(line)
        if where is None:
            continue
        b = line.bbox
        if (
            min(w, int(b.x1) + 1) - max(0, int(b.x0)) < 8
            or min(h, int(b.y1) + 1) - max(0, int(b.y0)) < 4
        ):
            continue
        jobs.append((i, where))
    if not jobs:
        return list(lines)
    out = list(lines)
    letters: list[tuple[int, Slot, BBox]] = []
    readings = reader.read([lines[i] for i, _ in jobs])
    for (i, where), reading in zip(jobs, readings, strict=True):
        found = read_code(reading) if reading is not None else None
        if found is None:
            box = (lone_box(reading) if reading is not None else None) or slot_box(lines[i], where)
            if box is not None:
                letters.append((i, where, box))
            continue
        code, glyphs = found
        fixed = splice(out[i], where, code, glyphs)
        if fixed is not None:
            out[i] = fixed
    if letters:
        _reread_letters(reader.image, out, letters, run_many_eng)
    return out


def _reread_letters(
    image: np.ndarray,
    out: list[Line],
    letters: list[tuple[int, Slot, BBox]],
    run_many_eng: reread.RunMany,
) -> None:
    """Read lone letters alone with `eng`; splice those that are codes into `out` (in place)."""
    cutouts = []
    for i, _, box in letters:
        line = out[i].bbox
        pad = int(0.15 * line.height)
        cutouts.append(
            reread.cut(
                image,
                int(box.x0) - pad,
                int(line.y0),
                int(box.x1) + pad + 1,
                int(line.y1) + 1,
                int(0.6 * line.height),
            )
        )
    for (i, where, box), reading in zip(
        letters, reread.read_back(cutouts, run_many_eng), strict=True
    ):
        if reading is None:
            continue
        # the cut may catch a stroke of the next letter: "D |"
        code, *rest = reading.text.split()
        if not CODE.match(code) or not all(_STROKE.match(r) for r in rest):
            continue
        fixed = splice(out[i], where, code, (Glyph(code, box, reading.conf),))
        if fixed is not None:
            out[i] = fixed
