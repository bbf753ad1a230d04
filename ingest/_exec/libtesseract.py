"""tesseract in-process, through its C API (libtesseract), one loaded model per language.

Why: a page makes three to six tesseract calls (the page, table cells, missed regions, mark
rows, Latin words, whole lines with `tha+eng`), and every `tesseract` process loads its model
again (0.03 CPU-s for `tha`, 0.09 for `eng`, 0.1 for `tha+eng`) and decodes the image from a
file: ~0.17 CPU-s per scanned page, a tenth of the whole page. Here each worker process loads a
language once and hands tesseract the image buffer directly.

The output is the program's: the same library, parameters set as the command line sets them
(`--psm`, `--dpi` = `user_defined_dpi`), and TSV and text as the program's `tsv` and `txt`
outputs print them (`ingest._exec.ltr_results` writes them in one pass; tesseract's own
`GetTSVText` and `GetUTF8Text` where that pass does not apply), so the tesseract wrapper
returns byte-identical results either way (checked on every call the scanned samples make).

What the process boundary gave is kept where it matters: a worker is single-threaded and has
its own engines (a lock guards each for library users with threads); OpenMP is limited to one
thread as `OMP_THREAD_LIMIT=1` does for the program; the per-call timeout is tesseract's own
deadline, checked between words — layout analysis is not interrupted, but a page task has its
own time limit in the worker pool, which kills a stuck worker. The wrapper only uses this
module when the configured command is the plain `tesseract` and the library reports that
program's version; anything else (a custom binary, a test's fake one, no library) runs the
program.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import functools
import os
import threading
import time

import numpy as np

from ingest._exec import ltr_results
from schemas.errors import OcrError, OcrTimeoutError

TSV_HEADER = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\t"
    "left\ttop\twidth\theight\tconf\ttext\n"
)
"""The header line the program's TSV renderer writes before the first page."""

_P = ctypes.c_void_p
_SIGNATURES: dict[str, tuple[type | None, list[type]]] = {
    "TessVersion": (ctypes.c_char_p, []),
    "TessBaseAPICreate": (_P, []),
    "TessBaseAPIDelete": (None, [_P]),
    "TessBaseAPIInit3": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetVariable": (ctypes.c_int, [_P, ctypes.c_char_p, ctypes.c_char_p]),
    "TessBaseAPISetPageSegMode": (None, [_P, ctypes.c_int]),
    "TessBaseAPISetImage": (
        None,
        [_P, _P, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_int],
    ),
    "TessBaseAPIRecognize": (ctypes.c_int, [_P, _P]),
    "TessBaseAPIGetTsvText": (_P, [_P, ctypes.c_int]),
    "TessBaseAPIGetUTF8Text": (_P, [_P]),
    "TessBaseAPIClear": (None, [_P]),
    "TessBaseAPIEnd": (None, [_P]),
    "TessDeleteText": (None, [_P]),
    "TessMonitorCreate": (_P, []),
    "TessMonitorDelete": (None, [_P]),
    "TessMonitorSetDeadlineMSecs": (None, [_P, ctypes.c_int]),
}


def _find() -> str | None:
    return ctypes.util.find_library("tesseract") or (
        "libtesseract.so.5" if os.name == "posix" else None
    )


@functools.lru_cache(maxsize=1)
def library() -> ctypes.CDLL | None:
    """libtesseract with the C API's signatures declared, or None when it cannot be loaded or
    would run more than one OpenMP thread."""
    name = _find()
    if name is None:
        return None
    previous = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"  # read by libgomp once, when it is loaded
    try:
        lib = ctypes.CDLL(name)
        for fn, (restype, argtypes) in _SIGNATURES.items():
            f = getattr(lib, fn)
            f.restype, f.argtypes = restype, argtypes
    except (OSError, AttributeError):
        return None
    finally:
        if previous is None:
            del os.environ["OMP_THREAD_LIMIT"]
        else:
            os.environ["OMP_THREAD_LIMIT"] = previous
    return lib if _openmp_threads() == 1 else None


def _openmp_threads() -> int:
    """Most OpenMP threads tesseract may use here: 1 is what `OMP_THREAD_LIMIT=1` gives the
    program. tesseract asks for 4 threads per LSTM step, and such tiny parallel steps cost
    several times the CPU on a busy machine. An OpenMP runtime loaded earlier by another
    library with another limit keeps it: then the program is run instead. GNU's (Linux) and
    LLVM's (macOS) runtimes both read the limit when they load."""
    limit = 1  # no OpenMP runtime: tesseract built without it
    for name in ("libgomp.so.1", ctypes.util.find_library("gomp"), ctypes.util.find_library("omp")):
        if not name:
            continue
        try:
            runtime = ctypes.CDLL(name)
        except OSError:
            continue
        limit = max(limit, int(runtime.omp_get_thread_limit()))
    return limit


