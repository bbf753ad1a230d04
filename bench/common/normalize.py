"""One normalization for truth and output alike, so the benchmark compares meaning, not encoding.

Written here rather than imported from `parsers`: if the benchmark used the code under test to
normalize, a bug there (say, sara am left decomposed) would be applied to both sides and vanish
from the scores. The rules are the contract's (README, `schemas.document`): NFC, Thai digits →
Arabic, sara am composed (ํา → ำ, also with a tone mark in between), whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")
"""Nikhahit (+ optional tone) + sara aa: how extractors often spell ำ (and ่ำ ้ำ ...)."""


def normalize(value: object) -> str:
    """Canonical text of a field value; None becomes "" (a missing value is empty text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    text = unicodedata.normalize("NFC", str(value))
    text = text.translate(_TO_ARABIC)
    text = _SARA_AM.sub(lambda m: m.group(1) + "\u0e33", text)
    return " ".join(text.split())


def digits(value: object) -> str:
    """The ASCII digits of a normalized value, in order ("อจ ๗๑๙๐๑/-" → "71901").

    Floats keep two decimals (scores), so 84.1 vs 84.14 is a digit error, not a match.
    """
    return "".join(ch for ch in normalize(value) if "0" <= ch <= "9")
