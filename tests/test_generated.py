"""The raw Kaitai-generated Python parsers against the shared vectors.

No library code is involved: each vector's bytes go straight into
``ProxyProtocolV2.from_bytes`` / ``SimpleProxyProtocol.from_bytes``.

* ``kaitai_error`` null: the bytes parse. For ``valid`` vectors the parsed
  object, mapped to the header JSON of ``tests/vectors/README.md`` by the small
  mapping below, equals ``expect`` (except CRC32C ``verified``: checking the
  checksum is the library's job). For ``invalid`` vectors with a non-empty
  ``expect`` (faults only the library sees, e.g. a CRC mismatch), the fields
  given there match too.
* ``kaitai_error`` set: parsing raises exactly that ``kaitaistruct`` class;
  every truncated or incomplete vector raises ``EndOfStreamError``.

The parser itself picks the body's layout from the command and the fam byte
(a LOCAL body is TLVs only whatever its family; a PROXY fam byte outside the
spec's table leaves the body raw, treated like UNSPEC, SPEC_NOTES §2.1); the
mapping checks that it picked the layout the README's rules call for.
"""

from __future__ import annotations

import ipaddress
from typing import Any

import crc32c
import kaitaistruct
import pytest
import vectorlib
from proxyproto_kaitai.generated.proxy_protocol_v2 import ProxyProtocolV2 as P
from proxyproto_kaitai.generated.proxy_protocol_v2_tlv_aws import ProxyProtocolV2TlvAws as Aws
from proxyproto_kaitai.generated.proxy_protocol_v2_tlv_azure import ProxyProtocolV2TlvAzure as Azure
from proxyproto_kaitai.generated.proxy_protocol_v2_tlv_gcp import ProxyProtocolV2TlvGcp as Gcp
from proxyproto_kaitai.generated.simple_proxy_protocol import SimpleProxyProtocol as S

V2 = vectorlib.load("v2")
SPP = vectorlib.load("spp")

# Vectors whose `kaitai_error` holds the spec's answer, not what the generated parser
# does today, because of a bug in the .ksy. Each stays xfail (strict) until it is fixed.
KSY_BUGS: dict[str, str] = {}

HEADER_KEYS = (
    "kind", "command", "family", "transport", "src_addr", "src_port",
    "dst_addr", "dst_port", "length", "tlvs",
)  # fmt: skip

FAMILY = {
    P.AddressFamily.unspec: "UNSPEC",
    P.AddressFamily.inet: "INET",
    P.AddressFamily.inet6: "INET6",
    P.AddressFamily.unix: "UNIX",
}
TRANSPORT = {
    P.TransportProtocol.unspec: "UNSPEC",
    P.TransportProtocol.stream: "STREAM",
    P.TransportProtocol.dgram: "DGRAM",
}
# The body type of a PROXY header, by the fam bytes the spec defines (0x00, 0x11,
# 0x12, 0x21, 0x22, 0x31, 0x32); any other fam byte leaves the body raw bytes. A
# LOCAL body is always TLVs only, whatever its fam byte.
BODY_TYPE: dict[tuple[P.AddressFamily, P.TransportProtocol], type] = {
    (P.AddressFamily.unspec, P.TransportProtocol.unspec): P.BodyTlvsOnly,
} | {
    (f, t): body
    for f, body in (
        (P.AddressFamily.inet, P.BodyInet),
        (P.AddressFamily.inet6, P.BodyInet6),
        (P.AddressFamily.unix, P.BodyUnix),
    )
    for t in (P.TransportProtocol.stream, P.TransportProtocol.dgram)
}
ADDRESS_BLOCK = {
    P.AddressFamily.unspec: 0,
    P.AddressFamily.inet: 12,
    P.AddressFamily.inet6: 36,
    P.AddressFamily.unix: 216,
}
TEXT_TLVS = (P.Pp2Type.alpn, P.Pp2Type.authority, P.Pp2Type.netns)
# The custom range stays raw in the core spec (its `pp2_type` does not name these
# types); each vendor spec names its type in an enum `pp2_type` of one entry.
VENDOR_SPECS = {int(m): (cls, m.name.upper()) for cls in (Gcp, Aws, Azure) for m in cls.Pp2Type}


# --------------------------------------------------------------------------- mapping


