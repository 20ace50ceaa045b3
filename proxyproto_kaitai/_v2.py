"""PROXY protocol version 2: parse, encode and every rule of the binary format.

Owns the v2 entry points, the TLV framer, CRC32C and the checks a ``.ksy``
cannot express (spec §2.2, SPEC_NOTES §2 and the v2 cases of §7). Every byte
is read by the generated parser (`proxyproto_kaitai._kaitai`); this module
applies the rules to what it read and builds the models. Encoding writes
bytes with `struct` and is proven by round-tripping through that parser.

Deliberate choices (SPEC_NOTES §2.1, §2.5, §7):

- LOCAL has no address block whatever its family: everything after the
  16-byte fixed part is TLVs, as HAProxy's receiver reads it (the ``.ksy``
  says so too). The model reports no addresses: use the real endpoints. The
  encoder writes no block for LOCAL.
- A ``fam`` byte outside the spec's table (0x01, 0x02, 0x10, 0x20, 0x30) with
  PROXY has no defined layout: accepted like UNSPEC, its ``len`` bytes
  skipped and nothing in them interpreted (no addresses, no TLVs).
- PROXY with UNSPEC is accepted with no addresses (the "fall back to the real
  endpoints" choice of the spec).
- A CRC32C TLV must be 4 bytes and match; at most one per header (two would
  make the checksum ambiguous). UNIQUE_ID over 128 bytes is rejected.
- Text TLVs that are not UTF-8 (AUTHORITY, ALPN, NETNS, SSL strings) are
  accepted and kept raw; their ``text`` / JSON ``value`` is ``None``.
"""

from __future__ import annotations

import struct
from ipaddress import IPv4Address, IPv6Address
from typing import Any, NoReturn

from crc32c import crc32c as _crc32c

from . import _accel
from . import _kaitai as _kaitai_py
from ._errors import (
    ChecksumError,
    EncodeError,
    HeaderTooLongError,
    IncompleteHeaderError,
    InvalidAddressError,
    InvalidHeaderError,
    InvalidTLVError,
    NoSignatureError,
)
from ._json import to_json, v2_fixed_json
from ._model import V2Header
from ._tlv import (
    RAW_TLV_CLASSES,
    Crc32cTlv,
    SslClient,
    SslSubTlv,
    SslTlv,
    Tlv,
    UniqueIdTlv,
    UnknownTlv,
)
from ._wire import (
    ADDRESS_BLOCK_LEN,
    CRC32C_LEN,
    DEFINED_FAM,
    SSL_FIXED_LEN,
    TLV_HEADER_LEN,
    TLV_MAX_VALUE_LEN,
    UNIQUE_ID_MAX_LEN,
    UNIX_PATH_LEN,
    V2_FIXED_LEN,
    V2_MAX_LEN,
    V2_SIGNATURE,
    V2_VERSION,
    Command,
    Family,
    TlvType,
    Transport,
)

#: The Kaitai layer in use: its compiled twin when the accelerator runs.
_kaitai = _accel.twin("kaitai") or _kaitai_py

__all__ = ["crc32c", "encode_tlv", "encode_v2", "parse_v2", "tlv_value"]

#: The root ``seq`` of ``spec/proxy_protocol_v2.ksy``: each field and its byte
#: offset (``tests/test_v2.py`` checks the names against the ``.ksy``).
ROOT_SEQ = (
    ("magic", 0),
    ("version", 12),
    ("command", 12),
    ("family", 13),
    ("transport", 13),
    ("len_body", 14),
    ("body", 16),
)

_COMMAND = {int(c): c for c in Command}
_FAMILY = {int(f): f for f in Family}
_TRANSPORT = {int(t): t for t in Transport}
_ZERO_CRC = bytes(CRC32C_LEN)
# Models are built with object.__new__ and their fields set in one step: their
# __init__ would only re-check what the generated parser already checked.
_new = object.__new__
_setattr = object.__setattr__
_CRC32C = int(TlvType.CRC32C)
_SSL = int(TlvType.SSL)
_UNIQUE_ID = int(TlvType.UNIQUE_ID)


def crc32c(data: bytes) -> int:
    """Return the CRC32C (Castagnoli, RFC 4960 appendix B) of ``data``.

    Uses the hardware-accelerated ``crc32c`` package, a hard dependency: there
    is no silent fallback that would skip verification.

    Returns:
        The checksum as an unsigned 32-bit integer.
    """
    return int(_crc32c(data))


