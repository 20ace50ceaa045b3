// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "proxy_protocol_v2_tlv_azure.h"
std::set<proxy_protocol_v2_tlv_azure_t::pp2_subtype_azure_t> proxy_protocol_v2_tlv_azure_t::_build_values_pp2_subtype_azure_t() {
    std::set<proxy_protocol_v2_tlv_azure_t::pp2_subtype_azure_t> _t;
    _t.insert(proxy_protocol_v2_tlv_azure_t::PP2_SUBTYPE_AZURE_PRIVATE_ENDPOINT_LINK_ID);
    return _t;
}
const std::set<proxy_protocol_v2_tlv_azure_t::pp2_subtype_azure_t> proxy_protocol_v2_tlv_azure_t::_values_pp2_subtype_azure_t = proxy_protocol_v2_tlv_azure_t::_build_values_pp2_subtype_azure_t();
bool proxy_protocol_v2_tlv_azure_t::_is_defined_pp2_subtype_azure_t(proxy_protocol_v2_tlv_azure_t::pp2_subtype_azure_t v) {
    return proxy_protocol_v2_tlv_azure_t::_values_pp2_subtype_azure_t.find(v) != proxy_protocol_v2_tlv_azure_t::_values_pp2_subtype_azure_t.end();
}
std::set<proxy_protocol_v2_tlv_azure_t::pp2_type_t> proxy_protocol_v2_tlv_azure_t::_build_values_pp2_type_t() {
    std::set<proxy_protocol_v2_tlv_azure_t::pp2_type_t> _t;
    _t.insert(proxy_protocol_v2_tlv_azure_t::PP2_TYPE_AZURE);
    return _t;
}
const std::set<proxy_protocol_v2_tlv_azure_t::pp2_type_t> proxy_protocol_v2_tlv_azure_t::_values_pp2_type_t = proxy_protocol_v2_tlv_azure_t::_build_values_pp2_type_t();
bool proxy_protocol_v2_tlv_azure_t::_is_defined_pp2_type_t(proxy_protocol_v2_tlv_azure_t::pp2_type_t v) {
    return proxy_protocol_v2_tlv_azure_t::_values_pp2_type_t.find(v) != proxy_protocol_v2_tlv_azure_t::_values_pp2_type_t.end();
}

proxy_protocol_v2_tlv_azure_t::proxy_protocol_v2_tlv_azure_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, proxy_protocol_v2_tlv_azure_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_tlv_azure_t::_read() {
    m_subtype = static_cast<proxy_protocol_v2_tlv_azure_t::pp2_subtype_azure_t>(m__io->read_u1());
    m_value = m__io->read_u4le();
}

proxy_protocol_v2_tlv_azure_t::~proxy_protocol_v2_tlv_azure_t() {
    _clean_up();
}

void proxy_protocol_v2_tlv_azure_t::_clean_up() {
}
