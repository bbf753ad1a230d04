"""Judge a page's text layer: keep it, repair it, or OCR the page instead.

Why: a PDF page may carry a text layer that is perfect, damaged in the ways that
``parsers.thai_text.repair`` undoes, or worthless (mojibake from a font without a
ToUnicode map, glyph soup, a poor invisible OCR layer). OCR costs seconds per page
and loses nothing on a scanned page, but it is worse than a sound text layer, so the
ingest stage needs a cheap, explainable verdict per page.

Thresholds (measured with ``tests/parsers/test_thai_quality.py::test_threshold_report``
on pages of ~3,000 characters built from the sentence fixture; see the test for the
generators):

* ``COVERAGE_MIN = 0.80`` - share of Thai letters inside dictionary words after
  repair. Well-formed government prose: 0.998-1.000; PDF-damaged pages after repair:
  0.997-0.999; OCR-like noise (substitutions/deletions/insertions) at 5 % character
  errors: ~0.91; 10 %: ~0.85; 15 %: ~0.79; 20 %: ~0.74; 30 %: ~0.64; random Thai
  letters: ~0.27; PUA-only soup: ~0.04. 0.80 lets through text up to roughly 12-15 %
  character errors, about where OCR of a clean 300 dpi scan with tesseract's Thai
  model lands, so below it OCR is expected to do better.
* ``INVALID_MAX = 0.02`` - orthographic violations per Thai letter left *after*
  repair (mark without consonant, two tone marks, leading vowel without consonant).
  Repaired damaged pages: 0; OCR noise at 10 %: ~0.008, at 30 %: ~0.02; random
  letters: ~0.04; PUA-only text: ~0.14. A second line of defence behind coverage.
* ``MOJIBAKE_MAX = 0.05`` - share of characters in Latin-1/cp1252 mojibake runs that
  do not decode to Thai; real Latin text (English, URLs) has none because runs need
  two or more adjacent Latin-1 letters that decode to plausible Thai.
* ``JUNK_MAX = 0.05`` - control, zero-width and replacement characters per character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from parsers.pua import PUA_TRANSLATION
from parsers.thai_lexicon import THAI_LETTERS, segment_score
from parsers.thai_text import count_invalid, decode_mojibake, mojibake_spans, repair

__all__ = ["TextQuality", "Verdict", "assess"]

Verdict = Literal["sound", "repairable", "garbage", "empty"]

COVERAGE_MIN: Final = 0.80
INVALID_MAX: Final = 0.02
MOJIBAKE_MAX: Final = 0.05
JUNK_MAX: Final = 0.05
THAI_MIN: Final = 0.30
"""Below this share of Thai among the letters, the page is judged as non-Thai text."""

_JUNK_RE: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200d\u2060-\u2064\ufeff\ufffd]"
)
_THAI_CHUNK_RE: Final = re.compile("[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+")


@dataclass(frozen=True, slots=True)
class TextQuality:
    """Measurements of one page's text and the resulting verdict."""

    chars: int
    """Non-whitespace characters."""
    letters: int
    """Letters of any script (Thai letters, Latin letters, PUA glyphs, mojibake)."""
    thai_ratio: float
    """Thai letters (after PUA mapping and mojibake decoding) per letter."""
    pua_ratio: float
    """Private Use Area characters per non-whitespace character."""
    mojibake_ratio: float
    """Characters in Latin-1/cp1252 mojibake runs per non-whitespace character."""
    mojibake_decodable: bool
    """All mojibake decodes to plausible Thai (``decode_mojibake`` succeeds)."""
    junk_ratio: float
    """Control, zero-width and replacement characters per character."""
    invalid_ratio: float
    """Orthographic violations per Thai letter, before repair."""
    invalid_after_repair: float
    """Orthographic violations per Thai letter, after repair."""
    coverage_raw: float
    """Share of Thai letters inside dictionary words, before repair."""
    coverage: float
    """Share of Thai letters inside dictionary words, after repair."""
    changed: bool
    """``repair`` changes the text."""
    verdict: Verdict
    reason: str


def _coverage(text: str) -> tuple[float, int]:
    letters = unknown = 0
    for m in _THAI_CHUNK_RE.finditer(text):
        chunk = m.group()
        letters += len(chunk)
        unknown += segment_score(chunk)[0]
    if letters == 0:
        return 1.0, 0
    return 1.0 - unknown / letters, letters


def assess(text: str) -> TextQuality:
    """Measure ``text`` (one page) and decide between text layer and OCR."""
    chars = sum(1 for c in text if not c.isspace())
    total = max(1, len(text))
    pua = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
    spans = mojibake_spans(text)
    moji_chars = sum(b - a for a, b, _ in spans)
    moji_bad = sum(b - a for a, b, dec in spans if dec is None)
    decodable = bool(spans) and decode_mojibake(text) is not None
    junk = len(_JUNK_RE.findall(text))

    mapped = text.translate(PUA_TRANSLATION)
    thai_letters = sum(1 for c in mapped if c in THAI_LETTERS)
    letters = sum(
        1 for c in mapped if c.isalpha() or c in THAI_LETTERS or "\ue000" <= c <= "\uf8ff"
    )

    repaired = repair(text)
    thai_after = sum(1 for c in repaired if c in THAI_LETTERS)
    cov_raw, _ = _coverage(mapped)
    cov, _ = _coverage(repaired)
    inv_raw = count_invalid(mapped) / max(1, thai_letters)
    inv_after = count_invalid(repaired) / max(1, thai_after)
    nonspace = max(1, chars)
    all_letters = max(1, thai_after + sum(1 for c in repaired if c.isalpha() and c.isascii()))
    thai_ratio = thai_after / all_letters

    def result(verdict: Verdict, reason: str) -> TextQuality:
        return TextQuality(
            chars=chars,
            letters=letters,
            thai_ratio=round(thai_ratio, 4),
            pua_ratio=round(pua / nonspace, 4),
            mojibake_ratio=round(moji_chars / nonspace, 4),
            mojibake_decodable=decodable,
            junk_ratio=round(junk / total, 4),
            invalid_ratio=round(inv_raw, 4),
            invalid_after_repair=round(inv_after, 4),
            coverage_raw=round(cov_raw, 4),
            coverage=round(cov, 4),
            changed=repaired != text,
            verdict=verdict,
            reason=reason,
        )

    if letters == 0 and thai_after == 0:
        return result("empty", "no letters" if chars else "no text")
    if moji_bad / nonspace > MOJIBAKE_MAX:
        return result("garbage", f"{moji_bad / nonspace:.0%} undecodable mojibake")
    if junk / total > JUNK_MAX:
        return result("garbage", f"{junk / total:.0%} control/replacement characters")
    if thai_ratio < THAI_MIN:
        if pua / nonspace > 0.3:
            return result("garbage", "private-use glyphs without a Thai reading")
        if repaired != text:
            return result("repairable", "non-Thai text; invisible/control characters removed")
        return result("sound", "non-Thai text")
    if cov < COVERAGE_MIN:
        return result("garbage", f"dictionary coverage {cov:.2f} < {COVERAGE_MIN}")
    if inv_after > INVALID_MAX:
        return result("garbage", f"{inv_after:.1%} orthographically invalid after repair")
    if repaired == text:
        return result("sound", f"coverage {cov:.2f}, nothing to repair")
    what = []
    if moji_chars:
        what.append("mojibake")
    if pua:
        what.append("PUA glyphs")
    if inv_raw:
        what.append("broken clusters")
    if not what:
        what.append("spacing/sara am")
    return result("repairable", f"{', '.join(what)}; coverage {cov_raw:.2f} -> {cov:.2f}")
