"""The adapter between the generated Kaitai parsers and the library's models.

Owns the only imports of `proxyproto_kaitai.generated`: it runs the parsers
generated from ``spec/proxy_protocol_v2.ksy`` and
``spec/simple_proxy_protocol.ksy``, turns their objects into
`proxyproto_kaitai._model` headers and their exceptions into
`proxyproto_kaitai._errors` ones. There is no second binary parser: every v2
and SPP byte is read by generated code. This module adds only the checks a
``.ksy`` cannot express (SPEC_NOTES §9): the CRC32C value (§2.4), a CRC32C
longer than 4 bytes, UNIQUE_ID over 128 bytes, the caller's ``max_size``, and
the *location* of a fault, which Kaitai reports relative to the innermost
substream.

Speed (issue 3): the happy path is one generated parse plus one pass over
its TLV list; TLV offsets are summed from the parsed lengths. Only when the
generated parser fails does the adapter re-run its nested types one at a
time to find the absolute offset of the fault and the fields read so far
(``InvalidHeaderError.partial``).
"""

from __future__ import annotations

from io import BytesIO
from ipaddress import IPv4Address, IPv6Address
from typing import Any, Final, NoReturn

from kaitaistruct import (
    EndOfStreamError,
    KaitaiStream,
    KaitaiStruct,
    KaitaiStructError,
    ValidationFailedError,
)

from ._errors import (
    ChecksumError,
    HeaderTooLongError,
    IncompleteHeaderError,
    InvalidAddressError,
    InvalidHeaderError,
    InvalidTLVError,
    NoSignatureError,
)
from ._model import Command, Family, SppHeader, Transport, V2Header, new
from ._tlv import (
    CRC32C_LEN,
    RAW_TLV_CLASSES,
    SSL_FIXED_LEN,
    UNIQUE_ID_MAX_LEN,
    Crc32cTlv,
    SslClient,
    SslSubTlv,
    SslTlv,
    Tlv,
    TlvType,
    UnknownTlv,
    crc32c,
)
from .generated.proxy_protocol_v2 import ProxyProtocolV2 as _KV2
from .generated.simple_proxy_protocol import SimpleProxyProtocol as _KSpp

__all__ = [
    "ROOT_SEQ_SPP",
    "ROOT_SEQ_V2",
    "SPP_LEN",
    "SPP_MAGIC",
    "V2_FIXED_LEN",
    "V2_MAX_LEN",
    "V2_SIGNATURE",
    "parse_spp_kaitai",
    "parse_v2_kaitai",
]

#: The 12-byte v2 signature (spec §2.2).
V2_SIGNATURE: Final = b"\r\n\r\n\x00\r\nQUIT\n"
#: Signature, ver_cmd, fam and len (spec §2.2).
V2_FIXED_LEN: Final = 16
#: 16 + the largest ``len`` (65535).
V2_MAX_LEN: Final = V2_FIXED_LEN + 0xFFFF
#: Bytes of an SPP header (SPEC_NOTES §4).
SPP_LEN: Final = 38
#: The SPP magic as it appears on the wire (0x56EC big-endian).
SPP_MAGIC: Final = b"\x56\xec"

#: ``seq`` ids of the root types, in order, with each field's byte offset.
#: ``tests/test_kaitai.py`` checks them against the ``.ksy`` files.
ROOT_SEQ_V2: Final = (
    ("magic", 0),
    ("version", 12),
    ("command", 12),
    ("family", 13),
    ("transport", 13),
    ("len_body", 14),
    ("body", 16),
)
ROOT_SEQ_SPP: Final = (
    ("magic", 0),
    ("client_addr", 2),
    ("proxy_addr", 18),
    ("client_port", 34),
    ("proxy_port", 36),
    ("payload", 38),
)

_COMMAND: Final = {int(c): c for c in Command}
_FAMILY: Final = {int(f): f for f in Family}
_TRANSPORT: Final = {int(t): t for t in Transport}
#: Address block size per family (spec §2.2).
_BLOCK_LEN: Final = {Family.UNSPEC: 0, Family.INET: 12, Family.INET6: 36, Family.UNIX: 216}
#: The fam bytes the spec's table defines (spec §2.2); any other has no layout
#: (the ``.ksy``'s ``body.has_layout``).
DEFINED_FAM: Final = frozenset({0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32})
_SPP_MAPPED_PREFIX: Final = bytes(10) + b"\xff\xff"


