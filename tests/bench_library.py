"""``make bench``: headers parsed per second, ours against the PyPI ``proxy-protocol``.

A benchmark, not a test: it asserts nothing about speed. Five cases from
issue 3, each on the same bytes for both parsers in the same run:

* v1 TCP4, v1 TCP6, v2 IPv4 without TLVs, v2 IPv6 with SSL + CRC32C TLVs:
  ``proxyproto_kaitai.parse`` against ``proxyprotocol`` 0.11.3's
  ``ProxyProtocolV1/V2().unpack`` (which also verifies the CRC32C);
* SPP, which ``proxy-protocol`` does not know, against a plain
  ``struct.unpack`` of the 38 bytes (no validation, no address objects), and,
  for context, ``struct.unpack`` plus `ipaddress` objects.

Each case cycles through ``--distinct`` different headers (ports vary), so
nothing can be answered from a cache of one input. Each figure is the best
of ``--repeat`` timed passes. The ratio is ours / theirs in headers per
second: above 1.0 means faster.
"""

from __future__ import annotations

import argparse
import ipaddress
import platform
import struct
import sys
import time
from collections.abc import Callable, Sequence
from ipaddress import IPv4Address, IPv6Address
from typing import Any

import proxyproto_kaitai as pp

SPP_STRUCT = struct.Struct("!H16s16sHH")


def v1_tcp4(i: int) -> bytes:
    return f"PROXY TCP4 192.168.{i % 250}.1 192.168.0.11 {1024 + i} 443\r\n".encode()


def v1_tcp6(i: int) -> bytes:
    return f"PROXY TCP6 2001:db8::{i:x} 2001:db8::2 {1024 + i} 443\r\n".encode()


def v2_ipv4(i: int) -> bytes:
    return pp.encode(
        pp.V2Header(
            pp.Command.PROXY,
            pp.Family.INET,
            pp.Transport.STREAM,
            IPv4Address(0xC0000200 + i % 250),
            IPv4Address("198.51.100.7"),
            1024 + i,
            443,
        )
    )


def v2_ipv6_ssl_crc(i: int) -> bytes:
    # CRC32C before SSL: proxy-protocol 0.11.3 recomputes the CRC over its own
    # type-sorted re-serialisation of the TLVs, so only ascending order passes there.
    ssl = pp.SslTlv(
        pp.SslClient.SSL | pp.SslClient.CERT_CONN | pp.SslClient.CERT_SESS,
        0,
        (
            pp.SslSubTlv(pp.SslSubtype.VERSION, b"TLSv1.3"),
            pp.SslSubTlv(pp.SslSubtype.CN, b"client.example.com"),
            pp.SslSubTlv(pp.SslSubtype.CIPHER, b"TLS_AES_256_GCM_SHA384"),
            pp.SslSubTlv(pp.SslSubtype.SIG_ALG, b"RSA-SHA256"),
            pp.SslSubTlv(pp.SslSubtype.KEY_ALG, b"RSA2048"),
        ),
    )
    return pp.encode(
        pp.V2Header(
            pp.Command.PROXY,
            pp.Family.INET6,
            pp.Transport.STREAM,
            IPv6Address(f"2001:db8::{i:x}"),
            IPv6Address("2001:db8::2"),
            1024 + i,
            443,
            (pp.Crc32cTlv(), ssl),
        )
    )


def spp(i: int) -> bytes:
    return (
        pp.encode(
            pp.SppHeader(
                IPv4Address(0xC0000200 + i % 250), IPv4Address("198.51.100.7"), 1024 + i, 27015
            )
        )
        + b"payload"
    )


def struct_spp(data: bytes) -> Any:
    return SPP_STRUCT.unpack_from(data)


def struct_spp_ip(data: bytes) -> Any:
    magic, client, proxy, cport, pport = SPP_STRUCT.unpack_from(data)
    if magic != 0x56EC:
        raise ValueError("magic")
    c, p = ipaddress.IPv6Address(client), ipaddress.IPv6Address(proxy)
    return (c.ipv4_mapped or c, p.ipv4_mapped or p, cport, pport)


def rate(fn: Callable[[bytes], Any], inputs: Sequence[bytes], repeat: int) -> float:
    """Best headers/second over ``repeat`` passes through ``inputs``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for data in inputs:
            fn(data)
        best = min(best, time.perf_counter() - start)
    return len(inputs) / best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="proxyproto_kaitai parse benchmark")
    parser.add_argument("--distinct", type=int, default=2000, help="different headers per case")
    parser.add_argument("--repeat", type=int, default=7, help="timed passes; the best counts")
    args = parser.parse_args(argv)

    from proxyprotocol.v1 import ProxyProtocolV1
    from proxyprotocol.v2 import ProxyProtocolV2

    theirs_v1, theirs_v2 = ProxyProtocolV1(), ProxyProtocolV2()
    spp_parse: Callable[[bytes], Any] = lambda d: pp.parse(d, datagram=True)  # noqa: E731
    cases: list[
        tuple[str, Callable[[int], bytes], Callable[[bytes], Any], str, Callable[[bytes], Any]]
    ] = [
        ("v1 TCP4", v1_tcp4, pp.parse, "proxy-protocol", theirs_v1.unpack),
        ("v1 TCP6", v1_tcp6, pp.parse, "proxy-protocol", theirs_v1.unpack),
        ("v2 IPv4, no TLVs", v2_ipv4, pp.parse, "proxy-protocol", theirs_v2.unpack),
        ("v2 IPv6, SSL + CRC32C", v2_ipv6_ssl_crc, pp.parse, "proxy-protocol", theirs_v2.unpack),
        ("SPP", spp, spp_parse, "struct.unpack", struct_spp),
        ("SPP (context)", spp, spp_parse, "struct.unpack + ipaddress", struct_spp_ip),
    ]
    print(
        f"python {platform.python_version()} on {platform.machine()}, "
        f"{args.distinct} distinct headers per case, best of {args.repeat}"
    )
    print(f"{'case':<24} {'ours/s':>10} {'theirs/s':>10}  {'ratio':>6}  baseline")
    for name, make, ours, label, theirs in cases:
        inputs = [make(i) for i in range(args.distinct)]
        for data in inputs[:50]:  # same bytes, same answer
            h = ours(data)
            assert h.length <= len(data)
            theirs(data)
        r_ours = rate(ours, inputs, args.repeat)
        r_theirs = rate(theirs, inputs, args.repeat)
        print(
            f"{name:<24} {r_ours:>10,.0f} {r_theirs:>10,.0f}  {r_ours / r_theirs:>5.2f}x  {label}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
