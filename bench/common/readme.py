"""Rewrite one marked region of README.md, leaving everything else byte for byte.

Several benchmarks (and engineers) own different regions of the same README; each script only
replaces the text between its own `<!-- bench:NAME:start -->` / `<!-- bench:NAME:end -->` pair.
"""

from __future__ import annotations

from pathlib import Path

from bench.common.corpus import ROOT

README = ROOT / "README.md"


def _bounds(text: str, name: str) -> tuple[int, int]:
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    i, j = text.find(start), text.find(end)
    if i < 0 or j < i:
        raise ValueError(f"README has no {start} ... {end} region")
    return i + len(start), j


def region(text: str, name: str) -> str:
    """The current body of region `name` (between its markers)."""
    i, j = _bounds(text, name)
    return text[i:j].strip("\n")


def replace_region(text: str, name: str, body: str) -> str:
    """`text` with the region `name` replaced by `body`; raises if the markers are missing."""
    i, j = _bounds(text, name)
    return text[:i] + "\n" + body.strip("\n") + "\n" + text[j:]


def write_region(name: str, body: str, path: Path = README) -> None:
    """Replace the region in the README file (read, replace, write back at once)."""
    text = path.read_text(encoding="utf-8")
    path.write_text(replace_region(text, name, body), encoding="utf-8")
