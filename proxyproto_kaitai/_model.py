"""Header models: plain frozen dataclasses, and the enums named after the spec.

Owns what a parsed (or to-be-encoded) header *is*. It does not parse, encode
or print: `proxyproto_kaitai._v1`, `_v2` and `_spp` parse and encode,
`proxyproto_kaitai._json` gives the header JSON, TLV models live in
`proxyproto_kaitai._tlv`. The v2 enums come from the generated registry
(`proxyproto_kaitai._wire`).

Spec: v1 SPEC_NOTES §1 (spec §2.1), v2 SPEC_NOTES §2 (spec §2.2), SPP
SPEC_NOTES §4. Equality is semantic: ``raw`` (the bytes as received) is not
compared, so ``parse(encode(h)) == h`` holds even when the received text was
not canonical (``2001:DB8::1``, ``::ffff:1.2.3.4``). ``length`` is the bytes a
parsed header took on the wire (``len(raw)``); a header built by hand has
none (``None``) until it is encoded and parsed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from ipaddress import IPv4Address, IPv6Address
from typing import Any, ClassVar

from ._tlv import Tlv
from ._wire import SPP_LEN, Command, Family, Transport

__all__ = [
    "Command",
    "Detection",
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


class Detection(enum.Enum):
    """What `detect` found at the start of the bytes."""

    V1 = "v1"  # starts with "PROXY"
    V2 = "v2"  # starts with the 12-byte v2 signature
    SPP = "spp"  # starts with 56 EC (datagrams only)
    NONE = "none"  # no PROXY/SPP header can start like this
    NEED_MORE = "need_more"  # a prefix of a signature: more bytes decide


class V1Family(enum.StrEnum):
    """The v1 protocol token (spec §2.1): INET protocol and family in one word."""

    TCP4 = "TCP4"
    TCP6 = "TCP6"
    UNKNOWN = "UNKNOWN"


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
    def length(self) -> int | None:
        """Bytes the line took on the wire, CRLF included; ``None`` if built by hand."""
        return len(self.raw) if self.raw else None


@dataclass(frozen=True)
class V2Header:
    """A PROXY protocol version 2 binary header (spec §2.2).

    Attributes:
        command: `Command.LOCAL` or `Command.PROXY`.
        family: The address family; it alone decides the address block's layout.
        transport: The transport protocol.
        src_addr: Source (client) address: `IPv4Address` for INET,
            `IPv6Address` for INET6, the ``sun_path`` bytes for UNIX without
            their NUL padding (the encoder pads to 108 bytes again; trailing
            NULs given here are removed, so that equal blocks compare equal);
            ``None`` for UNSPEC and always ``None`` for LOCAL, which carries
            no address block whatever its family (the receiver uses the real
            endpoints; the body of a LOCAL header is TLVs only).
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

    def __post_init__(self) -> None:
        # One value per address block: a sun_path's NUL padding is not part of it.
        for name in ("src_addr", "dst_addr"):
            value = getattr(self, name)
            if isinstance(value, bytes) and value.endswith(b"\x00"):
                object.__setattr__(self, name, value.rstrip(b"\x00"))

    @property
    def length(self) -> int | None:
        """Bytes the header took on the wire (16 + ``len``); ``None`` if built by hand."""
        return len(self.raw) if self.raw else None

    def tlv(self, tlv_type: int) -> Tlv | None:
        """Return the first TLV of ``tlv_type`` (e.g. ``TlvType.AUTHORITY``), or ``None``."""
        for t in self.tlvs:
            if t.type == tlv_type:
                return t
        return None


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
    LENGTH: ClassVar[int] = SPP_LEN

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
        """Always 38: the format is fixed-size."""
        return SPP_LEN


Header = V1Header | V2Header | SppHeader
