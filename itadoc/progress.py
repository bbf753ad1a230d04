"""Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.

stdout carries data only; progress and the summary go to stderr so `itadoc ... > list.txt` or a
cron log stays clean and readable. Pages are counted as they are read (an OCR page as soon as
its worker returns it), so a single long scan shows movement. The rate and the ETA count only
files read in this run: files skipped as already done would make a resumed run look instant.
"""

from __future__ import annotations

import contextlib
import sys
import time
from typing import Any, TextIO

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm


def _clock(seconds: float) -> str:
    s = int(seconds)
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


class Progress:
    """Counts files (ok, failed, skipped) and pages (text, OCR); renders unless quiet."""

    def __init__(
        self,
        total_files: int,
        *,
        quiet: bool = False,
        stream: TextIO | None = None,
        interval_s: float = 10.0,
    ) -> None:
        self.total = total_files
        self.done = self.failed = self.skipped = 0
        self.pages_text = self.pages_ocr = 0
        self._stream = stream or sys.stderr
        self._quiet = quiet
        self._interval = interval_s
        self._t0 = time.monotonic()
        self._last = self._t0
        self._bar: tqdm[Any] | None = None
        self._redirect: contextlib.ExitStack | None = None
        if not quiet and self._stream.isatty():
            self._bar = tqdm(
                total=total_files,
                unit="file",
                file=self._stream,
                dynamic_ncols=True,
                bar_format="{desc}{percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} files{postfix}",
            )
            self._redirect = contextlib.ExitStack()
            self._redirect.enter_context(logging_redirect_tqdm())

    def add_pages(self, text: int, ocr: int) -> None:
        self.pages_text += text
        self.pages_ocr += ocr
        self.refresh()

    def file_done(self, status: str) -> None:
        self.done += 1
        self.failed += status == "failed"
        self.skipped += status == "skipped"
        if self._bar is not None:
            self._bar.update(1)
        self.refresh(force=self.done == self.total)

    def _rates(self) -> str:
        elapsed = time.monotonic() - self._t0
        pages = self.pages_text + self.pages_ocr
        rate = pages / elapsed if elapsed > 0 else 0.0
        worked = self.done - self.skipped
        left = self.total - self.done
        eta = _clock(elapsed / worked * left) if worked and left else "-" if left else "0s"
        return (
            f"{pages} pages ({self.pages_ocr} OCR), {rate:.2f} pages/s, "
            f"elapsed {_clock(elapsed)}, ETA {eta}"
        )

    def line(self) -> str:
        """The progress as one line of text, for logs and pipes."""
        return (
            f"{self.done}/{self.total} files ({self.failed} failed, {self.skipped} skipped), "
            + self._rates()
        )

    def refresh(self, force: bool = False) -> None:
        if self._quiet:
            return
        now = time.monotonic()
        if self._bar is not None:
            if force or now - self._last >= 0.5:
                self._last = now
                counts = f"{self.failed} failed, {self.skipped} skipped, "
                self._bar.set_postfix_str(counts + self._rates(), refresh=True)
        elif force or now - self._last >= self._interval:
            self._last = now
            print(f"itadoc: {self.line()}", file=self._stream, flush=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
        if self._redirect is not None:
            self._redirect.close()