def _text(raw: bytes) -> str | None:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _ip(packed: bytes) -> str:
    """README rule: ``ipaddress`` text, IPv4-mapped IPv6 with a dotted tail."""
    ip = ipaddress.ip_address(packed)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return f"::ffff:{ip.ipv4_mapped}"
    return str(ip)


def _unix(raw: bytes) -> str:
    """README rule: path up to the first NUL; abstract names as ``@name``."""
    prefix, rest = ("@", raw[1:]) if raw[:1] == b"\0" else ("", raw)
    return prefix + rest.split(b"\0", 1)[0].decode("utf-8", "backslashreplace")


def _enum_name(value: Any, enum: Any) -> str | None:
    return value.name.upper() if isinstance(value, enum) else None


def _tlv_common(type_: Any, enum: Any, len_value: int, raw: bytes) -> dict[str, Any]:
    assert len(raw) == len_value
    return {
        "type": int(type_),
        "name": _enum_name(type_, enum),
        "length": len_value,
        "hex": raw.hex(),
    }


def _ssl_sub_json(s: Any) -> dict[str, Any]:
    out = _tlv_common(s.subtype, P.Pp2SubtypeSsl, s.len_value, s.value)
    if isinstance(s.subtype, P.Pp2SubtypeSsl) and s.subtype != P.Pp2SubtypeSsl.client_cert:
        out["value"] = _text(s.value)
    return out


def _ssl_client_byte(v: Any) -> int:
    """The flags byte, after checking the flag instances against its bits."""
    assert isinstance(v.client, int) and 0 <= v.client <= 0xFF
    flags = (v.is_ssl, v.has_cert_conn, v.has_cert_sess)
    assert flags == tuple(bool(v.client & int(f)) for f in P.Pp2Client), (v.client, flags)
    return v.client


def _vendor_layout(cls: Any, raw: bytes) -> Any:
    """The vendor spec applied to a raw value, or None if the value is not its layout.

    The host's rule of the vendor specs: the value is exactly the layout, so a
    value that runs out (``EndOfStreamError``) or has bytes left over is not it.
    """
    try:
        v = cls.from_bytes(raw)
    except kaitaistruct.EndOfStreamError:
        return None
    return v if v._io.is_eof() else None


def _tlv_json(t: Any) -> dict[str, Any]:
    raw = t._raw_value if isinstance(t.value, kaitaistruct.KaitaiStruct) else t.value
    out = _tlv_common(t.tlv_type, P.Pp2Type, t.len_value, raw)
    vendor = VENDOR_SPECS.get(int(t.tlv_type))
    if vendor is not None:
        assert not isinstance(t.tlv_type, P.Pp2Type) and isinstance(t.value, bytes)
        out["name"] = vendor[1]
    v = t.value
    if t.tlv_type in TEXT_TLVS:
        out["value"] = _text(v)
    elif t.tlv_type == P.Pp2Type.crc32c:
        out["value"] = v.checksum
    elif t.tlv_type == P.Pp2Type.ssl:
        out["client"] = _ssl_client_byte(v)
        out["verify"] = v.verify
        out["sub_tlvs"] = [_ssl_sub_json(s) for s in v.sub_tlvs]
    # The custom range stays raw in the core spec; a reader that knows the
    # vendor applies the vendor's spec to the raw value.
    elif vendor is not None:
        cls = vendor[0]
        layout = _vendor_layout(cls, v)
        if cls is not Gcp:
            out["subtype"] = None if layout is None else int(layout.subtype)
        if layout is None:
            out["value"] = None
        elif cls is Aws:
            out["value"] = _text(layout.value)
        else:
            out["value"] = layout.value
    return out


