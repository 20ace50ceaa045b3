"""Flow tracking and stream-start reassembly: where in a capture the headers are.

Owns the rules of issue 4 §2, independent of where packets come from (the
tshark fast path in `._tshark` or pyshark packets in `._dissector`):

* **TCP**: the header is at the start of the client → server byte stream.
  Segments are placed by tshark's *relative* sequence number (``tcp.seq``; 0
  on the SYN, so stream offset = ``seq - 1``, or ``seq`` for data carried on
  a SYN), reassembled from offset 0 (split, out-of-order and retransmitted
  segments give one result), and only the first `Engine.window` bytes are
  looked at. Bytes joined to the contiguous start never change afterwards (a
  retransmission cannot rewrite them); bytes held from an out-of-order
  segment are only used where the contiguous start has not reached when they
  are joined, so a later in-order segment that overlaps them wins, as in
  Wireshark's reassembly and Linux's receive queue (of two out-of-order
  copies at one offset, the first is kept, extended by a longer second). The
  client is the sender of the SYN (or the receiver of the SYN-ACK). A
  connection whose handshake is not in the capture is *midstream*: tshark
  numbers its bytes from the first packet seen in each direction, both
  directions are tried, and findings are flagged ``midstream``. Whatever the
  first bytes are, they decide: if they are not a PROXY signature the stream
  carries no header, and nothing past the start is ever searched; a stream
  that ends (FIN, RST, end of capture) after 5 to 11 bytes of the v2
  signature is a truncated v2 header. A SYN on a connection still open
  (injected, or a port reused too soon) makes tshark start a new
  ``tcp.stream`` numbered from that SYN; segments whose absolute sequence
  number (``tcp.seq_raw``) places them in the open connection's window are
  given back to it.
* **UDP**: whether a flow (tshark's ``udp.stream``) is SPP is the SPP
  detection rule's (``spec/spp_detection.json``; `._spp_rule` has the
  datagram part, the flow part is here and both are in dissector/README.md):
  any datagram with plausible SPP evidence may start it, one whose class does
  not decide alone waits (held, at most one per flow) for a second datagram
  repeating its header. Then every datagram starting with ``56 EC`` in both
  directions is parsed; the header's proxy port tells the datagrams to the
  origin (``to_origin``) from the replies (``to_client``), which must repeat
  the client's header; without that evidence the direction is unknown
  (``None``) and each side must repeat the other's. In any other flow every
  datagram that starts with the PROXY v2 signature is parsed on its own, so
  both Cloudflare's "first datagram only" and the 2026 spec's "every
  datagram" come out right; `FlowReport.udp_mode` says which it was.
* **Stacked headers**: after a header, a PROXY signature right behind it is
  parsed as the next header (``stack`` 1, 2, …), up to ``max_stack``.

Every decision depends only on SYN/FIN/RST packets, on TCP segments that
start in the first `window` bytes (and, for offset 0, on segments whose
first byte could start a signature) and on UDP datagrams. That is what lets
`._tshark` pre-select packets with a display filter and still give the
result of a full scan; ``horizon`` marks the streams that need bytes the
pre-selection left out (`Engine.deferred`: a stream whose start reaches the
horizon while a header is still open, or may still be followed by a stacked
one), so that the fast path can read them again without it (`Engine.replay`).
"""

from __future__ import annotations

import functools
from typing import Any

from proxyproto_kaitai import (
    Detection,
    Header,
    IncompleteHeaderError,
    InvalidHeaderError,
    SppHeader,
    detect,
    parse,
    to_json,
)
from proxyproto_kaitai._wire import SPP_LEN, SPP_MAGIC, V2_FIXED_LEN, V2_MAX_LEN, V2_SIGNATURE

from ._findings import HEADER_KEYS, Direction, Finding, Flow, FlowReport
from ._spp_rule import SppRule

__all__ = ["ACK", "FIN", "RST", "SYN", "DissectorError", "Engine"]

FIN = 0x01
SYN = 0x02
RST = 0x04
ACK = 0x10

DEFAULT_MAX_STACK = 2

