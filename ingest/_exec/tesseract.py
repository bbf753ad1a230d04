"""The tesseract program: probe and run.

Each call reads with one thread (`OMP_THREAD_LIMIT=1`): one worker per core is ~5x faster on 2
cores than tesseract's own OpenMP threading. When the configured program is the plain
`tesseract` and its library is installed (the usual case), calls run in this process through
the C API (`ingest._exec.libtesseract`: the model is loaded once per worker, not once per call;
same output); otherwise each call starts the program, whose process boundary also gives a hard
timeout.

The binary is the one pytesseract is configured with (`pytesseract.pytesseract.tesseract_cmd`),
so a user who set that for pytesseract gets the same program here. pytesseract is not imported
for it (it imports pandas: ~1 s of CPU in every process that starts itadoc's workers): a
setting can only exist if the user's code imported pytesseract, so it is read from there.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from ingest._exec import libtesseract
from schemas.errors import MissingDependencyError, OcrError

log = logging.getLogger(__name__)

INSTALL_HINT = (
    "Install tesseract 5 with its Thai data: on Debian/Ubuntu "
    "`sudo apt-get install tesseract-ocr tesseract-ocr-tha`; on macOS "
    "`brew install tesseract tesseract-lang`; elsewhere see "
    "https://tesseract-ocr.github.io/tessdoc/Installation.html"
)


@dataclass(frozen=True, slots=True)
class TesseractInfo:
    """What the installed tesseract can do."""

    command: str
    version: str
    languages: tuple[str, ...]


DEFAULT_COMMAND = "tesseract"


def _command() -> str:
    """pytesseract's `tesseract_cmd` if the running program imported pytesseract, else the
    `tesseract` on PATH (pytesseract's own default)."""
    module = sys.modules.get("pytesseract.pytesseract")
    return str(getattr(module, "tesseract_cmd", DEFAULT_COMMAND))


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@functools.lru_cache(maxsize=4)
def _probe(command: str) -> TesseractInfo:
    try:
        out = subprocess.run(
            [command, "--version"], capture_output=True, text=True, timeout=30, env=_env()
        )
        langs_out = subprocess.run(
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, env=_env()
        )
    except FileNotFoundError as e:
        raise MissingDependencyError(
            f"tesseract was not found ({command!r}). {INSTALL_HINT}"
        ) from e
    except (subprocess.TimeoutExpired, OSError) as e:
        raise MissingDependencyError(
            f"tesseract ({command!r}) does not run: {e}. {INSTALL_HINT}"
        ) from e
    match = re.search(r"tesseract\s+v?(\d+(?:\.\d+)*)", out.stdout + out.stderr)
    version = match.group(1) if match else "unknown"
    languages = tuple(
        line.strip()
        for line in (langs_out.stdout or "").splitlines()[1:]
        if line.strip() and not line.startswith("List of")
    )
    return TesseractInfo(command=command, version=version, languages=languages)


def probe(languages: Sequence[str] = ("tha",)) -> TesseractInfo:
    """Check tesseract ≥ 4 with the given languages is installed; raise with a hint otherwise."""
    info = _probe(_command())
    major = int(info.version.split(".")[0]) if info.version[:1].isdigit() else 0
    if major < 4:
        raise MissingDependencyError(
            f"tesseract {info.version} is too old: itadoc needs tesseract 4 or 5 (LSTM). "
            + INSTALL_HINT
        )
    missing = [lang for lang in languages if lang not in info.languages]
    if missing:
        raise MissingDependencyError(
            f"tesseract has no language data for {', '.join(missing)} "
            f"(installed: {', '.join(info.languages) or 'none'}). " + INSTALL_HINT
        )
    return info


def _write_image(image: np.ndarray, path: Path) -> None:
    """Write a grayscale image as an uncompressed BMP file for tesseract to read.

    Measured on scanned A4 pages at 300 dpi: encoding PNG costs ~0.09 s of CPU per page (level
    1) and tesseract then spends time decompressing it; BMP costs ~0.006 s to write and is the
    cheapest format for leptonica to read (~0.12 s less CPU per page end to end, same text).
    Raw PGM through stdin is the slowest: leptonica reads large streams slowly.
    """
    _check_image(image)
    ok, buf = cv2.imencode(".bmp", image)
    if not ok:
        raise OcrError("could not encode the page image for tesseract")
    path.write_bytes(buf.tobytes())


def _execute(
    args: list[str], stdin: bytes | None, base: str, outputs: Sequence[str], timeout_s: float
) -> dict[str, str]:
    try:
        proc = subprocess.run(args, input=stdin, capture_output=True, timeout=timeout_s, env=_env())
    except FileNotFoundError as e:
        raise MissingDependencyError(f"tesseract was not found. {INSTALL_HINT}") from e
    except subprocess.TimeoutExpired as e:
        raise libtesseract.timeout_error(timeout_s) from e
    stderr = proc.stderr.decode("utf-8", "replace").strip()
    if stderr:
        log.debug("tesseract stderr: %s", stderr)
    if proc.returncode != 0:
        raise OcrError(
            f"tesseract exited with status {proc.returncode}: {stderr[-300:] or 'no message'}"
        )
    results: dict[str, str] = {}
    for fmt in outputs:
        path = Path(f"{base}.{fmt}")
        if not path.exists():
            raise OcrError(f"tesseract wrote no {fmt} output: {stderr[-300:] or 'no message'}")
        results[fmt] = path.read_text(encoding="utf-8", errors="replace")
    return results


def _engine(language: str, config: Sequence[tuple[str, str]]) -> libtesseract.Engine | None:
    """The in-process engine for `language` when it is the configured program's library.

    Only for the default command (not a user's or a test's own program), plain calls (no
    `config`: variables would outlive the call in a kept engine), and a library of the same
    version as the program, so either way the output is what the program would print.
    """
    command = _command()
    if command != DEFAULT_COMMAND or config:
        return None
    wanted = libtesseract.version()
    if wanted is None:
        return None
    try:
        if _probe(command).version != wanted:
            return None
    except MissingDependencyError:
        return None
    return libtesseract.engine(language)


def _check_image(image: np.ndarray) -> None:
    if image.ndim != 2 or image.dtype != np.uint8:
        raise ValueError("tesseract input must be a 2-D uint8 grayscale image")


def _check_readable(image: np.ndarray) -> None:
    """What the program refuses (it cannot be given an empty image file), refused here too."""
    _check_image(image)
    if image.size == 0:
        raise OcrError("tesseract cannot read an empty image")


def _args(language: str, psm: int, dpi: int, config: Sequence[tuple[str, str]]) -> list[str]:
    args = ["-l", language, "--psm", str(psm), "--dpi", str(dpi)]
    for key, value in config:
        args += ["-c", f"{key}={value}"]
    return args


def run(
    image: np.ndarray,
    *,
    language: str = "tha",
    psm: int = 3,
    dpi: int = 300,
    timeout_s: float = 120.0,
    outputs: Sequence[str] = ("tsv", "txt"),
    config: Sequence[tuple[str, str]] = (),
    noise_removal: bool = True,
) -> dict[str, str]:
    """OCR one grayscale page image; return each requested output format's text by name.

    One tesseract process recognizes the page once and writes every output format asked for
    (tsv for geometry and confidences, txt for the line text with tesseract's own spacing).
    With the library (`ingest._exec.libtesseract`) the same happens in this process.
    `noise_removal=False` turns off tesseract's `enable_noise_removal` (see `ingest.strip`).
    """
    engine = _engine(language, config) if set(outputs) <= {"tsv", "txt"} else None
    if engine is not None:
        _check_readable(image)
        out = engine.read(image, psm=psm, dpi=dpi, timeout_s=timeout_s, noise_removal=noise_removal)
        return {fmt: out[fmt] for fmt in outputs}
    if not noise_removal:
        config = (*config, ("enable_noise_removal", "0"))
    with tempfile.TemporaryDirectory(prefix="itadoc-tess-") as tmp:
        base = str(Path(tmp) / "out")
        page = Path(tmp) / "page.bmp"
        _write_image(image, page)
        args = [_command(), str(page), base, *_args(language, psm, dpi, config), *outputs]
        return _execute(args, None, base, outputs, timeout_s)


def run_many(
    images: Sequence[np.ndarray],
    *,
    language: str = "tha",
    psm: int = 7,
    dpi: int = 300,
    timeout_s: float = 120.0,
    config: Sequence[tuple[str, str]] = (),
) -> list[dict[str, str]]:
    """OCR several small images in one process (model loaded once); tsv and txt per image.

    tesseract reads a list file as a multi-page document: TSV rows carry the page number and
    the text output separates pages with form feeds.
    """
    if not images:
        return []
    engine = _engine(language, config)
    if engine is not None:
        for image in images:
            _check_readable(image)
        deadline = time.monotonic() + timeout_s
        results = []
        for i, image in enumerate(images):
            left = deadline - time.monotonic()
            if left <= 0:
                raise libtesseract.timeout_error(timeout_s)
            results.append(engine.read(image, psm=psm, dpi=dpi, timeout_s=left, page=i))
        return results
    with tempfile.TemporaryDirectory(prefix="itadoc-tess-") as tmp:
        paths = []
        for i, image in enumerate(images):
            path = Path(tmp) / f"img{i:04d}.bmp"
            _write_image(image, path)
            paths.append(str(path))
        listing = Path(tmp) / "list.txt"
        listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
        base = str(Path(tmp) / "out")
        args = [_command(), str(listing), base, *_args(language, psm, dpi, config), "tsv", "txt"]
        out = _execute(args, None, base, ("tsv", "txt"), timeout_s)
    header, *rows = out["tsv"].splitlines()
    tsv_pages: list[list[str]] = [[header] for _ in images]
    for row in rows:
        cells = row.split("\t", 2)
        if len(cells) > 1 and cells[1].isdigit() and 1 <= int(cells[1]) <= len(images):
            tsv_pages[int(cells[1]) - 1].append(row)
    txt_pages = out["txt"].split("\f")
    txt_pages += [""] * (len(images) - len(txt_pages))
    return [{"tsv": "\n".join(t) + "\n", "txt": txt_pages[i]} for i, t in enumerate(tsv_pages)]
