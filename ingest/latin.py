"""Re-read the Latin words in Thai text with tesseract's English model.

Thai reports carry Latin words — ITA, OIT, "No Gift Policy", Facebook, LINE, e-Service, the
level "A"/"B" — which the `tha` model turns into Thai-looking garbage ("[โจ", "0|17", "1โค").
Reading whole pages with `tha+eng` fixes them but costs ~25% more tesseract time and turns
some Thai digits into Latin letters. Instead, the few tokens that look wrong for Thai — they
contain ASCII letters or digits or stray brackets — are cut out and read once more with `eng`,
all in one process (`tesseract.run_many`), and the English reading replaces the token only
when it is confident and plainly Latin.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from ingest import ocr
from schemas.page import BBox, Glyph, Line, tokens

_SUSPECT = re.compile(r"[A-Za-z0-9|\[\]{}]")
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9.,:;()&'’/\-]*$|^[A-Za-z0-9.\-]+\.[a-z]{2,}$")
MIN_CONF = 0.85
"""English readings less sure than this are not trusted over the Thai model's."""


def _suspects(line: Line) -> list[tuple[int, int, list[int]]]:
    """Runs of neighbouring suspect tokens ("0 6 00[น์0ห" is one English phrase misread)."""
    out: list[tuple[int, int, list[int]]] = []
    previous = False
    for start, end, idx in tokens(line):
        text = line.text[start:end]
        suspect = (
            bool(_SUSPECT.search(text)) and not text.replace(".", "").replace(",", "").isdigit()
        )
        if suspect and previous:
            s0, _, i0 = out[-1]
            out[-1] = (s0, end, [*i0, *idx])
        elif suspect:
            out.append((start, end, idx))
        previous = suspect
    return out


def reread_latin(
    image: np.ndarray,
    lines: Sequence[Line],
    run_many: Callable[[list[np.ndarray]], list[dict[str, str]]],
) -> list[Line]:
    """`lines` (pixel space) with confidently English tokens replaced by their English reading."""
    jobs: list[tuple[int, int, int, list[int], tuple[int, int]]] = []
    crops: list[np.ndarray] = []
    h, w = image.shape
    for li, line in enumerate(lines):
        for start, end, idx in _suspects(line):
            boxes = [line.glyphs[i].bbox for i in idx]
            pad = int(0.2 * line.bbox.height)
            x0 = max(0, int(min(b.x0 for b in boxes)) - pad)
            x1 = min(w, int(max(b.x1 for b in boxes)) + pad)
            y0 = max(0, int(line.bbox.y0) - pad)
            y1 = min(h, int(line.bbox.y1) + pad)
            if x1 - x0 < 4 or y1 - y0 < 4:
                continue
            crops.append(image[y0:y1, x0:x1])
            jobs.append((li, start, end, idx, (x0, y0)))
    if not jobs:
        return list(lines)
    edits: dict[int, list[tuple[int, int, list[int], Line]]] = {}
    for (li, start, end, idx, (ox, oy)), out in zip(jobs, run_many(crops), strict=True):
        read = [ln for ln in ocr.parse(out["tsv"], out["txt"]) if ln.text.strip()]
        if len(read) != 1 or (read[0].conf or 0.0) < MIN_CONF:
            continue
        word = read[0]
        if not all(_LATIN_WORD.match(part) for part in word.text.split()):
            continue
        shifted = tuple(
            Glyph(
                g.text, BBox(g.bbox.x0 + ox, g.bbox.y0 + oy, g.bbox.x1 + ox, g.bbox.y1 + oy), g.conf
            )
            for g in word.glyphs
        )
        edits.setdefault(li, []).append(
            (start, end, idx, Line(word.text, word.bbox, word.conf, shifted))
        )
    return [_apply(line, edits.get(i, [])) for i, line in enumerate(lines)]


def _apply(line: Line, edits: list[tuple[int, int, list[int], Line]]) -> Line:
    if not edits:
        return line
    text = line.text
    glyphs = list(line.glyphs)
    for start, end, idx, word in sorted(edits, key=lambda e: -e[0]):
        text = text[:start] + word.text + text[end:]
        glyphs[idx[0] : idx[-1] + 1] = list(word.glyphs)
    return Line(text, line.bbox, line.conf, tuple(glyphs))
