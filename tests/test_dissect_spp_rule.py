"""The shared SPP detection rule: one rule as data, applied alike (issue 10, point 1).

``spec/spp_detection.json`` (with the layout of ``spec/simple_proxy_protocol.ksy``)
is generated into ``SPP_DETECTION`` (Python) and ``spp_detection`` (the Lua
registry). Here the JSON and the ``.ksy`` are read again, independently of the
generator, and both generated forms must say the same; the shipped rule must
hold no documentation-only prefix; and `SppRule` must claim what the rule
says and nothing else (a DNS query with ID 0x56EC, random bytes after
``56 EC``, every ``tests/vectors/spp.json`` vector).
"""

from __future__ import annotations

import ipaddress
import json
import random
import shutil
import struct
import subprocess
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector._spp_rule import AddressClass, SppRule
from proxyproto_kaitai.generated.registry import SPP_DETECTION

ROOT = Path(__file__).resolve().parents[1]
RULE_JSON = ROOT / "spec" / "spp_detection.json"
LUA_REGISTRY = ROOT / "generated" / "lua" / "proxyproto_registry.lua"

# Address blocks reserved for documentation and examples (RFC 5737, RFC 3849,
# RFC 9637): a rule for real traffic must neither need nor name them.
DOCUMENTATION = tuple(
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20")
)
MAPPED = bytes(10) + b"\xff\xff"


def rule_json() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(RULE_JSON.read_text(encoding="utf-8"))
    return data


def spp(client: bytes, proxy: bytes, cport: int = 51239, pport: int = 27015) -> bytes:
    return b"\x56\xec" + client + proxy + struct.pack("!HH", cport, pport)


def v4(addr: str) -> bytes:
    return MAPPED + ipaddress.IPv4Address(addr).packed


def v6(addr: str) -> bytes:
    return ipaddress.IPv6Address(addr).packed


# --- the data -------------------------------------------------------------------------


def test_python_registry_is_the_json_with_the_ksy_layout() -> None:
    data = rule_json()
    # The layout, read from the .ksy by hand: magic 56 EC, 16-byte addresses, u2 ports.
    ksy = (ROOT / "spec" / "simple_proxy_protocol.ksy").read_text(encoding="utf-8")
    assert "contents: [0x56, 0xec]" in ksy
    assert SPP_DETECTION["magic"] == 0x56EC and SPP_DETECTION["header_length"] == 38
    assert [SPP_DETECTION[f"{f}_offset"] for f in ("client_addr", "proxy_addr")] == [2, 18]
    assert [SPP_DETECTION[f"{f}_offset"] for f in ("client_port", "proxy_port")] == [34, 36]
    assert SPP_DETECTION["ports_nonzero"] is data["ports_nonzero"]
    classes = SPP_DETECTION["address_classes"]
    assert isinstance(classes, tuple)
    assert [
        {"name": c["name"], "prefix": c["prefix"], "exclude": list(c["exclude"]),
         "decides_alone": c["decides_alone"]}
        for c in classes
    ] == [{k: v for k, v in c.items() if k != "doc"} for c in data["address_classes"]]  # fmt: skip


def _lua_dump() -> dict[str, Any]:
    """The Lua registry's spp_detection, dumped as JSON by a Lua interpreter."""
    lua = shutil.which("lua5.2") or shutil.which("lua5.3") or shutil.which("lua")
    if lua is None:
        pytest.skip("no Lua interpreter (apt-get install lua5.2)")
    script = r"""
local r = dofile(arg[1]).spp_detection
local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end
local function pfx(p) return '["' .. hex(p[1]) .. '",' .. p[2] .. ']' end
local parts = {}
for _, k in ipairs({"magic", "header_length", "client_addr_offset", "proxy_addr_offset",
                    "client_port_offset", "proxy_port_offset"}) do
  parts[#parts + 1] = '"' .. k .. '":' .. r[k]
end
parts[#parts + 1] = '"ports_nonzero":' .. tostring(r.ports_nonzero)
local cls = {}
for _, c in ipairs(r.address_classes) do
  local ex = {}
  for _, e in ipairs(c.exclude) do ex[#ex + 1] = pfx(e) end
  cls[#cls + 1] = '{"name":"' .. c.name .. '","prefix":' .. pfx(c.prefix) .. ',"exclude":[' ..
    table.concat(ex, ",") .. '],"decides_alone":' .. tostring(c.decides_alone) .. '}'
end
parts[#parts + 1] = '"address_classes":[' .. table.concat(cls, ",") .. ']'
print("{" .. table.concat(parts, ",") .. "}")
"""
    done = subprocess.run(
        [lua, "-", str(LUA_REGISTRY)], input=script, capture_output=True, text=True, check=True
    )
    out: dict[str, Any] = json.loads(done.stdout)
    return out


