"""Generator of the itadoc sample corpus.

Each `samples/specs/<id>.json` describes one ITA report (memo + attached report + measures table)
once; the generator renders it to PDF variants (text layer, scanned, mixed) and derives the ground
truth (`schemas.Document`) from the same spec, so the two can never drift apart.

Run: `uv run python -m samples.generator [--out DIR] [--only ID ...]`.
"""

from __future__ import annotations

SAMPLES_DIR_NAME = "samples"