def _unread(cls: type[KaitaiStruct], data: bytes) -> Any:
    """A generated root object whose ``_read`` has not run yet.

    Running ``_read`` ourselves (what the generated ``__init__`` does) keeps
    the fields read before a failure on the object, so an error can say
    how far the header got.
    """
    obj: Any = object.__new__(cls)
    KaitaiStruct.__init__(obj, KaitaiStream(BytesIO(data)))
    obj._parent = None
    obj._root = obj
    return obj


# --- PROXY v2 -------------------------------------------------------------------------


def _partial_fixed(obj: Any) -> dict[str, Any]:
    """The header JSON fields the fixed 16-byte part gave before a failure."""
    out: dict[str, Any] = {"kind": "v2"}
    if isinstance(getattr(obj, "command", None), _KV2.CommandEnum):
        out["command"] = _COMMAND[obj.command].name
    if isinstance(getattr(obj, "family", None), _KV2.AddressFamily):
        out["family"] = _FAMILY[obj.family].name
    if isinstance(getattr(obj, "transport", None), _KV2.TransportProtocol):
        out["transport"] = _TRANSPORT[obj.transport].name
    if hasattr(obj, "len_body"):
        out["length"] = V2_FIXED_LEN + obj.len_body
    return out


def _addresses(
    command: Command, family: Family, block: Any
) -> tuple[Any, Any, int | None, int | None]:
    """Model values for an address block: LOCAL and UNSPEC carry none (spec §2.2)."""
    if command is Command.LOCAL or block is None:
        return None, None, None, None
    if family is Family.INET:
        return (
            IPv4Address(block.src_addr),
            IPv4Address(block.dst_addr),
            block.src_port,
            block.dst_port,
        )
    if family is Family.INET6:
        return (
            IPv6Address(block.src_addr),
            IPv6Address(block.dst_addr),
            block.src_port,
            block.dst_port,
        )
    return block.src_addr, block.dst_addr, None, None


def _ssl(value: Any) -> SslTlv:
    flags = value.client
    client = (flags.reserved << 3) | (flags.cert_sess << 2) | (flags.cert_conn << 1) | flags.ssl
    subs = tuple(
        new(SslSubTlv, {"subtype": int(s.subtype), "value": s.value}) for s in value.sub_tlvs
    )
    result: SslTlv = new(
        SslTlv, {"client": SslClient(client), "verify": value.verify, "sub_tlvs": subs}
    )
    return result


class _Fault(Exception):
    """Internal: a TLV-level fault found while converting, with its location."""

    def __init__(self, cls: type[InvalidHeaderError], message: str, field: str, offset: int):
        super().__init__(message)
        self.cls = cls
        self.field = field
        self.offset = offset


def _convert_tlvs(
    ktlvs: list[Any], start: int, raw: bytes, verify_crc: bool
) -> tuple[list[Tlv], _Fault | None]:
    """Turn the generated TLV list into models, with the checks the ``.ksy`` leaves to us.

    Returns the models converted so far and the first fault (or ``None``); a
    CRC32C mismatch is not a fault when ``verify_crc`` is false.
    """
    tlvs: list[Tlv] = []
    pos = start
    crc_seen = False
    for t in ktlvs:
        kind = int(t.tlv_type)
        length = t.len_value
        cls = RAW_TLV_CLASSES.get(kind)
        if cls is not None:
            value = t._raw_value if kind >= TlvType.GCP else t.value
            tlvs.append(new(cls, {"value": value}))
            if kind == TlvType.UNIQUE_ID and length > UNIQUE_ID_MAX_LEN:
                return tlvs, _Fault(
                    InvalidTLVError,
                    f"UNIQUE_ID is {length} bytes, more than the {UNIQUE_ID_MAX_LEN} allowed",
                    "len_value",
                    pos + 1,
                )
        elif kind == TlvType.CRC32C:
            if length != CRC32C_LEN:
                return tlvs, _Fault(
                    InvalidTLVError,
                    f"CRC32C value is {length} bytes, not {CRC32C_LEN}",
                    "len_value",
                    pos + 1,
                )
            if crc_seen:
                return tlvs, _Fault(
                    InvalidTLVError,
                    "more than one CRC32C TLV: the checksum is ambiguous",
                    "tlv_type",
                    pos,
                )
            crc_seen = True
            stored = t.value.checksum
            value_at = pos + 3
            actual = crc32c(raw[:value_at] + b"\x00\x00\x00\x00" + raw[value_at + 4 :])
            ok = actual == stored
            tlvs.append(new(Crc32cTlv, {"checksum": stored, "verified": ok}))
            if not ok and verify_crc:
                return tlvs, _Fault(
                    ChecksumError,
                    f"CRC32C mismatch: header says {stored:#010x}, bytes give {actual:#010x}",
                    "checksum",
                    value_at,
                )
        elif kind == TlvType.SSL:
            tlvs.append(_ssl(t.value))
        else:
            tlvs.append(new(UnknownTlv, {"tlv_type": kind, "value": t.value}))
        pos += 3 + length
    return tlvs, None


