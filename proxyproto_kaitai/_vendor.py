"""The cloud vendors' custom-range TLVs: their fields, read on demand by the vendor specs.

Owns `vendor_fields`, the one reader of a `GcpTlv`, `AwsTlv` or `AzureTlv`
value. The custom range 0xE0-0xEF belongs to whoever uses it (HAProxy
``doc/proxy-protocol.txt`` §2.2.8), so the v2 parser keeps these values raw
(``spec/proxy_protocol_v2.ksy`` does not switch on them) and the models are
plain bytes. When the caller knows which vendor sits in front, this module
applies that vendor's spec (``spec/proxy_protocol_v2_tlv_gcp.ksy``, ``_aws``,
``_azure``, through `proxyproto_kaitai._kaitai`) to the raw value and maps what
it read. Nothing here reads a byte itself.

The one rule the vendor specs leave to the host (their ``doc``): a value is
the vendor's layout only if the spec reads all of it, so a value too short for
it (end of stream) or with bytes left over gives no fields (SPEC_NOTES §3: a
GCP value is 8 bytes, an Azure value 5). AWS text that is not UTF-8 gives the
subtype and a ``None`` value, like every text TLV.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from . import _accel
from . import _kaitai as _kaitai_py
from ._tlv import AwsTlv, AzureTlv, GcpTlv, Tlv, _text
from ._wire import AwsSubtype, AzureSubtype

#: The Kaitai layer in use: its compiled twin when the accelerator runs.
_kaitai = _accel.twin("kaitai") or _kaitai_py

__all__ = ["VendorFields", "vendor_fields"]

#: The generated root type of each vendor spec, by the model class it reads.
_SPECS: dict[type[Tlv], Any] = {
    GcpTlv: _kaitai.gcp_module.ProxyProtocolV2TlvGcp,
    AwsTlv: _kaitai.aws_module.ProxyProtocolV2TlvAws,
    AzureTlv: _kaitai.azure_module.ProxyProtocolV2TlvAzure,
}
_SUBTYPES: dict[type[Tlv], type[IntEnum]] = {AwsTlv: AwsSubtype, AzureTlv: AzureSubtype}


@dataclass(frozen=True)
class VendorFields:
    """The fields of a cloud vendor's TLV value, as its vendor spec reads them.

    The names are those of the vendor specs and of the header JSON: the
    subtype byte where the vendor has one, then the one value it carries.

    Attributes:
        subtype: AWS and Azure: the subtype byte (an `AwsSubtype` /
            `AzureSubtype` member when registered, e.g. ``VPCE_ID``); GCP,
            whose value has no subtype: ``None``.
        value: GCP: the ``pscConnectionId`` (int, 64 bits). AWS: the text
            after the subtype byte, for subtype ``VPCE_ID`` the VPC endpoint
            id (str; ``None`` if it is not UTF-8, the raw bytes stay in the
            TLV's ``value``). Azure: the private endpoint's LINKID (int, read
            little-endian).
    """

    subtype: int | None
    value: int | str | None


def _member(enum: type[IntEnum], value: int) -> int:
    """``value`` as a member of ``enum`` when registered, else the plain int."""
    try:
        return enum(value)
    except ValueError:
        return value


def vendor_fields(tlv: GcpTlv | AwsTlv | AzureTlv) -> VendorFields | None:
    """Read a cloud vendor's TLV value with that vendor's spec.

    Apply it when the proxy in front is known to be that vendor's: the
    custom range is shared, and another application may use the same type
    for something else.

    Args:
        tlv: A `GcpTlv` (0xE0), `AwsTlv` (0xEA) or `AzureTlv` (0xEE), parsed
            or built (``AwsTlv.from_vpce_id``...).

    Returns:
        The fields, or ``None`` when the value does not have the vendor's
        layout: too short for it (e.g. an empty AWS value), or with bytes
        left over (a GCP value that is not 8 bytes, an Azure one that is not
        5).

    Raises:
        TypeError: ``tlv`` is not one of the three vendor TLV classes, or its
            value is not bytes.
    """
    model = next((m for m in _SPECS if isinstance(tlv, m)), None)
    if model is None:
        raise TypeError(f"not a vendor TLV (GcpTlv, AwsTlv or AzureTlv): {tlv!r}")
    value = tlv.value
    if type(value) is not bytes:
        if not isinstance(value, bytes | bytearray | memoryview):
            raise TypeError(f"{model.__name__} value must be bytes, not {type(value).__name__}")
        value = bytes(value)
    try:
        read = _kaitai.run_value(_SPECS[model], value)
    except _kaitai.Fault:
        return None
    if read._io.pos() != len(value):
        return None
    subtypes = _SUBTYPES.get(model)
    if subtypes is None:  # GCP: the value is the id, no subtype
        return VendorFields(None, read.value)
    subtype = _member(subtypes, int(read.subtype))
    if model is AwsTlv:
        return VendorFields(subtype, _text(read.value))
    return VendorFields(subtype, read.value)
