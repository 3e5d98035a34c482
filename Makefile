# Two commands on a fresh machine with Python >= 3.11: `make demo`, `make test`.
# The environment is built from uv.lock (uv itself is bootstrapped into .tools/ with pip).
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_COMPILE_BYTECODE := 1
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install demo test ui lint audit bench clean-state

$(UV):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required (found %s); set PYTHON=python3.11" % sys.version.split()[0])'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

demo: install
	$(PY) -m pipelines demo

# the project's own bytecode, written once: where PYTHONDONTWRITEBYTECODE is set (CI here) every
# test process and CLI subprocess would otherwise compile ~37k lines again (~0.35 s each)
PACKAGES := assets benchmarks expectations export formats ingest migrations pipelines resources rules synthetic tests vocabulary

test: install
	$(PY) -m compileall -q $(PACKAGES) >/dev/null
	$(PY) -m pytest -n auto --dist loadgroup --durations=25

ui: install
	$(PY) -m pipelines ui

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# known vulnerabilities in the locked dependencies (uv.lock); see .ci/audit.py for what happens
# when the vulnerability service cannot be reached
audit: install
	$(PY) .ci/audit.py $(UV)

bench: install
	$(PY) benchmarks/run.py --employees 20000 --repeat 3

clean-state:
	rm -rf .state
