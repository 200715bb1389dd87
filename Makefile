# The two commands of the README:
#   make serve   set everything up, build the bundled corpus, serve it on http://127.0.0.1:8000/
#   make test    set everything up, run the whole test suite
# Both create .venv, install the package with its dependencies, and install the
# system packages it needs (Java for HermiT, Chromium for the browser tests).

PYTHON ?= python3
VENV ?= .venv
STORE ?= data/store
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

BIN := $(VENV)/bin

.PHONY: serve test setup system-deps lint bench clean

serve: setup
	$(BIN)/ckg serve --store $(STORE) --host $(HOST) --port $(PORT)

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

setup: system-deps $(VENV)/.installed

system-deps:
	@sh scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

lint: setup
	$(BIN)/ruff check .

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) data build *.egg-info test-artifacts
