"""A small, deterministic pcap writer for building test and sample captures.

It owns the link, network and transport framing (Ethernet, IPv4, IPv6, TCP,
UDP, with correct checksums) and the classic pcap file format; it knows
nothing about PROXY headers. Output depends only on the calls made: there are
no clocks or random numbers, so a generator script gives the same bytes every
run (the Wireshark test captures are built the same way).

Typical use::

    with CaptureWriter.open(path) as cap:
        conn = cap.tcp(("192.0.2.1", 56324), ("198.51.100.7", 443))
        conn.handshake()
        conn.client_send(b"PROXY TCP4 ...\\r\\n", chunks=[10, 20])
        conn.close()
        cap.udp(("192.0.2.1", 5353), ("198.51.100.7", 53), b"payload")
"""

from __future__ import annotations

import ipaddress
import struct
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Self

__all__ = ["LINKTYPE_ETHERNET", "CaptureWriter", "Endpoint", "TcpConnection", "ip_frame"]

LINKTYPE_ETHERNET = 1
PCAP_MAGIC_USEC = 0xA1B2C3D4
DEFAULT_SNAPLEN = 262144

IP_PROTO_TCP = 6
IP_PROTO_UDP = 17

TCP_FIN = 0x01
TCP_SYN = 0x02
TCP_RST = 0x04
TCP_PSH = 0x08
TCP_ACK = 0x10

Endpoint = tuple[str, int]
"""An (address, port) pair; the address is IPv4 or IPv6 text."""

_ETH_SRC = bytes.fromhex("020000000001")
_ETH_DST = bytes.fromhex("020000000002")


def _checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\x00"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while total > 0xFFFF:
        total = (total & 0xFFFF) + (total >> 16)
    return int(~total & 0xFFFF)


def _l4_checksum(src: bytes, dst: bytes, proto: int, segment: bytes) -> int:
    if len(src) == 4:
        pseudo = src + dst + struct.pack("!BBH", 0, proto, len(segment))
    else:
        pseudo = src + dst + struct.pack("!IxxxB", len(segment), proto)
    return _checksum(pseudo + segment)


def _ip_packet(src: bytes, dst: bytes, proto: int, segment: bytes, ident: int) -> bytes:
    if len(src) == 4:
        header = struct.pack(
            "!BBHHHBBH4s4s",
            0x45,
            0,
            20 + len(segment),
            ident & 0xFFFF,
            0x4000,
            64,
            proto,
            0,
            src,
            dst,
        )
        header = header[:10] + struct.pack("!H", _checksum(header)) + header[12:]
        return header + segment
    return struct.pack("!IHBB16s16s", 0x60000000, len(segment), proto, 64, src, dst) + segment


def _addr(text: str) -> bytes:
    return ipaddress.ip_address(text).packed


def ip_frame(src: Endpoint, dst: Endpoint, proto: int, l4: bytes, *, ident: int = 0) -> bytes:
    """An Ethernet frame carrying ``l4`` (a TCP/UDP segment without checksum) over IP.

    The transport checksum at its usual offset is filled in here.
    """
    s, d = _addr(src[0]), _addr(dst[0])
    if len(s) != len(d):
        raise ValueError("source and destination must be the same IP version")
    offset = 16 if proto == IP_PROTO_TCP else 6
    csum = _l4_checksum(s, d, proto, l4)
    l4 = l4[:offset] + struct.pack("!H", csum) + l4[offset + 2 :]
    ethertype = 0x0800 if len(s) == 4 else 0x86DD
    return _ETH_DST + _ETH_SRC + struct.pack("!H", ethertype) + _ip_packet(s, d, proto, l4, ident)


class CaptureWriter:
    """Writes a classic pcap file (Ethernet link type, microsecond timestamps).

    Timestamps start at ``start`` seconds and advance by ``step_us``
    microseconds per packet, so captures are reproducible.
    """

    def __init__(
        self,
        out: BinaryIO,
        *,
        start: int = 1_767_225_600,  # 2026-01-01T00:00:00Z
        step_us: int = 1000,
        snaplen: int = DEFAULT_SNAPLEN,
    ) -> None:
        self._out = out
        self._time_us = start * 1_000_000
        self._step_us = step_us
        self._snaplen = snaplen
        self._ident = 0
        self._owned = False
        self.count = 0
        out.write(struct.pack("<IHHiIII", PCAP_MAGIC_USEC, 2, 4, 0, 0, snaplen, LINKTYPE_ETHERNET))

    @classmethod
    def open(cls, path: str | Path, **kwargs: int) -> CaptureWriter:
        """Create (or overwrite) the file at ``path`` and write its pcap header."""
        writer = cls(Path(path).open("wb"), **kwargs)  # noqa: SIM115 - closed in close()
        writer._owned = True
        return writer

    def close(self) -> None:
        """Flush, and close the file if :meth:`open` created it."""
        self._out.flush()
        if self._owned:
            self._out.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def frame(self, data: bytes, *, snaplen: int | None = None) -> int:
        """Write one link-layer frame; returns its 1-based frame number.

        ``snaplen`` cuts the stored bytes (as a capture with a small snap length
        does) while recording the original length.
        """
        cut = data[: snaplen if snaplen is not None else self._snaplen]
        sec, usec = divmod(self._time_us, 1_000_000)
        self._out.write(struct.pack("<IIII", sec, usec, len(cut), len(data)) + cut)
        self._time_us += self._step_us
        self.count += 1
        return self.count

    def packet(
        self, src: Endpoint, dst: Endpoint, proto: int, l4: bytes, *, snaplen: int | None = None
    ) -> int:
        """Write an IP packet carrying the transport segment ``l4``."""
        self._ident += 1
        return self.frame(ip_frame(src, dst, proto, l4, ident=self._ident), snaplen=snaplen)

    def udp(
        self, src: Endpoint, dst: Endpoint, payload: bytes, *, snaplen: int | None = None
    ) -> int:
        """Write one UDP datagram; returns its frame number."""
        header = struct.pack("!HHHH", src[1], dst[1], 8 + len(payload), 0)
        return self.packet(src, dst, IP_PROTO_UDP, header + payload, snaplen=snaplen)

    def tcp(
        self, client: Endpoint, server: Endpoint, *, isn: tuple[int, int] = (1000, 5000)
    ) -> TcpConnection:
        """Start describing a TCP connection (nothing is written until you send)."""
        return TcpConnection(self, client, server, isn)


