"""Re-read the Latin words in Thai text with tesseract's English model.

Thai reports carry Latin words — ITA, OIT, "No Gift Policy", Facebook, LINE, e-Service, the
level "A"/"B" — which the `tha` model turns into Thai-looking garbage ("[โจ", "0|17", "1โค").
Reading whole pages with `tha+eng` fixes them but costs ~25% more tesseract time and turns
some Thai digits into Latin letters. Instead, the few tokens that look wrong for Thai — they
contain ASCII letters or digits or stray brackets — are cut out and read once more with `eng`,
all in one process (`tesseract.run_many`), and the English reading replaces the token only
when it is confident and plainly Latin. Lines that still hold such tokens afterwards (a Latin
word glued to Thai, or one whose ink cannot be cut out alone) are read once more whole with
`tha+eng` and the two readings merged (`merge_latin`): only non-Thai spans take the Latin words.

The word pass runs before the digit reader, the line pass after it (`ocr_page`): the `tha`
model reads some Latin words as digits ("e-GP", "No"), and once the digit reader has made a
plausible number of them no pass would take them for Latin again.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

import numpy as np

from ingest import reread
from ingest.digits.model import ARABIC_DIGITS, THAI_DIGITS
from ingest.digits.reader import TWINS
from ingest.digits.windows import DIGIT
from ingest.digits.words import is_word
from schemas.page import Glyph, Line, glyph_offsets, tokens

_SUSPECT = re.compile(r"[A-Za-z0-9|\[\]{}#@$&*<>=+~^_\\!?]")
"""Characters Thai text does not contain but the `tha` model emits for Latin letters."""
_ABBREVIATION_AS_THAI = re.compile(r"[\u0e01-\u0e2e][\u0e31-\u0e3a\u0e47-\u0e4e]?[0\u0e50]\.")
"""What the `tha` model makes of "No.": a consonant for N (with a mark, at times), a zero for
o, and the stop ("พ๐.", "ผื๐.", "จ0."). No Thai word is spelt so, and without its Latin
characters the token would never reach `eng`; the digit reader would keep the zero."""
_ARABIC_NUMBER = re.compile(r"^[(\[]?[0-9]+(?:[.,/:\-][0-9]+)+[.,:;)\]]?$")
"""Arabic digits with separators ("094-218-3205", "(12.45)"): a number, not a Latin word. Not
with Thai digits: "๑-60" is how the `tha` model reads "e-GP"."""
_THAI_NUMBER = re.compile(r"^[(\[]?[\u0e50-\u0e59]+(?:[.,/:\-][\u0e50-\u0e59]+)*[.,:;)\]]?$")
_THAI_DIGITS = re.compile(r"[\u0e50-\u0e59](?:[.,/:\-]?[\u0e50-\u0e59])+")
_ASCII_DIGIT = re.compile(r"[0-9]")
_THAI_CHUNK = re.compile(r"[\u0e01-\u0e4e.]+")
_LONG_ARABIC = re.compile(r"[0-9]{3,}")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9.,:;()&'’/\-]*$|^[A-Za-z0-9.\-]+\.[a-z]{2,}$")
MIN_CONF = 0.5
"""tesseract's English confidence on a lone short word is modest (0.55-0.9 measured on "A",
"IIT"); the Thai reading it replaces is already impossible Thai, so a plausible Latin word at
this confidence is the better reading."""

NUMBER_CONF = 0.75
"""What an English reading needs to replace a run that reads like a number (`_number_like`).

