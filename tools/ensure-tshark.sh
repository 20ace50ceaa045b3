#!/usr/bin/env bash
# Installs what `make demo` needs from the system on a fresh Debian/Ubuntu
# machine: tshark (Wireshark's command-line tools, which `proxyproto dissect`
# runs) and, if Python cannot make a venv yet, python3-venv.
#
# Already there: says nothing. Missing: says so, then installs it with apt-get
# when it can (as root, or with sudo that needs no password), non-interactively
# and answering "no" to Wireshark's question about letting non-root users
# capture (debconf wireshark-common/install-setuid). Otherwise it prints the
# one command to run and exits 1. Other systems: it prints their command.
set -euo pipefail

PYTHON=${PYTHON_BOOT:-python3}
VENV=${VENV:-.venv}

missing=()
command -v tshark >/dev/null 2>&1 || missing+=(tshark)
if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

say() { printf 'ensure-tshark: %s\n' "$*" >&2; }
say "${missing[*]} not installed (proxyproto dissect runs tshark, Wireshark's command-line tools)."

if ! command -v apt-get >/dev/null 2>&1; then
  say "install it with your package manager, then run make demo again:"
  say "  Fedora: sudo dnf install wireshark-cli    macOS: brew install wireshark"
  exit 1
fi

apt_command="apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends ${missing[*]}"
if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  say "run this (it needs root), then make demo again:"
  printf "  sudo sh -c '%s'\n" "$apt_command"
  exit 1
fi

say "installing with apt-get: ${missing[*]}"
echo "wireshark-common wireshark-common/install-setuid boolean false" \
  | "${as_root[@]}" debconf-set-selections
"${as_root[@]}" apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"
if ! command -v tshark >/dev/null 2>&1; then
  say "apt-get finished but tshark is still not on PATH"
  exit 1
fi
say "installed: $(tshark --version | head -n 1)"
