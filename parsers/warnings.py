"""Collecting warnings while parsing.

Every parser reports what it could not find or had to guess through one `WarningList`, so a
document's `warnings[]` says exactly which values are missing or uncertain and where.
"""

from __future__ import annotations

from schemas.document import ExtractionWarning


class WarningList:
    """An ordered, de-duplicated list of warnings."""

    def __init__(self) -> None:
        self._items: list[ExtractionWarning] = []
        self._seen: set[tuple[str, str, int | None]] = set()

    def add(self, code: str, message: str, page: int | None = None) -> None:
        key = (code, message, page)
        if key not in self._seen:
            self._seen.add(key)
            self._items.append(ExtractionWarning(code=code, message=message, page=page))

    def items(self) -> list[ExtractionWarning]:
        return list(self._items)

    def codes(self) -> list[str]:
        return [w.code for w in self._items]
