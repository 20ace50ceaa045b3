"""proxyproto_kaitai: a strict, sans-IO parser and encoder for the PROXY protocol.

PROXY protocol v1 (text) and v2 (binary), as specified by HAProxy's
``doc/proxy-protocol.txt``, and Cloudflare Spectrum's Simple Proxy Protocol
(SPP). Bytes in, typed headers out; headers in, bytes out; no I/O.
v2 and SPP are parsed by the code Kaitai Struct generates from
``spec/*.ksy``; v1 by a hand-written grammar.

Quick start::

    import proxyproto_kaitai as pp

    header = pp.parse(data)                 # V1Header | V2Header | SppHeader
    payload = data[header.length:]
    header.to_json()                        # the documented JSON object
    pp.encode(header)                       # back to bytes

Everything public is re-exported here; the ``_``-modules are private.
"""

from __future__ import annotations

from ._detect import Detection, detect, encode, parse
from ._errors import (
    ChecksumError,
    EncodeError,
    HeaderTooLongError,
    IncompleteHeaderError,
    InvalidAddressError,
    InvalidHeaderError,
    InvalidTLVError,
    NoSignatureError,
    ProxyProtocolError,
)
from ._model import (
    Command,
    Family,
    Header,
    IPAddress,
    SppHeader,
    Transport,
    V1Family,
    V1Header,
    V2Header,
)
from ._reader import HeaderReader
from ._spp import SPP_LEN, SPP_MAGIC, encode_spp, parse_spp
from ._tlv import (
    AlpnTlv,
    AuthorityTlv,
    AwsTlv,
    AzureTlv,
    Crc32cTlv,
    GcpTlv,
    NetnsTlv,
    NoopTlv,
    SslClient,
    SslSubTlv,
    SslSubtype,
    SslTlv,
    Tlv,
    TlvType,
    UniqueIdTlv,
    UnknownTlv,
    crc32c,
)
from ._v1 import V1_MAX_LEN, encode_v1, parse_v1
from ._v2 import V2_MAX_LEN, V2_SIGNATURE, encode_v2, parse_v2

__all__ = [
    "SPP_LEN",
    "SPP_MAGIC",
    "V1_MAX_LEN",
    "V2_MAX_LEN",
    "V2_SIGNATURE",
    "AlpnTlv",
    "AuthorityTlv",
    "AwsTlv",
    "AzureTlv",
    "ChecksumError",
    "Command",
    "Crc32cTlv",
    "Detection",
    "EncodeError",
    "Family",
    "GcpTlv",
    "Header",
    "HeaderReader",
    "HeaderTooLongError",
    "IPAddress",
    "IncompleteHeaderError",
    "InvalidAddressError",
    "InvalidHeaderError",
    "InvalidTLVError",
    "NetnsTlv",
    "NoSignatureError",
    "NoopTlv",
    "ProxyProtocolError",
    "SppHeader",
    "SslClient",
    "SslSubTlv",
    "SslSubtype",
    "SslTlv",
    "Tlv",
    "TlvType",
    "Transport",
    "UniqueIdTlv",
    "UnknownTlv",
    "V1Family",
    "V1Header",
    "V2Header",
    "crc32c",
    "detect",
    "encode",
    "encode_spp",
    "encode_v1",
    "encode_v2",
    "parse",
    "parse_spp",
    "parse_v1",
    "parse_v2",
]
