"""Smoke test of the built wheel, run by `make wheel-test`.

Runs in a fresh venv where only the wheel (and its dependencies) is installed:

    python tests/wheel_smoke.py --expect-accelerated yes|no [--wheel FILE] <vectors-dir>

It imports the generated v2 and SPP parsers from the installed package,
parses the first valid vector of v2.json and spp.json, compares fields with
`expect`, checks that the modules come from site-packages (not the checkout)
and that no generated module leaked to the top level. Then the accelerator:
`proxyproto_kaitai._accel.ACCELERATED` must be what this wheel should give
(``yes`` for the compiled wheel: every twin an extension module in
site-packages; ``no`` for the pure one: no twin installed), ``--wheel`` must
carry the matching tag (platform, or ``py3-none-any``), and the library's own
`parse` must read the v2 vector (through the twins when compiled). The
Wireshark plugin and the registry table it loads must both be installed, the
table where the plugin looks, and tshark (when installed) must load the
installed plugin with it. ``dissect --scheduler`` must name the ``dask``
extra, which the wheel alone does not install. One line per check; the exit
status is non-zero if any check fails. Stdlib and the installed package only
(no pytest, no vectorlib).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
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


def check_accelerator(expect: bool, wheel: str | None, vectors_dir: Path, site: Path) -> None:
    if wheel is not None:
        tag = Path(wheel).name.removesuffix(".whl").split("-", 2)[2]
        check(
            f"wheel tag is {'a platform tag' if expect else 'py3-none-any'}",
            not tag.endswith("-none-any") if expect else tag == "py3-none-any",
            tag,
        )
    if os.environ.get("PROXYPROTO_KAITAI_PURE"):
        check("PROXYPROTO_KAITAI_PURE is not set", False, "it would force the pure path")
    accel = import_module("proxyproto_kaitai._accel")
    if accel is None:
        return
    check(
        f"ACCELERATED is {expect}",
        accel.ACCELERATED is expect,
        f"ACCELERATED={accel.ACCELERATED}, REASON={accel.REASON!r}",
    )
    for name in accel.TWINS:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin).resolve() if spec is not None and spec.origin else None
        if expect:
            check(
                f"{name} is an extension module in site-packages",
                origin is not None
                and origin.is_relative_to(site)
                and origin.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)),
                str(origin),
            )
        else:
            check(f"{name} is not installed", spec is None, str(origin))
    try:
        mod = accel.twin("v2")
        want_twin = "proxyproto_kaitai._cy_v2" if expect else None
        got_twin = None if mod is None else mod.__name__
        check(f"twin('v2') is {want_twin}", got_twin == want_twin, str(got_twin))
    except Exception as exc:
        check("twin('v2')", False, f"{type(exc).__name__}: {exc}")

    vec = first_valid(vectors_dir, "v2")
    try:
        pp = importlib.import_module("proxyproto_kaitai")
        h = pp.parse(bytes.fromhex(vec["hex"]))
        want = vec["expect"]
        ok = h.length == want["length"] and h.src_port == want["src_port"]
        path = "compiled twins" if accel.ACCELERATED else "pure modules"
        check(
            f"proxyproto_kaitai.parse {vec['id']} ({path})",
            ok,
            f"length {h.length}, src_port {h.src_port}",
        )
    except Exception as exc:
        check(f"proxyproto_kaitai.parse {vec['id']}", False, f"{type(exc).__name__}: {exc}")


def check_lua_plugin(site: Path) -> None:
    """The Wireshark plugin and the registry table it loads are both in the wheel, where
    the plugin looks (``../generated/lua/`` next to its folder), and tshark, when there
    is one, loads the installed copy (the path `proxyproto dissect --lua` gives tshark)."""
    try:
        tshark_mod = importlib.import_module("proxyproto_kaitai.dissector._tshark")
        plugin = Path(tshark_mod.lua_plugin_path()).resolve()
    except Exception as exc:
        check("lua_plugin_path()", False, f"{type(exc).__name__}: {exc}")
        return
    check("proxyproto.lua is installed in site-packages", plugin.is_relative_to(site), str(plugin))
    table = plugin.parent.parent / "generated" / "lua" / "proxyproto_registry.lua"
    check("its registry table is at ../generated/lua/", table.is_file(), str(table))
    tshark = shutil.which("tshark")
    if tshark is None:
        print("skip tshark is not installed: the installed plugin is not loaded")
        return
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home}
        proc = subprocess.run(
            [tshark, "-G", "values", "-X", f"lua_script:{plugin}"],
            capture_output=True, text=True, env=env, timeout=120, check=False,
        )  # fmt: skip
    names = {
        line.split("\t")[3]
        for line in proc.stdout.splitlines()
        if line.startswith("V\tproxyproto.tlv.ssl.sub_tlv.type\t")
    }
    errors = [line for line in proc.stderr.splitlines() if "lua" in line.lower()]
    check(
        "tshark loads the installed plugin with its table",
        proc.returncode == 0 and not errors and "CLIENT_CERT" in names,
        "; ".join(errors) or f"SSL sub-TLV names: {sorted(names)}",
    )


def check_without_dask() -> None:
    """Without the ``dask`` extra (not installed here), ``--scheduler`` names the extra."""
    if importlib.util.find_spec("distributed") is not None:
        print("skip --scheduler without Dask: distributed is installed here")
        return
    command = [sys.executable, "-m", "proxyproto_kaitai", "dissect", "a.pcap"]
    proc = subprocess.run(
        [*command, "--scheduler", "tcp://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    hint = "pip install 'proxyproto-kaitai[dask]'"
    check(
        "dissect --scheduler without Dask names the extra",
        proc.returncode == 1 and hint in proc.stderr and "Traceback" not in proc.stderr,
        f"exit {proc.returncode}: {proc.stderr.strip()}",
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog=Path(argv[0]).name, description=__doc__.split("\n")[0])
    parser.add_argument("--expect-accelerated", choices=("yes", "no"), required=True)
    parser.add_argument("--wheel", help="the installed wheel file, to check its tag")
    parser.add_argument("vectors_dir", type=Path)
    args = parser.parse_args(argv[1:])
    vectors_dir = args.vectors_dir
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
            # the ports are fields of the body (older specs: of body.addresses)
            addresses = getattr(h.body, "addresses", h.body)
            got = (16 + h.len_body, getattr(addresses, "src_port", None))
            want = vec["expect"]
            ok = got == (want["length"], want["src_port"])
            check(
                f"parse {vec['id']}",
                ok,
                f"length {got[0]}, src_port {got[1]}; expect {want['length']}, {want['src_port']}",
            )
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

    check_accelerator(args.expect_accelerated == "yes", args.wheel, vectors_dir, site_packages)
    check_lua_plugin(site_packages)
    check_without_dask()

    print(f"wheel smoke test: {'FAILED, ' + str(failures) + ' check(s)' if failures else 'passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
