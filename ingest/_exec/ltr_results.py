"""The TSV and text tesseract prints for a recognized image, in one left-to-right pass.

Why: tesseract builds both outputs with its reading-order `ResultIterator`, which finds a
word's neighbours by walking from the start of the *page* (`PAGE_RES_IT::restart_row`) at
every step — several times per word. Thai is split into one "word" per character cluster
(tesseract#2702), ~2000 per page, so writing the TSV and text costs ~0.15 CPU-s per scanned
page, a sixth of recognizing it. The plain `LTRResultIterator` steps in constant time, and for
left-to-right text the two visit the same words in the same order: reading order only differs
from it for right-to-left scripts.

So the same rows and lines are produced here from that iterator, as `GetTSVText` and
`GetUTF8Text` build them, and `read` returns None — use tesseract's own — whenever this could
differ: a right-to-left character, an empty line or image block (their text rules are
intricate), a noise block, a symbol without text, or a library without the C++ symbols used
(the iterator is not part of the C API; the symbols are those of tesseract 4 and 5). The
wrapper's tests check the result byte for byte against the program's.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass
from typing import Any

BLOCK, PARA, TEXTLINE, WORD, SYMBOL = range(5)
"""tesseract's PageIteratorLevel."""
NOT_TEXT_BLOCKS = frozenset({9, 10, 11, 12, 13})
"""PolyBlockType: images and rule lines, which the text output leaves out."""
NOISE_BLOCK = 14
_RTL = frozenset({"R", "AL", "RLE", "RLO", "RLI"})

_P = ctypes.c_void_p
_LEVEL = ctypes.c_int
_CXX: dict[str, tuple[str, type | None, list[type]]] = {
    "ltr_iterator": ("_ZN9tesseract11TessBaseAPI14GetLTRIteratorEv", _P, [_P]),
    "empty": (
        "_ZNK9tesseract12PageIterator5EmptyENS_17PageIteratorLevelE",
        ctypes.c_bool,
        [_P, _LEVEL],
    ),
    "text": (
        "_ZNK9tesseract17LTRResultIterator11GetUTF8TextENS_17PageIteratorLevelE",
        _P,
        [_P, _LEVEL],
    ),
    "confidence": (
        "_ZNK9tesseract17LTRResultIterator10ConfidenceENS_17PageIteratorLevelE",
        ctypes.c_float,
        [_P, _LEVEL],
    ),
    "blanks": ("_ZNK9tesseract17LTRResultIterator16BlanksBeforeWordEv", ctypes.c_int, [_P]),
}
_C: dict[str, tuple[type | None, list[type]]] = {
    "TessPageIteratorNext": (ctypes.c_int, [_P, _LEVEL]),
    "TessPageIteratorIsAtBeginningOf": (ctypes.c_int, [_P, _LEVEL]),
    "TessPageIteratorBoundingBox": (
        ctypes.c_int,
        [_P, _LEVEL, *[ctypes.POINTER(ctypes.c_int)] * 4],
    ),
    "TessPageIteratorBlockType": (ctypes.c_int, [_P]),
    "TessPageIteratorDelete": (None, [_P]),
    "TessBaseAPIGetBoolVariable": (
        ctypes.c_int,
        [_P, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int)],
    ),
    "TessDeleteText": (None, [_P]),
}


def take_text(lib: ctypes.CDLL, pointer: int | None) -> str | None:
    """A string tesseract allocated, decoded and freed (`TessDeleteText`); None for NULL."""
    if not pointer:
        return None
    try:
        return ctypes.string_at(pointer).decode("utf-8", "replace")
    finally:
        lib.TessDeleteText(pointer)


def right_to_left(text: str) -> bool:
    """Whether reading order could differ from left to right (Hebrew, Arabic, bidi marks)."""
    return any(unicodedata.bidirectional(ch) in _RTL for ch in text)


@dataclass(frozen=True, slots=True)
class _Word:
    block_type: int
    new_para: bool
    new_line: bool
    blanks: int
    text: str


def _bind(lib: ctypes.CDLL, symbol: str, restype: type | None, argtypes: list[type]) -> Any:
    f = getattr(lib, symbol)  # AttributeError when the library does not export it
    f.restype, f.argtypes = restype, argtypes
    return f


