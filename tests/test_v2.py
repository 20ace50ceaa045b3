"""PROXY v2 (`_v2`, `_kaitai`, `_tlv`, `_vendor`) against ``tests/vectors/v2.json`` and by hand."""

from __future__ import annotations

import struct
from ipaddress import IPv4Address, IPv6Address
from typing import Any

import libcheck
import pytest
import vectorlib

import proxyproto_kaitai as pp
from proxyproto_kaitai._vendor import VendorFields, vendor_fields
from proxyproto_kaitai._wire import AwsSubtype, AzureSubtype

V2 = vectorlib.load("v2")
SIG = pp.V2_SIGNATURE
HAPROXY = bytes.fromhex("0d0a0d0a000d0a515549540a211100147f0000017f000001002a05390200053132333435")
CRC_HEADER = bytes.fromhex("0d0a0d0a000d0a515549540a21110013c0000201c6336407dc0401bb030004d45a11b9")


@pytest.mark.parametrize("vector", vectorlib.params(V2))
def test_vector(vector: vectorlib.Vector) -> None:
    libcheck.check_verdict(vector)
    libcheck.check_generic_parse(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid_stream(V2)))
def test_prefixes_are_incomplete(vector: vectorlib.Vector) -> None:
    libcheck.check_prefixes_incomplete(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid_stream(V2)))
def test_reader(vector: vectorlib.Vector) -> None:
    libcheck.check_reader(vector)


@pytest.mark.parametrize("vector", vectorlib.params(libcheck.valid(V2)))
def test_round_trip(vector: vectorlib.Vector) -> None:
    libcheck.check_round_trip(vector)


def test_issue_example() -> None:
    h = pp.parse(HAPROXY)
    assert isinstance(h, pp.V2Header)
    assert h.tlv(pp.TlvType.AUTHORITY) == pp.AuthorityTlv(b"12345")
    assert h.tlv(pp.TlvType.ALPN) is None
    assert "AuthorityTlv(value=b'12345')" in repr(h)


# --------------------------------------------------------------------------- CRC32C


def test_crc_verified_and_mismatch() -> None:
    h = pp.parse_v2(CRC_HEADER)
    crc = h.tlvs[0]
    assert crc == pp.Crc32cTlv(0xD45A11B9, True)
    bad = CRC_HEADER[:-1] + b"\xb8"
    with pytest.raises(pp.ChecksumError) as info:
        pp.parse_v2(bad)
    assert (info.value.field, info.value.offset) == ("checksum", 31)
    assert info.value.partial is not None
    assert info.value.partial["tlvs"][0]["verified"] is False
    lenient = pp.parse_v2(bad, verify_crc=False)
    crc = lenient.tlvs[0]
    assert isinstance(crc, pp.Crc32cTlv)
    assert (crc.checksum, crc.verified) == (0xD45A11B8, False)
    # The checksum is derived from the rest: equality and the encoder ignore it.
    assert lenient == pp.parse_v2(CRC_HEADER) and pp.encode(lenient) == CRC_HEADER
    # A deliberately wrong checksum is an explicit argument of the encoder.
    assert pp.encode_v2(lenient, force_checksum=0xD45A11B8) == bad


def test_force_checksum_needs_a_crc_tlv_and_32_bits() -> None:
    with pytest.raises(pp.EncodeError, match="needs a CRC32C TLV"):
        pp.encode_v2(pp.V2Header(pp.Command.LOCAL), force_checksum=1)
    with pytest.raises(pp.EncodeError):
        pp.encode_v2(pp.V2Header(pp.Command.LOCAL, tlvs=(pp.Crc32cTlv(),)), force_checksum=1 << 32)


def test_encode_computes_crc() -> None:
    h = pp.V2Header(
        pp.Command.PROXY,
        pp.Family.INET,
        pp.Transport.STREAM,
        IPv4Address("192.0.2.1"),
        IPv4Address("198.51.100.7"),
        56324,
        443,
        (pp.Crc32cTlv(),),
    )
    assert pp.encode(h) == CRC_HEADER
    assert h.length is None  # built, not parsed: no bytes on the wire yet
    assert pp.parse(CRC_HEADER) == h and pp.parse(CRC_HEADER).length == len(CRC_HEADER)
    assert pp.crc32c(b"123456789") == 0xE3069283


