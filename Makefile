# tarikh: start with `make help`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORY ?= stories/demo.toml
DATASETS ?= datasets
STATE ?= state
SQL ?= select value, summary from events order by date_start
JOBS ?= 2

.DEFAULT_GOAL := help
.PHONY: help crawl query timeline download test lint typecheck unit bench clean venv

help: ## Show the targets and what they do
	@echo "tarikh: dated, sourced event timelines from Arabic news"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 20
	@echo
	@echo "Variables: STORY=$(STORY) DATASETS=$(DATASETS) STATE=$(STATE)"
	@echo 'Example: make crawl && make query SQL="select value, summary from events order by date_start"'

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "tarikh needs Python >= 3.11; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

venv: $(VENV)/.installed ## Create .venv and install tarikh with pinned dependencies

crawl: $(VENV)/.installed ## Crawl STORY (default: the offline demo) and publish a release
	$(BIN)/tarikh crawl $(STORY) --datasets $(DATASETS) --state $(STATE)

query: $(VENV)/.installed ## Run SQL="..." over the latest release (views: articles, mentions, events)
	$(BIN)/tarikh query "$(SQL)" --datasets $(DATASETS)

timeline: $(VENV)/.installed ## Write the demo timeline as one HTML page and open it
	$(BIN)/tarikh timeline --datasets $(DATASETS) --html $(DATASETS)/timeline.html
	@echo "open $(DATASETS)/timeline.html"
	-@command -v xdg-open >/dev/null && xdg-open $(DATASETS)/timeline.html >/dev/null 2>&1 || true

download: $(VENV)/.installed ## Download and verify VERSION=... FROM=URL|DIR into TO=datasets
	@test -n "$(FROM)" || { echo "usage: make download FROM=URL|DIR [VERSION=latest] [TO=$(DATASETS)]"; exit 2; }
	$(BIN)/tarikh download $(or $(VERSION),latest) --from $(FROM) --to $(or $(TO),$(DATASETS))

test: lint typecheck unit ## Lint, type check and run the whole test suite

lint: $(VENV)/.installed ## ruff
	$(BIN)/ruff check tarikh spiders tests bench

typecheck: $(VENV)/.installed ## mypy
	$(BIN)/mypy

unit: $(VENV)/.installed ## pytest (parallel)
	$(BIN)/pytest -n $(JOBS) tests

bench: $(VENV)/.installed ## Benchmarks against the baselines each issue names
	$(BIN)/python bench/run.py

clean: ## Remove generated state, releases and caches (keeps .venv)
	rm -rf $(STATE) .pytest_cache .mypy_cache .ruff_cache bench/out
	find $(DATASETS) -mindepth 1 ! -name README.md -exec rm -rf {} +
