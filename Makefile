# Minga: two commands. `make run` serves the app; `make test` runs the whole suite.
# Both create .venv, install the pinned requirements and build the data when missing or stale.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.requirements-installed
PORT ?= 8501

.PHONY: run test data bench browser clean-data reset-demo

run: data
	$(PY) scripts/serve.py --server.port $(PORT) --server.address 0.0.0.0

test: data browser
	$(PY) -m pytest

bench: data
	$(PY) -m bench

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

data: $(STAMP)
	$(PY) -m core.data.build --if-stale

# Browser tests drive the system Chromium; install Debian's package when it is missing.
browser:
	@bash scripts/ensure-chromium.sh

# Bring proposals, offers, PDOT and scenarios back to the demo (decisions and the log are kept).
reset-demo: data
	$(PY) -m core.proposals.records reset-demo

clean-data:
	rm -f data/*.parquet data/.build-stamp