class Reader:
    """The walk over one loaded library's results; raises AttributeError if a symbol is
    missing."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._lib = lib
        self._ltr_iterator = _bind(lib, *_CXX["ltr_iterator"])
        self._empty = _bind(lib, *_CXX["empty"])
        self._text = _bind(lib, *_CXX["text"])
        self._confidence = _bind(lib, *_CXX["confidence"])
        self._blanks = _bind(lib, *_CXX["blanks"])
        for name, (restype, argtypes) in _C.items():
            _bind(lib, name, restype, argtypes)
        self._box = (ctypes.c_int(), ctypes.c_int(), ctypes.c_int(), ctypes.c_int())
        self._box_refs = tuple(ctypes.byref(v) for v in self._box)

    def _bbox(self, it: int, level: int) -> str:
        self._lib.TessPageIteratorBoundingBox(it, level, *self._box_refs)
        left, top, right, bottom = (v.value for v in self._box)
        return f"{left}\t{top}\t{right - left}\t{bottom - top}"

    def read(self, handle: int, page: int, width: int, height: int) -> tuple[str, str] | None:
        """(TSV rows without the header, text) as tesseract prints them, or None."""
        it = self._ltr_iterator(handle)
        if not it:
            return None
        try:
            found = self._walk(it, page + 1, width, height)
        finally:
            self._lib.TessPageIteratorDelete(it)
        if found is None:
            return None
        rows, words = found
        preserve = ctypes.c_int(0)
        if not self._lib.TessBaseAPIGetBoolVariable(
            handle, b"preserve_interword_spaces", ctypes.byref(preserve)
        ):
            return None
        return "".join(rows), _text(words, bool(preserve.value))

    def _walk(
        self, it: int, page_num: int, width: int, height: int
    ) -> tuple[list[str], list[_Word]] | None:
        """`GetTSVText`'s loop over the page, on the left-to-right iterator."""
        lib = self._lib
        empty, text, confidence, blanks = self._empty, self._text, self._confidence, self._blanks
        begins, step = lib.TessPageIteratorIsAtBeginningOf, lib.TessPageIteratorNext
        rows = [f"1\t{page_num}\t0\t0\t0\t0\t0\t0\t{width}\t{height}\t-1\t\n"]
        words: list[_Word] = []
        block = para = line = word = 0
        while not empty(it, BLOCK):
            if empty(it, WORD):
                return None  # an image block or an empty line
            block_type = lib.TessPageIteratorBlockType(it)
            if block_type == NOISE_BLOCK:
                return None
            new_para = new_line = False
            if begins(it, BLOCK):
                block += 1
                para = line = word = 0
                rows.append(f"2\t{page_num}\t{block}\t0\t0\t0\t{self._bbox(it, BLOCK)}\t-1\t\n")
            if begins(it, PARA):
                para += 1
                line = word = 0
                new_para = True
                rows.append(f"3\t{page_num}\t{block}\t{para}\t0\t0\t{self._bbox(it, PARA)}\t-1\t\n")
            if begins(it, TEXTLINE):
                line += 1
                word = 0
                new_line = True
                rows.append(
                    f"4\t{page_num}\t{block}\t{para}\t{line}\t0\t{self._bbox(it, TEXTLINE)}\t-1\t\n"
                )
            word += 1
            box = self._bbox(it, WORD)
            conf = confidence(it, WORD)
            spaces = blanks(it)
            symbols = []
            while True:
                symbol = take_text(lib, text(it, SYMBOL))
                if symbol is None:
                    return None  # a symbol without text: leave it to tesseract's writer
                symbols.append(symbol)
                step(it, SYMBOL)
                if empty(it, BLOCK) or begins(it, WORD):
                    break
            word_text = "".join(symbols)
            if right_to_left(word_text):
                return None
            rows.append(
                f"5\t{page_num}\t{block}\t{para}\t{line}\t{word}\t{box}\t{conf:f}\t{word_text}\n"
            )
            words.append(_Word(block_type, new_para, new_line, spaces, word_text))
        return rows, words


def _text(words: list[_Word], preserve_spaces: bool) -> str:
    """`GetUTF8Text` from the words: lines end with a newline, paragraphs with another; words
    are spaced by tesseract's blanks (`preserve_interword_spaces`, set by the Thai model) or
    one space; image and rule-line blocks are left out."""
    out: list[str] = []
    for i, w in enumerate(words):
        if w.block_type in NOT_TEXT_BLOCKS:
            continue
        spaces = w.blanks if preserve_spaces else (0 if w.new_line else 1)
        out.append(" " * spaces + w.text)
        last_of_line = i + 1 == len(words) or words[i + 1].new_line
        if last_of_line:
            out.append("\n")
            if i + 1 < len(words) and words[i + 1].new_para:
                out.append("\n")
    return "".join(out)
