# linli — every target sets up what it needs; nothing is installed by hand.
SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
UV_VERSION := 0.13.9
RUN := $(UV) run --frozen
BUF_VERSION := 1.59.0

.PHONY: dev test unit integration e2e lint proto proto-check docs docs-check bench clean setup fmt

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(UV)  ## create .venv from uv.lock
	$(UV) sync --frozen --all-packages --quiet

dev: setup  ## run the whole system with demo data (Ctrl-C stops everything)
	$(RUN) linli dev

test: setup  ## all tests: unit, integration (real broker + Mongo-wire server), e2e
	$(RUN) pytest -q

unit: setup
	$(RUN) pytest -q -m "not integration and not e2e"

lint: setup proto-check docs-check  ## ruff, buf lint, generated code and docs fresh
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	npx --yes @bufbuild/buf@$(BUF_VERSION) lint

fmt: setup
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

proto: setup  ## regenerate libs/linli_proto from proto/
	$(RUN) python tools/gen_protos.py

proto-check: setup
	$(RUN) python tools/gen_protos.py --check

docs: setup  ## regenerate docs/governance.schema.json and docs/governance-reference.md from linli_governance
	$(RUN) python -m linli_governance.docs

docs-check: setup
	$(RUN) python -m linli_governance.docs --check

bench: setup  ## benchmarks → bench/results/latest.json and latest.md
	$(RUN) python bench/run.py

clean:
	rm -rf .linli bench/results/latest.json bench/results/latest.md .pytest_cache .ruff_cache
