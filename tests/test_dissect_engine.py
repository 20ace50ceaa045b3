"""The dissector's flow and reassembly rules, fed directly (no tshark needed).

Packets go in through `Dissector.feed_tcp` / `feed_udp` with tshark's field
semantics (relative sequence numbers, 0 on the SYN), so every rule of
`proxyproto_kaitai.dissector._engine` is checked without a capture.
"""

from __future__ import annotations

import io
import struct
from typing import Any

import pytest
from proxyproto_kaitai.dissector import Dissector, DissectorError, Finding, Report
from proxyproto_kaitai.dissector._engine import ACK, FIN, RST, SYN, Engine
from proxyproto_kaitai.dissector._report import ProgressBar, format_table, tlv_summary

PSH = 0x08
V1 = b"PROXY TCP4 203.0.113.7 198.51.100.20 51234 80\r\n"
V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def v2(
    src: str = "203.0.113.8",
    sport: int = 51236,
    *,
    fam: int = 0x11,
    tlvs: bytes = b"",
    command: int = 0x21,
) -> bytes:
    addrs = bytes(int(x) for x in src.split(".")) + bytes([198, 51, 100, 21])
    body = addrs + struct.pack("!HH", sport, 443) + tlvs
    return V2_SIG + struct.pack("!BBH", command, fam, len(body)) + body


def spp(client: str = "203.0.113.11", cport: int = 51239) -> bytes:
    mapped = bytes(10) + b"\xff\xff"
    return (
        b"\x56\xec"
        + mapped
        + bytes(int(x) for x in client.split("."))
        + mapped
        + bytes([198, 18, 0, 1])
        + struct.pack("!HH", cport, 27015)
    )


class Conn:
    """One TCP connection fed to a Dissector, tshark-style."""

    def __init__(self, d: Dissector, stream: int = 0, *, clock: list[int] | None = None) -> None:
        self.d = d
        self.stream = stream
        self.client = ("192.0.2.1", 40000 + stream)
        self.server = ("198.51.100.1", 443)
        self.clock = clock if clock is not None else [0]
        self.found: list[Finding] = []

    def _feed(
        self,
        from_client: bool,
        seq: int,
        flags: int,
        payload: bytes = b"",
        seglen: int | None = None,
    ) -> list[Finding]:
        self.clock[0] += 1
        src, dst = (self.client, self.server) if from_client else (self.server, self.client)
        out = self.d.feed_tcp(
            frame=self.clock[0],
            stream=self.stream,
            src=src[0],
            sport=src[1],
            dst=dst[0],
            dport=dst[1],
            seq=seq,
            flags=flags,
            payload=payload,
            seglen=seglen,
        )
        self.found += out
        return out

    def handshake(self) -> None:
        self._feed(True, 0, SYN)
        self._feed(False, 0, SYN | ACK)
        self._feed(True, 1, ACK)

    def send(self, offset: int, data: bytes, seglen: int | None = None) -> list[Finding]:
        return self._feed(True, offset + 1, PSH | ACK, data, seglen)

    def reply(self, offset: int, data: bytes) -> list[Finding]:
        return self._feed(False, offset + 1, PSH | ACK, data)

    def fin(self, offset: int) -> list[Finding]:
        return self._feed(True, offset + 1, FIN | ACK)

    def rst(self, from_client: bool = False) -> list[Finding]:
        return self._feed(from_client, 1, RST)


def udp(
    d: Dissector,
    frame: int,
    payload: bytes,
    *,
    reply: bool = False,
    stream: int = 0,
    length: int | None = None,
) -> list[Finding]:
    a, b = ("192.0.2.30", 33000 + stream), ("198.51.100.30", 27015)
    src, dst = (b, a) if reply else (a, b)
    return d.feed_udp(
        frame=frame,
        stream=stream,
        src=src[0],
        sport=src[1],
        dst=dst[0],
        dport=dst[1],
        payload=payload,
        length=length,
    )


# --- TCP ------------------------------------------------------------------------


