# itadoc — the two commands of the README:
#   make run    install everything, then extract the bundled samples into out/
#   make test   install everything, then run the whole test suite
UV := $(shell command -v uv >/dev/null 2>&1 && echo uv || echo python3 -m uv)
JOBS ?= 2

.PHONY: setup run test lint bench bench-accuracy bench-variants bench-speed bench-digits samples digits-model ctc-model

setup:
	@bash scripts/setup.sh

run: setup
	$(UV) run --frozen itadoc extract samples/pdf -o out --jobs $(JOBS)

test: setup
	$(UV) run --frozen pytest -n $(JOBS) -q

lint:
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy itadoc ingest parsers schemas bench tools tests

bench-accuracy: setup
	$(UV) run --frozen python -m bench.accuracy

bench-variants: setup
	$(UV) run --frozen python -m bench.variants

bench-speed: setup
	$(UV) run --frozen python -m bench.speed

bench-digits: setup
	$(UV) run --frozen python -m bench.digits

bench: bench-accuracy bench-variants bench-speed bench-digits

samples: setup
	$(UV) run --frozen python -m samples.generator

digits-model: setup
	$(UV) run --frozen python -m tools.digits.train

ctc-model: setup
	$(UV) run --frozen --group ctc python -m tools.digits.ctc_train
