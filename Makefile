# Power of One: every task is one command. Needs only Python 3.11, Node/npm and (for PDFs) Pango from apt.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
CSS := core/static/css/app.css

.PHONY: help install demo serve test test-pg lint format typecheck check worker beat bench clean messages

help:
	@echo "make demo   - install, migrate SQLite, load demo data and serve http://127.0.0.1:8000"
	@echo "make test   - install if needed and run the whole test suite (SQLite, Celery eager)"
	@echo "make lint   - ruff, mypy and the migrations check"
	@echo "make worker - a Celery worker (needs CELERY_BROKER_URL)"
	@echo "make bench  - benchmarks on PostgreSQL (needs DATABASE_URL)"

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP)

$(CSS): $(NODE_STAMP) core/static_src/app.scss
	@mkdir -p core/static/css
	node node_modules/sass/sass.js --quiet --load-path=. --style=compressed --no-source-map core/static_src/app.scss $(CSS)

install: $(STAMP) $(CSS)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty --families 60
	@$(PY) manage.py demo_logins
	$(PY) manage.py runserver 127.0.0.1:8000

serve: install
	$(PY) manage.py runserver 127.0.0.1:8000

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
test: install
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: lint test

worker: install
	$(VENV)/bin/celery -A config worker -Q alerts,pdf,default --loglevel=INFO --concurrency=2

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=INFO

bench: install
	$(PY) manage.py bench $(BENCH_ARGS)

# The Welsh catalogue: extract every string, keep the translations, compile the .mo (committed, so a
# fresh clone needs no gettext tools), then list family-facing strings still waiting for a translator.
messages: install
	$(PY) manage.py makemessages -l cy --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests --ignore=staticfiles
	$(PY) manage.py family_messages --compile
	$(PY) manage.py family_messages

clean:
	rm -rf $(VENV) node_modules staticfiles core/static/css db.sqlite3*
