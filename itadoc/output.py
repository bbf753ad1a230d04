"""Atomic output files: a reader (or a crash) never sees a half-written JSON or CSV.

Every file is written to a temporary file in the same directory, flushed and fsynced, then
renamed over the target (`os.replace` is atomic on POSIX and Windows). A process killed with
SIGKILL mid-write can leave only a hidden `.<name>.<random>.tmp` beside the target, never a
truncated target; `remove_stale_temps` sweeps those at the start of the next run.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from schemas.document import Document

_TEMP_NAME = re.compile(r"^\..+\.(json|jsonl|csv|parquet)\.[A-Za-z0-9_]{8}\.tmp$")
"""Only what `atomic_open` creates for the files itadoc writes: `-o` may hold other files."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()
"""mkstemp creates 0600 files; outputs get the mode a plain `open` would give them."""


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO[Any]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(
            fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else ""
        ) as fh:
            yield fh
            fh.flush()
            os.fchmod(fh.fileno(), _FILE_MODE)
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files that a killed writer left under `folder`; returns how many."""
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if _TEMP_NAME.match(name):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


def inside(outdir: Path, relative: str) -> Path:
    """`outdir / relative`, refusing anything that would land outside `outdir`."""
    target = Path(os.path.normpath(outdir / relative))
    base = Path(os.path.normpath(outdir))
    if target == base or base not in target.parents:
        raise ValueError(f"output path {relative!r} escapes the output folder")
    return target


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def document_json(doc: Document) -> str:
    """Canonical JSON of a document: stable key order, UTF-8, trailing newline."""
    return doc.model_dump_json(indent=2) + "\n"


def write_document(path: Path, doc: Document) -> str:
    """Write the document's canonical JSON; return the sha256 of the bytes written."""
    text = document_json(doc)
    write_text(path, text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_sha256(path: Path) -> str | None:
    """sha256 of a (small) output file, or None when it is missing or unreadable."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with atomic_open(path) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


def _is_missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _column_cells(values: Sequence[Any]) -> list[str]:
    """A column's cells as pandas' `to_csv` writes them, pandas' column types included.

    A column of numbers with a gap is a float column there ("2567.0"), as is any column mixing
    ints and floats; every other value is written as `str` writes it, a gap as nothing.
    """
    present = [v for v in values if not _is_missing(v)]
    numbers = bool(present) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in present
    )
    floats = numbers and (len(present) < len(values) or any(isinstance(v, float) for v in present))
    return ["" if _is_missing(v) else repr(float(v)) if floats else str(v) for v in values]


def write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    """Rows as CSV, byte for byte what `pandas.DataFrame(rows).to_csv` wrote before.

    With the stdlib `csv` module (which pandas writes through): importing pandas costs the
    batch's parent process ~1 CPU-s, more than the rest of its work on most batches.
    """
    cells = [_column_cells([row.get(c) for row in rows]) for c in columns]
    with atomic_open(path) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(zip(*cells, strict=True))


def write_parquet(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    import pandas as pd  # only for --parquet: see write_csv

    frame = pd.DataFrame(list(rows), columns=list(columns))
    with atomic_open(path, "wb") as fh:
        frame.to_parquet(fh, index=False)
