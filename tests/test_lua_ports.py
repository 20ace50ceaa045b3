"""The Wireshark plugin with Wireshark's default preferences (issue 11, points 1-3).

Ports that have a dissector (80 HTTP, 443 TLS, 25 SMTP, 53 DNS, 5353 mDNS, ...) are
tried by TCP/UDP before any heuristic, so the plugin wraps their ``tcp.port`` /
``udp.port`` entries (protocol ``proxyproto_port``): a header at the start of a
stream or datagram is shown, and the port's own dissector gets the rest, with
TCP's reassembly. Each test builds its capture with ``dissector/pcapwriter.py``
and runs tshark with no ``-o`` option unless it says so:

* the bundled sample: all 17 headers the library finds, HTTP/TLS/SMTP/DNS beneath;
* every valid shared vector on wrapped ports (80 and 443 for streams, 53 for
  datagrams), not only on the heuristic ports of ``test_lua_plugin.py``;
* headers whose segment ends like an HTTP request line, after HTTP's heuristic
  has matched (point 2), on a heuristic port and on port 80;
* a header on the SYN (TCP Fast Open) and a first segment of 1-4 bytes (point 3);
* the ``wrap_ports`` preference turns the wrapper off.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter, TcpConnection
from proxyproto_kaitai.dissector.sample import SAMPLE_PATH
from test_dissect_support import Tshark
from test_lua_plugin import LUA, SIG, Packet, compare, header_json, run_tshark

pytestmark = pytest.mark.tshark


IP_PROTO_TCP, TCP_SYN, TCP_ACK, TCP_PSH = 6, 0x02, 0x10, 0x08


def fields(tshark: Tshark, pcap: Path, *names: str, args: tuple[str, ...] = ()) -> list[list[str]]:
    """One row per frame: the values of ``names`` (tshark -T fields, default preferences)."""
    cmd = ["-X", f"lua_script:{LUA}", *args, "-r", str(pcap), "-T", "fields", "-E", "occurrence=a"]
    for name in names:
        cmd += ["-e", name]
    out, _ = run_tshark(tshark, *cmd)
    return [line.split("\t") for line in out.splitlines()]


def by_frame(rows: list[list[str]]) -> dict[int, list[str]]:
    return {int(r[0]): r[1:] for r in rows}


def v2_header(client: str, port: int, tlvs: bytes = b"", *, dport: int = 80) -> bytes:
    addresses = bytes(map(int, client.split("."))) + bytes([198, 51, 100, 20])
    body = addresses + struct.pack("!HH", port, dport) + tlvs
    return SIG + b"\x21\x11" + struct.pack("!H", len(body)) + body


def v1_line(client: str, port: int, dport: int = 80) -> bytes:
    return f"PROXY TCP4 {client} 198.51.100.20 {port} {dport}\r\n".encode()


GET = b"GET /index.html HTTP/1.1\r\nHost: www.example\r\n\r\n"


# --- 1. The sample, with default preferences ------------------------------------------------


def test_sample_shows_all_17_headers_with_default_preferences(tshark: Tshark) -> None:
    """``tshark -X lua_script:... -r sample.pcap -Y proxyproto.kind``, no ``-o``: the 17
    headers of `proxyproto dissect`, each with the port's dissector beneath."""
    out, _ = run_tshark(
        tshark, "-X", f"lua_script:{LUA}", "-r", str(SAMPLE_PATH), "-Y", "proxyproto.kind",
        "-T", "fields", "-e", "frame.number", "-e", "proxyproto.kind", "-e", "frame.protocols",
    )  # fmt: skip
    rows = {int(r[0]): (r[1], r[2]) for r in (line.split("\t") for line in out.splitlines())}
    kinds = {frame: kind for frame, (kind, _) in rows.items()}
    assert kinds == {
        4: "v1", 13: "v1", 21: "v2", 30: "v2", 37: "v2", 44: "v2,v1",
        56: "spp", 57: "spp", 58: "spp", 59: "spp", 60: "spp", 61: "spp",
        62: "v2", 66: "v2", 68: "v2", 70: "v2",
    }  # fmt: skip
    assert sum(len(k.split(",")) for k in kinds.values()) == 17
    beneath = {frame: protocols.split(":")[-1] for frame, (_, protocols) in rows.items()}
    # 21: the header's start came after a later segment (out of order): the plugin
    # reassembles it and hands the TLS record behind it on (not "tls" in frame.protocols:
    # that list is made before the post-dissector runs; the tree has it, see below).
    assert {f: beneath[f] for f in (4, 13, 30, 37, 44, 62, 66)} == {
        4: "http",
        13: "tls",
        30: "http",
        37: "tls",
        44: "smtp",
        62: "mdns",
        66: "dns",
    }
    out, _ = run_tshark(
        tshark, "-X", f"lua_script:{LUA}", "-r", str(SAMPLE_PATH), "-Y", "frame.number == 21",
        "-T", "fields", "-e", "proxyproto.src_addr", "-e", "tls.record.content_type",
        "-e", "proxyproto.tlv.name",
    )  # fmt: skip
    assert out.split("\t")[:2] == ["203.0.113.8", "22"]
    assert "AWS" in out.split("\t")[2]


