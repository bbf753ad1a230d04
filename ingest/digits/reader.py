"""Re-read the numbers in tesseract's lines: `reread(image, lines) -> lines`.

Why: the packaged Thai model cannot output ๔ ๖ ๗ ๘ ๙ (its character set lacks them), so
every Thai number it reads is suspect. Each line is read in windows (`windows`), segmented
and classified (`segment`, `features`, `model`, `decode`); numeric runs replace the tesseract
characters under them, and everything else in the line (Thai text, its spaces, tesseract's
confidences) is kept.

Where the path was unsure of a number (a glyph below 0.95, or junk glued to it: touching
digits no cut separates), or the print is small, the number's window is read again, whole, by
a CTC sequence model (`ctc`; its passes are in `sequence`), which needs no segmentation; its
reading replaces the path's there when the network is sure enough of it.

What is read: the windows around tesseract's tokens that may hold a number, and the wide gaps
between its glyphs (where it skipped a number), and the ink past either end of its line box
that continues the line (`windows.widen_to_ink`: a number it boxed the line without). A run
is accepted when tesseract also saw a digit there (mostly it misreads digits rather than
missing them), or, failing that, when the run stands alone between spaces (or brackets) and
the classifier is sure of every glyph: a Thai letter beside a number must never become a
digit. A number is printed in one script, so
a digit of the other script glued to a run is a letter taken for a digit (`one_script`,
`_mixed_pair`, `_foreign_digit`), dots that can only separate thousands are commas
(`thousands`), and a comma or colon with one digit after it is a decimal point
(`one_place`). Last, a digit that starts a Thai word drawn like it ("๓.ค." for "ต.ค.")
becomes the letter (`words`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from ingest.digits import ctc
from ingest.digits.decode import (
    Read,
    Run,
    best_path,
    digit_pitch,
    is_thai,
    numeric_runs,
    one_place,
    one_script,
    same_number,
    space_threshold,
    thousands,
)
from ingest.digits.features import features
from ingest.digits.model import (
    ARABIC_DIGITS,
    CLASSES,
    OTHER_ID,
    PUNCT,
    Mlp,
    load,
    one_blas_thread,
)
from ingest.digits.segment import EVEN_MIN_WIDTH
from ingest.digits.sequence import glued_number, sequence_reread
from ingest.digits.windows import (
    BLOB_CONF,
    DIGIT,
    LATIN,
    Job,
    consumes,
    glyph_over,
    glyph_tokens,
    glyphs_over,
    guessing,
    overlap,
    prepare,
    space_flags,
    widen_to_ink,
)
from ingest.digits.words import letters_in_words
from parsers.numerals import to_arabic
from schemas.page import BBox, Glyph, Line, glyph_offsets

_QUOTES = "\"'“”‘’«»"
"""Quote marks tesseract boxes with a digit it reads on a letter ('"๒"'): they go with the
dropped Thai digit where the glyph is a token by itself (`_misread_letter`)."""
_ZEROS = "0๐"
"""Round digits: a zero of either script, or a Latin o the `tha` model read as one."""
LONE_RUN_CONF = 0.97
"""A run tesseract saw no digit in must be this sure on every glyph (and stand alone)."""
LONG_RUN_DIGITS = 4
"""... but a run of this many digits or more only GUESS_RUN_CONF sure (`_lone_bar`)."""
GUESS_RUN_CONF = 0.9
"""Over tesseract's guesses a run needs this sure a glyph at worst."""
GAP_APART = 0.5
"""A run read in a gap tesseract left (`windows.unread_gaps`) stands alone this far (share of
a space) from tesseract's letters."""
MISREAD_CONF = 0.95
"""How sure the classifier must be of a letter to drop tesseract's digit there."""
GLUED_MISREAD_CONF = 0.8
"""... where that digit is glued to a re-read number the path ended before it."""
LETTER_END_CONF = 0.9
"""A digit at either end of a run less sure than this gives way to the Thai letter tesseract
read over it at this sureness or more (`_letter_ends`)."""
_THAI_LETTER = re.compile(r"[\u0e01-\u0e2f]")
ENGLISH_SURE = 0.75
"""How sure the English word pass must have been of a Latin letter for an Arabic digit of
the same shape not to replace it (`_english_twin`): the bar that pass needs to replace a
number (`ingest.latin.NUMBER_CONF`, not imported: `ingest.latin` reads through this
package)."""
TWINS = {"0": "ODQo", "1": "Il|", "2": "Zz", "5": "Ss", "6": "Gb", "8": "BS", "9": "gq"}
"""Latin letters drawn like an Arabic digit (the usual OCR confusables)."""
DROP = -2
SEEN_SPACE = 0.5
"""Share of the path's space threshold that makes a space beside a run where tesseract saw
one: fonts with narrow spaces at 200 dpi ("โทรศัพท์ ๐-๗๑๓๗") fall below the threshold."""
NO_CONF = 0.1
"""tesseract's confidence in a glyph it had no idea about (`_guess_on_run`)."""
SURE_NEIGHBOUR = 0.9
"""A wide column with a path glyph less sure than BLOB_CONF sends the line to the second pass
when a digit or number punctuation this sure stands beside it."""


@dataclass(slots=True)
class _Item:
    """A piece of the output line: kept tesseract glyph(s) or a re-read run."""

    glyphs: tuple[Glyph, ...]
    text: str
    space_before: bool
    run: Run | None = None
    fixed: bool = False
    """Punctuation split off a tesseract glyph the run consumed: glued to the run."""
    seen_space: bool = False
    """A run's: tesseract put a space before the first glyph the run consumed."""


