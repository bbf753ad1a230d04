"""`uv run python -m bench.accuracy [--quick] [--write-readme]`: see `bench.accuracy.run`."""

from __future__ import annotations

from bench.accuracy.run import main

main()
