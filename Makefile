# proxyproto_kaitai — every task a human or CI runs is a target here.
# `make help` lists them. CI (.ci/run) runs `make test` and `make check`.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
NODE        ?= node
NPM_STAMP   := spec/node_modules/.package-lock.json
VENV_STAMP  := $(VENV)/.installed

.PHONY: help venv npm generate check-generated check-targets test check check-static lint typecheck demo \
        wheel-test clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

# --- set-up ------------------------------------------------------------------

$(VENV_STAMP): pyproject.toml
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(PY) -m pip install --quiet -e '.[dev]'
	touch $@

venv: $(VENV_STAMP) ## create .venv with the package (editable) and the dev tools

$(NPM_STAMP): spec/package.json spec/package-lock.json
	npm ci --prefix spec --no-audit --no-fund --loglevel=error
	touch $@

npm: $(NPM_STAMP) ## install the pinned Kaitai compiler (npm ci in spec/)

# --- generated code ----------------------------------------------------------

# Wipes OUT and writes every target for every spec, then byte-compiles the
# Python output (the compiler exits 0 on some broken output, TOOLCHAIN §1.5).
define generate_into
	$(NODE) spec/generate.mjs $(1)
	$(PY) -m compileall -q $(1)/python
endef

generate: $(NPM_STAMP) $(VENV_STAMP) ## rebuild generated/ from spec/*.ksy
	$(call generate_into,generated)

check-generated: $(NPM_STAMP) $(VENV_STAMP) ## fail if generated/ differs from what spec/ gives
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(NODE) spec/generate.mjs "$$tmp/generated"; \
	$(PY) -m compileall -q "$$tmp/generated/python"; \
	if ! diff -r -q -x __pycache__ generated "$$tmp/generated"; then \
	  echo "generated/ is stale: run 'make generate' and commit the result." >&2; exit 1; \
	fi; echo "generated/ is up to date."

# Syntax/type checks of the targets that cannot be executed here (no Kaitai
# runtime for them in the registries we reach); what each checks: spec/README.md.
check-targets: ## syntax/type-check generated/ for go cpp lua java csharp ruby php perl nim rust
	bash tests/targets/check.sh generated

# --- tests -------------------------------------------------------------------

test: $(VENV_STAMP) $(NPM_STAMP) ## run the test suite (prints the vector count and branch coverage)
	$(PY) -m pytest --cov=proxyproto_kaitai --cov-branch --cov-report=term --cov-fail-under=95

# Real HAProxy and nginx on 127.0.0.1/::1, captured on lo with tshark, read back
# with `proxyproto dissect` (tests/interop/README.md). Needs root for the capture
# and haproxy nginx libnginx-mod-stream tshark openssl; `make test` skips these
# scenarios when a tool is missing, this target (like CI=true) fails instead.
.PHONY: interop
interop: $(VENV_STAMP) ## HAProxy/nginx -> tshark on lo -> proxyproto dissect (lists each scenario)
	INTEROP_REQUIRED=1 $(PY) -m pytest tests/interop -m interop -v

lint: $(VENV_STAMP) ## ruff
	$(VENV)/bin/ruff check proxyproto_kaitai dissector tests
	$(VENV)/bin/ruff format --check proxyproto_kaitai dissector tests

typecheck: $(VENV_STAMP) ## mypy --strict
	$(VENV)/bin/mypy proxyproto_kaitai dissector

check-static: lint typecheck check-generated check-targets wheel-test ## every check except the tests

check: check-static test ## everything CI checks

wheel-test: $(VENV_STAMP) ## build the wheel, install it in a new venv, import and parse
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PY) -m pip wheel --quiet --no-deps -w "$$tmp/dist" . ; \
	$(PYTHON_BOOT) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/pip" install --quiet "$$tmp"/dist/*.whl; \
	cd "$$tmp" && "$$tmp/venv/bin/python" $(CURDIR)/tests/wheel_smoke.py $(CURDIR)/tests/vectors

# Library fuzzing (tests/fuzz_parse.py): atheris, seeded with every shared vector.
# FUZZ_SECONDS bounds the time (default 60), FUZZ_RUNS the inputs (then no time bound
# unless FUZZ_SECONDS is given too); the long mode is `make fuzz FUZZ_RUNS=1000000`.
FUZZ_RUNS    ?= 0
FUZZ_SECONDS ?= $(if $(filter 0,$(FUZZ_RUNS)),60,0)
.PHONY: fuzz bench
fuzz: $(VENV_STAMP) ## coverage-guided fuzzing of parse/detect/HeaderReader (FUZZ_SECONDS, FUZZ_RUNS)
	$(PY) tests/fuzz_parse.py --seconds $(FUZZ_SECONDS) --runs $(FUZZ_RUNS)

bench: $(VENV_STAMP) ## library, dissect and Lua plugin throughput, as ratios against baselines
	$(PY) tests/bench_library.py
	$(PY) tests/bench_dissect.py
	$(PY) tests/bench_lua.py

# The Wireshark plugin (dissector/README.md) goes into the personal Lua plugins folder
# that `tshark -G folders` reports; LUA_PLUGIN_DIR=... installs it somewhere else.
LUA_PLUGIN_DIR ?= $(or $(shell tshark -G folders 2>/dev/null | sed -n 's/^Personal Lua Plugins:[[:space:]]*//p'),$(HOME)/.local/lib/wireshark/plugins)
.PHONY: install-lua
install-lua: ## copy dissector/proxyproto.lua to Wireshark's personal Lua plugins (LUA_PLUGIN_DIR)
	install -d "$(LUA_PLUGIN_DIR)"
	install -m 0644 dissector/proxyproto.lua "$(LUA_PLUGIN_DIR)/proxyproto.lua"
	@echo "installed $(LUA_PLUGIN_DIR)/proxyproto.lua (check: tshark -G protocols | grep proxyproto)"

# --- the main job ------------------------------------------------------------

# The sample is written by dissector/sample.py (a test checks it is up to date).
demo: $(VENV_STAMP) ## dissect the bundled sample capture and print the table
	$(VENV)/bin/proxyproto dissect dissector/samples/sample.pcap

clean: ## remove the venv, node_modules and caches
	rm -rf $(VENV) spec/node_modules .pytest_cache .mypy_cache .ruff_cache .coverage build *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
