"""The generated registry tables hold exactly the enums of the v2 ``.ksy`` files.

``make generate`` (``spec/generate.mjs``) writes the ``enums:`` of
``spec/proxy_protocol_v2.ksy`` and of the vendor TLV specs
``spec/proxy_protocol_v2_tlv_*.ksy`` (each names its TLV type in an enum
``pp2_type`` of one entry, and has its sub-types) out twice: as Python enum
classes in ``proxyproto_kaitai.generated.registry`` and as one Lua table in
``generated/lua/proxyproto_registry.lua`` (for the Wireshark plugin). Here the
``.ksy`` files are read again, independently of the generator, and every entry
must be in both files with its value and name, and nothing else may be.

The YAML is read with PyYAML when it is installed; otherwise (PyYAML is not a
dependency of this project) with the js-yaml that ``make npm`` puts in
``spec/node_modules``, run by ``node``.
"""

from __future__ import annotations

import enum
import importlib
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from proxyproto_kaitai.generated import registry

ROOT = Path(__file__).resolve().parents[1]
KSY = ROOT / "spec" / "proxy_protocol_v2.ksy"
VENDOR_KSY = tuple(
    ROOT / "spec" / f"proxy_protocol_v2_tlv_{v}.ksy" for v in ("gcp", "aws", "azure")
)
JS_YAML = ROOT / "spec" / "node_modules" / "js-yaml"
LUA = ROOT / "generated" / "lua" / "proxyproto_registry.lua"

# The naming rules of the brief: enum id -> (class, base, name source, prefix, Lua key).
# "orig": the entry's -orig-id without the prefix; "id": the entry's id, upper-cased.
MAPPING: dict[str, tuple[str, type[enum.Enum], str, str, str]] = {
    "command_enum": ("Command", enum.IntEnum, "orig", "", "command"),
    "address_family": ("Family", enum.IntEnum, "orig", "AF_", "family"),
    "transport_protocol": ("Transport", enum.IntEnum, "id", "", "transport"),
    "pp2_type": ("TlvType", enum.IntEnum, "orig", "PP2_TYPE_", "tlv_type"),
    "pp2_subtype_ssl": ("SslSubtype", enum.IntEnum, "orig", "PP2_SUBTYPE_SSL_", "ssl_subtype"),
    "pp2_client": ("SslClient", enum.IntFlag, "orig", "PP2_CLIENT_", "ssl_client"),
    "pp2_subtype_aws": ("AwsSubtype", enum.IntEnum, "orig", "PP2_SUBTYPE_AWS_", "aws_subtype"),
    "pp2_subtype_azure": (
        "AzureSubtype", enum.IntEnum, "orig", "PP2_SUBTYPE_AZURE_", "azure_subtype",
    ),
}  # fmt: skip
CUSTOM_TLV_RANGE = range(0xE0, 0xEF + 1)  # doc/proxy-protocol.txt §2.2.8

# One entry: value -> (name in the registry, -orig-id or None).
Entries = dict[int, tuple[str, str | None]]


