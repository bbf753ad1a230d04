"""Markdown for the README and the "worst fields / documents" printout.

Kept apart from the scoring so that the definitions in `scoring` can be read (and tested)
without the presentation around them.
"""

from __future__ import annotations

from typing import Any

from bench.accuracy.scoring import METRICS
from bench.common.corpus import VARIANTS
from bench.common.machine import Machine

READERS = ("itadoc", "baseline")
LABELS = {
    "header.date": "header.date (exact)",
    "header.reference_no": "header.reference_no (exact)",
    "assessment.score": "assessment.score (exact)",
    "assessment.fiscal_year_be": "assessment.fiscal_year_be (exact)",
    "assessment.passed": "assessment.passed (exact)",
    "assessment.level": "assessment.level (exact)",
    "organization.name": "organization.name (exact)",
    "organization.district": "organization.district (exact)",
    "organization.province": "organization.province (exact)",
    "header.department": "header.department (similarity)",
    "header.subject": "header.subject (similarity)",
    "header.to": "header.to (similarity)",
    "measures.title": "measures: title (similarity)",
    "measures.methods": "measures: methods (similarity)",
    "measures.results": "measures: results (similarity)",
    "measures.outcomes": "measures: outcomes (similarity)",
    "measures.responsible": "measures: responsible (similarity)",
    "signatories.name": "signatories: name (similarity)",
    "measures.count": "measure count right (share of docs)",
    "digits": "digit accuracy (pooled)",
}
ROWS = (*METRICS, "digits")


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def table(summary: dict[str, dict[str, dict[str, Any]]]) -> str:
    """Metrics as rows; for each variant present, itadoc and baseline side by side (percent)."""
    variants = [v for v in VARIANTS if v in summary["itadoc"]]
    head = "| metric (%) | " + " | ".join(f"{v}: itadoc | {v}: baseline" for v in variants) + " |"
    rule = "|---|" + "---:|" * (2 * len(variants))
    counts = " | ".join(
        f"{summary[r][v]['documents']} ({summary[r][v]['failed']} failed)"
        for v in variants
        for r in READERS
    )
    lines = [head, rule, f"| documents | {counts} |"]
    for metric in ROWS:
        cells = []
        for v in variants:
            vals = [summary[r][v]["scores"][metric] for r in READERS]
            best = max((x for x in vals if x is not None), default=None)
            for x in vals:
                text = _pct(x)
                cells.append(
                    f"**{text}**" if x is not None and x == best and vals[0] != vals[1] else text
                )
        lines.append(f"| {LABELS[metric]} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def readme_body(
    summary: dict[str, dict[str, dict[str, Any]]],
    machine: Machine,
    command: str,
    samples: list[str],
    quick: bool,
    wall_s: float,
    jobs: int,
) -> str:
    """The README region: what was measured, on what, how to reproduce, and the table."""
    scope = (
        f"a **quick subset** of the sample corpus ({', '.join(samples)})"
        if quick
        else f"the whole sample corpus ({len(samples)} PDFs in `samples/pdf/{{text,scan,mixed}}`)"
    )
    return f"""Field accuracy of itadoc next to a **baseline** reader, both measured in the same
run on {scope} against its ground truth (`samples/expected`).

- Machine: {machine.line()}.
- Reproduce: `{command}` ({wall_s:.0f} s here; `make bench-accuracy` runs the same without
  rewriting this section). Per-document, per-field details (values, aligned measures, digit
  errors) are in `bench/results/accuracy{".quick" if quick else ""}.json`.
- **itadoc**: the CLI, `itadoc extract FILES -o DIR --jobs {jobs}`, default options; a document
  it rejects counts as an empty output (every field wrong).
- **baseline**: the same parsers (`itadoc.pipeline.assemble`) fed plain readers: text-layer
  pages from `pdftotext -bbox-layout` (poppler; its lines and words as the page model, in its
  reading order), scanned pages from one plain `tesseract -l tha --psm 3` run on a pdfium render
  at 300 dpi (no orientation fix, deskew, ruling erase or digit re-reading); which pages are
  which is itadoc's own per-page choice (`ingest.extract.decide`), and both get the ruled lines
  `ingest.rulings.detect` finds on a render, so the table parser can run. Documents that do not
  look like an ITA report are rejected by the same rule as itadoc's.
- Scoring: both sides are normalized alike (NFC, Thai digits → Arabic, sara am composed
  (ํา → ำ), whitespace collapsed). *exact*: share of documents with the exact value (null only
  matches null). *similarity*: mean of 1 − normalized Levenshtein distance (rapidfuzz), null
  read as empty. Measures are aligned in table order (monotone alignment maximizing similarity);
  a field's score sums the aligned pairs' similarity over max(#truth, #output) measures, list
  fields compared as their items joined with ` | `. Signatory names are aligned the same way.
  *digit accuracy*: over header.date, assessment.score (2 decimals), fiscal_year_be,
  reference_no and phone, 1 − Σ min(edit distance of the digit strings, truth digits) / Σ truth
  digits. Bold marks the better reader when they differ.

{table(summary)}
"""


