"""The bundled sample capture (``dissector/samples/sample.pcap``) and its generator.

``make demo`` dissects this file. It is written by `write_sample` alone
(fixed addresses, ports, sequence numbers and timestamps, no randomness),
so ``python -m proxyproto_kaitai.dissector.sample OUT.pcap`` rebuilds it
byte for byte, and a test checks that it does.

Headers are assembled here with `struct` from the specs (SPEC_NOTES §1,
§2, §4), not with the library's encoders, so the sample is an independent
check of the parser rather than a round trip; only the wire constants
(signature, magic, sizes) come from `proxyproto_kaitai._wire`, their one
home. What is in it, in order:

1. PROXY v1 TCP4 before an HTTP request (HAProxy ``send-proxy``).
2. PROXY v1 TCP6, split over two segments.
3. PROXY v2 TCP4 with ALPN, AUTHORITY, CRC32C, UNIQUE_ID, SSL (VERSION,
   CN, CIPHER) and an AWS TLV *after* the SSL TLV (the one tshark 4.0's
   own dissector loses), sent out of order with a retransmission.
4. PROXY v2 LOCAL (a health check).
5. A PROXY v2 header with a wrong CRC32C: the broken one.
6. A v2 header with a v1 line stacked behind it (a proxy in front of a proxy).
7. A plain TLS connection with no header (reported as carrying none).
8. Cloudflare Spectrum SPP over UDP: three datagrams to the origin, three
   replies, one of which does not repeat the client's header.
9. Cloudflare-style PROXY v2 over UDP: a header on the first datagram only.
10. dnsdist-style PROXY v2 over UDP: a header on every query.
11. Ordinary DNS without any header.
"""

from __future__ import annotations

import argparse
import ipaddress
import struct
import sys
from pathlib import Path

from crc32c import crc32c

from proxyproto_kaitai._wire import (
    CRC32C_LEN,
    IPV4_MAPPED_PREFIX,
    SPP_MAGIC,
    TLV_HEADER_LEN,
    V2_FIXED_LEN,
    V2_SIGNATURE,
    V2_VERSION,
    AwsSubtype,
    SslSubtype,
    TlvType,
)

from .pcapwriter import CaptureWriter

__all__ = ["SAMPLE_PATH", "main", "write_sample"]

SAMPLE_PATH = Path(__file__).parent / "samples" / "sample.pcap"


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!BH", kind, len(value)) + value


def _v2(
    command: int,
    fam: int,
    addresses: bytes,
    tlvs: list[bytes],
    *,
    crc: bool | int = False,
) -> bytes:
    """A PROXY v2 header; ``crc=True`` computes CRC32C, an int forces a (wrong) value."""
    body = addresses + b"".join(tlvs)
    crc_at = None
    if crc is not False:
        crc_at = V2_FIXED_LEN + len(body) + TLV_HEADER_LEN
        body += _tlv(TlvType.CRC32C, bytes(CRC32C_LEN))
    head = V2_SIGNATURE + struct.pack("!BBH", V2_VERSION << 4 | command, fam, len(body)) + body
    if crc_at is not None:
        value = crc32c(head) if crc is True else int(crc)
        head = head[:crc_at] + struct.pack("!I", value) + head[crc_at + 4 :]
    return head


def _inet4(src: str, dst: str, sport: int, dport: int) -> bytes:
    return (
        ipaddress.IPv4Address(src).packed
        + ipaddress.IPv4Address(dst).packed
        + struct.pack("!HH", sport, dport)
    )


def _spp(client: str, proxy: str, cport: int, pport: int) -> bytes:
    def mapped(addr: str) -> bytes:
        ip = ipaddress.ip_address(addr)
        if ip.version == 4:
            return IPV4_MAPPED_PREFIX + ip.packed
        return ip.packed

    return SPP_MAGIC + mapped(client) + mapped(proxy) + struct.pack("!HH", cport, pport)


