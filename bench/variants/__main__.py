"""`uv run python -m bench.variants [--write-readme]`: see `bench.variants.run`."""

from __future__ import annotations

from bench.variants.run import main

main()
