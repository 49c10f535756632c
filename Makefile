# The two commands of the README: `make demo` and `make test`. Both set up .venv first (once).
# Python 3.12 is preferred (the medium spaCy pipeline needs it); 3.11 works with the small one.
PYTHON ?= $(shell for c in python3.12 $$(ls -d $$HOME/.pyenv/versions/3.12*/bin/python3.12 2>/dev/null) python3; do \
            $$c -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && echo $$c && break; done)
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB := demo.db

.PHONY: demo serve test lint install system bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[sm,md,test,ftm,pg]'
	touch $@

demo: install
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/claimgraph ingest examples --db $(DEMO_DB)
	$(BIN)/claimgraph stats --db $(DEMO_DB)
	$(BIN)/claimgraph docs --db $(DEMO_DB)
	$(BIN)/claimgraph extract examples --format table
	$(BIN)/claimgraph actors --db $(DEMO_DB) --limit 15
	$(BIN)/claimgraph relations --db $(DEMO_DB) --min-sources 1
	$(BIN)/claimgraph contradictions --db $(DEMO_DB)
	@echo "Open the workbench on these reports with: make serve   (http://127.0.0.1:8765/)"

serve: install
	test -f $(DEMO_DB) || $(BIN)/claimgraph ingest examples --db $(DEMO_DB) --quiet
	$(BIN)/claimgraph serve --db $(DEMO_DB)

# Debian's chromium for the browser tests (Playwright drives it; nothing is downloaded by Playwright),
# and Debian's postgresql for the PostgreSQL runs of the store tests (they start a throw-away cluster
# with its initdb and pg_ctl; the installed service is not used).
INITDB := $(shell command -v initdb || ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -1)
system:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium missing and no root: the browser tests will be skipped"; fi; }
	@[ -n "$(INITDB)" ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  elif command -v sudo >/dev/null; then sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; \
	  else echo "postgresql missing and no root: the PostgreSQL tests will be skipped"; fi; }

test: install system lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

bench: install
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/bench_fuse.py
	$(BIN)/python bench/bench_web.py
	$(BIN)/python bench/bench_load.py
	$(BIN)/python bench/bench_export.py
	$(BIN)/python bench/bench_scale.py   # ingest with 1 worker and with 2 (local Dask cluster): docs/s, ratio, memory

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
