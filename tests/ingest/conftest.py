"""Fixtures for ingest tests: real sample PDFs, rendered once per session."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest

from ingest.render import render_gray

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pdf"
HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # test modules import line_helpers (import mode importlib)
    sys.path.insert(0, str(HERE))


@pytest.fixture(scope="session")
def sample() -> Callable[[str], Path]:
    return lambda rel: SAMPLES / rel


@pytest.fixture(scope="session")
def rendered() -> Callable[[str, int, int], np.ndarray]:
    cache: dict[tuple[str, int, int], np.ndarray] = {}

    def render(rel: str, page: int, dpi: int = 300) -> np.ndarray:
        key = (rel, page, dpi)
        if key not in cache:
            pdf = pdfium.PdfDocument(SAMPLES / rel)
            try:
                cache[key] = render_gray(pdf[page - 1], dpi, max_pixels=10**9)
            finally:
                pdf.close()
        return cache[key]

    return render
