"""The sample corpus as the benchmarks see it: `samples/pdf/<variant>/<id>.pdf` + its truth."""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
VARIANTS = ("text", "scan", "mixed")


@dataclass(frozen=True, slots=True)
class Sample:
    """One PDF of the corpus and where its ground truth is."""

    variant: str
    id: str
    root: Path = SAMPLES
    """The corpus folder (`pdf/`, `expected/`): the bundled samples unless another is given."""

    @property
    def name(self) -> str:
        """`variant/id`, the key used in results and `--only` patterns."""
        return f"{self.variant}/{self.id}"

    @property
    def pdf(self) -> Path:
        return self.root / "pdf" / self.variant / f"{self.id}.pdf"

    @property
    def shown(self) -> str:
        """The path as the truth records it (`source.path`), relative to the repository."""
        return f"samples/pdf/{self.variant}/{self.id}.pdf"

    @property
    def truth_path(self) -> Path:
        return self.root / "expected" / self.variant / f"{self.id}.json"

    def truth(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.truth_path.read_text(encoding="utf-8"))
        return data


def all_samples(root: Path = SAMPLES) -> list[Sample]:
    """Every PDF that has a truth file, in variant then id order."""
    out = []
    for variant in VARIANTS:
        for pdf in sorted((root / "pdf" / variant).glob("*.pdf")):
            sample = Sample(variant, pdf.stem, root)
            if sample.truth_path.exists():
                out.append(sample)
    return out


def select(
    patterns: list[str] | None, default: list[str] | None = None, root: Path = SAMPLES
) -> list[Sample]:
    """Samples whose `variant/id` matches any glob (or prefix) in `patterns` (else `default`)."""
    wanted = patterns or default
    samples = all_samples(root)
    if not wanted:
        return samples
    chosen = [
        s
        for s in samples
        if any(fnmatch.fnmatch(s.name, p) or s.name.startswith(p) for p in wanted)
    ]
    if not chosen:
        raise SystemExit(f"no sample matches {wanted}; names look like text/000_janlan")
    return chosen


def page_modes(sample: Sample) -> list[str]:
    """The truth's page modes ("text"/"ocr"), for counting pages by kind."""
    return [str(p["mode"]) for p in sample.truth()["source"]["pages"]]
