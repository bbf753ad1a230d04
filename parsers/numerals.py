"""Thai digits (๐–๙) → Arabic digits (0–9).

The contract stores Arabic digits in every field: warehouses compare and cast numbers, and a
Thai-digit string never equals its Arabic twin in SQL.
"""

from __future__ import annotations

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
_TO_ARABIC = str.maketrans(THAI_DIGITS, "0123456789")
_TO_THAI = str.maketrans("0123456789", THAI_DIGITS)


def to_arabic(text: str) -> str:
    """Replace every Thai digit by its Arabic digit; nothing else changes."""
    return text.translate(_TO_ARABIC)


def to_thai(text: str) -> str:
    """Replace every Arabic digit by its Thai digit (to print numbers as Thai reports do)."""
    return text.translate(_TO_THAI)


def has_thai_digits(text: str) -> bool:
    return any(ch in THAI_DIGITS for ch in text)
