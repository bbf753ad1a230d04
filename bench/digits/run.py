"""The digit benchmark: stock tesseract vs itadoc (tesseract + `ingest.ocr_page.reread_passes`).

Why both in one run: the same tesseract output feeds both columns, so the difference is the
re-reading alone: the digit reader and the Latin word passes around it, as on a page (the
per-line and per-page times include the English passes; the typical-page time is the digit
reader's alone). Lines are read with `--psm 7`, pages with `--psm 3`, through the project's
tesseract wrapper and `ingest.ocr.parse`, exactly as ingest does. Results go to a markdown
table on stdout and to `bench/results/digits.json` (`digits.quick.json` for `--quick`).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any, cast

from bench.common.machine import Machine, describe
from bench.common.readme import write_region
from bench.digits.cases import Case, line_image, page_image
from bench.digits.metrics import Score
from ingest._exec.tesseract import run as tesseract
from ingest._exec.tesseract import run_many
from ingest.digits import ctc, reread
from ingest.digits.model import load
from ingest.ocr import parse
from ingest.ocr_page import reread_passes
from schemas.options import Options
from tools.digits.fonts import HELD_OUT, Face, faces

RESULTS = Path(__file__).resolve().parents[1] / "results"
DPIS = (200, 300)
SEED = 777_000


@dataclass(frozen=True, slots=True)
class Outcome:
    """Texts of one benchmark item, and how long the re-reading took."""

    group: str
    dpi: int
    truth: str
    stock: str
    itadoc: str
    seconds: float
    n_lines: int
    face: str = ""


def _ocr(gray: object, dpi: int, psm: int) -> tuple[str, str, float, int]:
    import numpy as np

    assert isinstance(gray, np.ndarray)
    out = tesseract(gray, language="tha", psm=psm, dpi=dpi)
    lines = parse(out["tsv"], out["txt"])

    def read_each(crops: list[np.ndarray], language: str) -> list[dict[str, str]]:
        return run_many(crops, language=language, psm=7, dpi=dpi)

    t0 = time.perf_counter()
    # what an OCR'd page gets after tesseract: the Latin word passes around the digit reader
    # (the `tha` model reads "O", "No" and "IIT" as digits; only the English passes take
    # them back, and they must not take a number for a Latin word)
    fixed = reread_passes(gray, lines, Options(), read_each)
    dt = time.perf_counter() - t0
    return "\n".join(ln.text for ln in lines), "\n".join(ln.text for ln in fixed), dt, len(lines)


def _line_job(case: Case) -> Outcome:
    gray, truth = line_image(case)
    stock, itadoc, dt, n = _ocr(gray, case.dpi, 7)
    return Outcome(case.group, case.dpi, truth, stock, itadoc, dt, n, case.face.name)


def _page_job(args: tuple[Face, int, int]) -> Outcome:
    face, dpi, seed = args
    gray, truths = page_image(face, dpi, seed)
    stock, itadoc, dt, n = _ocr(gray, dpi, 3)
    return Outcome("page", dpi, "\n".join(truths), stock, itadoc, dt, n, face.name)


EXTRA_GROUP = "training-only"
"""The designs only the CTC network trained on (SIPA fonts, Arundina, Noto Serif Thai): new to
the glyph classifier, which makes most of the decisions; the fonts memos are set in."""
DRAW2_GROUP = "held-out, draw 2"
DRAW2_SEED = 4_242_000
"""A second draw of held-out lines (other text and degradation, the same fonts and recipe).
It was unstudied when its first figures were taken; its misses have since been looked at (rules
of the 2026-11-28 session were written against some of them), so it is no longer a blind check."""
DRAW3_GROUP = "held-out, draw 3"
DRAW3_SEED = 4_343_000
"""A third draw, added when the second had been studied: no rule has been written against its
lines. Of the three, it says best what held-out fonts read like on lines nobody looked at."""
DRAWS = ((DRAW2_GROUP, DRAW2_SEED), (DRAW3_GROUP, DRAW3_SEED))
"""The README run's extra draws of held-out lines, after the default one."""


