# quotetracker — the two Quick start commands:
#   make demo   install into .venv, ingest examples/ into quotetracker.db, show who said what
#   make test   system packages, .venv with dev extras, PostgreSQL, the whole test suite
PYTHON ?= python3
VENV   ?= .venv
DB     ?= sqlite:///quotetracker.db
PY     := $(VENV)/bin/python
QT     := $(VENV)/bin/quotetracker

.PHONY: demo test venv system check-pg clean-db help

help:
	@echo "make demo  - install (.venv) and ingest examples/ into $(DB), then show statements and speakers"
	@echo "make test  - install system packages, start PostgreSQL, run the whole test suite on SQLite and PostgreSQL"

# The editable install is redone when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

demo: venv
	$(QT) ingest examples/ --db $(DB)
	$(QT) statements --db $(DB) --limit 12
	$(QT) speakers --db $(DB) --limit 12
	@echo
	@echo "Explore it further:"
	@echo "  $(QT) statements --db $(DB) --speaker Peskow --since 2020"
	@echo "  $(QT) show 1 --db $(DB)"
	@echo "  $(QT) serve --db $(DB)        # web UI and HTTP API"

system:
	scripts/setup-system.sh

test: system venv
	scripts/run-tests.sh

clean-db:
	rm -f quotetracker.db quotetracker.db-wal quotetracker.db-shm
