"""Helpers shared by the sample-corpus tests (paths, truth loading, spec strings)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from samples.generator.spec import DocSpec
from samples.generator.spec import load_specs as _load

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
EXPECTED = sorted((SAMPLES / "expected").glob("*/*.json"))


def truth_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_specs() -> dict[str, DocSpec]:
    return {s.id: s for s in _load(SAMPLES / "specs")}


def memo_strings(spec: DocSpec) -> list[str]:
    """The memo's header values, body blocks and signature lines, as printed."""
    out = [spec.memo.department, spec.memo.to, *spec.memo.subject.split("\n")]
    out += [b.text for b in spec.memo.blocks if b.text]
    for sig in (b.signature for b in spec.memo.blocks if b.signature):
        out += [f"({sig.name})", *sig.positions]
    return out


def spec_strings(spec: DocSpec) -> list[str]:
    """Strings the document prints once each (memo and table cells), as printed."""
    from samples.generator.table import para_text

    out = memo_strings(spec)
    for m in spec.measures:
        out.append(m.title)
        for key in ("methods", "results", "outcomes", "responsible", "note"):
            out += [para_text(p) for p in getattr(m, key)]
    return out


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def skeleton(text: str) -> str:
    """Thai consonants, Latin letters and digits only: what survives any text-layer breakage."""
    return "".join(re.findall(r"[\u0e01-\u0e2eA-Za-z0-9\u0e50-\u0e59]", text))
