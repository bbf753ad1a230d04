"""Run options (defined in `schemas.options` so `ingest` can read them without importing us)."""

from schemas.options import Options, TextLayerPolicy

__all__ = ["Options", "TextLayerPolicy"]
