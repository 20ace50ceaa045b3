"""PROXY v2 TLVs: the registry, typed TLV models, SSL sub-TLVs, vendor TLVs, CRC32C.

Owns everything about a single TLV once its framing is known: its model
class, its header JSON object, the bytes of its value, and CRC32C. It does
not frame TLVs on the wire (the ``.ksy``, through `proxyproto_kaitai._kaitai`,
does that when parsing; `proxyproto_kaitai._v2` when encoding).

Spec: HAProxy ``doc/proxy-protocol.txt`` §2.2 (SPEC_NOTES §2.3, §2.4 and, for
the custom-range vendor types, §3). Values are kept as the raw bytes sent and
decoded on demand (``.text``, ``.vpce_id``…): a malformed string is for the
reader to notice, not a reason to reject a header (SPEC_NOTES §7, "AUTHORITY
that is not valid UTF-8 → flag it"). The exceptions the spec makes hard
rules (CRC32C length 4, SSL value ≥ 5 bytes, UNIQUE_ID ≤ 128 bytes) are
enforced by the parser and the encoder, not by these classes.
"""

from __future__ import annotations

import abc
import enum
import struct
from dataclasses import dataclass
from typing import Any, ClassVar

from crc32c import crc32c as _crc32c

__all__ = [
    "AlpnTlv",
    "AuthorityTlv",
    "AwsTlv",
    "AzureTlv",
    "Crc32cTlv",
    "GcpTlv",
    "NetnsTlv",
    "NoopTlv",
    "SslClient",
    "SslSubTlv",
    "SslSubtype",
    "SslTlv",
    "Tlv",
    "TlvType",
    "UniqueIdTlv",
    "UnknownTlv",
    "crc32c",
]

#: Largest UNIQUE_ID value the spec allows ("up to 128 bytes", §2.2.4).
UNIQUE_ID_MAX_LEN = 128
#: The SSL TLV's fixed part: the ``client`` byte and the 4-byte ``verify``.
SSL_FIXED_LEN = 5
#: CRC32C values are exactly 4 bytes (§2.2.5).
CRC32C_LEN = 4


def crc32c(data: bytes) -> int:
    """Return the CRC32C (Castagnoli, RFC 4960 appendix B) of ``data``.

    Uses the hardware-accelerated ``crc32c`` package, a hard dependency: there
    is no silent fallback that would skip verification.

    Args:
        data: The bytes to checksum.

    Returns:
        The checksum as an unsigned 32-bit integer.
    """
    return int(_crc32c(data))


class TlvType(enum.IntEnum):
    """Registered top-level TLV types (spec §2.2), plus three custom-range vendor types."""

    ALPN = 0x01  # PP2_TYPE_ALPN
    AUTHORITY = 0x02  # PP2_TYPE_AUTHORITY
    CRC32C = 0x03  # PP2_TYPE_CRC32C
    NOOP = 0x04  # PP2_TYPE_NOOP
    UNIQUE_ID = 0x05  # PP2_TYPE_UNIQUE_ID
    SSL = 0x20  # PP2_TYPE_SSL
    NETNS = 0x30  # PP2_TYPE_NETNS
    GCP = 0xE0  # PP2_TYPE_GCP (custom range; Google Cloud PSC)
    AWS = 0xEA  # PP2_TYPE_AWS (custom range; AWS NLB / PrivateLink)
    AZURE = 0xEE  # PP2_TYPE_AZURE (custom range; Azure Private Link)


class SslSubtype(enum.IntEnum):
    """Sub-TLV types of the SSL TLV (spec §2.2.6); meaningful only inside it."""

    VERSION = 0x21  # PP2_SUBTYPE_SSL_VERSION
    CN = 0x22  # PP2_SUBTYPE_SSL_CN
    CIPHER = 0x23  # PP2_SUBTYPE_SSL_CIPHER
    SIG_ALG = 0x24  # PP2_SUBTYPE_SSL_SIG_ALG
    KEY_ALG = 0x25  # PP2_SUBTYPE_SSL_KEY_ALG
    GROUP = 0x26  # PP2_SUBTYPE_SSL_GROUP (2025)
    SIG_SCHEME = 0x27  # PP2_SUBTYPE_SSL_SIG_SCHEME (2025)
    CLIENT_CERT = 0x28  # PP2_SUBTYPE_SSL_CLIENT_CERT (2026), DER


class SslClient(enum.IntFlag):
    """The SSL TLV's ``client`` bit field (spec §2.2.6)."""

    NONE = 0x00  # no flag set
    SSL = 0x01  # PP2_CLIENT_SSL
    CERT_CONN = 0x02  # PP2_CLIENT_CERT_CONN
    CERT_SESS = 0x04  # PP2_CLIENT_CERT_SESS