def write_sample(path: str | Path) -> int:
    """Write the sample capture to ``path``; return its number of packets."""
    with CaptureWriter.open(path) as cap:
        # 1. v1 TCP4, header and request in one segment.
        c = cap.tcp(("192.0.2.10", 40001), ("198.51.100.20", 80), isn=(100_000, 200_000))
        c.handshake()
        c.client_send(
            b"PROXY TCP4 203.0.113.7 198.51.100.20 51234 80\r\n"
            b"GET / HTTP/1.1\r\nHost: www.example\r\n\r\n"
        )
        c.server_send(b"HTTP/1.1 204 No Content\r\n\r\n")
        c.close()

        # 2. v1 TCP6, split over two segments.
        c = cap.tcp(("2001:db8::10", 40002), ("2001:db8::20", 443), isn=(300_000, 400_000))
        c.handshake()
        c.client_send(
            b"PROXY TCP6 2001:db8:cafe::7 2001:db8::20 51235 443\r\n\x16\x03\x01\x00\x05hello",
            chunks=[20],
        )
        c.close()

        # 3. v2 TCP4 with TLVs; segments out of order plus a retransmission.
        ssl = _tlv(
            TlvType.SSL,
            struct.pack("!BI", 0x07, 0)
            + _tlv(SslSubtype.VERSION, b"TLSv1.3")
            + _tlv(SslSubtype.CN, b"client.example")
            + _tlv(SslSubtype.CIPHER, b"TLS_AES_128_GCM_SHA256"),
        )
        rich = _v2(
            0x1,
            0x11,
            _inet4("203.0.113.8", "198.51.100.21", 51236, 443),
            [
                _tlv(TlvType.ALPN, b"h2"),
                _tlv(TlvType.AUTHORITY, b"www.example"),
                _tlv(TlvType.UNIQUE_ID, bytes.fromhex("c0ffee0001")),
                ssl,
                _tlv(TlvType.AWS, bytes([AwsSubtype.VPCE_ID]) + b"vpce-08d2bf15fac5001c9"),
            ],
            crc=True,
        )
        c = cap.tcp(("192.0.2.11", 40003), ("198.51.100.21", 443), isn=(500_000, 600_000))
        c.handshake()
        data = rich + b"\x16\x03\x01\x00\x05hello"
        c.client_segment(40, data[40:])  # arrives first
        c.client_segment(0, data[:40])
        c.client_segment(0, data[:40])  # retransmitted
        c.advance_client(len(data))
        c.server_send(b"\x16\x03\x03\x00\x02ok")
        c.close()

        # 4. v2 LOCAL: a health check from the proxy itself.
        c = cap.tcp(("192.0.2.12", 40004), ("198.51.100.22", 8080), isn=(700_000, 800_000))
        c.handshake()
        c.client_send(_v2(0x0, 0x00, b"", []) + b"GET /health HTTP/1.0\r\n\r\n")
        c.close()

        # 5. The broken one: a v2 header whose CRC32C is wrong.
        c = cap.tcp(("192.0.2.13", 40005), ("198.51.100.23", 443), isn=(900_000, 1_000_000))
        c.handshake()
        c.client_send(
            _v2(0x1, 0x11, _inet4("203.0.113.9", "198.51.100.23", 51237, 443), [], crc=0xDEADBEEF)
            + b"\x16\x03\x01"
        )
        c.close()

        # 6. Stacked: a v2 header from an outer proxy, then a v1 line from an inner one.
        c = cap.tcp(("192.0.2.14", 40006), ("198.51.100.24", 25), isn=(1_100_000, 1_200_000))
        c.handshake()
        c.client_send(
            _v2(0x1, 0x11, _inet4("203.0.113.10", "192.0.2.14", 51238, 25), [])
            + b"PROXY TCP4 192.0.2.14 198.51.100.24 40006 25\r\n"
            + b"EHLO mail.example\r\n"
        )
        c.close()

        # 7. No header at all.
        c = cap.tcp(("192.0.2.15", 40007), ("198.51.100.25", 443), isn=(1_300_000, 1_400_000))
        c.handshake()
        c.client_send(b"\x16\x03\x01\x00\x05hello")
        c.server_send(b"\x16\x03\x03\x00\x02ok")
        c.close()

        # 8. SPP: Cloudflare (192.0.2.30) <-> origin (198.51.100.30:27015).
        edge, origin = ("192.0.2.30", 33000), ("198.51.100.30", 27015)
        request = _spp("203.0.113.11", "198.18.0.1", 51239, 27015)
        for n in range(3):
            cap.udp(edge, origin, request + b"query %d" % n)
            reply = request if n != 2 else _spp("203.0.113.11", "198.18.0.1", 51240, 27015)
            cap.udp(origin, edge, reply + b"answer %d" % n)

        # 9. Cloudflare-style PROXY v2 over UDP: only the first datagram has it.
        edge, origin = ("192.0.2.31", 33001), ("198.51.100.31", 5353)
        first = _v2(0x1, 0x12, _inet4("203.0.113.12", "198.18.0.2", 51241, 5353), [])
        cap.udp(edge, origin, first + b"datagram 0")
        for n in (1, 2):
            cap.udp(edge, origin, b"datagram %d" % n)
        cap.udp(origin, edge, b"reply")

        # 10. dnsdist-style PROXY v2 over UDP: a header on every query.
        edge, origin = ("192.0.2.32", 33002), ("198.51.100.32", 53)
        for n in range(3):
            header = _v2(0x1, 0x12, _inet4("203.0.113.13", "198.51.100.32", 51242 + n, 53), [])
            cap.udp(edge, origin, header + b"\x12\x34\x01\x00query%d" % n)
            cap.udp(origin, edge, b"\x12\x34\x81\x80answer%d" % n)

        # 11. Ordinary DNS.
        cap.udp(("192.0.2.40", 33003), ("198.51.100.40", 53), b"\xab\xcd\x01\x00plain query")
        cap.udp(("198.51.100.40", 53), ("192.0.2.40", 33003), b"\xab\xcd\x81\x80plain answer")
        return cap.count


def main(argv: list[str] | None = None) -> int:
    """``python -m proxyproto_kaitai.dissector.sample [OUT]``: write the sample capture."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out", nargs="?", default=str(SAMPLE_PATH), help="output pcap file")
    args = parser.parse_args(argv)
    count = write_sample(args.out)
    sys.stdout.write(f"wrote {count} packets to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
