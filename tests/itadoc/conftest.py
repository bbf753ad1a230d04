"""Helpers for the batch tests: tiny PDFs built on the fly, the CLI as a subprocess, outputs.

Every hostile input is made here with pikepdf (a few hundred bytes each), never committed.
Text-layer samples stand in for real documents: they take a fraction of a second each, so the
batch machinery (pool, manifest, signals) is what the tests spend their time on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from batch_helpers import TEXT_SAMPLES, copy_sample  # noqa: E402


@pytest.fixture
def make_inputs(tmp_path: Path) -> Callable[[int], Path]:
    """A folder `in/` under tmp_path with the first n text samples."""

    def make(n: int) -> Path:
        folder = tmp_path / "in"
        for i in range(n):
            copy_sample(folder / TEXT_SAMPLES[i].name, i)
        return folder

    return make
