#ifndef PROXY_PROTOCOL_V2_H_
#define PROXY_PROTOCOL_V2_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class proxy_protocol_v2_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include <set>
#include <vector>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * The PROXY protocol lets a proxy or load balancer tell the server behind it
 * who the real client is: before any payload, the proxy sends one header
 * that carries the client's and the proxied-to addresses and ports, plus
 * optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
 * ...\r\n`, not covered here); version 2, described here, is binary.
 * 
 * A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
 * a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
 * exchange; one byte holding the protocol version (always 2) and the
 * command (LOCAL or PROXY); one byte holding the address family and the
 * transport protocol; and the big-endian length of the rest. The rest holds
 * an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
 * 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
 * bytes after the header belong to the proxied payload and are not part of
 * this format. On UDP, header and payload share one datagram.
 * 
 * Some checks cannot be expressed here and are left to the host program: a
 * CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
 * computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
 * bytes at the end of the TLV area (too short to be a TLV header) makes the
 * header invalid, while this spec cannot tell it from a truncated TLV and
 * fails on it with an end-of-stream error. The command, family and
 * transport nibbles are validated (the spec requires a receiver to reject
 * any value it does not define).
 * 
 * Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
 * (HAProxy commit 50872daa), which also registers the SSL sub-types added
 * in 2025 and 2026.
 * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
 */

class proxy_protocol_v2_t : public kaitai::kstruct {

public:
    class body_inet_t;
    class body_inet6_t;
    class body_tlvs_only_t;
    class body_unix_t;
    class ssl_sub_tlv_t;
    class tlv_t;
    class tlv_crc32c_t;
    class tlv_ssl_t;

    enum address_family_t {
        ADDRESS_FAMILY_UNSPEC = 0,
        ADDRESS_FAMILY_INET = 1,
        ADDRESS_FAMILY_INET6 = 2,
        ADDRESS_FAMILY_UNIX = 3
    };
    static bool _is_defined_address_family_t(address_family_t v);

private:
    static const std::set<address_family_t> _values_address_family_t;
    static std::set<address_family_t> _build_values_address_family_t();

public:

    enum command_enum_t {
        COMMAND_ENUM_CMD_LOCAL = 0,
        COMMAND_ENUM_CMD_PROXY = 1
    };
    static bool _is_defined_command_enum_t(command_enum_t v);

private:
    static const std::set<command_enum_t> _values_command_enum_t;
    static std::set<command_enum_t> _build_values_command_enum_t();

public:

    enum pp2_client_t {
        PP2_CLIENT_SSL = 1,
        PP2_CLIENT_CERT_CONN = 2,
        PP2_CLIENT_CERT_SESS = 4
    };
    static bool _is_defined_pp2_client_t(pp2_client_t v);

private:
    static const std::set<pp2_client_t> _values_pp2_client_t;
    static std::set<pp2_client_t> _build_values_pp2_client_t();

public:

    enum pp2_subtype_ssl_t {
        PP2_SUBTYPE_SSL_VERSION = 33,
        PP2_SUBTYPE_SSL_CN = 34,
        PP2_SUBTYPE_SSL_CIPHER = 35,
        PP2_SUBTYPE_SSL_SIG_ALG = 36,
        PP2_SUBTYPE_SSL_KEY_ALG = 37,
        PP2_SUBTYPE_SSL_GROUP = 38,
        PP2_SUBTYPE_SSL_SIG_SCHEME = 39,
        PP2_SUBTYPE_SSL_CLIENT_CERT = 40
    };
    static bool _is_defined_pp2_subtype_ssl_t(pp2_subtype_ssl_t v);

private:
    static const std::set<pp2_subtype_ssl_t> _values_pp2_subtype_ssl_t;
    static std::set<pp2_subtype_ssl_t> _build_values_pp2_subtype_ssl_t();

public:

    enum pp2_type_t {
        PP2_TYPE_ALPN = 1,
        PP2_TYPE_AUTHORITY = 2,
        PP2_TYPE_CRC32C = 3,
        PP2_TYPE_NOOP = 4,
        PP2_TYPE_UNIQUE_ID = 5,
        PP2_TYPE_SSL = 32,
        PP2_TYPE_NETNS = 48
    };
    static bool _is_defined_pp2_type_t(pp2_type_t v);

private:
    static const std::set<pp2_type_t> _values_pp2_type_t;
    static std::set<pp2_type_t> _build_values_pp2_type_t();

public:

    enum transport_protocol_t {
        TRANSPORT_PROTOCOL_UNSPEC = 0,
        TRANSPORT_PROTOCOL_STREAM = 1,
        TRANSPORT_PROTOCOL_DGRAM = 2
    };
    static bool _is_defined_transport_protocol_t(transport_protocol_t v);

private:
    static const std::set<transport_protocol_t> _values_transport_protocol_t;
    static std::set<transport_protocol_t> _build_values_transport_protocol_t();

public:

    proxy_protocol_v2_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~proxy_protocol_v2_t();

    /**
     * The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
     * UDP): the 12-byte address block (`ipv4_addr` of the spec's union
     * `proxy_addr`), then TLVs.
     */

    class body_inet_t : public kaitai::kstruct {

    public:

        body_inet_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~body_inet_t();

    private:
        std::string m_src_addr;
        std::string m_dst_addr;
        uint16_t m_src_port;
        uint16_t m_dst_port;
        std::vector<tlv_t*>* m_tlvs;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t* m__parent;

    public:

        /**
         * Source (client) IPv4 address, network byte order.
         */
        std::string src_addr() const { return m_src_addr; }

        /**
         * Destination (proxied-to) IPv4 address, network byte order.
         */
        std::string dst_addr() const { return m_dst_addr; }
        uint16_t src_port() const { return m_src_port; }
        uint16_t dst_port() const { return m_dst_port; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        std::vector<tlv_t*>* tlvs() const { return m_tlvs; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t* _parent() const { return m__parent; }
    };

    /**
     * The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
     * UDP): the 36-byte address block (`ipv6_addr` of the spec's union
     * `proxy_addr`), then TLVs.
     */

    class body_inet6_t : public kaitai::kstruct {

    public:

        body_inet6_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~body_inet6_t();

    private:
        std::string m_src_addr;
        std::string m_dst_addr;
        uint16_t m_src_port;
        uint16_t m_dst_port;
        std::vector<tlv_t*>* m_tlvs;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t* m__parent;

    public:

        /**
         * Source (client) IPv6 address, network byte order.
         */
        std::string src_addr() const { return m_src_addr; }

        /**
         * Destination (proxied-to) IPv6 address, network byte order.
         */
        std::string dst_addr() const { return m_dst_addr; }
        uint16_t src_port() const { return m_src_port; }
        uint16_t dst_port() const { return m_dst_port; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        std::vector<tlv_t*>* tlvs() const { return m_tlvs; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t* _parent() const { return m__parent; }
    };

    /**
     * The body of a LOCAL header, or of a PROXY header with family UNSPEC:
     * TLVs only, no address block.
     */

    class body_tlvs_only_t : public kaitai::kstruct {

    public:

        body_tlvs_only_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~body_tlvs_only_t();

    private:
        std::vector<tlv_t*>* m_tlvs;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t* m__parent;

    public:

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        std::vector<tlv_t*>* tlvs() const { return m_tlvs; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t* _parent() const { return m__parent; }
    };

    /**
     * The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
     * 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
     * union `proxy_addr`), then TLVs. Each path follows `sun_path`
     * conventions: padded with NUL bytes; an abstract socket name starts
     * with a NUL byte. Kept raw.
     */

    class body_unix_t : public kaitai::kstruct {

    public:

        body_unix_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~body_unix_t();

    private:
        std::string m_src_addr;
        std::string m_dst_addr;
        std::vector<tlv_t*>* m_tlvs;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t* m__parent;

    public:
        std::string src_addr() const { return m_src_addr; }
        std::string dst_addr() const { return m_dst_addr; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        std::vector<tlv_t*>* tlvs() const { return m_tlvs; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t* _parent() const { return m__parent; }
    };

    /**
     * A TLV nested in the SSL TLV, same framing as `tlv`. All known values
     * are text (US-ASCII, or UTF-8 for the common name) except the client
     * certificate, which is DER; all are kept as raw bytes.
     */

    class ssl_sub_tlv_t : public kaitai::kstruct {

    public:

        ssl_sub_tlv_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_ssl_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~ssl_sub_tlv_t();

    private:
        pp2_subtype_ssl_t m_subtype;
        uint16_t m_len_value;
        std::string m_value;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t::tlv_ssl_t* m__parent;

    public:
        pp2_subtype_ssl_t subtype() const { return m_subtype; }
        uint16_t len_value() const { return m_len_value; }
        std::string value() const { return m_value; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t::tlv_ssl_t* _parent() const { return m__parent; }
    };

    /**
     * Type-length-value extension (struct `pp2_tlv`): a type byte, a
     * big-endian 16-bit length counting only the value, then the value.
     * Receivers skip types they do not know; their value stays raw bytes.
     * 
     * Types 0xE0-0xEF are a range left to custom use: each application
     * picks its own meaning, so their values stay raw here. The layouts
     * three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
     * specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
     * for a reader to apply to a raw value when it knows which vendor is in
     * front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
     * are kept raw like any unknown type.
     * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
     */

    class tlv_t : public kaitai::kstruct {

    public:

        tlv_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~tlv_t();

    private:
        pp2_type_t m_tlv_type;
        uint16_t m_len_value;
        kaitai::kstruct* m_value;
        bool n_value;

    public:
        bool _is_null_value() { value(); return n_value; };

    private:
        proxy_protocol_v2_t* m__root;
        kaitai::kstruct* m__parent;
        std::string m__raw_value;
        kaitai::kstream* m__io__raw_value;

    public:
        pp2_type_t tlv_type() const { return m_tlv_type; }

        /**
         * Length of the value in bytes (the spec's `length_hi`/`length_lo`).
         */
        uint16_t len_value() const { return m_len_value; }

        /**
         * The value, decoded for CRC32C and SSL. Every other type is raw
         * bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
         * host name, usually the TLS SNI), NOOP (padding, to be ignored),
         * UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
         * name), the custom range and unknown types. Text is left as
         * bytes on purpose: a malformed string is for the reader to flag,
         * not a reason to reject the whole header.
         */
        kaitai::kstruct* value() const { return m_value; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        kaitai::kstruct* _parent() const { return m__parent; }
        std::string _raw_value() const { return m__raw_value; }
        kaitai::kstream* _io__raw_value() const { return m__io__raw_value; }
    };

    /**
     * CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
     * signature to last TLV, computed with these 4 bytes set to zero. A
     * mismatch makes the header invalid; checking it is left to the host.
     * The value must be exactly 4 bytes long: a shorter one fails here
     * (end of stream), a longer one must be rejected by the host too.
     * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.3
     */

    class tlv_crc32c_t : public kaitai::kstruct {

    public:

        tlv_crc32c_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~tlv_crc32c_t();

    private:
        uint32_t m_checksum;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t::tlv_t* m__parent;

    public:

        /**
         * Big-endian, as HAProxy and nginx write it.
         */
        uint32_t checksum() const { return m_checksum; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t::tlv_t* _parent() const { return m__parent; }
    };

    /**
     * Details of the TLS session between the client and the proxy
     * (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
     * the verify result, followed by sub-TLVs that fill the rest of this
     * value and only have meaning inside it.
     * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.6
     */

    class tlv_ssl_t : public kaitai::kstruct {

    public:

        tlv_ssl_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent = 0, proxy_protocol_v2_t* p__root = 0);

    private:
        void _read();
        void _clean_up();

    public:
        ~tlv_ssl_t();

    private:
        bool f_has_cert_conn;
        bool m_has_cert_conn;

    public:

        /**
         * The client sent a certificate on this connection.
         */
        bool has_cert_conn();

    private:
        bool f_has_cert_sess;
        bool m_has_cert_sess;

    public:

        /**
         * The client sent a certificate at least once in this TLS session.
         */
        bool has_cert_sess();

    private:
        bool f_is_ssl;
        bool m_is_ssl;

    public:

        /**
         * The client connected over TLS.
         */
        bool is_ssl();

    private:
        uint8_t m_client;
        uint32_t m_verify;
        std::vector<ssl_sub_tlv_t*>* m_sub_tlvs;
        proxy_protocol_v2_t* m__root;
        proxy_protocol_v2_t::tlv_t* m__parent;

    public:

        /**
         * Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
         * CERT_SESS (0x04); the other bits are reserved.
         */
        uint8_t client() const { return m_client; }

        /**
         * Zero if the client presented a certificate and it was verified,
         * non-zero otherwise. HAProxy leaves it zero when no certificate
         * was used, so read it together with the certificate flags.
         */
        uint32_t verify() const { return m_verify; }
        std::vector<ssl_sub_tlv_t*>* sub_tlvs() const { return m_sub_tlvs; }
        proxy_protocol_v2_t* _root() const { return m__root; }
        proxy_protocol_v2_t::tlv_t* _parent() const { return m__parent; }
    };

private:
    std::string m_magic;
    uint64_t m_version;
    command_enum_t m_command;
    address_family_t m_family;
    transport_protocol_t m_transport;
    uint16_t m_len_body;
    kaitai::kstruct* m_body;
    bool n_body;

public:
    bool _is_null_body() { body(); return n_body; };

private:
    proxy_protocol_v2_t* m__root;
    kaitai::kstruct* m__parent;
    std::string m__raw_body;
    kaitai::kstream* m__io__raw_body;

public:

    /**
     * The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
     * a NUL byte, so it must never be handled as a C string.
     */
    std::string magic() const { return m_magic; }

    /**
     * Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
     */
    uint64_t version() const { return m_version; }

    /**
     * The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
     */
    command_enum_t command() const { return m_command; }

    /**
     * Address family, the high nibble of `fam`.
     */
    address_family_t family() const { return m_family; }

    /**
     * Transport protocol, the low nibble of `fam`.
     */
    transport_protocol_t transport() const { return m_transport; }

    /**
     * Number of bytes after this 16-byte fixed part: the address block plus
     * all TLVs. The whole header is `16 + len_body` bytes. A receiver must
     * always honour it, also for LOCAL (which senders usually send with a
     * zero length, but HAProxy health checks may carry TLVs).
     */
    uint16_t len_body() const { return m_len_body; }

    /**
     * Everything after the fixed part. Being a size-limited substream, it
     * guarantees that no TLV can reach into the payload that follows.
     * 
     * Its layout is chosen by the command, then by the `fam` byte. A LOCAL
     * header has no address block whatever its family: everything after
     * the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
     * the receiver to discard the protocol block including the family, and
     * HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
     * the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
     * INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
     * Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
     * the body is kept as raw bytes, and a receiver falls back to the real
     * connection endpoints, as for UNSPEC.
     */
    kaitai::kstruct* body() const { return m_body; }
    proxy_protocol_v2_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
    std::string _raw_body() const { return m__raw_body; }
    kaitai::kstream* _io__raw_body() const { return m__io__raw_body; }
};

#endif  // PROXY_PROTOCOL_V2_H_
