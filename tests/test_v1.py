"""PROXY v1 (`proxyproto_kaitai._v1`) against ``tests/vectors/v1.json`` and by hand."""

from __future__ import annotations

from ipaddress import IPv4Address, IPv6Address

import libcheck
import pytest
import vectorlib
from hypothesis import given, settings
from hypothesis import strategies as st

import proxyproto_kaitai as pp

V1 = vectorlib.load("v1")


def test_vector_count() -> None:
    assert len(V1) >= 100
    assert all("error" in v for v in V1 if v["result"] != "valid")


@pytest.mark.parametrize("vector", vectorlib.params(V1))
def test_vector(vector: vectorlib.Vector) -> None:
    libcheck.check_verdict(vector)
    libcheck.check_generic_parse(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid_stream(V1)))
def test_prefixes_are_incomplete(vector: vectorlib.Vector) -> None:
    libcheck.check_prefixes_incomplete(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid_stream(V1)))
def test_reader(vector: vectorlib.Vector) -> None:
    libcheck.check_reader(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid(V1)))
def test_round_trip(vector: vectorlib.Vector) -> None:
    libcheck.check_round_trip(vector)


def test_max_size_lowers_the_limit() -> None:
    line = b"PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"
    assert pp.parse_v1(line, max_size=len(line)).length == len(line)
    with pytest.raises(pp.HeaderTooLongError) as info:
        pp.parse_v1(line, max_size=len(line) - 1)
    assert (info.value.field, info.value.offset) == ("line", len(line) - 1)
    with pytest.raises(pp.HeaderTooLongError):
        pp.HeaderReader(max_size=20).feed(line)


def test_model_properties() -> None:
    h = pp.parse(b"PROXY TCP6 ::ffff:192.0.2.1 2001:db8::1 1 2\r\n")
    assert isinstance(h, pp.V1Header)
    assert h.family is pp.V1Family.TCP6
    assert h.src_addr == IPv6Address("::ffff:192.0.2.1")
    assert (h.command, h.transport, h.tlvs, h.kind) == (
        pp.Command.PROXY,
        pp.Transport.STREAM,
        (),
        "v1",
    )


@pytest.mark.parametrize(
    ("header", "line"),
    [
        (
            pp.V1Header(
                pp.V1Family.TCP4, IPv4Address("192.0.2.1"), IPv4Address("198.51.100.7"), 1, 2
            ),
            b"PROXY TCP4 192.0.2.1 198.51.100.7 1 2\r\n",
        ),
        (
            pp.V1Header(
                pp.V1Family.TCP6,
                IPv6Address("::ffff:192.0.2.1"),
                IPv6Address("2001:DB8::1"),
                0,
                65535,
            ),
            b"PROXY TCP6 ::ffff:192.0.2.1 2001:db8::1 0 65535\r\n",
        ),
        (pp.V1Header(pp.V1Family.UNKNOWN), b"PROXY UNKNOWN\r\n"),
    ],
)
def test_encode(header: pp.V1Header, line: bytes) -> None:
    assert pp.encode_v1(header) == line
    assert header.length is None  # built, not parsed
    assert pp.parse_v1(line) == header and pp.parse_v1(line).length == len(line)


V4 = IPv4Address("192.0.2.1")
V6 = IPv6Address("2001:db8::1")


@pytest.mark.parametrize(
    "header",
    [
        pp.V1Header(pp.V1Family.TCP4, V6, V6, 1, 2),
        pp.V1Header(pp.V1Family.TCP6, V4, V4, 1, 2),
        pp.V1Header(pp.V1Family.TCP4, V4, None, 1, 2),
        pp.V1Header(pp.V1Family.TCP4, V4, V4, 65536, 2),
        pp.V1Header(pp.V1Family.TCP4, V4, V4, 1, -1),
        pp.V1Header(pp.V1Family.TCP4, V4, V4, True, 2),
        pp.V1Header(pp.V1Family.TCP4, V4, V4, None, 2),
        pp.V1Header(pp.V1Family.UNKNOWN, V4, V4, 1, 2),
        pp.V1Header("TCP5", V4, V4, 1, 2),  # type: ignore[arg-type]
    ],
)
def test_encode_refuses(header: pp.V1Header) -> None:
    with pytest.raises(pp.EncodeError):
        pp.encode_v1(header)


def test_encode_refuses_over_107_bytes() -> None:
    # Two fully written IPv4-mapped addresses cannot be produced by the encoder
    # (it compresses), so the longest possible line still fits.
    f6 = IPv6Address("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")
    line = pp.encode_v1(pp.V1Header(pp.V1Family.TCP6, f6, f6, 65535, 65535))
    assert len(line) == 104


IPV6_PIECES = st.lists(
    st.sampled_from(
        ["::", ":", "0", "1", "ffff", "FfFf", "abcd", "12345", "0000", ".", "1.2.3.4", "01.2.3.4",
         "255.255.255.255", "256.1.1.1", "1.2.3", "db8", "g"]
    ),
    min_size=1,
    max_size=10,
).map("".join)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(IPV6_PIECES, st.text(alphabet="0123456789abcdefABCDEF:.", min_size=2, max_size=45))
)
def test_ipv6_fast_path_agrees_with_ipaddress(text: str) -> None:
    """The v1 parser reads IPv6 with inet_pton; it must accept exactly what ipaddress does."""
    try:
        expected: IPv6Address | None = IPv6Address(text)
    except ValueError:
        expected = None
    line = f"PROXY TCP6 {text} ::1 1 2\r\n".encode()
    if len(line) > pp.V1_MAX_LEN or not 2 <= len(text) <= 45:
        return
    try:
        got: IPv6Address | None = pp.parse_v1(line).src_addr  # type: ignore[assignment]
    except pp.InvalidAddressError:
        got = None
    assert got == expected
