"""The plugin's first fault is the library's fault (issue 11, point 6).

The library parses a v2 header with the generated Kaitai parser first (the TLV
framing: a length past the end, stray bytes, a CRC32C value that is not 4 bytes,
an SSL value shorter than its fixed part and the framing inside it) and only then
checks its own rules in wire order (UNIQUE_ID length, a second CRC32C, the
checksum). Inputs with a CRC32C TLV (right or wrong) or a long UNIQUE_ID before a
later framing fault are built here, each as a TCP stream; the first ``Error`` /
``Warning`` expert of the plugin must name the library's ``field`` and ``offset``.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import itertools
import json
import struct
from pathlib import Path

import pytest
from crc32c import crc32c
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import Tshark
from test_lua_plugin import LUA, SIG, Packet, run_tshark

import proxyproto_kaitai

pytestmark = pytest.mark.tshark


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!BH", kind, len(value)) + value


ADDRESSES = {
    0x11: bytes([203, 0, 113, 7, 198, 51, 100, 20]) + struct.pack("!HH", 51234, 443),
    0x21: bytes(range(32)) + struct.pack("!HH", 51234, 443),
}

#: Rule-level TLVs that come first (the library checks them after the parse).
BEFORE = {
    "crc-right": "crc",
    "crc-wrong": _tlv(0x03, b"\xde\xad\xbe\xef"),
    "crc-then-unique-id-long": "crc+uid",
}

#: Framing faults that come later (found by the parse).
AFTER = {
    "stray-1": b"\x01",
    "stray-2": b"\x01\x00",
    "overflow-1": b"\x01\x00\x03h2",
    "overflow-100": b"\x02\x00\x64www",
    "ssl-short-0": _tlv(0x20, b""),
    "ssl-short-4": _tlv(0x20, b"\x01\x00\x00\x00"),
    "ssl-sub-overflow": _tlv(0x20, b"\x01\x00\x00\x00\x00" + b"\x22\x00\x09short"),
    "ssl-sub-stray": _tlv(0x20, b"\x01\x00\x00\x00\x00" + _tlv(0x21, b"TLSv1.3") + b"\x22"),
    "crc-len-2": _tlv(0x03, b"\x00\x00"),
    "alpn-then-stray": _tlv(0x01, b"h2") + b"\x05\x00",
}


def build(before: str, after: bytes, fam: int, command: int) -> bytes:
    """A v2 header: addresses (for PROXY), the rule-level TLV(s), then the framing fault."""
    addresses = ADDRESSES[fam] if command == 1 else b""
    crc_at = None
    first = BEFORE[before]
    if first in ("crc", "crc+uid"):
        crc_at = 16 + len(addresses) + 3
        first = _tlv(0x03, bytes(4))
        if before == "crc-then-unique-id-long":
            first += _tlv(0x05, bytes(200))
    assert isinstance(first, bytes)
    body = addresses + first + after
    data = SIG + bytes([0x20 | command, fam]) + struct.pack("!H", len(body)) + body
    if crc_at is not None and before == "crc-right":
        value = crc32c(data)
        data = data[:crc_at] + struct.pack("!I", value) + data[crc_at + 4 :]
    return data


CASES = [
    (f"{b}/{a}/fam{fam:02x}/{'proxy' if cmd else 'local'}", build(b, raw, fam, cmd))
    for b, (a, raw), fam, cmd in itertools.product(BEFORE, AFTER.items(), ADDRESSES, (1, 0))
]


def test_first_fault_is_the_librarys(tshark: Tshark, tmp_path: Path) -> None:
    pcap = tmp_path / "faults.pcap"
    frames = {}
    with CaptureWriter.open(pcap) as cap:
        for i, (name, data) in enumerate(CASES):
            conn = cap.tcp((f"10.5.{i // 200}.{i % 200 + 1}", 20000 + i), ("10.9.0.5", 9440))
            conn.handshake()
            (frames[name],) = conn.client_send(data)
            conn.close()
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap), "-T", "json")
    packets = {}
    for pkt in json.loads(out, object_pairs_hook=list):
        p = Packet(dict(dict(pkt)["_source"])["layers"])
        packets[p.number] = p
    problems = []
    with_crc = 0
    for name, data in CASES:
        with pytest.raises(proxyproto_kaitai.InvalidHeaderError) as info:
            proxyproto_kaitai.parse(data)
        where = f"[field {info.value.field}, offset {info.value.offset}]"
        bad = packets[frames[name]].bad_experts()
        if not bad or where not in bad[0]["message"]:
            problems.append(f"{name}: library {where}, plugin {[e['message'] for e in bad]}")
        if len(bad) > 1 and any(e["abbrev"] == "proxyproto.crc32c_mismatch" for e in bad):
            with_crc += 1  # the mismatch is still reported, after the library's fault
    assert len(CASES) >= 66
    assert with_crc > 0
    assert not problems, "\n".join(problems)
