"""Shared fixtures for parser tests: stored page data (see tests/data/make_pages.py)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from schemas.page import PAGES_ADAPTER, BBox, Page

DATA = Path(__file__).resolve().parents[1] / "data" / "pages"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(scope="session")
def stored_pages() -> Callable[[str], list[Page]]:
    cache: dict[str, list[Page]] = {}

    def load(name: str) -> list[Page]:
        if name not in cache:
            raw = gzip.decompress((DATA / f"{name}.json.gz").read_bytes())
            cache[name] = PAGES_ADAPTER.validate_json(raw)
        return cache[name]

    return load


@pytest.fixture(scope="session")
def truth() -> Callable[[str], dict[str, Any]]:
    def load(rel: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((SAMPLES / "expected" / rel).read_text("utf-8"))
        return data

    return load


def box(x0: float, y0: float, x1: float, y1: float) -> BBox:
    return BBox(x0, y0, x1, y1)