def _accept(
    run: Run,
    hits: list[Glyph],
    thr: float,
    in_gap: bool = False,
    cut: bool = False,
    brackets: tuple[bool, bool] = (False, False),
    under: Sequence[Glyph] = (),
) -> bool:
    """Trust a run where tesseract saw a digit too, or where tesseract was guessing, or
    where it stands alone between spaces (or brackets) and every glyph is sure.

    `in_gap`: no tesseract glyph lies over the run (it skipped the ink, `windows.unread_gaps`),
    so the letters beside it are tesseract's own: half a space from them is enough.
    `cut`: the run ends at the edge of the window it was read in, not of the line, so
    nothing is known of what follows it there: it does not stand alone.
    `brackets`: tesseract read "(" on the glyph just before the run, ")" on the one just
    after (`_brackets`): the classifier has no bracket class and calls them letters.
    `under`: tesseract's glyphs over the run, which tell whether it was guessing there when
    none is its reading of the run (one garbage glyph from a letter before the number on,
    "โทรศัพท์๐๘๙-…" read "งก").
    Never over a Latin letter drawn like the run's one digit that the English word pass was
    sure of (`_english_twin`).
    """
    if any(DIGIT.search(g.text) for g in hits):
        return True
    if _english_twin(run, hits):
        return False
    if guessing(hits or under):
        if run.conf >= GUESS_RUN_CONF:
            return True
        if not cut and _one_doubt(run) and all(_sides_apart(run, thr, in_gap)):
            return True
    if run.conf < _lone_bar(run) or cut:
        return False
    if any(LATIN.search(g.text) for g in hits):
        brackets = (False, False)  # "(One stop service)": tesseract read Latin letters there
    ok_l, ok_r = _sides_apart(run, thr, in_gap)
    return (ok_l or brackets[0]) and (ok_r or brackets[1])


ONE_DOUBT_CONF = 0.5
"""The one glyph of a long lone run over tesseract's guesses that may be less sure than
GUESS_RUN_CONF (`_one_doubt`)."""


def _one_doubt(run: Run) -> bool:
    """Whether a run of LONG_RUN_DIGITS digits or more is GUESS_RUN_CONF sure but for one
    glyph, and that one ONE_DOUBT_CONF sure: over tesseract's guesses, standing alone, a
    number all the same.

    Why: four digits and more side by side are no Thai letters taken for digits; tesseract
    read "๓๖๙๖๔" of a held-out line (Norasi, 300 dpi) as the guessed letters "องาพนร", and
    the path read it right, its serif ๓ at 0.61: the line lost the whole number."""
    confs = sorted(r.conf for r in run.reads)
    digits = sum(r.is_digit for r in run.reads)
    return digits >= LONG_RUN_DIGITS and confs[0] >= ONE_DOUBT_CONF and confs[1] >= GUESS_RUN_CONF


def _lone_bar(run: Run) -> float:
    """How sure at worst a run standing alone must be where tesseract saw no digit in it.

    Why a long run needs less: what the bar keeps out is a Thai letter or two the classifier
    took for digits; four digits or more side by side, each read GUESS_RUN_CONF sure, are a
    number. tesseract skipped the whole of "คะแนน 97135019" on a held-out line (Norasi,
    300 dpi), and the path read the number sure, one "1" at 0.965; on the benchmark's lines
    that is the only run of three digits or more between that and LONE_RUN_CONF.
    """
    digits = sum(r.is_digit for r in run.reads)
    return GUESS_RUN_CONF if digits >= LONG_RUN_DIGITS else LONE_RUN_CONF


def _english_twin(run: Run, hits: list[Glyph]) -> bool:
    """Whether a one-digit Arabic run would replace one Latin letter drawn like that digit
    (TWINS: O and 0, B and 8, S and 8 ...) that the English word pass read at ENGLISH_SURE
    or better (the `tha` model has no Latin letters, so every one on the line is that
    pass's reading).

    Why the letter stays there: the two readers agree on the shape, and only the English
    model saw it as part of the text around it; the classifier, which saw Latin letters
    only as "not a digit", reads a lone O, B or S as 0, 8 or 8 (7 such on the studied
    benchmark lines, all letters). Where the shapes differ ("9" read "Q" or "O" by `eng`,
    a number "13" read "Ls", at 0.84-0.86) the English reading is the one that is wrong.
    """
    digits = [r for r in run.reads if r.is_digit]
    if len(digits) != 1 or is_thai(digits[0]) or len(hits) != 1:
        return False
    letter = hits[0]
    return (
        len(letter.text) == 1
        and letter.text in TWINS.get(CLASSES[digits[0].cls], "")
        and (letter.conf or 0.0) >= ENGLISH_SURE
    )


def _brackets(run: Run, glyphs: Sequence[Glyph], ox: int) -> tuple[bool, bool]:
    """Whether tesseract read an opening bracket over the glyph just before the run and a
    closing one over the glyph just after it (a list number "๖)", read "ว)")."""

    def over(r: Read | None, ends: Callable[[str], bool]) -> bool:
        return r is not None and any(ends(g.text) for g in glyphs if glyph_over(g, r.x0, r.x1, ox))

    return (
        over(run.left, lambda t: t.startswith(("(", "["))),
        over(run.right, lambda t: t.endswith((")", "]"))),
    )


def _edges(text: str) -> tuple[str, str]:
    """Punctuation before the first and after the last digit of a consumed tesseract glyph.

    tesseract sometimes boxes "๑." or "7.9)" or ".๒" (of "พ.ศ.๒๕๖๗") as one glyph; the run
    replaces the digits, and these marks are kept around it.
    """
    digits = [k for k, ch in enumerate(text) if DIGIT.match(ch)]
    if not digits:  # a letter the run replaces, with a bracket boxed with it ("ว)")
        return "", text[-1] if len(text) > 1 and text[-1] in ")]" else ""
    head, tail = text[: digits[0]], text[digits[-1] + 1 :]
    return (
        head if head and all(c in "([.:" for c in head) else "",
        tail if tail and all(c in ".,)]%:;" for c in tail) else "",
    )


