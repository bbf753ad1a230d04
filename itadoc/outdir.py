"""The output folder as a run sees it: exclusively locked, with a scratch area, swept on entry.

Two runs writing the same OUTDIR would interleave their manifests and overwrite each other's
tables, so a run takes an exclusive `flock` on `OUTDIR/.itadoc/lock` (released by the kernel
however the process ends, even `kill -9`). Workers get their temporary files (tesseract's
output, say) under `OUTDIR/.itadoc/tmp`, so nothing is ever written outside OUTDIR and what a
killed worker left behind is removed by the next run, together with any `.tmp` file a killed
atomic write left beside its target.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from itadoc.output import remove_stale_temps
from schemas.errors import OutputLockedError, OutputUnwritableError

log = logging.getLogger(__name__)

STATE_DIR = ".itadoc"


def scratch_dir(outdir: Path) -> Path:
    return outdir / STATE_DIR / "tmp"


@contextlib.contextmanager
def claimed(outdir: Path) -> Iterator[Path]:
    """Lock `outdir` for this run and clean what an earlier, killed run left; yields scratch."""
    state = outdir / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
        fd = os.open(state / "lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError as e:
        raise OutputUnwritableError(
            f"cannot write to the output folder: {e.strerror or e}", path=str(outdir)
        ) from e
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise OutputLockedError(
                f"another itadoc run (pid {holder}) is writing to this folder; wait for it to "
                "finish or choose another -o",
                path=str(outdir),
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        scratch = scratch_dir(outdir)
        shutil.rmtree(scratch, ignore_errors=True)
        stale = remove_stale_temps(outdir)
        if stale:
            log.info("removed %d temporary files left by an interrupted run", stale)
        scratch.mkdir(parents=True, exist_ok=True)
        try:
            yield scratch
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    finally:
        os.close(fd)