def _header_json(
    command: Command,
    family: Family,
    transport: Transport,
    addrs: tuple[Any, Any, int | None, int | None],
    tlvs: list[Tlv],
    raw: bytes,
) -> dict[str, Any]:
    header = V2Header(command, family, transport, *addrs, tuple(tlvs), raw)
    return header.to_json()


def parse_v2_kaitai(data: bytes, *, datagram: bool, verify_crc: bool, max_size: int) -> V2Header:
    """Parse the PROXY v2 header at the start of ``data`` with the generated parser.

    See `proxyproto_kaitai.parse_v2` for the contract.
    """
    if type(data) is not bytes:
        data = bytes(data)  # bytearray, memoryview: one copy, then the bytes path
    if not data.startswith(V2_SIGNATURE):
        n = len(data)
        if n < len(V2_SIGNATURE) and V2_SIGNATURE.startswith(data) and not datagram:
            raise IncompleteHeaderError(
                f"PROXY v2 signature: {n} of {V2_FIXED_LEN} bytes", needed=V2_FIXED_LEN - n
            )
        raise NoSignatureError("no PROXY v2 signature", field="magic", offset=0)
    obj = _unread(_KV2, data)
    try:
        obj._read()
    except ValidationFailedError as exc:
        _raise_fixed_invalid(obj, exc)
    except EndOfStreamError:
        _raise_v2_short(obj, data, datagram=datagram, max_size=max_size)
    except KaitaiStructError as exc:  # pragma: no cover - no other Kaitai error is reachable
        raise InvalidHeaderError(str(exc), field="body", offset=V2_FIXED_LEN) from None

    total = V2_FIXED_LEN + obj.len_body
    if total > max_size:
        _raise_too_long(obj, total, max_size)
    command = _COMMAND[obj.command]
    family = _FAMILY[obj.family]
    transport = _TRANSPORT[obj.transport]
    raw = data[:total] if len(data) != total else data
    tlv_tuple: tuple[Tlv, ...] = ()
    addrs: tuple[Any, Any, int | None, int | None] = (None, None, None, None)
    body = obj.body
    if body.has_layout:  # else: a fam byte outside the spec's table, body skipped
        has_block = body.has_addresses
        if has_block:
            addrs = _addresses(command, family, body.addresses)
        ktlvs = body.tlvs
        if ktlvs:
            start = V2_FIXED_LEN + (_BLOCK_LEN[family] if has_block else 0)
            tlvs, fault = _convert_tlvs(ktlvs, start, raw, verify_crc)
            if fault is not None:
                partial = _header_json(command, family, transport, addrs, tlvs, raw)
                raise fault.cls(str(fault), field=fault.field, offset=fault.offset, partial=partial)
            tlv_tuple = tuple(tlvs)
    header: V2Header = new(
        V2Header,
        {
            "command": command,
            "family": family,
            "transport": transport,
            "src_addr": addrs[0],
            "dst_addr": addrs[1],
            "src_port": addrs[2],
            "dst_port": addrs[3],
            "tlvs": tlv_tuple,
            "raw": raw,
        },
    )
    return header


