# The two commands a newcomer needs: `make run` and `make test`. Both are idempotent.
#   make run                 development server on http://127.0.0.1:8000 (SQLite under var/, demo data)
#   make run PORT=8103       the same on another port
#   make test                the whole suite (SQLite in memory; DATABASE_URL=postgres://… for PostgreSQL)
#   make test PYTEST_ARGS="-m 'not e2e'"   any pytest arguments (-m "not slow": without the slowest)
#   make test TEST_WORKERS=0  in one process (default: two per core)
#   make cluster / make cluster-stop   nginx, two gunicorn nodes, worker, beat on loopback (README "Deploy")
VENV ?= .venv
PY := $(VENV)/bin/python
TWINHUB := TWINHUB_DEV=1 $(VENV)/bin/twinhub
HOST ?= 127.0.0.1
PORT ?= 8000
# The address e-mailed links point to: the server `make run` starts.
SITE_URL ?= http://$(HOST):$(PORT)
PYTEST_ARGS ?=
# Parallel test processes (pytest-xdist), one test database each; TEST_WORKERS=0 runs in one process.
# Two per core: a worker often waits (a browser, a live server, a subprocess, PostgreSQL), and with one
# per core a CI machine of 2 cores was busy about half the time (the SQLite stage: 14 min with 2
# workers, 10 min with 4, on the same machine, decision 46).
TEST_WORKERS ?= $(shell echo $$(( 2 * $$(nproc 2>/dev/null || echo 1) )))

.PHONY: run test install system-deps messages catalogues lint ci clean cluster cluster-stop eulogin-stand-in

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

system-deps:
	./scripts/system-deps.sh

# The demo's EU Login stand-in needs the npm packages; without them (offline) the demo runs without it.
eulogin-stand-in:
	-@$(MAKE) -s tests/oidc/node_modules/.installed

tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci --silent --no-audit --no-fund
	touch $@

# Compile every app's Turkish (and any other) catalogue; apps without a .po yet are skipped.
messages: system-deps install
	@if find twinhub -path '*/locale/*/LC_MESSAGES/*.po' | grep -q .; then \
	  cd twinhub && TWINHUB_DEV=1 ../$(VENV)/bin/django-admin compilemessages -v0 --settings=twinhub.settings; \
	fi

# Re-extract every app's Turkish catalogue after changing strings (no source locations: fewer merge conflicts),
# then translate each new msgstr.
catalogues: install
	@for po in twinhub/*/locale/tr/LC_MESSAGES/django.po; do app=$${po%%/locale/*}; \
	  (cd $$app && TWINHUB_DEV=1 ../../$(VENV)/bin/django-admin makemessages -l tr --no-location --no-obsolete \
	    -v0 --ignore=node_modules --settings=twinhub.test_settings); done

run: system-deps install messages eulogin-stand-in
	mkdir -p var
	$(TWINHUB) migrate -v0
	$(TWINHUB) demo
	SITE_URL=$(SITE_URL) scripts/run-with-eulogin.sh $(HOST) $(PORT) $(TWINHUB) runserver $(HOST):$(PORT)

test: system-deps install messages tests/oidc/node_modules/.installed
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Style (ruff) and the layers contract (import-linter, [tool.importlinter] in pyproject.toml).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

ci:
	./.ci/run

# The production topology on loopback (scripts/cluster.py says what and where; decision 17):
# nginx :8120 -> two gunicorn nodes :8121, :8122 on PostgreSQL (th_cluster), Redis db 2, an S3
# server (moto :8125), one Celery worker and beat. `make cluster-stop` stops them by PID.
cluster: install messages
	./scripts/system-deps.sh cluster
	$(PY) scripts/cluster.py start

cluster-stop:
	$(PY) scripts/cluster.py stop

clean:
	rm -rf var $(VENV) tests/oidc/node_modules