def test_two_crc_tlvs_are_ambiguous() -> None:
    h = pp.V2Header(pp.Command.LOCAL, tlvs=(pp.Crc32cTlv(), pp.Crc32cTlv()))
    with pytest.raises(pp.EncodeError):
        pp.encode(h)
    body = b"\x03\x00\x04\x00\x00\x00\x00" * 2
    data = SIG + b"\x20\x00" + struct.pack("!H", len(body)) + body
    with pytest.raises(pp.InvalidTLVError) as info:
        pp.parse_v2(data, verify_crc=False)
    assert (info.value.field, info.value.offset) == ("tlv_type", 23)


# --------------------------------------------------------------------------- encoder


def _ssl() -> pp.SslTlv:
    return pp.SslTlv(
        pp.SslClient.SSL | pp.SslClient.CERT_CONN | pp.SslClient.CERT_SESS,
        0,
        (
            pp.SslSubTlv(pp.SslSubtype.VERSION, b"TLSv1.3"),
            pp.SslSubTlv(pp.SslSubtype.CN, b"client.example"),
            pp.SslSubTlv(pp.SslSubtype.CIPHER, b"TLS_AES_128_GCM_SHA256"),
            pp.SslSubTlv(pp.SslSubtype.SIG_ALG, b"RSA-SHA256"),
            pp.SslSubTlv(pp.SslSubtype.KEY_ALG, b"RSA2048"),
            pp.SslSubTlv(pp.SslSubtype.GROUP, b"x25519"),
            pp.SslSubTlv(pp.SslSubtype.SIG_SCHEME, b"rsa_pss_rsae_sha256"),
            pp.SslSubTlv(pp.SslSubtype.CLIENT_CERT, b"\x30\x82\x01\x00"),
            pp.SslSubTlv(0x7F, b"?"),
        ),
    )


def test_every_tlv_round_trips() -> None:
    tlvs: tuple[pp.Tlv, ...] = (
        pp.AlpnTlv(b"h2"),
        pp.AuthorityTlv(b"example.com"),
        pp.NoopTlv(b"\x00\x00"),
        pp.UniqueIdTlv(bytes(128)),
        _ssl(),
        pp.NetnsTlv(b"blue"),
        pp.GcpTlv.from_id(0x0123456789ABCDEF),
        pp.AwsTlv.from_vpce_id("vpce-08d2bf15fac5001c9"),
        pp.AzureTlv.from_link_id(0x12345678),
        pp.UnknownTlv(0xF0, b"exp"),
        pp.UnknownTlv(0x21, b"top-level sub-TLV number"),
        pp.Crc32cTlv(),
    )
    h = pp.V2Header(
        pp.Command.PROXY,
        pp.Family.INET6,
        pp.Transport.DGRAM,
        IPv6Address("2001:db8::1"),
        IPv6Address("::ffff:192.0.2.1"),
        1,
        2,
        tlvs,
    )
    data = pp.encode(h)
    back = pp.parse_v2(data)
    assert back.tlvs[:-1] == tlvs[:-1]
    assert back.tlvs[-1] == pp.Crc32cTlv(int.from_bytes(data[-4:], "big"), True)
    assert pp.to_json(back)["dst_addr"] == "::ffff:192.0.2.1"
    ssl = back.tlvs[4]
    assert isinstance(ssl, pp.SslTlv)
    assert (ssl.version, ssl.cn, ssl.cipher, ssl.sig_alg, ssl.key_alg) == (
        "TLSv1.3",
        "client.example",
        "TLS_AES_128_GCM_SHA256",
        "RSA-SHA256",
        "RSA2048",
    )
    assert (ssl.group, ssl.sig_scheme, ssl.client_cert) == (
        "x25519",
        "rsa_pss_rsae_sha256",
        b"\x30\x82\x01\x00",
    )
    assert pp.SslTlv().cn is None and pp.SslTlv().client_cert is None
    gcp, aws, azure = back.tlvs[6], back.tlvs[7], back.tlvs[8]
    assert isinstance(gcp, pp.GcpTlv)
    assert vendor_fields(gcp) == VendorFields(None, 0x0123456789ABCDEF)
    assert isinstance(aws, pp.AwsTlv)
    assert vendor_fields(aws) == VendorFields(AwsSubtype.VPCE_ID, "vpce-08d2bf15fac5001c9")
    assert isinstance(azure, pp.AzureTlv)
    assert vendor_fields(azure) == VendorFields(AzureSubtype.PRIVATEENDPOINT_LINKID, 0x12345678)
    js = pp.to_json(back)["tlvs"]
    assert [t["name"] for t in js] == [
        "ALPN", "AUTHORITY", "NOOP", "UNIQUE_ID", "SSL", "NETNS", "GCP", "AWS", "AZURE",
        None, None, "CRC32C",
    ]  # fmt: skip
    assert js[4]["sub_tlvs"][-1] == {"type": 0x7F, "name": None, "length": 1, "hex": "3f"}
    assert js[4]["sub_tlvs"][7] == {
        "type": 0x28,
        "name": "CLIENT_CERT",
        "length": 4,
        "hex": "30820100",
    }
    assert js[4]["client"] == 7