_TLV_NAMES: dict[int, str] = {t.value: t.name for t in TlvType}
_SUB_NAMES: dict[int, str] = {t.value: t.name for t in SslSubtype}


def _text(value: bytes) -> str | None:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _framed(tlv_type: int, value: bytes) -> bytes:
    return struct.pack("!BH", tlv_type, len(value)) + value


class Tlv(abc.ABC):
    """Base class of every TLV model; use `isinstance` to tell them apart.

    Every TLV has a ``type`` (int, a `TlvType` when registered), the raw
    ``value`` bytes as sent (`value_bytes`), a spec ``name`` and a header
    JSON object (`to_json`).
    """

    __slots__ = ()

    #: The type byte of the class's TLVs (`UnknownTlv` carries its own).
    TYPE: ClassVar[int] = -1

    @property
    def type(self) -> int:
        """The TLV type byte (a `TlvType` member when registered)."""
        return self.TYPE

    @property
    def name(self) -> str | None:
        """The spec name without ``PP2_TYPE_`` (``"ALPN"``), or ``None`` if unregistered."""
        return _TLV_NAMES.get(self.type)

    @abc.abstractmethod
    def value_bytes(self) -> bytes:
        """Return the TLV's value as it goes on the wire (without type and length)."""

    def _decoded(self) -> dict[str, Any]:
        return {}

    def to_json(self) -> dict[str, Any]:
        """Return the TLV's header-JSON object (``tests/vectors/README.md``).

        Returns:
            ``type``, ``name``, ``length``, ``hex`` and the decoded keys of its type.
        """
        value = self.value_bytes()
        out: dict[str, Any] = {
            "type": int(self.type),
            "name": self.name,
            "length": len(value),
            "hex": value.hex(),
        }
        out.update(self._decoded())
        return out

    def encode(self) -> bytes:
        """Return the whole TLV: type byte, big-endian length, value."""
        return _framed(int(self.type), self.value_bytes())


@dataclass(frozen=True)
class _RawValueTlv(Tlv):
    """A TLV whose model is its raw value."""

    value: bytes = b""

    def value_bytes(self) -> bytes:
        return self.value


class _TextTlv(_RawValueTlv):
    @property
    def text(self) -> str | None:
        """The value decoded as UTF-8, or ``None`` if it is not valid UTF-8."""
        return _text(self.value)

    def _decoded(self) -> dict[str, Any]:
        return {"value": self.text}


@dataclass(frozen=True)
class AlpnTlv(_TextTlv):
    """``PP2_TYPE_ALPN`` (0x01): the negotiated application protocol, e.g. ``b"h2"``."""

    TYPE: ClassVar[TlvType] = TlvType.ALPN


@dataclass(frozen=True)
class AuthorityTlv(_TextTlv):
    """``PP2_TYPE_AUTHORITY`` (0x02): the host name the client asked for (TLS SNI).

    The spec says UTF-8; a value that is not is kept and `text` is ``None``.
    """

    TYPE: ClassVar[TlvType] = TlvType.AUTHORITY


@dataclass(frozen=True)
class Crc32cTlv(Tlv):
    """``PP2_TYPE_CRC32C`` (0x03): CRC32C of the whole header with this value zeroed.

    Attributes:
        checksum: The big-endian value as sent; ``None`` (the default) lets the
            encoder compute it.
        verified: After parsing, whether ``checksum`` matched the header
            (always ``True`` unless the parser ran with ``verify_crc=False``).
            ``None`` for a TLV built by hand. The encoder writes ``checksum``
            unchanged only when ``verified is False`` (to reproduce a known
            bad header); otherwise it computes the correct value.
    """

    TYPE: ClassVar[TlvType] = TlvType.CRC32C

    checksum: int | None = None
    verified: bool | None = None

    def value_bytes(self) -> bytes:
        return struct.pack("!I", self.checksum or 0)

    def _decoded(self) -> dict[str, Any]:
        return {"value": self.checksum or 0, "verified": self.verified}


@dataclass(frozen=True)
class NoopTlv(_RawValueTlv):
    """``PP2_TYPE_NOOP`` (0x04): padding, ignored by receivers. Any length ≥ 0."""

    TYPE: ClassVar[TlvType] = TlvType.NOOP


@dataclass(frozen=True)
class UniqueIdTlv(_RawValueTlv):
    """``PP2_TYPE_UNIQUE_ID`` (0x05): an opaque connection id of at most 128 bytes."""

    TYPE: ClassVar[TlvType] = TlvType.UNIQUE_ID


