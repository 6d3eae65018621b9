# The two commands of the README, and the steps they are made of.
# Needs only python3, make and git: everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PLUGINS := $(wildcard plugins/*/pyproject.toml)
EXAMPLE := examples/gr-projects.json

.PHONY: demo test test-thorough lint typecheck unit docs schemas bench bench-projektbanken bench-report screenshots fuzz clean

$(STAMP): pyproject.toml $(PLUGINS)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' $(foreach p,$(PLUGINS),-e $(dir $(p)))
	touch $(STAMP)

## demo: validate the bundled example data and summarise it
demo: $(STAMP)
	$(BIN)/grprojects validate $(EXAMPLE)
	$(BIN)/grprojects summary $(EXAMPLE)

## test: lint, type-check, run every test and build the docs with warnings as errors
test: lint typecheck unit docs

lint: $(STAMP)
	$(BIN)/ruff check src tests plugins benchmarks docs
	$(BIN)/ruff format --check src tests plugins benchmarks docs

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q -n auto

## test-thorough: the property tests with 1,000 fresh random examples each (about 15 minutes)
test-thorough: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m pytest -q -n auto

docs: $(STAMP)
	$(BIN)/sphinx-build -q -W --keep-going -b html docs docs/_build/html

## schemas: regenerate the published schemas from the model
schemas: $(STAMP)
	$(BIN)/python -c 'from pathlib import Path; from grprojects.schema import publish; print(*publish(Path(".")), sep="\n")'

## screenshots: photograph the example's report site for the docs (needs chromium)
screenshots: $(STAMP)
	$(BIN)/python -m tests.site.screenshots docs/report

## bench-report: time the report site of 1,000 generated projects, and its index in a browser
bench-report: $(STAMP)
	$(BIN)/python benchmarks/report.py

## bench-projektbanken: time and memory of importing 10,000 generated project-bank records
bench-projektbanken: $(STAMP)
	$(BIN)/python plugins/grprojects-projectbanks/benchmarks/projektbanken.py 10000

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/run.py --scale 10000 100000 --records 100000 --exports 100000

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache

## fuzz: feed each of the 13 reader targets 12,500 mutated inputs and each exporter 500 datasets
fuzz: $(STAMP)
	GRPROJECTS_FUZZ=$${GRPROJECTS_FUZZ:-12500} $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz -k readers
	GRPROJECTS_FUZZ=$${GRPROJECTS_FUZZ_EXPORTS:-500} $(BIN)/python -m pytest -q -p no:cacheprovider tests/fuzz -k exporters
