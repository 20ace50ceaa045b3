#ifndef PROXY_PROTOCOL_V2_TLV_AWS_H_
#define PROXY_PROTOCOL_V2_TLV_AWS_H_

// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

class proxy_protocol_v2_tlv_aws_t;

#include "kaitai/kaitaistruct.h"
#include <stdint.h>
#include <set>

#if KAITAI_STRUCT_VERSION < 11000L
#error "Incompatible Kaitai Struct C++/STL API: version 0.11 or later is required"
#endif

/**
 * The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
 * Load Balancer sends it for a connection that came through AWS PrivateLink:
 * a subtype byte, then the subtype's value, which fills the rest. Subtype
 * 0x01 carries the id of the VPC endpoint the client connected through, as
 * US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
 * 
 * 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * AWS; another application may give 0xEA another meaning. An empty value
 * fails here with an end-of-stream error.
 * \sa https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol Source
 */

class proxy_protocol_v2_tlv_aws_t : public kaitai::kstruct {

public:

    enum pp2_subtype_aws_t {
        PP2_SUBTYPE_AWS_VPCE_ID = 1
    };
    static bool _is_defined_pp2_subtype_aws_t(pp2_subtype_aws_t v);

private:
    static const std::set<pp2_subtype_aws_t> _values_pp2_subtype_aws_t;
    static std::set<pp2_subtype_aws_t> _build_values_pp2_subtype_aws_t();

public:

    enum pp2_type_t {
        PP2_TYPE_AWS = 234
    };
    static bool _is_defined_pp2_type_t(pp2_type_t v);

private:
    static const std::set<pp2_type_t> _values_pp2_type_t;
    static std::set<pp2_type_t> _build_values_pp2_type_t();

public:

    proxy_protocol_v2_tlv_aws_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent = 0, proxy_protocol_v2_tlv_aws_t* p__root = 0);

private:
    void _read();
    void _clean_up();

public:
    ~proxy_protocol_v2_tlv_aws_t();

private:
    pp2_subtype_aws_t m_subtype;
    std::string m_value;
    proxy_protocol_v2_tlv_aws_t* m__root;
    kaitai::kstruct* m__parent;

public:
    pp2_subtype_aws_t subtype() const { return m_subtype; }

    /**
     * For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
     * text that is not well formed is for the reader to flag.
     */
    std::string value() const { return m_value; }
    proxy_protocol_v2_tlv_aws_t* _root() const { return m__root; }
    kaitai::kstruct* _parent() const { return m__parent; }
};

#endif  // PROXY_PROTOCOL_V2_TLV_AWS_H_
