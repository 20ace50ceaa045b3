#ifndef SIMPLE_PROXY_PROTOCOL_H_
#define SIMPLE_PROXY_PROTOCOL_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class simple_proxy_protocol_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * A UDP datagram between Cloudflare Spectrum and an origin server with the
 * Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
 * real client is, then the original payload. Cloudflare puts the header on
 * every datagram it sends to the origin, and the origin's replies carry the
 * same header (the client's address and port, not swapped).
 * 
 * There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
 * the only identification, so a reader that looks for SPP in arbitrary UDP
 * traffic should add plausibility checks (for instance, both addresses
 * IPv4-mapped or both native IPv6). IPv4 addresses are carried as
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
 * All numbers are big-endian.
 * \sa https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/ Source
 */

class simple_proxy_protocol_t : public kaitai::kstruct {

public:

    simple_proxy_protocol_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, simple_proxy_protocol_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~simple_proxy_protocol_t();

private:
    std::string m_magic;
    std::string m_client_addr;
    std::string m_proxy_addr;
    uint16_t m_client_port;
    uint16_t m_proxy_port;
    std::string m_payload;
    simple_proxy_protocol_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * Always 0x56EC, the only mark of an SPP header.
     */
    std::string magic() const { return m_magic; }

    /**
     * The client's address as Cloudflare saw it: an IPv6 address, or an
     * IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
     */
    std::string client_addr() const { return m_client_addr; }

    /**
     * The Cloudflare address that received the client's datagram, in the
     * same form as `client_addr`.
     */
    std::string proxy_addr() const { return m_proxy_addr; }

    /**
     * The client's UDP source port.
     */
    uint16_t client_port() const { return m_client_port; }

    /**
     * The UDP port on which Cloudflare received the datagram.
     */
    uint16_t proxy_port() const { return m_proxy_port; }

    /**
     * The proxied datagram's payload, after the 38-byte header.
     */
    std::string payload() const { return m_payload; }
    simple_proxy_protocol_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // SIMPLE_PROXY_PROTOCOL_H_
