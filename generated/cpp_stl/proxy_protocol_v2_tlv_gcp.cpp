// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "proxy_protocol_v2_tlv_gcp.h"
std::set<proxy_protocol_v2_tlv_gcp_t::pp2_type_t> proxy_protocol_v2_tlv_gcp_t::_build_values_pp2_type_t() {
    std::set<proxy_protocol_v2_tlv_gcp_t::pp2_type_t> _t;
    _t.insert(proxy_protocol_v2_tlv_gcp_t::PP2_TYPE_GCP);
    return _t;
}
const std::set<proxy_protocol_v2_tlv_gcp_t::pp2_type_t> proxy_protocol_v2_tlv_gcp_t::_values_pp2_type_t = proxy_protocol_v2_tlv_gcp_t::_build_values_pp2_type_t();
bool proxy_protocol_v2_tlv_gcp_t::_is_defined_pp2_type_t(proxy_protocol_v2_tlv_gcp_t::pp2_type_t v) {
    return proxy_protocol_v2_tlv_gcp_t::_values_pp2_type_t.find(v) != proxy_protocol_v2_tlv_gcp_t::_values_pp2_type_t.end();
}

proxy_protocol_v2_tlv_gcp_t::proxy_protocol_v2_tlv_gcp_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, proxy_protocol_v2_tlv_gcp_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_tlv_gcp_t::_read() {
    m_value = m__io->read_u8be();
}

proxy_protocol_v2_tlv_gcp_t::~proxy_protocol_v2_tlv_gcp_t() {
    _clean_up();
}

void proxy_protocol_v2_tlv_gcp_t::_clean_up() {
}