def v2_json(h: P) -> dict[str, Any]:
    """A parsed v2 header as the README's header JSON (minus CRC ``verified``)."""
    local = h.command == P.CommandEnum.cmd_local
    out: dict[str, Any] = {
        "kind": "v2",
        "command": "LOCAL" if local else "PROXY",
        "family": FAMILY[h.family],
        "transport": TRANSPORT[h.transport],
        "src_addr": None,
        "src_port": None,
        "dst_addr": None,
        "dst_port": None,
        "length": 16 + h.len_body,
        "tlvs": [],
    }
    body = h.body
    want = P.BodyTlvsOnly if local else BODY_TYPE.get((h.family, h.transport), bytes)
    assert type(body) is want, f"body is {type(body).__name__}, the rules say {want.__name__}"
    if isinstance(body, bytes):
        return out  # PROXY with no defined layout: the body is skipped, not interpreted
    out["tlvs"] = [_tlv_json(t) for t in body.tlvs]
    if isinstance(body, P.BodyUnix):
        out["src_addr"], out["dst_addr"] = _unix(body.src_addr), _unix(body.dst_addr)
    elif isinstance(body, (P.BodyInet, P.BodyInet6)):
        out["src_addr"], out["dst_addr"] = _ip(body.src_addr), _ip(body.dst_addr)
        out["src_port"], out["dst_port"] = body.src_port, body.dst_port
    return out


IPV4_MAPPED_PREFIX = bytes(10) + b"\xff\xff"


def _is_ipv4_mapped(a: bytes) -> bool:
    assert len(a) == 16
    return a[:12] == IPV4_MAPPED_PREFIX


def _spp_addr(a: bytes) -> str:
    """README rule: an IPv4-mapped SPP address prints as plain IPv4."""
    if _is_ipv4_mapped(a):
        return str(ipaddress.IPv4Address(a[12:]))
    return str(ipaddress.IPv6Address(a))


def spp_json(h: S) -> dict[str, Any]:
    """A parsed SPP datagram as the README's header JSON."""
    both_v4 = _is_ipv4_mapped(h.client_addr) and _is_ipv4_mapped(h.proxy_addr)
    return {
        "kind": "spp",
        "command": None,
        "family": "INET" if both_v4 else "INET6",
        "transport": "DGRAM",
        "src_addr": _spp_addr(h.client_addr),
        "src_port": h.client_port,
        "dst_addr": _spp_addr(h.proxy_addr),
        "dst_port": h.proxy_port,
        "length": 38,
        "tlvs": [],
    }


def _without_verified(obj: Any) -> Any:
    """``expect`` minus the CRC32C ``verified`` keys (not the parser's business)."""
    if isinstance(obj, dict):
        return {k: _without_verified(v) for k, v in obj.items() if k != "verified"}
    if isinstance(obj, list):
        return [_without_verified(v) for v in obj]
    return obj


# --------------------------------------------------------------------------- helpers


def _params(vectors: tuple[vectorlib.Vector, ...]) -> list[Any]:
    out = []
    for v in vectors:
        marks = []
        if v["id"] in KSY_BUGS:
            marks.append(pytest.mark.xfail(strict=True, reason=KSY_BUGS[v["id"]]))
        out.append(pytest.param(v, id=v["id"], marks=marks))
    return out


def _expect_raises(parse: Any, data: bytes, name: str) -> None:
    cls = getattr(kaitaistruct, name)
    assert isinstance(cls, type) and issubclass(cls, kaitaistruct.KaitaiStructError), name
    with pytest.raises(kaitaistruct.KaitaiStructError) as info:
        parse(data)
    assert type(info.value) is cls, f"raised {type(info.value).__name__}, vector says {name}"


def _check_error_kind(vector: vectorlib.Vector) -> None:
    """Truncated and incomplete inputs must be end-of-stream for Kaitai."""
    if vector["result"] == "incomplete" or "truncated" in vector["flags"]:
        assert vector["kaitai_error"] == "EndOfStreamError"


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize(
    ("fmt", "vectors", "minimum"),
    [
        pytest.param("v2", V2, 60, id=f"v2-{len(V2)}-vectors"),
        pytest.param("spp", SPP, 20, id=f"spp-{len(SPP)}-vectors"),
    ],
)
def test_vector_count(fmt: str, vectors: tuple[vectorlib.Vector, ...], minimum: int) -> None:
    assert len(vectors) >= minimum, f"{fmt}.json has {len(vectors)} vectors, want >= {minimum}"
    results = {r: sum(v["result"] == r for v in vectors) for r in vectorlib.RESULTS}
    assert results["valid"] > 0 and results["invalid"] > 0, results