def test_header_in_one_segment() -> None:
    c = Conn(Dissector())
    c.handshake()
    (found,) = c.send(0, V1 + b"GET / HTTP/1.1\r\n\r\n")
    assert found.frame == 4 and found.ok and found.kind == "v1"
    assert found.fields["src_addr"] == "203.0.113.7" and found.fields["length"] == len(V1)
    assert str(found.flow) == "tcp 192.0.2.1:40000 → 198.51.100.1:443"
    assert found.direction is None and found.stack == 0 and not found.midstream


def test_header_split_over_three_segments() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c.send(0, V1[:5]) == []
    assert c.send(5, V1[5:20]) == []
    (found,) = c.send(20, V1[20:] + b"data")
    assert found.frame == 6 and found.ok


def test_out_of_order_and_retransmitted_segments_give_one_result() -> None:
    c = Conn(Dissector())
    c.handshake()
    header = v2()
    assert c.send(10, header[10:]) == []  # arrives first
    (found,) = c.send(0, header[:10])
    assert found.frame == 5 and found.fields["src_port"] == 51236
    assert c.send(0, header[:10]) == []  # a retransmission adds nothing
    assert c.send(0, header + b"x") == []
    assert len(c.found) == 1


def test_overlapping_pending_segments_keep_the_first_copy() -> None:
    c = Conn(Dissector())
    c.handshake()
    header = v2()
    c.send(10, header[10:20])
    c.send(10, b"\xff" * 5)  # shorter, different: ignored
    c.send(10, header[10:20] + header[20:])  # longer: extends the first copy
    (found,) = c.send(0, header[:10])
    assert found.ok and found.fields["dst_port"] == 443


def test_first_bytes_decide_and_nothing_past_the_start_is_searched() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c.send(0, b"GET / HTTP/1.1\r\n") == []
    assert c.send(16, V1) == []  # a header later in the stream is not one
    assert c.d.report.flows == []


def test_server_bytes_are_never_a_header() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c.reply(0, V1) == []
    (found,) = c.send(0, V1)
    assert found.flow.src_port == 40000


def test_syn_ack_alone_tells_the_client() -> None:
    d = Dissector()
    c = Conn(d)
    c._feed(False, 0, SYN | ACK)
    assert c.reply(0, V1) == []
    (found,) = c.send(0, V1)
    assert not found.midstream


def test_data_on_the_syn() -> None:
    c = Conn(Dissector())
    (found,) = c._feed(True, 0, SYN, V1)
    assert found.ok and found.frame == 1


def test_syn_with_absolute_sequence_numbers_is_refused() -> None:
    c = Conn(Dissector())
    with pytest.raises(DissectorError, match="relative"):
        c._feed(True, 12345, SYN)


def test_midstream_header_is_flagged() -> None:
    c = Conn(Dissector())
    assert c.reply(0, b"220 smtp ready\r\n") == []  # server first: not a header
    (found,) = c.send(0, V1)
    assert found.midstream and found.ok
    (row,) = c.d.report.flows
    assert row.midstream and "not captured" in format_table(Report(flows=[row]))


def test_midstream_without_header_reports_nothing() -> None:
    c = Conn(Dissector())
    c.send(0, b"\x17\x03\x03 application data")
    c.reply(0, b"\x17\x03\x03 more")
    assert c.found == [] and c.d.finish() == []


def test_syn_after_midstream_data_resets_the_direction() -> None:
    c = Conn(Dissector())
    c.reply(0, b"PRO")  # midstream guess on the server side, still undecided
    c._feed(True, 0, SYN)
    (found,) = c.send(0, V1)
    assert not found.midstream


def test_incomplete_header_then_fin() -> None:
    c = Conn(Dissector())
    c.handshake()
    c.send(0, V1[:20])
    (found,) = c.fin(20)
    assert found.error is not None
    assert found.error.startswith(
        "incomplete v1 header: the connection closed after 20 bytes of it"
    )
    assert found.frame == 4 and found.fields["kind"] == "v1"


def test_incomplete_v2_then_reset_reports_what_could_be_read() -> None:
    c = Conn(Dissector())
    c.handshake()
    header = v2()
    c.send(0, header[:20])
    (found,) = c.rst()
    assert found.error is not None and found.error.startswith(
        "incomplete v2 header: the connection was reset after 20 bytes of it (at least 8 more"
    )
    assert found.fields["command"] == "PROXY"