def _mark_after(run: Run, g: Glyph, ox: int) -> str:
    """The path's mark just after the run when it lies under `g`, a consumed tesseract glyph
    without a digit: the glyph is tesseract's reading of that mark ("๒." of a numbered item
    boxed as "๒" and ",."), and dropping it with the glyph would lose the item's full stop.
    """
    right = run.right
    if (
        right is None
        or right.char not in (".", ",", ":", "%")
        or not glyph_over(g, right.x0, right.x1, ox)
    ):
        return ""
    return right.char


def _run_glyphs(run: Run, ox: int, oy: int) -> tuple[Glyph, ...]:
    conf = round(run.conf, 4)
    return tuple(
        Glyph(r.char, BBox(r.x0 + ox, r.y0 + oy, r.x1 + ox, r.y1 + oy), conf) for r in run.reads
    )


def _decode(job: Job, probs: np.ndarray) -> list[list[Read]]:
    """The best path through each of one line's windows."""
    reads_per_group: list[list[Read]] = []
    k = job.start
    for (lo, hi), cs in zip(job.groups, job.cands, strict=True):
        reads_per_group.append(best_path(job.seg, cs, probs[k : k + len(cs)], lo, hi))
        k += len(cs)
    return reads_per_group


def _unread_blobs(job: Job, reads_per_group: list[list[Read]]) -> list[tuple[int, int]]:
    """x-ranges (crop pixels) of wide columns beside a number that the path could only cross
    with a glyph it is unsure of: digits merged into one blob that no projection cut splits.

    Only beside a digit or number punctuation read with confidence: a wide blob of Thai
    letters read unsurely, or a stamp tesseract took for a line, is not worth a second pass.
    """
    xh = job.seg.geom.xh
    reads = [r for rs in reads_per_group for r in rs]
    weak = [r for r in reads if r.conf < BLOB_CONF]
    if not weak:
        return []
    numeric = [r for r in reads if (r.is_digit or r.char in PUNCT) and r.conf >= SURE_NEIGHBOUR]
    return [
        (c.x0, c.x1)
        for c in job.seg.columns
        if c.x1 - c.x0 >= EVEN_MIN_WIDTH * xh
        and any(r.x0 < c.x1 and c.x0 < r.x1 for r in weak)
        and any(r.x0 < c.x1 + xh and c.x0 - xh < r.x1 for r in numeric)
    ]


def _keep_groups(again: Job, first: Job, blobs: list[tuple[int, int]]) -> bool:
    """Narrow a second-pass job to its windows that hold a blob (the others keep their first
    reading); False when there is nothing to re-read or the windows do not pair up."""
    if len(again.groups) != len(first.groups):
        return False
    atoms = again.seg.atoms
    kept = [
        g
        for g, (lo, hi) in enumerate(again.groups)
        if any(a < atoms[hi - 1].x1 and atoms[lo].x0 < b for a, b in blobs)
    ]
    again.groups = [again.groups[g] for g in kept]
    again.cands = [again.cands[g] for g in kept]
    again.kept = kept
    return bool(kept)


def _log_score(reads: list[Read]) -> float:
    """How well a window's path reads: the sum of its glyphs' log-probabilities.

    The second pass's pieces are new candidates with new features, so its path is not
    better by construction; it replaces the first, window by window, only when it reads better.
    """
    return sum(math.log(r.conf + 1e-6) for r in reads)


def _sides_apart(run: Run, thr: float, in_gap: bool) -> tuple[bool, bool]:
    """`Run.apart` at one space, or at GAP_APART of one where tesseract skipped the run's ink
    (`in_gap`): the letters beside it are then tesseract's own. `_accept` and `_glued_ok`
    judge a run's sides by it."""
    return run.apart(GAP_APART * thr if in_gap else thr)


def _finish(job: Job, reads_per_group: list[list[Read]], net: ctc.CtcNet | None = None) -> Line:
    """Accept the numeric runs of one line's paths and splice them into the line; with
    `net`, also a sure run glued to a letter on one side that the network reads the same
    (`_glued_ok`)."""
    seg, ox = job.seg, job.ox
    xh = seg.geom.xh
    every = [r for rs in reads_per_group for r in rs]
    line = _circular_mark(job.line, every, ox)
    thr = space_threshold(every, xh)
    pitch = digit_pitch(every, thr)
    glyphs = line.glyphs
    owner: list[int] = [-1] * len(glyphs)
    accepted: list[Run] = []
    runs = (
        one_place(thousands(one_script(_round_letter_ends(run, glyphs, ox))))
        for rs in reads_per_group
        for run in numeric_runs(rs, thr, pitch, job.breaks)
    )
    for run in (
        _latin_ends(_letter_ends(_mixed_pair(run, glyphs, ox), glyphs, ox), glyphs, ox)
        for run in runs
    ):
        hits = [i for i, g in enumerate(glyphs) if owner[i] < 0 and consumes(g, run, ox, xh)]
        under = glyphs_over(glyphs, run.x0, run.x1, ox)
        in_gap = not under  # tesseract skipped its ink (`windows.unread_gaps`)
        cut = _cut(job, run, thr)
        brackets = _brackets(run, glyphs, ox)
        if not _accept(
            run, [glyphs[i] for i in hits], thr, in_gap, cut, brackets, under
        ) and not _glued_ok(job, net, run, thr, in_gap, cut):
            continue
        for i in hits:
            owner[i] = len(accepted)
        accepted.append(run)
    alone = _lone_glyphs(line)
    for i, g in enumerate(glyphs):
        if owner[i] < 0 and (
            _misread_letter(g, every, ox, _glued(g, accepted, ox, thr), i in alone)
            or _foreign_digit(g, accepted, ox, thr)
            or _speck(g, every, job.ranges, ox)
            or _guess_on_run(g, accepted, ox, _taken_next(glyphs, owner, i))
        ):
            owner[i] = DROP
    if not accepted and all(o == -1 for o in owner):
        return line
    return _rebuild(
        line,
        accepted,
        owner,
        ox,
        job.oy,
        thr,
        lambda a, b: same_number(a, b, thr, pitch, job.breaks),
    )