def test_sample_headers_agree_with_the_library(tshark: Tshark) -> None:
    """Frame by frame, the plugin's header kinds are those `proxyproto dissect` reports."""
    from proxyproto_kaitai.dissector import dissect_file

    report = dissect_file(SAMPLE_PATH)
    library = sorted((f.frame, f.fields["kind"]) for f in report.findings)
    rows = fields(tshark, SAMPLE_PATH, "frame.number", "proxyproto.kind")
    plugin = sorted((int(r[0]), kind) for r in rows if r[1] for kind in r[1].split(","))
    assert plugin == library


# --- 1. Every valid shared vector on ports that have a dissector -----------------------------


def _wrapped_capture(path: Path) -> list[tuple[dict[str, Any], int, str]]:
    placed = []
    with CaptureWriter.open(path) as cap:
        n = 0
        for v in vectorlib.all_vectors():
            data = vectorlib.data(v)
            if v["result"] != "valid" or not data:
                continue
            n += 1
            if v.get("datagram"):
                if not data.startswith(SIG):
                    continue  # SPP needs its flow rule (test_lua_spp_rule.py); v1 is TCP's
                frame = cap.udp((f"10.3.{n // 200}.{n % 200 + 1}", 31000 + n), ("10.9.0.3", 53),
                                data)  # fmt: skip
                placed.append((v, frame, "udp/53"))
                continue
            for port in (80, 443):
                conn = cap.tcp((f"10.4.{n // 200}.{n % 200 + 1}", 21000 + n), ("10.9.0.4", port))
                conn.handshake()
                (frame,) = conn.client_send(data)
                conn.server_send(b"reply")
                conn.close()
                placed.append((v, frame, f"tcp/{port}"))
    return placed


def test_vectors_on_wrapped_ports(tshark: Tshark, tmp_path: Path) -> None:
    """Valid stream vectors on 80 and 443, datagram vectors on 53: the vector's header JSON."""
    pcap = tmp_path / "wrapped.pcap"
    placed = _wrapped_capture(pcap)
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap), "-T", "json")
    import json

    packets = {}
    for pkt in json.loads(out, object_pairs_hook=list):
        p = Packet(dict(dict(pkt)["_source"])["layers"])
        packets[p.number] = p
    problems = []
    for v, frame, where in placed:
        heads = packets[frame].header_layers()
        if not heads:
            problems.append(f"{v['id']} on {where}: not shown")
            continue
        diffs = compare(v["expect"], header_json(heads[0]))
        if diffs:
            problems.append(f"{v['id']} on {where}: {diffs}")
        if packets[frame].bad_experts():
            problems.append(f"{v['id']} on {where}: {packets[frame].bad_experts()}")
    assert len(placed) > 100
    assert not problems, "\n".join(problems)


