"""Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.

stdout carries data only; progress and the summary go to stderr so `itadoc ... > list.txt` or a
cron log stays clean and readable.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from tqdm import tqdm


class Progress:
    """Counts files and pages; renders to `stream` unless quiet."""

    def __init__(
        self,
        total_files: int,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        interval_s: float = 10.0,
    ) -> None:
        self.total = total_files
        self.done = self.failed = self.pages = 0
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._interval = interval_s
        self._t0 = time.monotonic()
        self._last = self._t0
        self._bar: tqdm[Any] | None = None
        if not quiet and self._stream.isatty():
            self._bar = tqdm(total=total_files, unit="file", file=self._stream, dynamic_ncols=True)

    def update(self, ok: bool, pages: int) -> None:
        self.done += 1
        self.failed += 0 if ok else 1
        self.pages += pages
        elapsed = time.monotonic() - self._t0
        rate = self.pages / elapsed if elapsed > 0 else 0.0
        if self._bar is not None:
            self._bar.set_postfix(pages=self.pages, failed=self.failed, pages_s=f"{rate:.1f}")
            self._bar.update(1)
        elif not self._quiet and (
            time.monotonic() - self._last >= self._interval or self.done == self.total
        ):
            self._last = time.monotonic()
            eta = (elapsed / self.done) * (self.total - self.done) if self.done else 0.0
            print(
                f"itadoc: {self.done}/{self.total} files ({self.failed} failed), "
                f"{self.pages} pages, "
                f"{rate:.2f} pages/s, elapsed {elapsed:.0f} s, ETA {eta:.0f} s",
                file=self._stream,
                flush=True,
            )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