def test_incomplete_v2_reports_the_bytes_that_came_after_the_last_parse() -> None:
    # The second segment does not complete the header, so it is not parsed on
    # arrival (the first parse said how many bytes must come first); the
    # reset reads it once, and the report counts it.
    c = Conn(Dissector())
    c.handshake()
    header = v2(tlvs=b"\x02\x00\x28" + b"a" * 40)  # 71 bytes
    assert c.send(0, header[:20]) == []
    assert c.send(20, header[20:50]) == []
    (found,) = c.rst()
    assert found.error == (
        "incomplete v2 header: the connection was reset after 50 bytes of it "
        "(at least 21 more needed)"
    )
    assert (found.frame, found.fields["family"], found.fields["length"]) == (5, "INET", 71)


def test_bytes_after_the_last_parse_can_make_a_header_invalid() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c.send(0, b"PROXY TCP4 1") == []  # a valid start: at least 20 more bytes
    assert c.send(12, b"x") == []  # too few to finish it: not parsed yet
    (found,) = c.fin(13)
    assert found.error is not None
    assert found.error.startswith("invalid v1 header: PROXY v1: src_addr cannot start with")
    assert found.fields["family"] == "TCP4" and found.frame == 5


def test_incomplete_at_end_of_capture() -> None:
    c = Conn(Dissector())
    c.handshake()
    c.send(0, V1[:30])
    c.send(40, V1[40:])  # the bytes in between were never captured
    (found,) = c.d.finish()
    assert str(found.error).startswith(
        "incomplete v1 header: only 30 bytes of it are in the capture"
    )


def test_fin_before_the_missing_segment_arrives() -> None:
    c = Conn(Dissector())
    c.handshake()
    c.send(10, V1[10:])
    assert c.fin(len(V1)) == []
    (found,) = c.send(0, V1[:10])
    assert found.ok
    assert c.d.finish() == []


def test_segment_cut_by_snap_length() -> None:
    c = Conn(Dissector())
    c.handshake()
    c.send(0, V1[:12], seglen=len(V1))
    (found,) = c.d.finish()
    assert str(found.error).startswith(
        "incomplete v1 header: the capture's snap length cut frame 4 after 12 bytes of it"
    )


def test_signature_prefix_then_fin_is_a_truncated_header() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c.send(0, V2_SIG[:8]) == []
    (found,) = c.fin(8)
    assert found.kind == "v2" and found.fields["kind"] == "v2" and found.header is None
    assert found.error == (
        "incomplete v2 header: the connection closed after 8 bytes of it (at least 8 more needed)"
    )
    c = Conn(Dissector(), stream=1)
    c.handshake()
    c.send(0, V2_SIG[:4])  # four bytes: not claimed
    assert c.fin(4) == [] and c.d.finish() == []


def test_invalid_header_reports_partial_fields() -> None:
    c = Conn(Dissector())
    c.handshake()
    bad = v2(tlvs=b"\x02\x00\x0a12345")  # TLV longer than the header
    (found,) = c.send(0, bad)
    assert found.error is not None and found.error.startswith("invalid v2 header:")
    assert "field" in found.error and found.header is None
    assert found.fields["kind"] == "v2" and found.fields["command"] == "PROXY"
    assert set(found.to_json()) >= {"frame", "flow", "direction", "error", "stack", "midstream"}


def test_stacked_headers() -> None:
    c = Conn(Dissector())
    c.handshake()
    found = c.send(0, v2() + V1 + b"EHLO x\r\n")
    assert [(f.kind, f.stack) for f in found] == [("v2", 0), ("v1", 1)]
    (row,) = c.d.report.flows
    assert row.kinds == ["v2", "v1"] and row.headers == 2


def test_stacked_header_split_after_the_first() -> None:
    c = Conn(Dissector())
    c.handshake()
    first = v2()
    assert [f.stack for f in c.send(0, first)] == [0]
    assert c.send(len(first), V1[:3]) == []
    assert [f.stack for f in c.send(len(first) + 3, V1[3:])] == [1]


def test_max_stack_one_reads_a_single_header() -> None:
    c = Conn(Dissector(max_stack=1))
    c.handshake()
    assert [f.stack for f in c.send(0, v2() + V1)] == [0]


