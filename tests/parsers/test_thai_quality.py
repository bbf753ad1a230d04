"""Tests for parsers.thai_quality.assess."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from parsers.thai_quality import COVERAGE_MIN, TextQuality, assess

DATA = Path(__file__).parent / "data" / "thai_gov_sentences.txt"
SENTENCES = [s for s in DATA.read_text(encoding="utf-8").splitlines() if s.strip()]
THAI = [chr(c) for c in range(0x0E01, 0x0E2F)] + list("ะาำเแโใไ") + list("ิีึืุู่้๊๋ั็์")


def page(rng: random.Random, size: int = 3000) -> str:
    out: list[str] = []
    n = 0
    while n < size:
        s = rng.choice(SENTENCES)
        out.append(s)
        n += len(s) + 1
    return "\n".join(out)


def ocr_noise(text: str, cer: float, rng: random.Random) -> str:
    """Substitutions, deletions and insertions of Thai characters at rate ``cer``."""
    out: list[str] = []
    for c in text:
        if c in " \n" or rng.random() >= cer:
            out.append(c)
            continue
        k = rng.random()
        if k < 0.5:
            out.append(rng.choice(THAI))
        elif k >= 0.75:
            out.append(c + rng.choice(THAI))
    return "".join(out)


def damaged(text: str) -> str:
    """Split sara am, PUA tone marks and a gap after maitaikhu, as PDF text layers do."""
    text = text.replace("ำ", "\u0e4dา").replace("็น", "็ น")
    return text.replace("่", "\uf70a").replace("้", "\uf70b")


def soup(rng: random.Random, n: int = 3000) -> str:
    return "".join(rng.choice([*THAI, " ", " ", " "]) for _ in range(n))


@pytest.fixture
def rng() -> random.Random:
    return random.Random(7)


def test_sound(rng: random.Random) -> None:
    q = assess(page(rng))
    assert q.verdict == "sound", q
    assert q.coverage > 0.97 and q.invalid_ratio == 0 and not q.changed


def test_repairable_pdf_damage(rng: random.Random) -> None:
    q = assess(damaged(page(rng)))
    assert q.verdict == "repairable", q
    assert q.changed and q.pua_ratio > 0 and q.coverage > 0.97


def test_repairable_mojibake(rng: random.Random) -> None:
    text = page(rng, 500).encode("tis-620").decode("latin-1")
    q = assess(text)
    assert q.verdict == "repairable", q
    assert q.mojibake_decodable and q.mojibake_ratio > 0.5


def test_garbage_undecodable_mojibake() -> None:
    q = assess("ÀÁÂÃÄÅ ÆÇÈÉÊË ÌÍÎÏÐÑ ÒÓÔÕÖ× ØÙÚÛÜÝÞß " * 20)
    assert q.verdict == "garbage", q


def test_garbage_glyph_soup(rng: random.Random) -> None:
    q = assess(soup(rng))
    assert q.verdict == "garbage", q
    assert q.coverage < COVERAGE_MIN


def test_garbage_pua_only(rng: random.Random) -> None:
    q = assess("".join(rng.choice([*map(chr, range(0xF700, 0xF720)), " "]) for _ in range(800)))
    assert q.verdict == "garbage", q


def test_garbage_poor_ocr_layer(rng: random.Random) -> None:
    q = assess(ocr_noise(page(rng), 0.25, rng))
    assert q.verdict == "garbage", q


def test_good_ocr_layer_is_kept(rng: random.Random) -> None:
    q = assess(ocr_noise(page(rng), 0.04, rng))
    assert q.verdict in ("sound", "repairable"), q


def test_empty() -> None:
    assert assess("").verdict == "empty"
    assert assess("  \n\t ").verdict == "empty"
    assert assess("- ๑๒ -").verdict == "empty"


def test_non_thai_text() -> None:
    q = assess("Integrity and Transparency Assessment 2024, https://itas.nacc.go.th")
    assert q.verdict == "sound", q


def test_control_characters() -> None:
    q = assess("สำนักปลัด\x00\x01\x02\x03" * 3)
    assert q.verdict == "garbage", q


def test_result_is_frozen() -> None:
    q = assess("สำนักปลัด")
    assert isinstance(q, TextQuality)
    with pytest.raises(AttributeError):
        q.verdict = "garbage"  # type: ignore[misc]


def test_threshold_report(rng: random.Random, capsys: pytest.CaptureFixture[str]) -> None:
    """The measurements behind the thresholds in parsers.thai_quality."""
    kinds: dict[str, Callable[[], str]] = {
        "good prose": lambda: page(rng),
        "PDF-damaged": lambda: damaged(page(rng)),
        "OCR noise 5%": lambda: ocr_noise(page(rng), 0.05, rng),
        "OCR noise 10%": lambda: ocr_noise(page(rng), 0.10, rng),
        "OCR noise 20%": lambda: ocr_noise(page(rng), 0.20, rng),
        "OCR noise 30%": lambda: ocr_noise(page(rng), 0.30, rng),
        "random letters": lambda: soup(rng),
    }
    lines = []
    cov: dict[str, tuple[float, float]] = {}
    for name, make in kinds.items():
        qs = [assess(make()) for _ in range(4)]
        c = [q.coverage for q in qs]
        cov[name] = (min(c), max(c))
        lines.append(
            f"{name:15s} coverage {min(c):.3f}-{max(c):.3f}  "
            f"invalid {max(q.invalid_after_repair for q in qs):.4f}  "
            f"{sorted({q.verdict for q in qs})}"
        )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert cov["good prose"][0] > COVERAGE_MIN + 0.1
    assert cov["PDF-damaged"][0] > COVERAGE_MIN + 0.1
    assert cov["OCR noise 20%"][1] < COVERAGE_MIN
    assert cov["random letters"][1] < COVERAGE_MIN - 0.3