Measured on the digit benchmark's lines (4,000, all font groups): the English readings that
wrongly replaced a number were mostly unsure — "1" read "I" (0.65), "20" read "a" (0.59),
"๐๒๖.๓/ว ๓" read "obb.oN a" (0.57), "๐๖๕๑ ๔)" read "ob ee" (0.69) — while the Latin letters
the `tha` model had taken for digits came back sure: "B" 0.93, "A" 0.96, "ID" 0.96, "ITA" 0.95
(two right ones, "S" 0.59 and "l" 0.64, are lost at this bar)."""


def _number_like(text: str) -> bool:
    """A run that is digits and number punctuation only, or holds two or more digits with
    Thai ones among them: what the `tha` model makes of a number (Arabic stand-ins for the
    Thai digits it lacks) at least as often as of a Latin word."""
    core = text.replace(" ", "")
    if core and all(ch.isdigit() or ch in ".,/:-()" for ch in core):
        return True
    thai = sum(ch in THAI_DIGITS for ch in text)
    return thai > 0 and thai + sum(ch in ARABIC_DIGITS for ch in text) >= 2


def _suspects(line: Line) -> list[tuple[int, int, list[int]]]:
    """Runs of neighbouring suspect tokens ("0 6 00[น์0ห" is one English phrase misread).

    A lone "๐" beside a suspect token joins its run: the `tha` model reads a short Latin word
    ("No", "o") as ๐, and a cutout without it would lose the word ("No Gift Policy" read
    "Gift Policy"). A real ๐ in the run costs little: the English reading ("0") is not a
    Latin word, so the run keeps its Thai reading for the line pass. "No." spelt in Thai
    letters and a zero is a suspect too (`_ABBREVIATION_AS_THAI`), and so is "No" spelt so
    without the stop where a Latin word follows ("พ๐ Gift Policy").
    """
    found = tokens(line)
    flags = []
    for start, end, _ in found:
        text = line.text[start:end]
        number = text.replace(".", "").replace(",", "").isdigit() or bool(
            _ARABIC_NUMBER.match(text)
        )
        # A lone one- or two-character ASCII "number" is often a Latin letter ("B" -> "8",
        # "D" -> "0"); English re-reading leaves a real number as it is.
        flags.append(
            (bool(_SUSPECT.search(text)) and (not number or (text.isascii() and len(text) <= 2)))
            or _ABBREVIATION_AS_THAI.fullmatch(text) is not None
        )
    for k, (start, end, _) in enumerate(found):
        if (
            not flags[k]
            and _ABBREVIATION_AS_THAI.fullmatch(line.text[start:end] + ".") is not None
            and k + 1 < len(found)
            and _LATIN_WORD.match(line.text[found[k + 1][0] : found[k + 1][1]]) is not None
        ):
            flags[k] = True  # "No Gift Policy" read "พ๐ Gift Policy": no dot, a Latin word after
    for k, (start, end, _) in enumerate(found):
        if line.text[start:end] == "\u0e50" and not flags[k]:
            flags[k] = (k > 0 and flags[k - 1]) or (k + 1 < len(found) and flags[k + 1])
    out: list[tuple[int, int, list[int]]] = []
    previous = False
    for (start, end, idx), suspect in zip(found, flags, strict=True):
        if suspect and previous:
            s0, _, i0 = out[-1]
            out[-1] = (s0, end, [*i0, *idx])
        elif suspect:
            out.append((start, end, idx))
        previous = suspect
    return out


def _word_spans(image: np.ndarray, line: Line) -> list[tuple[int, int]]:
    """x-ranges of the space-separated words of a line, from its ink (page pixels).

    tesseract's per-glyph boxes for Thai are unreliable (a box may sit over a neighbouring
    word), its line boxes are not: words are found as runs of ink columns separated by gaps
    wider than a sixth of the line height (a space is ~0.25 em, a line box ~1.5 em tall).
    """
    # tesseract's raw line box can be tighter than the ink of its own glyphs (the digit
    # reader widens it later): the glyphs' boxes are taken in so no word is cut in two.
    b = line.bbox
    for g in line.glyphs:
        b = b.union(g.bbox)
    y0, y1 = max(0, int(b.y0)), min(image.shape[0], int(b.y1))
    x0, x1 = max(0, int(b.x0)), min(image.shape[1], int(b.x1))
    inked: np.ndarray = np.count_nonzero(image[y0:y1, x0:x1] < 128, axis=0) > 0
    cols = [bool(v) for v in inked]
    gap = max(2, int(0.16 * b.height))
    spans: list[tuple[int, int]] = []
    start = None
    blank = 0
    for x, ink in enumerate(cols):
        if ink:
            if start is None:
                start = x
            blank = 0
        elif start is not None:
            blank += 1
            if blank >= gap:
                spans.append((x0 + start, x0 + x - blank + 1))
                start, blank = None, 0
    if start is not None:
        spans.append((x0 + start, x0 + len(cols) - blank))
    return spans


def _spans_of_tokens(
    line: Line, words: Sequence[tuple[int, int, list[int]]], spans: Sequence[tuple[int, int]]
) -> list[tuple[int, int]] | None:
    """The first and last ink span (indices into `spans`) of each token, or None if unclear.

    One span per token is the common case and needs no glyph box. Otherwise tesseract split
    one word in two ("ITA" read "17 4") or glued two: a token runs from the span under its
    first glyph's centre to the one under its last's, and tokens must keep reading order.
    """
    if len(spans) == len(words):
        return [(k, k) for k in range(len(words))]
    if not spans or any(not idx for _, _, idx in words):
        return None

    def under(i: int) -> int:
        cx = (line.glyphs[i].bbox.x0 + line.glyphs[i].bbox.x1) / 2
        return min(range(len(spans)), key=lambda k: max(spans[k][0] - cx, cx - spans[k][1], 0.0))

    out = [(under(idx[0]), under(idx[-1])) for _, _, idx in words]
    firsts = [a for a, _ in out]
    if firsts != sorted(firsts) or any(b < a for a, b in out):
        return None
    return out


def reread_latin(
    image: np.ndarray,
    lines: Sequence[Line],
    run_many: reread.RunMany,
) -> list[Line]:
    """`lines` (pixel space) with confidently English tokens replaced by their English reading."""
    jobs: list[tuple[int, int, int, list[int]]] = []
    cutouts: list[reread.Cutout] = []
    for li, line in enumerate(lines):
        suspects = _suspects(line)
        if not suspects:
            continue
        spans = _word_spans(image, line)
        words = tokens(line)
        owner = _spans_of_tokens(line, words, spans)
        if owner is None:
            continue  # cannot tell where the words are: leave the Thai reading
        first = {start: k for k, (start, _, _) in enumerate(words)}
        for start, end, idx in suspects:
            if _holds_thai(line.text[start:end]):
                continue  # left to the line pass, which replaces only what is not Thai
            t0 = first[start]
            t1 = t0 + sum(1 for s, _, _ in words if start < s < end)
            k0, k1 = owner[t0][0], owner[t1][1]
            if any(b >= k0 and a <= k1 for t, (a, b) in enumerate(owner) if not t0 <= t <= t1):
                continue  # the ink is shared with a Thai word: left to the line pass
            pad = int(0.2 * line.bbox.height)
            # tesseract reads a lone short word far better with white margin around it (not
            # more of the line: the Thai letters beside it would be read as English too), and
            # only the line's own height: lines above and below would leak in
            margin = int(0.6 * line.bbox.height)
            cutout = reread.cut(
                image,
                spans[k0][0] - pad // 2,
                int(line.bbox.y0),
                spans[k1][1] + pad // 2,
                int(line.bbox.y1),
                margin,
            )
            width, height = reread.inner_size(cutout, margin)
            if width < 4 or height < 4:
                continue
            cutouts.append(cutout)
            jobs.append((li, start, end, idx))
    if not jobs:
        return list(lines)
    edits: dict[int, list[tuple[int, int, list[int], Line]]] = {}
    for (li, start, end, idx), word in zip(jobs, reread.read_back(cutouts, run_many), strict=True):
        if word is not None and _takes(lines[li].text[start:end], word):
            edits.setdefault(li, []).append((start, end, idx, word))
    return [_apply(line, edits.get(i, [])) for i, line in enumerate(lines)]


def _holds_thai(run: str) -> bool:
    """Whether a suspect run is a Thai word glued to a number, which `eng` would lose whole.

    "พ.ศ.2552", "โทร.018-528-5396" and "โทรศัพท์0-7623-2986" were read "W.A.2552",
    "Ins.018-528-5396" and "Tnsawvi0-7623-2986" by `eng`. The Thai part must be a dictionary
    word: the `tha` model garbles Latin words into Thai letters and digits too ("Facebook" as
    "โห๊ด515201016"), and those are the word pass's to mend. The line pass replaces only what
    is not Thai, so the run loses nothing by being left to it.
    """
    for token in run.split():
        if not _LONG_ARABIC.search(token):
            continue
        for chunk in _THAI_CHUNK.findall(token):
            if len(chunk.replace(".", "")) >= 2 and (is_word(chunk) or is_word(chunk.rstrip("."))):
                return True
    return False


def _takes(thai: str, word: Line) -> bool:
    """Whether `eng`'s reading `word` of the suspect run `thai` replaces it: plainly Latin and
    sure enough, surer where the run reads like a number."""
    need = NUMBER_CONF if _number_like(thai) else MIN_CONF
    return (word.conf or 0.0) >= need and all(_LATIN_WORD.match(part) for part in word.text.split())


def _apply(line: Line, edits: list[tuple[int, int, list[int], Line]]) -> Line:
    if not edits:
        return line
    text = line.text
    glyphs = list(line.glyphs)
    for start, end, idx, word in sorted(edits, key=lambda e: -e[0]):
        text = text[:start] + word.text + text[end:]
        glyphs[idx[0] : idx[-1] + 1] = list(word.glyphs)
    return Line(text, line.bbox, line.conf, tuple(glyphs))


_LETTERS_LIKE = {**TWINS, "1": TWINS["1"] + "T", "7": "T"}
"""Latin letters drawn like each ASCII digit: the digit reader's twins (O and 0, B and 8 ...)
and T, which the `tha` model reads as 1 or 7 ("IIT" as "111", "117")."""
_LATIN_AS_DIGITS = re.compile(r"^(?=.{3,}$)[017]*[17][017]*$")
"""What the `tha` model makes of "IIT" and "OIT": a bare number of 0, 1 and 7, a stroke among
them (so no suspect of the word pass, whose cutouts `eng` reads no better) that the line pass
must see. Not zeros alone: "000" is a number's."""
_THAI_LETTERS_ONLY = re.compile(r"^[\u0e01-\u0e4e\s]*$")
_ASCII_DIGITS = re.compile(r"^[0-9]+$")


