-- proxyproto_registry.lua: the PROXY v2 registry, the enums of the PROXY v2 specs,
-- for the Wireshark Lua plugin: one table per enum, value -> name (names as in
-- proxyproto_kaitai.generated.registry; the .ksy's -orig-id in the comments),
-- and vendor_tlv_types: the tlv_type values of the vendor TLV specs (custom range 0xe0-0xef).
-- Generated from spec/proxy_protocol_v2.ksy, spec/proxy_protocol_v2_tlv_gcp.ksy,
-- spec/proxy_protocol_v2_tlv_aws.ksy and spec/proxy_protocol_v2_tlv_azure.ksy
-- (and spp_detection from spec/spp_detection.json and
-- spec/simple_proxy_protocol.ksy) by `make generate`; do not edit.
-- spp_detection: the SPP detection rule of spec/spp_detection.json (the algorithm is in its "doc").
-- Load: local registry = require("proxyproto_registry") (or dofile); it sets no globals.
return {
    command = {
        [0x00] = "LOCAL", -- LOCAL
        [0x01] = "PROXY", -- PROXY
    },
    family = {
        [0x00] = "UNSPEC", -- AF_UNSPEC
        [0x01] = "INET", -- AF_INET
        [0x02] = "INET6", -- AF_INET6
        [0x03] = "UNIX", -- AF_UNIX
    },
    transport = {
        [0x00] = "UNSPEC", -- UNSPEC
        [0x01] = "STREAM", -- STREAM
        [0x02] = "DGRAM", -- DGRAM
    },
    tlv_type = {
        [0x01] = "ALPN", -- PP2_TYPE_ALPN
        [0x02] = "AUTHORITY", -- PP2_TYPE_AUTHORITY
        [0x03] = "CRC32C", -- PP2_TYPE_CRC32C
        [0x04] = "NOOP", -- PP2_TYPE_NOOP
        [0x05] = "UNIQUE_ID", -- PP2_TYPE_UNIQUE_ID
        [0x20] = "SSL", -- PP2_TYPE_SSL
        [0x30] = "NETNS", -- PP2_TYPE_NETNS
        [0xe0] = "GCP", -- PP2_TYPE_GCP
        [0xea] = "AWS", -- PP2_TYPE_AWS
        [0xee] = "AZURE", -- PP2_TYPE_AZURE
    },
    ssl_subtype = {
        [0x21] = "VERSION", -- PP2_SUBTYPE_SSL_VERSION
        [0x22] = "CN", -- PP2_SUBTYPE_SSL_CN
        [0x23] = "CIPHER", -- PP2_SUBTYPE_SSL_CIPHER
        [0x24] = "SIG_ALG", -- PP2_SUBTYPE_SSL_SIG_ALG
        [0x25] = "KEY_ALG", -- PP2_SUBTYPE_SSL_KEY_ALG
        [0x26] = "GROUP", -- PP2_SUBTYPE_SSL_GROUP
        [0x27] = "SIG_SCHEME", -- PP2_SUBTYPE_SSL_SIG_SCHEME
        [0x28] = "CLIENT_CERT", -- PP2_SUBTYPE_SSL_CLIENT_CERT
    },
    ssl_client = {
        [0x01] = "SSL", -- PP2_CLIENT_SSL
        [0x02] = "CERT_CONN", -- PP2_CLIENT_CERT_CONN
        [0x04] = "CERT_SESS", -- PP2_CLIENT_CERT_SESS
    },
    aws_subtype = {
        [0x01] = "VPCE_ID", -- PP2_SUBTYPE_AWS_VPCE_ID
    },
    azure_subtype = {
        [0x01] = "PRIVATEENDPOINT_LINKID", -- PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID
    },
    vendor_tlv_types = {
        [0xe0] = true, -- GCP
        [0xea] = true, -- AWS
        [0xee] = true, -- AZURE
    },
    -- The SPP detection rule of spec/spp_detection.json (its "doc" holds the algorithm) with the
    -- layout of spec/simple_proxy_protocol.ksy. Offsets are 0-based (string.sub wants offset + 1); a
    -- prefix is { the first ceil(N/8) bytes of ADDR, N }: an address lies in it when its first
    -- N bits are those bytes' first N bits.
    spp_detection = {
        magic = 0x56ec,
        header_length = 38,
        client_addr_offset = 2,
        proxy_addr_offset = 18,
        client_port_offset = 34,
        proxy_port_offset = 36,
        ports_nonzero = true,
        address_classes = {
            {
                name = "ipv4_mapped",
                prefix = { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff", 96 }, -- ::ffff:0.0.0.0/96
                exclude = {
                    { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00", 104 }, -- ::ffff:0.0.0.0/104
                    { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x7f", 104 }, -- ::ffff:127.0.0.0/104
                    { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xa9\xfe", 112 }, -- ::ffff:169.254.0.0/112
                    { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xe0", 100 }, -- ::ffff:224.0.0.0/100
                    { "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\xf0", 100 }, -- ::ffff:240.0.0.0/100
                },
                decides_alone = true,
            },
            {
                name = "ipv6_global_unicast",
                prefix = { "\x20", 3 }, -- 2000::/3
                exclude = {},
                decides_alone = false,
            },
        },
    },
}
