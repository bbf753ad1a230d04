"""Fault injection for the batch tests: make a worker crash, hang or bloat on chosen files.

Enabled only through the ITADOC_TEST_FAULTS environment variable of the *parent* process (read
when a batch starts and shipped to its workers), so the real pool, pipes and signals are what
the tests exercise. The spec is a comma-separated list of `KIND@GLOB` (GLOB is matched with
fnmatch against the input path as shown, e.g. `crash@*bad*.pdf`); KIND is one of:

- `crash`: the worker kills itself with SIGSEGV at the start of any task of the file;
- `exit`: the worker exits with status 3 (an `os._exit` inside a C library, say);
- `hang`: the task sleeps forever in Python (a stuck pdfium call; only the pool can stop it);
- `oom`: the task allocates 32 MB more every 20 ms (only the memory watchdog can stop it);
- `slow=S`: every task of the file first sleeps S seconds (to stop a run mid-batch);
- `tesseract_hang`: our tesseract wrapper runs a program that never answers, so the wrapper's
  own per-page timeout must fire;
- `tesseract_fail`: our tesseract wrapper runs a program that exits with status 1.

Everything is patched on our own wrappers (`ingest._exec.tesseract`), never on `subprocess`.
"""

from __future__ import annotations

import fnmatch
import os
import signal
import stat
import sys
import tempfile
import time
from dataclasses import dataclass

ENV_VAR = "ITADOC_TEST_FAULTS"
KINDS = ("crash", "exit", "hang", "oom", "slow", "tesseract_hang", "tesseract_fail")


@dataclass(frozen=True, slots=True)
class Fault:
    kind: str
    glob: str
    arg: float = 0.0


def parse(spec: str) -> tuple[Fault, ...]:
    """Parse an ITADOC_TEST_FAULTS value; raise ValueError on a typo so a test cannot pass
    because its fault silently never fired."""
    faults = []
    for item in filter(None, (s.strip() for s in spec.split(","))):
        what, sep, glob = item.partition("@")
        kind, _, arg = what.partition("=")
        if not sep or kind not in KINDS:
            raise ValueError(f"bad fault {item!r}; expected KIND@GLOB with KIND in {KINDS}")
        faults.append(Fault(kind, glob, float(arg or 0)))
    return tuple(faults)


def from_env() -> tuple[Fault, ...]:
    return parse(os.environ.get(ENV_VAR, ""))


_active: tuple[Fault, ...] = ()
_current = ""


def _matching(kind: str) -> Fault | None:
    for f in _active:
        if f.kind == kind and fnmatch.fnmatch(_current, f.glob):
            return f
    return None


def _fake_tesseract(body: str) -> str:
    fd, path = tempfile.mkstemp(prefix="itadoc-fake-tesseract-", suffix=".sh")
    with os.fdopen(fd, "w") as fh:
        fh.write(f"#!/bin/sh\n{body}\n")
    os.chmod(path, stat.S_IRWXU)
    return path


def install(faults: tuple[Fault, ...]) -> None:
    """Called once in each worker: patch our tesseract wrapper if a tesseract fault is set."""
    global _active
    _active = faults
    if not any(f.kind.startswith("tesseract_") for f in faults):
        return
    from ingest._exec import tesseract

    real = tesseract._command
    hang, fail = _fake_tesseract("exec sleep 3600"), _fake_tesseract("exit 1")

    def command() -> str:
        if _matching("tesseract_hang"):
            return hang
        return fail if _matching("tesseract_fail") else real()

    tesseract._command = command


def enter(shown: str) -> None:
    """Called at the start of each task: fire the faults that match this file."""
    global _current
    _current = shown
    if not _active:
        return
    slow = _matching("slow")
    if slow:
        time.sleep(slow.arg)
    if _matching("crash"):
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
    if _matching("exit"):
        os._exit(3)
    if _matching("hang"):
        while True:
            time.sleep(3600)
    if _matching("oom"):
        hoard = []
        for _ in range(4096 // 32):
            hoard.append(b"\x01" * (32 << 20))
            time.sleep(0.02)
        time.sleep(3600)
