"""The run manifest, `OUTDIR/manifest.jsonl`: what each input became, so a rerun can resume.

One JSON record per line, appended (and fsynced) as each input finishes; the last record of a
key wins. Appending rather than rewriting keeps the cost per file constant on a 10,000-file
archive, and a run killed mid-write leaves at most one torn last line, which loading skips.
At the end of every run (also an interrupted one) the file is compacted: one record per key,
sorted, written atomically.

A record is reused ("done and valid") only if all of these hold, otherwise the input is read
again: status ok; same input sha256; same itadoc version, schema version and reading options
(`options_fingerprint`); and `<key>.json` still exists with the sha256 recorded when it was
written. Failed inputs are always retried. To avoid re-hashing a large archive on every rerun,
an input's sha256 is taken from its record while its size, mtime and inode are unchanged (the
rule make and rsync use); `--force` ignores the manifest entirely.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itadoc import __version__
from itadoc.output import file_sha256, write_jsonl
from schemas.document import SCHEMA_VERSION
from schemas.options import Options

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.jsonl"
FORMAT = 1
NOT_READING = frozenset(
    {
        "page_timeout_s",
        "file_timeout_s",
        "max_pages",
        "max_page_pixels",
        "max_memory_mb",
        "max_tasks_per_worker",
        "debug_dir",
    }
)
"""Options that decide whether or how fast a file is read, never what a document says; every
other option (including ones added later) is part of the fingerprint."""


def options_fingerprint(options: Options) -> str:
    """A short hash of the options that change what a document contains."""
    reading = {k: v for k, v in options.model_dump(mode="json").items() if k not in NOT_READING}
    payload = json.dumps(reading, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    """The last known outcome for one input key."""

    key: str
    path: str
    status: str
    """"ok" (its JSON was written) or "failed"."""
    sha256: str | None
    size: int | None
    mtime_ns: int | None
    inode: int | None
    itadoc_version: str
    schema_version: str
    options: str
    code: str | None = None
    message: str | None = None
    page: int | None = None
    json_sha256: str | None = None
    pages_text: int = 0
    pages_ocr: int = 0
    warning_codes: tuple[str, ...] = ()
    duplicate_of: str | None = None
    elapsed_s: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, **dataclasses.asdict(self)}

    @classmethod
    def from_json(cls, rec: dict[str, Any]) -> Entry | None:
        if rec.pop("format", None) != FORMAT:
            return None
        try:
            rec["warning_codes"] = tuple(rec.get("warning_codes") or ())
            return cls(**rec)
        except TypeError:
            return None


class Manifest:
    """The manifest of one OUTDIR, open for appending while a run holds the OUTDIR lock."""

    def __init__(self, outdir: Path, options: Options, *, force: bool = False) -> None:
        self.outdir = outdir
        self.path = outdir / MANIFEST_NAME
        self.fingerprint = options_fingerprint(options)
        self.force = force
        self.entries: dict[str, Entry] = self._load()
        self._fh = self.path.open("a", encoding="utf-8")

    def _load(self) -> dict[str, Entry]:
        entries: dict[str, Entry] = {}
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return entries
        for n, line in enumerate(text.splitlines(), 1):
            try:
                entry = Entry.from_json(json.loads(line))
            except (json.JSONDecodeError, AttributeError):
                entry = None
            if entry is None:
                log.debug("%s line %d: unreadable record skipped", self.path, n)
                continue
            entries[entry.key] = entry
        return entries

    def entry(
        self,
        key: str,
        path: str,
        status: str,
        stat: os.stat_result | None,
        sha256: str | None,
        **fields: Any,
    ) -> Entry:
        """A new record for `key` under this run's versions and options."""
        return Entry(
            key=key,
            path=path,
            status=status,
            sha256=sha256,
            size=stat.st_size if stat else None,
            mtime_ns=stat.st_mtime_ns if stat else None,
            inode=stat.st_ino if stat else None,
            itadoc_version=__version__,
            schema_version=SCHEMA_VERSION,
            options=self.fingerprint,
            **fields,
        )

    def cached_sha256(self, key: str, stat: os.stat_result) -> str | None:
        """The recorded sha256 of the input while its size, mtime and inode are unchanged."""
        e = self.entries.get(key)
        if self.force or e is None or e.sha256 is None:
            return None
        same = (e.size, e.mtime_ns, e.inode) == (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        return e.sha256 if same else None

    def done(self, key: str, sha256: str) -> Entry | None:
        """The record of `key` if its JSON is done and valid for this input and run."""
        e = self.entries.get(key)
        if (
            self.force
            or e is None
            or e.status != "ok"
            or e.sha256 != sha256
            or e.itadoc_version != __version__
            or e.schema_version != SCHEMA_VERSION
            or e.options != self.fingerprint
            or e.json_sha256 is None
        ):
            return None
        if file_sha256(self.outdir / f"{key}.json") != e.json_sha256:
            log.info("%s: its JSON is missing or was changed since it was written; redoing", key)
            return None
        return e

    def record(self, entry: Entry) -> None:
        """Append `entry` durably: once this returns, a crash cannot lose it."""
        self.entries[entry.key] = entry
        self._fh.write(json.dumps(entry.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
        self._fh.flush()
        os.fsync(self._fh.fileno())

    def close(self) -> None:
        """Compact the journal to one record per key and close it."""
        with contextlib.suppress(OSError):
            self._fh.close()
        write_jsonl(self.path, (self.entries[k].to_json() for k in sorted(self.entries)))