def _raise_fixed_invalid(obj: Any, exc: ValidationFailedError) -> NoReturn:
    """A ``valid`` check of the fixed part failed (version, command, family, transport)."""
    index = int(exc.src_path.rsplit("/", 1)[1])
    field, offset = ROOT_SEQ_V2[index]
    actual = getattr(exc, "actual", None)
    raise InvalidHeaderError(
        f"PROXY v2 {field} {actual!r} is not defined by the spec",
        field=field,
        offset=offset,
        partial=_partial_fixed(obj),
    ) from None


def _raise_too_long(obj: Any, total: int, max_size: int) -> NoReturn:
    raise HeaderTooLongError(
        f"PROXY v2 header of {total} bytes is longer than max_size={max_size}",
        field="len_body",
        offset=14,
        partial=_partial_fixed(obj),
    )


def _raise_v2_short(obj: Any, data: bytes, *, datagram: bool, max_size: int) -> NoReturn:
    """The generated parser ran out of bytes: incomplete, too long, or a malformed body."""
    n = len(data)
    if not hasattr(obj, "len_body"):
        # The 16-byte fixed part itself is cut short; every nibble read so far was valid.
        if not datagram:
            raise IncompleteHeaderError(
                f"PROXY v2 fixed part: {n} of {V2_FIXED_LEN} bytes", needed=V2_FIXED_LEN - n
            )
        field = next(f for f, off in ROOT_SEQ_V2 if not hasattr(obj, f))
        raise InvalidHeaderError(
            f"datagram ends inside the PROXY v2 fixed part ({n} of {V2_FIXED_LEN} bytes)",
            field=field,
            offset=n,
            partial=_partial_fixed(obj),
        )
    total = V2_FIXED_LEN + obj.len_body
    if total > max_size:
        _raise_too_long(obj, total, max_size)
    if not hasattr(obj, "_raw_body"):
        if not datagram:
            raise IncompleteHeaderError(f"PROXY v2 header: {n} of {total} bytes", needed=total - n)
        raise InvalidHeaderError(
            f"len says {obj.len_body} bytes follow, the datagram has {n - V2_FIXED_LEN}",
            field="len_body",
            offset=14,
            partial=_partial_fixed(obj),
        )
    _diagnose_body(obj, data[:total])


def _diagnose_body(obj: Any, raw: bytes) -> NoReturn:
    """Re-run the body's nested generated types one by one to locate the fault."""
    command = _COMMAND[obj.command]
    family = _FAMILY[obj.family]
    transport = _TRANSPORT[obj.transport]
    io = KaitaiStream(BytesIO(obj._raw_body))
    size = obj.len_body
    base = V2_FIXED_LEN
    partial: dict[str, Any] = _partial_fixed(obj)
    # An unread generated Body answers `has_addresses` for these bytes, as the ksy says.
    probe: Any = object.__new__(_KV2.HeaderBody)
    KaitaiStruct.__init__(probe, io)
    probe._parent = obj
    probe._root = obj
    has_block = bool(probe.has_addresses)
    block_cls = (
        {
            Family.INET: _KV2.Ipv4Addresses,
            Family.INET6: _KV2.Ipv6Addresses,
            Family.UNIX: _KV2.UnixAddresses,
        }[family]
        if has_block
        else None
    )
    block = None
    if block_cls is not None:
        try:
            block = block_cls(io, None, obj)
        except EndOfStreamError:
            raise InvalidAddressError(
                f"len {size} is too small for the {_BLOCK_LEN[family]}-byte "
                f"{family.name} address block",
                field="addresses",
                offset=base,
                partial=partial,
            ) from None
    addrs = _addresses(command, family, block)
    start = base + (_BLOCK_LEN[family] if has_block else 0)
    ktlvs: list[Any] = []
    while True:
        pos = io.pos()
        left = size - pos
        if left < 3:
            tlvs, _ = _convert_tlvs(ktlvs, start, raw, verify_crc=False)
            partial = _header_json(command, family, transport, addrs, tlvs, raw)
            raise InvalidTLVError(
                f"{left} stray byte(s) after the last TLV, too few for a TLV header",
                field="tlvs",
                offset=base + pos,
                partial=partial,
            )
        try:
            ktlvs.append(_KV2.Tlv(io, None, obj))
        except EndOfStreamError:
            tlvs, _ = _convert_tlvs(ktlvs, start, raw, verify_crc=False)
            partial = _header_json(command, family, transport, addrs, tlvs, raw)
            _raise_bad_tlv(obj._raw_body, pos, base, partial)


