# Minga: two commands. `make run` serves the app; `make test` lints and runs the whole suite.
# Both create .venv, install the pinned, hashed requirements (with uv) and build the data when missing or stale.
# `make run` installs the app's requirements.txt only; `make test` adds requirements-dev.txt (test tools).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
# pip installs only uv (pinned and hashed in requirements-uv.txt); uv installs the rest, several times faster
# (parallel downloads and compiles). Bytecode is compiled at install, and Minga's own modules before each run:
# where PYTHONDONTWRITEBYTECODE is set (as on this project's machines) nothing is compiled on import, and every
# process (each test worker, served app and command) would compile every module it imports again. pytest runs with
# bytecode writing on: it keeps each test module as rewritten for its assertions (tests/__pycache__/*-pytest-*.pyc),
# which every worker otherwise parses and rewrites again on every run (about 5 s of CPU each).
UV_INSTALL := $(UV) pip install --quiet --require-hashes --compile-bytecode --python $(PY)
BYTECODE := $(PY) -m compileall -q -j 0 app.py core ui bench scripts tests
# The allocation's exact search is compiled by numba: once per checkout (a few seconds, kept in numba's cache
# beside the module), before any test worker or benchmark would each compile it on its first allocation.
WARM_UP := $(PY) -c "from core.engine.allocation import warm_up; warm_up()"
# One stamp per requirements file: a rerun installs again only after that file changed.
APP_STAMP := $(VENV)/.installed-requirements.txt
DEV_STAMP := $(VENV)/.installed-requirements-dev.txt
PORT ?= 8501
# pytest-xdist: each worker (with its own build and store) takes one test file at a time in the usual order, so
# files that share the session's store still meet it in the order of a serial run.
TEST_WORKERS ?= 2
UV_COMPILE := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make requirements"

.PHONY: run test lint data bench browser fonts requirements clean-data reset-demo

run: data fonts
	$(BYTECODE)
	$(PY) scripts/serve.py --server.port $(PORT) --server.address 0.0.0.0

test: lint data browser fonts
	$(BYTECODE)
	$(WARM_UP)
	env -u PYTHONDONTWRITEBYTECODE HYPOTHESIS_PROFILE=ci \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=10

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .

bench: data $(DEV_STAMP) browser
	$(WARM_UP)
	$(PY) -m bench

$(PY):
	$(PYTHON) -m venv $(VENV)

$(UV): requirements-uv.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-uv.txt
	touch $@

$(APP_STAMP): requirements.txt $(UV)
	$(UV_INSTALL) -r requirements.txt
	touch $@

$(DEV_STAMP): requirements-dev.txt $(APP_STAMP)
	$(UV_INSTALL) -r requirements-dev.txt
	touch $@

# After editing requirements.in or requirements-dev.in: pin and hash every dependency again
# (versions already pinned stay unless an .in file asks otherwise).
requirements: $(UV)
	$(UV_COMPILE) requirements-uv.in -o requirements-uv.txt
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-dev.in -o requirements-dev.txt

data: $(APP_STAMP)
	$(PY) -m core.data.build --if-stale

# Browser tests drive the system Chromium; install Debian's package when it is missing.
browser:
	@bash scripts/ensure-chromium.sh

# The PDFs print with DejaVu Sans; install Debian's fonts-dejavu-core when it is missing (never stops: without it
# they print with the core Latin-1 font, and the script says so).
fonts:
	@bash scripts/ensure-fonts.sh

# Bring proposals, offers, PDOT, scenarios, cooperants and calls back to the demo (decisions and the log are kept).
reset-demo: data
	$(PY) -m core.proposals.demo_reset reset-demo

clean-data:
	rm -f data/*.parquet data/.build-stamp
