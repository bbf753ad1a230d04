"""Run the real `itadoc extract` and read back what it wrote, through its documented outputs only.

Both benchmarks measure itadoc as users run it: the console script, a list of PDFs, an output
folder. Results are matched to inputs by `source.path` (the input path as given) in the
per-document JSON and by `path` in `errors.jsonl`, the two stable parts of the output contract,
so the benchmarks do not depend on the batch runner's internals or the output file naming.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

OK_CODES = (0, 1)
"""OK, PARTIAL_FAILURE: the run finished; failed files are results, not crashes."""


def itadoc_cmd() -> list[str]:
    """The installed `itadoc` console script (what users run), else `python -m itadoc`."""
    exe = Path(sys.executable).parent / "itadoc"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "itadoc"]


def extract_cmd(inputs: list[str], outdir: Path, jobs: int) -> list[str]:
    """`itadoc extract INPUTS -o OUTDIR --jobs N -q` with default options."""
    return [*itadoc_cmd(), "extract", *inputs, "-o", str(outdir), "--jobs", str(jobs), "-q"]


def read_outputs(outdir: Path) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Documents by `source.path`, and error messages by input path, from an output folder."""
    docs: dict[str, dict[str, Any]] = {}
    for path in sorted(outdir.rglob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        source = data.get("source") if isinstance(data, dict) else None
        if isinstance(source, dict) and isinstance(source.get("path"), str):
            docs[source["path"]] = data
    errors: dict[str, str] = {}
    log = outdir / "errors.jsonl"
    if log.exists():
        for line in log.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                errors[str(rec.get("path"))] = f"{rec.get('code')}: {rec.get('message')}"
    return docs, errors


def check_complete(expected: int, docs: dict[str, Any], errors: dict[str, str], log: str) -> None:
    """Raise unless there is a document or an error line per input PDF: anything less is a
    crash (an uncaught exception also exits with status 1, like a partial failure)."""
    if len(docs) + len(errors) < expected:
        raise RuntimeError(
            f"itadoc wrote {len(docs)} documents and {len(errors)} errors for {expected} PDFs; "
            f"it probably crashed:\n{log[-3000:]}"
        )
