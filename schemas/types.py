"""Constrained scalar types shared by the output models.

Why here and not inline: the same constraint (a Buddhist-Era year, a score) appears in several
models and in the generated JSON Schema; defining it once keeps the contract consistent.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

BuddhistYear = Annotated[int, Field(ge=2400, le=2700, description="Buddhist Era year (CE + 543)")]
GregorianYear = Annotated[int, Field(ge=1857, le=2157, description="Common Era year")]
Score = Annotated[float, Field(ge=0.0, le=100.0, description="ITA score, rounded to 2 decimals")]
PageNumber = Annotated[int, Field(ge=1, description="1-based page number in the source PDF")]
Confidence = Annotated[float, Field(ge=0.0, le=1.0, description="0..1, rounded to 3 decimals")]
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO 8601, Gregorian")]
PageMode = Literal["text", "ocr"]