def test_tlv_encode() -> None:
    assert pp.encode_tlv(pp.AlpnTlv(b"h2")) == b"\x01\x00\x02h2"
    ssl = pp.SslTlv(pp.SslClient.SSL, 0, (pp.SslSubTlv(pp.SslSubtype.CN, b"x"),))
    assert pp.tlv_value(ssl) == b"\x01\x00\x00\x00\x00" + b"\x22\x00\x01x"
    assert pp.encode_tlv(pp.UnknownTlv(0xF8)) == b"\xf8\x00\x00"
    assert pp.encode_tlv(pp.Crc32cTlv()) == b"\x03\x00\x04" + bytes(4)


@pytest.mark.parametrize("kind", [0x01, 0x02, 0x03, 0x04, 0x05, 0x20, 0x30, 0xE0, 0xEA, 0xEE])
def test_unknown_tlv_of_a_modelled_type_is_refused(kind: int) -> None:
    # Parsing these bytes would give the type's own class, not UnknownTlv: refuse,
    # rather than let a round trip silently change the model.
    with pytest.raises(pp.EncodeError, match="has a model of its own"):
        pp.encode_tlv(pp.UnknownTlv(kind, b"x"))


@pytest.mark.parametrize(
    "make",
    [
        lambda: pp.GcpTlv.from_id(1 << 64),
        lambda: pp.GcpTlv.from_id(-1),
        lambda: pp.GcpTlv.from_id("1"),
        lambda: pp.AzureTlv.from_link_id(1 << 32),
        lambda: pp.AwsTlv.from_vpce_id("\ud800"),
        lambda: pp.AwsTlv.from_vpce_id(None),
        lambda: pp.encode_tlv(pp.SslTlv(pp.SslClient(0x1FF))),
        lambda: pp.encode_tlv(pp.SslTlv(sub_tlvs=(pp.SslSubTlv(1, bytes(65536)),))),
        lambda: pp.encode_tlv(pp.SslTlv(sub_tlvs=(pp.SslSubTlv(-1, b""),))),
        lambda: pp.encode_tlv(pp.UnknownTlv(0xF0, "text")),
        lambda: pp.encode_tlv(pp.AlpnTlv("h2")),
        lambda: pp.encode_tlv(b"raw"),
        lambda: pp.tlv_value(pp.Crc32cTlv(-1)),
    ],
)
def test_encoders_raise_only_encode_error(make: Any) -> None:
    with pytest.raises(pp.EncodeError):
        make()


def test_vendor_constructors() -> None:
    assert vendor_fields(pp.GcpTlv.from_id(2**64 - 1)) == VendorFields(None, 2**64 - 1)
    assert pp.GcpTlv.from_id(1).value == bytes(7) + b"\x01"
    assert pp.AzureTlv.from_link_id(0x01020304).value == b"\x01\x04\x03\x02\x01"
    assert vendor_fields(pp.AwsTlv.from_vpce_id("vpce-1")) == VendorFields(1, "vpce-1")
    with pytest.raises(TypeError):
        pp.Tlv()


