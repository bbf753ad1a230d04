"""Regenerate the stored page data the parser tests run on (no PDF or tesseract needed there).

    uv run python tests/data/make_pages.py

Each entry runs the real ingest stage on a bundled sample and stores its pages (page model
JSON, gzipped). The OCR entries need tesseract; their output depends on its version (the
stored files were made with Debian 12's tesseract 5.3.0 and its `tha` data).
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ingest.extract import extract  # noqa: E402
from ingest.source import load  # noqa: E402
from schemas.options import Options  # noqa: E402
from schemas.page import PAGES_ADAPTER  # noqa: E402

OUT = Path(__file__).resolve().parent / "pages"
ENTRIES = {
    # name: (sample pdf, options)
    "text_000_janlan": ("samples/pdf/text/000_janlan.pdf", Options()),
    "text_004_phonngam": ("samples/pdf/text/004_phonngam.pdf", Options()),
    "scan_008_thaphra": ("samples/pdf/scan/008_thaphra.pdf", Options(thai_digits=False)),
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (pdf, options) in ENTRIES.items():
        pages = extract(load(ROOT / pdf, pdf), options)
        data = PAGES_ADAPTER.dump_json(pages)
        (OUT / f"{name}.json.gz").write_bytes(gzip.compress(data, mtime=0))
        print(f"{name}: {len(pages)} pages, {len(data) / 1e6:.2f} MB raw")


if __name__ == "__main__":
    main()
