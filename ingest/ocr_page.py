"""OCR one page: render, make upright, find rulings, run tesseract once, build the page model.

Table rulings are found before OCR and painted out of the image tesseract reads: borders
otherwise turn into stray characters and merge neighbouring cells into one line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium

from ingest import (
    digits,
    latin,
    level_code,
    ocr,
    orientation,
    recover,
    reread,
    rulings,
    signed_names,
    split_rows,
    table_ocr,
)
from ingest._exec import tesseract
from ingest.render import render_gray
from schemas.options import Options
from schemas.page import Line, Page, Ruling

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class OcrPageImages:
    """Intermediate images kept for --debug-dir."""

    upright: np.ndarray
    ocr_input: np.ndarray
    dpi: int


STRIP_PSM = 11
"""Page segmentation mode for strips of cells or missed regions (see `ingest.strip`)."""
NOISE_CONF = 0.6
"""A short line read with less confidence than this is a speck, a stroke or a stamp."""


_JUNK = frozenset("=|/%[]{}<>#*~^_\\!?@$&+'\"“”‘’«»")


def is_noise(line: Line) -> bool:
    """Lines tesseract makes out of scan noise or split-off mark rows ("ฆ่บม", "' |",
    "1 = 5 =51 ณ4 | / %"): unsure, with few Thai letters, short or full of symbols.

    Lines holding a Thai number are kept whatever their confidence: digits are re-read
    later, and a number is never noise worth dropping.
    """
    text = line.text
    conf = line.conf or 0.0
    thai_letters = sum(1 for ch in text if "\u0e01" <= ch <= "\u0e4e")
    if sum(1 for ch in text if "๐" <= ch <= "๙") >= 2:
        return False
    if conf < 0.3:
        return True
    if conf < 0.7 and thai_letters <= 3 and sum(1 for ch in text if ch in _JUNK) >= 2:
        return True
    letters = sum(1 for ch in text if ch.isalnum())
    return conf < NOISE_CONF and letters <= 4 and not any(ch.isdigit() for ch in text)


def page_confidence(lines: list[Line]) -> float | None:
    """Character-weighted mean confidence of the page's lines."""
    total = weight = 0.0
    for line in lines:
        n = max(1, len(line.text.replace(" ", "")))
        total += (line.conf or 0.0) * n
        weight += n
    return total / weight if weight else None


FLIP_CHECK_CONF = 0.86
"""A page whose up/down was not sure (`Placement.flip_sure`) is read upside down as well when
its confidence falls under this. Measured on the sample scans and their variants: upright
pages read at 0.89-0.95, upside-down ones at 0.48-0.82."""
FLIP_MARGIN = 0.05
"""How much more confident the upside-down reading must be to turn the page (the gap between
the two readings of a page measured 0.11-0.47)."""


def _reads_better_flipped(
    image: np.ndarray, lines: list[Line], read: Callable[[np.ndarray, int], dict[str, str]]
) -> bool:
    """Whether tesseract reads this page with more confidence after a half turn.

    Why here and not in `orientation`: upside-down Thai is read as confident garbage (0.8),
    so the test needs the page's real confidence, which only the OCR pass has; it costs one
    more read of the few pages whose marks did not decide, and only when that read is weak.
    """
    conf = page_confidence(lines)
    if conf is not None and conf >= FLIP_CHECK_CONF:
        return False
    out = read(np.ascontiguousarray(np.rot90(image, 2)), 3)
    flipped = page_confidence(ocr.parse(out["tsv"], out["txt"]))
    return flipped is not None and flipped > (conf or 0.0) + FLIP_MARGIN


ReadEach = Callable[[list[np.ndarray], str], list[dict[str, str]]]
"""tesseract on several cutouts (one line each) in one process, in the given language(s)."""


def reread_passes(
    image: np.ndarray, lines: list[Line], options: Options, read_each: ReadEach
) -> list[Line]:
    """What follows tesseract's Thai reading of a page: Latin words, numbers, level codes.

    One function for the page and for `bench.digits`, so that the digit benchmark's "itadoc"
    column is what a page gets, Latin passes included: the `tha` model reads "O", "No" and
    "IIT" as digits, and only the English passes take them back.
    """
    if options.latin_words:
        # Latin words first, alone with `eng` where their ink can be cut out: the `tha` model
        # reads some as digits ("-GP" of "e-GP" as "-60", "No" as "๐"), which the digit
        # reader would otherwise take for a number and make plausible.
        lines = latin.reread_latin(image, lines, lambda crops: read_each(crops, "eng"))
    if options.thai_digits:
        # tesseract's Thai model cannot output ๔ ๖ ๗ ๘ ๙: every number is re-read.
        lines = digits.reread(image, lines)
    if options.latin_words:
        # then whole lines with `tha+eng` for the Latin words the word pass could not cut
        # out; the level code after ระดับ is lost too often for either. One reader: a line
        # both passes want is read with tha+eng once.
        lines_with_eng = reread.LineReader(
            image, lambda crops: read_each(crops, options.latin_language)
        )
        lines = latin.reread_latin_lines(lines, lines_with_eng)
        lines = level_code.reread_codes(
            lines, lines_with_eng, lambda crops: read_each(crops, "eng")
        )
    return lines


