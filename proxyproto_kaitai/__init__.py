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
    pp.to_json(header)                      # the documented JSON object
    pp.encode(header)                       # back to bytes

Everything public is re-exported here; the ``_``-modules are private.
``ACCELERATED`` says whether the compiled accelerator is in use
(``PROXYPROTO_KAITAI_PURE=1`` forces pure Python).
"""

from __future__ import annotations

from ._accel import ACCELERATED, twin
from ._detect import (
    detect,
    encode,
    parse,
    parse_spp,
    parse_v1,
    parse_v2,
    to_json,
)
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
from ._model import Detection, Header, IPAddress, SppHeader, V1Family, V1Header, V2Header
from ._origin import (
    DEFAULT_TRUSTED,
    HeaderPolicy,
    ProxiedDatagramTransport,
    create_datagram_endpoint,
    start_server,
)
from ._reader import DEFAULT_MAX_SIZE, HeaderReader
from ._spp import encode_spp
from ._tlv import (
    AlpnTlv,
    AuthorityTlv,
    AwsTlv,
    AzureTlv,
    Crc32cTlv,
    GcpTlv,
    NetnsTlv,
    NoopTlv,
    SslSubTlv,
    SslTlv,
    Tlv,
    UniqueIdTlv,
    UnknownTlv,
)
from ._v1 import encode_v1
from ._v2 import crc32c, encode_tlv, encode_v2, tlv_value
from ._vendor import VendorFields, vendor_fields
from ._version import __version__ as __version__
from ._wire import (
    SPP_LEN,
    SPP_MAGIC,
    V1_MAX_LEN,
    V2_MAX_LEN,
    V2_SIGNATURE,
    AwsSubtype,
    AzureSubtype,
    Command,
    Family,
    SslClient,
    SslSubtype,
    TlvType,
    Transport,
)

# With the accelerator, the entry points are those of the compiled twin of
# `proxyproto_kaitai._detect` (same source, same behaviour, same docstrings).
_compiled = twin("detect")
if _compiled is not None:
    detect = _compiled.detect
    parse = _compiled.parse
    parse_v1 = _compiled.parse_v1
    parse_v2 = _compiled.parse_v2
    parse_spp = _compiled.parse_spp
del _compiled, twin

__all__ = [
    "ACCELERATED",
    "DEFAULT_MAX_SIZE",
    "DEFAULT_TRUSTED",
    "SPP_LEN",
    "SPP_MAGIC",
    "V1_MAX_LEN",
    "V2_MAX_LEN",
    "V2_SIGNATURE",
    "AlpnTlv",
    "AuthorityTlv",
    "AwsSubtype",
    "AwsTlv",
    "AzureSubtype",
    "AzureTlv",
    "ChecksumError",
    "Command",
    "Crc32cTlv",
    "Detection",
    "EncodeError",
    "Family",
    "GcpTlv",
    "Header",
    "HeaderPolicy",
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
    "ProxiedDatagramTransport",
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
    "VendorFields",
    "crc32c",
    "create_datagram_endpoint",
    "detect",
    "encode",
    "encode_spp",
    "encode_tlv",
    "encode_v1",
    "encode_v2",
    "parse",
    "parse_spp",
    "parse_v1",
    "parse_v2",
    "start_server",
    "tlv_value",
    "to_json",
    "vendor_fields",
]
