# The README's two commands: `make demo` (set up, build the embedded demo dataset, its statistics and card) and `make test`
# (set up everything, then run the test suite). Both work on a fresh machine with Python >= 3.10.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# PyTorch is pinned and installed first: an unpinned `torch` would pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0

.PHONY: demo test setup setup-all lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.core: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.all: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e '.[all]'
	touch $@ $(VENV)/.core

setup: $(VENV)/.core
setup-all: $(VENV)/.all

demo: setup
	$(BIN)/gonerd build
	$(BIN)/gonerd stats build/gonerd
	$(BIN)/gonerd card build/gonerd --license apache-2.0 --cards-dir data_cards

# pytest's own exit code is kept in build/pytest-exit-code (make itself only says 2 on failure).
test: setup-all
	@mkdir -p build
	$(BIN)/python -m pytest; code=$$?; echo $$code > build/pytest-exit-code; exit $$code

lint: setup-all
	$(BIN)/ruff check .

clean:
	rm -rf build .pytest_cache
