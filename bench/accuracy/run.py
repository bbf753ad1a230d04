"""`python -m bench.accuracy`: itadoc and the baseline on the sample corpus, scored per field.

Both readers run in the same invocation on the same files, so the README table always compares
the current itadoc with a baseline measured by the same scoring code (see `scoring` for the
definitions and `baseline` for what the baseline is). Results: a markdown table on stdout (and
in README.md with `--write-readme`), the weakest fields and documents, and
`bench/results/accuracy.json` (`accuracy.quick.json` with `--quick`) with per-document details.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from bench.accuracy import baseline, report
from bench.accuracy.scoring import Aggregate, Doc, score_document
from bench.common.cli import OK_CODES, check_complete, extract_cmd, read_outputs
from bench.common.corpus import ROOT, SAMPLES, Sample, select
from bench.common.machine import describe
from bench.common.readme import write_region
from schemas.options import Options

RESULTS = ROOT / "bench" / "results"
QUICK = ["text/000_janlan", "text/002_banklang", "scan/005_khlonghinpun", "mixed/008_thaphra"]
"""Quick subset: two text-layer profiles, the smallest scan (mojibake layer), a mixed file."""

Outcome = tuple[Doc | None, str | None]
"""A reader's output for one document: the Document as JSON, or None and the error."""


def run_itadoc(samples: list[Sample], options: Options, jobs: int) -> dict[str, Outcome]:
    """`itadoc extract FILES -o TMP --jobs N` (the real CLI, default options) over the samples."""
    if options != Options():
        raise ValueError("the CLI run uses itadoc's default options")
    out: dict[str, Outcome] = {}
    with tempfile.TemporaryDirectory(prefix="bench-accuracy-") as tmp:
        cmd = extract_cmd([str(s.pdf) for s in samples], Path(tmp) / "out", jobs)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
        if proc.returncode not in OK_CODES:
            raise RuntimeError(f"itadoc exited with {proc.returncode}: {proc.stderr[-2000:]}")
        docs, errors = read_outputs(Path(tmp) / "out")
    check_complete(len(samples), docs, errors, proc.stderr)
    for s in samples:
        doc, error = docs.get(str(s.pdf)), errors.get(str(s.pdf))
        if doc is None and error is None:  # never score a lookup mismatch as a failed read
            raise RuntimeError(f"no output for {s.pdf} among {sorted(docs)} / {sorted(errors)}")
        out[s.name] = (doc, error)
    return out


def _read(task: baseline.PageTask, options: Options) -> Any:
    """Worker entry: a baseline page, or the error text (one bad page fails only its doc)."""
    try:
        return baseline.read_page(task, options)
    except Exception as e:  # reported per document, the run goes on
        return f"{type(e).__name__}: {e}"


def run_baseline(samples: list[Sample], options: Options, jobs: int) -> dict[str, Outcome]:
    """The baseline reader over the samples, pages spread over `jobs` processes."""
    from itadoc.pipeline import assemble, looks_like_ita

    tasks = [
        baseline.PageTask(str(s.pdf), i + 1, mode)
        for s in samples
        for i, mode in enumerate(baseline.page_modes(s.pdf, options))
    ]
    order = sorted(range(len(tasks)), key=lambda k: tasks[k].mode != "ocr")  # long pages first
    pages: dict[int, Any] = {}
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        futures = {k: pool.submit(_read, tasks[k], options) for k in order}
        pages = {k: f.result() for k, f in futures.items()}
    out: dict[str, Outcome] = {}
    for s in samples:
        mine = [pages[k] for k, t in enumerate(tasks) if t.pdf == str(s.pdf)]
        errors = [p for p in mine if isinstance(p, str)]
        if errors:
            out[s.name] = (None, errors[0])
            continue
        sha = hashlib.sha256(s.pdf.read_bytes()).hexdigest()
        doc = assemble(s.shown, sha, mine)
        if not looks_like_ita(doc):
            out[s.name] = (None, "segment_not_found: rejected by itadoc's is-it-an-ITA-report rule")
            continue
        out[s.name] = (doc.model_dump(mode="json"), None)
    return out


def score(samples: list[Sample], outputs: dict[str, dict[str, Outcome]]) -> dict[str, Any]:
    """Per-document scores and per-variant (and overall) aggregates for every reader."""
    documents: dict[str, Any] = {}
    summary: dict[str, dict[str, Any]] = {}
    for reader, results in outputs.items():
        aggs: dict[str, Aggregate] = {}
        for s in samples:
            pred, error = results[s.name]
            sc = score_document(s.truth(), pred)
            for key in (s.variant, "all"):
                aggs.setdefault(key, Aggregate()).add(sc, failed=pred is None)
            documents.setdefault(s.name, {})[reader] = {
                "error": error,
                "scores": {k: round(v, 4) for k, v in sc.scores.items()},
                "digits": {"errors": sc.digits.errors, "total": sc.digits.total},
                "details": sc.details,
            }
        summary[reader] = {
            key: {
                "documents": agg.docs,
                "failed": agg.failed,
                "scores": {k: (None if v is None else round(v, 4)) for k, v in agg.means().items()},
                "digits": {"errors": agg.digits.errors, "total": agg.digits.total},
            }
            for key, agg in aggs.items()
        }
    return {"summary": summary, "documents": documents}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m bench.accuracy", description=__doc__)
    ap.add_argument("--quick", action="store_true", help=f"only {', '.join(QUICK)} (~1 min)")
    ap.add_argument("--only", nargs="+", metavar="PATTERN", help="samples, e.g. text/000* scan")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--out", type=Path, default=None, help="JSON results file")
    ap.add_argument("--write-readme", action="store_true", help="rewrite README's accuracy part")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=None,
        help="another corpus (pdf/ and expected/ folders, as `python -m bench.variants` makes)",
    )
    args = ap.parse_args(argv)
    if args.corpus is not None and args.write_readme:
        ap.error("--write-readme describes the bundled samples; `bench.variants` writes its own")
    t0 = time.perf_counter()
    machine = describe()
    samples = select(args.only, QUICK if args.quick else None, args.corpus or SAMPLES)
    options = Options()
    timing: dict[str, float] = {}
    outputs: dict[str, dict[str, Outcome]] = {}
    for reader, fn in (("itadoc", run_itadoc), ("baseline", run_baseline)):
        t = time.perf_counter()
        outputs[reader] = fn(samples, options, args.jobs)
        timing[f"{reader}_s"] = round(time.perf_counter() - t, 1)
    result = score(samples, outputs)
    wall = time.perf_counter() - t0
    timing["wall_s"] = round(wall, 1)
    command = "uv run python -m bench.accuracy" + (" --quick" if args.quick else "")
    names = [s.name for s in samples]
    body = report.readme_body(
        result["summary"], machine, command + " --write-readme", names, args.quick, wall, args.jobs
    )
    result = {
        "quick": args.quick,
        "samples": names,
        "machine": machine.as_dict(),
        "command": command,
        "options": options.model_dump(mode="json"),
        "timing": timing,
        "table": report.table(result["summary"]),
        **result,
    }
    print(result["table"])
    print()
    print(report.worst(result))
    print(f"\n{len(samples)} documents; timing {timing}", file=sys.stderr)
    out = args.out or RESULTS / ("accuracy.quick.json" if args.quick else "accuracy.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_readme:
        write_region("accuracy", body)
    return result
