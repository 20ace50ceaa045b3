"""The plugin and the capture dissector apply one SPP detection rule (issue 11, point 7).

The rule is data (``spec/spp_detection.json``), generated into the registry table
the plugin loads and into ``generated/python/registry.py``, which
``proxyproto_kaitai.dissector._spp_rule.SppRule`` applies. The same datagrams go
through both: each in a UDP flow of its own, twice (the flow part of the rule: a
class that does not decide alone needs a second datagram repeating the header).
For every datagram the plugin must claim the first copy exactly when the Python
rule gives a class that decides alone, and the second exactly when it gives any
class. Extra address classes come from the ``spp_prefixes`` preference in the
plugin and from ``extra_classes`` in Python: the shipped rule holds no test or
documentation prefix of its own.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import ipaddress
import random
import struct
from pathlib import Path

import pytest
import vectorlib
from proxyproto_kaitai.dissector._spp_rule import AddressClass, SppRule
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import Tshark
from test_lua_plugin import LUA, run_tshark

pytestmark = pytest.mark.tshark

MAGIC = b"\x56\xec"


def spp(client: str, proxy: str, cport: int = 51000, pport: int = 27015) -> bytes:
    def packed(text: str) -> bytes:
        ip = ipaddress.ip_address(text)
        return (bytes(10) + b"\xff\xff" + ip.packed) if ip.version == 4 else ip.packed

    return MAGIC + packed(client) + packed(proxy) + struct.pack("!HH", cport, pport)


def datagrams() -> list[tuple[str, bytes]]:
    cases = [
        ("ipv4", spp("203.0.113.7", "198.51.100.1")),
        ("ipv4-loopback-client", spp("127.0.0.1", "198.51.100.1")),
        ("ipv4-this-network-proxy", spp("203.0.113.7", "0.1.2.3")),
        ("ipv4-link-local", spp("169.254.9.9", "198.51.100.1")),
        ("ipv4-multicast", spp("203.0.113.7", "239.1.2.3")),
        ("ipv4-broadcast", spp("255.255.255.255", "198.51.100.1")),
        ("ipv4-client-port-0", spp("203.0.113.7", "198.51.100.1", cport=0)),
        ("ipv4-proxy-port-0", spp("203.0.113.7", "198.51.100.1", pport=0)),
        ("ipv6-global", spp("2a01:4f8::7", "2606:4700::1")),
        ("ipv6-documentation", spp("2001:db8::7", "2001:db8::1")),
        ("ipv6-ula", spp("fd00::7", "fd00::1")),
        ("ipv6-global-and-ula", spp("2a01:4f8::7", "fd00::1")),
        ("ipv6-link-local", spp("fe80::7", "2606:4700::1")),
        ("mixed", spp("203.0.113.7", "2606:4700::1")),
        ("short", spp("203.0.113.7", "198.51.100.1")[:37]),
        ("dns-id-56ec", MAGIC + b"\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + b"\x07example"
         + b"\x03com\x00\x00\x01\x00\x01" + bytes(10)),
    ]  # fmt: skip
    for v in vectorlib.all_vectors():
        data = vectorlib.data(v)
        if v["id"].startswith("spp/") and data:
            cases.append((v["id"], data + b"payload"))
    rng = random.Random(11)
    for i in range(150):
        cases.append((f"random-{i}", MAGIC + rng.randbytes(rng.randint(36, 80))))
    for i in range(40):  # IPv6 global unicast by chance: 1 in 64 of random data would be
        body = bytes([0x20 | rng.randint(0, 31)]) + rng.randbytes(15)
        body += bytes([0x20 | rng.randint(0, 31)]) + rng.randbytes(15)
        cases.append((f"random-gua-{i}", MAGIC + body + rng.randbytes(4 + i % 9)))
    return cases


def plugin_verdicts(
    tshark: Tshark, pcap: Path, cases: list[tuple[str, bytes]], *prefs: str
) -> dict[str, tuple[bool, bool]]:
    frames: dict[str, tuple[int, int]] = {}
    with CaptureWriter.open(pcap) as cap:
        for i, (name, data) in enumerate(cases):
            src, dst = (f"10.6.{i // 200}.{i % 200 + 1}", 30000 + i), ("10.9.0.6", 9441)
            frames[name] = (cap.udp(src, dst, data), cap.udp(src, dst, data))
    out, _ = run_tshark(
        tshark, "-X", f"lua_script:{LUA}", *prefs, "-r", str(pcap), "-T", "fields",
        "-e", "frame.number", "-e", "proxyproto.kind",
    )  # fmt: skip
    kinds = {int(r[0]): r[1] for r in (line.split("\t") for line in out.splitlines())}
    first = {f: k.split(",")[0] for f, k in kinds.items()}  # a header may be stacked behind
    return {n: (first[a] == "spp", first[b] == "spp") for n, (a, b) in frames.items()}


def python_verdicts(rule: SppRule, cases: list[tuple[str, bytes]]) -> dict[str, tuple[bool, bool]]:
    out = {}
    for name, data in cases:
        cls = rule.evidence(data)
        out[name] = (cls is not None and cls.decides_alone, cls is not None)
    return out


def test_same_verdicts_as_the_python_rule(tshark: Tshark, tmp_path: Path) -> None:
    cases = datagrams()
    plugin = plugin_verdicts(tshark, tmp_path / "spp.pcap", cases)
    python = python_verdicts(SppRule(), cases)
    differ = {n: (plugin[n], python[n]) for n in python if plugin[n] != python[n]}
    assert not differ, differ
    # The cases reach every outcome: claimed alone, confirmed by a second, never.
    outcomes = set(python.values())
    assert outcomes == {(True, True), (False, True), (False, False)}, outcomes
    assert python["ipv4"] == (True, True) and python["ipv6-documentation"] == (False, True)
    assert python["ipv4-loopback-client"] == python["ipv6-ula"] == (False, False)


def test_extra_prefixes_from_a_preference(tshark: Tshark, tmp_path: Path) -> None:
    """A lab network (fd00::/8, and 127/8 mapped) only with ``spp_prefixes``, in both tools."""
    cases = [
        ("ula", spp("fd00::7", "fd00::1")),
        ("loopback", spp("127.0.0.1", "127.0.0.2")),
        ("ipv4", spp("203.0.113.7", "198.51.100.1")),
    ]
    extra = [
        AddressClass("lab", "fd00::/8", decides_alone=True),
        AddressClass("loop", "::ffff:127.0.0.0/104", decides_alone=True),
    ]
    default = plugin_verdicts(tshark, tmp_path / "a.pcap", cases)
    assert default == python_verdicts(SppRule(), cases)
    assert default["ula"] == default["loopback"] == (False, False)
    pref = "proxyproto.spp_prefixes:fd00::/8,::ffff:127.0.0.0/104"
    with_pref = plugin_verdicts(tshark, tmp_path / "b.pcap", cases, "-o", pref)
    assert with_pref == python_verdicts(SppRule(extra_classes=extra), cases)
    assert with_pref["ula"] == with_pref["loopback"] == (True, True)


def test_a_new_reference_replaces_the_old(tshark: Tshark, tmp_path: Path) -> None:
    """Native IPv6: A, then B (other bytes), then B again: only the second B is claimed in
    tshark's one pass (A never; the reference B only on a later pass)."""
    a = spp("2a01:4f8::7", "2606:4700::1") + b"a"
    b = spp("2a01:4f8::8", "2606:4700::1") + b"b"
    pcap = tmp_path / "ref.pcap"
    with CaptureWriter.open(pcap) as cap:
        src, dst = ("10.7.0.1", 30001), ("10.9.0.7", 9441)
        frames = [cap.udp(src, dst, a), cap.udp(src, dst, b), cap.udp(dst, src, b)]
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap), "-T", "fields",
                        "-e", "frame.number", "-e", "proxyproto.kind")  # fmt: skip
    kinds = {int(r[0]): r[1] for r in (line.split("\t") for line in out.splitlines())}
    assert [kinds[f] for f in frames] == ["", "", "spp"]


def test_no_documentation_prefix_in_the_plugin() -> None:
    """The plugin keeps no address list of its own: the rule comes from the registry."""
    text = LUA.read_text(encoding="utf-8")
    for needle in ("\\x20\\x01\\x0d\\xb8", "2001:db8::/32", "SPP_PROXY_V6", "spp_plausible"):
        assert needle not in text, needle
    assert "registry.spp_detection" in text