def test_tlv_json_of_malformed_vendor_values() -> None:
    assert pp.to_json(pp.AwsTlv(b"")) == {
        "type": 0xEA, "name": "AWS", "length": 0, "hex": "", "subtype": None, "value": None,
    }  # fmt: skip
    assert vendor_fields(pp.AwsTlv(b"\x01\xff")) == VendorFields(1, None)
    assert vendor_fields(pp.AzureTlv(b"\x01\x00")) is None
    assert vendor_fields(pp.AzureTlv(b"")) is None
    assert pp.to_json(pp.GcpTlv(b"\x01"))["value"] is None
    assert pp.AuthorityTlv(b"\xe9").text is None
    assert pp.to_json(pp.SslSubTlv(pp.SslSubtype.CN, b"\xff"))["value"] is None


def test_unix_and_local() -> None:
    unix = pp.V2Header(
        pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, b"/run/a.sock", b"\x00abstract\x00x"
    )
    data = pp.encode(unix)
    assert len(data) == 232
    back = pp.parse_v2(data)
    assert back.src_addr == b"/run/a.sock" and back == unix
    assert pp.to_json(back)["dst_addr"] == "@abstract"
    # A path given with its NUL padding is the same block.
    padded = pp.V2Header(
        pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, b"/run/a.sock\x00\x00", b"x"
    )
    assert padded.src_addr == b"/run/a.sock"
    # LOCAL has no address block whatever its family: the body is TLVs only.
    local = pp.V2Header(pp.Command.LOCAL, pp.Family.INET, pp.Transport.STREAM)
    assert pp.encode(local) == SIG + b"\x20\x11\x00\x00"
    assert pp.parse_v2(pp.encode(local)) == local
    assert pp.encode(pp.V2Header(pp.Command.LOCAL)) == SIG + b"\x20\x00\x00\x00"


def test_pad_to() -> None:
    h = pp.V2Header(pp.Command.LOCAL)
    assert pp.encode_v2(h, pad_to=16) == SIG + b"\x20\x00\x00\x00"
    padded = pp.encode_v2(h, pad_to=64)
    assert len(padded) == 64
    assert pp.parse_v2(padded).tlvs == (pp.NoopTlv(bytes(45)),)
    for bad in (15, 17, 18):
        with pytest.raises(pp.EncodeError):
            pp.encode_v2(h, pad_to=bad)


A4 = IPv4Address("192.0.2.1")
A6 = IPv6Address("2001:db8::1")


@pytest.mark.parametrize(
    "header",
    [
        pp.V2Header(pp.Command.PROXY, pp.Family.INET, pp.Transport.STREAM, A6, A6, 1, 2),
        pp.V2Header(pp.Command.PROXY, pp.Family.INET6, pp.Transport.STREAM, A4, A4, 1, 2),
        pp.V2Header(pp.Command.PROXY, pp.Family.INET, pp.Transport.STREAM, A4, A4, 1, 65536),
        pp.V2Header(pp.Command.PROXY, pp.Family.INET, pp.Transport.STREAM, A4, A4, False, 1),
        pp.V2Header(pp.Command.LOCAL, pp.Family.INET, pp.Transport.STREAM, A4, A4, 1, 2),
        pp.V2Header(pp.Command.PROXY, pp.Family.UNSPEC, pp.Transport.UNSPEC, A4),
        pp.V2Header(pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, A4, A4),
        pp.V2Header(pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, b"x" * 109, b""),
        pp.V2Header(pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, b"a", b"b", 1, 2),
        pp.V2Header(pp.Command.PROXY, pp.Family.INET, pp.Transport.UNSPEC, A4, A4, 1, 2),
        pp.V2Header(pp.Command.PROXY, pp.Family.UNSPEC, pp.Transport.STREAM, tlvs=(pp.NoopTlv(),)),
        pp.V2Header(2, pp.Family.UNSPEC, pp.Transport.UNSPEC),  # type: ignore[arg-type]
        pp.V2Header(pp.Command.LOCAL, 4, pp.Transport.UNSPEC),  # type: ignore[arg-type]
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.UniqueIdTlv(bytes(129)),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.UnknownTlv(256),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.NoopTlv(bytes(65536)),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.NoopTlv(bytes(40000)), pp.NoopTlv(bytes(40000)))),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.SslTlv(verify=1 << 32),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.SslTlv(sub_tlvs=(pp.SslSubTlv(256),)),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(pp.UnknownTlv(0x02, b"x"),)),
        pp.V2Header(pp.Command.LOCAL, tlvs=(b"raw",)),  # type: ignore[arg-type]
    ],
)
def test_encode_refuses(header: pp.V2Header) -> None:
    with pytest.raises(pp.EncodeError):
        pp.encode(header)


