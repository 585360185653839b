# LocalBzz: every command a developer needs. Works on a fresh Debian machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run screenshots test test-services lint format check bench loadtest lock clean venv venv-dev

# requirements*.txt are locks with hashes (`make lock` writes them from requirements*.in):
# pip checks every file it installs against them
$(BIN)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

# tests and tools on top of what production runs
$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

venv-dev: $(BIN)/.installed-dev

run: venv ## migrate, load demo data, serve everything on http://localhost:8000
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

SHOTS_DIR ?= /tmp/localbzz-screenshots
screenshots: venv-dev ## seed the demo into a throw-away SQLite database, take docs/img/*.png (Chromium)
	rm -rf $(SHOTS_DIR) && mkdir -p $(SHOTS_DIR)
	env -u REDIS_URL -u CELERY_BROKER_URL DATABASE_URL=sqlite:///$(SHOTS_DIR)/db.sqlite3 \
	  MEDIA_ROOT=$(SHOTS_DIR)/media sh -c '$(PY) manage.py migrate --noinput -v 0 && \
	  $(PY) manage.py seed_demo > /dev/null && $(PY) manage.py take_screenshots'

test: venv-dev ## the whole suite on the embedded defaults (SQLite, in-memory layer, eager Celery)
	env -u DATABASE_URL -u REDIS_URL -u CELERY_BROKER_URL $(BIN)/pytest -n 2 --dist loadgroup

test-services: venv-dev ## the suite against PostgreSQL and Redis (DATABASE_URL, REDIS_URL set)
	$(BIN)/pytest -n 2 --dist loadgroup

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: venv-dev ## deploy checks and migrations
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_ENV=production SECRET_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(64))') \
		FIELD_ENCRYPTION_KEYS=$$($(PY) -c 'from cryptography.fernet import Fernet;print(Fernet.generate_key().decode())') \
		FIELD_HASH_KEY=$$($(PY) -c 'import secrets;print(secrets.token_urlsafe(32))') \
		ALLOWED_HOSTS=localbzz.example DATABASE_URL=sqlite:///tmp/check.sqlite3 \
		$(PY) manage.py check --deploy --fail-level WARNING

bench: venv-dev ## benchmarks (PostgreSQL, production server); prints figures
	@command -v wrk >/dev/null || apt-get install -y -q wrk >/dev/null || (apt-get update -q && apt-get install -y -q wrk)
	$(PY) bench/run.py

loadtest: venv-dev ## locust mix against gunicorn (LOADTEST_USERS, LOADTEST_SECONDS); prints req/s, p50, p99
	$(PY) ops/loadtest/run.py

LOCK := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links
lock: venv-dev ## resolve requirements*.in into the hash-pinned requirements*.txt (keeps current pins)
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-dev.txt requirements-dev.in

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
