# Scrutiny: the two quick-start commands are `make demo` and `make test`.
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ASSETS := src/scrutiny/core/static/vendor/.built
export SCRUTINY_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test install system assets lint typecheck bench clean

# Debian packages the tests use: the browser for the accessibility checks, PDF tools, and
# the fonts and text layout WeasyPrint renders with.
SYSTEM_PACKAGES := chromium poppler-utils fonts-liberation libpango-1.0-0 libpangoft2-1.0-0

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) $(ASSETS)

$(ASSETS): package.json package-lock.json src/scrutiny/core/static_src/scrutiny.scss
	npm ci --no-audit --no-fund --loglevel=error
	rm -rf src/scrutiny/core/static/vendor
	mkdir -p src/scrutiny/core/static/vendor/govuk
	cp -r node_modules/govuk-frontend/dist/govuk/assets src/scrutiny/core/static/vendor/govuk/
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js src/scrutiny/core/static/vendor/govuk/
	npx sass --quiet --no-source-map --style=compressed --load-path=node_modules/govuk-frontend/dist \
		src/scrutiny/core/static_src/scrutiny.scss src/scrutiny/core/static/vendor/scrutiny.css
	touch $(ASSETS)

assets: $(ASSETS)

# The demo runs on this machine over plain HTTP (SCRUTINY_LOCAL: development key allowed,
# HTTPS-only settings off, email printed by the worker); otherwise it is served as in
# production: `scrutiny serve` (gunicorn) and `scrutiny worker`, both stopped by Ctrl-C.
demo: export SCRUTINY_LOCAL = on
demo: install
	$(BIN)/scrutiny migrate --noinput
	$(BIN)/scrutiny load_demo
	@echo "Scrutiny demo: http://127.0.0.1:$(PORT)/ (Ctrl-C stops the web server and the worker)"
	$(BIN)/scrutiny worker & worker=$$!; trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	  $(BIN)/scrutiny serve --bind 127.0.0.1:$(PORT) --workers 2

# Two pytest-xdist workers (one per core of the reference 2-core machine); the tests that read
# the shared demo are one group, run in a row by one worker (tests/conftest.py).
TEST_WORKERS ?= 2
test: install system
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "Missing Debian packages:$$missing (browser tests will be skipped)"; \
	fi

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	SCRUTINY_LOCAL=on $(BIN)/mypy

clean:
	rm -rf $(VENV) node_modules src/scrutiny/core/static/vendor var