# --- parse ------------------------------------------------------------------------------


def _ipv4(packed: bytes) -> IPv4Address:
    # The same object IPv4Address(packed) gives, without its argument checks
    # (the generated parser read exactly 4 bytes); tests/test_v2.py checks it.
    addr: Any = _new(IPv4Address)
    addr._ip = int.from_bytes(packed, "big")
    return addr  # type: ignore[no-any-return]


def _ipv6(packed: bytes) -> IPv6Address:
    addr: Any = _new(IPv6Address)
    addr._ip = int.from_bytes(packed, "big")
    addr._scope_id = None
    return addr  # type: ignore[no-any-return]


def _ssl(value: Any) -> SslTlv:
    subs = []
    for s in value.sub_tlvs:
        sub = _new(SslSubTlv)
        sub.__dict__.update(subtype=int(s.subtype), value=s.value)
        subs.append(sub)
    tlv: Any = _new(SslTlv)
    tlv.__dict__.update(client=SslClient(value.client), verify=value.verify, sub_tlvs=tuple(subs))
    return tlv  # type: ignore[no-any-return]


def _tlvs(
    ktlvs: list[Any], raw: bytes, start: int, verify_crc: bool, header: Any
) -> tuple[Tlv, ...]:
    """The generated TLV list as models, with the rules the ``.ksy`` leaves to the host."""
    tlvs: list[Tlv] = []
    append = tlvs.append
    classes = RAW_TLV_CLASSES
    pos = start
    crc_seen = False
    for t in ktlvs:
        kind = int(t.tlv_type)
        length = t.len_value
        cls = classes.get(kind)
        if cls is not None:
            tlv = _new(cls)
            tlv.__dict__["value"] = t.value
            append(tlv)
            if kind == _UNIQUE_ID and length > UNIQUE_ID_MAX_LEN:
                _rule_fault(
                    InvalidTLVError,
                    f"UNIQUE_ID is {length} bytes, more than the {UNIQUE_ID_MAX_LEN} allowed",
                    "len_value",
                    pos + 1,
                    header,
                    tlvs,
                    raw,
                )
        elif kind == _CRC32C:
            if length != CRC32C_LEN:
                _rule_fault(
                    InvalidTLVError,
                    f"CRC32C value is {length} bytes, not {CRC32C_LEN}",
                    "len_value",
                    pos + 1,
                    header,
                    tlvs,
                    raw,
                )
            if crc_seen:
                _rule_fault(
                    InvalidTLVError,
                    "more than one CRC32C TLV: the checksum is ambiguous",
                    "tlv_type",
                    pos,
                    header,
                    tlvs,
                    raw,
                )
            crc_seen = True
            stored = t.value.checksum
            at = pos + TLV_HEADER_LEN
            actual = crc32c(raw[:at] + _ZERO_CRC + raw[at + CRC32C_LEN :])
            crc: Any = _new(Crc32cTlv)
            crc.__dict__.update(checksum=stored, verified=actual == stored)
            append(crc)
            if actual != stored and verify_crc:
                _rule_fault(
                    ChecksumError,
                    f"CRC32C mismatch: header says {stored:#010x}, bytes give {actual:#010x}",
                    "checksum",
                    at,
                    header,
                    tlvs,
                    raw,
                )
        elif kind == _SSL:
            append(_ssl(t.value))
        else:
            unknown = _new(UnknownTlv)
            unknown.__dict__.update(tlv_type=kind, value=t.value)
            append(unknown)
        pos += TLV_HEADER_LEN + length
    return tuple(tlvs)


