#ifndef PROXY_PROTOCOL_V2_TLV_AZURE_H_
#define PROXY_PROTOCOL_V2_TLV_AZURE_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class proxy_protocol_v2_tlv_azure_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include <set>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
 * Private Link service sends it: a subtype byte, then the private endpoint's
 * 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
 * big-endian).
 * 
 * 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Azure's; another application may give 0xEE another meaning. The value is
 * exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
 * a longer one (bytes left after `value`) is not this layout either.
 * \sa https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2 Source
 */

class proxy_protocol_v2_tlv_azure_t : public kaitai::kstruct {

public:

    enum pp2_subtype_azure_t {
        PP2_SUBTYPE_AZURE_PRIVATE_ENDPOINT_LINK_ID = 1
    };
    static bool _is_defined_pp2_subtype_azure_t(pp2_subtype_azure_t v);

private:
    static const std::set<pp2_subtype_azure_t> _values_pp2_subtype_azure_t;
    static std::set<pp2_subtype_azure_t> _build_values_pp2_subtype_azure_t();

public:

    enum pp2_type_t {
        PP2_TYPE_AZURE = 238
    };
    static bool _is_defined_pp2_type_t(pp2_type_t v);

private:
    static const std::set<pp2_type_t> _values_pp2_type_t;
    static std::set<pp2_type_t> _build_values_pp2_type_t();

public:

    proxy_protocol_v2_tlv_azure_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, proxy_protocol_v2_tlv_azure_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~proxy_protocol_v2_tlv_azure_t();

private:
    pp2_subtype_azure_t m_subtype;
    uint32_t m_value;
    proxy_protocol_v2_tlv_azure_t* m__root;
    kaitai::kstruct* m__parent;

public:
    pp2_subtype_azure_t subtype() const { return m_subtype; }

    /**
     * The private endpoint's LINKID.
     */
    uint32_t value() const { return m_value; }
    proxy_protocol_v2_tlv_azure_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // PROXY_PROTOCOL_V2_TLV_AZURE_H_