def test_header_longer_than_max_size() -> None:
    c = Conn(Dissector(max_header_size=40))
    c.handshake()
    (found,) = c.send(0, v2(tlvs=b"\x04\x00\x20" + bytes(32)))
    assert found.error is not None and found.error.startswith("invalid v2 header")
    assert found.fields["kind"] == "v2"


def test_engine_rejects_silly_limits() -> None:
    with pytest.raises(ValueError):
        Engine(max_header_size=4)
    with pytest.raises(ValueError):
        Engine(max_stack=0)


def test_segments_before_the_start_are_trimmed() -> None:
    c = Conn(Dissector())
    c.handshake()
    assert c._feed(True, 0, ACK, b"x") == []  # keep-alive probe one byte before the start
    (found,) = c._feed(True, 0, PSH | ACK, b"x" + V1)  # overlaps the start by one byte
    assert found.ok


def test_retired_connection_ignores_later_packets() -> None:
    c = Conn(Dissector())
    c.handshake()
    c.send(0, b"hello")
    assert c.send(5, V1) == [] and c.fin(5 + len(V1)) == []


# --- horizon and replay (the fast path's second pass) ------------------------------------


def _tcp(engine: Engine, frame: int, seq: int, flags: int, data: bytes = b"") -> None:
    engine.tcp(frame, 7, "192.0.2.1", 1, "198.51.100.1", 2, seq, flags, len(data), data)


def test_horizon_defers_and_replay_does_not_repeat_findings() -> None:
    header = v2(tlvs=b"\x04\x00\x40" + bytes(64))
    engine = Engine(horizon=32)
    _tcp(engine, 1, 0, SYN)
    _tcp(engine, 2, 1, PSH | ACK, header[:40])  # starts below the horizon
    engine.finish()
    assert engine.deferred == {7} and engine.out == []
    engine.replay({7})
    _tcp(engine, 1, 0, SYN)
    _tcp(engine, 2, 1, PSH | ACK, header[:40])
    _tcp(engine, 3, 41, PSH | ACK, header[40:])
    engine.finish()
    (found,) = engine.out
    assert found.ok and found.frame == 3 and not engine.deferred


def test_replay_suppresses_what_the_first_pass_emitted() -> None:
    first = v2()
    engine = Engine(horizon=len(first))
    _tcp(engine, 1, 0, SYN)
    _tcp(engine, 2, 1, PSH | ACK, first)  # a whole header; a stacked one may follow
    assert len(engine.out) == 1
    engine.out.clear()
    engine.finish()
    assert engine.deferred == {7}
    engine.replay({7})
    _tcp(engine, 1, 0, SYN)
    _tcp(engine, 2, 1, PSH | ACK, first)
    _tcp(engine, 3, len(first) + 1, PSH | ACK, V1)
    engine.finish()
    assert [f.stack for f in engine.out] == [1]
    (row,) = engine.reports
    assert row.headers == 2 and row.kinds == ["v2", "v1"]


def test_deferred_as_soon_as_the_start_reaches_the_horizon() -> None:
    """The fast path must learn at once (not at the end) that a stream needs more."""
    first = v2()
    engine = Engine(horizon=8)
    _tcp(engine, 1, 0, SYN)
    assert engine.live_streams() == {7} and not engine.deferred
    _tcp(engine, 2, 1, PSH | ACK, first)  # a stacked header may follow past the horizon
    assert engine.deferred == {7} and [f.ok for f in engine.out] == [True]
    engine.replay(engine.deferred | engine.live_streams())
    assert engine.horizon is None and not engine.deferred
    _tcp(engine, 1, 0, SYN)
    _tcp(engine, 2, 1, PSH | ACK, first)
    _tcp(engine, 3, len(first) + 1, FIN | ACK)
    engine.finish()
    assert not engine.deferred and len(engine.out) == 1  # found once, not twice
    assert engine.live_streams() == set()


# --- UDP ------------------------------------------------------------------------------


