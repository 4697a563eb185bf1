# Two things a newcomer runs: `make demo` (install, then archive the bundled OFweek copy)
# and `make test` (install, system services, then the test suite). CI (.ci/run) runs
# `make lint` (ruff, ruff format --check, mypy) and then `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: install demo test lint crawl

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(VENV)/bin/archiver demo

crawl: install
	$(VENV)/bin/scrapy crawl ofweek

test: install
	bash scripts/install-system-deps.sh
	@# The suite starts dozens of Python processes (a fork server per worker, the plain-command
	@# tests, worker pools); where PYTHONDONTWRITEBYTECODE is set, each would otherwise compile
	@# the project's modules from source again.
	$(PY) -m compileall -q archiver spiders tests bench
	$(PY) -m pytest -n auto --dist worksteal

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
