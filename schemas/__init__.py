"""Typed models of itadoc: the page model (ingest → parsers) and the output contract.

`schemas` imports nothing else of ours, so every other package can depend on it.
"""

from schemas.document import (
    SCHEMA_VERSION,
    Assessment,
    Document,
    ExtractionWarning,
    Header,
    Measure,
    Organization,
    PageInfo,
    Signatory,
    Source,
)
from schemas.page import BBox, Glyph, Line, Page, Ruling

__all__ = [
    "SCHEMA_VERSION",
    "Assessment",
    "BBox",
    "Document",
    "ExtractionWarning",
    "Glyph",
    "Header",
    "Line",
    "Measure",
    "Organization",
    "Page",
    "PageInfo",
    "Ruling",
    "Signatory",
    "Source",
]
