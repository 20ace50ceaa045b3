"""Cloudflare Spectrum Simple Proxy Protocol: parse (through Kaitai) and encode.

Owns the SPP entry points (SPEC_NOTES §4; Cloudflare's "Simple Proxy
Protocol header" reference). SPP is UDP only: every datagram between
Cloudflare and the origin starts with the fixed 38-byte header, so it is
always parsed as a whole datagram (too short is invalid, never
incomplete). Parsing is delegated to `proxyproto_kaitai._kaitai`.

Choices: IPv4-mapped addresses become `IPv4Address` (and are mapped back
when encoding); a header mixing a mapped and a native IPv6 address is
accepted (family INET6), since the magic is the format's only check.
"""

from __future__ import annotations

import struct
from ipaddress import IPv4Address, IPv6Address

from ._errors import EncodeError
from ._kaitai import SPP_LEN, SPP_MAGIC, parse_spp_kaitai
from ._model import SppHeader

__all__ = ["SPP_LEN", "SPP_MAGIC", "encode_spp", "parse_spp"]

_MAPPED = bytes(10) + b"\xff\xff"


def parse_spp(data: bytes) -> SppHeader:
    """Parse the SPP header at the start of the datagram ``data``.

    Args:
        data: A whole UDP datagram; its payload follows the 38-byte header
            (``data[38:]``) and is left alone.

    Returns:
        The header (``length`` 38).

    Raises:
        NoSignatureError: ``data`` does not start with the magic ``56 EC``.
        InvalidHeaderError: The datagram is shorter than 38 bytes.
    """
    return parse_spp_kaitai(data)


def _packed(addr: object) -> bytes:
    if isinstance(addr, IPv4Address):
        return _MAPPED + addr.packed
    if isinstance(addr, IPv6Address):
        return addr.packed
    raise EncodeError(f"SPP addresses must be IPv4Address or IPv6Address, not {addr!r}")


def encode_spp(header: SppHeader) -> bytes:
    """Encode an SPP header (38 bytes); IPv4 addresses are written IPv4-mapped.

    Args:
        header: The header to encode. Its ``raw`` is ignored.

    Returns:
        The 38 header bytes; the caller appends the payload.

    Raises:
        EncodeError: An address is not an `ipaddress` address, or a port is
            not in 0..65535.
    """
    ports = (header.client_port, header.proxy_port)
    for port in ports:
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 0xFFFF:
            raise EncodeError(f"SPP port must be an int in 0..65535, not {port!r}")
    return (
        SPP_MAGIC
        + _packed(header.client_addr)
        + _packed(header.proxy_addr)
        + struct.pack("!HH", *ports)
    )