# --------------------------------------------------------------------------- limits and datagrams


def test_max_size() -> None:
    assert pp.parse_v2(HAPROXY, max_size=36).length == 36
    with pytest.raises(pp.HeaderTooLongError) as info:
        pp.parse_v2(HAPROXY, max_size=35)
    assert (info.value.field, info.value.offset) == ("len_body", 14)
    # Known from the fixed part alone: no need to wait for 65535 bytes.
    with pytest.raises(pp.HeaderTooLongError):
        pp.parse_v2(SIG + b"\x21\x11\xff\xff", max_size=536)
    reader = pp.HeaderReader(max_size=536)
    with pytest.raises(pp.HeaderTooLongError):
        reader.feed(SIG + b"\x21\x11\xff\xff")
    with pytest.raises(pp.HeaderTooLongError):
        reader.feed(b"more")  # the reader stays failed


def test_datagram_truncations_are_invalid() -> None:
    for cut in range(12, len(HAPROXY)):
        with pytest.raises(pp.InvalidHeaderError) as info:
            pp.parse_v2(HAPROXY[:cut], datagram=True)
        assert not isinstance(info.value, pp.IncompleteHeaderError)
    with pytest.raises(pp.NoSignatureError):
        pp.parse_v2(SIG[:5], datagram=True)
    with pytest.raises(pp.NoSignatureError):
        pp.parse_v2(b"PROXY TCP4")


def test_parse_v2_prefix_of_signature() -> None:
    with pytest.raises(pp.IncompleteHeaderError) as info:
        pp.parse_v2(SIG[:3])
    assert info.value.needed == 13


@pytest.mark.parametrize("max_size", [0, 5, 15])
def test_max_size_below_the_fixed_part(max_size: int) -> None:
    data = pp.encode(pp.V2Header(pp.Command.LOCAL)) + b"payload"
    with pytest.raises(pp.HeaderTooLongError) as info:
        pp.parse(data, max_size=max_size)
    assert (info.value.field, info.value.offset) == ("len_body", 14)
    assert pp.parse(data, max_size=16).length == 16


def test_errors_carry_no_internal_context() -> None:
    # A fault found by the generated parser is reported by the library's own
    # exception alone: no internal exception shows in its traceback.
    for data in (SIG + b"\x21\x11\x00\x05abcde", SIG + b"\x21", SIG + b"\x2f\x11\x00\x00"):
        try:
            pp.parse(data, datagram=True)
        except pp.InvalidHeaderError as exc:
            assert exc.__context__ is None and exc.__cause__ is None
        else:  # pragma: no cover
            raise AssertionError(data)


@pytest.mark.parametrize("value_len", [6, 10, 9, 12, 13, 33])
def test_local_body_is_tlvs_whatever_their_length(value_len: int) -> None:
    # LOCAL has no address block whatever its family: the same TLVs give the same
    # verdict whether they are shorter or longer than the family's block.
    tlv = pp.UniqueIdTlv(bytes(range(value_len)))
    for fam in (b"\x11", b"\x21", b"\x31", b"\x10"):
        body = pp.encode_tlv(tlv)
        data = SIG + b"\x20" + fam + struct.pack("!H", len(body)) + body
        header = pp.parse_v2(data)
        assert header.tlvs == (tlv,) and header.src_addr is None
        assert pp.encode(header) == data


def test_incomplete_header_carries_partial() -> None:
    with pytest.raises(pp.IncompleteHeaderError) as info:
        pp.parse(HAPROXY[:20])
    assert info.value.needed == len(HAPROXY) - 20
    assert info.value.partial == {
        "kind": "v2", "command": "PROXY", "family": "INET", "transport": "STREAM", "length": 36,
    }  # fmt: skip
    with pytest.raises(pp.IncompleteHeaderError) as info:
        pp.parse(SIG[:5])
    assert info.value.partial == {"kind": "v2"}
    with pytest.raises(pp.IncompleteHeaderError) as info:
        pp.parse(b"PROXY TCP4 192.0.2.1 ")
    assert info.value.partial == {
        "kind": "v1", "command": "PROXY", "family": "TCP4", "src_addr": "192.0.2.1",
    }  # fmt: skip
