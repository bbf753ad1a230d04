"""The baseline reader: what plain `pdftotext` / plain `tesseract -l tha` give the same parsers.

The point of the baseline is to isolate what itadoc's own *reading* adds (geometry-based text
layer, orientation fix, deskew, ruling erase, digit re-reading, Thai repair at ingest), so
everything after reading is shared: the baseline builds `schemas.page.Page`s and hands them to
`itadoc.pipeline.assemble`, the same parsers itadoc uses.

- text-layer pages: `pdftotext -bbox-layout` (poppler); each `<line>` becomes a `Line` whose
  text is its `<word>`s joined by one space, each `<word>` a `Glyph` with its box (points,
  top-left origin, as pdftotext writes them), in pdftotext's reading order;
- scanned pages: the page rendered at the pipeline's dpi with pdfium (`ingest.render`), read by
  one tesseract run (`--psm 3`, the wrapper's `OMP_THREAD_LIMIT=1`) through
  `ingest._exec.tesseract.run` + `ingest.ocr.parse`: no orientation fix, no deskew, no ruling
  erase, no digit re-reading;
- rulings: both get what `ingest.rulings.detect` finds on a render of the page (100 dpi for text
  pages like itadoc, the OCR render itself for scans), so the table parser can run;
- which pages are which: per page, the choice itadoc's `ingest.extract.decide` makes.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ingest import ocr, rulings
from ingest._exec import tesseract
from ingest.extract import RULING_DPI, decide
from ingest.ocr_page import page_confidence
from ingest.render import render_gray
from ingest.textlayer import read_lines
from schemas.options import Options
from schemas.page import BBox, Glyph, Line, Page

_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class PageTask:
    """One unit of baseline work: a page of a PDF read as `mode` ("text" or "ocr")."""

    pdf: str
    number: int
    mode: str


def page_modes(pdf: Path, options: Options) -> list[str]:
    """itadoc's per-page text-layer/OCR choice for every page of `pdf`."""
    doc = pdfium.PdfDocument(str(pdf))
    try:
        modes = []
        for index in range(len(doc)):
            page = doc[index]
            try:
                lines, stats = read_lines(page)
                modes.append(decide(lines, stats, options.text_layer).mode)
            finally:
                page.close()
        return modes
    finally:
        doc.close()


def _box(el: ET.Element) -> BBox:
    return BBox(*(float(el.attrib[k]) for k in ("xMin", "yMin", "xMax", "yMax")))


def parse_bbox_layout(xhtml: str) -> list[tuple[float, float, list[Line]]]:
    """`pdftotext -bbox-layout` output → (width, height, lines) per page, in reading order."""
    root = ET.fromstring(xhtml)
    pages = []
    for page in root.iter(f"{_NS}page"):
        lines = []
        for line in page.iter(f"{_NS}line"):
            words = [w for w in line.iter(f"{_NS}word") if (w.text or "").strip()]
            if not words:
                continue
            glyphs = tuple(Glyph(w.text or "", _box(w)) for w in words)
            text = " ".join(g.text for g in glyphs)
            lines.append(Line(text=text, bbox=_box(line), glyphs=glyphs))
        pages.append((float(page.attrib["width"]), float(page.attrib["height"]), lines))
    return pages


def pdftotext_page(pdf: str, number: int) -> tuple[float, float, list[Line]]:
    """One page through `pdftotext -bbox-layout`."""
    out = subprocess.run(
        [
            "pdftotext",
            "-bbox-layout",
            "-enc",
            "UTF-8",
            "-f",
            str(number),
            "-l",
            str(number),
            pdf,
            "-",
        ],
        capture_output=True,
        check=True,
        timeout=120,
    )
    pages = parse_bbox_layout(out.stdout.decode("utf-8", "replace"))
    if len(pages) != 1:
        raise RuntimeError(f"pdftotext gave {len(pages)} pages for page {number} of {pdf}")
    return pages[0]


def read_page(task: PageTask, options: Options) -> Page:
    """The baseline `Page` for one page (runs in a worker process)."""
    doc = pdfium.PdfDocument(task.pdf)
    try:
        pdf_page = doc[task.number - 1]
        try:
            if task.mode == "text":
                gray = render_gray(pdf_page, RULING_DPI, max_pixels=options.max_page_pixels)
                found = tuple(rulings.detect(gray, RULING_DPI))
                width, height, lines = pdftotext_page(task.pdf, task.number)
                return Page(
                    number=task.number,
                    width=width,
                    height=height,
                    mode="text",
                    lines=tuple(lines),
                    rulings=found,
                    rotation=pdf_page.get_rotation() % 360,
                )
            dpi = options.ocr_dpi
            gray = render_gray(pdf_page, dpi, max_pixels=options.max_page_pixels)
        finally:
            pdf_page.close()
    finally:
        doc.close()
    found = tuple(rulings.detect(gray, dpi))
    out = tesseract.run(
        gray, language=options.ocr_language, psm=3, dpi=dpi, timeout_s=options.page_timeout_s
    )
    factor = 72.0 / dpi
    ocr_lines = tuple(ocr.scale_line(ln, factor) for ln in ocr.parse(out["tsv"], out["txt"]))
    h, w = gray.shape
    return Page(
        number=task.number,
        width=w * factor,
        height=h * factor,
        mode="ocr",
        lines=ocr_lines,
        rulings=found,
        confidence=page_confidence(list(ocr_lines)),
    )
