# 智匠 Zhijiang. `make run` and `make test` are the two commands; the rest are their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format typecheck messages makemessages openapi bench bench-load browser-deps pytest test-postgres clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Cannot create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	cd src/zhijiang && ../../$(BIN)/zhijiang compilemessages --verbosity 0

# QR codes, PDFs and certificates link to PUBLIC_URL: the address served here unless you set it
# (behind a proxy, or with HOST=0.0.0.0 so that others reach this machine by its name).
RUN_HOST = $(if $(filter 0.0.0.0 ::,$(HOST)),localhost,$(if $(findstring :,$(HOST)),[$(HOST)],$(HOST)))
RUN_ENV = PUBLIC_URL="$(or $(strip $(PUBLIC_URL)),http://$(RUN_HOST):$(PORT))"

run: install messages
	@mkdir -p var
	@echo "[1/4] Database: creating or updating the tables…"
	@$(RUN_ENV) $(BIN)/zhijiang migrate --noinput --verbosity 0
	@echo "[2/4] Occupations, international links and the skills vocabulary…"
	@$(RUN_ENV) $(BIN)/zhijiang occupations load
	@echo "[3/4] Demo data (about a minute the first time; quick afterwards)…"
	@$(RUN_ENV) $(BIN)/zhijiang demo
	@echo "[4/4] Starting the site…"
	@$(RUN_ENV) $(BIN)/zhijiang serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench conftest.py
	$(BIN)/ruff format --check src tests bench conftest.py

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench conftest.py
	$(BIN)/ruff format src tests bench conftest.py

typecheck: $(STAMP)
	$(BIN)/mypy

browser-deps:
	@scripts/ensure-browser

pytest: install messages
	$(BIN)/pytest $(PYTEST_ARGS)

test: install browser-deps lint typecheck messages
	$(BIN)/pytest $(PYTEST_ARGS)

# The same suite against PostgreSQL (CI runs this after `make test`).
DATABASE_URL_PG ?= postgres://postgres@127.0.0.1:5432/test
test-postgres: install messages
	@scripts/check-postgres "$(DATABASE_URL_PG)"
	DATABASE_URL="$(DATABASE_URL_PG)" $(BIN)/pytest $(PYTEST_ARGS)

makemessages: $(STAMP)
	cd src/zhijiang && ../../$(BIN)/zhijiang makemessages --locale zh_Hans --no-obsolete --add-location file

openapi: $(STAMP)
	$(BIN)/zhijiang export_openapi_schema --api zhijiang.api.api --indent 2 --sorted --output docs/api/openapi.json

bench: $(STAMP)
	$(BIN)/python bench/run.py

# The server under load (production settings, PostgreSQL at 127.0.0.1:5432, Debian's wrk): the
# health endpoint and a mixed workload at 4-32 connections, about 70 s (a few minutes more the
# first time, to load the demo).
bench-load: $(STAMP)
	$(BIN)/python bench/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) var/*.sqlite3 var/static .pytest_cache .mypy_cache .ruff_cache
