"""Issue 10, points 1 to 7: the capture dissector on hostile and unusual captures.

Each test writes its own capture (`proxyproto_kaitai.dissector.pcapwriter`)
and reads it through tshark with `dissect_file`, with and without the
pre-selection (``prefilter``), which must agree.
"""

from __future__ import annotations

import ipaddress
import json
import random
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from proxyproto_kaitai.dissector import (
    CaptureError,
    Dissector,
    FileDissection,
    Finding,
    Report,
    dissect_file,
    open_file_capture,
)
from proxyproto_kaitai.dissector._report import format_table
from proxyproto_kaitai.dissector._spp_rule import AddressClass, SppRule
from proxyproto_kaitai.dissector._tshark import stream_set
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import require_tshark

pytestmark = pytest.mark.tshark

MAPPED = bytes(10) + b"\xff\xff"
CLOUDFLARE = ("104.16.0.10", 40001)  # the proxy's end of the origin leg
ORIGIN = ("198.51.100.30", 27015)


def spp(
    client: str = "8.8.4.4", proxy: str = "104.16.1.1", cport: int = 51239, pport: int = 27015
) -> bytes:
    def packed(addr: str) -> bytes:
        ip = ipaddress.ip_address(addr)
        return MAPPED + ip.packed if ip.version == 4 else ip.packed

    return b"\x56\xec" + packed(client) + packed(proxy) + struct.pack("!HH", cport, pport)


def both(path: Path, **kwargs: Any) -> Report:
    """`dissect_file` with and without the pre-selection: the same result, returned."""
    report = dissect_file(path, **kwargs)
    full = dissect_file(path, prefilter=False, **kwargs)
    assert key(full.findings) == key(report.findings)
    assert [r.to_json() for r in full.flows] == [r.to_json() for r in report.flows]
    return report


def key(findings: list[Finding]) -> list[str]:
    return sorted(repr((f.frame, f.stack, f.to_json())) for f in findings)


# --- 1. SPP false positives --------------------------------------------------------------


