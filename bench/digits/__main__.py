"""`uv run python -m bench.digits [--quick]`: see `bench.digits.run`."""

from __future__ import annotations

from bench.digits.run import main

main()
