"""Turn the command line's INPUT... into a list of PDFs and their output locations.

Folders are searched recursively for *.pdf (any case), following no directory symlinks (so a
symlink loop cannot trap the walk); a file symlink is kept and judged when it is read. A
sub-folder that cannot be listed is reported, never silently skipped. Output keys mirror the
inputs' folders below their common ancestor, so `a/report.pdf` and `b/report.pdf` become
`a/report.json` and `b/report.json`. A key that would collide with one of itadoc's own files
in OUTDIR (`run.pdf` → `run.json`) or with another key on a case-insensitive file system gets a
`~2` suffix; a top-level folder named like itadoc's own `.itadoc/` gets a `_` prefix.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from schemas.errors import InputError, InputUnreadableError, ItadocError, NoPdfFoundError

RESERVED_KEYS = frozenset({"run"})
"""Keys whose JSON would overwrite a file of the run itself (`run.json`)."""
RESERVED_TOP = frozenset({".itadoc"})
"""Top-level folder names itadoc uses inside OUTDIR."""


@dataclass(frozen=True, slots=True)
class InputFile:
    path: Path
    shown: str
    key: str
    """Output name without extension, relative to OUTDIR (e.g. "text/000_janlan")."""


@dataclass(frozen=True, slots=True)
class Discovery:
    files: list[InputFile]
    errors: list[ItadocError]
    """Inputs that produced no file at all (missing path, folder without PDFs)."""


def _walk(folder: Path, errors: list[ItadocError]) -> list[Path]:
    def unreadable(e: OSError) -> None:
        errors.append(
            InputUnreadableError(
                f"cannot list this folder ({e.strerror}); its PDFs were not read",
                path=e.filename if isinstance(e.filename, str) else str(folder),
            )
        )

    found = []
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=unreadable):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(".pdf") and not name.startswith("."):
                found.append(Path(root) / name)
    return found


def _common_root(paths: list[Path]) -> Path:
    parents = [p.parent for p in paths]
    try:
        return Path(os.path.commonpath([str(p) for p in parents]))
    except ValueError:  # different drives
        return Path(parents[0].anchor)


def discover(inputs: list[str]) -> Discovery:
    """PDFs under the given files and folders, deduplicated by path, in a stable order."""
    pairs: list[tuple[Path, str]] = []
    errors: list[ItadocError] = []
    for raw in inputs:
        p = Path(raw)
        if p.is_dir():
            before = len(errors)
            pdfs = _walk(p, errors)
            if not pdfs and len(errors) == before:
                errors.append(NoPdfFoundError("the folder contains no *.pdf files", path=raw))
            pairs += [(f, str(f)) for f in pdfs]
        elif p.exists() or p.is_symlink():
            pairs.append((p, raw))
        else:
            errors.append(InputError("no such file or folder; check the path", path=raw))
    seen: set[Path] = set()
    unique: list[tuple[Path, str]] = []
    for path, shown in pairs:
        real = Path(os.path.abspath(path))
        if real not in seen:
            seen.add(real)
            unique.append((real, shown))
    if not unique:
        return Discovery([], errors)
    root = _common_root([p for p, _ in unique])
    files = []
    used: set[str] = set()
    for real, shown in unique:
        base = real.relative_to(root).with_suffix("").as_posix()
        if base.split("/", 1)[0].lower() in RESERVED_TOP:
            base = "_" + base
        key, n = base, 2
        while key.lower() in used or key.lower() in RESERVED_KEYS:  # case-insensitive FS too
            key = f"{base}~{n}"
            n += 1
        used.add(key.lower())
        files.append(InputFile(path=real, shown=shown, key=key))
    return Discovery(files, errors)
