# Harbour: `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3.11
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

DEMO_CHILDREN ?= 1500
DEMO_SEED ?= 2026

.PHONY: run install test lint typecheck test-unit test-system browser migrate demo benchmark benchmark-returns check-returns-spread test-postgres clean \
	audit verify-audit backup restore loadtest loadtest-data

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	touch $@

install: $(VENV)/.synced

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_schedules

demo: migrate
	$(PY) manage.py generate_demo_data --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --if-empty

# The web server with the background worker beside it (ADR 0016). The worker runs in its
# own session, so Ctrl-C reaches the server only; when the server stops, for any reason,
# the worker is asked to stop (SIGTERM) and waited for.
run: demo
	$(PY) manage.py demo_accounts
	setsid $(PY) manage.py qcluster & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check src tests benchmarks loadtest conftest.py
	$(VENV)/bin/ruff format --check src tests benchmarks loadtest conftest.py

typecheck: install
	$(VENV)/bin/mypy src

test-unit: install
	$(VENV)/bin/pytest -n 2 -m "not system"

browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

test-system: install browser
	$(VENV)/bin/pytest -m system -p no:randomly -n 2

test: lint typecheck test-unit test-system

# The database tests again against PostgreSQL (CI runs this after `make test`).
test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/harbour} $(VENV)/bin/pytest -n 2 -m "not system"

benchmark: install
	$(PY) benchmarks/run.py

# The statutory returns on a large authority: `make benchmark-returns BENCH_ARGS="--children 500"`
# to try it small (see benchmarks/returns.py).
BENCH_ARGS ?=
benchmark-returns: install
	$(PY) benchmarks/returns.py $(BENCH_ARGS)

# Both returns with no DfE errors on generated authorities of several seeds and sizes:
# `make check-returns-spread SPREAD_ARGS="--authorities 7:300 13:500"` (see benchmarks/clean_returns.py).
SPREAD_ARGS ?=
check-returns-spread: install
	$(PY) benchmarks/clean_returns.py $(SPREAD_ARGS)

# --- Security stage ----------------------------------------------------------------------------
# Known vulnerabilities in the locked dependencies (PyPI only; ADR 0012).
audit: install
	$(PY) .ci/dependency_audit.py

# The audit trail's hash chain, on the configured database.
verify-audit: install
	$(PY) manage.py verify_audit_chain

# `make backup` writes var/backups/harbour-<time>.zip.age, encrypted to HARBOUR_BACKUP_RECIPIENTS
# (the demo's key pair in var/ when unset, outside production); `make restore ARCHIVE=...
# IDENTITY=...` decrypts it and restores into an empty database (ADR 0008).
backup: install
	$(PY) manage.py backup

restore: install
	$(PY) manage.py restore $(ARCHIVE) $(if $(IDENTITY),--identity $(IDENTITY))

# Load test (not part of `make test`): PostgreSQL with a large authority's demo data, then
# 50 users for LOADTEST_TIME against gunicorn on loopback. See loadtest/README.md.
LOADTEST_DB ?= postgres://postgres@127.0.0.1:5432/harbour_loadtest
LOADTEST_CHILDREN ?= 85000
LOADTEST_COHORT ?= 5000
LOADTEST_USERS ?= 50
LOADTEST_TIME ?= 5m
loadtest-data: install
	DATABASE_URL=$(LOADTEST_DB) bash loadtest/prepare.sh $(LOADTEST_CHILDREN) $(DEMO_SEED) $(LOADTEST_COHORT)

loadtest: loadtest-data
	DATABASE_URL=$(LOADTEST_DB) LOADTEST_USERS=$(LOADTEST_USERS) LOADTEST_TIME=$(LOADTEST_TIME) bash loadtest/run.sh

clean:
	rm -rf $(VENV) $(TOOLS) var staticfiles