def ocr_image(
    gray: np.ndarray, dpi: int, number: int, options: Options, *, rotation: int | None = None
) -> tuple[Page, OcrPageImages]:
    """OCR an already rendered page image (grayscale, `dpi`) into an upright Page."""
    t0 = time.perf_counter()
    placed = orientation.place(gray, dpi, rotation)
    upright, rotation, angle = placed.image, placed.rotation, placed.skew
    masks = rulings.analyze(upright, dpi)
    found: list[Ruling] = rulings.detect(upright, dpi, masks)
    ocr_input = rulings.clean_background(rulings.erase(upright, dpi, masks))
    grids = table_ocr.table_grids(found)

    def read(image: np.ndarray, psm: int) -> dict[str, str]:
        return tesseract.run(
            image,
            language=options.ocr_language,
            psm=psm,
            dpi=dpi,
            timeout_s=options.page_timeout_s,
            # on a tall strip, tesseract's noise removal takes Thai marks for specks
            noise_removal=psm != STRIP_PSM,
        )

    def read_each(crops: list[np.ndarray], language: str) -> list[dict[str, str]]:
        return tesseract.run_many(
            crops, language=language, psm=7, dpi=dpi, timeout_s=options.page_timeout_s
        )

    # Tables cell by cell; the rest of the page with tesseract's own layout analysis, then a
    # pass over whatever ink that analysis skipped; then rows of marks tesseract split off
    # their lines are read again together with them.
    table_lines = (
        table_ocr.read_tables(ocr_input, grids, dpi, lambda im: read(im, STRIP_PSM))
        if grids
        else []
    )
    flow_input = table_ocr.blank_tables(ocr_input, grids, dpi)
    out = read(flow_input, 3)
    flow_lines = ocr.parse(out["tsv"], out["txt"])
    if not placed.flip_sure and _reads_better_flipped(flow_input, flow_lines, read):
        return ocr_image(gray, dpi, number, options, rotation=(placed.rotation + 180) % 360)
    extra = recover.recover(flow_input, flow_lines, lambda im: read(im, STRIP_PSM))
    px_lines = split_rows.rejoin(
        ocr_input,
        sorted((*flow_lines, *extra, *table_lines), key=lambda ln: (round(ln.bbox.y0), ln.bbox.x0)),
        lambda crops: read_each(crops, options.ocr_language),
    )
    # a signature that ran into the "(name)" under it is read as part of that line
    px_lines = signed_names.reread_names(
        ocr_input, px_lines, lambda crops: read_each(crops, options.ocr_language)
    )
    px_lines = [ln for ln in px_lines if not is_noise(ln)]
    px_lines = reread_passes(ocr_input, px_lines, options, read_each)
    factor = 72.0 / dpi
    lines = tuple(ocr.scale_line(line, factor) for line in px_lines)
    h, w = upright.shape
    notes = ("ocr_rotated",) if rotation else ()
    page = Page(
        number=number,
        width=w * factor,
        height=h * factor,
        mode="ocr",
        lines=lines,
        rulings=tuple(found),
        confidence=page_confidence(list(lines)),
        rotation=rotation,
        notes=notes,
    )
    log.debug(
        "page %d: OCR %d lines (%d recovered), rotation %d, skew %.2f deg, %.2f s",
        number,
        len(lines),
        rotation,
        angle,
        time.perf_counter() - t0,
    )
    return page, OcrPageImages(upright=upright, ocr_input=ocr_input, dpi=dpi)


def ocr_pdf_page(page: pdfium.PdfPage, number: int, options: Options) -> tuple[Page, OcrPageImages]:
    """Render a PDF page at the OCR resolution and OCR it."""
    gray = render_gray(page, options.ocr_dpi, max_pixels=options.max_page_pixels)
    return ocr_image(gray, options.ocr_dpi, number, options)