_SLASH_THREE = re.compile(r"/[3๓]")
CIRCULAR = "ว"
"""The letter of a circular's reference number after its slash ("มท ๐๘๐๙.๒/ว ๑๒๓")."""


def _circular_mark(line: Line, reads: list[Read], ox: int) -> Line:
    """`line` with tesseract's "/3" after a number read "/ว" where the classifier is sure
    the ink under the 3 is a letter.

    Why: the `tha` model reads the ว of a circular's reference number ("๐๘๐๙/ว ๐๖๓๐") as an
    Arabic 3 boxed with the slash (two in 56 held-out lines of a study draw), and the header
    parser then takes "๐๘๐๙/3" for the number. After a number's slash that letter is ว: no
    other is written there, and no number of Thai digits goes on in an Arabic 3.
    """
    offsets = glyph_offsets(line)
    if offsets is None:
        return line
    glyphs, text = list(line.glyphs), line.text
    for k, (g, off) in enumerate(zip(line.glyphs, offsets, strict=True)):
        if not _SLASH_THREE.fullmatch(g.text) or k == 0 or not DIGIT.match(glyphs[k - 1].text[-1:]):
            continue
        x = g.bbox.x1 - ox - 0.25 * g.bbox.width  # inside the 3, right of the slash
        hit = next((r for r in reads if r.x0 <= x <= r.x1), None)
        if hit is not None and hit.cls == OTHER_ID and hit.conf >= MISREAD_CONF:
            glyphs[k] = Glyph("/" + CIRCULAR, g.bbox, g.conf)
            text = text[:off] + glyphs[k].text + text[off + len(g.text) :]
    if glyphs == list(line.glyphs):
        return line
    return Line(text, line.bbox, line.conf, tuple(glyphs))


def _glued_ok(
    job: Job, net: ctc.CtcNet | None, run: Run, thr: float, in_gap: bool, cut: bool
) -> bool:
    """A run `_accept` refused only because a letter is glued to one side of it, which the
    network reads as that letter and the run's very digits (`sequence.glued_number`)."""
    if net is None or cut or run.conf < LONE_RUN_CONF:
        return False
    apart_l, apart_r = _sides_apart(run, thr, in_gap)
    glued_l, glued_r = not apart_l, not apart_r
    if glued_l == glued_r:
        # letters on both sides are a word: a printed number touches one at most ("ที่3"),
        # and the network can be sure of a letter inside one (ธ of "คุณธรรม" read "6")
        return False
    return glued_number(job, net, run, glued_l, glued_r)


def _cut(job: Job, run: Run, thr: float) -> bool:
    """Whether the run ends, with nothing read beyond it, within a space of the edge of a
    window that lies inside the line: there may be more of the number beyond that edge.

    Not where the line has no ink in the band of its letters' bodies between that edge and a
    space past the run (`_ink_between`): the run does end there (a year "๗๖" that tesseract
    read as letters, the window around them ending just after the ๖).
    """
    width = job.gray.shape[1]
    c = (run.x0 + run.x1) / 2
    for r0, r1 in job.ranges:
        if r0 <= c <= r1:
            left = run.left is None and r0 > 0 and run.x0 - r0 < thr
            right = run.right is None and r1 < width and r1 - run.x1 < thr
            left = left and _ink_between(job, run.x0 - thr, r0)
            right = right and _ink_between(job, r1, run.x1 + thr)
            return left or right
    return False


def _ink_between(job: Job, x0: float, x1: float) -> bool:
    """Whether the line's binary image holds ink between x0 and x1 (crop pixels), in the band
    of its letters' bodies (marks above and below, and the neighbouring lines', left out)."""
    geom = job.seg.geom
    a, b = max(0, math.floor(x0)), min(job.gray.shape[1], math.ceil(x1))
    if b <= a:
        return False
    base = geom.baseline((a + b) / 2)
    top, bottom = max(0, round(base - 1.1 * geom.xh)), max(0, round(base + 0.1 * geom.xh))
    band = job.seg.binary[top:bottom, a:b]
    return int((band.sum(axis=0) >= 2).sum()) >= 2


def _touches(g: Glyph, run: Run, ox: int, thr: float) -> bool:
    """Whether tesseract glyph `g` starts or ends within a space (`thr`) of the run's ends."""
    gx0, gx1 = g.bbox.x0 - ox, g.bbox.x1 - ox
    return -thr < gx0 - run.x1 < thr or -thr < run.x0 - gx1 < thr


def _glued(g: Glyph, runs: list[Run], ox: int, thr: float) -> bool:
    """Whether tesseract glyph `g` touches (closer than a space) an accepted run's ends."""
    return any(_touches(g, run, ox, thr) for run in runs)


def _lone_glyphs(line: Line) -> set[int]:
    """Indices of the glyphs that are a tesseract token by themselves (spaced on both sides)."""
    out: set[int] = set()
    i = 0
    for tok in glyph_tokens(line):
        if len(tok) == 1:
            out.add(i)
        i += len(tok)
    return out