def _raise_bad_tlv(body: bytes, pos: int, base: int, partial: dict[str, Any]) -> NoReturn:
    """The TLV at ``body[pos]`` made the generated parser run out of bytes: say why."""
    io = KaitaiStream(BytesIO(body))
    io.seek(pos)
    tlv_type = io.read_u1()
    len_value = io.read_u2be()
    left = len(body) - pos - 3
    if len_value > left:
        raise InvalidTLVError(
            f"TLV 0x{tlv_type:02x} says {len_value} bytes, only {left} remain in the header",
            field="len_value",
            offset=base + pos + 1,
            partial=partial,
        )
    value_at = base + pos + 3
    if tlv_type == TlvType.CRC32C:
        raise InvalidTLVError(
            f"CRC32C value is {len_value} bytes, not {CRC32C_LEN}",
            field="len_value",
            offset=base + pos + 1,
            partial=partial,
        )
    if tlv_type == TlvType.SSL:
        if len_value < SSL_FIXED_LEN:
            raise InvalidTLVError(
                f"SSL TLV value is {len_value} bytes, less than {SSL_FIXED_LEN}",
                field="len_value",
                offset=base + pos + 1,
                partial=partial,
            )
        sub = KaitaiStream(BytesIO(io.read_bytes(len_value)))
        sub.seek(SSL_FIXED_LEN)
        while True:
            spos = sub.pos()
            sleft = len_value - spos
            if sleft < 3:
                raise InvalidTLVError(
                    f"{sleft} stray byte(s) after the last SSL sub-TLV",
                    field="sub_tlvs",
                    offset=value_at + spos,
                    partial=partial,
                )
            try:
                _KV2.SslSubTlv(sub, None, None)
            except EndOfStreamError:
                raise InvalidTLVError(
                    f"SSL sub-TLV says more bytes than the {sleft - 3} left in the SSL TLV",
                    field="len_value",
                    offset=value_at + spos + 1,
                    partial=partial,
                ) from None
    # The generated TLV types with a substream are CRC32C and SSL (handled above)
    # and the vendor types, which never fail on a short value (`has_layout`).
    raise InvalidTLVError(  # pragma: no cover - unreachable with the current .ksy
        f"TLV 0x{tlv_type:02x} is malformed",
        field="value",
        offset=value_at,
        partial=partial,
    )


# --- SPP --------------------------------------------------------------------------------


def _spp_addr(raw16: bytes) -> IPv4Address | IPv6Address:
    if raw16[:12] == _SPP_MAPPED_PREFIX:
        return IPv4Address(raw16[12:])
    return IPv6Address(raw16)


def parse_spp_kaitai(data: bytes) -> SppHeader:
    """Parse the SPP header at the start of the datagram ``data`` with the generated parser.

    See `proxyproto_kaitai.parse_spp` for the contract.
    """
    if type(data) is not bytes:
        data = bytes(data)
    if not data.startswith(SPP_MAGIC):
        raise NoSignatureError("no SPP magic 0x56EC", field="magic", offset=0)
    obj = _unread(_KSpp, data[:SPP_LEN])
    try:
        obj._read()
    except EndOfStreamError:
        field, offset = next((f, off) for f, off in ROOT_SEQ_SPP if not hasattr(obj, f))
        partial: dict[str, Any] = {"kind": "spp", "command": None, "transport": "DGRAM"}
        raise InvalidHeaderError(
            f"datagram of {len(data)} bytes is shorter than the {SPP_LEN}-byte SPP header",
            field=field,
            offset=offset,
            partial=partial,
        ) from None
    header: SppHeader = new(
        SppHeader,
        {
            "client_addr": _spp_addr(obj.client_addr.ipv6),
            "proxy_addr": _spp_addr(obj.proxy_addr.ipv6),
            "client_port": obj.client_port,
            "proxy_port": obj.proxy_port,
            "raw": data[:SPP_LEN],
        },
    )
    return header
