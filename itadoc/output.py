"""Atomic output files: a reader (or a crash) never sees a half-written JSON or CSV.

Every file is written to a temporary file in the same directory, flushed and fsynced, then
renamed over the target (`os.replace` is atomic on POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pandas as pd

from schemas.document import Document


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
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_text(path: Path, text: str) -> None:
    with atomic_open(path) as fh:
        fh.write(text)


def document_json(doc: Document) -> str:
    """Canonical JSON of a document: stable key order, UTF-8, trailing newline."""
    return doc.model_dump_json(indent=2) + "\n"


def write_document(path: Path, doc: Document) -> None:
    write_text(path, document_json(doc))


def write_jsonl(path: Path, records: Iterable[dict[str, Any]]) -> None:
    with atomic_open(path) as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


def write_csv(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    with atomic_open(path) as fh:
        frame.to_csv(fh, index=False, lineterminator="\n")


def write_parquet(path: Path, rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    frame = pd.DataFrame(list(rows), columns=list(columns))
    with atomic_open(path, "wb") as fh:
        frame.to_parquet(fh, index=False)
