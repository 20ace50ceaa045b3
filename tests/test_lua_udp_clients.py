"""Real-client attribution on UDP flows only where one client owns the flow (issue 11, point 5).

dnsdist sends one PROXY v2 header per query over one backend socket, each naming
its own client: a reply without a header cannot be told apart, so from the moment
the flow's headers have named a second client the plugin shows no client on such
a datagram, only how many clients the flow carries (``proxyproto.flow_clients``).
A flow whose headers all name one client (Cloudflare: a header on the first
datagram only; HAProxy: the same header on every datagram) keeps the client on
every later datagram. tshark has one pass: a reply before the second client
appears still has the one client seen so far.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import Tshark
from test_lua_plugin import LUA, SIG, run_tshark

pytestmark = pytest.mark.tshark


def v2_udp(client: str, port: int, dport: int) -> bytes:
    body = bytes(map(int, client.split("."))) + bytes([198, 51, 100, 32])
    body += struct.pack("!HH", port, dport)
    return SIG + b"\x21\x12" + struct.pack("!H", len(body)) + body


def rows(tshark: Tshark, pcap: Path, *extra: str) -> dict[int, list[str]]:
    out, _ = run_tshark(
        tshark, "-X", f"lua_script:{LUA}", *extra, "-r", str(pcap), "-T", "fields",
        "-e", "frame.number", "-e", "proxyproto.kind", "-e", "proxyproto.client_addr",
        "-e", "proxyproto.client_port", "-e", "proxyproto.flow_clients",
    )  # fmt: skip
    return {int(r[0]): r[1:] for r in (line.split("\t") for line in out.splitlines())}


@pytest.mark.parametrize("port", [53, 9441])
def test_several_clients_on_one_flow(tshark: Tshark, tmp_path: Path, port: int) -> None:
    """dnsdist-style: three queries with headers for three clients, replies without."""
    pcap = tmp_path / "dnsdist.pcap"
    edge, origin = ("192.0.2.32", 33002), ("198.51.100.32", port)
    queries, replies = [], []
    with CaptureWriter.open(pcap) as cap:
        for n in range(3):
            header = v2_udp("203.0.113.13", 51242 + n, port)
            queries.append(cap.udp(edge, origin, header + b"\x12\x34\x01\x00query%d" % n))
            replies.append(cap.udp(origin, edge, b"\x12\x34\x81\x80answer%d" % n))
        late = cap.udp(origin, edge, b"\x12\x34\x81\x80late")
    got = rows(tshark, pcap)
    for n, frame in enumerate(queries):  # each header names its own client
        assert got[frame][:3] == ["v2", "203.0.113.13", str(51242 + n)], got[frame]
    # Before the second client appears, one client owns the flow (one pass: so far).
    assert got[replies[0]] == ["", "203.0.113.13", "51242", ""], got[replies[0]]
    # From the second client on: no client, the number of clients instead.
    assert got[replies[1]] == ["", "", "", "2"], got[replies[1]]
    assert got[replies[2]] == ["", "", "", "3"], got[replies[2]]
    assert got[late] == ["", "", "", "3"], got[late]


@pytest.mark.parametrize("every", [False, True])
def test_one_client_keeps_its_flow(tshark: Tshark, tmp_path: Path, every: bool) -> None:
    """Cloudflare-style (header on the first datagram) or the same header on every one."""
    pcap = tmp_path / "one.pcap"
    edge, origin = ("192.0.2.31", 33001), ("198.51.100.31", 9441)
    header = v2_udp("203.0.113.12", 51241, 9441)
    later = []
    with CaptureWriter.open(pcap) as cap:
        first = cap.udp(edge, origin, header + b"datagram 0")
        for n in (1, 2):
            later.append(cap.udp(edge, origin, (header if every else b"") + b"datagram %d" % n))
            later.append(cap.udp(origin, edge, b"reply %d" % n))
    got = rows(tshark, pcap)
    assert got[first][:3] == ["v2", "203.0.113.12", "51241"]
    for frame in later:
        assert got[frame][1:] == ["203.0.113.12", "51241", ""], (frame, got[frame])


def test_tracking_off(tshark: Tshark, tmp_path: Path) -> None:
    """``track_conversations:FALSE``: no client and no count on datagrams without a header."""
    pcap = tmp_path / "off.pcap"
    edge, origin = ("192.0.2.32", 33002), ("198.51.100.32", 9441)
    with CaptureWriter.open(pcap) as cap:
        for n in range(2):
            cap.udp(edge, origin, v2_udp("203.0.113.13", 51242 + n, 9441) + b"q")
            cap.udp(origin, edge, b"a")
    got = rows(tshark, pcap, "-o", "proxyproto.track_conversations:FALSE")
    assert [r[1:] for f, r in sorted(got.items()) if not r[0]] == [["", "", ""]] * 2