def test_spp_both_directions_and_reply_check() -> None:
    d = Dissector()
    (a,) = udp(d, 1, spp() + b"query")
    (b,) = udp(d, 2, spp() + b"answer", reply=True)
    (c,) = udp(d, 3, spp(cport=1) + b"answer", reply=True)
    assert (a.direction, b.direction, c.direction) == ("to_origin", "to_client", "to_client")
    assert a.ok and b.ok and not c.ok
    assert c.error == (
        "the origin's reply does not repeat the client's SPP header: client port 1 != 51239"
    )
    assert c.header is not None and c.fields["src_port"] == 1
    assert udp(d, 4, b"no header", reply=True) == []
    (row,) = d.report.flows
    assert row.datagrams == [1, 3] and row.with_header == [1, 2] and row.mismatched == 1
    assert row.udp_mode is None
    text = format_table(d.report)
    assert "1 datagrams without SPP header" in text and "1 reply does not repeat" in text
    assert row.to_json()["mismatched"] == 1


def test_spp_reply_before_any_request_is_not_checked() -> None:
    d = Dissector()
    udp(d, 1, b"\x56\xec" + bytes(40), stream=1)  # the flow starts SPP
    (found,) = udp(d, 2, spp(), reply=True, stream=1)
    assert found.direction == "to_client"


def test_spp_not_only_on_the_first_datagram() -> None:
    d = Dissector()
    assert udp(d, 1, b"") == [] and udp(d, 2, b"plain") == []
    (found,) = udp(d, 3, spp())  # any datagram may be the flow's first SPP one
    assert found.ok and found.direction == "to_origin"
    assert udp(d, 4, b"\x56\xec" + bytes(10), stream=1) == []  # no evidence: not claimed


def test_short_spp_datagram_is_invalid() -> None:
    d = Dissector()
    assert udp(d, 1, spp())[0].ok  # the flow is SPP
    (found,) = udp(d, 2, b"\x56\xec" + bytes(10))
    assert found.error is not None and found.error.startswith("invalid spp header")
    assert "1 invalid: invalid spp header" in format_table(d.report)


def test_spp_datagram_cut_by_snap_length() -> None:
    d = Dissector()
    assert udp(d, 1, spp()[:20], length=100) == []  # 20 bytes show no evidence
    assert udp(d, 2, spp())[0].ok
    (found,) = udp(d, 3, spp()[:20], length=100)
    assert found.error == (
        "incomplete spp header: the capture's snap length cut the datagram to 20 of 100 bytes"
    )
    (ok,) = udp(d, 4, spp() + b"ab", length=100)  # cut after the header: fine
    assert ok.ok


def test_v2_datagram_cut_by_snap_length() -> None:
    d = Dissector()
    (found,) = udp(d, 1, v2(fam=0x12)[:20], length=60)
    assert found.error is not None and "snap length" in found.error
    (bad,) = udp(d, 2, v2(fam=0x12)[:13] + b"\x99" * 7, length=60, stream=1)
    assert bad.error is not None and bad.error.startswith("invalid v2")


def test_udp_v2_first_datagram_only() -> None:
    d = Dissector()
    (found,) = udp(d, 1, v2(fam=0x12) + b"q0")
    assert udp(d, 2, b"q1") == [] and udp(d, 3, b"r", reply=True) == []
    (row,) = d.report.flows
    assert row.udp_mode == "first" and found.direction is None
    assert "first datagram only" in format_table(d.report)
    assert row.to_json()["udp_mode"] == "first"


def test_udp_v2_every_datagram_single_and_some() -> None:
    d = Dissector()
    for frame in (1, 2, 3):
        udp(d, frame, v2(fam=0x12) + b"q", stream=1)
    udp(d, 4, v2(fam=0x12), stream=2)
    udp(d, 5, b"plain", stream=3)
    udp(d, 6, v2(fam=0x12), stream=3)
    udp(d, 7, b"plain", stream=3)
    modes = {r.stream: r.udp_mode for r in d.report.flows}
    assert modes == {1: "every", 2: "single", 3: "some"}
    text = format_table(d.report)
    assert "every datagram (3)" in text and "single datagram" in text and "1 of 3 datagrams" in text


def test_udp_v2_invalid_datagram_in_table() -> None:
    d = Dissector()
    (found,) = udp(d, 1, V2_SIG + b"\x11\x12\x00\x00")
    assert found.error is not None
    assert "1 invalid" in format_table(d.report)


