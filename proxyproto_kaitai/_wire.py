"""The wire constants of PROXY v1, PROXY v2 and SPP: the one place each is defined.

Every other part of the project (the format modules, the dissector, the CLI,
the tests) imports its signatures, sizes and limits from here; the registry
of numbered things (commands, families, TLV types, SSL sub-types and flags)
is generated from the ``.ksy`` enums into `proxyproto_kaitai.generated.registry`
and re-exported here. What the numbers *mean* and when they are checked is
the business of the format modules (`proxyproto_kaitai._v1`, `_v2`, `_spp`).

Sources: HAProxy ``doc/proxy-protocol.txt`` §2.1 (v1) and §2.2 (v2), Cloudflare's
Simple Proxy Protocol reference (SPP); SPEC_NOTES §1, §2 and §4.
"""

from __future__ import annotations

from typing import Final

from .generated.registry import (
    VENDOR_TLV_TYPES,
    AwsSubtype,
    AzureSubtype,
    Command,
    Family,
    SslClient,
    SslSubtype,
    TlvType,
    Transport,
)

__all__ = [
    "ADDRESS_BLOCK_LEN",
    "CRC32C_LEN",
    "DEFINED_FAM",
    "IPV4_MAPPED_PREFIX",
    "SPP_LEN",
    "SPP_MAGIC",
    "SSL_FIXED_LEN",
    "TLV_HEADER_LEN",
    "TLV_MAX_VALUE_LEN",
    "UNIQUE_ID_MAX_LEN",
    "UNIX_PATH_LEN",
    "V1_MAGIC",
    "V1_MAX_LEN",
    "V1_MIN_LEN",
    "V2_FIXED_LEN",
    "V2_MAX_LEN",
    "V2_SIGNATURE",
    "V2_VERSION",
    "VENDOR_TLV_TYPES",
    "AwsSubtype",
    "AzureSubtype",
    "Command",
    "Family",
    "SslClient",
    "SslSubtype",
    "TlvType",
    "Transport",
]

# --- PROXY v1 (spec §2.1) -------------------------------------------------------------

#: The line's first bytes.
V1_MAGIC: Final = b"PROXY"
#: Longest line, CRLF included ("107 characters").
V1_MAX_LEN: Final = 107
#: Shortest line, ``PROXY UNKNOWN\r\n``.
V1_MIN_LEN: Final = 15

# --- PROXY v2 (spec §2.2) -------------------------------------------------------------

#: The 12-byte signature; it holds a NUL byte.
V2_SIGNATURE: Final = b"\r\n\r\n\x00\r\nQUIT\n"
#: The only protocol version of the binary format (high nibble of byte 12).
V2_VERSION: Final = 2
#: Signature, ver_cmd, fam and len.
V2_FIXED_LEN: Final = 16
#: 16 + the largest ``len`` (65535): the longest header the protocol allows.
V2_MAX_LEN: Final = V2_FIXED_LEN + 0xFFFF
#: The ``fam`` bytes the spec's table defines; any other pair has no layout.
DEFINED_FAM: Final = frozenset({0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32})
#: Address block size per family (PROXY command only: LOCAL has none).
ADDRESS_BLOCK_LEN: Final = {Family.UNSPEC: 0, Family.INET: 12, Family.INET6: 36, Family.UNIX: 216}
#: Bytes of a UNIX ``sun_path`` in the address block.
UNIX_PATH_LEN: Final = 108
#: A TLV's type byte and 16-bit length.
TLV_HEADER_LEN: Final = 3
#: The largest TLV value the 16-bit length can frame.
TLV_MAX_VALUE_LEN: Final = 0xFFFF
#: CRC32C values are exactly 4 bytes (§2.2.5).
CRC32C_LEN: Final = 4
#: The SSL TLV's fixed part: the ``client`` byte and the 4-byte ``verify`` (§2.2.6).
SSL_FIXED_LEN: Final = 5
#: Largest UNIQUE_ID value ("up to 128 bytes", §2.2.4).
UNIQUE_ID_MAX_LEN: Final = 128

# --- SPP (Cloudflare Spectrum) --------------------------------------------------------

#: The magic 0x56EC, big-endian, as it appears on the wire.
SPP_MAGIC: Final = b"\x56\xec"
#: SPP is fixed-size: magic, two 16-byte addresses, two ports.
SPP_LEN: Final = 38
#: How an IPv4 address is carried in a 16-byte address (RFC 4291 §2.5.5.2).
IPV4_MAPPED_PREFIX: Final = bytes(10) + b"\xff\xff"
