"""PROXY v2 TLVs as plain data: one model class per registered type, SSL sub-TLVs.

Owns what a single TLV *is* once its framing is known, and the text views of
its value (``.text``). It does not frame, check, read or print TLVs:
`proxyproto_kaitai._v2` parses them (through the generated parser), encodes
them (its one validating TLV framer) and applies the spec's rules (CRC32C
length 4, SSL value ≥ 5 bytes, UNIQUE_ID ≤ 128 bytes);
`proxyproto_kaitai._vendor` reads the cloud vendors' values with their specs
(`proxyproto_kaitai.vendor_fields`); `proxyproto_kaitai._json` gives their
JSON. The type numbers and names come from the registry generated from the
``.ksy`` files (`proxyproto_kaitai._wire`).

Spec: HAProxy ``doc/proxy-protocol.txt`` §2.2 (SPEC_NOTES §2.3, §2.4 and, for
the custom-range vendor types, §3). Values are kept as the raw bytes sent and
decoded on demand: a malformed string is for the reader to notice, not a
reason to reject a header (SPEC_NOTES §7, "AUTHORITY that is not valid UTF-8
→ flag it").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ._errors import EncodeError
from ._wire import AwsSubtype, AzureSubtype, SslClient, SslSubtype, TlvType

__all__ = [
    "RAW_TLV_CLASSES",
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
]

_TLV_NAMES: dict[int, str] = {t.value: t.name for t in TlvType}
_SUB_NAMES: dict[int, str] = {t.value: t.name for t in SslSubtype}


def _text(value: bytes) -> str | None:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return None


class Tlv:
    """Base class of every TLV model; use `isinstance` to tell them apart.

    Every TLV has a ``type`` (int, a `TlvType` when registered) and a spec
    ``name``; `proxyproto_kaitai.tlv_value` gives its value bytes and
    `proxyproto_kaitai.to_json` its JSON object. Not instantiable itself.
    """

    __slots__ = ()

    def __new__(cls, *args: object, **kwargs: object) -> Tlv:
        if cls is Tlv:
            raise TypeError("Tlv is abstract: build one of its subclasses")
        return super().__new__(cls)

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


@dataclass(frozen=True)
class _RawValueTlv(Tlv):
    """A TLV whose model is its raw value."""

    value: bytes = b""


class _TextTlv(_RawValueTlv):
    @property
    def text(self) -> str | None:
        """The value decoded as UTF-8, or ``None`` if it is not valid UTF-8."""
        return _text(self.value)


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

    The checksum is a function of the rest of the header, so it is not part
    of equality: ``Crc32cTlv()`` in a header you build equals the parsed TLV,
    and the encoder always writes the correct value (a deliberately wrong one
    is `proxyproto_kaitai.encode_v2`'s explicit ``force_checksum`` argument).

    Attributes:
        checksum: The big-endian value as received; ``None`` in a TLV built
            by hand.
        verified: After parsing, whether ``checksum`` matched the header
            (``False`` only when the parser ran with ``verify_crc=False``);
            ``None`` in a TLV built by hand.
    """

    TYPE: ClassVar[TlvType] = TlvType.CRC32C

    checksum: int | None = field(default=None, compare=False)
    verified: bool | None = field(default=None, compare=False)


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


@dataclass(frozen=True)
class GcpTlv(_RawValueTlv):
    """``0xE0`` as Google Cloud Private Service Connect uses it: the 8-byte ``pscConnectionId``.

    The custom range is shared, so the value is kept raw; when Google Cloud
    is in front, `proxyproto_kaitai.vendor_fields` reads it
    (``spec/proxy_protocol_v2_tlv_gcp.ksy``).
    """

    TYPE: ClassVar[TlvType] = TlvType.GCP

    @classmethod
    def from_id(cls, psc_connection_id: int) -> GcpTlv:
        """Build the TLV for a PSC connection id (an unsigned 64-bit integer).

        Raises:
            EncodeError: The id is not an int in 0..2**64-1.
        """
        return cls(_uint(psc_connection_id, 8, "big", "GCP pscConnectionId"))


@dataclass(frozen=True)
class AwsTlv(_RawValueTlv):
    """``0xEA`` as AWS NLB / PrivateLink uses it: a subtype byte then the id text.

    Subtype 0x01 (``PP2_SUBTYPE_AWS_VPCE_ID``) carries the VPC endpoint id,
    e.g. ``vpce-08d2bf15fac5001c9``. The value is kept raw; when AWS is in
    front, `proxyproto_kaitai.vendor_fields` reads it
    (``spec/proxy_protocol_v2_tlv_aws.ksy``).
    """

    TYPE: ClassVar[TlvType] = TlvType.AWS
    #: ``PP2_SUBTYPE_AWS_VPCE_ID``
    VPCE_ID: ClassVar[int] = AwsSubtype.VPCE_ID

    @classmethod
    def from_vpce_id(cls, vpce_id: str) -> AwsTlv:
        """Build the TLV for a VPC endpoint id (subtype 0x01).

        Raises:
            EncodeError: ``vpce_id`` is not a `str` that UTF-8 can encode.
        """
        try:
            return cls(bytes([cls.VPCE_ID]) + vpce_id.encode("utf-8"))
        except (AttributeError, UnicodeEncodeError):
            raise EncodeError(f"AWS VPC endpoint id must be UTF-8 text, not {vpce_id!r}") from None


@dataclass(frozen=True)
class AzureTlv(_RawValueTlv):
    """``0xEE`` as Azure Private Link uses it: subtype byte, then a **little-endian** u32.

    Subtype 0x01 (``PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID``) carries the
    private endpoint's LINKID. The value is kept raw; when Azure is in front,
    `proxyproto_kaitai.vendor_fields` reads it
    (``spec/proxy_protocol_v2_tlv_azure.ksy``).
    """

    TYPE: ClassVar[TlvType] = TlvType.AZURE
    #: ``PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID``
    PRIVATEENDPOINT_LINKID: ClassVar[int] = AzureSubtype.PRIVATEENDPOINT_LINKID

    @classmethod
    def from_link_id(cls, link_id: int) -> AzureTlv:
        """Build the TLV for a private endpoint LINKID (subtype 0x01).

        Raises:
            EncodeError: ``link_id`` is not an int in 0..2**32-1.
        """
        value = _uint(link_id, 4, "little", "Azure LINKID")
        return cls(bytes([cls.PRIVATEENDPOINT_LINKID]) + value)


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


def _uint(value: object, size: int, order: str, what: str) -> bytes:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 1 << 8 * size:
        raise EncodeError(f"{what} must be an int in 0..{(1 << 8 * size) - 1}, not {value!r}")
    return value.to_bytes(size, "big" if order == "big" else "little")


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
