"""Open an input file as a PDF, or say precisely why it cannot be used.

Every way a file can be unusable gets its own typed error with an actionable message, checked
in the cheapest order (exists → readable → non-empty → looks like a PDF → parses → not
encrypted → has pages → within limits), so a batch can record the reason and move on.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from schemas.errors import (
    CorruptPdfError,
    EmptyFileError,
    EncryptedPdfError,
    InputError,
    InputUnreadableError,
    NoPagesError,
    NotAPdfError,
    ResourceLimitError,
)

_HEADER_WINDOW = 1024
"""Readers accept `%PDF-` anywhere in the first KiB (junk before it is common in archives)."""


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A PDF that opened: identity and size, but no open handles (it must pickle)."""

    path: Path
    display_path: str
    sha256: str
    size_bytes: int
    page_count: int


def sha256_of(path: Path) -> str:
    """Hash a file in chunks so a 1 GB scan never sits in memory at once."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_file(path: Path, shown: str) -> int:
    if not path.exists():
        raise InputError("no such file; check the path", path=shown)
    if path.is_dir():
        raise InputError(
            "is a directory; itadoc searches folders only when given as input", path=shown
        )
    if not os.access(path, os.R_OK):
        raise InputUnreadableError(
            "permission denied; make the file readable for this user", path=shown
        )
    size = path.stat().st_size
    if size == 0:
        raise EmptyFileError("the file is empty (0 bytes); re-export or re-download it", path=shown)
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEADER_WINDOW)
    except OSError as e:
        raise InputUnreadableError(f"cannot read the file: {e.strerror}", path=shown) from e
    if b"%PDF-" not in head:
        raise NotAPdfError(
            "not a PDF (no %PDF- header); itadoc reads PDF files only, convert images with "
            "e.g. `img2pdf` first",
            path=shown,
        )
    return size


@contextlib.contextmanager
def open_pdf(path: Path, shown: str | None = None) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF with pdfium, translating its error codes into itadoc errors."""
    shown = shown if shown is not None else str(path)
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        code = getattr(e, "err_code", None)
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedPdfError(
                "the PDF is encrypted with a password; decrypt it first, e.g. "
                "`qpdf --password=SECRET --decrypt in.pdf out.pdf`",
                path=shown,
            ) from e
        raise CorruptPdfError(
            "the PDF is damaged beyond repair (truncated or corrupt); try "
            "`qpdf in.pdf repaired.pdf` or get a fresh copy",
            path=shown,
        ) from e
    except OSError as e:
        raise InputUnreadableError(f"cannot read the file: {e}", path=shown) from e
    try:
        yield doc
    finally:
        doc.close()


def load(path: Path, shown: str | None = None, *, max_pages: int = 500) -> SourceDocument:
    """Validate `path` as a usable PDF and describe it. Raises an `InputError` subclass."""
    shown = shown if shown is not None else str(path)
    size = _check_file(path, shown)
    with open_pdf(path, shown) as doc:
        count = len(doc)
    if count == 0:
        raise NoPagesError("the PDF has no pages", path=shown)
    if count > max_pages:
        raise ResourceLimitError(
            f"the PDF has {count} pages, more than the limit of {max_pages}; "
            "raise --max-pages if this is really one report",
            path=shown,
        )
    return SourceDocument(
        path=path, display_path=shown, sha256=sha256_of(path), size_bytes=size, page_count=count
    )
