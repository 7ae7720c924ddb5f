# The README's two commands: `make demo` (set up, build the embedded demo dataset, its statistics and card) and `make test`
# (set up everything, then run the test suite). Both work on a fresh machine with Python >= 3.10.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# PyTorch is pinned and installed first: an unpinned `torch` would pull a multi-GB CUDA build.
TORCH ?= torch==2.13.0

.PHONY: demo test setup setup-all setup-ls setup-chromium lint clean

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

# Label Studio (the annotation tests run a real server) in a virtual environment of its own: it pins
# label-studio-sdk exactly and would move packages of ours (pyarrow). Debian's Chromium renders its labeling page.
LS_VENV ?= .venv-ls
LABEL_STUDIO ?= label-studio==1.23.2
$(LS_VENV)/.ready:
	$(PYTHON) -m venv $(LS_VENV)
	$(LS_VENV)/bin/pip install -q --upgrade pip
	$(LS_VENV)/bin/pip install -q "$(LABEL_STUDIO)"
	touch $@
setup-ls: $(LS_VENV)/.ready
setup-chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

demo: setup
	$(BIN)/gonerd build
	$(BIN)/gonerd stats build/gonerd
	$(BIN)/gonerd card build/gonerd --license apache-2.0 --cards-dir data_cards

# pytest's own exit code is kept in build/pytest-exit-code (make itself only says 2 on failure).
test: setup-all setup-ls setup-chromium
	@mkdir -p build
	$(BIN)/python -m pytest; code=$$?; echo $$code > build/pytest-exit-code; exit $$code

lint: setup-all
	$(BIN)/ruff check .

clean:
	rm -rf build .pytest_cache
