"""Strings the Wireshark plugin writes are valid UTF-8, wire bytes escaped (issue 11, point 4).

Expert messages quote wire bytes as the library does (Python's ``repr`` of bytes:
``b'PROXY\\xa0TCP4'``), text fields keep valid UTF-8 and escape the rest, so
``tshark -T json`` / ``-T fields`` output is valid UTF-8 and pyshark's JSON mode
reads it. Each case is a TCP stream (or a datagram) of one capture; tshark runs
once per output format.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import importlib.resources
import json
import struct
from pathlib import Path

import pytest
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import Tshark
from test_lua_plugin import LUA, SIG, Packet, run_tshark

import proxyproto_kaitai

pytestmark = pytest.mark.tshark


NBSP_LINE = b"PROXY\xa0TCP4 203.0.113.7 198.51.100.20 51234 9440\r\n"


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!BH", kind, len(value)) + value


def _v2(fam: int, addresses: bytes, tlvs: bytes = b"") -> bytes:
    body = addresses + tlvs
    return SIG + bytes([0x21, fam]) + struct.pack("!H", len(body)) + body


INET = bytes([203, 0, 113, 7, 198, 51, 100, 20]) + struct.pack("!HH", 51234, 9440)

#: (name, bytes at the start of a TCP stream on the heuristic port)
CASES = [
    ("magic", NBSP_LINE),
    ("family", b"PROXY TC\xffP4 203.0.113.7 198.51.100.20 51234 9440\r\n"),
    ("src_addr", b"PROXY TCP4 203.0.113.\xe9 198.51.100.20 51234 9440\r\n"),
    ("control", b"PROXY TCP4 203.0.\x01\x7f.7 198.51.100.20 51234 9440\r\n"),
    ("quote", b"PROXY TCP4 'x\" 198.51.100.20 51234 9440\r\n"),
    ("unknown-tail", b"PROXY UNKNOWN \xff\xfe caf\xc3\xa9 \x00\r\n"),
    ("alpn", _v2(0x11, INET, _tlv(0x01, b"h2\xff\xfe"))),
    ("ssl-cn", _v2(0x11, INET, _tlv(0x20, b"\x01\x00\x00\x00\x00" + _tlv(0x22, b"\xc3\x28")))),
    ("unix", _v2(0x31, b"/tmp/\xff\xfe.sock".ljust(108, b"\x00") + b"@\xe9".ljust(108, b"\x00"))),
]


@pytest.fixture(scope="module")
def capture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    pcap = tmp_path_factory.mktemp("text") / "text.pcap"
    frames = {}
    with CaptureWriter.open(pcap) as cap:
        for i, (name, data) in enumerate(CASES):
            conn = cap.tcp((f"192.0.2.{i + 1}", 40000 + i), ("198.51.100.20", 9440))
            conn.handshake()
            (frames[name],) = conn.client_send(data)
            conn.close()
    return pcap, frames


def _raw_tshark(tshark: Tshark, *args: str) -> bytes:
    import subprocess

    exe, env = tshark
    proc = subprocess.run([exe, *args], capture_output=True, env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.parametrize(
    "fmt",
    [
        ("-T", "json"),
        ("-T", "fields", "-e", "_ws.expert.message", "-e", "proxyproto.src_addr",
         "-e", "proxyproto.dst_addr", "-e", "proxyproto.v1.unknown", "-e", "proxyproto.tlv.value",
         "-e", "_ws.col.Info"),
        ("-V",),
    ],
    ids=["json", "fields", "verbose"],
)  # fmt: skip
def test_output_is_valid_utf8(
    tshark: Tshark, capture: tuple[Path, dict[str, int]], fmt: tuple[str, ...]
) -> None:
    pcap, _ = capture
    out = _raw_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap), *fmt)
    text = out.decode("utf-8")  # strict: raises on the first invalid byte
    assert "proxyproto" in text or "PROXY" in text


def _experts(tshark: Tshark, pcap: Path) -> dict[int, Packet]:
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap), "-T", "json")
    packets = {}
    for pkt in json.loads(out, object_pairs_hook=list):
        p = Packet(dict(dict(pkt)["_source"])["layers"])
        packets[p.number] = p
    return packets


def test_messages_quote_wire_bytes_as_the_library(
    tshark: Tshark, capture: tuple[Path, dict[str, int]]
) -> None:
    """Every invalid v1 line's expert says what the library says, bytes as Python reprs."""
    pcap, frames = capture
    packets = _experts(tshark, pcap)
    checked = 0
    for name, data in CASES:
        if not data.startswith(b"PROXY ") and name != "magic":
            continue
        try:
            proxyproto_kaitai.parse(data)
        except proxyproto_kaitai.InvalidHeaderError as exc:
            want = str(exc).removeprefix("PROXY v1: ")
            where = f"[field {exc.field}, offset {exc.offset}]"
        else:
            continue
        messages = [e["message"] for e in packets[frames[name]].bad_experts()]
        assert any(want in m and where in m for m in messages), (name, want, messages)
        assert all(m.isascii() for m in messages), messages
        checked += 1
    assert checked == 5


def test_text_fields_escape_what_is_not_utf8(
    tshark: Tshark, capture: tuple[Path, dict[str, int]]
) -> None:
    pcap, frames = capture
    packets = _experts(tshark, pcap)
    unknown = packets[frames["unknown-tail"]].field("proxyproto", "proxyproto.v1.unknown")
    assert unknown == "\\xff\\xfe café \\x00"
    head = packets[frames["unix"]].header_layers()[0]
    addrs = [v for k, v in head if k in ("proxyproto.src_addr", "proxyproto.dst_addr")]
    assert addrs == ["/tmp/\\xff\\xfe.sock", "@\\xe9"]
    for name in ("alpn", "ssl-cn"):
        experts = packets[frames[name]].experts()
        assert [e["abbrev"] for e in experts] == ["proxyproto.not_utf8"], (name, experts)


def test_pyshark_json_mode_reads_the_non_utf8_line(
    capture: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pyshark ``use_json=True`` over ``PROXY\\xa0TCP4 ...``: no exception, the expert shown."""
    import pyshark

    pcap, frames = capture
    monkeypatch.setenv("HOME", str(tmp_path))
    resource = importlib.resources.files("proxyproto_kaitai.dissector") / "proxyproto.lua"
    with importlib.resources.as_file(resource) as lua:
        cap = pyshark.FileCapture(
            str(pcap), use_json=True, custom_parameters=["-X", f"lua_script:{lua}"]
        )
        try:
            packets = list(cap)
        finally:
            cap.close()
    pkt = packets[frames["magic"] - 1]
    layer = pkt.proxyproto
    assert layer.get_field("kind") == "v1"
    expert = json.dumps(layer._all_fields, ensure_ascii=False)
    assert "expected 'PROXY ', got b'PROXY\\\\xa0TCP4' [field magic, offset 5]" in expert
    assert len(packets) == 7 * len(CASES)  # every frame read: handshake, data, close
