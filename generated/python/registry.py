"""The PROXY v2 registry: the enums of the PROXY v2 specs as Python enums.

Generated from spec/proxy_protocol_v2.ksy, spec/proxy_protocol_v2_tlv_gcp.ksy,
spec/proxy_protocol_v2_tlv_aws.ksy and spec/proxy_protocol_v2_tlv_azure.ksy (and SPP_DETECTION
from spec/spp_detection.json and spec/simple_proxy_protocol.ksy) by `make generate`; do not edit.
"""

from __future__ import annotations

import enum


class Command(enum.IntEnum):
    """Enum `command_enum` of spec/proxy_protocol_v2.ksy."""

    # The proxy opened the connection itself (e.g. a health check). The receiver uses the real
    # connection endpoints and ignores the addresses.
    LOCAL = 0x00  # LOCAL
    # Relayed on behalf of a client; the addresses describe it.
    PROXY = 0x01  # PROXY


class Family(enum.IntEnum):
    """Enum `address_family` of spec/proxy_protocol_v2.ksy."""

    # No address block; the receiver uses the real endpoints.
    UNSPEC = 0x00  # AF_UNSPEC
    INET = 0x01  # AF_INET
    INET6 = 0x02  # AF_INET6
    UNIX = 0x03  # AF_UNIX


class Transport(enum.IntEnum):
    """Enum `transport_protocol` of spec/proxy_protocol_v2.ksy."""

    UNSPEC = 0x00  # UNSPEC
    # TCP, or a UNIX stream socket.
    STREAM = 0x01  # STREAM
    # UDP, or a UNIX datagram socket.
    DGRAM = 0x02  # DGRAM


class TlvType(enum.IntEnum):
    """Enum `pp2_type` of spec/proxy_protocol_v2.ksy, spec/proxy_protocol_v2_tlv_gcp.ksy,
    spec/proxy_protocol_v2_tlv_aws.ksy and spec/proxy_protocol_v2_tlv_azure.ksy.
    """

    ALPN = 0x01  # PP2_TYPE_ALPN
    AUTHORITY = 0x02  # PP2_TYPE_AUTHORITY
    CRC32C = 0x03  # PP2_TYPE_CRC32C
    NOOP = 0x04  # PP2_TYPE_NOOP
    UNIQUE_ID = 0x05  # PP2_TYPE_UNIQUE_ID
    SSL = 0x20  # PP2_TYPE_SSL
    NETNS = 0x30  # PP2_TYPE_NETNS
    # The custom-range TLV type Google Cloud PSC sends this value in.
    GCP = 0xE0  # PP2_TYPE_GCP
    # The custom-range TLV type AWS sends this value in.
    AWS = 0xEA  # PP2_TYPE_AWS
    # The custom-range TLV type Azure Private Link sends this value in.
    AZURE = 0xEE  # PP2_TYPE_AZURE


class SslSubtype(enum.IntEnum):
    """Enum `pp2_subtype_ssl` of spec/proxy_protocol_v2.ksy."""

    # TLS version string, e.g. `TLSv1.3`.
    VERSION = 0x21  # PP2_SUBTYPE_SSL_VERSION
    # Common Name of the client certificate (UTF-8).
    CN = 0x22  # PP2_SUBTYPE_SSL_CN
    # Cipher name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`.
    CIPHER = 0x23  # PP2_SUBTYPE_SSL_CIPHER
    # Algorithm that signed the proxy's certificate, e.g. `RSA-SHA256`.
    SIG_ALG = 0x24  # PP2_SUBTYPE_SSL_SIG_ALG
    # Key algorithm of the proxy's certificate, e.g. `RSA2048`.
    KEY_ALG = 0x25  # PP2_SUBTYPE_SSL_KEY_ALG
    # Key-exchange group, e.g. `secp256r1` (added 2025).
    GROUP = 0x26  # PP2_SUBTYPE_SSL_GROUP
    # Handshake signature scheme, e.g. `rsa_pss_rsae_sha256` (added 2025).
    SIG_SCHEME = 0x27  # PP2_SUBTYPE_SSL_SIG_SCHEME
    # The client's X.509 certificate, DER (added 2026).
    CLIENT_CERT = 0x28  # PP2_SUBTYPE_SSL_CLIENT_CERT


class SslClient(enum.IntFlag):
    """Enum `pp2_client` of spec/proxy_protocol_v2.ksy."""

    # No flag set.
    NONE = 0x00
    # The client connected over TLS.
    SSL = 0x01  # PP2_CLIENT_SSL
    # The client sent a certificate on this connection.
    CERT_CONN = 0x02  # PP2_CLIENT_CERT_CONN
    # The client sent a certificate at least once in this TLS session.
    CERT_SESS = 0x04  # PP2_CLIENT_CERT_SESS


class AwsSubtype(enum.IntEnum):
    """Enum `pp2_subtype_aws` of spec/proxy_protocol_v2_tlv_aws.ksy."""

    # The VPC endpoint id.
    VPCE_ID = 0x01  # PP2_SUBTYPE_AWS_VPCE_ID


class AzureSubtype(enum.IntEnum):
    """Enum `pp2_subtype_azure` of spec/proxy_protocol_v2_tlv_azure.ksy."""

    # The private endpoint's LINKID.
    PRIVATEENDPOINT_LINKID = 0x01  # PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID


# The TlvType values of the vendor TLV specs, in the range 0xE0-0xEF that the spec leaves to custom
# use (doc/proxy-protocol.txt section 2.2.8): the cloud vendors' TLVs.
VENDOR_TLV_TYPES: frozenset[TlvType] = frozenset(
    {
        TlvType.GCP,
        TlvType.AWS,
        TlvType.AZURE,
    }
)


# The SPP detection rule of spec/spp_detection.json (its "doc" holds the algorithm), with the magic,
# the header length and the 0-based field offsets of spec/simple_proxy_protocol.ksy: when a UDP
# datagram, and a UDP flow, is taken to carry SPP in unknown traffic. Prefixes are IPv6 ADDR/N text.
SPP_DETECTION = {
    "magic": 0x56EC,
    "header_length": 38,
    "client_addr_offset": 2,
    "proxy_addr_offset": 18,
    "client_port_offset": 34,
    "proxy_port_offset": 36,
    "ports_nonzero": True,
    "address_classes": (
        {
            "name": "ipv4_mapped",
            "prefix": "::ffff:0.0.0.0/96",
            "exclude": (
                "::ffff:0.0.0.0/104",
                "::ffff:127.0.0.0/104",
                "::ffff:169.254.0.0/112",
                "::ffff:224.0.0.0/100",
                "::ffff:240.0.0.0/100",
            ),
            "decides_alone": True,
        },
        {
            "name": "ipv6_global_unicast",
            "prefix": "2000::/3",
            "exclude": (),
            "decides_alone": False,
        },
    ),
}

__all__ = [
    "SPP_DETECTION",
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
