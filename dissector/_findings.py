"""What the capture dissector reports: flows, findings and the per-flow summary.

Owns the result types of `proxyproto_kaitai.dissector` and their JSON (the
``dissect --format jsonl`` schema: the header JSON of ``tests/vectors/README.md``
plus ``frame``, ``flow``, ``direction``, ``error``, ``stack`` and
``midstream``). It does not decide what a finding is: `._engine` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from proxyproto_kaitai import Header

__all__ = ["HEADER_KEYS", "Finding", "Flow", "FlowReport", "Report"]

#: The header JSON keys, in the order every finding prints them.
HEADER_KEYS = (
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
)

Direction = Literal["to_origin", "to_client"]


@dataclass(frozen=True, slots=True)
class Flow:
    """The packet-level endpoints of the packet that carried a header.

    Attributes:
        transport: ``"tcp"`` or ``"udp"``.
        src_addr: Source address of the packet, as `ipaddress` prints it.
        src_port: Source port of the packet.
        dst_addr: Destination address of the packet.
        dst_port: Destination port of the packet.
    """

    transport: Literal["tcp", "udp"]
    src_addr: str
    src_port: int
    dst_addr: str
    dst_port: int

    def to_json(self) -> dict[str, Any]:
        """The ``flow`` object of the JSON output."""
        return {
            "transport": self.transport,
            "src_addr": self.src_addr,
            "src_port": self.src_port,
            "dst_addr": self.dst_addr,
            "dst_port": self.dst_port,
        }

    def __str__(self) -> str:
        src, dst = _ep(self.src_addr, self.src_port), _ep(self.dst_addr, self.dst_port)
        return f"{self.transport} {src} → {dst}"


def _ep(addr: str | None, port: int | None) -> str:
    if addr is None:
        return "-"
    text = f"[{addr}]" if ":" in addr and port is not None else addr
    return text if port is None else f"{text}:{port}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One PROXY v1, PROXY v2 or SPP header found in a capture (valid or not).

    Attributes:
        frame: Number of the packet in which the header became complete (for
            a broken header: where the fault became visible).
        flow: The endpoints of the packet(s) that carried it.
        kind: ``"v1"``, ``"v2"`` or ``"spp"``.
        header: The parsed header, or ``None`` when it is invalid.
        fields: The header JSON (every key of `HEADER_KEYS`); for an invalid
            header, the fields that could be read, the others ``None``.
        error: ``None``, or a one-line reason why the header is invalid.
        direction: SPP only: ``"to_origin"`` (proxy → origin) or ``"to_client"``
            (the origin's reply); ``None`` otherwise, and for SPP when the
            capture does not tell which side is the origin.
        stack: 0 for the header at the start of the connection or datagram,
            1 for a header stacked right after it, and so on.
        midstream: TCP only: the capture has no SYN for this connection, so
            the first captured bytes were taken as the start of the stream.
        stream: tshark's ``tcp.stream`` / ``udp.stream`` index of the flow.
        file: The capture it was found in, when several were dissected
            together (``dissect A B …``); ``None`` otherwise.
    """

    frame: int
    flow: Flow
    kind: str
    header: Header | None
    fields: dict[str, Any]
    error: str | None = None
    direction: Direction | None = None
    stack: int = 0
    midstream: bool = False
    stream: int = -1
    file: str | None = None

    @property
    def ok(self) -> bool:
        """``True`` when the header is valid."""
        return self.error is None

    def to_json(self) -> dict[str, Any]:
        """The object ``proxyproto dissect --format jsonl`` prints for this header."""
        out: dict[str, Any] = {} if self.file is None else {"file": self.file}
        out.update(self.fields)
        out["frame"] = self.frame
        out["flow"] = self.flow.to_json()
        out["direction"] = self.direction
        out["error"] = self.error
        out["stack"] = self.stack
        out["midstream"] = self.midstream
        return out


