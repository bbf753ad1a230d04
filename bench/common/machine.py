"""What the numbers were measured on, printed next to every table (numbers without a machine
and a date cannot be compared with the next run)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
import subprocess
from dataclasses import asdict, dataclass

import psutil


@dataclass(frozen=True, slots=True)
class Machine:
    """The machine and tools of a benchmark run."""

    cpu: str
    cores: int
    ram_gb: float
    tesseract: str
    pdftotext: str
    python: str
    date: str
    load_avg_1m: float
    """Load at the start of the run: the machine may be shared, this says how busy it was."""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def line(self) -> str:
        """One markdown line describing the machine."""
        return (
            f"{self.cpu}, {self.cores} cores, {self.ram_gb:.0f} GB RAM; tesseract "
            f"{self.tesseract}, pdftotext {self.pdftotext}, Python {self.python}; "
            f"{self.date} (load average {self.load_avg_1m:.1f} at start)"
        )


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(cmd: list[str], pattern: str) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"
    match = re.search(pattern, out.stdout + out.stderr)
    return match.group(1) if match else "unknown"


def describe() -> Machine:
    """Probe the current machine (cheap: two `--version` calls)."""
    return Machine(
        cpu=_cpu_model(),
        cores=os.cpu_count() or 1,
        ram_gb=psutil.virtual_memory().total / 2**30,
        tesseract=_version(["tesseract", "--version"], r"tesseract\s+v?([\d.]+)"),
        pdftotext=_version(["pdftotext", "-v"], r"pdftotext version\s+([\d.]+)"),
        python=platform.python_version(),
        date=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        load_avg_1m=os.getloadavg()[0],
    )