def _misread_letter(
    g: Glyph, reads: list[Read], ox: int, glued: bool = False, alone: bool = False
) -> bool:
    """A lone tesseract digit where the classifier is sure it sees a letter (ต read as ๓), or
    a number of them over letters only (`_letters_under`) or, guessed, over a word
    (`_word_under`), or a digit tesseract boxed with a
    mark over ink the classifier is sure is that mark alone ("0%" over a "%").

    The letter itself cannot be recovered here, but a digit that is not there would corrupt
    the number next to it, so the glyph is dropped; punctuation tesseract boxed after it
    ("๓." over the "ต." of "ต.ค.") is kept (see `_rebuild`). `glued`: the digit touches a
    re-read number whose path ended just before it, reading its neighbours as digits and
    this glyph as a letter ("๗๕๘ฒ" read "๗๕๘๕"); there GLUED_MISREAD_CONF is enough. A
    lone glyph needs MISREAD_CONF: a "๓" alone on a line the path was 0.9 sure was a letter
    is the digit. `alone`: the glyph is a token by itself, and quote marks boxed with its
    Thai digit (or an Arabic one tesseract was guessing at) go with it; inside a token they
    may be tesseract's reading of a Latin word the English pass mends later ("service" with
    '"6' in it), which needs them.
    """
    _, tail = _edges(g.text)
    core = g.text[: len(g.text) - len(tail)]
    # Arabic digits on letters are most often a Latin word the English pass (ingest.latin)
    # re-reads, which it finds by them: only the original, sure test drops those
    latin = any(c in ARABIC_DIGITS for c in core)
    # ... except a token of its own that tesseract was guessing at (a Thai word it boxed as
    # one glyph "870" at 0.25 over "พระทองหวน", or '“0' at 0.14 over "จำนวน"): no English
    # pass takes a bare number for a word
    guessed_alone = alone and _guessed(g)
    core = core.strip(_QUOTES) if alone and (not latin or guessed_alone) else core
    digits_only = bool(core) and all(DIGIT.match(c) for c in core)
    if guessed_alone and digits_only and _word_under(g, reads, ox):
        return True  # guessed over a whole word ("0" at 0.3 over "ร้อยละ", "50" over "เวลา")
    if len(core) > 1 and digits_only:
        return (not latin or guessed_alone) and _letters_under(g, reads, ox)
    if not DIGIT.fullmatch(core):
        return False  # with a mark before the digit ("(๑"), x below would fall on the mark
    x = g.bbox.x0 - ox + 0.3 * min(g.bbox.width, 0.6 * g.bbox.height)
    hit = next((r for r in reads if r.x0 <= x <= r.x1), None)
    hit = hit if hit is not None or latin else _most_over(g, reads, ox)
    sure = GLUED_MISREAD_CONF if glued else MISREAD_CONF
    if hit is None or hit.conf < sure:
        return False
    # a letter; or the very mark tesseract boxed after the digit, where the digit is a
    # piece of the mark ("0%" over one %, whose lower ring it read as a zero)
    return hit.cls == OTHER_ID or (hit.char in PUNCT and hit.char in tail)


def _guessed(g: Glyph) -> bool:
    """Whether tesseract was guessing at glyph `g` (`windows.guessing`, one glyph)."""
    return guessing((g,))


def _letters_under(g: Glyph, reads: list[Read], ox: int) -> bool:
    """Whether every path glyph under tesseract glyph `g` is a letter the path is sure of
    (MISREAD_CONF), with two at least: a number tesseract boxed over a word."""
    under = [r for r in reads if glyph_over(g, r.x0, r.x1, ox)]
    return len(under) >= 2 and all(r.cls == OTHER_ID and r.conf >= MISREAD_CONF for r in under)


def _word_under(g: Glyph, reads: list[Read], ox: int) -> bool:
    """Whether the path reads a word under tesseract glyph `g`: three letters or more, all
    but one MISREAD_CONF sure (the first of "ร้อยละ" at 0.39, where tesseract guessed "0")."""
    under = [r for r in reads if glyph_over(g, r.x0, r.x1, ox)]
    sure = sum(r.conf >= MISREAD_CONF for r in under)
    return len(under) >= 3 and all(r.cls == OTHER_ID for r in under) and sure >= len(under) - 1


def _guess_on_run(g: Glyph, runs: list[Run], ox: int, twin: Glyph | None = None) -> bool:
    """A letter glyph over two thirds or more of an accepted run's ink that tesseract either
    had no confidence in (NO_CONF) or read again as `twin`, the next glyph, a digit the run
    took, whose box covers half of its own: tesseract's guess at the number ("ต" at 0.0 over
    the left of the ๓ of a list number "๓.", or "ต" and "๓." boxed over the same ๓), not a
    letter beside it, which would lie beside the run's ink with a box of its own."""
    if g.conf is None or DIGIT.search(g.text):
        return False
    width = g.bbox.x1 - g.bbox.x0
    if width <= 0:
        return False
    twice = twin is not None and overlap(g, twin.bbox.x0 - ox, twin.bbox.x1 - ox, ox) >= width / 2
    if g.conf >= NO_CONF and not twice:
        return False
    return any(overlap(g, r.x0, r.x1, ox) >= 2 * width / 3 for r in runs)


def _taken_next(glyphs: Sequence[Glyph], owner: list[int], i: int) -> Glyph | None:
    """The glyph after glyph i when an accepted run took it as its reading, else None."""
    return glyphs[i + 1] if i + 1 < len(glyphs) and owner[i + 1] >= 0 else None


def _speck(g: Glyph, reads: list[Read], ranges: list[tuple[float, float]], ox: int) -> bool:
    """A tesseract glyph of digits only inside a window the path read where the path found no
    glyph at all: there is no ink of a glyph's size there (every component of one is a
    candidate), so it is a speck of noise tesseract took for a digit ("19650 4", "๙๑ % 0]",
    "๙๖๐๔๘๖๙ 07" with "07" boxed 3 px wide).

    Arabic ones too: they were once left to the English passes, but the word pass runs
    before this reader and the line pass takes no bare number for a word, so a speck's "0"
    stayed a false digit (8 on the studied benchmark lines, none of them real)."""
    core = g.text.rstrip(")]")
    if not core or not all(DIGIT.fullmatch(c) for c in core):
        return False
    gx0, gx1 = g.bbox.x0 - ox, g.bbox.x1 - ox
    if not any(a <= gx0 and gx1 <= b for a, b in ranges):
        return False
    return not any(glyph_over(g, r.x0, r.x1, ox) for r in reads)


