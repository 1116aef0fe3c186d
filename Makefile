# The two commands a newcomer needs: `make run` and `make test`. Both are idempotent.
VENV ?= .venv
PY := $(VENV)/bin/python
TWINHUB := TWINHUB_DEV=1 $(VENV)/bin/twinhub
PYTEST_ARGS ?=

.PHONY: run test install system-deps messages lint bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

system-deps:
	./scripts/system-deps.sh

tests/oidc/node_modules/.installed: tests/oidc/package.json tests/oidc/package-lock.json
	cd tests/oidc && npm ci --silent --no-audit --no-fund
	touch $@

messages: install
	cd twinhub && TWINHUB_DEV=1 ../$(VENV)/bin/django-admin compilemessages -v0 --settings=twinhub.settings

run: install system-deps messages
	mkdir -p var
	$(TWINHUB) migrate -v0
	$(TWINHUB) demo
	$(TWINHUB) runserver 127.0.0.1:8000

test: install system-deps messages tests/oidc/node_modules/.installed
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf var $(VENV) tests/oidc/node_modules
