# proxyproto_kaitai — every task a human or CI runs is a target here.
# `make help` lists them. CI (.ci/run) runs `make test` and `make check`.
# Needs a C compiler and the Python headers for the compiled accelerator
# (without them everything still works, pure Python; `make accel` says so).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON_BOOT ?= python3
VENV        := .venv
PY          := $(VENV)/bin/python
NODE        ?= node
NPM_STAMP   := spec/node_modules/.package-lock.json
VENV_STAMP  := $(VENV)/.installed
# Exact versions of everything pip installs, builds included (README: Development).
# pip 26 applies -c/PIP_CONSTRAINT to installs only; the isolated build
# environments get it through --build-constraint (PIP_BUILD_CONSTRAINT).
CONSTRAINTS := $(CURDIR)/constraints.txt
PIN_BUILDS  := PIP_CONSTRAINT=$(CONSTRAINTS) PIP_BUILD_CONSTRAINT=$(CONSTRAINTS)

.PHONY: help venv constraints npm generate check-generated check-targets test check check-static lint \
        typecheck demo wheel-test accel clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-18s %s\n", $$1, $$2}'

# --- set-up ------------------------------------------------------------------

# The editable install also builds the compiled twins in place (setup.py).
$(VENV_STAMP): pyproject.toml constraints.txt
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) --upgrade pip
	PYTHONWARNINGS=ignore $(PIN_BUILDS) $(PY) -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev,dask]'
	touch $@
	-@$(accel_status)

venv: $(VENV_STAMP) ## create .venv with the package (editable, compiled twins in place) and the dev tools

constraints: $(VENV_STAMP) ## rewrite constraints.txt from what .venv has installed now
	@{ sed -n '/^#/p' constraints.txt; $(PY) -m pip freeze --all --exclude-editable; } > constraints.txt.new
	mv constraints.txt.new constraints.txt