def cases(quick: bool, base: int = SEED) -> tuple[list[Case], list[tuple[Face, int, int]]]:
    """Every held-out face (regular and bold) and, fewer, every seen face, at 200 and 300 dpi;
    then the training-only designs (EXTRA_GROUP). `base`: the first seed (another draw of
    lines and pages from the same fonts, `--seed`)."""
    held = faces(held_out=True, styles=("Regular", "Bold"))
    # the seen set leaves out the training-only designs: the cases (and their seeds, drawn in
    # sequence) stay those of earlier runs, so figures compare across model versions
    seen = faces(held_out=False, styles=("Regular", "Bold"), extra=False)
    n_held, n_seen = (3, 0) if quick else (70, 8)
    out: list[Case] = []
    seed = base
    for dpi in DPIS:
        for group, fl, n in (("held-out", held, n_held), ("seen", seen, n_seen)):
            for face in fl:
                for _ in range(n):
                    seed += 1
                    out.append(Case(group, face, dpi, seed))
    # after the groups above, so their seeds stay those of earlier runs
    extra = [f for f in faces(held_out=False) if f.extra][: 2 if quick else None]
    n_extra = 1 if quick else 30
    seed = base + 500_000
    for dpi in DPIS:
        for face in extra:
            for _ in range(n_extra):
                seed += 1
                out.append(Case(EXTRA_GROUP, face, dpi, seed))
    if base == SEED:  # the README's run: held-out lines of the other draws too
        for group, seed in DRAWS:
            for dpi in DPIS:
                for face in held:
                    for _ in range(n_held):
                        seed += 1
                        out.append(Case(group, face, dpi, seed))
    page_faces = [f for f in held if f.style == "Regular"]
    pages = (
        [(page_faces[0], 300, base + 1)]
        if quick
        else [(f, dpi, base + 100 * i + dpi) for i, f in enumerate(page_faces) for dpi in DPIS]
    )
    return out, pages


def typical_page_ms(repeat: int = 3) -> dict[str, float | int]:
    """reread time on a typical page (one phrase in ten a number), 300 dpi, best of 3."""
    face = faces(held_out=True, styles=("Regular",))[0]
    gray, _ = page_image(face, 300, SEED + 5, numeric_share=0.1)
    out = tesseract(gray, language="tha", psm=3, dpi=300)
    lines = parse(out["tsv"], out["txt"])
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        reread(gray, lines)
        best = min(best, time.perf_counter() - t0)
    return {"lines": len(lines), "ms": round(1000 * best, 1)}