def _replaceable(thai: str, latin: str) -> bool:
    """Whether `thai` (a span of the `tha` reading) may become `latin` (of `tha+eng`).

    Only what is not Thai text is replaced: a span of Thai letters is a real word ("วัด" is
    never turned into "Ja"), a Thai number is left to the digit reader, and ASCII digits only
    when one stands for a letter ("0" for O, D) or each is drawn like its letter of the Latin
    word (`_drawn_alike`: "IIT" read "111") — "33" stays 33.
    """
    thai_core = thai.strip()
    words = latin.split()
    if not thai_core or not words or not all(_LATIN_WORD.match(w) for w in words):
        return False
    if _THAI_LETTERS_ONLY.match(thai_core):
        return False
    if all("\u0e50" <= ch <= "\u0e59" or ch in ".,/-" for ch in thai_core):
        return False
    if any(_is_number(token) for token in thai_core.split()):
        return False
    return not (_ASCII_DIGITS.match(thai_core) and len(thai_core) > 1) or _drawn_alike(
        thai_core, latin.strip()
    )


def _drawn_alike(digits: str, word: str) -> bool:
    """Whether a Latin word has a letter drawn like each ASCII digit the `tha` model read,
    in order ("IIT" read "111" or "117", "OIT" read "017"): then the digits are that word,
    misread, and not a number the two readings merely disagree on. Not strokes alone
    ("III" for "111") nor rounds alone ("OOO" for "000"): those are what a real number looks
    like to `eng` too."""
    return (
        len(digits) == len(word)
        and all(ch in _LETTERS_LIKE.get(d, "") for d, ch in zip(digits, word, strict=True))
        and any(ch not in "Il|" for ch in word)
        and any(d != "0" for d in digits)
    )


