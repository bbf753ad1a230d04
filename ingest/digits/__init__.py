"""Thai and Arabic digit re-reader for tesseract's lines (tesseract's `tha` model lacks ๔๖๗๘๙).

Use `reread(image, lines)`; see `ingest.digits.reader` for how, and `tools.digits.train` (glyph
classifier) and `tools.digits.ctc_train` (CTC window reader) for the models' recipes.
"""

from __future__ import annotations

from ingest.digits.reader import reread, reread_line

__all__ = ["reread", "reread_line"]
