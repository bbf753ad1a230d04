"""Test setup for the sample corpus: make `samples` (repo root) and the helpers importable."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for path in (ROOT, HERE):  # `samples` is not an installed package; helpers live next to us
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))