def test_dns_id_0x56ec_and_random_56ec_payloads_are_not_spp(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "dns.pcap"
    query = bytes.fromhex("56ec0100000100000000000107") + b"example\x03com\x00\x00\x01\x00\x01"
    answer = bytes.fromhex("56ec8180000100010000000007") + b"example\x03com\x00\x00\x01\x00\x01"
    answer += bytes.fromhex("c00c000100010000012c00045db8d822")
    rng = random.Random(10)
    with CaptureWriter.open(path) as cap:
        cap.udp(("192.0.2.10", 41000), ("192.0.2.53", 53), query)
        cap.udp(("192.0.2.53", 53), ("192.0.2.10", 41000), answer)
        for i in range(64):  # random payloads after 56 EC, each its own flow
            cap.udp(
                ("192.0.2.10", 42000 + i), ("198.51.100.9", 9000), b"\x56\xec" + rng.randbytes(60)
            )
    report = both(path)
    assert report.findings == [] and report.flows == []


def test_native_ipv6_spp_needs_a_second_datagram(tmp_path: Path) -> None:
    """Both addresses in 2000::/3: 1 in 64 of random bytes after 56 EC; never alone."""
    require_tshark()
    path = tmp_path / "v6.pcap"
    hdr = spp("2a00:1450:4001::1", "2606:4700::6810:1", 51239, 27015)
    other = spp("2a00:1450:4001::2", "2606:4700::6810:1", 51239, 27015)
    edge, origin = ("2606:4700:10::1", 40001), ("2001:db8:1::30", 27015)
    with CaptureWriter.open(path) as cap:
        cap.udp(edge, origin, hdr + b"alone")  # stream 0: one datagram: not claimed
        cap.udp((edge[0], 40002), origin, hdr + b"q1")  # stream 1: confirmed by the reply
        cap.udp(origin, (edge[0], 40002), hdr + b"r1")
        cap.udp((edge[0], 40003), origin, hdr + b"q")  # stream 2: two different headers
        cap.udp((edge[0], 40003), origin, other + b"q")
    report = both(path)
    assert [(f.flow.src_port, f.flow.dst_port, f.direction, f.ok) for f in report.findings] == [
        (40002, 27015, "to_origin", True),
        (27015, 40002, "to_client", True),
    ]
    assert report.findings[0].fields["src_addr"] == "2a00:1450:4001::1"


def test_tests_supply_their_own_address_class(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "lab.pcap"
    with CaptureWriter.open(path) as cap:
        cap.udp(("fd00::1", 40001), ("fd00::2", 27015), spp("fd00::10", "fd00::20"))
    assert dissect_file(path).findings == []
    lab = SppRule(extra_classes=[AddressClass("lab", "fd00::/8", decides_alone=True)])
    (found,) = both(path, spp_rule=lab).findings
    assert found.fields["src_addr"] == "fd00::10" and found.direction == "to_origin"


# --- 2. A flow's first datagram does not decide alone; direction from evidence -----------


def test_empty_first_datagram_then_six_spp(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "empty-first.pcap"
    with CaptureWriter.open(path) as cap:
        cap.udp(CLOUDFLARE, ORIGIN, b"")
        for i in range(3):
            cap.udp(CLOUDFLARE, ORIGIN, spp() + b"query %d" % i)
            cap.udp(ORIGIN, CLOUDFLARE, spp() + b"reply %d" % i)
    report = both(path)
    assert len(report.findings) == 6 and all(f.ok for f in report.findings)
    assert [f.direction for f in report.findings] == ["to_origin", "to_client"] * 3
    (row,) = report.flows
    assert row.datagrams == [4, 3] and row.with_header == [3, 3]
    assert row.header_on_first_datagram is False and row.direction_unknown is False


def test_capture_starting_with_the_origins_reply(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "reply-first.pcap"
    with CaptureWriter.open(path) as cap:
        cap.udp(ORIGIN, CLOUDFLARE, spp() + b"reply 0")  # the request was not captured
        cap.udp(CLOUDFLARE, ORIGIN, spp() + b"query 1")
        cap.udp(ORIGIN, CLOUDFLARE, spp(cport=1) + b"reply 1")  # does not repeat the header
    report = both(path)
    assert [f.direction for f in report.findings] == ["to_client", "to_origin", "to_client"]
    assert [f.ok for f in report.findings] == [True, True, False]
    assert report.findings[2].error == (
        "the origin's reply does not repeat the client's SPP header: client port 1 != 51239"
    )
    (row,) = report.flows
    # The flow runs proxy -> origin, whoever was captured first.
    assert (row.flow.src_addr, row.flow.src_port) == CLOUDFLARE
    assert row.datagrams == [1, 2] and row.mismatched == 1 and not row.direction_unknown


def test_direction_that_cannot_be_told(tmp_path: Path) -> None:
    """The edge port (proxy_port) is not the origin's: nothing says who is the origin."""
    require_tshark()
    path = tmp_path / "unknown.pcap"
    with CaptureWriter.open(path) as cap:
        cap.udp(ORIGIN, CLOUDFLARE, spp(pport=443) + b"reply 0")
        cap.udp(CLOUDFLARE, ORIGIN, spp(pport=443) + b"query 1")
        cap.udp(ORIGIN, CLOUDFLARE, spp(pport=443, cport=7) + b"reply 1")
    report = both(path)
    assert [f.direction for f in report.findings] == [None, None, None]
    assert [f.ok for f in report.findings] == [True, True, False]
    assert report.findings[2].error == (
        "the SPP header differs from the one last sent the other way: client port 7 != 51239"
    )
    (row,) = report.flows
    assert row.direction_unknown and row.to_json()["direction_unknown"] is True
    assert (row.flow.src_addr, row.flow.src_port) == ORIGIN  # the side that sent first
    text = format_table(report, width=None)
    assert "2/2 one way, 1/1 back (direction unknown)" in text
    assert "1 differ from the header sent the other way" in text and "to origin" not in text


# --- 3. The second pass scales --------------------------------------------------------------

V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def long_v2(i: int, size: int = 1439) -> bytes:
    """A PROXY v2 header of ``size`` bytes (a NOOP TLV fills it), client 203.0.113.x."""
    tlv = b"\x04" + struct.pack("!H", size - 31) + bytes(size - 31)
    body = bytes([203, 0, 113, i % 250 + 1, 10, 200, 0, 1]) + struct.pack("!HH", 40000 + i, 443)
    return V2_SIG + struct.pack("!BBH", 0x21, 0x11, len(body + tlv)) + body + tlv


def test_many_headers_past_the_horizon(tmp_path: Path) -> None:
    """2,000 connections open at once, each header split 1100+1100 past the horizon,
    every other connection a plain one: no command line grows with them."""
    require_tshark()
    path = tmp_path / "split.pcap"
    n = 2000
    with CaptureWriter.open(path, step_us=10) as cap:
        conns = []
        for i in range(n):
            conn = cap.tcp((f"10.1.{i // 250}.{i % 250 + 1}", 20000 + i), ("10.200.0.1", 443))
            conn.handshake()
            conns.append(conn)
        for i, conn in enumerate(conns):
            if i % 2:
                conn.client_send(b"GET / HTTP/1.1\r\n\r\n")
            else:
                conn.client_send(long_v2(i) + bytes(761), chunks=[1100, 1100])
            conn.close()
    run = FileDissection(path)
    found = list(run)
    assert len(found) == n // 2 and all(f.ok and f.fields["length"] == 1439 for f in found)
    assert run.report.passes == 2
    assert max(len(" ".join(cmd)) for cmd in run.commands) < 3000
    assert run.commands[1].count("..") <= 64
    full = dissect_file(path, prefilter=False)
    assert key(full.findings) == key(run.report.findings)
    assert [r.to_json() for r in full.flows] == [r.to_json() for r in run.report.flows]


def test_gap_before_the_switch_is_read_again(tmp_path: Path) -> None:
    """A stream whose bytes past the horizon came (out of order) before the second
    pass began must still get them: every stream open then is read again."""
    require_tshark()
    path = tmp_path / "gap.pcap"
    header = long_v2(1, 1300)
    with CaptureWriter.open(path) as cap:
        x = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 443))
        x.handshake()
        x.client_segment(1100, header[1100:])  # early, and past the horizon
        y = cap.tcp(("192.0.2.2", 40002), ("198.51.100.1", 443))
        y.handshake()
        y.client_send(long_v2(2) + b"data", chunks=[1100, 1100])  # starts the second pass
        x.client_segment(0, header[:1100])  # fills the gap: x's header is whole
        x.advance_client(len(header))
        x.close()
        y.close()
    report = both(path)
    assert [(f.flow.src_port, f.ok, f.fields["length"]) for f in report.findings] == [
        (40002, True, 1439),
        (40001, True, 1300),
    ]
    assert report.passes == 2


def test_stream_set_is_bounded() -> None:
    assert stream_set({5}) == "tcp.stream in {5}"
    assert stream_set({1, 2, 3, 7, 9, 10}) == "tcp.stream in {1..3, 7, 9..10}"
    wide = stream_set(set(range(0, 100_000, 2)), limit=8)
    assert wide.count(",") == 7 and len(wide) < 120
    bounds = [
        part.partition("..") for part in wide.removeprefix("tcp.stream in {")[:-1].split(", ")
    ]
    covered = [range(int(a), int(b or a) + 1) for a, _, b in bounds]
    assert all(any(i in r for r in covered) for i in range(0, 100_000, 2))


# --- 4. A stream that ends inside the v2 signature ------------------------------------------

TCP_RST, TCP_ACK = 0x04, 0x10


def test_stream_ending_inside_the_signature(tmp_path: Path) -> None:
    """1 to 11 signature bytes, then FIN, RST or the end of the capture."""
    require_tshark()
    path = tmp_path / "cut-signature.pcap"
    ends = ("fin", "rst", "end")
    with CaptureWriter.open(path) as cap:
        open_at_end = []
        for n in range(1, 12):
            for j, end in enumerate(ends):
                conn = cap.tcp(("192.0.2.1", 1000 + 10 * n + j), ("198.51.100.1", 443))
                conn.handshake()
                conn.client_send(V2_SIG[:n])
                if end == "fin":
                    conn.close()
                elif end == "rst":
                    conn._segment(True, n, TCP_RST | TCP_ACK, b"", snaplen=None)
                else:
                    open_at_end.append(conn)
    report = both(path)
    got = {f.flow.src_port: f for f in report.findings}
    for n in range(1, 12):
        for j, end in enumerate(ends):
            found = got.pop(1000 + 10 * n + j, None)
            if n < 5:
                assert found is None, (n, end)
                continue
            assert found is not None, (n, end)
            assert (found.kind, found.header, found.fields["kind"]) == ("v2", None, "v2")
            why = {
                "fin": "the connection closed",
                "rst": "the connection was reset",
                "end": "only",
            }[end]
            assert found.error is not None and found.error.startswith(
                f"incomplete v2 header: {why}"
            ), found.error
            assert f"{n} bytes of it" in found.error
            assert found.error.endswith(f"(at least {16 - n} more needed)")
    assert got == {}
    # Each claimed one is an error of its flow (5 to 11 bytes, three endings).
    assert sum(r.errors for r in report.flows) == 7 * 3


# --- 5. A SYN injected into an established connection ---------------------------------------

V1 = b"PROXY TCP4 203.0.113.7 198.51.100.20 51234 80\r\n"
TCP_SYN = 0x02


def test_injected_syn_does_not_hide_the_header(tmp_path: Path) -> None:
    """tshark starts a new tcp.stream at the injected SYN and numbers the real
    segments from it; the header is still the connection's, found once."""
    require_tshark()
    path = tmp_path / "syn.pcap"
    with CaptureWriter.open(path) as cap:
        real = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80), isn=(1000, 5000))
        real.handshake()
        fake = cap.tcp(real.client, real.server, isn=(777_777, 0))
        fake._segment(True, -1, TCP_SYN, b"", snaplen=None)  # before the header
        real.client_send(V1 + b"GET / HTTP/1.1\r\n\r\n")
        real.server_send(b"HTTP/1.1 200 OK\r\n\r\n")
        real.close()
        # A split header, the SYN injected between its two segments (ISN below it).
        real = cap.tcp(("192.0.2.2", 40002), ("198.51.100.1", 443), isn=(900_000, 5000))
        real.handshake()
        real.client_send(long_v2(7, 300)[:100])
        fake = cap.tcp(real.client, real.server, isn=(12_345, 0))
        fake._segment(True, -1, TCP_SYN, b"", snaplen=None)
        real.client_send(long_v2(7, 300)[100:] + b"data")
        real.close()
        # A port reused after a clean close: two connections, two headers.
        for i in range(2):
            conn = cap.tcp(("192.0.2.3", 40003), ("198.51.100.1", 80), isn=(50 + i * 9999, 7))
            conn.handshake()
            conn.client_send(V1)
            conn.close()
    report = both(path)
    assert [(f.flow.src_port, f.kind, f.ok, f.midstream) for f in report.findings] == [
        (40001, "v1", True, False),
        (40002, "v2", True, False),
        (40003, "v1", True, False),
        (40003, "v1", True, False),
    ]
    assert report.findings[1].fields["length"] == 300
    assert report.passes == 2  # the SYN on an open connection: read on without pre-selection
    assert len({f.stream for f in report.findings}) == 4
    # pyshark packets (JSON mode) carry tcp.seq_raw too.
    dissector = Dissector()
    with open_file_capture(path, use_json=True) as cap:
        assert key(list(dissector.dissect(cap))) == key(report.findings)


