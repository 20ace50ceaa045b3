"""Cloudflare Spectrum Simple Proxy Protocol: parse and encode, with the format's rules.

Owns the SPP entry points (SPEC_NOTES §4; Cloudflare's "Simple Proxy
Protocol header" reference). SPP is UDP only: every datagram between
Cloudflare and the origin starts with the fixed 38-byte header, so it is
always parsed as a whole datagram (too short is invalid, never
incomplete). Every byte is read by the generated parser
(`proxyproto_kaitai._kaitai`).

Choices: IPv4-mapped addresses become `IPv4Address` (and are mapped back
when encoding); a header mixing a mapped and a native IPv6 address is
accepted (family INET6), since the magic is the format's only check.
"""

from __future__ import annotations

import struct
from ipaddress import IPv4Address, IPv6Address
from typing import Any, NoReturn

from . import _accel
from . import _kaitai as _kaitai_py
from ._errors import EncodeError, InvalidHeaderError, NoSignatureError
from ._model import SppHeader
from ._wire import IPV4_MAPPED_PREFIX, SPP_LEN, SPP_MAGIC

#: The Kaitai layer in use: its compiled twin when the accelerator runs.
_kaitai = _accel.twin("kaitai") or _kaitai_py

__all__ = ["encode_spp", "parse_spp"]

#: The root ``seq`` of ``spec/simple_proxy_protocol.ksy``: each field and its
#: byte offset (``tests/test_spp.py`` checks the names against the ``.ksy``).
ROOT_SEQ = (
    ("magic", 0),
    ("client_addr", 2),
    ("proxy_addr", 18),
    ("client_port", 34),
    ("proxy_port", 36),
    ("payload", 38),
)

_new = object.__new__
_MAPPED_INT = int.from_bytes(IPV4_MAPPED_PREFIX + bytes(4), "big")


def _address(packed: bytes) -> IPv4Address | IPv6Address:
    # The objects IPv4Address/IPv6Address(packed) give, without their argument
    # checks (the generated parser read exactly 16 bytes); tests/test_spp.py checks it.
    value = int.from_bytes(packed, "big")
    addr: Any
    if value >> 32 == _MAPPED_INT >> 32:
        addr = _new(IPv4Address)
        addr._ip = value & 0xFFFFFFFF
    else:
        addr = _new(IPv6Address)
        addr._ip = value
        addr._scope_id = None
    return addr  # type: ignore[no-any-return]


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
    if type(data) is not bytes:
        data = bytes(data)
    raw = data[:SPP_LEN]
    failed = None
    try:
        obj = _kaitai.run_spp(raw)
    except _kaitai.Fault as fault:
        failed = fault
    if failed is not None:  # raised outside the handler: the Fault is no context of it
        _raise_fault(failed, len(data))
    header: Any = _new(SppHeader)
    fields = header.__dict__
    fields["client_addr"] = _address(obj.client_addr)
    fields["proxy_addr"] = _address(obj.proxy_addr)
    fields["client_port"] = obj.client_port
    fields["proxy_port"] = obj.proxy_port
    fields["raw"] = raw
    return header  # type: ignore[no-any-return]


def _raise_fault(fault: _kaitai_py.Fault, n: int) -> NoReturn:
    if not fault.eos or n < len(SPP_MAGIC):
        raise NoSignatureError("no SPP magic 0x56EC", field="magic", offset=0)
    field, offset = next((f, off) for f, off in ROOT_SEQ if f not in fault.root.__dict__)
    raise InvalidHeaderError(
        f"datagram of {n} bytes is shorter than the {SPP_LEN}-byte SPP header",
        field=field,
        offset=offset,
        partial={"kind": "spp", "command": None, "transport": "DGRAM"},
    )


def _packed(addr: object) -> bytes:
    if isinstance(addr, IPv4Address):
        return IPV4_MAPPED_PREFIX + addr.packed
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
