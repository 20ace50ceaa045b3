"""Format detection and the one-call `parse` / `encode` (`proxyproto_kaitai._detect`)."""

from __future__ import annotations

import pytest

import proxyproto_kaitai as pp

SIG = pp.V2_SIGNATURE
D = pp.Detection


@pytest.mark.parametrize(
    ("prefix", "datagram", "expected"),
    [
        (b"", False, D.NEED_MORE),
        (b"\r", False, D.NEED_MORE),
        (SIG[:11], False, D.NEED_MORE),
        (SIG, False, D.V2),
        (SIG + b"\x11", False, D.V2),  # a bad version is an invalid v2 header, not "none"
        (b"P", False, D.NEED_MORE),
        (b"PROX", False, D.NEED_MORE),
        (b"PROXY", False, D.V1),
        (b"PROXYx", False, D.V1),
        (b"proxy", False, D.NONE),
        (b"GET / HTTP/1.1\r\n", False, D.NONE),
        (b"\x16\x03\x01", False, D.NONE),
        (b"\x56", False, D.NONE),
        (b"\x56", True, D.NEED_MORE),
        (b"\x56\xec", True, D.SPP),
        (b"\x56\xec", False, D.NONE),
        (b"\x56\xed", True, D.NONE),
        (SIG, True, D.V2),
        (b"PROXY ", True, D.V1),
        (b"\r\n\r\n\x00\r\nQUIT\r", False, D.NONE),
    ],
)
def test_detect(prefix: bytes, datagram: bool, expected: pp.Detection) -> None:
    assert pp.detect(prefix, datagram=datagram) is expected


def test_detect_never_needs_more_than_12_bytes() -> None:
    for first in range(256):
        data = bytes([first]) + bytes(11)
        assert pp.detect(data) is not D.NEED_MORE
        assert pp.detect(data, datagram=True) is not D.NEED_MORE


@pytest.mark.parametrize(
    ("data", "needed"),
    [(b"", 15), (b"P", 14), (b"PROX", 11), (b"\r", 15), (b"\r\n", 14), (SIG[:11], 5)],
)
def test_parse_needs_more(data: bytes, needed: int) -> None:
    with pytest.raises(pp.IncompleteHeaderError) as info:
        pp.parse(data)
    assert info.value.needed == needed


def test_parse_no_signature() -> None:
    for data in (b"GET /", b"\x00", b"proxy"):
        with pytest.raises(pp.NoSignatureError) as info:
            pp.parse(data)
        assert (info.value.field, info.value.offset, info.value.partial) == ("magic", 0, None)
    # A datagram cannot grow: a signature prefix is not a header.
    for data in (b"", b"PRO", SIG[:4], b"\x56"):
        with pytest.raises(pp.NoSignatureError):
            pp.parse(data, datagram=True)


def test_encode_rejects_non_headers() -> None:
    with pytest.raises(pp.EncodeError):
        pp.encode(b"PROXY UNKNOWN\r\n")  # type: ignore[arg-type]


def test_error_tree() -> None:
    assert issubclass(pp.InvalidHeaderError, ValueError)
    assert issubclass(pp.EncodeError, ValueError)
    for cls in (
        pp.NoSignatureError,
        pp.HeaderTooLongError,
        pp.InvalidAddressError,
        pp.InvalidTLVError,
        pp.ChecksumError,
    ):
        assert issubclass(cls, pp.InvalidHeaderError)
    assert issubclass(pp.ChecksumError, pp.InvalidTLVError)
    assert not issubclass(pp.IncompleteHeaderError, pp.InvalidHeaderError)
    with pytest.raises(TypeError):
        pp.ProxyProtocolError("abstract")
    err = pp.IncompleteHeaderError("x")
    assert err.needed is None


def test_bytes_like_inputs() -> None:
    line = b"PROXY UNKNOWN\r\n"
    v2 = pp.V2_SIGNATURE + b"\x20\x00\x00\x00"
    spp = b"\x56\xec" + bytes(36)
    for kind in (bytearray, memoryview):
        assert pp.detect(kind(v2)) is D.V2
        assert pp.parse(kind(line)).length == 15
        assert pp.parse_v1(kind(line)).length == 15
        assert pp.parse_v2(kind(v2)).length == 16
        assert pp.parse_spp(kind(spp)).length == 38
        assert pp.parse(kind(spp), datagram=True).length == 38