# --- 6. Not a capture; a capture on standard input ------------------------------------------


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "proxyproto_kaitai", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def _pcapng(path: Path) -> bytes:
    """A small pcapng (editcap converts a pcap we write)."""
    pcap = path.with_suffix(".pcap")
    with CaptureWriter.open(pcap) as cap:
        conn = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        conn.handshake()
        conn.client_send(V1)
        conn.close()
    editcap = shutil.which("editcap")
    if editcap is None:
        pytest.skip("editcap (wireshark-common) is not installed")
    subprocess.run([editcap, "-F", "pcapng", str(pcap), str(path)], check=True)
    return path.read_bytes()


@pytest.mark.parametrize(
    "what", ["png", "text", "short-text", "pcapng-cut-20", "pcapng-cut-27", "pcapng-cut-8"]
)
def test_not_a_capture(tmp_path: Path, what: str) -> None:
    require_tshark()
    path = tmp_path / f"input.{what}"
    if what == "png":
        path.write_bytes(
            bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de")
            + bytes.fromhex("0000000049454e44ae426082")
        )
    elif what == "text":
        path.write_text("PROXY TCP4 is a text protocol, and this is a text file.\n")
    elif what == "short-text":
        path.write_text("hello\n")  # tshark takes it for MP4 media, with one frame
    else:
        whole = _pcapng(tmp_path / "whole.pcapng")
        assert dissect_file(tmp_path / "whole.pcapng").findings  # the whole file is fine
        path.write_bytes(whole[: int(what.rsplit("-", 1)[1])])  # cut in the section header
    with pytest.raises(CaptureError) as info:
        dissect_file(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    assert "capture file" in message
    done = _cli("dissect", str(path))
    err = done.stderr.decode().strip().splitlines()
    assert done.returncode == 1 and done.stdout == b""
    assert len(err) == 1 and str(path) in err[0], err


def test_capture_on_standard_input(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "in.pcap"
    with CaptureWriter.open(path) as cap:
        conn = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        conn.handshake()
        conn.client_send(V1[:10])
        conn.client_send(V1[10:] + b"GET /")
        conn.close()
        conn = cap.tcp(("192.0.2.2", 40002), ("198.51.100.1", 443))
        conn.handshake()
        conn.client_send(long_v2(3) + b"x", chunks=[1100, 1100])
        conn.close()
        cap.udp(CLOUDFLARE, ORIGIN, spp() + b"q")
    expected = [
        json.loads(line) for line in _jsonl(_cli("dissect", str(path), "--format", "jsonl"))
    ]
    assert [h["flow"]["src_port"] for h in expected] == [40001, 40002, CLOUDFLARE[1]]
    data = path.read_bytes()
    piped = [
        json.loads(line) for line in _jsonl(_cli("dissect", "-", "--format", "jsonl", stdin=data))
    ]
    assert piped == expected
    filtered = _cli("dissect", "-", "-Y", "udp", "--format", "jsonl", stdin=data)
    assert [json.loads(line) for line in _jsonl(filtered)] == expected[2:]
    for junk in (b"not a capture\n", b"hello\n", b""):
        done = _cli("dissect", "-", stdin=junk)
        assert done.returncode == 1 and done.stderr.decode().startswith(
            "proxyproto: error: standard input: "
        ), done.stderr


def _jsonl(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode().splitlines()


# --- 7. Overlapping segments: which copy of a byte counts ------------------------------------


def test_overlapping_copies(tmp_path: Path) -> None:
    """The contiguous start never changes; held out-of-order bytes give way to
    a later in-order segment that covers them (Wireshark and Linux alike)."""
    require_tshark()
    path = tmp_path / "overlap.pcap"
    good = b"PROXY TCP4 203.0.113.7 198.51.100.20 51234 80\r\n"
    bad = b"PROXY TCP4 203.0.113.9 198.51.100.20 51234 80\r\n"  # one byte differs
    at = good.index(b"7")
    with CaptureWriter.open(path) as cap:
        # 1: an out-of-order copy with the other byte, then in-order bytes over it.
        a = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        a.handshake()
        a.client_segment(at, bad[at:])
        a.client_segment(0, good)
        a.advance_client(len(good))
        a.close()
        # 2: the start in place, then a retransmission with the other byte.
        b = cap.tcp(("192.0.2.1", 40002), ("198.51.100.1", 80))
        b.handshake()
        b.client_segment(0, good[: at + 1])
        b.client_segment(0, bad[: at + 1])
        b.client_segment(at + 1, good[at + 1 :])
        b.advance_client(len(good))
        b.close()
        # 3: two out-of-order copies at one offset: the first is kept.
        c = cap.tcp(("192.0.2.1", 40003), ("198.51.100.1", 80))
        c.handshake()
        c.client_segment(at, good[at:])
        c.client_segment(at, bad[at:])
        c.client_segment(0, good[:at])
        c.advance_client(len(good))
        c.close()
    report = both(path)
    assert [(f.flow.src_port, f.fields["src_addr"]) for f in report.findings] == [
        (40001, "203.0.113.7"),
        (40002, "203.0.113.7"),
        (40003, "203.0.113.7"),
    ]


# --- 8. -Y selects what is reported, not what is reassembled ---------------------------------


@pytest.fixture(scope="module")
def filtered_capture(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Report]:
    require_tshark()
    path = tmp_path_factory.mktemp("filter") / "filter.pcap"
    with CaptureWriter.open(path) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))  # v1 split over 2 segments
        c.handshake()
        c.client_send(V1 + b"GET /", chunks=[9])
        c.close()
        c = cap.tcp(("192.0.2.2", 40002), ("198.51.100.1", 443))  # v2, client 203.0.113.x
        c.handshake()
        c.client_send(long_v2(5, 60) + b"data")
        c.close()
        c = cap.tcp(("192.0.2.3", 40003), ("198.51.100.1", 443))  # v2, client 192.0.2.x
        c.handshake()
        c.client_send(long_v2(5, 60).replace(bytes([203, 0, 113]), bytes([192, 0, 2]), 1))
        c.close()
        for _ in range(2):  # SPP both ways
            cap.udp(CLOUDFLARE, ORIGIN, spp("203.0.113.50") + b"q")
            cap.udp(ORIGIN, CLOUDFLARE, spp("203.0.113.50") + b"r")
        cap.udp(("192.0.2.9", 9), ("192.0.2.10", 10), b"plain")
    return path, dissect_file(path)


@pytest.mark.parametrize(
    ("display_filter", "expected"),
    [
        ('proxyproto.kind == "v1"', [40001]),
        ("proxyproto", [40001, 40002, 40003, 40001, 27015, 40001, 27015]),
        ("proxyproto.client_ipv4 == 203.0.113.0/24", [40001, 40002, 40001, 27015, 40001, 27015]),
        ("tcp.flags.syn == 1", [40001, 40002, 40003]),
        ("tcp.port == 40003", [40003]),
        (f"ip.src == {CLOUDFLARE[0]}", [40001, 40001]),
        ("udp", [40001, 27015, 40001, 27015]),
        ("frame.number == 2", [40001]),  # the SYN-ACK of the first connection
        ("dns", []),
    ],
)
def test_display_filter_selects_what_is_reported(
    filtered_capture: tuple[Path, Report], display_filter: str, expected: list[int]
) -> None:
    path, everything = filtered_capture
    by_frame = {(f.frame, f.stack): f.to_json() for f in everything.findings}
    report = dissect_file(path, display_filter=display_filter)
    assert [f.flow.src_port for f in report.findings] == expected
    for f in report.findings:  # the same fields, midstream and errors as without the filter
        assert f.to_json() == by_frame[(f.frame, f.stack)]
        assert not f.midstream
    rows = {(r.flow.transport, r.stream): r.to_json() for r in everything.flows}
    assert {(r.flow.transport, r.stream) for r in report.flows} == {
        (f.flow.transport, f.stream) for f in report.findings
    }
    for r in report.flows:
        assert r.to_json() == rows[(r.flow.transport, r.stream)]


# pyshark's FileCapture leaves a Python SIGCHLD handler behind (asyncio's
# SafeChildWatcher, with SA_RESTART): a process that has used pyshark once keeps
# it. A Python handler runs on the main thread only, when it runs Python code.
# When the filter pass's tshark exited while the main thread slept in one long
# join (which the kernel restarts after the C handler), and the thread reading
# that pass held the GIL, Python 3.11 let that thread, under a C tracer
# (coverage, as CI runs the suite), spin at its next function call on the
# pending signal that only the sleeping main thread could clear: CI hung at the
# display filter tests. Here that thread sends the SIGCHLD itself, at that moment.
_AFTER_PYSHARK = """
import json, signal, sys, threading, time
import coverage
from proxyproto_kaitai.dissector import _tshark, dissect_file, open_file_capture
with open_file_capture(sys.argv[1]) as cap:
    cap.load_packets()
assert signal.getsignal(signal.SIGCHLD) not in (signal.SIG_DFL, None), "pyshark changed"
coverage.Coverage(data_file=None).start()  # a C tracer in every thread
collect = _tshark._FilterPass._collect
def signalled(self):
    time.sleep(1)  # the dissection is done: the main thread waits for this thread
    signal.pthread_kill(threading.main_thread().ident, signal.SIGCHLD)
    end = time.perf_counter() + 0.05
    while time.perf_counter() < end:  # keep the GIL while the handler trips
        pass
    collect(self)
_tshark._FilterPass._collect = signalled
report = dissect_file(sys.argv[1], display_filter=sys.argv[2])
print(json.dumps([f.flow.src_port for f in report.findings]))
"""


def test_display_filter_after_pyshark(filtered_capture: tuple[Path, Report]) -> None:
    path, _ = filtered_capture
    done = subprocess.run(
        [sys.executable, "-c", _AFTER_PYSHARK, str(path), "tcp.port == 40003"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout) == [40003]


def test_display_filter_on_the_command_line(filtered_capture: tuple[Path, Report]) -> None:
    path, _ = filtered_capture
    done = _cli("dissect", str(path), "-Y", "proxyproto", "--format", "jsonl")
    assert len(_jsonl(done)) == 7
    done = _cli("dissect", str(path), "-Y", "dns")
    assert done.returncode == 0 and "header matching the filter" in done.stdout.decode()
    done = _cli("dissect", str(path), "-Y", "tcp.port ==")
    assert done.returncode == 1 and "bad display filter" in done.stderr.decode()