Endpoint = tuple[str, int]


class DissectorError(Exception):
    """The packets cannot be dissected as given (e.g. tshark prefs that break it)."""


def _blank(kind: str) -> dict[str, Any]:
    fields: dict[str, Any] = dict.fromkeys(HEADER_KEYS)
    fields["kind"] = kind
    fields["tlvs"] = []
    return fields


def _error_fields(kind: str, partial: dict[str, Any] | None) -> dict[str, Any]:
    fields = _blank(kind)
    if partial:
        fields.update((k, v) for k, v in partial.items() if k in fields)
        fields["kind"] = kind
        if fields["tlvs"] is None:
            fields["tlvs"] = []
    return fields


def _reason(exc: InvalidHeaderError, kind: str) -> str:
    text = str(exc).replace("\n", " ").strip()
    return f"invalid {kind} header: {text} (field {exc.field}, offset {exc.offset})"


class _Half:
    """The start of one direction's byte stream of a TCP connection."""

    __slots__ = (
        "buf",
        "deferred",
        "done",
        "fin_at",
        "flow",
        "incomplete",
        "index",
        "kind",
        "last_frame",
        "midstream",
        "pending",
        "pos",
        "retry_at",
        "snapcut",
        "tried",
    )

    def __init__(self, flow: Flow, midstream: bool) -> None:
        self.flow = flow
        self.midstream = midstream
        self.buf = bytearray()
        self.pending: dict[int, bytes] = {}
        self.snapcut: dict[int, int] = {}
        self.pos = 0  # where the current header starts
        self.index = 0  # headers found so far
        self.kind: str | None = None  # format of the header being read
        self.retry_at = 0  # do not re-parse before the buffer reaches this length
        # What the last parse of the current header said, and of how many bytes:
        # a header still open at the end is reported from it, not parsed again.
        self.incomplete: IncompleteHeaderError | None = None
        self.tried = 0
        self.last_frame = 0
        self.fin_at: int | None = None
        self.done = False
        self.deferred = False

    def add(self, offset: int, data: bytes, seglen: int, frame: int, window: int) -> bool:
        """Place a segment; return whether the contiguous start grew.

        The overlap rules are in the module docstring: the contiguous start
        is only ever appended to, and held segments fill in behind it.
        """
        if offset < 0:
            if offset + max(len(data), seglen) <= 0:
                return False
            data, seglen, offset = data[-offset:], seglen + offset, 0
        if offset >= window:
            return False
        if len(data) < seglen:
            self.snapcut.setdefault(offset + len(data), frame)
        if not data:
            return False
        buf = self.buf
        end = len(buf)
        if offset > end:
            known = self.pending.get(offset)
            if known is None:
                self.pending[offset] = data
            elif len(data) > len(known):  # keep the first copy, extended
                self.pending[offset] = known + data[len(known) :]
            return False
        if offset + len(data) <= end:
            return False  # a retransmission of bytes we have
        buf += data[end - offset :]
        pending = self.pending
        while pending:
            ready = [off for off in pending if off <= len(buf)]
            if not ready:
                break
            for off in sorted(ready):
                seg = pending.pop(off)
                if off + len(seg) > len(buf):
                    buf += seg[len(buf) - off :]
        if len(buf) > window:
            del buf[window:]
        self.last_frame = frame
        return True


class _TcpConn:
    __slots__ = ("alias", "bases", "client", "closed", "halves", "pair")

    def __init__(self, pair: tuple[Endpoint, Endpoint]) -> None:
        self.client: Endpoint | None = None
        self.closed = False  # a FIN or RST was seen
        self.halves: dict[Endpoint, _Half] = {}
        self.pair = pair
        # Per sender: the absolute sequence number of stream offset 0.
        self.bases: dict[Endpoint, int] = {}
        # A SYN on a connection still open (injected, or a port reused too
        # soon) made tshark start this stream: the open one's stream index.
        self.alias: int | None = None


