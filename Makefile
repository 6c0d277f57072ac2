# Navigator: two commands on a fresh Debian 12 machine.
#   make run   sets up what the app needs and serves it on http://127.0.0.1:5000 (SQLite)
#   make test  sets up what the tests need (venv, Debian chromium, PostgreSQL) and runs every test
# Both are idempotent: a second run only does what is missing or out of date.
# Python packages come from uv.lock (exact versions and hashes) through uv, itself pinned with
# hashes in requirements/uv.txt; `make lock` refreshes the lock on purpose.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
TOOLS := .tools
UV := $(TOOLS)/bin/uv
# uv: never download a Python of its own, copy files (the cache may sit on another file
# system), keep the project environment in .venv.
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Install packages with their bytecode compiled: a process then starts without compiling
# every module it imports (most of a second for the CLI when PYTHONDONTWRITEBYTECODE is set).
export UV_COMPILE_BYTECODE := 1
PO := navigator/translations/nl/LC_MESSAGES/messages.po
MO := $(PO:.po=.mo)
APT_PACKAGES := chromium postgresql poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
	nginx-light
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
# axe-core for the accessibility checks in e2e: one pinned release from the npm registry
# (npm checks the registry's integrity hash), unpacked into the gitignored .tools/.
AXE_VERSION := 4.10.2
AXE := $(TOOLS)/axe/axe-$(AXE_VERSION).min.js
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test setup setup-test bytecode system-packages lint typecheck translations bench bench-load fuzz serve-prod lock lock-upgrade freshness clean

run: setup
	$(BIN)/navigator db upgrade
	$(BIN)/navigator serve --host $(HOST) --port $(PORT)

test: setup-test system-packages
	$(BIN)/ruff check .
	$(BIN)/ruff format --check navigator tests e2e bench data
	$(BIN)/mypy navigator
	$(BIN)/navigator catalogue validate > /dev/null
	NAVIGATOR_TEST_POSTGRES=start $(BIN)/pytest -p no:cacheprovider --output test-results \
		--screenshot only-on-failure

setup: $(VENV)/.app $(MO) bytecode
setup-test: $(VENV)/.dev $(MO) $(AXE) bytecode

# Navigator's own modules with their bytecode written (uv compiles the installed packages; the
# project is installed editable): with PYTHONDONTWRITEBYTECODE set, every process would compile
# them anew. compileall only rewrites what changed; a stale file is never used (mtime check).
bytecode: | $(VENV)/.app
	$(BIN)/python -m compileall -q -j 0 navigator > /dev/null

$(UV): requirements/uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install -q --require-hashes --no-deps -r requirements/uv.txt
	touch $@

# --locked: fail when pyproject.toml changed without `make lock`, never resolve anew here.
$(VENV)/.app: uv.lock pyproject.toml | $(UV)
	$(UV) sync -q --locked --python $(PYTHON)
	touch $@

$(VENV)/.dev: uv.lock pyproject.toml | $(UV)
	$(UV) sync -q --locked --extra dev --python $(PYTHON)
	touch $@ $(VENV)/.app

$(AXE):
	mkdir -p $(TOOLS)/axe
	cd $(TOOLS)/axe && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null
	tar -xzf $(TOOLS)/axe/axe-core-$(AXE_VERSION).tgz -C $(TOOLS)/axe package/axe.min.js
	mv $(TOOLS)/axe/package/axe.min.js $@ && rmdir $(TOOLS)/axe/package

# After changing pyproject.toml: lock what changed and keep every other version.
lock: | $(UV)
	$(UV) lock --python $(PYTHON)

# Move every package to the newest release within pyproject.toml's ranges, on purpose; then
# run make test and commit uv.lock.
lock-upgrade: | $(UV)
	$(UV) lock --upgrade --python $(PYTHON)

$(MO): $(PO) | $(VENV)/.app
	$(BIN)/pybabel compile -d navigator/translations

# Debian packages are installed only when one is missing (apt needs root or sudo).
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

lint: setup-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check navigator tests e2e bench data

typecheck: setup-test
	$(BIN)/mypy navigator

# Re-extract interface strings after changing templates or messages; then translate the new
# entries in $(PO) (the test suite fails while one is untranslated).
translations: setup-test
	$(BIN)/pybabel extract -F babel.cfg -k N_ -k lazy_gettext -o navigator/translations/messages.pot .
	$(BIN)/pybabel update -i navigator/translations/messages.pot -d navigator/translations -l nl --no-fuzzy-matching
	$(BIN)/pybabel compile -d navigator/translations

# schemathesis against the OpenAPI document: 5,000 cases per operation (10,002 in all).
fuzz: setup-test
	NAVIGATOR_FUZZ_EXAMPLES=5000 $(BIN)/pytest -p no:cacheprovider tests/web/test_openapi.py \
		--hypothesis-show-statistics -q

bench: setup-test
	$(BIN)/python bench/recommend.py

# 60 s at saturation through nginx for the start page, a results page and the API (needs wrk).
bench-load: setup-test system-packages
	@command -v wrk >/dev/null || $(SUDO) apt-get install -y -qq wrk
	$(BIN)/python bench/load.py --seconds 60

# The production setup on this machine: gunicorn behind a buffering nginx (deploy/).
serve-prod: setup system-packages
	deploy/serve.sh

# Release gate for a catalogue version: records past or near review_by, closed windows.
freshness: setup
	$(BIN)/navigator catalogue freshness

clean:
	rm -rf $(VENV) $(TOOLS) test-results .pytest_cache .mypy_cache .ruff_cache
