# 智匠 Zhijiang. `make run` and `make test` are the two commands; the rest are their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format typecheck messages makemessages openapi bench browser-deps pytest test-postgres clean

$(STAMP): pyproject.toml requirements/constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "Cannot create a virtual environment. On Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	cd src/zhijiang && ../../$(BIN)/zhijiang compilemessages --verbosity 0

run: install messages
	@mkdir -p var
	$(BIN)/zhijiang migrate --noinput
	$(BIN)/zhijiang occupations load
	$(BIN)/zhijiang demo
	$(BIN)/zhijiang serve --host $(HOST) --port $(PORT)

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

clean:
	rm -rf $(VENV) var/*.sqlite3 var/static .pytest_cache .mypy_cache .ruff_cache