# The SPP state of a UDP flow (the flow part of the SPP rule, dissector/README.md).
_NOT_SPP = 0  # no datagram with SPP evidence yet
_PENDING = 1  # a reference whose class does not decide alone: one datagram held
_SPP = 2  # an SPP flow: every datagram starting with the magic is a header

_Datagram = tuple[int, str, int, str, int, int, bytes]  # frame, src, sport, dst, dport, len, data


class _UdpFlow:
    __slots__ = (
        "count",
        "first_frame",
        "held",
        "initiator",
        "last_sent",
        "origin",
        "reference",
        "report",
        "spp",
        "with_header",
    )

    def __init__(self, initiator: Endpoint, frame: int) -> None:
        self.initiator = initiator  # the "forward" side (for SPP: the proxy, once known)
        self.first_frame = frame
        self.count = [0, 0]
        self.with_header = [0, 0]
        self.spp = _NOT_SPP
        self.reference: bytes | None = None  # the reference's addresses and ports
        self.held: _Datagram | None = None
        self.origin: Endpoint | None = None  # SPP: the origin's end, when it can be told
        self.last_sent: dict[Endpoint, SppHeader] = {}
        self.report: FlowReport | None = None


class Engine:
    """Turns normalised TCP segments and UDP datagrams into `Finding` objects.

    Call `tcp` / `udp` for each packet in capture order, then `finish`.
    Findings are appended to `out` (the caller drains it); per-flow
    summaries accumulate in `reports`.

    Args:
        max_header_size: The longest header accepted (``max_size`` of
            `proxyproto_kaitai.parse`; default 65551, the protocol's limit).
        verify_crc: ``False`` reports a PROXY v2 CRC32C mismatch in the TLV's
            ``verified`` key instead of as an invalid header.
        max_stack: How many headers in a row are read at the start of a
            stream or datagram (2: a header and one stacked behind it).
        horizon: Set by the fast path's first pass: TCP segments starting at
            or after this stream offset were left out, so decisions that
            would need them are deferred (see `deferred`).
        spp_rule: The SPP detection rule (default: the shipped one,
            ``spec/spp_detection.json``).
    """

    def __init__(
        self,
        *,
        max_header_size: int = V2_MAX_LEN,
        verify_crc: bool = True,
        max_stack: int = DEFAULT_MAX_STACK,
        horizon: int | None = None,
        spp_rule: SppRule | None = None,
    ) -> None:
        if max_header_size < V2_FIXED_LEN:
            raise ValueError(f"max_header_size must be at least {V2_FIXED_LEN}")
        if max_stack < 1:
            raise ValueError("max_stack must be at least 1")
        self.max_header_size = max_header_size
        self.verify_crc = verify_crc
        self.max_stack = max_stack
        self.window = max_stack * max_header_size
        self.horizon = horizon
        self.spp_rule = spp_rule if spp_rule is not None else _default_rule()
        self.out: list[Finding] = []
        self.reports: list[FlowReport] = []
        self._tcp: dict[int, _TcpConn] = {}
        self._tcp_done: set[int] = set()
        self._pairs: dict[tuple[Endpoint, Endpoint], int] = {}  # open streams by endpoints
        #: Streams tshark started at a SYN on a connection still open -> that
        #: connection's stream (its segments are given back to it).
        self.aliases: dict[int, int] = {}
        self._udp: dict[int, _UdpFlow] = {}
        self._tcp_reports: dict[int, FlowReport] = {}
        self._suppress: dict[int, int] = {}
        self._parsed: dict[bytes, Header] = {}  # see `_cached`
        self._v2_sizes: dict[bytes, int] = {}
        self.deferred: set[int] = set()

    # --- TCP -----------------------------------------------------------------

    def tcp(
        self,
        frame: int,
        stream: int,
        src: str,
        sport: int,
        dst: str,
        dport: int,
        seq: int,
        flags: int,
        seglen: int,
        payload: bytes,
        seq_raw: int | None = None,
    ) -> None:
        """One TCP segment.

        Args:
            frame: Frame number.
            stream: tshark's ``tcp.stream``.
            src: Source address.
            sport: Source port.
            dst: Destination address.
            dport: Destination port.
            seq: tshark's relative ``tcp.seq`` (0 on a SYN).
            flags: ``tcp.flags``.
            seglen: ``tcp.len``, the segment's length on the wire.
            payload: The captured payload bytes (shorter than ``seglen`` when
                the capture's snap length cut the packet).
            seq_raw: tshark's ``tcp.seq_raw``, the absolute sequence number
                (``None`` if unknown): it tells the segments of a connection
                still open from those of a SYN injected into it, to which
                tshark gives a new ``tcp.stream``.
        """
        conn = self._tcp.get(stream)
        sender = (src, sport)
        if conn is None:
            if stream in self._tcp_done:
                return
            pair = (sender, (dst, dport)) if sender < (dst, dport) else ((dst, dport), sender)
            conn = self._tcp[stream] = _TcpConn(pair)
            open_ = self._pairs.get(pair)
            if flags & SYN and open_ is not None and open_ != stream and open_ in self._tcp:
                conn.alias = self.aliases[stream] = open_
                if self.horizon is not None:
                    # Its segments have sequence numbers the pre-selection
                    # cannot place: read the rest of the capture without it.
                    self.deferred.add(stream)
            else:
                self._pairs[pair] = stream
        if seq_raw is not None:
            if sender not in conn.bases:
                conn.bases[sender] = (seq_raw - seq + 1) & _SEQ_MASK
            if conn.alias is not None and not flags & SYN and not 0 < seq <= self.window:
                owner = self._tcp.get(conn.alias)
                base = owner.bases.get(sender) if owner is not None else None
                if base is not None and (seq_raw - base) & _SEQ_MASK < self.window:
                    # A segment of the open connection, numbered by tshark
                    # from the injected SYN: give it back to its stream.
                    seq = ((seq_raw - base) & _SEQ_MASK) + 1
                    self.tcp(frame, conn.alias, src, sport, dst, dport, seq, flags, seglen, payload)
                    return
        if flags & SYN:
            if seq != 0:
                raise DissectorError(
                    f"frame {frame}: a SYN with relative sequence number {seq}: tshark's "
                    "tcp.analyze_sequence_numbers and tcp.relative_sequence_numbers "
                    "preferences must be on (the default)"
                )
            if conn.client is None:
                conn.client = (dst, dport) if flags & ACK else sender
                for key in [k for k in conn.halves if k != conn.client]:
                    del conn.halves[key]
                half = conn.halves.get(conn.client)
                if half is not None:
                    half.midstream = False
            offset = 0
        else:
            offset = seq - 1
        if flags & (FIN | RST):
            conn.closed = True
        if conn.client is not None and sender != conn.client:
            if flags & RST:
                self._close_all(stream, conn, "reset")
            return
        half = conn.halves.get(sender)
        if half is None:
            if not payload and not seglen:
                return
            half = conn.halves[sender] = _Half(
                Flow("tcp", src, sport, dst, dport), midstream=conn.client is None
            )
        if half.done:
            return
        if (payload or seglen) and half.add(offset, payload, seglen, frame, self.window):
            self._advance(stream, conn, half, frame)
            if self.horizon is not None and not half.done and len(half.buf) >= self.horizon:
                # The next bytes this half needs start past the horizon: the
                # pre-selection leaves them out, so the fast path must read on
                # without it (`deferred`).
                half.deferred = True
                self.deferred.add(stream)
        if half.done:
            self._maybe_retire(stream, conn)
            return
        if flags & FIN:
            half.fin_at = offset + seglen
        if flags & RST:
            self._close_all(stream, conn, "reset")
        elif half.fin_at is not None and len(half.buf) >= half.fin_at:
            self._close(stream, conn, half, "closed")
            self._maybe_retire(stream, conn)

    def _advance(self, stream: int, conn: _TcpConn, half: _Half, frame: int) -> None:
        while not half.done:
            rest = bytes(half.buf[half.pos :])
            if half.kind is None:
                found = detect(rest)
                if found is Detection.NEED_MORE:
                    if len(half.buf) >= self.window:
                        half.done = True
                    return
                if found is not Detection.V1 and found is not Detection.V2:
                    half.done = True  # not a header: the stream carries none (more)
                    return
                half.kind = found.value
                half.retry_at = 0
                if conn.client is None:  # midstream: a signature shows who the client is
                    conn.client = (half.flow.src_addr, half.flow.src_port)
                    for key in [k for k in conn.halves if k != conn.client]:
                        del conn.halves[key]
            if len(rest) < half.retry_at:
                return
            try:
                header = parse(rest, verify_crc=self.verify_crc, max_size=self.max_header_size)
            except IncompleteHeaderError as exc:
                half.incomplete, half.tried = exc, len(rest)
                half.retry_at = len(rest) + (exc.needed or 1)
                if len(half.buf) >= self.window:
                    self._emit_tcp(
                        stream,
                        half,
                        frame,
                        _error_fields(half.kind, exc.partial),
                        None,
                        f"{half.kind} header longer than the dissector's window of "
                        f"{self.window} stream bytes",
                    )
                    half.done = True
                return
            except InvalidHeaderError as exc:
                self._emit_tcp(
                    stream,
                    half,
                    frame,
                    _error_fields(half.kind, exc.partial),
                    None,
                    _reason(exc, half.kind),
                )
                half.done = True
                return
            self._emit_tcp(stream, half, frame, to_json(header), header, None)
            half.pos += len(header.raw)
            half.index += 1
            half.kind = None
            half.incomplete = None
            if half.index >= self.max_stack:
                half.done = True

    def _close(self, stream: int, conn: _TcpConn, half: _Half, how: str) -> None:
        """No more bytes will come for this half: settle what is still open."""
        if half.done:
            return
        end = len(half.buf)
        if how != "closed" and self.horizon is not None and end >= self.horizon:
            # The first pass left out segments from the horizon on: more bytes
            # may exist, so only a pass over the whole stream can settle it.
            half.deferred = True
            self.deferred.add(stream)
            return
        if half.kind is not None and len(half.buf) - half.pos != half.tried:
            # Bytes came since the last parse, too few for the header to be
            # whole (`retry_at`) but maybe enough to show more of it, or a
            # fault: read them, once, like any other bytes.
            half.retry_at = 0
            self._advance(stream, conn, half, half.last_frame)
            if half.done:
                return
        half.done = True
        if half.kind is None:
            rest = bytes(half.buf[half.pos :])
            if half.index or not _MIN_SIGNATURE_PREFIX <= len(rest) < len(V2_SIGNATURE):
                return
            if not V2_SIGNATURE.startswith(rest):
                return
            # The stream ended inside the v2 signature: a truncated header, as a
            # receiver (HAProxy: "Truncated PROXY protocol header received") sees it.
            half.kind = "v2"
            try:
                parse(rest, max_size=self.max_header_size)
            except IncompleteHeaderError as cut:
                half.incomplete = cut
            except InvalidHeaderError:  # pragma: no cover - a signature prefix is never invalid
                return
        exc = half.incomplete
        n = len(half.buf) - half.pos
        needed = f" (at least {exc.needed} more needed)" if exc and exc.needed else ""
        if end in half.snapcut:
            why = f"the capture's snap length cut frame {half.snapcut[end]} after {n} bytes of it"
        elif how == "closed":
            why = f"the connection closed after {n} bytes of it"
        elif how == "reset":
            why = f"the connection was reset after {n} bytes of it"
        else:
            why = f"only {n} bytes of it are in the capture"
        self._emit_tcp(
            stream,
            half,
            half.last_frame,
            _error_fields(half.kind, exc.partial if exc else None),
            None,
            f"incomplete {half.kind} header: {why}{needed}",
        )

    def _close_all(self, stream: int, conn: _TcpConn, how: str) -> None:
        for half in list(conn.halves.values()):
            self._close(stream, conn, half, how)
        self._maybe_retire(stream, conn)

    def _maybe_retire(self, stream: int, conn: _TcpConn) -> None:
        if conn.client is not None and all(h.done for h in conn.halves.values()):
            del self._tcp[stream]
            self._tcp_done.add(stream)
            if self._pairs.get(conn.pair) == stream:
                del self._pairs[conn.pair]

    def _emit_tcp(
        self,
        stream: int,
        half: _Half,
        frame: int,
        fields: dict[str, Any],
        header: Header | None,
        error: str | None,
    ) -> None:
        finding = Finding(
            frame=frame,
            flow=half.flow,
            kind=fields["kind"],
            header=header,
            fields=fields,
            error=error,
            stack=half.index,
            midstream=half.midstream,
            stream=stream,
        )
        report = self._tcp_reports.get(stream)
        if report is None:
            report = self._tcp_reports[stream] = FlowReport(
                flow=half.flow, stream=stream, first=finding, midstream=half.midstream
            )
            self.reports.append(report)
        elif report.headers == 0:
            report.first = finding
        self._count(report, finding)
        skip = self._suppress.get(stream, 0)
        if skip:
            self._suppress[stream] = skip - 1
            return
        self.out.append(finding)

    # --- UDP -----------------------------------------------------------------

    def udp(
        self,
        frame: int,
        stream: int,
        src: str,
        sport: int,
        dst: str,
        dport: int,
        length: int,
        payload: bytes,
    ) -> None:
        """One UDP datagram.

        Args:
            frame: Frame number.
            stream: tshark's ``udp.stream``.
            src: Source address.
            sport: Source port.
            dst: Destination address.
            dport: Destination port.
            length: The payload length on the wire (``udp.length`` - 8).
            payload: The captured payload (shorter when the snap length cut it).
        """
        flow = self._udp.get(stream)
        sender = (src, sport)
        if flow is None:
            flow = self._udp[stream] = _UdpFlow(sender, frame)
        flow.count[0 if sender == flow.initiator else 1] += 1
        datagram = (frame, src, sport, dst, dport, length, payload)
        if payload[:2] == SPP_MAGIC:
            if flow.spp == _SPP or self._spp_evidence(stream, flow, datagram):
                self._udp_datagram(stream, flow, datagram, "spp")
        elif payload.startswith(V2_SIGNATURE):
            self._udp_datagram(stream, flow, datagram, "v2")

    def _spp_evidence(self, stream: int, flow: _UdpFlow, datagram: _Datagram) -> bool:
        """Apply the flow part of the SPP rule to a datagram of a flow not (yet) SPP.

        Returns whether the flow is SPP now (the datagram is then a header).
        """
        rule, payload = self.spp_rule, datagram[6]
        if flow.held is not None and rule.identity(payload) == flow.reference:
            self._spp_confirm(stream, flow, datagram)  # a second datagram repeats it
            return True
        found = rule.evidence(payload)
        if found is None:
            return False  # no evidence: a flow waiting for a second datagram keeps waiting
        flow.reference = rule.identity(payload)
        if found.decides_alone:
            self._spp_confirm(stream, flow, datagram)
            return True
        flow.spp, flow.held = _PENDING, datagram  # an earlier held one is not claimed
        return False

    def _spp_confirm(self, stream: int, flow: _UdpFlow, datagram: _Datagram) -> None:
        """The flow is SPP: tell its direction, then report the datagram held back."""
        _, src, sport, dst, dport, _, payload = datagram
        rule = self.spp_rule
        proxy_port = int.from_bytes(payload[rule.proxy_port : rule.proxy_port + 2], "big")
        if dport == proxy_port != sport:
            flow.origin = (dst, dport)
        elif sport == proxy_port != dport:
            flow.origin = (src, sport)
        if flow.origin == flow.initiator:  # the capture began with the origin's side
            flow.initiator = (dst, dport) if flow.origin == (src, sport) else (src, sport)
            flow.count.reverse()
            flow.with_header.reverse()
        flow.spp = _SPP
        held, flow.held = flow.held, None
        if held is not None:
            self._udp_datagram(stream, flow, held, "spp")

    def _udp_datagram(self, stream: int, flow: _UdpFlow, datagram: _Datagram, kind: str) -> None:
        """Report the header(s) at the start of one datagram."""
        frame, src, sport, dst, dport, length, payload = datagram
        sender = (src, sport)
        flow.with_header[0 if sender == flow.initiator else 1] += 1
        direction: Direction | None = None
        if kind == "spp" and flow.origin is not None:
            direction = "to_origin" if (dst, dport) == flow.origin else "to_client"
        packet_flow = Flow("udp", src, sport, dst, dport)
        data, stack = payload, 0
        while True:
            header = self._udp_header(
                frame, stream, flow, packet_flow, kind, data, length, direction, stack
            )
            if header is None or stack + 1 >= self.max_stack:
                return
            used = len(header.raw)
            data, length = data[used:], length - used
            if not data.startswith(V2_SIGNATURE):
                return
            kind, stack = "v2", stack + 1

    def _udp_header(
        self,
        frame: int,
        stream: int,
        flow: _UdpFlow,
        packet_flow: Flow,
        kind: str,
        data: bytes,
        length: int,
        direction: Direction | None,
        stack: int,
    ) -> Header | None:
        header: Header | None = None
        error: str | None = None
        cut = len(data) < length  # the capture's snap length cut the datagram
        cached = self._cached(kind, data)
        try:
            # A cut v2 datagram is read as the start of a stream: the library
            # then says whether the header itself was cut (incomplete) or is
            # broken, in one parse. SPP is fixed-size and datagram-only.
            header = cached or parse(
                data,
                datagram=kind == "spp" or not cut,
                verify_crc=self.verify_crc,
                max_size=self.max_header_size,
            )
        except IncompleteHeaderError as exc:
            fields = _error_fields(kind, exc.partial)
            error = _snap_cut(kind, len(data), length)
        except InvalidHeaderError as exc:
            fields = _error_fields(kind, exc.partial)
            if kind == "spp" and cut and len(data) < SPP_LEN:
                error = _snap_cut(kind, len(data), length)
            else:
                error = _reason(exc, kind)
        else:
            if cached is None:
                self._remember(header)
            fields = to_json(header)
            if isinstance(header, SppHeader) and stack == 0:
                error = _spp_check(flow, packet_flow, direction, header)
        finding = Finding(
            frame=frame,
            flow=packet_flow,
            kind=kind,
            header=header,
            fields=fields,
            error=error,
            direction=direction,
            stack=stack,
            stream=stream,
        )
        report = flow.report
        if report is None:
            report = flow.report = FlowReport(
                flow=packet_flow,
                stream=stream,
                first=finding,
                datagrams=flow.count,
                with_header=flow.with_header,
                header_on_first_datagram=frame == flow.first_frame,
                direction_unknown=kind == "spp" and flow.origin is None,
            )
            if (packet_flow.src_addr, packet_flow.src_port) != flow.initiator:
                report.flow = _reverse(packet_flow)
            self.reports.append(report)
        if error is not None and header is not None:
            report.mismatched += 1
        self._count(report, finding)
        self.out.append(finding)
        return header

    # A flow repeats the same header datagram after datagram (SPP always): a
    # header depends on its own bytes only, so each is parsed once. The cache
    # is keyed by the header's bytes (``raw``); the length of a v2 header is
    # taken from an earlier parse of one with the same fixed part (which holds
    # ``len``), so no header field is read here by hand.

    def _cached(self, kind: str, data: bytes) -> Header | None:
        """The header parsed before from the same header bytes as ``data`` starts with."""
        if kind == "spp":
            size: int | None = SPP_LEN
        else:
            size = self._v2_sizes.get(data[:V2_FIXED_LEN])
        if size is None or len(data) < size:
            return None
        return self._parsed.get(data[:size])

    def _remember(self, header: Header) -> None:
        if len(self._parsed) >= _PARSE_CACHE:
            self._parsed.clear()
            self._v2_sizes.clear()
        raw = header.raw
        self._parsed[raw] = header
        if header.kind == "v2":
            self._v2_sizes[raw[:V2_FIXED_LEN]] = len(raw)

    # --- shared ----------------------------------------------------------------

    @staticmethod
    def _count(report: FlowReport, finding: Finding) -> None:
        report.headers += 1
        if finding.stack >= len(report.kinds):
            report.kinds.append(finding.kind)
        if finding.error is not None:
            report.errors += 1
            if report.first_error is None:
                report.first_error = finding.error

    def finish(self) -> None:
        """The capture ended: settle every stream still waiting for bytes."""
        for stream, conn in list(self._tcp.items()):
            for half in list(conn.halves.values()):
                self._close(stream, conn, half, "end")
            if stream in self._tcp:
                self._maybe_retire(stream, conn)

    def live_streams(self) -> set[int]:
        """The TCP streams whose start may still need bytes the pre-selection left out.

        Those with a half that holds bytes but is not settled, and those still
        waiting for their first bytes (no data seen yet, not closed). A stream
        with no bytes at its start was left out at its first byte (not a
        signature: no header) or has them still to come, after the rest: only
        the first is assumed, or every plain connection would count.
        """
        return {
            stream
            for stream, conn in self._tcp.items()
            if any(not h.done and h.buf for h in conn.halves.values())
            or (not conn.halves and not conn.closed)
        }

    def replay(self, streams: set[int]) -> None:
        """Forget what the first pass knew of these TCP streams, to read them again.

        The findings it already emitted are not emitted again; the flow
        reports are rebuilt in place.
        """
        self.horizon = None
        for stream in streams:
            self._tcp.pop(stream, None)
            self._tcp_done.discard(stream)
            report = self._tcp_reports.get(stream)
            if report is not None:
                self._suppress[stream] = report.headers
                report.headers = report.errors = 0
                report.kinds.clear()
                report.first_error = None
        self.deferred -= streams


