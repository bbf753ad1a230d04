"""HarfBuzz shaping, Thai line breaking and justification.

Why HarfBuzz and real fonts: the text-layer breakages this corpus must exhibit (decomposed sara am,
PUA tone-mark variants, marks drawn as separate glyphs) are consequences of how a shaper maps
characters to glyphs. Shaping with the real font and positioning glyphs from its advances and
offsets makes the rendering correct and the text layer broken in exactly the way real producers
break it.

Line breaking follows Word: Thai breaks only at word boundaries (pythainlp newmm) and at spaces;
Latin, digits and punctuation stick to their neighbours; a chunk wider than the line is split at
grapheme-cluster boundaries as a last resort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from pythainlp.corpus import thai_words
from pythainlp.tokenize import word_tokenize
from pythainlp.util import Trie

from samples.generator.fonts import FontFace

THAI_LETTER = re.compile(r"[\u0e01-\u0e4e]")
THAI_MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
LEADING_VOWELS = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
NO_BREAK_BEFORE = frozenset(")]}.,:;!?%/”’\u0e46\u0e2f")
NO_BREAK_AFTER = frozenset("([{“‘/")


@dataclass(frozen=True, slots=True)
class Glyph:
    """One positioned glyph of a line; x/y in points relative to the line origin (y up)."""

    gid: int
    x: float
    y: float
    advance: float
    cluster: int
    mark: bool


@dataclass(frozen=True, slots=True)
class ShapedLine:
    """A shaped line of text ready to draw: glyph positions already include justification."""

    text: str
    face: FontFace
    size: float
    glyphs: tuple[Glyph, ...]
    width: float


def script_runs(text: str) -> list[tuple[int, int, str]]:
    """Split text into Thai and Latin runs (ISO 15924 tags), like a shaper's itemizer: spaces,
    digits and punctuation join the run they follow (or, at the start, the run they precede)."""
    runs: list[tuple[int, int, str]] = []
    start, script = 0, ""
    for i, ch in enumerate(text):
        if "\u0e00" <= ch <= "\u0e7f":
            sc = "Thai"
        elif ch.isalpha():
            sc = "Latn"
        else:
            continue
        if not script:
            script = sc
        elif sc != script:
            runs.append((start, i, script))
            start, script = i, sc
    runs.append((start, len(text), script or "Thai"))
    return runs


def shape(face: FontFace, text: str, size: float, compose_am: bool = False) -> list[Glyph]:
    """Shape `text` run by run (Thai / Latin); positions in points.

    `compose_am` redraws decomposed sara am (nikhahit + sara aa, HarfBuzz's Thai normalization)
    with the font's precomposed U+0E33 glyph, which is how a producer with a one-to-one
    glyph/char mapping (the `clean` profile) draws it."""
    k = face.scale(size)
    out: list[Glyph] = []
    pen = 0.0
    for start, end, script in script_runs(text):
        buf = hb.Buffer()
        buf.add_str(text[start:end])
        buf.direction = "ltr"
        buf.script = script
        buf.language = "th" if script == "Thai" else "en"
        hb.shape(face.hb_font, buf, {})
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
            out.append(
                Glyph(
                    gid=info.codepoint,
                    x=pen + pos.x_offset * k,
                    y=pos.y_offset * k,
                    advance=pos.x_advance * k,
                    cluster=start + info.cluster,
                    mark=pos.x_advance == 0,
                )
            )
            pen += pos.x_advance * k
    if compose_am and "\u0e33" in text and 0x0E33 in face.cmap:
        out = _compose_sara_am(face, text, out)
    return out


def _compose_sara_am(face: FontFace, text: str, glyphs: list[Glyph]) -> list[Glyph]:
    am_gid = face.cmap[0x0E33]
    result: list[Glyph] = []
    i = 0
    while i < len(glyphs):
        g = glyphs[i]
        name = face.glyph_order[g.gid]
        end = _cluster_end(text, g.cluster)
        if g.mark and name.startswith("uni0E4D") and "\u0e33" in text[g.cluster : end]:
            # drop the nikhahit; replace the next spacing glyph of the cluster (sara aa)
            j = i + 1
            while j < len(glyphs) and glyphs[j].mark and glyphs[j].cluster == g.cluster:
                result.append(glyphs[j])
                j += 1
            if j < len(glyphs) and glyphs[j].cluster == g.cluster:
                aa = glyphs[j]
                result.append(Glyph(am_gid, aa.x, aa.y, aa.advance, aa.cluster, False))
                i = j + 1
                continue
        result.append(g)
        i += 1
    return result


def _cluster_end(text: str, start: int) -> int:
    end = start + 1
    while end < len(text) and (text[end] in THAI_MARKS or text[end] == "\u0e33"):
        end += 1
    return end


@lru_cache(maxsize=200_000)
def _width(face: FontFace, size: float, text: str) -> float:
    return sum(g.advance for g in shape(face, text, size))


def text_width(face: FontFace, size: float, text: str) -> float:
    return _width(face, size, text)


def _is_thai_letter(ch: str) -> bool:
    return "\u0e01" <= ch <= "\u0e4e"


@lru_cache(maxsize=1)
def _short_words() -> Trie:
    return Trie([w for w in thai_words() if len(w) <= 12 and " " not in w])


def _tokens(text: str) -> list[str]:
    """newmm words; dictionary compounds longer than 24 characters ("สำนักงานคณะกรรมการ
    ป้องกันและปราบปรามการทุจริตแห่งชาติ") are split again with short words only, as Word's
    breaker would break inside them."""
    out: list[str] = []
    for tok in word_tokenize(text, engine="newmm", keep_whitespace=True):
        if len(tok) > 24 and THAI_LETTER.search(tok):
            out += _short_split(tok)
        elif tok:
            out.append(tok)
    return out


def _short_split(text: str) -> list[str]:
    return [t for t in word_tokenize(text, engine="newmm", custom_dict=_short_words()) if t]


def chunks(text: str) -> list[str]:
    """Split into unbreakable chunks; whitespace runs are chunks of their own."""
    tokens = [t for t in _tokens(text) if t]
    if "".join(tokens) != text:  # pragma: no cover - newmm keeps text intact
        raise ValueError(f"tokenizer changed text: {text!r}")
    out: list[str] = []
    for tok in tokens:
        if not out:
            out.append(tok)
            continue
        prev = out[-1]
        if tok.isspace() or prev.isspace():
            if tok.isspace() and prev.isspace():
                out[-1] = prev + tok
            else:
                out.append(tok)
            continue
        a, b = prev[-1], tok[0]
        breakable = (
            _is_thai_letter(a)
            and _is_thai_letter(b)
            and b not in NO_BREAK_BEFORE
            and b not in THAI_MARKS
            and b != "\u0e33"
            and a not in LEADING_VOWELS
        )
        if a in NO_BREAK_AFTER or b in NO_BREAK_BEFORE:
            breakable = False
        if breakable:
            out.append(tok)
        else:
            out[-1] = prev + tok
    return out


def graphemes(text: str) -> list[str]:
    """Thai-aware grapheme clusters (leading vowels stay with the next consonant)."""
    out: list[str] = []
    pending = ""
    for ch in text:
        if (ch in THAI_MARKS or ch == "\u0e33") and out and not pending:
            out[-1] += ch
        elif ch in LEADING_VOWELS:
            pending += ch
        else:
            out.append(pending + ch)
            pending = ""
    if pending:
        out.append(pending)
    return out


def wrap(
    face: FontFace, size: float, text: str, width: float, first_width: float | None = None
) -> list[str]:
    """Greedy word wrap; returns the lines' text (no leading spaces; a line broken at a space
    ends with one space, which takes no room in the layout).

    An explicit "\\n" in `text` forces a break (the spec uses it for lines the document breaks)."""
    if "\n" in text:
        lines: list[str] = []
        for i, part in enumerate(text.split("\n")):
            fw = first_width if i == 0 else width
            lines.extend(wrap(face, size, part, width, fw))
        return lines
    avail = first_width if first_width is not None else width
    lines = []
    cur: list[str] = []
    cur_w = 0.0
    for ch in chunks(text):
        w = _width(face, size, ch)
        if ch.isspace():
            if cur:
                cur.append(ch)
                cur_w += w
            continue
        if cur and cur_w + w > avail + 0.01:
            # Like Word, a line broken at a space keeps that space at its end: invisible, but
            # in the text layer (extractors see "... word " + newline).
            line = "".join(cur)
            lines.append(line.rstrip() + (" " if line != line.rstrip() else ""))
            avail = width
            cur, cur_w = [], 0.0
        if not cur and w > avail:
            # too wide for a whole line: break at shorter words, then at grapheme clusters
            parts: list[str] = []
            for sub in _short_split(ch) if THAI_LETTER.search(ch) else [ch]:
                if _width(face, size, sub) > avail:
                    parts += graphemes(sub)
                else:
                    parts.append(sub)
            piece = ""
            for g in parts:
                if piece and _width(face, size, piece + g) > avail:
                    lines.append(piece)
                    avail = width
                    piece = ""
                piece += g
            cur, cur_w = [piece], _width(face, size, piece)
            continue
        cur.append(ch)
        cur_w += w
    if cur:
        lines.append("".join(cur).rstrip())
    return lines or [""]


def layout_line(
    face: FontFace,
    size: float,
    text: str,
    width: float,
    align: str = "left",
    justify: str = "none",
    compose_am: bool = False,
) -> tuple[float, ShapedLine]:
    """Shape one line and place it in a box `width` wide.

    Returns (x offset of the line start inside the box, shaped line). `align` is left/center/right;
    `justify` is none, `spaces` (widen spaces, Word "Justify") or `distributed` (add space between
    every grapheme cluster, Word "Thai Distributed").
    """
    glyphs = shape(face, text, size, compose_am)
    trailing = len(text) - len(text.rstrip(" "))
    # A trailing space (line broken at a space) is drawn but, as in Word, not measured.
    natural = sum(g.advance for g in glyphs if g.cluster < len(text) - trailing)
    dx = 0.0
    if align == "center":
        dx = max(0.0, (width - natural) / 2)
    elif align == "right":
        dx = max(0.0, width - natural)
    slack = width - natural
    if justify != "none" and slack > 0 and align == "left":
        glyphs = _justify(glyphs, text, slack, justify, size)
        natural = width
    return dx, ShapedLine(text, face, size, tuple(glyphs), natural)


def _justify(glyphs: list[Glyph], text: str, slack: float, mode: str, size: float) -> list[Glyph]:
    # gap positions: indices of glyphs that start a new cluster (spaces, or any cluster)
    starts: list[int] = []
    seen: set[int] = set()
    end = len(text.rstrip(" "))
    for i, g in enumerate(glyphs):
        if i == 0 or g.mark or g.cluster in seen or g.cluster >= end:
            seen.add(g.cluster)
            continue
        seen.add(g.cluster)
        prev = text[glyphs[i - 1].cluster]
        if mode == "spaces":
            if prev == " ":
                starts.append(i)
        else:
            starts.append(i)
    if not starts:
        return glyphs
    per = slack / len(starts)
    if mode == "spaces" and per > size * 1.5:
        return glyphs
    out: list[Glyph] = []
    shift = 0.0
    start_set = set(starts)
    for i, g in enumerate(glyphs):
        if i in start_set:
            shift += per
        out.append(Glyph(g.gid, g.x + shift, g.y, g.advance, g.cluster, g.mark))
    return out
