"""Header models: frozen dataclasses and the enums named after the spec.

Owns what a parsed (or to-be-encoded) header *is* and its header JSON
(``tests/vectors/README.md``, the contract with the CLI, the dissector and
the Lua plugin). It does not parse or encode: `proxyproto_kaitai._v1`,
`_v2` and `_spp` do, and TLV models live in `proxyproto_kaitai._tlv`.

Spec: v1 SPEC_NOTES §1 (spec §2.1), v2 SPEC_NOTES §2 (spec §2.2), SPP
SPEC_NOTES §4. Equality is semantic: ``raw`` (the bytes as received) is not
compared, so ``parse(encode(h)) == h`` holds even when the received text was
not canonical (``2001:DB8::1``, ``::ffff:1.2.3.4``).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv6Address
from typing import Any, ClassVar

from ._tlv import Tlv

__all__ = [
    "Command",
    "Family",
    "Header",
    "IPAddress",
    "SppHeader",
    "Transport",
    "V1Family",
    "V1Header",
    "V2Header",
]

IPAddress = IPv4Address | IPv6Address


class Command(enum.IntEnum):
    """The v2 command nibble (spec §2.2). Every v1 line is a ``PROXY``."""

    LOCAL = 0x0  # the proxy's own connection (health check): use the real endpoints
    PROXY = 0x1  # relayed for a client: use the carried addresses


class Family(enum.IntEnum):
    """The v2 address family nibble (spec §2.2)."""

    UNSPEC = 0x0  # AF_UNSPEC
    INET = 0x1  # AF_INET
    INET6 = 0x2  # AF_INET6
    UNIX = 0x3  # AF_UNIX


class Transport(enum.IntEnum):
    """The v2 transport nibble (spec §2.2)."""

    UNSPEC = 0x0
    STREAM = 0x1  # TCP, or a UNIX stream socket
    DGRAM = 0x2  # UDP, or a UNIX datagram socket


class V1Family(enum.StrEnum):
    """The v1 protocol token (spec §2.1): INET protocol and family in one word."""

    TCP4 = "TCP4"
    TCP6 = "TCP6"
    UNKNOWN = "UNKNOWN"


def _unix_path(path: bytes) -> str:
    """A ``sun_path`` for JSON: up to the first NUL; abstract names as ``@name``."""
    if path[:1] == b"\x00":
        return "@" + path[1:].split(b"\x00", 1)[0].decode("utf-8", "backslashreplace")
    return path.split(b"\x00", 1)[0].decode("utf-8", "backslashreplace")


def ip_text(addr: IPAddress) -> str:
    """An address as the header JSON and v1 lines print it.

    `ipaddress` text, except that IPv4-mapped IPv6 addresses keep a dotted tail
    (``::ffff:192.0.2.1``), as HAProxy writes them and as Python 3.13+ prints them.
    """
    if isinstance(addr, IPv6Address) and addr.ipv4_mapped is not None:
        return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def _addr_json(addr: IPAddress | bytes | None) -> str | None:
    if addr is None:
        return None
    if isinstance(addr, bytes):
        return _unix_path(addr)
    return ip_text(addr)


def new(cls: type[Any], fields: dict[str, Any]) -> Any:
    """Build a frozen dataclass from already validated fields, skipping ``__init__``.

    Parsers use it on their hot path: a frozen dataclass's ``__init__`` costs
    an ``object.__setattr__`` per field.
    """
    obj = object.__new__(cls)
    obj.__dict__.update(fields)
    return obj


@dataclass(frozen=True)
class V1Header:
    """A PROXY protocol version 1 text line (spec §2.1).

    Attributes:
        family: ``TCP4``, ``TCP6`` or ``UNKNOWN``.
        src_addr: Source (client) address; ``None`` for ``UNKNOWN``.
        dst_addr: Destination (proxied-to) address; ``None`` for ``UNKNOWN``.
        src_port: Source port; ``None`` for ``UNKNOWN``.
        dst_port: Destination port; ``None`` for ``UNKNOWN``.
        raw: The line as received, CRLF included (empty for a header built by
            hand). Not part of equality. For ``UNKNOWN`` it keeps whatever
            followed the token, which receivers ignore.
    """

    kind: ClassVar[str] = "v1"

    family: V1Family
    src_addr: IPAddress | None = None
    dst_addr: IPAddress | None = None
    src_port: int | None = None
    dst_port: int | None = None
    raw: bytes = field(default=b"", compare=False, repr=False)

    @property
    def command(self) -> Command:
        """Always `Command.PROXY`: v1 has no LOCAL (``UNKNOWN`` plays that part)."""
        return Command.PROXY

    @property
    def transport(self) -> Transport:
        """Always `Transport.STREAM`: v1 only knows TCP."""
        return Transport.STREAM

    @property
    def tlvs(self) -> tuple[Tlv, ...]:
        """Always empty: v1 has no TLVs."""
        return ()

    @property
    def length(self) -> int:
        """Bytes the header occupies on the wire, CRLF included."""
        if self.raw:
            return len(self.raw)
        from ._v1 import encode_v1

        return len(encode_v1(self))

    def to_json(self) -> dict[str, Any]:
        """Return the header JSON object (``tests/vectors/README.md``)."""
        return {
            "kind": "v1",
            "command": "PROXY",
            "family": self.family.value,
            "transport": "STREAM",
            "src_addr": _addr_json(self.src_addr),
            "src_port": self.src_port,
            "dst_addr": _addr_json(self.dst_addr),
            "dst_port": self.dst_port,
            "length": self.length,
            "tlvs": [],
        }


@dataclass(frozen=True)
class V2Header:
    """A PROXY protocol version 2 binary header (spec §2.2).

    Attributes:
        command: `Command.LOCAL` or `Command.PROXY`.
        family: The address family; it alone decides the address block's layout.
        transport: The transport protocol.
        src_addr: Source (client) address: `IPv4Address` for INET,
            `IPv6Address` for INET6, the raw 108-byte ``sun_path`` for UNIX;
            ``None`` for UNSPEC and always ``None`` for LOCAL, whose address
            block (if any) the receiver must ignore (spec §2.2: use the real
            endpoints). The skipped block is still in ``raw``.
        dst_addr: Destination address, same rules.
        src_port: Source port for INET/INET6 PROXY headers, else ``None``.
        dst_port: Destination port, same rules.
        tlvs: TLVs in wire order, duplicates kept.
        raw: The header bytes as received, ``16 + len`` of them (empty for a
            header built by hand). Not part of equality.
    """

    kind: ClassVar[str] = "v2"

    command: Command
    family: Family = Family.UNSPEC
    transport: Transport = Transport.UNSPEC
    src_addr: IPAddress | bytes | None = None
    dst_addr: IPAddress | bytes | None = None
    src_port: int | None = None
    dst_port: int | None = None
    tlvs: tuple[Tlv, ...] = ()
    raw: bytes = field(default=b"", compare=False, repr=False)

    @property
    def length(self) -> int:
        """Bytes the header occupies on the wire: 16 + its ``len`` field."""
        if self.raw:
            return len(self.raw)
        from ._v2 import encode_v2

        return len(encode_v2(self))

    def tlv(self, tlv_type: int) -> Tlv | None:
        """Return the first TLV of ``tlv_type`` (e.g. ``TlvType.AUTHORITY``), or ``None``."""
        for t in self.tlvs:
            if t.type == tlv_type:
                return t
        return None

    def to_json(self) -> dict[str, Any]:
        """Return the header JSON object (``tests/vectors/README.md``).

        Addresses and ports are ``null`` for LOCAL and UNSPEC; UNIX ports are
        ``null`` and UNIX paths print up to the first NUL (``@name`` for an
        abstract socket).
        """
        return {
            "kind": "v2",
            "command": self.command.name,
            "family": self.family.name,
            "transport": self.transport.name,
            "src_addr": _addr_json(self.src_addr),
            "src_port": self.src_port,
            "dst_addr": _addr_json(self.dst_addr),
            "dst_port": self.dst_port,
            "length": self.length,
            "tlvs": [t.to_json() for t in self.tlvs],
        }


@dataclass(frozen=True)
class SppHeader:
    """A Cloudflare Spectrum Simple Proxy Protocol header (SPEC_NOTES §4), 38 bytes.

    IPv4-mapped addresses (``::ffff:a.b.c.d``) are given as `IPv4Address`;
    the encoder maps them back.

    Attributes:
        client_addr: The client's address as Cloudflare saw it.
        proxy_addr: The Cloudflare address that received the client's datagram.
        client_port: The client's UDP source port.
        proxy_port: The UDP port Cloudflare received on.
        raw: The 38 header bytes as received (empty when built by hand).
    """

    kind: ClassVar[str] = "spp"
    #: SPP is fixed-size.
    LENGTH: ClassVar[int] = 38

    client_addr: IPAddress
    proxy_addr: IPAddress
    client_port: int
    proxy_port: int
    raw: bytes = field(default=b"", compare=False, repr=False)

    @property
    def command(self) -> None:
        """SPP has no command."""
        return None

    @property
    def family(self) -> Family:
        """`Family.INET` when both addresses are IPv4(-mapped), else `Family.INET6`."""
        if isinstance(self.client_addr, IPv4Address) and isinstance(self.proxy_addr, IPv4Address):
            return Family.INET
        return Family.INET6

    @property
    def transport(self) -> Transport:
        """Always `Transport.DGRAM`: SPP is UDP only."""
        return Transport.DGRAM

    @property
    def src_addr(self) -> IPAddress:
        """Alias of `client_addr` (the header JSON's ``src_addr``)."""
        return self.client_addr

    @property
    def dst_addr(self) -> IPAddress:
        """Alias of `proxy_addr` (the header JSON's ``dst_addr``)."""
        return self.proxy_addr

    @property
    def src_port(self) -> int:
        """Alias of `client_port`."""
        return self.client_port

    @property
    def dst_port(self) -> int:
        """Alias of `proxy_port`."""
        return self.proxy_port

    @property
    def tlvs(self) -> tuple[Tlv, ...]:
        """Always empty: SPP has no TLVs."""
        return ()

    @property
    def length(self) -> int:
        """Always 38."""
        return self.LENGTH

    def to_json(self) -> dict[str, Any]:
        """Return the header JSON object (``tests/vectors/README.md``)."""
        return {
            "kind": "spp",
            "command": None,
            "family": self.family.name,
            "transport": "DGRAM",
            "src_addr": ip_text(self.client_addr),
            "src_port": self.client_port,
            "dst_addr": ip_text(self.proxy_addr),
            "dst_port": self.proxy_port,
            "length": 38,
            "tlvs": [],
        }


Header = V1Header | V2Header | SppHeader
