#!/usr/bin/env bash
# check.sh — `make check-targets`: check the generated code of every target
# that cannot be run here, as far as the toolchains reachable from this
# machine's registries allow (Debian packages; no Kaitai runtime for these
# languages is served by PyPI, npm or Debian, so none of them is executed).
#
#   tests/targets/check.sh [GENERATED_DIR]        (default: generated)
#
# What each line checks (see spec/README.md, "Targets"):
#   lua     luac5.3 -p (syntax) + luacheck: no undefined or stray globals;
#           proxyproto_registry.lua (make generate's own, for the Wireshark
#           plugin, which may run on Lua 5.2) also luac5.2 -p
#   go      go/parser + go/types via gotypecheck.go: syntax and types, with
#           the runtime package unknown (calls into it are not checked)
#   java    javac's parser via JavaParse.java: syntax only
#   ruby    ruby -c: syntax
#   php     php -l: syntax
#   perl    perl -c with a stand-in IO::KaitaiStruct: syntax + `use strict`
#   csharp  mcs --parse: syntax + declarations (no runtime, no bodies typed)
#   nim     nimpretty: syntax (nim's parser)
#   rust    rustfmt: syntax (rustc's parser)
#   cpp_stl g++ -fsyntax-only, C++98 and C++17, against cpp-stub/: a
#           declaration-only stand-in of the runtime's headers (types checked
#           against our copy of its API, not against the runtime itself)
# python and javascript are executed by `make test`.

# A missing tool fails the run and names the Debian package to install.
set -uo pipefail

GEN=${1:-generated}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[[ -d $GEN ]] || { echo "check.sh: no folder $GEN" >&2; exit 2; }

failed=0
passed=0
out=$(mktemp)
trap 'rm -f "$out"' EXIT

need() { # need TOOL DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  printf '%-7s FAIL  %s not found: apt-get install %s\n' "$LANG_" "$1" "$2"
  failed=$((failed + 1))
  return 1
}

# run LANG DESCRIPTION CMD...: run CMD, report ok / FAIL with its output.
run() {
  local what=$1; shift
  local t0=$EPOCHREALTIME
  if "$@" >"$out" 2>&1; then
    printf '%-7s ok    %-46s %5ss\n' "$LANG_" "$what" "$(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }")"
    passed=$((passed + 1))
  else
    printf '%-7s FAIL  %s\n' "$LANG_" "$what"
    sed 's/^/        | /' "$out"
    failed=$((failed + 1))
  fi
}

LANG_=lua
if need luac5.3 lua5.3 && need luacheck lua-check; then
  run "luac5.3 -p" luac5.3 -p "$GEN"/lua/*.lua
  if need luac5.2 lua5.2; then
    run "luac5.2 -p proxyproto_registry.lua" luac5.2 -p "$GEN"/lua/proxyproto_registry.lua
  fi
  # Each generated module defines one global, its class: the file name in CamelCase.
  classes=$(for f in "$GEN"/lua/*.lua; do
    [[ $(basename "$f") == proxyproto_registry.lua ]] && continue
    basename "$f" .lua | sed -E 's/(^|_)([a-z0-9])/\U\2/g'
  done)
  # shellcheck disable=SC2086 # one word per class name
  run "luacheck (globals only)" luacheck --no-color --codes --std lua53 --only 1 \
    --globals KaitaiStruct KaitaiStream $classes -- "$GEN"/lua/*.lua
fi

LANG_=go
# `go run` needs a build cache; CI may run without HOME.
[[ -n ${HOME:-} ]] || export GOCACHE=${GOCACHE:-/tmp/proxyproto-go-cache} GOPATH=${GOPATH:-/tmp/proxyproto-gopath}
if need go golang-go; then
  run "gofmt -e (syntax)" gofmt -e -l "$GEN"/go/proxyproto
  run "go/types (runtime package unknown)" go run "$HERE/gotypecheck.go" "$GEN/go/proxyproto"
fi

LANG_=java
if need java default-jdk-headless; then
  run "javac parser (syntax only)" java "$HERE/JavaParse.java" $(find "$GEN/java" -name '*.java' | sort)
fi

LANG_=ruby
if need ruby ruby; then
  for f in "$GEN"/ruby/*.rb; do run "ruby -c $(basename "$f")" ruby -c "$f"; done
fi

LANG_=php
if need php php-cli; then
  for f in "$GEN"/php/*.php; do run "php -l $(basename "$f")" php -l "$f"; done
fi

LANG_=perl
if need perl perl; then
  for f in "$GEN"/perl/*.pm; do run "perl -c $(basename "$f")" perl -I"$HERE/perl-stub" -c "$f"; done
fi

LANG_=csharp
if need mcs mono-mcs; then
  for f in "$GEN"/csharp/*.cs; do run "mcs --parse $(basename "$f")" mcs --parse "$f"; done
fi

LANG_=nim
if need nimpretty nim; then
  for f in "$GEN"/nim/*.nim; do run "nimpretty $(basename "$f")" nimpretty --out:/dev/null "$f"; done
fi

LANG_=rust
if need rustfmt "rustfmt (rustup component)"; then
  for f in "$GEN"/rust/*.rs; do
    run "rustfmt $(basename "$f")" rustfmt --edition 2021 --emit stdout "$f"
  done
fi

LANG_=cpp_stl
if need g++ g++; then
  for std in c++98 c++17; do
    run "g++ -std=$std -fsyntax-only (stub runtime)" g++ -std=$std -fsyntax-only -Wall \
      -I "$HERE/cpp-stub" -I "$GEN/cpp_stl" "$GEN"/cpp_stl/*.cpp
  done
fi

echo "check-targets: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