def version() -> str | None:
    """The library's version ("5.3.0"), or None without a usable library."""
    lib = library()
    if lib is None:
        return None
    raw: bytes = lib.TessVersion()
    return raw.decode("ascii", "replace")


def timeout_error(timeout_s: float) -> OcrTimeoutError:
    return OcrTimeoutError(
        f"tesseract took longer than {timeout_s:g} s on this page; raise "
        "--page-timeout if your pages are unusually dense"
    )


@functools.lru_cache(maxsize=1)
def _reader(lib: ctypes.CDLL) -> ltr_results.Reader | None:
    """The one-pass TSV and text writer, if the library exports what it needs."""
    try:
        return ltr_results.Reader(lib)
    except AttributeError:
        return None


def _take(lib: ctypes.CDLL, pointer: int | None, what: str) -> str:
    text = ltr_results.take_text(lib, pointer)
    if text is None:
        raise OcrError(f"tesseract returned no {what} output")
    return text


class Engine:
    """One language's loaded model; reads images one after another."""

    def __init__(self, lib: ctypes.CDLL, language: str) -> None:
        self._lib = lib
        self._lock = threading.Lock()
        self._handle = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self._handle, None, language.encode()) != 0:
            lib.TessBaseAPIDelete(self._handle)
            raise OcrError(f"libtesseract could not load the language {language!r}")
        # tesseract's notes ("Empty page!!") go where the program's stderr went: nowhere shown
        lib.TessBaseAPISetVariable(self._handle, b"debug_file", os.devnull.encode())

    def read(
        self,
        image: np.ndarray,
        *,
        psm: int,
        dpi: int,
        timeout_s: float,
        page: int = 0,
        noise_removal: bool = True,
    ) -> dict[str, str]:
        """TSV (with its header; `page` numbers it, from 0) and text of one grayscale image.

        `noise_removal` is tesseract's `enable_noise_removal`, set on every call so that no
        call's setting outlives it."""
        lib, handle = self._lib, self._handle
        pixels = np.ascontiguousarray(image)
        height, width = pixels.shape
        with self._lock:
            monitor = lib.TessMonitorCreate()
            try:
                lib.TessBaseAPISetPageSegMode(handle, psm)
                lib.TessBaseAPISetVariable(handle, b"user_defined_dpi", str(dpi).encode())
                lib.TessBaseAPISetVariable(
                    handle, b"enable_noise_removal", b"1" if noise_removal else b"0"
                )
                lib.TessBaseAPISetImage(handle, pixels.ctypes.data, width, height, 1, width)
                lib.TessMonitorSetDeadlineMSecs(monitor, max(1, int(timeout_s * 1000)))
                t0 = time.monotonic()
                failed = lib.TessBaseAPIRecognize(handle, monitor) != 0
                if failed and time.monotonic() - t0 >= timeout_s:
                    raise timeout_error(timeout_s)
                if failed:
                    raise OcrError("tesseract could not recognize the image")
                fast = _reader(lib)
                found = fast.read(handle, page, width, height) if fast is not None else None
                if found is not None:
                    tsv, txt = found
                else:
                    tsv = _take(lib, lib.TessBaseAPIGetTsvText(handle, page), "tsv")
                    txt = _take(lib, lib.TessBaseAPIGetUTF8Text(handle), "txt")
            finally:
                lib.TessBaseAPIClear(handle)
                lib.TessMonitorDelete(monitor)
        return {"tsv": TSV_HEADER + tsv, "txt": txt}

    def close(self) -> None:
        with self._lock:
            self._lib.TessBaseAPIEnd(self._handle)
            self._lib.TessBaseAPIDelete(self._handle)


_engines: dict[str, Engine | None] = {}
_engines_lock = threading.Lock()


def engine(language: str) -> Engine | None:
    """This process's engine for `language` (created on first use); None without a library or
    when it cannot load the language (the program then reports why)."""
    lib = library()
    if lib is None:
        return None
    with _engines_lock:
        if language not in _engines:
            try:
                _engines[language] = Engine(lib, language)
            except OcrError:
                _engines[language] = None
        return _engines[language]


@atexit.register
def _close_all() -> None:
    """Free the models before the library's own exit handlers, which report leaks otherwise."""
    with _engines_lock:
        for e in _engines.values():
            if e is not None:
                e.close()
        _engines.clear()
