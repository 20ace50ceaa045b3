#ifndef PROXY_PROTOCOL_V2_TLV_GCP_H_
#define PROXY_PROTOCOL_V2_TLV_GCP_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class proxy_protocol_v2_tlv_gcp_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include <set>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
 * Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
 * and nothing else (no subtype byte).
 * 
 * 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Google Cloud's; another application may give 0xE0 another meaning. The
 * value is exactly 8 bytes: a shorter one fails here with an end-of-stream
 * error, and a longer one (bytes left after `value`) is not this layout
 * either.
 * \sa https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol Source
 */

class proxy_protocol_v2_tlv_gcp_t : public kaitai::kstruct {

public:

    enum pp2_type_t {
        PP2_TYPE_GCP = 224
    };
    static bool _is_defined_pp2_type_t(pp2_type_t v);

private:
    static const std::set<pp2_type_t> _values_pp2_type_t;
    static std::set<pp2_type_t> _build_values_pp2_type_t();

public:

    proxy_protocol_v2_tlv_gcp_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, proxy_protocol_v2_tlv_gcp_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~proxy_protocol_v2_tlv_gcp_t();

private:
    uint64_t m_value;
    proxy_protocol_v2_tlv_gcp_t* m__root;
    kaitai::kstruct* m__parent;

public:

    /**
     * The PSC connection id, an unsigned 64-bit number.
     */
    uint64_t value() const { return m_value; }
    proxy_protocol_v2_tlv_gcp_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // PROXY_PROTOCOL_V2_TLV_GCP_H_
