"""Builders and runners shared by the batch tests (see conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf, Stream

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "samples" / "pdf" / "text"
TEXT_SAMPLES = sorted(TEXT.glob("*.pdf"))


def copy_sample(dest: Path, index: int = 1) -> Path:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(TEXT_SAMPLES[index], dest)
    return dest


def _page(pdf: Pdf, content: bytes, media: tuple[float, float], **resources: Any) -> None:
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, *media]),
        Contents=Stream(pdf, content),
        Resources=Dictionary(**resources),
    )
    pdf.pages.append(pikepdf.Page(page))


def blank_pdf(dest: Path, pages: int = 1, media: tuple[float, float] = (595, 842)) -> Path:
    """Pages with nothing on them: no text layer, so `auto` sends them to OCR."""
    pdf = Pdf.new()
    for _ in range(pages):
        _page(pdf, b"", media)
    pdf.save(dest)
    return dest


def image_pdf(dest: Path, width: int, height: int) -> Path:
    """One A4 page drawing an image that *claims* width x height px over a 1 KB Flate stream."""
    pdf = Pdf.new()
    img = Stream(pdf, zlib.compress(b"\0" * 1024))
    img.Type, img.Subtype, img.Filter = Name.XObject, Name.Image, Name.FlateDecode
    img.Width, img.Height, img.BitsPerComponent = width, height, 8
    img.ColorSpace = Name.DeviceGray
    _page(pdf, b"q 500 0 0 700 50 50 cm /Im0 Do Q", (595, 842), XObject=Dictionary(Im0=img))
    pdf.save(dest)
    return dest


def with_blank_pages(src: Path, dest: Path, extra: int) -> Path:
    """A text sample with `extra` blank pages appended: its OCR pages are tiny and quick."""
    with Pdf.open(src) as pdf:
        for _ in range(extra):
            _page(pdf, b"", (595, 842))
        pdf.save(dest)
    return dest


def encrypted_pdf(src: Path, dest: Path, user: str) -> Path:
    with Pdf.open(src) as pdf:
        pdf.save(dest, encryption=pikepdf.Encryption(user=user, owner="owner-secret", R=6))
    return dest


def no_pages_pdf(dest: Path) -> Path:
    Pdf.new().save(dest)
    return dest


def broken_xref_pdf(src: Path, dest: Path) -> Path:
    """A real sample whose startxref points nowhere: readers must rebuild the xref by scanning."""
    data = src.read_bytes()
    cut = data.rfind(b"startxref")
    dest.write_bytes(data[:cut] + b"startxref\n999999\n%%EOF\n")
    return dest


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "itadoc", *args],
        cwd=cwd,
        env=cli_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("ITADOC_TEST_FAULTS", None)
    env.update(extra or {})
    return env


def outputs(outdir: Path) -> dict[str, bytes]:
    """The output contract's files (every JSON document, the tables, errors.jsonl) by path."""
    found = {}
    for path in sorted(outdir.rglob("*")):
        rel = path.relative_to(outdir).as_posix()
        own = rel.startswith(".itadoc/") or rel in ("run.json", "manifest.jsonl")
        if path.is_file() and not own:
            found[rel] = path.read_bytes()
    return found
