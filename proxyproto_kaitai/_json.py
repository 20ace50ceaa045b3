"""The header JSON: the documented JSON object of a header, a TLV or an SSL sub-TLV.

Owns the JSON shape (``tests/vectors/README.md``, the contract with the CLI,
the dissector and the Lua plugin). It reads models and prints them; it
neither parses nor encodes (a cloud vendor's TLV value is read by its vendor
spec, through `proxyproto_kaitai._vendor`). A TLV object carries its value as hex, and the
bytes of a value are the v2 encoder's business, so every function here takes
them from the caller's ``value_of`` (`proxyproto_kaitai.to_json` passes
`proxyproto_kaitai.tlv_value`; the v2 parser, which has the bytes at hand
while it builds an error's ``partial``, passes its own).
"""

from __future__ import annotations

from collections.abc import Callable
from ipaddress import IPv6Address
from typing import Any

from ._model import IPAddress, SppHeader, V1Header, V2Header
from ._tlv import (
    AwsTlv,
    AzureTlv,
    Crc32cTlv,
    GcpTlv,
    SslSubTlv,
    SslTlv,
    Tlv,
    _TextTlv,
)
from ._vendor import vendor_fields
from ._wire import Command, Family, SslSubtype, Transport

__all__ = ["ValueOf", "ip_text", "to_json", "v2_fixed_json"]

#: How a function here gets a TLV's value bytes.
ValueOf = Callable[[Tlv], bytes]

_TEXT_SUBTYPES = range(SslSubtype.VERSION, SslSubtype.SIG_SCHEME + 1)


def ip_text(addr: IPAddress) -> str:
    """An address as the header JSON and v1 lines print it.

    `ipaddress` text, except that IPv4-mapped IPv6 addresses keep a dotted tail
    (``::ffff:192.0.2.1``), as HAProxy writes them and as Python 3.13+ prints them.
    """
    if isinstance(addr, IPv6Address) and addr.ipv4_mapped is not None:
        return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def _unix_path(path: bytes) -> str:
    """A ``sun_path`` for JSON: up to the first NUL; abstract names as ``@name``."""
    if path[:1] == b"\x00":
        return "@" + path[1:].split(b"\x00", 1)[0].decode("utf-8", "backslashreplace")
    return path.split(b"\x00", 1)[0].decode("utf-8", "backslashreplace")


def _addr(addr: IPAddress | bytes | None) -> str | None:
    if addr is None:
        return None
    if isinstance(addr, bytes):
        return _unix_path(addr)
    return ip_text(addr)


def _sub_json(sub: SslSubTlv) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": int(sub.subtype),
        "name": sub.name,
        "length": len(sub.value),
        "hex": sub.value.hex(),
    }
    if sub.subtype in _TEXT_SUBTYPES:
        out["value"] = sub.text
    return out


def _tlv_json(tlv: Tlv, value_of: ValueOf) -> dict[str, Any]:
    value = value_of(tlv)
    out: dict[str, Any] = {
        "type": int(tlv.type),
        "name": tlv.name,
        "length": len(value),
        "hex": value.hex(),
    }
    if isinstance(tlv, _TextTlv):
        out["value"] = tlv.text
    elif isinstance(tlv, Crc32cTlv):
        out["value"] = int.from_bytes(value, "big")
        out["verified"] = tlv.verified
    elif isinstance(tlv, SslTlv):
        out["client"] = int(tlv.client)
        out["verify"] = tlv.verify
        out["sub_tlvs"] = [_sub_json(s) for s in tlv.sub_tlvs]
    elif isinstance(tlv, GcpTlv | AwsTlv | AzureTlv):
        # The vendor's spec reads the value (None: not the vendor's layout).
        fields = vendor_fields(tlv)
        if not isinstance(tlv, GcpTlv):  # GCP has no subtype byte
            out["subtype"] = (
                None if fields is None or fields.subtype is None else int(fields.subtype)
            )
        out["value"] = None if fields is None else fields.value
    return out


def v2_fixed_json(
    command: Command | None = None,
    family: Family | None = None,
    transport: Transport | None = None,
    length: int | None = None,
) -> dict[str, Any]:
    """The keys of a v2 header JSON that its 16-byte fixed part gives (an error's ``partial``)."""
    out: dict[str, Any] = {"kind": "v2"}
    if command is not None:
        out["command"] = command.name
    if family is not None:
        out["family"] = family.name
    if transport is not None:
        out["transport"] = transport.name
    if length is not None:
        out["length"] = length
    return out


def to_json(
    obj: V1Header | V2Header | SppHeader | Tlv | SslSubTlv, value_of: ValueOf
) -> dict[str, Any]:
    """The header JSON object of a header, a TLV or an SSL sub-TLV.

    Args:
        obj: A header (``length`` is ``None`` for one built by hand), a TLV
            or an SSL sub-TLV.
        value_of: Gives the value bytes of a TLV.
    """
    if isinstance(obj, V2Header):
        return {
            "kind": "v2",
            "command": obj.command.name,
            "family": obj.family.name,
            "transport": obj.transport.name,
            "src_addr": _addr(obj.src_addr),
            "src_port": obj.src_port,
            "dst_addr": _addr(obj.dst_addr),
            "dst_port": obj.dst_port,
            "length": obj.length,
            "tlvs": [_tlv_json(t, value_of) for t in obj.tlvs],
        }
    if isinstance(obj, V1Header):
        return {
            "kind": "v1",
            "command": "PROXY",
            "family": obj.family.value,
            "transport": "STREAM",
            "src_addr": _addr(obj.src_addr),
            "src_port": obj.src_port,
            "dst_addr": _addr(obj.dst_addr),
            "dst_port": obj.dst_port,
            "length": obj.length,
            "tlvs": [],
        }
    if isinstance(obj, SppHeader):
        return {
            "kind": "spp",
            "command": None,
            "family": obj.family.name,
            "transport": "DGRAM",
            "src_addr": ip_text(obj.client_addr),
            "src_port": obj.client_port,
            "dst_addr": ip_text(obj.proxy_addr),
            "dst_port": obj.proxy_port,
            "length": obj.length,
            "tlvs": [],
        }
    if isinstance(obj, SslSubTlv):
        return _sub_json(obj)
    return _tlv_json(obj, value_of)
