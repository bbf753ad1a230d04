"""`python -m bench.speed`: itadoc's CLI against bare pdftotext / tesseract, in one run.

Everything is measured in one invocation, one command after another, so the ratios compare runs
made minutes apart under the same load (the machine is shared; absolute numbers drift, ratios
hold much better). Workloads:

- text-layer PDFs: `itadoc extract --jobs 1` vs `pdftotext FILE OUT.txt` on the same files;
- scanned PDFs: `itadoc extract --jobs 1` vs bare `tesseract PAGE.png OUT -l tha --dpi 300`
  (`OMP_THREAD_LIMIT=1`) on the same pages rendered once, untimed, with pypdfium2 at itadoc's
  dpi; then `--jobs 2` on the same batch (target: ≥ 1.8× the `--jobs 1` throughput);
- scaling: batches of 1, 10 and 50 distinct documents (sample copies) with `--jobs 2`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import cv2
import pypdfium2 as pdfium

from bench.common.cli import OK_CODES, check_complete, extract_cmd, read_outputs
from bench.common.corpus import ROOT, Sample, select
from bench.common.machine import Machine, describe
from bench.common.readme import write_region
from bench.speed import report
from bench.speed.measure import Usage, combine, measure
from ingest.render import render_gray
from schemas.options import Options

RESULTS = ROOT / "bench" / "results"
TEXT = {"full": ["text/"], "quick": ["text/000_janlan", "text/002_banklang"]}
SCAN = {
    "full": ["scan/"],
    "quick": ["scan/005_khlonghinpun"],
}
"""Scanned batch: every scanned sample (JPEG and 1-bit, 200-300 dpi, skew, noise, stamps, a
sideways table page): a batch long enough that start-up is not most of what `--jobs` scales."""
SCALING = {"full": (1, 10, 50, 500), "quick": (1, 9)}
"""Batch sizes; quick stops before the first scan of the mix."""
SCALING_SCAN = "scan/003_chumphae"
"""Scaling mix: the nine text-layer samples in turn, and this 5-page scan as every 10th file."""


def page_count(pdf: Path) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        return len(doc)
    finally:
        doc.close()


def record(label: str, usage: Usage, docs: int, pages: int, **extra: Any) -> dict[str, Any]:
    """One measured row: raw usage plus the per-page rates the tables show."""
    return {
        "label": label,
        "documents": docs,
        "pages": pages,
        "pages_per_s": round(pages / usage.wall_s, 3) if usage.wall_s else None,
        "cpu_s_per_page": round(usage.cpu_s / pages, 3) if pages else None,
        "cores_used": round(usage.cpu_s / usage.wall_s, 2) if usage.wall_s else None,
        "load_1m_after": round(os.getloadavg()[0], 2),
        "usage": usage.as_dict(),
        **extra,
    }


def run_itadoc(label: str, inputs: list[Path], jobs: int, work: Path) -> dict[str, Any]:
    """The real CLI on `inputs` (files or folders) with `--jobs`, read back from its outputs."""
    out = Path(tempfile.mkdtemp(prefix="out-", dir=work))
    pdfs = [p for i in inputs for p in (sorted(i.glob("*.pdf")) if i.is_dir() else [i])]
    log = work / f"{out.name}.stderr"
    cmd = extract_cmd([str(i) for i in inputs], out, jobs)
    usage = measure(cmd, ok_codes=OK_CODES, stderr_path=log)
    docs, errors = read_outputs(out)
    check_complete(len(pdfs), docs, errors, log.read_text(encoding="utf-8", errors="replace"))
    pages = sum(page_count(p) for p in pdfs)
    ocr = sum(1 for d in docs.values() for p in d["source"]["pages"] if p["mode"] == "ocr")
    return record(
        label,
        usage,
        len(pdfs),
        pages,
        jobs=jobs,
        pages_text=pages - ocr,
        pages_ocr=ocr,
        failed=len(pdfs) - len(docs),
        errors=sorted(set(errors.values())),
    )


def run_pdftotext(samples: list[Sample], work: Path) -> dict[str, Any]:
    """`pdftotext FILE OUT.txt` per file, one after another."""
    usages = [measure(["pdftotext", str(s.pdf), str(work / f"{s.id}.txt")]) for s in samples]
    pages = sum(page_count(s.pdf) for s in samples)
    return record("pdftotext", combine(usages), len(samples), pages)


def render_pages(samples: list[Sample], dpi: int, work: Path) -> list[Path]:
    """Every page as a grayscale PNG at `dpi` (pdfium, like itadoc); not part of any timing."""
    out = []
    options = Options()
    for s in samples:
        doc = pdfium.PdfDocument(str(s.pdf))
        try:
            for i in range(len(doc)):
                page = doc[i]
                gray = render_gray(page, dpi, max_pixels=options.max_page_pixels)
                page.close()
                path = work / f"{s.variant}_{s.id}_p{i + 1}.png"
                cv2.imwrite(str(path), gray, [cv2.IMWRITE_PNG_COMPRESSION, 1])
                out.append(path)
        finally:
            doc.close()
    return out


def run_tesseract(pngs: list[Path], dpi: int, docs: int) -> dict[str, Any]:
    """Bare tesseract, one page after another, single-threaded like itadoc's calls."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    usages = [
        measure(
            ["tesseract", str(p), str(p.with_suffix("")), "-l", "tha", "--dpi", str(dpi)], env=env
        )
        for p in pngs
    ]
    return record("tesseract", combine(usages), docs, len(pngs))