_PARSE_CACHE = 4096
_SEQ_MASK = 0xFFFFFFFF

# A stream that ends after this many bytes of the v2 signature, or more, is a
# truncated v2 header; fewer are not claimed. The first five bytes, CR LF CR
# LF NUL, hold the NUL that no text protocol sends (issue 10, point 4).
_MIN_SIGNATURE_PREFIX = 5


def _snap_cut(kind: str, captured: int, length: int) -> str:
    return (
        f"incomplete {kind} header: the capture's snap length cut the datagram "
        f"to {captured} of {length} bytes"
    )


def _reverse(flow: Flow) -> Flow:
    return Flow(flow.transport, flow.dst_addr, flow.dst_port, flow.src_addr, flow.src_port)


@functools.cache
def _default_rule() -> SppRule:
    return SppRule()


def _spp_check(
    flow: _UdpFlow, packet: Flow, direction: Direction | None, header: SppHeader
) -> str | None:
    """Whether an SPP header repeats the one last sent the other way (an error if not).

    The proxy may start a new client on a flow (a port reused), so a header
    towards the origin is never wrong; a reply must repeat the latest one.
    When the direction cannot be told, each side is held to the other's.
    """
    sender, receiver = (packet.src_addr, packet.src_port), (packet.dst_addr, packet.dst_port)
    flow.last_sent[sender] = header
    if direction == "to_origin":
        return None
    other = flow.last_sent.get(receiver)
    if other is None:
        return None
    if direction == "to_client":
        return _spp_mismatch(
            other, header, "the origin's reply does not repeat the client's SPP header"
        )
    return _spp_mismatch(
        other, header, "the SPP header differs from the one last sent the other way"
    )


def _spp_mismatch(request: SppHeader, reply: SppHeader, what: str) -> str | None:
    diffs = [
        f"{name} {theirs} != {ours}"
        for name, ours, theirs in (
            ("client address", request.client_addr, reply.client_addr),
            ("client port", request.client_port, reply.client_port),
            ("proxy address", request.proxy_addr, reply.proxy_addr),
            ("proxy port", request.proxy_port, reply.proxy_port),
        )
        if ours != theirs
    ]
    if not diffs:
        return None
    return f"{what}: " + ", ".join(diffs)