def table(rows: dict[str, dict[str, dict[str, float | int]]]) -> str:
    head = (
        "| fonts | dpi | lines | digits | tokens | digit acc stock | digit acc itadoc "
        "| token exact stock | token exact itadoc | false digits stock / itadoc "
        "| text CER stock / itadoc |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    out = [head]
    for key, r in rows.items():
        group, dpi = key.rsplit("@", 1)
        s, i = r["stock"], r["itadoc"]

        def pct(row: dict[str, float | int], k: str) -> str:
            return f"{100 * float(row[k]):.2f}%"

        out.append(
            f"| {group} | {dpi} | {s['lines']} | {s['digits']} | {s['tokens']} "
            f"| {pct(s, 'digit_accuracy')} | **{pct(i, 'digit_accuracy')}** "
            f"| {pct(s, 'token_exact')} | **{pct(i, 'token_exact')}** "
            f"| {s['false_digits']} / {i['false_digits']} "
            f"| {pct(s, 'text_cer')} / {pct(i, 'text_cer')} |"
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> dict[str, object]:
    ap = argparse.ArgumentParser(prog="python -m bench.digits", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="a small subset (< 1 minute)")
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--out", type=Path, default=None, help="JSON results file")
    ap.add_argument("--write-readme", action="store_true", help="rewrite README's digits part")
    ap.add_argument(
        "--seed",
        type=int,
        default=SEED,
        help=f"first seed of the draw (default {SEED}, the README's): another draw of lines "
        "from the same fonts, to see how much the figures owe to the draw",
    )
    args = ap.parse_args(argv)
    if args.write_readme and args.seed != SEED:
        ap.error("--write-readme writes the default draw's figures; leave --seed out")
    t0 = time.perf_counter()
    load.cache_clear()
    load()
    ctc.load.cache_clear()
    ctc.load()
    load_ms = (time.perf_counter() - t0) * 1000
    line_cases, page_cases = cases(args.quick, args.seed)
    with get_context("fork").Pool(args.workers) as pool:
        outcomes = pool.map(_line_job, line_cases, chunksize=4)
        outcomes += pool.map(_page_job, page_cases, chunksize=1)
    scores: dict[str, dict[str, Score]] = {}
    times: dict[str, list[float]] = {}
    for o in outcomes:
        key = f"{'page (held-out)' if o.group == 'page' else o.group}@{o.dpi}"
        pair = scores.setdefault(key, {"stock": Score(), "itadoc": Score()})
        pair["stock"].add(o.truth, o.stock)
        pair["itadoc"].add(o.truth, o.itadoc)
        times.setdefault("page" if o.group == "page" else "line", []).append(o.seconds)
    by_face: dict[str, Score] = {}
    for o in outcomes:
        by_face.setdefault(f"{o.face}@{o.dpi}", Score()).add(o.truth, o.itadoc)
    order = sorted(
        scores, key=lambda k: (k.startswith("page"), k.startswith("seen"), "draw" in k, k)
    )
    rows = {k: {n: s.summary() for n, s in scores[k].items()} for k in order}
    result: dict[str, object] = {
        "quick": args.quick,
        "seed": args.seed,
        "held_out_families": list(HELD_OUT),
        "rows": rows,
        "model_load_ms": round(load_ms, 2),
        "reread_ms_per_line": round(1000 * sum(times["line"]) / max(1, len(times["line"])), 3),
        "reread_ms_per_page": [round(1000 * t, 1) for t in times.get("page", [])],
        "page_lines": [o.n_lines for o in outcomes if o.group == "page"],
        "itadoc_by_face": {
            k: {"digit_accuracy": round(v.digit_acc, 4), "token_exact": round(v.exact_rate, 4)}
            for k, v in sorted(by_face.items())
        },
        "itadoc_misses": {k: scores[k]["itadoc"].misses[:15] for k in order},
        "wall_seconds": round(time.perf_counter() - t0, 1),
    }
    result["reread_ms_typical_page"] = typical_page_ms(1 if args.quick else 3)
    md = table(rows)
    print(md)
    print(
        f"\nheld-out families: {', '.join(HELD_OUT)} (regular + bold); model load "
        f"{result['model_load_ms']} ms; reread {result['reread_ms_per_line']} ms/line; "
        f"pages {result['reread_ms_per_page']} ms for {result['page_lines']} lines; "
        f"typical page {result['reread_ms_typical_page']}; {result['wall_seconds']} s wall"
    )
    out = args.out or RESULTS / ("digits.quick.json" if args.quick else "digits.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    result["table"] = md
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_readme:
        write_region("digits", readme_body(result, describe()))
    return result


TARGET_DIGIT, TARGET_TOKEN = 0.995, 0.98
"""The recognizer's targets on held-out fonts (digit accuracy, numeric-token exact match)."""


def readme_body(result: dict[str, Any], machine: Machine) -> str:
    """The README's digits section: method, machine, the table, and the targets' status."""
    rows = cast(dict[str, dict[str, dict[str, float]]], result["rows"])
    status = []
    for group in ("held-out", *(g for g, _ in DRAWS)):
        for dpi in DPIS:
            r = rows.get(f"{group}@{dpi}", {}).get("itadoc")
            if r is None:
                continue
            ok = r["digit_accuracy"] >= TARGET_DIGIT and r["token_exact"] >= TARGET_TOKEN
            status.append(
                f"{group} {dpi} dpi: {100 * r['digit_accuracy']:.2f}% digits, "
                f"{100 * r['token_exact']:.2f}% tokens ({'met' if ok else '**not met**'})"
            )
    quick = " (`--quick` subset)" if result["quick"] else ""
    n_train = len({f.family for f in faces(held_out=False)})
    return f"""tesseract's Thai model cannot output ๔ ๖ ๗ ๘ ๙ (its fast `tha` model lacks them), so
itadoc re-reads every number on an OCR'd page with its own glyph classifier (and the gaps where
tesseract skipped one), and reads again, whole, with a small CTC network the numbers the
classifier was unsure of, found fewer digits in than tesseract, or read differently from
tesseract's Arabic digits, and in small print every number (`ingest/digits`, trained by
`make digits-model` and `make ctc-model` on renders of {n_train} training font families —
TLWG, Sarabun, Kanit, Chakra Petch, Noto Sans and Serif Thai, Arundina and the SIPA national
fonts memos are set in; both models are committed and reproducible). This benchmark renders
lines holding the numbers these reports carry — scores, dates (full and abbreviated),
reference and phone numbers, list numbering, percentages, Arabic digits too — with the Thai
text around them, at 200 and 300 dpi with scan-like degradation, and reads each with stock
tesseract and with itadoc, in one run{quick}. The itadoc reading is what an OCR'd page gets
after tesseract: the digit reader between the two passes that read Latin words again with
tesseract's English model (`ingest.ocr_page.reread_passes`).

- Machine: {machine.line()}.
- Reproduce: `uv run python -m bench.digits --write-readme` ({result["wall_seconds"]} s here);
  details and the misread tokens are in `bench/results/digits.json`.
- *held-out*: font families never seen in training ({", ".join(HELD_OUT)}, regular and bold);
  *seen*: training families (TLWG, Sarabun, Kanit, Chakra Petch, Noto Sans Thai), new text;
  *training-only*: the SIPA national fonts memos are set in (TH Sarabun PSK and New, Niramit,
  Krub, K2D, KoHo, Kodchasal, Fahkwang, Baijam, Chakra Petch, Mali), Arundina and Noto Serif
  Thai: the glyph classifier never saw them, the CTC network trained on them;
  *page*: whole report pages in held-out fonts; *held-out, draw 2* and *draw 3*: other lines
  in the held-out fonts (seeds from {DRAW2_SEED} and {DRAW3_SEED}). The re-reader's rules were
  written against the first draw's misses and, later, a few of the second's; none against the
  third's, which is the blind check (`--seed` draws others).
  *digit acc*: 1 − digit edit distance / truth digits; *token exact*: numeric tokens read
  exactly; *false digits*: digits output where the truth has none.
- Targets (held-out fonts): digit accuracy ≥ 99.5% and token exact match ≥ 98% at 200 and
  300 dpi. This run: {"; ".join(status)}.
- Reproducibility: `make digits-model` run at commit 5b3aa66, where the committed glyph
  classifier was trained, gives the same file bit for bit (checked 2026-11-28). The segmenter
  it trains through has changed since (cuts for a neighbouring line's marks, even cuts in
  blobs); retrained through the segmenter of commit 1f317ec, the same recipe gave a
  classifier that read this benchmark's held-out lines worse with that commit's re-reader
  (97.8% / 98.8% digits at 200 / 300 dpi against 98.5% / 99.2%; another seed 97.6% /
  98.2%), so the committed one stays until a retrain beats it.
  The CTC network's rerun was not checked again.
- Models load in {result["model_load_ms"]} ms; re-reading a typical page costs
  {cast(dict[str, Any], result["reread_ms_typical_page"])["ms"]} ms.

{result["table"]}"""
