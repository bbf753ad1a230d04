"""`uv run python -m bench.speed [--quick] [--write-readme]`: see `bench.speed.run`."""

from __future__ import annotations

from bench.speed.run import main

main()