def _most_over(g: Glyph, reads: list[Read], ox: int) -> Read | None:
    """The path glyph under most of tesseract glyph `g` (half its width at least), if any:
    tesseract's box and the path's ink may be a few pixels apart."""
    best = max(reads, key=lambda r: overlap(g, r.x0, r.x1, ox), default=None)
    if best is None or overlap(g, best.x0, best.x1, ox) < 0.5 * g.bbox.width:
        return None
    return best


def _mixed_pair(run: Run, glyphs: Sequence[Glyph], ox: int) -> Run:
    """A two-digit run of two scripts ("4๑", "๑1"), which `one_script` cannot judge, keeps
    the digit tesseract also read as a digit of its script and gives up the other where
    tesseract read only letters (ด, ฯ in "4ด", "๑ฯ"), so tesseract's letter stays. Not with
    a zero in it: "9๐" was the "cy" of "Policy", and cut it kept the English re-reading from
    mending the word."""
    digits = [k for k, r in enumerate(run.reads) if r.is_digit]
    if len(digits) != 2 or digits != [0, len(run.reads) - 1]:
        return run
    first, last = run.reads[0], run.reads[-1]
    if is_thai(first) == is_thai(last):
        return run
    if first.char in _ZEROS or last.char in _ZEROS:
        return run  # a round glyph may be a Latin o ("9๐" on "Policy") or a zero of either

    def seen(r: Read) -> str:
        return "".join(g.text for g in glyphs if glyph_over(g, r.x0, r.x1, ox))

    def confirmed(r: Read) -> bool:  # tesseract read a digit of r's script over it
        thai = is_thai(r)
        return any(DIGIT.match(c) and (c not in ARABIC_DIGITS) == thai for c in seen(r))

    def letters(r: Read) -> bool:
        text = seen(r)
        return bool(text) and not DIGIT.search(text)

    if confirmed(first) and letters(last):
        return Run(run.reads[:1], run.left, last)
    if confirmed(last) and letters(first):
        return Run(run.reads[-1:], first, run.right)
    return run


def _round_letter_ends(run: Run, glyphs: Sequence[Glyph], ox: int) -> Run:
    """A run without a zero at either end that is of the other script than every other digit
    of it, where tesseract read one Thai letter there at LETTER_END_CONF or surer: a round
    letter (อ, ฮ) the classifier took for a zero, in the script it does not print the
    number in ("๖๗๓๕อ" read "๖๗๓๕0" in Norasi at 300 dpi, the 0 at 0.99).

    Why the script tells: a number is printed in one script (`decode.one_script`, which
    would otherwise make the 0 a ๐), and a zero the classifier read in the other script is
    a round shape it could not place; tesseract, which writes ๐ and 0 both, read a letter.
    """

    def letter(r: Read, rest: Sequence[Read]) -> bool:
        others = [q for q in rest if q.is_digit]
        if r.char not in _ZEROS or not others or any(is_thai(q) == is_thai(r) for q in others):
            return False
        return _sure_letter_over(r, glyphs, ox)

    return _trim_ends(run, letter)


def _letter_ends(run: Run, glyphs: Sequence[Glyph], ox: int) -> Run:
    """A run without its end digits that the classifier was unsure of (below
    LETTER_END_CONF) where tesseract read one Thai letter, surely (as sure), over that digit:
    the letter, glued to the number, is kept ("ต๔๘๑" read "๓๔๘๑", "1933ฯ" read "19334").

    Why both must agree: the `tha` model can write ๐ ๑ ๒ ๓ ๕, so a sure ต where the path
    saw an unsure ๓ is tesseract telling the two apart, and the classifier's doubt is
    the letter's shape; a digit the path is sure of keeps its place whatever tesseract read.
    """

    return _trim_ends(
        run, lambda r, _: r.conf < LETTER_END_CONF and _sure_letter_over(r, glyphs, ox)
    )


def _sure_letter_over(r: Read, glyphs: Sequence[Glyph], ox: int) -> bool:
    """Whether tesseract read one Thai letter over path glyph `r`, LETTER_END_CONF sure."""
    over = glyphs_over(glyphs, r.x0, r.x1, ox)
    return (
        len(over) == 1
        and _THAI_LETTER.fullmatch(over[0].text) is not None
        and (over[0].conf or 0.0) >= LETTER_END_CONF
    )


def _trim_ends(run: Run, letter: Callable[[Read, Sequence[Read]], bool]) -> Run:
    """`run` without the glyph at either end that `letter` (given it and the rest of the run)
    says is a letter glued to the number; a digit beside it stays, the letter becomes the
    run's neighbour."""
    reads = run.reads
    if len(reads) >= 2 and reads[1].is_digit and letter(reads[0], reads[1:]):
        run = Run(reads[1:], reads[0], run.right)
    reads = run.reads
    if len(reads) >= 2 and reads[-2].is_digit and letter(reads[-1], reads[:-1]):
        run = Run(reads[:-1], run.left, reads[-1])
    return run


