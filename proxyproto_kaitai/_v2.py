"""PROXY protocol version 2: parse (through Kaitai) and encode (by hand, with struct).

Owns the v2 entry points and the encoder (spec §2.2, SPEC_NOTES §2 and the v2
cases of §7). Parsing is delegated to `proxyproto_kaitai._kaitai`, which runs
the generated parser; encoding writes bytes with `struct` and is proven by
round-tripping through that parser in the tests.

Deliberate choices (SPEC_NOTES §2.1, §2.5, §7):

- A ``fam`` byte outside the spec's table (0x01, 0x02, 0x10, 0x20, 0x30) has
  no defined layout: it is accepted like UNSPEC, its ``len`` bytes skipped
  and nothing in them interpreted (no addresses, no TLVs); family and
  transport still report the nibbles (the ``.ksy`` keeps such a body in
  ``unparsed``).
- LOCAL skips its address block (if the body is long enough to hold one)
  before the TLVs; a shorter LOCAL body has no block and its TLVs start at
  offset 16, as the spec says the family is discarded for LOCAL. Either way
  the model reports no addresses: the receiver must use the real endpoints.
  The encoder writes a zero-filled block for LOCAL with a non-UNSPEC family.
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
from typing import Final

from ._errors import EncodeError
from ._kaitai import DEFINED_FAM, V2_FIXED_LEN, V2_MAX_LEN, V2_SIGNATURE, parse_v2_kaitai
from ._model import Command, Family, Transport, V2Header
from ._tlv import (
    CRC32C_LEN,
    UNIQUE_ID_MAX_LEN,
    Crc32cTlv,
    SslTlv,
    Tlv,
    UniqueIdTlv,
    UnknownTlv,
    crc32c,
)

__all__ = ["V2_FIXED_LEN", "V2_MAX_LEN", "V2_SIGNATURE", "encode_v2", "parse_v2"]

#: Bytes of a TLV's type and length (spec §2.2).
TLV_HEADER_LEN: Final = 3
_UNIX_PATH_LEN: Final = 108


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
            limit). A longer one raises `HeaderTooLongError` as soon as its
            ``len`` field is read.

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
    return parse_v2_kaitai(data, datagram=datagram, verify_crc=verify_crc, max_size=max_size)


def _port(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 0xFFFF:
        raise EncodeError(f"PROXY v2 port must be an int in 0..65535, not {value!r}")
    return value


def _address_block(header: V2Header, family: Family, transport: Transport) -> bytes:
    addrs = (header.src_addr, header.dst_addr, header.src_port, header.dst_port)
    if (family << 4 | transport) not in DEFINED_FAM:
        if any(a is not None for a in addrs) or header.tlvs:
            raise EncodeError(
                f"fam 0x{family << 4 | transport:02x} has no layout in the spec: "
                "it cannot carry addresses or TLVs"
            )
        return b""
    if header.command == Command.LOCAL or family == Family.UNSPEC:
        if any(a is not None for a in addrs):
            raise EncodeError(
                "PROXY v2 LOCAL and UNSPEC headers carry no addresses or ports "
                "(the receiver uses the real endpoints)"
            )
        return bytes({Family.UNSPEC: 0, Family.INET: 12, Family.INET6: 36}.get(family, 216))
    src, dst, sport, dport = addrs
    if family == Family.UNIX:
        if not isinstance(src, bytes) or not isinstance(dst, bytes):
            raise EncodeError("PROXY v2 UNIX addresses must be bytes (sun_path)")
        if len(src) > _UNIX_PATH_LEN or len(dst) > _UNIX_PATH_LEN:
            raise EncodeError(f"PROXY v2 UNIX paths are at most {_UNIX_PATH_LEN} bytes")
        if sport is not None or dport is not None:
            raise EncodeError("PROXY v2 UNIX addresses have no ports")
        return src.ljust(_UNIX_PATH_LEN, b"\x00") + dst.ljust(_UNIX_PATH_LEN, b"\x00")
    want = IPv4Address if family == Family.INET else IPv6Address
    if not isinstance(src, want) or not isinstance(dst, want):
        raise EncodeError(f"PROXY v2 {family.name} needs two {want.__name__} addresses")
    return src.packed + dst.packed + struct.pack("!HH", _port(sport), _port(dport))


def _tlv_bytes(tlv: Tlv) -> bytes:
    if not isinstance(tlv, Tlv):
        raise EncodeError(f"not a TLV: {tlv!r}")
    if isinstance(tlv, UnknownTlv) and not 0 <= tlv.tlv_type <= 0xFF:
        raise EncodeError(f"TLV type must be 0..255, not {tlv.tlv_type}")
    if isinstance(tlv, UniqueIdTlv) and len(tlv.value) > UNIQUE_ID_MAX_LEN:
        raise EncodeError(f"UNIQUE_ID is at most {UNIQUE_ID_MAX_LEN} bytes")
    if isinstance(tlv, SslTlv):
        if not 0 <= tlv.verify <= 0xFFFFFFFF or not 0 <= int(tlv.client) <= 0xFF:
            raise EncodeError("SSL client must fit in a byte and verify in 32 bits")
        for sub in tlv.sub_tlvs:
            if not 0 <= sub.subtype <= 0xFF or len(sub.value) > 0xFFFF:
                raise EncodeError(f"SSL sub-TLV {sub.subtype} does not fit its framing")
    if isinstance(tlv, Crc32cTlv) and not 0 <= (tlv.checksum or 0) <= 0xFFFFFFFF:
        raise EncodeError("CRC32C checksum must fit in 32 bits")
    value = tlv.value_bytes()
    if len(value) > 0xFFFF:
        raise EncodeError(f"TLV 0x{tlv.type:02x} value of {len(value)} bytes exceeds 65535")
    return struct.pack("!BH", tlv.type, len(value)) + value


def encode_v2(header: V2Header, *, pad_to: int | None = None) -> bytes:
    """Encode a v2 header.

    A `Crc32cTlv` gets the correct checksum computed over the finished header,
    unless it is a parsed one with ``verified=False`` (re-encoding a known bad
    header keeps its bad checksum).

    Args:
        header: The header to encode. Its ``raw`` is ignored.
        pad_to: If given, append a NOOP TLV so the header is exactly this many
            bytes (a NOOP is at least 3 bytes, so the gap must be 0 or ≥ 3).

    Returns:
        The header bytes, ``16 + len``.

    Raises:
        EncodeError: Values the spec forbids or the framing cannot hold: an
            undefined command/family/transport, a fam byte outside the spec's
            table with addresses or TLVs, addresses that do not match
            the family, addresses on LOCAL/UNSPEC, a port out of range, more
            than one CRC32C TLV, UNIQUE_ID over 128 bytes, a TLV value over
            65535 bytes, a header over 65551 bytes, or an impossible ``pad_to``.
    """
    try:
        command = Command(header.command)
        family = Family(header.family)
        transport = Transport(header.transport)
    except (ValueError, TypeError) as exc:
        raise EncodeError(f"PROXY v2: {exc}") from None
    body = bytearray(_address_block(header, family, transport))
    crc_at = -1
    for tlv in header.tlvs:
        if isinstance(tlv, Crc32cTlv):
            if crc_at >= 0:
                raise EncodeError("more than one CRC32C TLV: the checksum would be ambiguous")
            crc_at = V2_FIXED_LEN + len(body) + TLV_HEADER_LEN
        body += _tlv_bytes(tlv)
    if pad_to is not None:
        gap = pad_to - V2_FIXED_LEN - len(body)
        if gap < 0 or 0 < gap < TLV_HEADER_LEN:
            raise EncodeError(f"cannot pad to {pad_to} bytes with a NOOP TLV (gap {gap})")
        if gap:
            body += struct.pack("!BH", 0x04, gap - TLV_HEADER_LEN) + bytes(gap - TLV_HEADER_LEN)
    if len(body) > 0xFFFF:
        raise EncodeError(f"PROXY v2 body of {len(body)} bytes exceeds 65535")
    out = bytearray(V2_SIGNATURE)
    out += struct.pack("!BBH", 0x20 | command, (family << 4) | transport, len(body))
    out += body
    if crc_at >= 0:
        crc = next(t for t in header.tlvs if isinstance(t, Crc32cTlv))
        if crc.verified is False and crc.checksum is not None:
            value = crc.checksum
        else:
            out[crc_at : crc_at + CRC32C_LEN] = bytes(CRC32C_LEN)
            value = crc32c(bytes(out))
        out[crc_at : crc_at + CRC32C_LEN] = struct.pack("!I", value)
    return bytes(out)