def _is_number(token: str) -> bool:
    """A number the digit reader stands behind: two Thai digits or more, or a Thai number
    alone (a lone ๐ aside: the `tha` model reads "No" and "o" as ๐), or Arabic digits with
    separators ("0-8195-8658"). Bare Arabic digits, and Arabic and Thai digits mixed, are also
    what Latin words become: "stop" read "5600" by the `tha` model, "56๐๐" after the digit
    reader.

    Why: on a span where the two readings differ, `tha+eng` reads a Thai number beside a
    misread mark as Latin letters ("๑๘" as "oc", "๐๖๗-๐๓๑-๕๐๙๕" as "ee", "0-8195-8658" as
    "riences", measured on held-out digit lines); the number is worth more than the mark.
    """
    if _ASCII_DIGIT.search(token):
        return bool(_ARABIC_NUMBER.match(token))  # Thai and Arabic digits mixed: "56๐๐"
    if _THAI_NUMBER.match(token) or _THAI_DIGITS.search(token):
        return token.strip("()[].,:;") != "\u0e50"
    return False


def _glyph_span(offsets: list[int], glyphs: Sequence[Glyph], i1: int, i2: int) -> tuple[int, int]:
    """Glyph index range [g1, g2) covering text range [i1, i2), widened to whole glyphs."""
    g1 = g2 = None
    for k, (off, g) in enumerate(zip(offsets, glyphs, strict=True)):
        end = off + len(g.text)
        if end > i1 and g1 is None:
            g1 = k
        if off < i2:
            g2 = k + 1
    if g1 is None:
        g1 = len(glyphs)
    if g2 is None or g2 < g1:
        g2 = g1
    return g1, g2


