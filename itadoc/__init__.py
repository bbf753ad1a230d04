"""itadoc: Thai ITA report PDFs → validated, warehouse-ready JSON and CSV.

The public API:

    import itadoc
    doc = itadoc.extract("report.pdf")                   # -> schemas.Document
    for result in itadoc.extract_batch(["archive/"], "out/"):
        ...                                              # FileResult records as files finish

`itadoc` is the thin application shell; the work happens in `ingest` (PDF → pages), `parsers`
(pages → sections) and `schemas` (models, JSON Schema, exporters).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from itadoc.batch import FileResult
    from schemas.document import Document
    from schemas.options import Options


def extract(path: str | Path, options: Options | None = None) -> Document:
    """Read one ITA report PDF in this process. Raises an `ItadocError` subclass on bad input."""
    from itadoc.pipeline import extract as _extract

    return _extract(path, options)


def extract_batch(
    inputs: list[str | Path],
    outdir: str | Path,
    options: Options | None = None,
    *,
    jobs: int | None = None,
) -> Iterator[FileResult]:
    """Extract many PDFs into `outdir` in worker processes, yielding results as files finish.

    Writes the same files as `itadoc extract` (JSON per document, CSVs, errors.jsonl, run.json)
    once the iteration is complete.
    """
    from itadoc.batch import run_batch_iter

    return run_batch_iter([str(i) for i in inputs], Path(outdir), options, jobs=jobs)


__all__ = ["__version__", "extract", "extract_batch"]
