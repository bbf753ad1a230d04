"""Run options: one frozen object shared by the CLI, the Python API and the batch workers.

Defined in `schemas` (bottom layer) so `ingest` can read it without importing the application
shell; `itadoc.options` re-exports it. Frozen and picklable, so it ships to worker processes
as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

TextLayerPolicy = Literal["auto", "ocr", "text"]


class Options(BaseModel):
    """Everything that changes how a document is read. Defaults suit unattended batches."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text_layer: TextLayerPolicy = Field(
        default="auto",
        description=(
            "auto: use each page's text layer when it is sound or repairable, OCR otherwise; "
            "ocr: OCR every page; text: never OCR (pages without usable text stay empty)."
        ),
    )
    ocr_dpi: int = Field(default=300, ge=100, le=600, description="Render resolution for OCR.")
    ocr_language: str = Field(default="tha", description="tesseract language(s), e.g. tha+eng.")
    thai_digits: bool = Field(
        default=True, description="Re-read Thai digits on OCR pages with itadoc's recognizer."
    )
    latin_words: bool = Field(
        default=True,
        description="Re-read words the Thai model garbled as Latin (ITA, OIT, Facebook) with eng.",
    )
    page_timeout_s: float = Field(default=120.0, gt=0, description="Limit per OCR'd page.")
    file_timeout_s: float = Field(default=1800.0, gt=0, description="Limit per input file.")
    max_pages: int = Field(default=500, ge=1, description="Refuse files with more pages.")
    max_page_pixels: int = Field(
        default=60_000_000,
        ge=1_000_000,
        description=(
            "Refuse to render pages larger than this, and images inside a page claiming more "
            "than 4x this (decompression bombs), before pdfium allocates anything."
        ),
    )
    max_memory_mb: int | None = Field(
        default=None,
        ge=64,
        description=(
            "Stop a batch worker (with its tesseract) whose resident memory exceeds this; the "
            "file becomes a memory_limit error. None: 75% of RAM divided by the number of jobs, "
            "at most 4096."
        ),
    )
    max_tasks_per_worker: int = Field(
        default=200,
        ge=1,
        description=(
            "Replace a batch worker after this many tasks (a file or an OCR page each), so "
            "memory that PDF libraries leak or fragment cannot pile up over a night."
        ),
    )
    debug_dir: Path | None = Field(
        default=None, description="Write page images, OCR data and overlays here."
    )

    @property
    def latin_language(self) -> str:
        """The tesseract languages for re-reading lines with Latin words: the OCR languages
        plus English (`tha+eng`), English added only when it is not already among them."""
        languages = self.ocr_language.split("+")
        return "+".join(languages if "eng" in languages else [*languages, "eng"])

    @property
    def tesseract_languages(self) -> list[str]:
        """Every tesseract language data a run needs (what the CLI checks is installed)."""
        return (self.latin_language if self.latin_words else self.ocr_language).split("+")