def test_udp_stacked_v2_headers() -> None:
    d = Dissector()
    found = udp(d, 1, v2(fam=0x12) + v2("203.0.113.99", fam=0x12) + b"payload")
    assert [(f.kind, f.stack) for f in found] == [("v2", 0), ("v2", 1)]
    assert found[1].fields["src_addr"] == "203.0.113.99"
    found = udp(d, 2, spp() + v2(fam=0x12), stream=5)
    assert [(f.kind, f.stack) for f in found] == [("spp", 0), ("v2", 1)]
    assert (
        Dissector(max_stack=1)
        .feed_udp(frame=1, stream=0, src="a", sport=1, dst="b", dport=2, payload=v2(fam=0x12) * 2)[
            -1
        ]
        .stack
        == 0
    )


# --- output ---------------------------------------------------------------------------


def test_finding_and_report_json() -> None:
    c = Conn(Dissector())
    c.handshake()
    (found,) = c.send(0, V1)
    data = found.to_json()
    assert list(data)[:10] == [
        "kind",
        "command",
        "family",
        "transport",
        "src_addr",
        "src_port",
        "dst_addr",
        "dst_port",
        "length",
        "tlvs",
    ]
    assert data["flow"] == {
        "transport": "tcp",
        "src_addr": "192.0.2.1",
        "src_port": 40000,
        "dst_addr": "198.51.100.1",
        "dst_port": 443,
    }
    report = Report(findings=[found], flows=c.d.report.flows)
    doc = report.to_json()
    assert doc["headers"] == [data] and doc["damage"] is None
    assert doc["flows"][0]["midstream"] is False and doc["flows"][0]["kinds"] == ["v1"]


def test_table_for_an_empty_report() -> None:
    assert "No PROXY v1, PROXY v2 or SPP header" in format_table(Report())


def test_table_rows() -> None:
    d = Dissector()
    c = Conn(d, 1)
    c.handshake()
    c.send(0, v2(tlvs=b"\x02\x00\x0bwww.example"))
    c2 = Conn(d, 2, clock=c.clock)
    c2.client = ("2001:db8::1", 40002)
    c2.handshake()
    c2.send(0, V1[:10] + b"x" + V1[11:])
    text = format_table(d.report)
    assert "AUTHORITY=www.example" in text and "[2001:db8::1]:40002" in text
    assert "invalid v1 header" in text and text.splitlines()[-1].startswith("2 TCP connections")


@pytest.mark.parametrize(
    ("tlvs", "text"),
    [
        (None, "-"),
        ([{"type": 3, "name": "CRC32C", "verified": True}], "CRC32C ok"),
        ([{"type": 3, "name": "CRC32C", "verified": False}], "CRC32C BAD"),
        ([{"type": 0x20, "name": "SSL", "client": 5, "sub_tlvs": []}], "SSL(client=0x05)"),
        (
            [
                {
                    "type": 0x20,
                    "name": "SSL",
                    "client": 1,
                    "sub_tlvs": [
                        {"name": "VERSION", "value": "TLSv1.3"},
                        {"name": "CN", "value": "a-rather-long-common-name.example"},
                    ],
                }
            ],
            "SSL(TLSv1.3, CN=a-rather-long-commo…)",
        ),
        ([{"type": 0xF1, "name": None, "length": 3}], "0xf1(3B)"),
        ([{"type": 1, "name": "ALPN", "value": "h2"}], "ALPN=h2"),
        ([{"type": 1, "name": "ALPN", "value": "x" * 100}], "ALPN=" + "x" * 27 + "…"),
    ],
)
def test_tlv_summary(tlvs: Any, text: str) -> None:
    assert tlv_summary(tlvs) == text


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_after_the_delay() -> None:
    plain = io.StringIO()
    bar = ProgressBar(plain, delay=0)
    bar(0.5)
    bar.close()
    assert plain.getvalue() == "" and not bar.enabled
    tty = _Tty()
    late = ProgressBar(tty, delay=3600)
    late(0.5)
    late.close()
    assert tty.getvalue() == ""
    bar = ProgressBar(tty, delay=0, width=10)
    bar(0.5)
    assert "[#####.....]  50%" in tty.getvalue()
    bar(None)
    assert "dissecting…" in tty.getvalue()
    bar.close()
    assert tty.getvalue().endswith("\r\x1b[K")