def scaling_batch(n: int, text: list[Sample], work: Path) -> Path:
    """A folder of `n` PDFs cycling through the text samples, every 10th the scan.

    Each is a copy with a unique comment appended after `%%EOF` (readers ignore it): itadoc
    reads identical inputs of one run only once, so symlinks or plain copies would not cost
    what `n` different reports cost.
    """
    folder = work / f"batch-{n}"
    folder.mkdir()
    scan = select([SCALING_SCAN])[0]
    for i in range(n):
        s = scan if i % 10 == 9 else text[(i - i // 10) % len(text)]
        data = s.pdf.read_bytes() + f"\n% bench.speed copy {i}\n".encode()
        (folder / f"{i:03d}_{s.variant}_{s.id}.pdf").write_bytes(data)
    return folder


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(prog="python -m bench.speed", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="small batches (~1 min)")
    ap.add_argument("--out", type=Path, default=None, help="JSON results file")
    ap.add_argument("--write-readme", action="store_true", help="rewrite README's speed part")
    ap.add_argument(
        "--from-json",
        type=Path,
        default=None,
        help="no measuring: rewrite README's speed part from a results file of an earlier run",
    )
    args = ap.parse_args(argv)
    if args.from_json is not None:
        saved: dict[str, Any] = json.loads(args.from_json.read_text(encoding="utf-8"))
        body = report.readme_body(
            saved, Machine(**saved["machine"]), saved["command"] + " --write-readme"
        )
        write_region("speed", body)
        return saved
    mode = "quick" if args.quick else "full"
    t0 = time.perf_counter()
    machine = describe()
    dpi = Options().ocr_dpi
    text, scan = select(TEXT[mode]), select(SCAN[mode])
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="bench-speed-") as tmp:
        work = Path(tmp)
        rows["text_itadoc"] = run_itadoc("itadoc --jobs 1", [s.pdf for s in text], 1, work)
        rows["text_baseline"] = run_pdftotext(text, work)
        pngs = render_pages(scan, dpi, work)
        rows["scan_baseline"] = run_tesseract(pngs, dpi, len(scan))
        rows["scan_itadoc"] = run_itadoc("itadoc --jobs 1", [s.pdf for s in scan], 1, work)
        rows["scan_itadoc_j2"] = run_itadoc("itadoc --jobs 2", [s.pdf for s in scan], 2, work)
        scaling = []
        for n in SCALING[mode]:
            folder = scaling_batch(n, select(TEXT["full"]), work)
            label = f"{n} document{'s' if n > 1 else ''}"
            scaling.append(run_itadoc(label, [folder], 2, work))
    wall = time.perf_counter() - t0
    command = "uv run python -m bench.speed" + (" --quick" if args.quick else "")
    result: dict[str, Any] = {
        "quick": args.quick,
        "machine": machine.as_dict(),
        "command": command,
        "dpi": dpi,
        "samples": {"text": [s.name for s in text], "scan": [s.name for s in scan]},
        "scaling_mix": {"text": TEXT["full"], "scan_every_10th": SCALING_SCAN},
        "rows": rows,
        "scaling": scaling,
        "ratios": report.ratios(rows),
        "wall_s": round(wall, 1),
    }
    result["tables"] = report.tables(result)
    print(result["tables"])
    print(f"\nwhole run {wall:.0f} s", file=sys.stderr)
    out = args.out or RESULTS / ("speed.quick.json" if args.quick else "speed.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.write_readme:
        write_region("speed", report.readme_body(result, machine, command + " --write-readme"))
    return result
