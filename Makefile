# Every target sets up what it needs first: a fresh machine needs only `make serve` or `make test`.
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test browser schema bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

## serve: set up, then serve the site on http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

## build: the strict build that is published, into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: the fast check: lint and article validation
check: $(STAMP)
	$(BIN)/ruff check hooks tests benchmarks
	$(BIN)/ruff format --check hooks tests benchmarks
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

## bench: full build against a plain mkdocs-material build at 100, 1,000 and 10,000 reports
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(BENCH_SIZES)
