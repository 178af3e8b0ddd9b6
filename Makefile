# The two commands: `make run` and `make test`. Everything else is a helper.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := wsgi
LOCALES_DIR := translations


.PHONY: run test test-sqlite test-postgres bench cluster cluster-stop install lint format extract update-translations compile-translations system-deps db clean

$(BIN)/activate:
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing python3-venv"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null; \
	  else \
	    echo "$(PYTHON) cannot create virtual environments: sudo apt-get install python3-venv"; exit 1; \
	  fi; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

compile-translations: install
	$(BIN)/pybabel -q compile -d $(LOCALES_DIR)

extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k lazy_pgettext:1c,2 -k count:1,2 --add-comments=NOTE: --sort-output --ignore-dirs='.* __pycache__' \
	  --project=portal -o $(LOCALES_DIR)/messages.pot .

update-translations: extract
	$(BIN)/pybabel update -i $(LOCALES_DIR)/messages.pot -d $(LOCALES_DIR) --no-fuzzy-matching --ignore-obsolete

db: install compile-translations
	$(BIN)/flask db upgrade
	$(BIN)/flask demo load

# Links in mails and feeds point at the port the portal is served on.
run: export PUBLIC_BASE_URL ?= http://127.0.0.1:$(PORT)
run: db
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v msgfmt >/dev/null 2>&1 || missing="$$missing gettext"; \
	ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || missing="$$missing nginx"; \
	command -v openssl >/dev/null 2>&1 || missing="$$missing openssl"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || missing="$$missing libharfbuzz-subset0"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "Missing system packages:$$missing"; \
	    echo "Install them first, e.g.: sudo apt-get install$$missing"; exit 1; \
	  fi; \
	fi

test: install compile-translations system-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q
	@echo "--- the suite again, on PostgreSQL (browser journeys ran above) ---"
	scripts/with-postgres $(BIN)/pytest -q -m "not browser and not cluster"

test-sqlite: install compile-translations system-deps
	$(BIN)/pytest -q

test-postgres: install compile-translations system-deps
	scripts/with-postgres $(BIN)/pytest -q -m "not browser and not cluster"

bench: install compile-translations
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "wrk is missing: sudo apt-get install wrk"; exit 1; fi; }
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) instance/portal.sqlite3* .pytest_cache

# The production shape on 127.0.0.1: nginx (HTTPS, self-signed) in front of
# two gunicorn nodes, PostgreSQL, Redis and an SMTP server keeping a maildir;
# with the demo content. State, logs and mails in .cluster/.
cluster: install compile-translations system-deps
	$(BIN)/python scripts/cluster.py start --dir .cluster --demo

cluster-stop:
	$(BIN)/python scripts/cluster.py stop --dir .cluster
