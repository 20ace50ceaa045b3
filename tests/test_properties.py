"""Hypothesis properties: random valid headers round-trip; any bytes raise only our errors."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import proxyproto_kaitai as pp

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ports = st.integers(0, 65535)
ipv4 = st.builds(IPv4Address, st.integers(0, 2**32 - 1))
ipv6 = st.builds(IPv6Address, st.integers(0, 2**128 - 1))
short = st.binary(max_size=40)


def _tlv() -> st.SearchStrategy[pp.Tlv]:
    sub = st.builds(pp.SslSubTlv, st.integers(0, 255), short)
    return st.one_of(
        st.builds(pp.AlpnTlv, short),
        st.builds(pp.AuthorityTlv, short),
        st.builds(pp.NoopTlv, short),
        st.builds(pp.UniqueIdTlv, st.binary(max_size=128)),
        st.builds(pp.NetnsTlv, short),
        st.builds(pp.GcpTlv, short),
        st.builds(pp.AwsTlv, short),
        st.builds(pp.AzureTlv, short),
        st.builds(
            pp.SslTlv,
            st.builds(pp.SslClient, st.integers(0, 255)),
            st.integers(0, 2**32 - 1),
            st.lists(sub, max_size=4).map(tuple),
        ),
        st.builds(
            pp.UnknownTlv,
            st.integers(0, 255).filter(lambda t: t not in {int(x) for x in pp.TlvType}),
            short,
        ),
    )


@st.composite
def v2_headers(draw: Any) -> pp.V2Header:
    command = draw(st.sampled_from(pp.Command))
    fam = draw(st.sampled_from([0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32]))
    family, transport = pp.Family(fam >> 4), pp.Transport(fam & 15)
    tlvs = tuple(draw(st.lists(_tlv(), max_size=5)))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(tlvs)))
        tlvs = (*tlvs[:at], pp.Crc32cTlv(), *tlvs[at:])
    addrs: tuple[Any, ...] = (None, None, None, None)
    if command is pp.Command.PROXY and family is pp.Family.INET:
        addrs = (draw(ipv4), draw(ipv4), draw(ports), draw(ports))
    elif command is pp.Command.PROXY and family is pp.Family.INET6:
        addrs = (draw(ipv6), draw(ipv6), draw(ports), draw(ports))
    elif command is pp.Command.PROXY and family is pp.Family.UNIX:
        path = st.binary(max_size=108)
        addrs = (draw(path), draw(path), None, None)
    return pp.V2Header(command, family, transport, *addrs, tlvs)


v1_headers = st.one_of(
    st.builds(pp.V1Header, st.just(pp.V1Family.TCP4), ipv4, ipv4, ports, ports),
    st.builds(pp.V1Header, st.just(pp.V1Family.TCP6), ipv6, ipv6, ports, ports),
    st.just(pp.V1Header(pp.V1Family.UNKNOWN)),
)
spp_headers = st.builds(pp.SppHeader, st.one_of(ipv4, ipv6), st.one_of(ipv4, ipv6), ports, ports)


@SETTINGS
@given(v2_headers(), st.binary(max_size=20), st.integers(1, 50))
def test_v2_round_trip(header: pp.V2Header, payload: bytes, chunk: int) -> None:
    data = pp.encode(header)
    parsed = pp.parse(data + payload)
    assert isinstance(parsed, pp.V2Header)
    assert parsed == header  # no normaliser: CRC32C and short UNIX paths included
    assert parsed.length == len(data) and header.length is None
    assert pp.encode(parsed) == data
    reader = pp.HeaderReader()
    got = None
    stream = data + payload
    for at in range(0, len(stream), chunk):
        got = reader.feed(stream[at : at + chunk])
        if got is not None:
            break
    assert got == parsed and reader.rest + stream[at + chunk :] == payload
    assert pp.to_json(parsed)["length"] == len(data)


@SETTINGS
@given(v1_headers, st.binary(max_size=20))
def test_v1_round_trip(header: pp.V1Header, payload: bytes) -> None:
    data = pp.encode(header)
    parsed = pp.parse(data + payload)
    assert parsed == header and parsed.length == len(data)


@SETTINGS
@given(spp_headers, st.binary(max_size=20))
def test_spp_round_trip(header: pp.SppHeader, payload: bytes) -> None:
    data = pp.encode(header)
    assert pp.parse(data + payload, datagram=True) == header


def _only_our_errors(data: bytes) -> None:
    for datagram in (False, True):
        try:
            header = pp.parse(data, datagram=datagram, verify_crc=datagram)
        except pp.IncompleteHeaderError as exc:
            assert not datagram
            assert exc.needed is None or exc.needed >= 1
            continue
        except pp.InvalidHeaderError as exc:
            assert isinstance(exc.field, str) and 0 <= exc.offset <= len(data) + 2
            continue
        pp.to_json(header)
        assert header.raw == data[: header.length]
        if any(isinstance(t, pp.Crc32cTlv) and not t.verified for t in header.tlvs):
            continue  # a reported mismatch may disappear when ignored bytes are re-encoded
        again = pp.parse(pp.encode(header), datagram=datagram, verify_crc=False)
        assert again == header


PREFIXES = st.sampled_from(
    [b"", pp.V2_SIGNATURE, pp.V2_SIGNATURE + b"\x21", pp.V2_SIGNATURE + b"\x20", b"PROXY ",
     b"PROXY TCP4 ", b"PROXY TCP6 ", b"PROXY UNKNOWN", b"\x56\xec"]
)  # fmt: skip


@SETTINGS
@given(PREFIXES, st.binary(max_size=300))
def test_random_bytes_raise_only_library_errors(prefix: bytes, tail: bytes) -> None:
    _only_our_errors(prefix + tail)


@SETTINGS
@given(
    st.one_of(v2_headers().map(pp.encode), v1_headers.map(pp.encode)),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 255)), max_size=4),
    st.integers(0, 400),
)
def test_mutated_headers_raise_only_library_errors(
    data: bytes, flips: list[tuple[int, int]], cut: int
) -> None:
    buf = bytearray(data)
    for at, value in flips:
        if buf:
            buf[at % len(buf)] = value
    _only_our_errors(bytes(buf[: max(cut, len(buf) // 2)]))