@dataclass(slots=True)
class FlowReport:
    """Everything found in one TCP connection or UDP flow: one table row.

    Attributes:
        flow: TCP: client → server; UDP: the sender of the first datagram →
            its peer (for SPP, the proxy → the origin).
        stream: tshark's stream index.
        first: The first header found (``stack`` 0, first datagram).
        headers: How many headers were found (stacked ones included).
        errors: How many of them are invalid (mismatched SPP replies included).
        kinds: The kinds found, in stack order (``["v2", "v1"]`` for a stack).
        midstream: TCP: the connection's start was not captured.
        datagrams: UDP: datagrams seen ``[forward, reverse]`` (forward = the
            flow's direction; for SPP forward is ``to_origin``).
        with_header: UDP: how many of them carried a header, same order.
        mismatched: SPP: replies whose header differs from the client's.
        first_error: The first error seen in the flow, if any.
        header_on_first_datagram: UDP: the flow's first datagram carried one.
        direction_unknown: SPP: the capture does not tell which side is the
            origin (``flow`` and ``datagrams`` then start with the side that
            sent first).
        file: The capture, when several were dissected together.
    """

    flow: Flow
    stream: int
    first: Finding
    headers: int = 0
    errors: int = 0
    kinds: list[str] = field(default_factory=list)
    midstream: bool = False
    datagrams: list[int] = field(default_factory=lambda: [0, 0])
    with_header: list[int] = field(default_factory=lambda: [0, 0])
    mismatched: int = 0
    first_error: str | None = None
    header_on_first_datagram: bool = False
    direction_unknown: bool = False
    file: str | None = None

    @property
    def udp_mode(self) -> str | None:
        """How a UDP flow carries PROXY v2 (``None`` for TCP and SPP).

        ``"first"``: only the flow's first datagram (Cloudflare Spectrum);
        ``"every"``: every datagram towards the server (the 2026 spec,
        dnsdist); ``"single"``: the flow has one datagram, so both fit;
        ``"some"``: anything else.
        """
        if self.flow.transport != "udp" or self.first.kind == "spp":
            return None
        sent, carried = self.datagrams[0], self.with_header[0]
        if sent <= 1 and carried == sent:
            return "single"
        if carried == sent:
            return "every"
        if carried == 1 and self.header_on_first_datagram:
            return "first"
        return "some"

    def to_json(self) -> dict[str, Any]:
        """The per-flow object of ``--format json``."""
        out: dict[str, Any] = {} if self.file is None else {"file": self.file}
        out |= {
            "flow": self.flow.to_json(),
            "stream": self.stream,
            "first_frame": self.first.frame,
            "kinds": list(self.kinds),
            "headers": self.headers,
            "errors": self.errors,
            "first_error": self.first_error,
            "header": self.first.to_json(),
        }
        if self.flow.transport == "tcp":
            out["midstream"] = self.midstream
        else:
            out["datagrams"] = list(self.datagrams)
            out["with_header"] = list(self.with_header)
            if self.first.kind == "spp":
                out["mismatched"] = self.mismatched
                out["direction_unknown"] = self.direction_unknown
            else:
                out["udp_mode"] = self.udp_mode
        return out


@dataclass(slots=True)
class Report:
    """The result of dissecting a whole capture.

    Attributes:
        findings: Every header found, by frame (then stack position).
        flows: One entry per connection/flow that carried a header, by the
            frame of their first header.
        damage: ``None``, or why tshark stopped reading early (a truncated or
            corrupt file): everything before that point is still reported.
        passes: How many tshark passes the fast path needed (0 for pyshark).
    """

    findings: list[Finding] = field(default_factory=list)
    flows: list[FlowReport] = field(default_factory=list)
    damage: str | None = None
    passes: int = 0

    def to_json(self) -> dict[str, Any]:
        """The document ``proxyproto dissect --format json`` prints."""
        return {
            "headers": [f.to_json() for f in self.findings],
            "flows": [r.to_json() for r in self.flows],
            "damage": self.damage,
        }