def merge_latin(thai: Line, mixed: Line) -> Line:
    """`thai` with the Latin words of `mixed` (the same line read with `tha+eng`) put in.

    The two readings are aligned character by character (difflib); where they differ and the
    `tha+eng` side is Latin words while the `tha` side is not Thai text, the Latin words win.
    Everything else — Thai words, numbers — stays as the Thai model read it. Both are in page
    pixels.
    """
    a, b = thai.text, mixed.text
    a_off, b_off = glyph_offsets(thai), glyph_offsets(mixed)
    if a_off is None or b_off is None:
        return thai
    edits = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op not in ("replace", "insert") or not re.search(r"[A-Za-z]", b[j1:j2]):
            continue
        if not _replaceable(a[i1:i2], b[j1:j2]):
            continue
        edits.append((i1, i2, j1, j2))
    if not edits:
        return thai
    text, glyphs = a, list(thai.glyphs)
    for i1, i2, j1, j2 in reversed(edits):  # right to left: earlier offsets stay valid
        word = b[j1:j2].strip()
        before = "" if i1 == 0 or text[i1 - 1] == " " else " "
        after = "" if i2 >= len(text) or text[i2] == " " else " "
        g1, g2 = _glyph_span(a_off, thai.glyphs, i1, i2)
        h1, h2 = _glyph_span(b_off, mixed.glyphs, j1, j2)
        new_glyphs = [g for g in mixed.glyphs[h1:h2] if g.text.strip()]
        if "".join(g.text for g in new_glyphs) != word.replace(" ", ""):
            continue
        if DIGIT.search(a[i1:i2]) and min((g.conf or 0.0 for g in new_glyphs), default=0.0) < (
            NUMBER_CONF
        ):
            continue  # a digit becomes a letter only on a sure reading ("ค01" read "AOI", 0.44)
        candidate_text = text[:i1] + before + word + after + text[i2:]
        candidate = Line(
            candidate_text, thai.bbox, thai.conf, (*glyphs[:g1], *new_glyphs, *glyphs[g2:])
        )
        if glyph_offsets(candidate) is None:
            continue
        text, glyphs = candidate_text, list(candidate.glyphs)
    return Line(text, thai.bbox, thai.conf, tuple(glyphs))


def _unresolved(line: Line) -> bool:
    """Whether a line still holds a non-Thai token worth a `tha+eng` reading.

    Tokens already read as Latin words ("OIT", "www.nacc.go.th"), numbers, and lone marks
    ("|", a ruling's remnant) are not: a line with only those costs a run for nothing. A bare
    number drawn only with 0, 1 and 7 is (`_LATIN_AS_DIGITS`: "IIT" read "111").
    """
    for start, end, _ in _suspects(line):
        for token in line.text[start:end].split():
            if len(token) < 2 or _LATIN_WORD.match(token):
                continue
            if token.replace(".", "").replace(",", "").replace("/", "").isdigit():
                continue
            return True
    return any(_LATIN_AS_DIGITS.match(line.text[start:end]) for start, end, _ in tokens(line))


def reread_latin_lines(lines: Sequence[Line], reader: reread.LineReader) -> list[Line]:
    """Lines that still hold non-Thai tokens, read again whole with `tha+eng` and merged.

    The word pass (`reread_latin`) needs a token's ink to be found on its own; Latin words glued
    to Thai ("0ทุกไตรมาส" for "OIT ทุกไตรมาส") or inside table cells whose words the ink gaps do
    not separate are only read right in the line's context. `reader` reads whole lines with
    `tha+eng` (psm 7), all in one process.
    """
    todo = [i for i, line in enumerate(lines) if _unresolved(line)]
    readings = reader.read([lines[i] for i in todo])
    out = list(lines)
    for i, mixed in zip(todo, readings, strict=True):
        if mixed is not None:
            out[i] = merge_latin(out[i], mixed)
    return out
