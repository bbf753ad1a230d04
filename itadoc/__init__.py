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

from collections.abc import Generator
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
    force: bool = False,
) -> Generator[FileResult, None, None]:
    """Extract many PDFs into `outdir` in worker processes, yielding a `FileResult` per input
    as it is settled (finish order, not input order).

    - Inputs are files and folders (searched recursively for *.pdf); `<key>.json` mirrors
      their sub-folders. Work runs in `jobs` processes (default: usable cores), a scanned
      file's OCR pages spread over all of them. A file that crashes, hangs or exhausts memory
      yields a failed result (`code`, `message`) and costs nothing else.
    - Resumable: inputs that `outdir/manifest.jsonl` records as done (same content, itadoc and
      schema versions and reading options, JSON unchanged) are yielded as `status="skipped"`
      without being read; failed ones are read again. `force=True` reads everything.
    - Inputs with identical content are read once; the later ones get a copy of the JSON with
      their own path, a `duplicate_input` warning and `duplicate_of` set.
    - When the iteration ends, errors.jsonl, documents.csv, measures.csv and run.json are
      rebuilt. Leaving the loop early (`break`, an exception, Ctrl-C) stops the workers and
      still rebuilds them from the documents finished so far; calling again resumes.
    - The first `next()` raises `OutputLockedError` if another run is writing to `outdir`.
    """
    from itadoc.batch import run_batch_iter

    return run_batch_iter([str(i) for i in inputs], Path(outdir), options, jobs=jobs, force=force)


__all__ = ["__version__", "extract", "extract_batch"]