def _lua_prefix(text: str) -> list[Any]:
    net = ipaddress.IPv6Network(text)
    return [net.network_address.packed[: (net.prefixlen + 7) // 8].hex(), net.prefixlen]


def test_lua_registry_says_the_same() -> None:
    lua = _lua_dump()
    offsets = [f"{f}_offset" for f in ("client_addr", "proxy_addr", "client_port", "proxy_port")]
    for key in ("magic", "header_length", "ports_nonzero", *offsets):
        assert lua[key] == SPP_DETECTION[key], key
    classes = SPP_DETECTION["address_classes"]
    assert isinstance(classes, tuple)
    assert lua["address_classes"] == [
        {
            "name": c["name"],
            "prefix": _lua_prefix(c["prefix"]),
            "exclude": [_lua_prefix(e) for e in c["exclude"]],
            "decides_alone": c["decides_alone"],
        }
        for c in classes
    ]


def test_shipped_rule_has_no_documentation_prefix() -> None:
    data = rule_json()
    for c in data["address_classes"]:
        for text in (c["prefix"], *c["exclude"]):
            net = ipaddress.IPv6Network(text)
            mapped = net.network_address.ipv4_mapped
            for doc in DOCUMENTATION:
                if doc.version == 6:
                    assert not net.subnet_of(doc), f"{text} is documentation-only ({doc})"
                elif mapped is not None and net.prefixlen >= 96:
                    inner = ipaddress.IPv4Network(f"{mapped}/{net.prefixlen - 96}")
                    assert not inner.subnet_of(doc), f"{text} is documentation-only ({doc})"


def test_bad_rules_are_refused() -> None:
    with pytest.raises(ValueError, match="no 'magic'"):
        SppRule({})
    bad = dict(SPP_DETECTION)
    bad["address_classes"] = ({"name": "x", "prefix": "2000::1/3", "exclude": ()},)
    with pytest.raises(ValueError, match="not an IPv6 prefix"):
        SppRule(bad)


# --- applying it ----------------------------------------------------------------------


def _name(payload: bytes, rule: SppRule | None = None) -> str | None:
    found = (rule or SppRule()).evidence(payload)
    return None if found is None else found.name


def test_dns_with_id_0x56ec_is_not_spp() -> None:
    query = bytes.fromhex("56ec0100000100000000000107") + b"example\x03com\x00\x00\x01\x00\x01"
    query += bytes.fromhex("0000291000000000000000")  # EDNS OPT
    answer = bytes.fromhex("56ec8180000100010000000107") + b"example\x03com\x00\x00\x01\x00\x01"
    answer += bytes.fromhex("c00c000100010000012c00045db8d822")
    assert len(query) >= 38 and len(answer) >= 38
    assert _name(query) is None and _name(answer) is None


def test_random_bytes_after_the_magic_are_rarely_spp() -> None:
    rng = random.Random(0x56EC)
    names = [_name(b"\x56\xec" + rng.randbytes(rng.randrange(36, 200))) for _ in range(20000)]
    # Never IPv4-mapped (192 fixed bits); both addresses in 2000::/3 about 1 in 64, and
    # that class never decides alone (a second datagram must repeat the header).
    assert "ipv4_mapped" not in names
    native = names.count("ipv6_global_unicast")
    assert 200 < native < 450, native
    assert names.count(None) == len(names) - native


@pytest.mark.parametrize(
    ("client", "proxy", "ports", "expected"),
    [
        (v4("8.8.8.8"), v4("104.16.0.1"), (51239, 27015), "ipv4_mapped"),
        (v4("10.1.2.3"), v4("172.16.0.1"), (1, 1), "ipv4_mapped"),  # private: labs use them
        (v4("8.8.8.8"), v4("104.16.0.1"), (0, 27015), None),
        (v4("8.8.8.8"), v4("104.16.0.1"), (51239, 0), None),
        (v4("0.1.2.3"), v4("104.16.0.1"), (1, 1), None),
        (v4("8.8.8.8"), v4("127.0.0.1"), (1, 1), None),
        (v4("169.254.1.1"), v4("104.16.0.1"), (1, 1), None),
        (v4("224.0.0.251"), v4("104.16.0.1"), (1, 1), None),
        (v4("8.8.8.8"), v4("255.255.255.255"), (1, 1), None),
        (v4("8.8.8.8"), v6("2606:4700::1"), (1, 1), None),  # mixed
        (v6("2a00:1450::1"), v6("2606:4700::1"), (1, 1), "ipv6_global_unicast"),
        (v6("fe80::1"), v6("2606:4700::1"), (1, 1), None),
        (v6("2a00:1450::1"), v6("fd00::1"), (1, 1), None),
        (v6("::1"), v6("::1"), (1, 1), None),
        (bytes(12) + bytes([192, 0, 2, 1]), v6("2606:4700::1"), (1, 1), None),  # v4-compatible
    ],
)
def test_address_classes(
    client: bytes, proxy: bytes, ports: tuple[int, int], expected: str | None
) -> None:
    payload = spp(client, proxy, *ports)
    assert _name(payload) == expected
    assert _name(payload + b"payload") == expected
    assert _name(payload[:37]) is None  # 38 bytes or nothing


def test_tests_supply_their_own_prefixes() -> None:
    ula = spp(v6("fd00::1"), v6("fd00::2"))
    assert _name(ula) is None
    rule = SppRule(extra_classes=[AddressClass("lab", "fd00::/8", decides_alone=True)])
    assert _name(ula, rule) == "lab"
    found = rule.evidence(ula)
    assert found is not None and found.decides_alone


def test_every_vector() -> None:
    """Valid SPP vectors with plausible addresses are claimed; every other one is not."""
    rule = SppRule()
    claimed = {}
    for vector in vectorlib.all_vectors():
        if vector["id"].startswith("spp/"):
            found = rule.evidence(vectorlib.data(vector))
            claimed[vector["id"]] = None if found is None else found.name
    assert {k for k, v in claimed.items() if v == "ipv4_mapped"} == {
        "spp/inet/spec-notes",
        "spp/inet/dns-query",
        "spp/inet/reply-direction",
        "spp/inet/one-byte-payload",
        "spp/inet/large-payload",
        "spp/inet/payload-starts-with-magic",
        "spp/inet/payload-is-ppv2",
    }
    assert {k for k, v in claimed.items() if v == "ipv6_global_unicast"} == {
        "spp/inet6/native",
        "spp/inet6/native-with-payload",
        "spp/inet6/full-width",
    }