# --- compiled accelerator (proxyproto_kaitai/_accel.py) -------------------------
# Cython twins of some modules. Their one table is TWINS in _accel.py, which
# setup.py reads and prints as module=source lines; each twin is an extension
# module in place next to the package and is rebuilt when its source (or its
# C declarations, proxyproto_kaitai/_cy_NAME.pxd, if any) is newer (`test`,
# `bench`, `fuzz` and `wheel-test` depend on `accel`, so a stale twin is never
# tested). A source that does not exist is skipped.
EXT_SUFFIX  := $(shell $(PYTHON_BOOT) -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
ACCEL_TABLE := $(shell $(PYTHON_BOOT) setup.py --twins)
twin_so      = $(subst .,/,$(firstword $(subst =, ,$(1))))$(EXT_SUFFIX)
twin_src     = $(lastword $(subst =, ,$(1)))
twin_pxd     = $(wildcard $(subst .,/,$(firstword $(subst =, ,$(1)))).pxd)
ACCEL_BUILT := $(foreach t,$(ACCEL_TABLE),$(if $(wildcard $(call twin_src,$(t))),$(t)))
ACCEL_SO    := $(foreach t,$(ACCEL_BUILT),$(call twin_so,$(t)))
$(foreach t,$(ACCEL_BUILT),$(eval $(call twin_so,$(t)): $(call twin_src,$(t)) $(call twin_pxd,$(t))))
accel_status = $(PY) -c 'import proxyproto_kaitai._accel as a; \
  print("accelerator:", "compiled twins" if a.ACCELERATED else "pure Python", f"({a.REASON})")'

# One build for all: setup.py recompiles only the twins older than their source
# (--force when setup.py itself changed: its Cython directives). make treats the
# group as one target, out of date when any twin is older than any source, so
# the twins that were up to date are touched: a twin that failed to build is
# removed by setup.py, never touched into a fresh one.
$(ACCEL_SO) &: setup.py | $(VENV_STAMP)
	$(PIN_BUILDS) $(PY) setup.py --quiet build_ext --inplace $(if $(filter setup.py,$?),--force)
	touch -c $(ACCEL_SO)

accel: $(ACCEL_SO) ## rebuild the compiled twins in place if a source is newer (then says which path runs)
	@$(accel_status)

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

# The suite runs twice: everything on the pure modules, with branch coverage
# (coverage cannot see inside the compiled twins), then the library tests on
# the compiled twins (ACCEL_TESTS; a file that does not exist is left out).
ACCEL_TESTS := $(wildcard tests/test_v1.py tests/test_v2.py tests/test_spp.py tests/test_detect.py \
               tests/test_reader.py tests/test_properties.py tests/test_accel.py tests/test_fastpath.py \
               tests/test_stream.py tests/test_vendor.py tests/test_kaitai.py tests/test_origin.py)

test: $(VENV_STAMP) $(NPM_STAMP) accel ## run the test suite: pure path with coverage, then the compiled twins
	@echo "=== 1/2: the pure-Python path (PROXYPROTO_KAITAI_PURE=1): whole suite, branch coverage"
	PROXYPROTO_KAITAI_PURE=1 $(PY) -m pytest --cov=proxyproto_kaitai --cov-branch --cov-report=term \
	  --cov-fail-under=95
	@echo "=== 2/2: the compiled path: library tests on the twins, $$($(accel_status))"
	$(PY) -m pytest $(ACCEL_TESTS)

# Real HAProxy and nginx on 127.0.0.1/::1, captured on lo with tshark, read back
# with `proxyproto dissect` (tests/interop/README.md). Needs root for the capture
# and haproxy nginx libnginx-mod-stream tshark openssl; `make test` skips these
# scenarios when a tool is missing, this target (like CI=true) fails instead.
.PHONY: interop
interop: $(VENV_STAMP) ## HAProxy/nginx -> tshark on lo -> proxyproto dissect (lists each scenario)
	INTEROP_REQUIRED=1 $(PY) -m pytest tests/interop -m interop -v

lint: $(VENV_STAMP) ## ruff
	$(VENV)/bin/ruff check proxyproto_kaitai dissector tests setup.py
	$(VENV)/bin/ruff format --check proxyproto_kaitai dissector tests setup.py

typecheck: $(VENV_STAMP) ## mypy --strict
	$(VENV)/bin/mypy proxyproto_kaitai dissector

check-static: lint typecheck check-generated check-targets wheel-test ## every check except the tests

check: check-static test ## everything CI checks

# Two wheels from one sdist (so the sdist is complete too): the compiled one
# (platform tag) and the pure one (PROXYPROTO_KAITAI_BUILD_PURE=1, py3-none-any),
# each installed in its own new venv and smoke-tested there.
wheel-test: $(VENV_STAMP) accel ## build the sdist, the compiled and the pure wheel; install each in a new venv, import and parse
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(PY) -m build --sdist --no-isolation --outdir "$$tmp/sdist" . >/dev/null; \
	status=0; for kind in compiled pure; do \
	  if [ $$kind = compiled ]; then pure=0; expect=yes; else pure=1; expect=no; fi; \
	  mkdir -p "$$tmp/$$kind/src"; tar -xzf "$$tmp"/sdist/*.tar.gz -C "$$tmp/$$kind/src" --strip-components=1; \
	  PROXYPROTO_KAITAI_BUILD_PURE=$$pure $(PIN_BUILDS) \
	    $(PY) -m pip wheel --quiet --no-deps -w "$$tmp/$$kind/dist" "$$tmp/$$kind/src"; \
	  wheel=$$(ls "$$tmp/$$kind"/dist/*.whl); echo "=== $$kind wheel: $$(basename "$$wheel")"; \
	  $(PYTHON_BOOT) -m venv "$$tmp/$$kind/venv"; \
	  "$$tmp/$$kind/venv/bin/pip" install --quiet -c $(CONSTRAINTS) "$$wheel"; \
	  (cd "$$tmp" && "$$tmp/$$kind/venv/bin/python" $(CURDIR)/tests/wheel_smoke.py \
	    --expect-accelerated $$expect --wheel "$$wheel" $(CURDIR)/tests/vectors) || status=1; \
	done; exit $$status

# Library fuzzing (tests/fuzz_parse.py): atheris, seeded with every shared vector.
# FUZZ_SECONDS bounds the time (default 60), FUZZ_RUNS the inputs (then no time bound
# unless FUZZ_SECONDS is given too); the long mode is `make fuzz FUZZ_RUNS=1000000`.
FUZZ_RUNS    ?= 0
FUZZ_SECONDS ?= $(if $(filter 0,$(FUZZ_RUNS)),60,0)
.PHONY: fuzz bench
fuzz: $(VENV_STAMP) accel ## coverage-guided fuzzing of parse/detect/HeaderReader (FUZZ_SECONDS, FUZZ_RUNS)
	$(PY) tests/fuzz_parse.py --seconds $(FUZZ_SECONDS) --runs $(FUZZ_RUNS)

bench: $(VENV_STAMP) accel ## library, dissect (one file, many files, Dask), Lua plugin and origin throughput, as ratios against baselines
	$(PY) tests/bench_library.py
	$(PY) tests/bench_dissect.py
	$(PY) tests/bench_scale.py
	$(PY) tests/bench_lua.py
	$(PY) tests/bench_origin.py

# The Wireshark plugin (dissector/README.md) goes into the personal Lua plugins folder
# that `tshark -G folders` reports; LUA_PLUGIN_DIR=... installs it somewhere else. Its
# registry table goes where the plugin looks in every layout, ../generated/lua/ next to
# the plugin's folder: outside it, since Wireshark runs every .lua file in it as a plugin.
LUA_PLUGIN_DIR ?= $(or $(shell tshark -G folders 2>/dev/null | sed -n 's/^Personal Lua Plugins:[[:space:]]*//p'),$(HOME)/.local/lib/wireshark/plugins)
.PHONY: install-lua
install-lua: ## copy dissector/proxyproto.lua (and its registry table) to Wireshark's personal Lua plugins (LUA_PLUGIN_DIR)
	install -d "$(LUA_PLUGIN_DIR)" "$(LUA_PLUGIN_DIR)/../generated/lua"
	install -m 0644 dissector/proxyproto.lua "$(LUA_PLUGIN_DIR)/proxyproto.lua"
	install -m 0644 generated/lua/proxyproto_registry.lua "$(LUA_PLUGIN_DIR)/../generated/lua/proxyproto_registry.lua"
	@echo "installed $(LUA_PLUGIN_DIR)/proxyproto.lua and $(LUA_PLUGIN_DIR)/../generated/lua/proxyproto_registry.lua (check: tshark -G protocols | grep proxyproto)"

# --- the main job ------------------------------------------------------------

# The sample is written by dissector/sample.py (a test checks it is up to date).
# On a fresh Debian/Ubuntu machine tools/ensure-tshark.sh first installs tshark
# (and python3-venv) with apt-get when it can, else prints the command to run.
demo: ## set up everything (tshark included), then dissect the bundled sample capture
	@PYTHON_BOOT=$(PYTHON_BOOT) VENV=$(VENV) bash tools/ensure-tshark.sh
	@$(MAKE) --no-print-directory -s $(VENV_STAMP)
	$(VENV)/bin/proxyproto dissect dissector/samples/sample.pcap

clean: ## remove the venv, node_modules, caches, build artefacts and the in-place compiled twins
	rm -rf $(VENV) spec/node_modules .pytest_cache .mypy_cache .ruff_cache .coverage build dist *.egg-info
	rm -f proxyproto_kaitai/_cy_*.so proxyproto_kaitai/_cy_*.pyd
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