@pytest.mark.parametrize("vector", vectorlib.params(V2 + SPP))
def test_vector_shape(vector: vectorlib.Vector) -> None:
    """Keys and types the README requires, so the other suites can rely on them."""
    assert {"id", "comment", "hex", "datagram", "result", "expect", "kaitai_error", "flags"} <= (
        vector.keys()
    )
    assert isinstance(vector["datagram"], bool)
    assert isinstance(vector["flags"], list)
    assert vector["hex"] == vector["hex"].lower()
    if vector["kaitai_error"] is not None:
        assert isinstance(getattr(kaitaistruct, vector["kaitai_error"], None), type)
    if vector["id"].startswith("spp/"):
        assert vector["datagram"] is True
    if vector["result"] == "incomplete":
        assert not vector["datagram"], "a datagram cannot be incomplete"
    if vector["result"] == "valid":
        expect = vector["expect"]
        assert set(expect) == set(HEADER_KEYS)
        assert expect["length"] <= len(vectorlib.data(vector))
        todo = list(expect["tlvs"])
        while todo:
            t = todo.pop()
            assert {"type", "name", "length", "hex"} <= t.keys()
            assert len(bytes.fromhex(t["hex"])) == t["length"]
            todo.extend(t.get("sub_tlvs", ()))


@pytest.mark.parametrize("vector", _params(V2))
def test_v2_vector(vector: vectorlib.Vector) -> None:
    data = vectorlib.data(vector)
    _check_error_kind(vector)
    if vector["kaitai_error"] is not None:
        _expect_raises(P.from_bytes, data, vector["kaitai_error"])
        return
    h = P.from_bytes(data)
    assert h._io.pos() == 16 + h.len_body  # the parser stops at the header's end
    expect = _without_verified(vector["expect"])
    got = v2_json(h)
    if vector["result"] == "valid":
        assert got == expect
        assert data[h._io.pos() :] == data[expect["length"] :]
    else:
        assert {k: got[k] for k in expect} == expect


@pytest.mark.parametrize("vector", _params(SPP))
def test_spp_vector(vector: vectorlib.Vector) -> None:
    data = vectorlib.data(vector)
    _check_error_kind(vector)
    if vector["kaitai_error"] is not None:
        _expect_raises(S.from_bytes, data, vector["kaitai_error"])
        return
    h = S.from_bytes(data)
    got = spp_json(h)
    expect = vector["expect"]
    if vector["result"] == "valid":
        assert got == expect
        assert h.payload == data[38:]
    else:
        assert {k: got[k] for k in expect} == expect


def _crc_tlvs(vector: vectorlib.Vector) -> list[tuple[int, dict[str, Any]]]:
    """(offset of the value, expected TLV object) for each top-level CRC32C TLV."""
    data, expect = vectorlib.data(vector), vector["expect"]
    fam = P.AddressFamily(data[13] >> 4)
    local = data[12] & 0x0F == P.CommandEnum.cmd_local
    pos = 16 + (0 if local else ADDRESS_BLOCK[fam])  # LOCAL: no address block
    out = []
    for t in expect["tlvs"]:
        assert data[pos] == t["type"] and int.from_bytes(data[pos + 1 : pos + 3]) == t["length"]
        if t["type"] == P.Pp2Type.crc32c:
            out.append((pos + 3, t))
        pos += 3 + t["length"]
    assert pos == expect["length"]
    return out


CRC_VECTORS = tuple(
    v for v in V2 if any(t["type"] == 3 for t in v["expect"].get("tlvs", ()))
)  # fmt: skip


@pytest.mark.parametrize("vector", vectorlib.params(CRC_VECTORS))
def test_v2_crc32c_claims(vector: vectorlib.Vector) -> None:
    """The vectors' own `verified` claims hold (RFC 4960 CRC32C, big-endian, zeroed value)."""
    data = vectorlib.data(vector)
    found = _crc_tlvs(vector)
    assert found
    for off, t in found:
        header = bytearray(data[: vector["expect"]["length"]])
        stored = int.from_bytes(header[off : off + 4])
        header[off : off + 4] = bytes(4)
        assert stored == t["value"]
        assert (crc32c.crc32c(bytes(header)) == stored) is t["verified"]
        assert (vector["result"] == "valid") is t["verified"]


def test_crc32c_check_value() -> None:
    assert crc32c.crc32c(b"123456789") == 0xE3069283  # SPEC_NOTES §2.4