def parse_v2(
    data: bytes,
    *,
    datagram: bool = False,
    verify_crc: bool = True,
    max_size: int = V2_MAX_LEN,
) -> V2Header:
    """Parse the PROXY v2 header at the start of ``data``.

    Args:
        data: Bytes from the start of the connection (or a whole datagram);
            the bytes after the header are left alone.
        datagram: ``True`` if ``data`` is a whole datagram, which cannot grow:
            too few bytes are then invalid rather than incomplete.
        verify_crc: When ``True`` (the default) a CRC32C mismatch raises
            `ChecksumError`. When ``False`` it is only reported: the
            `Crc32cTlv` has ``verified=False`` and the header is returned.
        max_size: The longest header accepted (default 65551, the protocol
            limit). No byte past it is read; a longer header raises
            `HeaderTooLongError`.

    Returns:
        The header; ``header.length`` bytes of ``data`` were consumed.

    Raises:
        IncompleteHeaderError: A valid beginning of a header (stream only);
            ``needed`` is exact once the 16-byte fixed part is in.
        NoSignatureError: ``data`` does not start with the v2 signature.
        HeaderTooLongError: The header is longer than ``max_size``.
        InvalidHeaderError: Any other fault (subclasses `InvalidAddressError`,
            `InvalidTLVError`, `ChecksumError` say which kind).
    """
    if type(data) is not bytes:
        data = bytes(data)  # bytearray, memoryview: one copy, then the bytes path
    if not data.startswith(V2_SIGNATURE):
        _no_signature(data, datagram)
    if len(data) > max_size:  # read no byte past the limit (the fixed part always)
        data = data[: max(max_size, V2_FIXED_LEN)]
    failed = None
    try:
        obj = _kaitai.run_v2(data)
    except _kaitai.Fault as fault:
        failed = fault
    if failed is not None:  # raised outside the handler: the Fault is no context of it
        _raise_fault(failed, data, datagram, max_size)
    total = V2_FIXED_LEN + obj.len_body
    if total > max_size:  # only a max_size below the 16-byte fixed part gets here
        _too_long(total, max_size, _fixed_partial(obj))
    command = _COMMAND[obj.command]
    family = _FAMILY[obj.family]
    body = obj.body
    src: IPv4Address | IPv6Address | bytes | None = None
    dst: IPv4Address | IPv6Address | bytes | None = None
    sport = dport = None
    if command is Command.PROXY and type(body) is not bytes:
        if family is Family.INET:
            src = _ipv4(body.src_addr)
            dst = _ipv4(body.dst_addr)
            sport = body.src_port
            dport = body.dst_port
        elif family is Family.INET6:
            src = _ipv6(body.src_addr)
            dst = _ipv6(body.dst_addr)
            sport = body.src_port
            dport = body.dst_port
        elif family is Family.UNIX:
            src = body.src_addr.rstrip(b"\x00")
            dst = body.dst_addr.rstrip(b"\x00")
    header: Any = _new(V2Header)
    _setattr(
        header,
        "__dict__",
        {
            "command": command,
            "family": family,
            "transport": _TRANSPORT[obj.transport],
            "src_addr": src,
            "dst_addr": dst,
            "src_port": sport,
            "dst_port": dport,
            "tlvs": (),
            "raw": data if len(data) == total else data[:total],
        },
    )
    if type(body) is not bytes:  # else: a fam pair with no layout, body skipped
        ktlvs = body.tlvs
        if ktlvs:
            start = V2_FIXED_LEN
            if command is Command.PROXY:
                start += ADDRESS_BLOCK_LEN[family]
            header.__dict__["tlvs"] = _tlvs(ktlvs, header.raw, start, verify_crc, header)
    return header  # type: ignore[no-any-return]


def _rule_fault(
    cls: type[InvalidHeaderError],
    message: str,
    field: str,
    offset: int,
    header: Any,
    tlvs: list[Tlv],
    raw: bytes,
) -> NoReturn:
    """A rule of this module failed after the generated parser succeeded.

    ``partial`` is the whole header JSON, with the TLVs read up to the fault.
    """
    header.__dict__["tlvs"] = tuple(tlvs)
    raise cls(message, field=field, offset=offset, partial=to_json(header, tlv_value))


def _no_signature(data: bytes, datagram: bool) -> NoReturn:
    n = len(data)
    if n < len(V2_SIGNATURE) and V2_SIGNATURE.startswith(data) and not datagram:
        raise IncompleteHeaderError(
            f"PROXY v2 signature: {n} of {V2_FIXED_LEN} bytes",
            needed=V2_FIXED_LEN - n,
            partial=v2_fixed_json() if n else None,
        )
    raise NoSignatureError("no PROXY v2 signature", field="magic", offset=0)


def _fixed_partial(root: Any) -> dict[str, Any]:
    """The header JSON keys the fixed part gave before a failure."""
    fields = root.__dict__
    length = fields.get("len_body")
    return v2_fixed_json(
        _COMMAND.get(fields.get("command", -1)),
        _FAMILY.get(fields.get("family", -1)),
        _TRANSPORT.get(fields.get("transport", -1)),
        None if length is None else V2_FIXED_LEN + length,
    )