def _latin_ends(run: Run, glyphs: Sequence[Glyph], ox: int) -> Run:
    """A run without the glyphs at either end that lie under a Latin word the English word
    pass read at ENGLISH_SURE or better and that reaches past the run there, where each is
    drawn like a character of that word (a zero like its o, a dot like its dot): "No. ๑๒"
    read "No." by the English pass and "๐.๑๒" by the path, which would print "No.๐.๑๒".

    Why only look-alikes under a word that goes on past the run: the English model saw the
    word whole, letters the classifier never learnt but as "not a digit"; a digit drawn
    unlike any letter of it ("ITA2567": 2) is the number's, whatever tesseract boxed. And
    only where no Latin word lies over what is left: "No Gift" read "๐6" by the path is two
    words, not a number "๐" glued to one (left whole, the run is no number anyone takes).
    """

    def clear(rest: Sequence[Read]) -> bool:
        return not any(
            LATIN.search(g.text) for r in rest for g in glyphs_over(glyphs, r.x0, r.x1, ox)
        )

    def word(r: Read) -> Glyph | None:
        over = glyphs_over(glyphs, r.x0, r.x1, ox)
        if len(over) != 1 or not LATIN.search(over[0].text):
            return None
        return over[0] if (over[0].conf or 0.0) >= ENGLISH_SURE else None

    def drawn_in(r: Read, text: str) -> bool:
        ch = CLASSES[r.cls]
        if not r.is_digit:
            return ch in text
        return any(letter in text for letter in TWINS.get(to_arabic(ch), ""))

    reads = run.reads
    g = word(reads[0])
    if g is not None and g.bbox.x0 - ox < reads[0].x0:
        k = 0
        while k < len(reads) - 1 and glyph_over(g, reads[k].x0, reads[k].x1, ox):
            if not drawn_in(reads[k], g.text):
                break
            k += 1
        if k and any(r.is_digit for r in reads[k:]) and clear(reads[k:]):
            run = Run(reads[k:], reads[k - 1], run.right)
    reads = run.reads
    g = word(reads[-1])
    if g is not None and g.bbox.x1 - ox > reads[-1].x1:
        k = len(reads)
        while k > 1 and glyph_over(g, reads[k - 1].x0, reads[k - 1].x1, ox):
            if not drawn_in(reads[k - 1], g.text):
                break
            k -= 1
        if k < len(reads) and any(r.is_digit for r in reads[:k]) and clear(reads[:k]):
            run = Run(reads[:k], run.left, reads[k])
    return run


def _foreign_digit(g: Glyph, runs: list[Run], ox: int, thr: float) -> bool:
    """A tesseract digit glued, with no space, to a re-read number of the other script.

    No report prints "3086๓" or "๑7429": a Thai digit tesseract read beside an Arabic number
    (or an Arabic one beside a Thai number) is a letter it took for a digit (ต as ๓, ด as ๑ in
    loopless designs, ฯ as 9), and kept as a digit it would lengthen the number. Dropped
    like `_misread_letter`'s. Zeros are left alone: ๐ and 0 differ only in roundness, so
    a zero of the other script is more likely a digit of the number read in the wrong one.
    """
    _, tail = _edges(g.text)
    core = g.text[: len(g.text) - len(tail)]
    if not core or not all(DIGIT.match(c) and c not in _ZEROS for c in core):
        return False
    thai = core[0] not in ARABIC_DIGITS
    if any((c not in ARABIC_DIGITS) != thai for c in core):
        return False
    for run in runs:
        digits = [r for r in run.reads if r.is_digit]
        if len(digits) < 2 or all(r.char in _ZEROS for r in digits):
            continue  # "00" may be the o's of a Latin word the `tha` model read ("stop")
        if any(is_thai(r) == thai for r in digits):
            continue
        if _touches(g, run, ox, thr):
            return True
        # or over the glyph the path read just beside the run (`one_script` cut it off)
        for nb, gap in (
            (run.left, run.x0 - (run.left or run.reads[0]).x1),
            (run.right, (run.right or run.reads[-1]).x0 - run.x1),
        ):
            if nb is not None and gap < thr and glyph_over(g, nb.x0, nb.x1, ox):
                return True
    return False


def _rebuild(
    line: Line,
    runs: list[Run],
    owner: list[int],
    ox: int,
    oy: int,
    thr: float,
    same: Callable[[Read, Read], bool] | None = None,
) -> Line:
    """Splice the runs into the glyph sequence and rebuild the text with spaces.

    `same`: whether two neighbouring digits are one number (`decode.same_number`): a run
    whose left neighbour is a digit it is not one number with gets a space before it even at
    a gap narrower than `thr` (two numbers at a narrow space tesseract saw, "50 4.10.8")."""
    spaces = space_flags(line)
    items: list[_Item] = []
    placed: set[int] = set()
    carry = False  # a dropped glyph's space goes to the next one
    for i, g in enumerate(line.glyphs):
        r = owner[i]
        if r == DROP:
            _, tail = _edges(g.text)  # a dropped digit has no mark before it
            if tail:
                items.append(_Item((Glyph(tail, g.bbox, g.conf),), tail, spaces[i] or carry))
                carry = False
            else:
                carry = carry or spaces[i]
            continue
        if r >= 0:
            mine = [k for k, o in enumerate(owner) if o == r]
            head, tail = _edges(g.text)
            if r not in placed:
                placed.add(r)
                if i == mine[0] and head:
                    items.append(_Item((Glyph(head, g.bbox, g.conf),), head, spaces[i] or carry))
                seen = i == mine[0] and not head and (spaces[i] or carry)
                items.append(
                    _Item(
                        _run_glyphs(runs[r], ox, oy), runs[r].text, False, runs[r], seen_space=seen
                    )
                )
            if i == mine[-1] and not tail and not DIGIT.search(g.text):
                tail = _mark_after(runs[r], g, ox)
            if i == mine[-1] and tail:
                items.append(_Item((Glyph(tail, g.bbox, g.conf),), tail, False, fixed=True))
            carry = False
            continue
        items.append(_Item((g,), g.text, spaces[i] or carry))
        carry = False
    for r, run in enumerate(runs):
        if r in placed:
            continue
        pos = next(
            (k for k, it in enumerate(items) if it.glyphs[0].bbox.x0 - ox > run.x0),
            len(items),
        )
        items.insert(pos, _Item(_run_glyphs(run, ox, oy), run.text, False, run))
    for k, it in enumerate(items):
        prev_run = items[k - 1].run if k > 0 else None
        if k == 0:
            it.space_before = False
        elif it.run is not None:
            left = it.run.left  # None: nothing within 1.5 line heights, so a space
            lost = None if prev_run is None else _space_by_lost_letters(prev_run, it.run, thr)
            it.space_before = (
                lost
                if lost is not None
                else (
                    left is None
                    or it.run.x0 - left.x1 >= thr
                    or (same is not None and left.is_digit and not same(left, it.run.reads[0]))
                    or (it.seen_space and it.run.x0 - left.x1 >= SEEN_SPACE * thr)
                )
            )
        elif (
            not it.fixed
            and k >= 2
            and items[k - 1].fixed
            and (before := items[k - 2].run) is not None
        ):
            # after a mark boxed with the run's last glyph ("๓." read "๓" and "ต."): the
            # space lies after the path's mark, whether or not tesseract saw it
            mark = before.right
            x0 = it.glyphs[0].bbox.x0 - ox
            if mark is not None and not mark.is_digit and x0 >= mark.x1:
                it.space_before = it.space_before or x0 - mark.x1 >= thr
        elif prev_run is not None and not it.fixed:
            right = prev_run.right
            x0 = it.glyphs[0].bbox.x0 - ox
            if right is not None and right.is_digit and x0 >= right.x1:
                # a digit `one_script` or `_mixed_pair` cut off the run (its glyph dropped):
                # the space, if any, lies after that ink ("393ด ญ459")
                it.space_before = x0 - right.x1 >= thr
            else:
                gap = math.inf if right is None else right.x0 - prev_run.x1
                it.space_before = gap >= thr or (it.space_before and gap >= SEEN_SPACE * thr)
    text = "".join((" " if it.space_before else "") + it.text for it in items)
    new_glyphs = tuple(g for it in items for g in it.glyphs)
    confs = [g.conf for g in new_glyphs if g.conf is not None]
    bbox = line.bbox
    for g in new_glyphs:
        bbox = bbox.union(g.bbox)
    conf = sum(confs) / len(confs) if confs else line.conf
    return Line(text=text, bbox=bbox, conf=conf, glyphs=new_glyphs)