# --- 2. HTTP's heuristic does not steal headers -----------------------------------------------


@pytest.mark.parametrize("port", [9440, 80])
def test_http_heuristic_does_not_steal_headers(tshark: Tshark, tmp_path: Path, port: int) -> None:
    """Six connections, each a v2 header ending in the ALPN TLV ``http/1.1`` in its own
    segment, then a GET: all six headers show, and HTTP decodes every GET."""
    pcap = tmp_path / "alpn.pcap"
    frames = []
    with CaptureWriter.open(pcap) as cap:
        for i in range(6):
            conn = cap.tcp((f"192.0.2.{i + 1}", 40000 + i), ("198.51.100.20", port))
            conn.handshake()
            alpn = b"\x01\x00\x08http/1.1"
            (head,) = conn.client_send(v2_header(f"203.0.113.{i + 1}", 50000 + i, alpn, dport=port))
            (get,) = conn.client_send(GET)
            conn.server_send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
            conn.close()
            frames.append((head, get, i))
    rows = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.src_addr", "http.request.uri"))
    for head, get, i in frames:
        assert rows[head][0] == f"203.0.113.{i + 1}", (head, rows[head])
        assert rows[get][1] == "/index.html", (get, rows[get])


@pytest.mark.parametrize("first", ["plain", "behind-v1"])
def test_http_heuristic_match_elsewhere_first(tshark: Tshark, tmp_path: Path, first: str) -> None:
    """HTTP's heuristic matches a request first (it then heads the heuristic list): in a
    stream without any PROXY header, or handed on behind a v1 line; the v2 headers after
    it, on the same heuristic port, still show."""
    pcap = tmp_path / "alpn2.pcap"
    heads = []
    with CaptureWriter.open(pcap) as cap:
        conn = cap.tcp(("192.0.2.99", 39999), ("198.51.100.20", 9440))
        conn.handshake()
        conn.client_send((v1_line("203.0.113.99", 50099, 9440) if first != "plain" else b"") + GET)
        conn.server_send(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
        conn.close()
        for i in range(3):
            conn = cap.tcp((f"192.0.2.{i + 1}", 40000 + i), ("198.51.100.20", 9440))
            conn.handshake()
            alpn = b"\x01\x00\x08HTTP/1.1"
            heads += conn.client_send(v2_header(f"203.0.113.{i + 1}", 50000 + i, alpn))
            conn.client_send(GET)
            conn.close()
    rows = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.kind", "http.request.uri"))
    assert [rows[f][0] for f in heads] == ["v2", "v2", "v2"], rows
    assert sum(1 for r in rows.values() if r[1] == "/index.html") == 4


# --- 3. A header on the SYN, a first segment shorter than 5 bytes ------------------------------


def tfo_connection(cap: CaptureWriter, client: tuple[str, int], server: tuple[str, int],
                   syn_data: bytes, then: bytes) -> int:  # fmt: skip
    """TCP Fast Open: the SYN carries ``syn_data``; returns the SYN's frame number."""
    isn_c, isn_s = 7000, 9000

    def seg(src: tuple[str, int], dst: tuple[str, int], seq: int, ack: int, flags: int,
            payload: bytes) -> int:  # fmt: skip
        header = struct.pack("!HHIIBBHHH", src[1], dst[1], seq, ack, 5 << 4, flags, 65535, 0, 0)
        return cap.packet(src, dst, IP_PROTO_TCP, header + payload)

    syn = seg(client, server, isn_c, 0, TCP_SYN, syn_data)
    nxt = isn_c + 1 + len(syn_data)
    seg(server, client, isn_s, nxt, TCP_SYN | TCP_ACK, b"")
    seg(client, server, nxt, isn_s + 1, TCP_ACK, b"")
    seg(client, server, nxt, isn_s + 1, TCP_PSH | TCP_ACK, then)
    return syn


@pytest.mark.parametrize("port", [9440, 80])
def test_header_on_the_syn(tshark: Tshark, tmp_path: Path, port: int) -> None:
    """HAProxy ``tfo send-proxy``: the header travels on the SYN."""
    pcap = tmp_path / "tfo.pcap"
    with CaptureWriter.open(pcap) as cap:
        syn_v2 = tfo_connection(cap, ("192.0.2.1", 41000), ("198.51.100.20", port),
                                v2_header("203.0.113.1", 50001, dport=port), GET)  # fmt: skip
        syn_v1 = tfo_connection(cap, ("192.0.2.2", 41001), ("198.51.100.20", port),
                                v1_line("203.0.113.2", 50002, port), GET)  # fmt: skip
    rows = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.kind", "proxyproto.src_addr",
                           "http.request.uri"))  # fmt: skip
    assert rows[syn_v2][:2] == ["v2", "203.0.113.1"], rows
    assert rows[syn_v1][:2] == ["v1", "203.0.113.2"], rows
    if port == 80:
        assert sum(1 for r in rows.values() if r[2] == "/index.html") == 2, rows