class TcpConnection:
    """One TCP connection's packets; sequence numbers are tracked for you.

    ``client_send``/``server_send`` append data in order. ``client_segment``
    writes a segment at an explicit stream offset without advancing the
    stream, for out-of-order and retransmission cases.
    """

    def __init__(
        self, cap: CaptureWriter, client: Endpoint, server: Endpoint, isn: tuple[int, int]
    ) -> None:
        self._cap = cap
        self.client = client
        self.server = server
        self._isn = isn
        self._sent = [0, 0]  # bytes sent so far by client, server

    def _segment(
        self, from_client: bool, offset: int, flags: int, payload: bytes, *, snaplen: int | None
    ) -> int:
        me, peer = (0, 1) if from_client else (1, 0)
        seq = (self._isn[me] + 1 + offset) & 0xFFFFFFFF  # offset -1 is the SYN
        ack = (self._isn[peer] + 1 + self._sent[peer]) & 0xFFFFFFFF if flags & TCP_ACK else 0
        header = struct.pack("!HHIIBBHHH", 0, 0, seq, ack, 5 << 4, flags, 65535, 0, 0)
        src, dst = (self.client, self.server) if from_client else (self.server, self.client)
        header = struct.pack("!HH", src[1], dst[1]) + header[4:]
        return self._cap.packet(src, dst, IP_PROTO_TCP, header + payload, snaplen=snaplen)

    def handshake(self) -> list[int]:
        """SYN, SYN-ACK, ACK."""
        syn = self._segment(True, -1, TCP_SYN, b"", snaplen=None)
        synack = self._segment(False, -1, TCP_SYN | TCP_ACK, b"", snaplen=None)
        ack = self._segment(True, 0, TCP_ACK, b"", snaplen=None)
        return [syn, synack, ack]

    def _send(
        self, from_client: bool, data: bytes, chunks: Sequence[int] | None, snaplen: int | None
    ) -> list[int]:
        side = 0 if from_client else 1
        frames = []
        for piece in _split(data, chunks):
            frames.append(
                self._segment(
                    from_client, self._sent[side], TCP_PSH | TCP_ACK, piece, snaplen=snaplen
                )
            )
            self._sent[side] += len(piece)
        return frames

    def client_send(
        self, data: bytes, *, chunks: Sequence[int] | None = None, snaplen: int | None = None
    ) -> list[int]:
        """Send ``data`` from the client, split into segments of the ``chunks`` sizes."""
        return self._send(True, data, chunks, snaplen)

    def server_send(
        self, data: bytes, *, chunks: Sequence[int] | None = None, snaplen: int | None = None
    ) -> list[int]:
        """Send ``data`` from the server."""
        return self._send(False, data, chunks, snaplen)

    def client_segment(self, offset: int, data: bytes) -> int:
        """Write a client segment at stream ``offset`` without advancing the stream."""
        return self._segment(True, offset, TCP_PSH | TCP_ACK, data, snaplen=None)

    def advance_client(self, nbytes: int) -> None:
        """Count ``nbytes`` as sent by the client (after writing them with ``client_segment``)."""
        self._sent[0] += nbytes

    def close(self) -> list[int]:
        """FIN from both sides and the last ACK."""
        fin1 = self._segment(True, self._sent[0], TCP_FIN | TCP_ACK, b"", snaplen=None)
        self._sent[0] += 1
        fin2 = self._segment(False, self._sent[1], TCP_FIN | TCP_ACK, b"", snaplen=None)
        self._sent[1] += 1
        ack = self._segment(True, self._sent[0], TCP_ACK, b"", snaplen=None)
        return [fin1, fin2, ack]


def _split(data: bytes, chunks: Iterable[int] | None) -> list[bytes]:
    if not chunks:
        return [data] if data else []
    pieces, pos = [], 0
    for size in chunks:
        if pos >= len(data):
            break
        pieces.append(data[pos : pos + size])
        pos += size
    if pos < len(data):
        pieces.append(data[pos:])
    return pieces