@dataclass(frozen=True)
class NetnsTlv(_TextTlv):
    """``PP2_TYPE_NETNS`` (0x30): the US-ASCII name of a network namespace."""

    TYPE: ClassVar[TlvType] = TlvType.NETNS


@dataclass(frozen=True)
class SslSubTlv:
    """A sub-TLV of the SSL TLV, e.g. ``SslSubTlv(SslSubtype.CN, b"client")``.

    Attributes:
        subtype: The sub-TLV type (an `SslSubtype` when registered).
        value: The raw value: text for 0x21-0x27, DER for ``CLIENT_CERT``.
    """

    subtype: int
    value: bytes = b""

    @property
    def name(self) -> str | None:
        """The spec name without ``PP2_SUBTYPE_SSL_`` (``"CN"``), or ``None``."""
        return _SUB_NAMES.get(self.subtype)

    @property
    def text(self) -> str | None:
        """The value decoded as UTF-8, or ``None`` if it is not valid UTF-8."""
        return _text(self.value)

    def to_json(self) -> dict[str, Any]:
        """Return the sub-TLV's header-JSON object (same keys as a TLV)."""
        out: dict[str, Any] = {
            "type": int(self.subtype),
            "name": self.name,
            "length": len(self.value),
            "hex": self.value.hex(),
        }
        if SslSubtype.VERSION <= self.subtype <= SslSubtype.SIG_SCHEME:
            out["value"] = self.text
        return out

    def encode(self) -> bytes:
        """Return the whole sub-TLV: type byte, big-endian length, value."""
        return _framed(int(self.subtype), self.value)


@dataclass(frozen=True)
class SslTlv(Tlv):
    """``PP2_TYPE_SSL`` (0x20): the client's TLS session (struct ``pp2_tlv_ssl``).

    Attributes:
        client: The ``client`` flags (`SslClient`).
        verify: 0 if the client presented a certificate that verified; non-zero
            otherwise (HAProxy also leaves it 0 when no certificate was used).
        sub_tlvs: Sub-TLVs in wire order, duplicates kept.
    """

    TYPE: ClassVar[TlvType] = TlvType.SSL

    client: SslClient = SslClient.NONE
    verify: int = 0
    sub_tlvs: tuple[SslSubTlv, ...] = ()

    def _sub(self, subtype: SslSubtype) -> SslSubTlv | None:
        for sub in self.sub_tlvs:
            if sub.subtype == subtype:
                return sub
        return None

    def _sub_text(self, subtype: SslSubtype) -> str | None:
        sub = self._sub(subtype)
        return None if sub is None else sub.text

    @property
    def version(self) -> str | None:
        """The first ``VERSION`` sub-TLV as text (e.g. ``"TLSv1.3"``), or ``None``."""
        return self._sub_text(SslSubtype.VERSION)

    @property
    def cn(self) -> str | None:
        """The first ``CN`` sub-TLV (client certificate Common Name), or ``None``."""
        return self._sub_text(SslSubtype.CN)

    @property
    def cipher(self) -> str | None:
        """The first ``CIPHER`` sub-TLV, or ``None``."""
        return self._sub_text(SslSubtype.CIPHER)

    @property
    def sig_alg(self) -> str | None:
        """The first ``SIG_ALG`` sub-TLV, or ``None``."""
        return self._sub_text(SslSubtype.SIG_ALG)

    @property
    def key_alg(self) -> str | None:
        """The first ``KEY_ALG`` sub-TLV, or ``None``."""
        return self._sub_text(SslSubtype.KEY_ALG)

    @property
    def group(self) -> str | None:
        """The first ``GROUP`` sub-TLV, or ``None``."""
        return self._sub_text(SslSubtype.GROUP)

    @property
    def sig_scheme(self) -> str | None:
        """The first ``SIG_SCHEME`` sub-TLV, or ``None``."""
        return self._sub_text(SslSubtype.SIG_SCHEME)

    @property
    def client_cert(self) -> bytes | None:
        """The first ``CLIENT_CERT`` sub-TLV (DER bytes), or ``None``."""
        sub = self._sub(SslSubtype.CLIENT_CERT)
        return None if sub is None else sub.value

    def value_bytes(self) -> bytes:
        return struct.pack("!BI", int(self.client), self.verify) + b"".join(
            sub.encode() for sub in self.sub_tlvs
        )

    def _decoded(self) -> dict[str, Any]:
        return {
            "client": int(self.client),
            "verify": self.verify,
            "sub_tlvs": [sub.to_json() for sub in self.sub_tlvs],
        }


