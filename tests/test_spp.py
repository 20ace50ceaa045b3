"""SPP (`proxyproto_kaitai._spp`) against ``tests/vectors/spp.json`` and by hand."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address

import libcheck
import pytest
import vectorlib

import proxyproto_kaitai as pp

SPP = vectorlib.load("spp")
EXAMPLE = bytes.fromhex(
    "56ec00000000000000000000ffffc000020100000000000000000000ffffc6336407dc046987"
)


@pytest.mark.parametrize("vector", vectorlib.params(SPP))
def test_vector(vector: vectorlib.Vector) -> None:
    libcheck.check_verdict(vector)
    libcheck.check_generic_parse(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid(SPP)))
def test_round_trip(vector: vectorlib.Vector) -> None:
    libcheck.check_round_trip(vector)


def test_model() -> None:
    h = pp.parse(EXAMPLE + b"payload", datagram=True)
    assert isinstance(h, pp.SppHeader)
    assert h == pp.SppHeader(IPv4Address("192.0.2.1"), IPv4Address("198.51.100.7"), 56324, 27015)
    assert (h.src_addr, h.dst_addr, h.src_port, h.dst_port) == (
        h.client_addr,
        h.proxy_addr,
        56324,
        27015,
    )
    assert (h.command, h.family, h.transport, h.tlvs, h.length) == (
        None,
        pp.Family.INET,
        pp.Transport.DGRAM,
        (),
        38,
    )
    assert pp.encode(h) == EXAMPLE
    mixed = pp.SppHeader(IPv4Address("192.0.2.1"), IPv6Address("2001:db8::1"), 1, 2)
    assert mixed.family is pp.Family.INET6
    assert pp.parse_spp(pp.encode(mixed)) == mixed


def test_never_on_a_stream() -> None:
    with pytest.raises(pp.NoSignatureError):
        pp.parse(EXAMPLE)
    assert pp.detect(EXAMPLE) is pp.Detection.NONE
    assert pp.detect(EXAMPLE, datagram=True) is pp.Detection.SPP


@pytest.mark.parametrize(
    "header",
    [
        pp.SppHeader(IPv4Address("1.2.3.4"), IPv4Address("1.2.3.4"), 65536, 1),
        pp.SppHeader(IPv4Address("1.2.3.4"), IPv4Address("1.2.3.4"), 1, True),
        pp.SppHeader("1.2.3.4", IPv4Address("1.2.3.4"), 1, 2),  # type: ignore[arg-type]
    ],
)
def test_encode_refuses(header: pp.SppHeader) -> None:
    with pytest.raises(pp.EncodeError):
        pp.encode_spp(header)
