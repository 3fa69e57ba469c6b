# coprod: `make run` to try it with demo data, `make test` for the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GOVUK := node_modules/govuk-frontend/dist/govuk
BUILD := coprod/static/build

.PHONY: install run test lint bench clean

install: $(VENV)/.installed $(BUILD)/.built
	$(BIN)/coprod translate compile

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(BUILD)/.built: node_modules/.installed $(wildcard assets/scss/*.scss)
	mkdir -p $(BUILD)/govuk
	npx sass --no-source-map --style=compressed --load-path=node_modules --quiet-deps \
		assets/scss/app.scss $(BUILD)/app.css
	cp $(GOVUK)/govuk-frontend.min.js $(BUILD)/govuk/
	rm -rf $(BUILD)/govuk/assets && cp -r $(GOVUK)/assets $(BUILD)/govuk/assets
	touch $@

run: install
	$(BIN)/coprod db upgrade
	$(BIN)/coprod demo --if-empty
	COPROD_SESSION_COOKIE_SECURE=false COPROD_REMEMBER_COOKIE_SECURE=false \
		$(BIN)/coprod run --host 127.0.0.1 --port 5000

lint: install
	$(BIN)/ruff check coprod tests bench
	$(BIN)/ruff format --check coprod tests bench
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r coprod
	bin/audit-dependencies

# The whole suite on SQLite, then again on PostgreSQL: each of the two test workers starts its
# own throw-away server (the tests that start their own servers or a browser run once, on SQLite).
test: lint
	$(BIN)/coprod check-surveys
	$(BIN)/pytest -n 2
	$(BIN)/pytest --postgres -m "not server and not browser" -q -n 2

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) node_modules $(BUILD) .mypy_cache .ruff_cache .pytest_cache