def _doc_mean(scores: dict[str, float]) -> float:
    return sum(scores[m] for m in METRICS) / len(METRICS)


def _short(value: Any, n: int = 70) -> str:
    text = "null" if value is None else str(value)
    return text if len(text) <= n else text[: n - 1] + "…"


def _evidence(doc: dict[str, Any], metric: str) -> list[str]:
    """Short "output (truth)" strings showing why `metric` is below 1 for one document."""
    details = doc["details"]
    if metric == "digits":
        return [
            f"{k} {v['pred']!r} (truth {v['truth']!r})"
            for k, v in details["digits"].items()
            if v["errors"]
        ]
    if metric.startswith("measures."):
        m = details["measures"]
        if metric == "measures.count":
            return [f"{m['pred_count']} measures (truth {m['truth_count']})"]
        field = metric.split(".", 1)[1]
        for row in m["pairs"]:
            wrong = row.get("wrong", {}).get(field)
            if wrong:
                return [
                    f"measure {row['truth_index']}: {_short(wrong['pred'])!r} "
                    f"(truth {_short(wrong['truth'])!r})"
                ]
        return [f"{m['pred_count']} measures (truth {m['truth_count']})"]
    d = details[metric]
    return [f"{_short(d['pred'])} (truth {_short(d['truth'])})"]


def worst(result: dict[str, Any], reader: str = "itadoc", n: int = 10, per: int = 4) -> str:
    """The weakest (variant, metric) cells and documents of `reader`, with output vs truth."""
    out = [f"Worst fields ({reader}):"]
    cells = [
        (v, m, s)
        for v, row in result["summary"][reader].items()
        if v in VARIANTS
        for m, s in row["scores"].items()
        if s is not None and s < 1.0
    ]
    docs: dict[str, Any] = result["documents"]
    for variant, metric, score in sorted(cells, key=lambda c: c[2])[:n]:
        out.append(f"  {variant:5} {metric:28} {100 * score:5.1f}%")
        lines = []
        for name, both in docs.items():
            d = both[reader]
            if name.startswith(variant + "/") and (
                (metric == "digits" and d["digits"]["errors"]) or d["scores"].get(metric, 1) < 1
            ):
                lines += [f"{name}: {e}" for e in _evidence(d, metric)]
        out += [f"      {line}" for line in lines[:per]]
        if len(lines) > per:
            out.append(f"      ... and {len(lines) - per} more (see the JSON)")
    ranked = sorted(docs.items(), key=lambda kv: _doc_mean(kv[1][reader]["scores"]))
    out.append(f"Worst documents ({reader}, mean of per-document metrics):")
    for name, both in ranked[:5]:
        err = both[reader].get("error")
        out.append(
            f"  {name:24} {100 * _doc_mean(both[reader]['scores']):5.1f}%"
            + (f"  [failed: {err}]" if err else "")
        )
    return "\n".join(out)