@pytest.mark.parametrize("port", [9440, 80, 443])
@pytest.mark.parametrize("first", [1, 3, 4])
def test_first_segment_shorter_than_5_bytes(
    tshark: Tshark, tmp_path: Path, port: int, first: int
) -> None:
    """A header split ``first`` + rest bytes is reassembled and shown; the request after
    it still reaches HTTP on port 80."""
    pcap = tmp_path / "short.pcap"
    with CaptureWriter.open(pcap) as cap:
        shown = []
        for i, header in enumerate((v1_line("203.0.113.5", 50005, port),
                                    v2_header("203.0.113.6", 50006, dport=port))):  # fmt: skip
            conn: TcpConnection = cap.tcp((f"192.0.2.{i + 1}", 42000 + i), ("198.51.100.20", port))
            conn.handshake()
            frames = conn.client_send(header + GET, chunks=[first, len(header) - first])
            shown.append(frames[1])
            conn.close()
    rows = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.src_addr",
                           "http.request.uri"))  # fmt: skip
    assert [rows[f][0] for f in shown] == ["203.0.113.5", "203.0.113.6"], rows
    if port == 80:
        assert sum(1 for r in rows.values() if r[1] == "/index.html") == 2, rows


def test_streams_starting_like_a_header_are_handed_on(tshark: Tshark, tmp_path: Path) -> None:
    """A first segment "P" that goes on as "POST ..." (and "\\r" as "\\r\\nGET") is no
    header: nothing is claimed and HTTP still decodes the request on port 80."""
    pcap = tmp_path / "post.pcap"
    post = b"POST /form HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
    with CaptureWriter.open(pcap) as cap:
        conn = cap.tcp(("192.0.2.1", 43000), ("198.51.100.20", 80))
        conn.handshake()
        conn.client_send(post, chunks=[1])
        conn.close()
    rows = fields(tshark, pcap, "frame.number", "proxyproto.kind", "http.request.method")
    assert not any(r[1] for r in rows), rows
    assert [r[2] for r in rows if r[2]] == ["POST"], rows


# --- The preference that turns the wrapper off ------------------------------------------------


def test_wrap_ports_preference(tshark: Tshark, tmp_path: Path) -> None:
    """``wrap_ports:FALSE`` gives the ports back to their dissectors (HTTP sees the line)."""
    pcap = tmp_path / "off.pcap"
    with CaptureWriter.open(pcap) as cap:
        conn = cap.tcp(("192.0.2.1", 44000), ("198.51.100.20", 80))
        conn.handshake()
        (frame,) = conn.client_send(v1_line("203.0.113.7", 50007) + GET)
        conn.close()
    on = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.kind", "frame.protocols"))
    off = by_frame(fields(tshark, pcap, "frame.number", "proxyproto.kind", "frame.protocols",
                          args=("-o", "proxyproto.wrap_ports:FALSE")))  # fmt: skip
    assert on[frame][0] == "v1" and on[frame][1].endswith("proxyproto_port:http")
    assert off[frame][0] == "" and "proxyproto" not in off[frame][1]