def _too_long(total: int, max_size: int, partial: dict[str, Any]) -> NoReturn:
    raise HeaderTooLongError(
        f"PROXY v2 header of {total} bytes is longer than max_size={max_size}",
        field="len_body",
        offset=14,
        partial=partial,
    )


def _raise_fault(fault: _kaitai_py.Fault, data: bytes, datagram: bool, max_size: int) -> NoReturn:
    """Say what the generated parser's failure means, where, with what was read."""
    root = fault.root
    partial = _fixed_partial(root)
    n = len(data)
    if not fault.eos:  # a `valid` check of the fixed part (the signature was checked)
        field, offset = ROOT_SEQ[fault.index]
        raise InvalidHeaderError(
            f"PROXY v2 {field} {fault.actual!r} is not defined by the spec",
            field=field,
            offset=offset,
            partial=partial,
        )
    if fault.depth == 0:  # the input itself ran out
        if "len_body" not in root.__dict__:
            if not datagram:
                raise IncompleteHeaderError(
                    f"PROXY v2 fixed part: {n} of {V2_FIXED_LEN} bytes",
                    needed=V2_FIXED_LEN - n,
                    partial=partial,
                )
            field = next(f for f, _ in ROOT_SEQ if f not in root.__dict__)
            raise InvalidHeaderError(
                f"datagram ends inside the PROXY v2 fixed part ({n} of {V2_FIXED_LEN} bytes)",
                field=field,
                offset=n,
                partial=partial,
            )
        total = V2_FIXED_LEN + root.len_body
        if total > max_size:
            _too_long(total, max_size, partial)
        if not datagram:
            raise IncompleteHeaderError(
                f"PROXY v2 header: {n} of {total} bytes", needed=total - n, partial=partial
            )
        raise InvalidHeaderError(
            f"len says {root.len_body} bytes follow, the datagram has {n - V2_FIXED_LEN}",
            field="len_body",
            offset=14,
            partial=partial,
        )
    if fault.depth == 1:  # the body: the address block, or the TLV list
        if fault.mark < 0:
            family = _FAMILY[root.family]
            raise InvalidAddressError(
                f"len {fault.size} is too small for the {ADDRESS_BLOCK_LEN[family]}-byte "
                f"{family.name} address block",
                field="addresses",
                offset=V2_FIXED_LEN,
                partial=partial,
            )
        at = fault.base + fault.mark
        left = fault.size - fault.mark
        if left < TLV_HEADER_LEN:
            raise InvalidTLVError(
                f"{left} stray byte(s) after the last TLV, too few for a TLV header",
                field="tlvs",
                offset=at,
                partial=partial,
            )
        raise InvalidTLVError(
            f"TLV 0x{data[at]:02x} says {fault.need} bytes, "
            f"only {left - TLV_HEADER_LEN} remain in the header",
            field="len_value",
            offset=at + 1,
            partial=partial,
        )
    # A TLV's value: the generated types that read one are CRC32C and SSL.
    tlv_at = fault.base - TLV_HEADER_LEN
    kind = data[tlv_at]
    if kind == _CRC32C:
        raise InvalidTLVError(
            f"CRC32C value is {fault.size} bytes, not {CRC32C_LEN}",
            field="len_value",
            offset=tlv_at + 1,
            partial=partial,
        )
    if kind == _SSL and fault.mark < 0:
        raise InvalidTLVError(
            f"SSL TLV value is {fault.size} bytes, less than {SSL_FIXED_LEN}",
            field="len_value",
            offset=tlv_at + 1,
            partial=partial,
        )
    if kind == _SSL:
        left = fault.size - fault.mark
        at = fault.base + fault.mark
        if left < TLV_HEADER_LEN:
            raise InvalidTLVError(
                f"{left} stray byte(s) after the last SSL sub-TLV",
                field="sub_tlvs",
                offset=at,
                partial=partial,
            )
        raise InvalidTLVError(
            f"SSL sub-TLV says {fault.need} bytes, more than the "
            f"{left - TLV_HEADER_LEN} left in the SSL TLV",
            field="len_value",
            offset=at + 1,
            partial=partial,
        )
    raise InvalidTLVError(  # pragma: no cover - the vendor types never run out of bytes
        f"TLV 0x{kind:02x} is malformed", field="value", offset=fault.base, partial=partial
    )


# --- encode -----------------------------------------------------------------------------


