"""Open an input file as a PDF, or say precisely why it cannot be used.

Every way a file can be unusable gets its own typed error with an actionable message, checked
in the cheapest order (exists → is a regular file → readable → non-empty → looks like a PDF →
parses → not encrypted → has pages → within limits), so a batch can record the reason and move
on. Checks go through the real system calls (stat, open) rather than `os.access`, which answers
for the real uid and cannot see symlink loops: what is reported is what reading would do.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

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
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """A PDF that opened: identity and size, but no open handles (it must pickle)."""

    path: Path
    display_path: str
    sha256: str
    size_bytes: int
    page_count: int


def _os_error(e: OSError, path: Path, shown: str) -> InputError:
    if e.errno == errno.ELOOP:
        return InputUnreadableError(
            "symlink loop: the link points (through other links) back to itself; fix or remove it",
            path=shown,
        )
    if e.errno in (errno.EACCES, errno.EPERM):
        return InputUnreadableError(
            "permission denied; make the file (and its folders) readable for this user",
            path=shown,
        )
    if e.errno == errno.ENOENT:
        if os.path.islink(path):
            return InputError("dangling symlink: its target does not exist", path=shown)
        return InputError("no such file; check the path", path=shown)
    return InputUnreadableError(f"cannot read the file: {e.strerror or e}", path=shown)


def _open_regular(path: Path, shown: str) -> int:
    """An fd for reading `path`, refusing anything but a regular file without blocking on it
    (a FIFO named report.pdf would otherwise hang `open` until a writer appears)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.EISDIR:
            raise InputError(
                "is a directory; itadoc searches folders only when given as input", path=shown
            ) from e
        raise _os_error(e, path, shown) from e
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise InputError(
                "is a directory; itadoc searches folders only when given as input", path=shown
            )
        raise InputUnreadableError(
            "not a regular file (a device, FIFO or socket); itadoc reads PDF files only",
            path=shown,
        )
    return fd


def check_file(path: Path, shown: str | None = None) -> os.stat_result:
    """Check that `path` is a readable, non-empty regular file starting like a PDF."""
    shown = shown if shown is not None else str(path)
    fd = _open_regular(path, shown)
    try:
        st = os.fstat(fd)
        if st.st_size == 0:
            raise EmptyFileError(
                "the file is empty (0 bytes); re-export or re-download it", path=shown
            )
        try:
            head = os.pread(fd, _HEADER_WINDOW, 0)
        except OSError as e:
            raise _os_error(e, path, shown) from e
    finally:
        os.close(fd)
    if b"%PDF-" not in head:
        raise NotAPdfError(
            "not a PDF (no %PDF- header); itadoc reads PDF files only, convert images with "
            "e.g. `img2pdf` first",
            path=shown,
        )
    return st


def sha256_of(path: Path, shown: str | None = None) -> str:
    """Hash a file in chunks so a 1 GB scan never sits in memory at once."""
    shown = shown if shown is not None else str(path)
    digest = hashlib.sha256()
    fd = _open_regular(path, shown)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError as e:
        raise _os_error(e, path, shown) from e
    finally:
        os.close(fd)
    return digest.hexdigest()


_ENCRYPT = re.compile(rb"/Encrypt\b")
_EMPTY_TREE = re.compile(rb"/Count\s+0\b")
_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")


def _why_unopenable(path: Path) -> str:
    """ "encrypted", "no_pages" or "corrupt", from the file's own bytes.

    pdfium's error code cannot be trusted here: it fails on an empty page tree without setting
    one, so `FPDF_GetLastError` returns whatever an earlier failure in the process left (a
    password error, say). Since pdfium already tried the empty user password, a file with an
    /Encrypt entry that does not open needs a real password.
    """
    encrypted = empty_tree = has_page = False
    tail = b""
    try:
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                window = tail + chunk
                encrypted = encrypted or bool(_ENCRYPT.search(window))
                empty_tree = empty_tree or bool(_EMPTY_TREE.search(window))
                has_page = has_page or bool(_PAGE_OBJECT.search(window))
                tail = chunk[-32:]
    except OSError:
        return "corrupt"
    if encrypted:
        return "encrypted"
    return "no_pages" if empty_tree and not has_page else "corrupt"


@contextlib.contextmanager
def open_pdf(path: Path, shown: str | None = None) -> Iterator[pdfium.PdfDocument]:
    """Open a PDF with pdfium, translating its error codes into itadoc errors.

    pdfium repairs a broken cross-reference table by itself (it rescans the objects) and tries
    the empty user password, so "protected" PDFs that any viewer opens without asking are read.
    Why a file does not open is read from the file itself (see `_why_unopenable`).
    """
    shown = shown if shown is not None else str(path)
    try:
        doc = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        why = _why_unopenable(path)
        if why == "no_pages":
            raise NoPagesError("the PDF has no pages (its page tree is empty)", path=shown) from e
        if why == "encrypted":
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
        raise _os_error(e, path, shown) from e
    try:
        yield doc
    finally:
        doc.close()


def load(path: Path, shown: str | None = None, *, max_pages: int = 500) -> SourceDocument:
    """Validate `path` as a usable PDF and describe it. Raises an `InputError` subclass.

    The page count is checked before anything is hashed or rendered, so a 100000-page file is
    refused in milliseconds.
    """
    shown = shown if shown is not None else str(path)
    st = check_file(path, shown)
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
        path=path,
        display_path=shown,
        sha256=sha256_of(path, shown),
        size_bytes=st.st_size,
        page_count=count,
    )