def _space_by_lost_letters(before: Run, run: Run, thr: float) -> bool | None:
    """Whether a space parts two runs that nothing of the line's is left between, though the
    path read letters there (tesseract read them as digits, dropped with `_misread_letter`
    and its kin): a space on either side of those letters, or between them, is the
    space; None where the path read none (or a mark: ".", "-"), which `_rebuild` judges.

    Why: with the letters gone, the gap from the letter to the run says nothing of the
    space before the letter, and the two numbers ran together ("ต๓๓ ด๗๓๒๘" came out
    "ต๓๓๗๓๒๘", "๒๕๔๒ ๓๐" with ๓ read as a letter "๒๕๔๒๐").
    """
    first, last = before.right, run.left
    if first is None or last is None or first.char in PUNCT or last.cls != OTHER_ID:
        return None
    return first.x0 - before.x1 >= thr or run.x0 - last.x1 >= thr or last.x0 - first.x1 >= thr


def reread(
    image: np.ndarray,
    lines: Sequence[Line],
    model: Mlp | None = None,
    sequence: ctc.CtcNet | bool = True,
) -> list[Line]:
    """Re-read every numeric token of `lines` (pixel coordinates) on the grayscale `image`.

    All lines' candidates go through the classifier in one batch: one matrix product per
    layer for the page instead of one per line. Lines whose path had to cross a wide blob
    with an unsure glyph are segmented again with even cuts in those blobs (a second, small
    batch): touching digits that no ink minimum separates. Numbers the path was unsure of,
    or may have lost a mark in, are then read whole by the CTC network (`sequence`: the
    committed one by default, False to skip this step).
    """
    if image.ndim == 3:
        image = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    if image.dtype != np.uint8:
        raise ValueError("reread needs a uint8 grayscale image")
    model = model or load()
    # a number tesseract dropped past either end of its line box is read there too
    widened = [widen_to_ink(image, line, lines) for line in lines]
    jobs: list[Job | None] = [prepare(image, line) for line in widened]
    probs = _classify([j for j in jobs if j is not None], model)
    if probs is None:
        return list(lines)
    paths = [None if j is None else _decode(j, probs) for j in jobs]
    retry: dict[int, Job] = {}
    for i, (job, path) in enumerate(zip(jobs, paths, strict=True)):
        if job is not None and path is not None and (blobs := _unread_blobs(job, path)):
            again = prepare(image, job.line, even_at=blobs)
            if again is not None and _keep_groups(again, job, blobs):
                retry[i] = again
    probs2 = _classify(list(retry.values()), model)
    if probs2 is not None:
        for i, again in retry.items():
            first = paths[i]
            assert first is not None
            for g, path2 in zip(again.kept, _decode(again, probs2), strict=True):
                if _log_score(path2) > _log_score(first[g]):
                    first[g] = path2
    net = ctc.load() if sequence is True else sequence
    if net is not False:
        with one_blas_thread():
            for job, path in zip(jobs, paths, strict=True):
                if job is not None and path is not None:
                    sequence_reread(job, path, net)
    return [
        _in_box(
            letters_in_words(
                line
                if job is None or path is None
                else _finish(job, path, net if isinstance(net, ctc.CtcNet) else None)
            ),
            line,
        )
        for line, job, path in zip(lines, jobs, paths, strict=True)
    ]


def _in_box(out: Line, line: Line) -> Line:
    """`out`, read on `line` widened over the ink that continues it (`windows.widen_to_ink`),
    in `line`'s own box grown over the glyphs it now holds only: ink with no number read in
    it adds nothing."""
    box = line.bbox
    for g in out.glyphs:
        box = box.union(g.bbox)
    return out if out.bbox == box else Line(out.text, box, out.conf, out.glyphs)


def _classify(jobs: list[Job], model: Mlp) -> np.ndarray | None:
    """Class probabilities of every candidate of `jobs` in one batch (sets each `job.start`);
    None when there is none."""
    feats: list[np.ndarray] = []
    n = 0
    for job in jobs:
        job.start = n
        flat = [c for cs in job.cands for c in cs]
        feats.append(features(job.seg, flat))
        n += len(flat)
    return model.predict_proba(np.concatenate(feats)) if n else None


def reread_line(image: np.ndarray, line: Line, model: Mlp | None = None) -> Line:
    """`reread` for a single line."""
    return reread(image, [line], model)[0]