def _uint(value: object, bits: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << bits:
        raise EncodeError(f"{what} must be an int in 0..{(1 << bits) - 1}, not {value!r}")
    return value


def _bytes(value: object, what: str) -> bytes:
    if not isinstance(value, bytes):
        raise EncodeError(f"{what} must be bytes, not {type(value).__name__}")
    return value


def _frame(kind: int, value: bytes, what: str) -> bytes:
    """The one TLV framer: type byte, big-endian 16-bit length, value."""
    if len(value) > TLV_MAX_VALUE_LEN:
        raise EncodeError(f"{what} value of {len(value)} bytes exceeds {TLV_MAX_VALUE_LEN}")
    return struct.pack("!BH", kind, len(value)) + value


def tlv_value(tlv: Tlv) -> bytes:
    """Return the value bytes of a TLV model, as they go on the wire.

    A `Crc32cTlv` gives its received checksum (zero when built by hand: the
    encoder computes the real one over the finished header).

    Returns:
        The value, without the TLV's type and length.

    Raises:
        EncodeError: A field does not fit its wire format.
    """
    if isinstance(tlv, Crc32cTlv):
        return _uint(tlv.checksum or 0, 32, "CRC32C checksum").to_bytes(4, "big")
    if isinstance(tlv, SslTlv):
        client = _uint(int(tlv.client), 8, "SSL client")
        verify = _uint(tlv.verify, 32, "SSL verify")
        parts = [struct.pack("!BI", client, verify)]
        for sub in tlv.sub_tlvs:
            if not isinstance(sub, SslSubTlv):
                raise EncodeError(f"not an SSL sub-TLV: {sub!r}")
            kind = _uint(sub.subtype, 8, "SSL sub-TLV type")
            parts.append(_frame(kind, _bytes(sub.value, "SSL sub-TLV value"), "SSL sub-TLV"))
        return b"".join(parts)
    if isinstance(tlv, UnknownTlv):
        return _bytes(tlv.value, f"TLV 0x{tlv.tlv_type:02x}")
    value = getattr(tlv, "value", None)
    if not isinstance(tlv, Tlv) or value is None:
        raise EncodeError(f"not a TLV: {tlv!r}")
    return _bytes(value, f"{type(tlv).__name__} value")


def encode_tlv(tlv: Tlv) -> bytes:
    """Return a whole TLV (type byte, big-endian length, value), validated.

    Returns:
        The TLV's bytes as they go into a header.

    Raises:
        EncodeError: A value the spec forbids or the framing cannot hold: a
            type out of 0..255, an `UnknownTlv` of a type that has its own
            model class (use that class), UNIQUE_ID over 128 bytes, a value
            over 65535 bytes.
    """
    if not isinstance(tlv, Tlv):
        raise EncodeError(f"not a TLV: {tlv!r}")
    kind = tlv.type
    if isinstance(tlv, UnknownTlv):
        kind = _uint(tlv.tlv_type, 8, "TLV type")
        if kind in RAW_TLV_CLASSES or kind in (_CRC32C, _SSL):
            raise EncodeError(
                f"UnknownTlv(0x{kind:02x}) has a model of its own: use "
                f"{_model_name(kind)}, which is what parsing these bytes gives"
            )
    value = tlv_value(tlv)
    if isinstance(tlv, UniqueIdTlv) and len(value) > UNIQUE_ID_MAX_LEN:
        raise EncodeError(f"UNIQUE_ID is at most {UNIQUE_ID_MAX_LEN} bytes, not {len(value)}")
    return _frame(kind, value, f"TLV 0x{kind:02x}")


def _model_name(kind: int) -> str:
    cls = RAW_TLV_CLASSES.get(kind)
    if cls is not None:
        return cls.__name__
    return Crc32cTlv.__name__ if kind == _CRC32C else SslTlv.__name__


def _port(value: object) -> int:
    return _uint(value, 16, "PROXY v2 port")


def _address_block(header: V2Header, command: Command, fam: int) -> bytes:
    family = Family(fam >> 4)
    addrs = (header.src_addr, header.dst_addr, header.src_port, header.dst_port)
    if command is Command.LOCAL:
        if any(a is not None for a in addrs):
            raise EncodeError(
                "PROXY v2 LOCAL carries no addresses or ports (the receiver uses the "
                "real endpoints; a LOCAL body is TLVs only)"
            )
        return b""
    if fam not in DEFINED_FAM:
        if any(a is not None for a in addrs) or header.tlvs:
            raise EncodeError(
                f"fam 0x{fam:02x} has no layout in the spec: it cannot carry addresses or TLVs"
            )
        return b""
    if family is Family.UNSPEC:
        if any(a is not None for a in addrs):
            raise EncodeError("PROXY v2 UNSPEC carries no addresses or ports")
        return b""
    src, dst, sport, dport = addrs
    if family is Family.UNIX:
        if not isinstance(src, bytes) or not isinstance(dst, bytes):
            raise EncodeError("PROXY v2 UNIX addresses must be bytes (sun_path)")
        if len(src) > UNIX_PATH_LEN or len(dst) > UNIX_PATH_LEN:
            raise EncodeError(f"PROXY v2 UNIX paths are at most {UNIX_PATH_LEN} bytes")
        if sport is not None or dport is not None:
            raise EncodeError("PROXY v2 UNIX addresses have no ports")
        return src.ljust(UNIX_PATH_LEN, b"\x00") + dst.ljust(UNIX_PATH_LEN, b"\x00")
    want = IPv4Address if family is Family.INET else IPv6Address
    if not isinstance(src, want) or not isinstance(dst, want):
        raise EncodeError(f"PROXY v2 {family.name} needs two {want.__name__} addresses")
    return src.packed + dst.packed + struct.pack("!HH", _port(sport), _port(dport))


def encode_v2(
    header: V2Header, *, pad_to: int | None = None, force_checksum: int | None = None
) -> bytes:
    """Encode a v2 header.

    A `Crc32cTlv` gets the correct checksum, computed over the finished header.

    Args:
        header: The header to encode. Its ``raw`` is ignored.
        pad_to: If given, append a NOOP TLV so the header is exactly this many
            bytes (a NOOP is at least 3 bytes, so the gap must be 0 or ≥ 3).
        force_checksum: Write this value into the CRC32C TLV instead of the
            correct one: a deliberately broken header, for tests. The header
            must have a `Crc32cTlv`.

    Returns:
        The header bytes, ``16 + len``.

    Raises:
        EncodeError: Values the spec forbids or the framing cannot hold: an
            undefined command/family/transport, a fam byte outside the spec's
            table with addresses or TLVs, addresses that do not match
            the family, addresses on LOCAL/UNSPEC, a port out of range, more
            than one CRC32C TLV, a TLV `encode_tlv` refuses, a header over
            65551 bytes, an impossible ``pad_to``, or ``force_checksum``
            without a CRC32C TLV or out of 32 bits.
    """
    try:
        command = Command(header.command)
        family = Family(header.family)
        transport = Transport(header.transport)
    except (ValueError, TypeError, AttributeError) as exc:
        raise EncodeError(f"PROXY v2: {exc}") from None
    fam = (family << 4) | transport
    body = bytearray(_address_block(header, command, fam))
    crc_at = -1
    for tlv in header.tlvs:
        if isinstance(tlv, Crc32cTlv):
            if crc_at >= 0:
                raise EncodeError("more than one CRC32C TLV: the checksum would be ambiguous")
            crc_at = V2_FIXED_LEN + len(body) + TLV_HEADER_LEN
            body += _frame(_CRC32C, _ZERO_CRC, "CRC32C")
        else:
            body += encode_tlv(tlv)
    if pad_to is not None:
        gap = _uint(pad_to, 32, "pad_to") - V2_FIXED_LEN - len(body)
        if gap < 0 or 0 < gap < TLV_HEADER_LEN:
            raise EncodeError(f"cannot pad to {pad_to} bytes with a NOOP TLV (gap {gap})")
        if gap:
            body += _frame(TlvType.NOOP, bytes(gap - TLV_HEADER_LEN), "NOOP")
    if len(body) > 0xFFFF:
        raise EncodeError(f"PROXY v2 body of {len(body)} bytes exceeds 65535")
    out = bytearray(V2_SIGNATURE)
    out += struct.pack("!BBH", V2_VERSION << 4 | command, fam, len(body))
    out += body
    if force_checksum is not None:
        if crc_at < 0:
            raise EncodeError("force_checksum needs a CRC32C TLV in the header")
        value = _uint(force_checksum, 32, "force_checksum")
    elif crc_at >= 0:
        value = crc32c(bytes(out))
    else:
        return bytes(out)
    out[crc_at : crc_at + CRC32C_LEN] = value.to_bytes(4, "big")
    return bytes(out)
