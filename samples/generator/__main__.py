"""CLI: `uv run python -m samples.generator [--out DIR] [--only ID ...]`.

Writes, per spec, `pdf/<variant>/<id>.pdf` and `expected/<variant>/<id>.json` under DIR
(default: the `samples/` directory of the repository). Output is deterministic: running twice
gives byte-identical files, which the tests check.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pypdfium2 as pdfium

from samples.generator.canvas import Page
from samples.generator.document import layout_document
from samples.generator.layout import Rendered
from samples.generator.pdfcontent import ImagePage, build_pdf
from samples.generator.pdfwriter import file_id
from samples.generator.scan import scan_page
from samples.generator.spec import DocSpec, Scan, load_specs
from samples.generator.truth import build_truth

SAMPLES_DIR = Path(__file__).resolve().parents[1]


def scanned_pages(
    spec: DocSpec, rendered: Rendered, text_pdf: bytes, scan: Scan, only_roles: set[str] | None
) -> list[Page | ImagePage]:
    """Replace pages (all, or those whose role is in `only_roles`) by scanned images."""
    doc = pdfium.PdfDocument(text_pdf)
    try:
        out: list[Page | ImagePage] = []
        for i, page in enumerate(rendered.pages):
            if only_roles is None or page.role in only_roles:
                out.append(scan_page(doc, i, page, scan, spec.id))
            else:
                out.append(page)
        return out
    finally:
        doc.close()


def generate(spec: DocSpec, out_dir: Path) -> list[Path]:
    """Render every variant of one spec; returns the files written."""
    rendered = layout_document(spec)
    profile = spec.layout.profile
    text_pdf = build_pdf(rendered.pages, profile, spec.title, file_id(spec.id, "text"))
    variants: list[tuple[str, bytes, bool]] = []
    if spec.variants.text:
        variants.append(("text", text_pdf, False))
    if spec.variants.scan:
        scan = spec.variants.scan
        pages = scanned_pages(spec, rendered, text_pdf, scan, None)
        pdf = build_pdf(pages, profile, spec.title, file_id(spec.id, "scan"))
        variants.append(("scan", pdf, scan.sideways_tables))
    if spec.variants.mixed:
        scan = spec.variants.mixed
        roles = {p.role for p in rendered.pages} - {"memo"}
        pages = scanned_pages(spec, rendered, text_pdf, scan, roles)
        pdf = build_pdf(pages, profile, spec.title, file_id(spec.id, "mixed"))
        variants.append(("mixed", pdf, scan.sideways_tables))
    written = []
    for variant, pdf, sideways in variants:
        pdf_path = out_dir / "pdf" / variant / f"{spec.id}.pdf"
        json_path = out_dir / "expected" / variant / f"{spec.id}.json"
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.parent.mkdir(parents=True, exist_ok=True)
        pdf_path.write_bytes(pdf)
        truth = build_truth(spec, rendered, variant, pdf, sideways)
        json_path.write_text(truth.model_dump_json(indent=2), encoding="utf-8")
        written += [pdf_path, json_path]
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    parser.add_argument(
        "--out", type=Path, default=SAMPLES_DIR, help="output root (default samples/)"
    )
    parser.add_argument("--specs", type=Path, default=SAMPLES_DIR / "specs", help="spec directory")
    parser.add_argument("--only", nargs="+", metavar="ID", help="ids (or numbers) to generate")
    args = parser.parse_args(argv)
    specs = load_specs(args.specs, args.only)
    if not specs:
        print("no specs matched", file=sys.stderr)
        return 1
    for spec in specs:
        t0 = time.perf_counter()
        files = generate(spec, args.out)
        size = sum(f.stat().st_size for f in files)
        print(
            f"{spec.id}: {len(files)} files, {size / 1e6:.2f} MB, {time.perf_counter() - t0:.1f}s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
