"""The `itadoc` command line: extract, schema, validate.

Only this module turns errors into exit codes and decides what reaches the terminal: data on
stdout, progress, warnings and the summary on stderr, tracebacks only with -v.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from pydantic import ValidationError

from itadoc import __version__
from schemas.document import Document
from schemas.errors import ExitCode, ItadocError, MissingDependencyError
from schemas.options import Options

if TYPE_CHECKING:
    from itadoc.summary import BatchSummary

log = logging.getLogger("itadoc")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="itadoc",
        description=(
            "Turn Thai ITA report PDFs (text-layer or scanned) into validated JSON and CSV."
        ),
    )
    p.add_argument("--version", action="version", version=f"itadoc {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="read PDFs into OUTDIR (JSON per document, CSV, errors)")
    ex.add_argument("inputs", nargs="+", metavar="INPUT", help="PDF files and/or folders")
    ex.add_argument("-o", "--output", required=True, type=Path, metavar="OUTDIR")
    ex.add_argument(
        "--jobs", "-j", type=int, default=None, help="worker processes (default: cores)"
    )
    verbosity = ex.add_mutually_exclusive_group()
    verbosity.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    verbosity.add_argument("-v", "--verbose", action="count", default=0, help="log files and pages")
    ex.add_argument(
        "--text-layer",
        choices=["auto", "ocr", "text"],
        default="auto",
        help="auto: per page, text layer when usable else OCR (default)",
    )
    ex.add_argument("--ocr-dpi", type=int, default=300, help="render resolution for OCR (300)")
    ex.add_argument("--ocr-language", default="tha", help="tesseract languages (tha)")
    ex.add_argument(
        "--no-thai-digits",
        action="store_true",
        help="do not re-read Thai digits with itadoc's recognizer",
    )
    ex.add_argument(
        "--no-latin-words",
        action="store_true",
        help="do not re-read Latin words (ITA, OIT) with tesseract's English model",
    )
    ex.add_argument(
        "--page-timeout",
        type=float,
        default=120.0,
        help="seconds for each tesseract run on a page (a whole page task: 3x) (120)",
    )
    ex.add_argument(
        "--file-timeout", type=float, default=1800.0, help="seconds per file, wall clock (1800)"
    )
    ex.add_argument("--max-pages", type=int, default=500, help="refuse longer PDFs")
    ex.add_argument(
        "--max-page-pixels",
        type=int,
        default=60_000_000,
        help="refuse to render larger pages, or images over 4x this (decompression bombs)",
    )
    batch = ex.add_argument_group("batch runs")
    batch.add_argument(
        "--force",
        action="store_true",
        help="read every input again, even those OUTDIR/manifest.jsonl says are done",
    )
    batch.add_argument(
        "--max-memory-mb",
        type=int,
        default=None,
        help="stop a worker (with its tesseract) above this RSS; the file fails with "
        "memory_limit (default: 75%% of RAM / jobs, at most 4096)",
    )
    batch.add_argument(
        "--max-tasks-per-worker",
        type=int,
        default=200,
        help="replace a worker after this many files or OCR pages (200)",
    )
    ex.add_argument("--parquet", action="store_true", help="also write documents/measures.parquet")
    ex.add_argument(
        "--debug-dir", type=Path, default=None, help="write page images, OCR data and overlays here"
    )

    sub.add_parser("schema", help="print the JSON Schema of the output documents")
    va = sub.add_parser("validate", help="check JSON documents against the schema")
    va.add_argument("files", nargs="+", type=Path, metavar="FILE.json")
    return p


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if not verbose else logging.INFO if verbose == 1 else logging.DEBUG
    if quiet:
        level = logging.ERROR
    logging.basicConfig(
        level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )


def _extract(args: argparse.Namespace) -> int:
    from itadoc.workers import prestart

    if args.jobs is not None and args.jobs < 1:
        print("itadoc: --jobs must be at least 1", file=sys.stderr)
        return ExitCode.BAD_ARGS
    try:
        options = Options(
            text_layer=args.text_layer,
            ocr_dpi=args.ocr_dpi,
            ocr_language=args.ocr_language,
            thai_digits=not args.no_thai_digits,
            latin_words=not args.no_latin_words,
            page_timeout_s=args.page_timeout,
            file_timeout_s=args.file_timeout,
            max_pages=args.max_pages,
            max_page_pixels=args.max_page_pixels,
            max_memory_mb=args.max_memory_mb,
            max_tasks_per_worker=args.max_tasks_per_worker,
            debug_dir=args.debug_dir,
        )
    except ValidationError as e:
        for err in e.errors():
            print(f"itadoc: option {'.'.join(map(str, err['loc']))}: {err['msg']}", file=sys.stderr)
        return ExitCode.BAD_ARGS
    prestart(("itadoc.warmup",))  # the workers' imports warm up on another core meanwhile
    from itadoc.batch import run_batch

    if options.text_layer != "text":
        from ingest._exec import tesseract

        tesseract.probe(options.tesseract_languages)
    summary = run_batch(
        args.inputs,
        args.output,
        options,
        jobs=args.jobs,
        force=args.force,
        quiet=args.quiet,
        parquet=args.parquet,
    )
    if not args.quiet:
        _print_summary(summary, args.output)
    return summary.exit_code


def _print_summary(summary: BatchSummary, outdir: Path) -> None:
    s = summary
    dup = f", {s.duplicates} duplicates" if s.duplicates else ""
    print(
        f"itadoc: {s.documents_ok} documents written, {s.documents_skipped} skipped (already "
        f"done), {s.documents_failed} failed{dup}; pages read: {s.pages_text} text, "
        f"{s.pages_ocr} OCR; {s.elapsed_s:.1f} s ({s.pages_per_s:.2f} pages/s) → {outdir}",
        file=sys.stderr,
    )
    if s.warnings:
        counts = ", ".join(f"{code} {n}" for code, n in s.warnings.items())
        print(f"itadoc: warnings: {counts}", file=sys.stderr)
    if s.errors:
        counts = ", ".join(f"{code} {n}" for code, n in s.errors.items())
        print(f"itadoc: errors: {counts}; see {outdir / 'errors.jsonl'}", file=sys.stderr)


def _validate(files: list[Path]) -> int:
    bad = 0
    for path in files:
        try:
            Document.model_validate_json(path.read_bytes())
        except OSError as e:
            print(f"{path}: cannot read: {e.strerror}", file=sys.stderr)
            bad += 1
        except ValidationError as e:
            bad += 1
            for err in e.errors():
                loc = ".".join(str(x) for x in err["loc"])
                print(f"{path}: {loc}: {err['msg']}", file=sys.stderr)
        else:
            print(f"{path}: ok")
    return ExitCode.INVALID_OUTPUT if bad else ExitCode.OK


class Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C so the batch stops its workers and writes what is
    done (the tables, run.json) before the process exits."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(signum)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    previous = {}
    if threading.current_thread() is threading.main_thread():
        previous = {s: signal.signal(s, _raise_terminated) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        return _main(args)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _main(args: argparse.Namespace) -> int:
    verbose = getattr(args, "verbose", 0)
    _setup_logging(verbose, getattr(args, "quiet", False))
    try:
        if args.command == "schema":
            print(json.dumps(Document.model_json_schema(), ensure_ascii=False, indent=2))
            return ExitCode.OK
        if args.command == "validate":
            return _validate(args.files)
        return _extract(args)
    except MissingDependencyError as e:
        print(f"itadoc: {e}", file=sys.stderr)
        return e.exit_code
    except ItadocError as e:
        if verbose:
            log.exception("failed")
        print(f"itadoc: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt as e:
        print(
            "itadoc: interrupted; finished documents are kept, rerun the same command to "
            "complete the batch",
            file=sys.stderr,
        )
        return 128 + e.signum if isinstance(e, Terminated) else ExitCode.INTERRUPTED
    except BrokenPipeError:
        # stdout closed early (`itadoc schema | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return ExitCode.OK
    except OSError as e:  # the run's own files (tables, manifest) could not be written
        if verbose:
            log.exception("failed")
        print(f"itadoc: cannot write the output: {e}", file=sys.stderr)
        return ExitCode.OUTPUT_UNWRITABLE


if __name__ == "__main__":
    sys.exit(main())
