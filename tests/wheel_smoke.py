"""Smoke test of the built wheel, run by `make wheel-test`.

Runs in a fresh venv where only the wheel (and its dependencies) is installed:

    python tests/wheel_smoke.py <vectors-dir>

It imports the generated v2 and SPP parsers from the installed package,
parses the first valid vector of v2.json and spp.json, compares fields with
`expect`, checks that the modules come from site-packages (not the checkout)
and that no generated module leaked to the top level. One line per check;
the exit status is non-zero if any check fails. Stdlib and the installed
package only (no pytest, no vectorlib).
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import sysconfig
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CHECKOUT = HERE.parent
LEAKED_NAMES = ("generated", "proxy_protocol_v2", "simple_proxy_protocol")

# Python puts this script's folder (tests/ of the checkout) first on sys.path;
# drop it so that only the installed wheel can satisfy the imports below.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

failures = 0


def check(name: str, ok: bool, detail: str = "") -> None:
    global failures
    if not ok:
        failures += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + (f": {detail}" if detail else ""))


def first_valid(vectors_dir: Path, fmt: str) -> dict[str, Any]:
    doc = json.loads((vectors_dir / f"{fmt}.json").read_text(encoding="utf-8"))
    return next(v for v in doc["vectors"] if v["result"] == "valid")


def import_module(name: str) -> Any:
    try:
        mod = importlib.import_module(name)
    except Exception as exc:  # report any import failure as a failed check
        check(f"import {name}", False, f"{type(exc).__name__}: {exc}")
        return None
    check(f"import {name}", True, str(mod.__file__))
    return mod


def check_location(mod: Any, site_packages: Path) -> None:
    path = Path(mod.__file__).resolve()
    check(
        f"{mod.__name__} is installed in site-packages",
        path.is_relative_to(site_packages) and not path.is_relative_to(CHECKOUT),
        str(path),
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} <vectors-dir>", file=sys.stderr)
        return 2
    vectors_dir = Path(argv[1])
    site_packages = Path(sysconfig.get_paths()["purelib"]).resolve()

    v2_mod = import_module("proxyproto_kaitai.generated.proxy_protocol_v2")
    spp_mod = import_module("proxyproto_kaitai.generated.simple_proxy_protocol")
    for mod in (v2_mod, spp_mod):
        if mod is not None:
            check_location(mod, site_packages)

    for name in LEAKED_NAMES:
        spec = importlib.util.find_spec(name)
        check(
            f"no top-level module {name!r}",
            spec is None,
            "" if spec is None else f"found at {spec.origin}",
        )

    if v2_mod is not None:
        vec = first_valid(vectors_dir, "v2")
        try:
            h = v2_mod.ProxyProtocolV2.from_bytes(bytes.fromhex(vec["hex"]))
            got = (16 + h.len_body, getattr(h.body, "addresses", None))
            want = vec["expect"]
            ok = got[0] == want["length"]
            if want["src_port"] is not None:
                ok = ok and got[1] is not None and got[1].src_port == want["src_port"]
            check(f"parse {vec['id']}", ok, f"length {got[0]}, expect {want['length']}")
        except Exception as exc:
            check(f"parse {vec['id']}", False, f"{type(exc).__name__}: {exc}")

    if spp_mod is not None:
        vec = first_valid(vectors_dir, "spp")
        try:
            data = bytes.fromhex(vec["hex"])
            s = spp_mod.SimpleProxyProtocol.from_bytes(data)
            want = vec["expect"]
            ok = (
                s.client_port == want["src_port"]
                and s.proxy_port == want["dst_port"]
                and s.payload == data[want["length"] :]
            )
            check(f"parse {vec['id']}", ok, f"client port {s.client_port}")
        except Exception as exc:
            check(f"parse {vec['id']}", False, f"{type(exc).__name__}: {exc}")

    print(f"wheel smoke test: {'FAILED, ' + str(failures) + ' check(s)' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