@dataclass(frozen=True)
class GcpTlv(_RawValueTlv):
    """``0xE0`` as Google Cloud Private Service Connect uses it (SPEC_NOTES §3).

    The custom range is shared: a value that is not 8 bytes is kept raw and
    `psc_connection_id` is ``None``.
    """

    TYPE: ClassVar[TlvType] = TlvType.GCP

    @classmethod
    def from_id(cls, psc_connection_id: int) -> GcpTlv:
        """Build the TLV for a PSC connection id (an unsigned 64-bit integer)."""
        return cls(struct.pack("!Q", psc_connection_id))

    @property
    def psc_connection_id(self) -> int | None:
        """The 8-byte big-endian ``pscConnectionId``, or ``None`` if not 8 bytes."""
        if len(self.value) != 8:
            return None
        return int.from_bytes(self.value, "big")

    def _decoded(self) -> dict[str, Any]:
        return {"value": self.psc_connection_id}


@dataclass(frozen=True)
class AwsTlv(_RawValueTlv):
    """``0xEA`` as AWS NLB / PrivateLink uses it: a subtype byte then the id text.

    Subtype 0x01 (``PP2_SUBTYPE_AWS_VPCE_ID``) carries the VPC endpoint id,
    e.g. ``vpce-08d2bf15fac5001c9``.
    """

    TYPE: ClassVar[TlvType] = TlvType.AWS
    #: ``PP2_SUBTYPE_AWS_VPCE_ID``
    VPCE_ID: ClassVar[int] = 0x01

    @classmethod
    def from_vpce_id(cls, vpce_id: str) -> AwsTlv:
        """Build the TLV for a VPC endpoint id (subtype 0x01)."""
        return cls(bytes([cls.VPCE_ID]) + vpce_id.encode("utf-8"))

    @property
    def subtype(self) -> int | None:
        """The subtype byte, or ``None`` for an empty value."""
        return self.value[0] if self.value else None

    @property
    def vpce_id(self) -> str | None:
        """The text after the subtype byte, or ``None`` (empty, or not UTF-8)."""
        return _text(self.value[1:]) if self.value else None

    def _decoded(self) -> dict[str, Any]:
        return {"subtype": self.subtype, "value": self.vpce_id}


@dataclass(frozen=True)
class AzureTlv(_RawValueTlv):
    """``0xEE`` as Azure Private Link uses it: subtype byte, then a **little-endian** u32.

    Subtype 0x01 (``PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID``) carries the
    private endpoint's LINKID. A value that is not 5 bytes is kept raw.
    """

    TYPE: ClassVar[TlvType] = TlvType.AZURE
    #: ``PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID``
    PRIVATEENDPOINT_LINKID: ClassVar[int] = 0x01

    @classmethod
    def from_link_id(cls, link_id: int) -> AzureTlv:
        """Build the TLV for a private endpoint LINKID (subtype 0x01)."""
        return cls(struct.pack("<BI", cls.PRIVATEENDPOINT_LINKID, link_id))

    @property
    def subtype(self) -> int | None:
        """The subtype byte, or ``None`` unless the value is 5 bytes."""
        return self.value[0] if len(self.value) == 5 else None

    @property
    def link_id(self) -> int | None:
        """The LINKID read little-endian, or ``None`` unless the value is 5 bytes."""
        if len(self.value) != 5:
            return None
        return int.from_bytes(self.value[1:], "little")

    def _decoded(self) -> dict[str, Any]:
        return {"subtype": self.subtype, "value": self.link_id}


@dataclass(frozen=True)
class UnknownTlv(Tlv):
    """A TLV of a type this library does not interpret; kept raw.

    Covers unassigned types, top-level 0x21-0x28 (sub-TLV numbers out of their
    SSL context), the rest of the custom range 0xE0-0xEF, experimental
    0xF0-0xF7 and future 0xF8-0xFF.

    Attributes:
        tlv_type: The type byte (0-255).
        value: The raw value.
    """

    tlv_type: int
    value: bytes = b""

    @property
    def type(self) -> int:
        return self.tlv_type

    def value_bytes(self) -> bytes:
        return self.value


#: Model class of each top-level type whose value is just its raw bytes.
RAW_TLV_CLASSES: dict[int, type[_RawValueTlv]] = {
    TlvType.ALPN: AlpnTlv,
    TlvType.AUTHORITY: AuthorityTlv,
    TlvType.NOOP: NoopTlv,
    TlvType.UNIQUE_ID: UniqueIdTlv,
    TlvType.NETNS: NetnsTlv,
    TlvType.GCP: GcpTlv,
    TlvType.AWS: AwsTlv,
    TlvType.AZURE: AzureTlv,
}