def _missing(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (required when CI=true)")
    pytest.skip(why)


def _load_enums(ksy: Path) -> dict[Any, Any]:
    """The ``enums:`` mapping of a .ksy, through PyYAML or node + js-yaml."""
    try:
        yaml = importlib.import_module("yaml")
    except ImportError:
        pass
    else:
        spec = yaml.safe_load(ksy.read_text(encoding="utf-8"))
        return dict(spec.get("enums") or {})
    node = shutil.which("node")
    if node is None:
        _missing("PyYAML is not installed and node (to read the .ksy with js-yaml) is missing")
    if not JS_YAML.is_dir():
        _missing("PyYAML is not installed and spec/node_modules has no js-yaml: run `make npm`")
    assert node is not None
    script = (
        "const fs = require('fs');"
        "const yaml = require(process.argv[1]);"
        "const spec = yaml.load(fs.readFileSync(process.argv[2], 'utf8'));"
        "process.stdout.write(JSON.stringify(spec.enums || {}));"
    )
    proc = subprocess.run(
        [node, "-e", script, str(JS_YAML), str(ksy)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    enums: dict[Any, Any] = json.loads(proc.stdout)
    return enums


@cache
def ksy_enums() -> dict[Path, dict[Any, Any]]:
    """The ``enums:`` of the core spec and of each vendor TLV spec."""
    return {ksy: _load_enums(ksy) for ksy in (KSY, *VENDOR_KSY)}


@cache
def ksy_entries() -> dict[str, Entries]:
    """Per mapped enum id, the entries of the .ksy files named by the rules of MAPPING."""
    out: dict[str, Entries] = {}
    for enum_id, (_cls, _base, source, prefix, _lua) in MAPPING.items():
        found = [enums[enum_id] for enums in ksy_enums().values() if enum_id in enums]
        assert found, f"enum {enum_id} is in none of the .ksy files"
        entries: Entries = {}
        for key, entry in (item for entries_ in found for item in entries_.items()):
            value = key if isinstance(key, int) else int(key, 0)  # js-yaml: "33"
            spec = {"id": entry} if isinstance(entry, str) else entry
            orig = spec.get("-orig-id")
            if source == "id":
                name = spec["id"].upper()
            else:
                assert isinstance(orig, str) and orig.startswith(prefix), (enum_id, key, spec)
                name = orig.removeprefix(prefix)
            assert value not in entries, (enum_id, key, "defined twice")
            entries[value] = (name, orig)
        out[enum_id] = entries
    return out


def _hex(value: int) -> str:
    return f"0x{value:02X}"


# --------------------------------------------------------------------------- Python


@pytest.mark.parametrize("enum_id", list(MAPPING))
def test_python_class_holds_exactly_the_ksy_entries(enum_id: str) -> None:
    cls_name, base, _source, _prefix, _lua = MAPPING[enum_id]
    cls = getattr(registry, cls_name)
    assert issubclass(cls, base)
    expected = {value: name for value, (name, _orig) in ksy_entries()[enum_id].items()}
    members = dict(cls.__members__)
    if base is enum.IntFlag:  # the one member that is not in the .ksy
        assert members.pop("NONE").value == 0
        assert 0 not in expected
    assert {m.value: name for name, m in members.items()} == expected
    assert len(members) == len(expected)  # no aliases
    # Written in ascending value order.
    assert [m.value for m in members.values()] == sorted(expected)


def test_python_source_names_the_spec_ids() -> None:
    """Each member with an ``-orig-id`` carries it as a comment: ``ALPN = 0x01  # PP2_...``."""
    source = Path(registry.__file__).read_text(encoding="utf-8")
    for enum_id, entries in ksy_entries().items():
        for value, (name, orig) in entries.items():
            line = f"    {name} = {_hex(value)}" + (f"  # {orig}" if orig else "")
            assert re.search(rf"^{re.escape(line)}$", source, re.M), (enum_id, line)


def test_vendor_tlv_types_are_the_custom_range_pp2_types() -> None:
    expected = {v for v in ksy_entries()["pp2_type"] if v in CUSTOM_TLV_RANGE}
    assert expected, "no pp2_type entry in the custom range 0xE0-0xEF"
    # The core spec leaves the custom range raw: only the vendor specs name types in it.
    core = {int(str(k), 0) for k in ksy_enums()[KSY]["pp2_type"]}
    assert not core & set(CUSTOM_TLV_RANGE), sorted(core & set(CUSTOM_TLV_RANGE))
    vendor = {int(str(k), 0) for ksy in VENDOR_KSY for k in ksy_enums()[ksy]["pp2_type"]}
    assert vendor == expected
    for ksy in VENDOR_KSY:
        assert len(ksy_enums()[ksy]["pp2_type"]) == 1, f"{ksy.name}: one TLV type per vendor spec"
    assert isinstance(registry.VENDOR_TLV_TYPES, frozenset)
    assert set(registry.VENDOR_TLV_TYPES) == expected
    assert all(isinstance(t, registry.TlvType) for t in registry.VENDOR_TLV_TYPES)


def test_python_module_exports_nothing_else() -> None:
    classes = {cls for cls, *_ in MAPPING.values()}
    assert set(registry.__all__) == classes | {"SPP_DETECTION", "VENDOR_TLV_TYPES"}
    public = {n for n in vars(registry) if not n.startswith("_")} - {"annotations", "enum"}
    assert public == set(registry.__all__)


# --------------------------------------------------------------------------- Lua

LUA_OPEN = re.compile(r"^    ([a-z_]+) = \{$")
LUA_NAME = re.compile(r'^        \[(0x[0-9a-fA-F]+)\] = "([A-Z][A-Z0-9_]*)",(?: -- (\S+))?$')
LUA_FLAG = re.compile(r"^        \[(0x[0-9a-fA-F]+)\] = true,(?: -- \S+)?$")


def _parse_lua() -> dict[str, dict[int, Any]]:
    """The generated Lua module, read by its fixed layout; any other line fails."""
    lines = LUA.read_text(encoding="utf-8").splitlines()
    # The SPP detection rule (tests/test_dissect_spp_rule.py checks it) is the last table.
    start = lines.index("    spp_detection = {")
    assert lines[-2:] == ["    },", "}"], lines[-2:]
    lines = lines[:start] + lines[-1:]
    body = [line for line in lines if line.strip() and not line.lstrip().startswith("--")]
    assert body[0] == "return {" and body[-1] == "}", (body[0], body[-1])
    tables: dict[str, dict[int, Any]] = {}
    current: dict[int, Any] | None = None
    for line in body[1:-1]:
        if (m := LUA_OPEN.match(line)) is not None:
            assert current is None and m.group(1) not in tables, line
            current = tables[m.group(1)] = {}
        elif line == "    },":
            assert current is not None, line
            current = None
        elif (m := LUA_NAME.match(line)) is not None:
            assert current is not None, line
            value = int(m.group(1), 16)
            assert value not in current, line
            current[value] = (m.group(2), m.group(3))
        elif (m := LUA_FLAG.match(line)) is not None:
            assert current is not None, line
            current[int(m.group(1), 16)] = True
        else:
            raise AssertionError(f"{LUA.name}: unexpected line {line!r}")
    assert current is None, "unclosed table"
    return tables


def test_lua_table_holds_exactly_the_ksy_entries() -> None:
    assert LUA.exists(), "generated/lua/proxyproto_registry.lua is missing: run `make generate`"
    tables = _parse_lua()
    lua_keys = {lua: enum_id for enum_id, (*_, lua) in MAPPING.items()}
    assert set(tables) == set(lua_keys) | {"vendor_tlv_types"}
    for lua, enum_id in lua_keys.items():
        assert tables[lua] == ksy_entries()[enum_id], lua
        assert list(tables[lua]) == sorted(tables[lua]), f"{lua}: not in ascending order"
    vendor = {v for v in ksy_entries()["pp2_type"] if v in CUSTOM_TLV_RANGE}
    assert tables["vendor_tlv_types"] == dict.fromkeys(vendor, True)


def test_lua_and_python_agree() -> None:
    """The two files name every value alike (the Wireshark plugin and the library)."""
    tables = _parse_lua()
    for cls_name, base, _source, _prefix, lua in MAPPING.values():
        cls = getattr(registry, cls_name)
        python = {m.value: name for name, m in cls.__members__.items()}
        if base is enum.IntFlag:
            python.pop(0)
        assert {v: name for v, (name, _orig) in tables[lua].items()} == python, cls_name
