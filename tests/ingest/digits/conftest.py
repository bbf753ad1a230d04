"""Shared helpers for the digit re-reader tests: render a line, OCR it for real."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

from bench.digits.cases import BENCH_DEGRADE
from ingest._exec.tesseract import run
from ingest.digits.model import OTHER
from ingest.ocr import parse
from schemas.page import Line
from tools.digits import corpus
from tools.digits.fonts import Face
from tools.digits.render import Degrade, Piece, degrade, font_px, render

OcrLine = Callable[..., tuple[np.ndarray, list[Line]]]


def pieces(text: str) -> list[Piece]:
    """Split a line into pieces: digits and punctuation one by one, Thai runs as words."""
    out: list[Piece] = []
    word = ""
    for ch in text:
        if ch == " " or ch in "0123456789๐๑๒๓๔๕๖๗๘๙.,/-:%":
            if word:
                out.append(corpus.word(word))
                word = ""
            out.append(Piece(" ", OTHER) if ch == " " else corpus.num_pieces(ch)[0])
        else:
            word += ch
    if word:
        out.append(corpus.word(word))
    return out


@pytest.fixture(scope="session")
def ocr_line() -> OcrLine:
    """Render `text` in a face at a dpi (digit "๐" 0.07 inch high), run tesseract, parse.

    tesseract with `tha` is a hard requirement of these tests (`make setup` installs it): a
    machine without it fails here with the install hint rather than skipping.
    """
    from ingest._exec.tesseract import probe

    probe(("tha",))

    def _ocr(
        text: str, f: Face, dpi: int, *, scan: bool = False, seed: int = 0
    ) -> tuple[np.ndarray, list[Line]]:
        digit_px = 0.07 * dpi
        r = render(pieces(text), f, font_px(f, digit_px), margin=int(0.1 * dpi))
        d = BENCH_DEGRADE if scan else Degrade(0, 0, 0, 0, 0, 0, 0, 0)
        gray, _ = degrade(r, np.random.default_rng(seed), digit_px, d)
        out = run(gray, language="tha", psm=7, dpi=dpi)
        return gray, parse(out["tsv"], out["txt"])

    return _ocr
