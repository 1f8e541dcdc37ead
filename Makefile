# Every target sets up what it needs first: a fresh machine needs only `make serve` or `make test`.
# Packages come from uv.lock only (exact versions, hashes checked); uv itself from
# requirements/uv.txt, also with hashes. `make lock` refreshes both.
VENV  := .venv
BIN   := $(VENV)/bin
TOOLS := .tools
UV    := $(TOOLS)/bin/uv
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1
export UV_PYTHON_DOWNLOADS := never

.PHONY: serve build check test browser schema bench suggest-eval lock clean

$(UV): requirements/uv.txt
	test -x $(TOOLS)/bin/python || python3 -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q --require-hashes --no-deps -r requirements/uv.txt
	touch $(UV)

$(STAMP): $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --extra test --python python3
	touch $(STAMP)

## lock: refresh uv.lock and requirements/uv.txt to the newest releases the ranges allow
lock: $(UV)
	$(UV) pip compile --quiet --upgrade --universal --generate-hashes --python-version 3.11 \
	  requirements/uv.in -o requirements/uv.txt
	$(UV) lock --upgrade

## serve: set up, then serve the site on http://127.0.0.1:8000 with live reload
# MkDocs rebuilds on edits to articles and pages but keeps the hook's modules imported, so
# a change to the code in hooks/ restarts the server instead (SIGINT: it shuts down cleanly).
SERVE_ADDR ?= 127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/watchmedo auto-restart --directory hooks --recursive \
	  --patterns '**/*.py;**/*.md;**/*.html;**/*.xml;**/*.yaml' --ignore-patterns '**/__pycache__/**' \
	  --signal SIGINT --kill-after 10 --debounce-interval 1 \
	  -- $(BIN)/mkdocs serve --dirty --livereload --dev-addr $(SERVE_ADDR)

## build: the strict build that is published, into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: the fast check: lint, types and article validation
check: $(STAMP)
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks
	$(BIN)/mypy
	$(BIN)/newsarchive check articles

## schema: regenerate the front matter JSON Schema for editors' tools
schema: $(STAMP)
	$(BIN)/newsarchive schema -o schema/article.schema.json --reference CONTRIBUTING.md

## browser: Debian's Chromium for the browser tests (Playwright's own download does not work here)
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; }

## test: set up everything, then run every test (unit, build, browser)
test: $(STAMP) browser check
	$(BIN)/python -m pytest

clean:
	rm -rf site .pytest_cache

## suggest-eval: how well `newsarchive suggest` finds what the editors of the archive entered
suggest-eval: $(STAMP)
	$(BIN)/python benchmarks/suggest_eval.py

## bench: full build against a plain mkdocs-material build, typical and wire-copy archives,
## at 100, 1,000 and 10,000 reports (BENCH_SIZES="1000" for fewer); then the editor's wait
## from saving a report to its page served by make serve, against a stock mkdocs serve
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_SIZES)
	$(BIN)/python benchmarks/serve_wait.py $(BENCH_SIZES)
