// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "proxy_protocol_v2.h"
#include "kaitai/exceptions.h"
std::set<proxy_protocol_v2_t::address_family_t> proxy_protocol_v2_t::_build_values_address_family_t() {
    std::set<proxy_protocol_v2_t::address_family_t> _t;
    _t.insert(proxy_protocol_v2_t::ADDRESS_FAMILY_UNSPEC);
    _t.insert(proxy_protocol_v2_t::ADDRESS_FAMILY_INET);
    _t.insert(proxy_protocol_v2_t::ADDRESS_FAMILY_INET6);
    _t.insert(proxy_protocol_v2_t::ADDRESS_FAMILY_UNIX);
    return _t;
}
const std::set<proxy_protocol_v2_t::address_family_t> proxy_protocol_v2_t::_values_address_family_t = proxy_protocol_v2_t::_build_values_address_family_t();
bool proxy_protocol_v2_t::_is_defined_address_family_t(proxy_protocol_v2_t::address_family_t v) {
    return proxy_protocol_v2_t::_values_address_family_t.find(v) != proxy_protocol_v2_t::_values_address_family_t.end();
}
std::set<proxy_protocol_v2_t::command_enum_t> proxy_protocol_v2_t::_build_values_command_enum_t() {
    std::set<proxy_protocol_v2_t::command_enum_t> _t;
    _t.insert(proxy_protocol_v2_t::COMMAND_ENUM_CMD_LOCAL);
    _t.insert(proxy_protocol_v2_t::COMMAND_ENUM_CMD_PROXY);
    return _t;
}
const std::set<proxy_protocol_v2_t::command_enum_t> proxy_protocol_v2_t::_values_command_enum_t = proxy_protocol_v2_t::_build_values_command_enum_t();
bool proxy_protocol_v2_t::_is_defined_command_enum_t(proxy_protocol_v2_t::command_enum_t v) {
    return proxy_protocol_v2_t::_values_command_enum_t.find(v) != proxy_protocol_v2_t::_values_command_enum_t.end();
}
std::set<proxy_protocol_v2_t::pp2_subtype_aws_t> proxy_protocol_v2_t::_build_values_pp2_subtype_aws_t() {
    std::set<proxy_protocol_v2_t::pp2_subtype_aws_t> _t;
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_AWS_VPCE_ID);
    return _t;
}
const std::set<proxy_protocol_v2_t::pp2_subtype_aws_t> proxy_protocol_v2_t::_values_pp2_subtype_aws_t = proxy_protocol_v2_t::_build_values_pp2_subtype_aws_t();
bool proxy_protocol_v2_t::_is_defined_pp2_subtype_aws_t(proxy_protocol_v2_t::pp2_subtype_aws_t v) {
    return proxy_protocol_v2_t::_values_pp2_subtype_aws_t.find(v) != proxy_protocol_v2_t::_values_pp2_subtype_aws_t.end();
}
std::set<proxy_protocol_v2_t::pp2_subtype_azure_t> proxy_protocol_v2_t::_build_values_pp2_subtype_azure_t() {
    std::set<proxy_protocol_v2_t::pp2_subtype_azure_t> _t;
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_AZURE_PRIVATE_ENDPOINT_LINK_ID);
    return _t;
}
const std::set<proxy_protocol_v2_t::pp2_subtype_azure_t> proxy_protocol_v2_t::_values_pp2_subtype_azure_t = proxy_protocol_v2_t::_build_values_pp2_subtype_azure_t();
bool proxy_protocol_v2_t::_is_defined_pp2_subtype_azure_t(proxy_protocol_v2_t::pp2_subtype_azure_t v) {
    return proxy_protocol_v2_t::_values_pp2_subtype_azure_t.find(v) != proxy_protocol_v2_t::_values_pp2_subtype_azure_t.end();
}
std::set<proxy_protocol_v2_t::pp2_subtype_ssl_t> proxy_protocol_v2_t::_build_values_pp2_subtype_ssl_t() {
    std::set<proxy_protocol_v2_t::pp2_subtype_ssl_t> _t;
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_VERSION);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_CN);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_CIPHER);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_SIG_ALG);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_KEY_ALG);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_GROUP);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_SIG_SCHEME);
    _t.insert(proxy_protocol_v2_t::PP2_SUBTYPE_SSL_CLIENT_CERT);
    return _t;
}
const std::set<proxy_protocol_v2_t::pp2_subtype_ssl_t> proxy_protocol_v2_t::_values_pp2_subtype_ssl_t = proxy_protocol_v2_t::_build_values_pp2_subtype_ssl_t();
bool proxy_protocol_v2_t::_is_defined_pp2_subtype_ssl_t(proxy_protocol_v2_t::pp2_subtype_ssl_t v) {
    return proxy_protocol_v2_t::_values_pp2_subtype_ssl_t.find(v) != proxy_protocol_v2_t::_values_pp2_subtype_ssl_t.end();
}
std::set<proxy_protocol_v2_t::pp2_type_t> proxy_protocol_v2_t::_build_values_pp2_type_t() {
    std::set<proxy_protocol_v2_t::pp2_type_t> _t;
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_ALPN);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_AUTHORITY);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_CRC32C);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_NOOP);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_UNIQUE_ID);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_SSL);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_NETNS);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_GCP);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_AWS);
    _t.insert(proxy_protocol_v2_t::PP2_TYPE_AZURE);
    return _t;
}
const std::set<proxy_protocol_v2_t::pp2_type_t> proxy_protocol_v2_t::_values_pp2_type_t = proxy_protocol_v2_t::_build_values_pp2_type_t();
bool proxy_protocol_v2_t::_is_defined_pp2_type_t(proxy_protocol_v2_t::pp2_type_t v) {
    return proxy_protocol_v2_t::_values_pp2_type_t.find(v) != proxy_protocol_v2_t::_values_pp2_type_t.end();
}
std::set<proxy_protocol_v2_t::transport_protocol_t> proxy_protocol_v2_t::_build_values_transport_protocol_t() {
    std::set<proxy_protocol_v2_t::transport_protocol_t> _t;
    _t.insert(proxy_protocol_v2_t::TRANSPORT_PROTOCOL_UNSPEC);
    _t.insert(proxy_protocol_v2_t::TRANSPORT_PROTOCOL_STREAM);
    _t.insert(proxy_protocol_v2_t::TRANSPORT_PROTOCOL_DGRAM);
    return _t;
}
const std::set<proxy_protocol_v2_t::transport_protocol_t> proxy_protocol_v2_t::_values_transport_protocol_t = proxy_protocol_v2_t::_build_values_transport_protocol_t();
bool proxy_protocol_v2_t::_is_defined_transport_protocol_t(proxy_protocol_v2_t::transport_protocol_t v) {
    return proxy_protocol_v2_t::_values_transport_protocol_t.find(v) != proxy_protocol_v2_t::_values_transport_protocol_t.end();
}

proxy_protocol_v2_t::proxy_protocol_v2_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_body = 0;
    m__io__raw_body = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::_read() {
    m_magic = m__io->read_bytes(12);
    if (!(m_magic == std::string("\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", 12))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", 12), m_magic, m__io, std::string("/seq/0"));
    }
    m_version = m__io->read_bits_int_be(4);
    if (!(m_version == 2)) {
        throw kaitai::validation_not_equal_error<uint64_t>(2, m_version, m__io, std::string("/seq/1"));
    }
    m_command = static_cast<proxy_protocol_v2_t::command_enum_t>(m__io->read_bits_int_be(4));
    if (!proxy_protocol_v2_t::_is_defined_command_enum_t(m_command)) {
        throw kaitai::validation_not_in_enum_error<proxy_protocol_v2_t::command_enum_t>(m_command, m__io, std::string("/seq/2"));
    }
    m_family = static_cast<proxy_protocol_v2_t::address_family_t>(m__io->read_bits_int_be(4));
    if (!proxy_protocol_v2_t::_is_defined_address_family_t(m_family)) {
        throw kaitai::validation_not_in_enum_error<proxy_protocol_v2_t::address_family_t>(m_family, m__io, std::string("/seq/3"));
    }
    m_transport = static_cast<proxy_protocol_v2_t::transport_protocol_t>(m__io->read_bits_int_be(4));
    if (!proxy_protocol_v2_t::_is_defined_transport_protocol_t(m_transport)) {
        throw kaitai::validation_not_in_enum_error<proxy_protocol_v2_t::transport_protocol_t>(m_transport, m__io, std::string("/seq/4"));
    }
    m__io->align_to_byte();
    m_len_body = m__io->read_u2be();
    m__raw_body = m__io->read_bytes(len_body());
    m__io__raw_body = new kaitai::kstream(m__raw_body);
    m_body = new header_body_t(m__io__raw_body, this, m__root);
}

proxy_protocol_v2_t::~proxy_protocol_v2_t() {
    _clean_up();
}

void proxy_protocol_v2_t::_clean_up() {
    if (m__io__raw_body) {
        delete m__io__raw_body; m__io__raw_body = 0;
    }
    if (m_body) {
        delete m_body; m_body = 0;
    }
}

proxy_protocol_v2_t::header_body_t::header_body_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_tlvs = 0;
    f_has_addresses = false;
    f_has_layout = false;
    f_len_addresses = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::header_body_t::_read() {
    n_addresses = true;
    if (has_addresses()) {
        n_addresses = false;
        n_addresses = true;
        switch (_root()->family()) {
        case proxy_protocol_v2_t::ADDRESS_FAMILY_INET: {
            n_addresses = false;
            m_addresses = new ipv4_addresses_t(m__io, this, m__root);
            break;
        }
        case proxy_protocol_v2_t::ADDRESS_FAMILY_INET6: {
            n_addresses = false;
            m_addresses = new ipv6_addresses_t(m__io, this, m__root);
            break;
        }
        case proxy_protocol_v2_t::ADDRESS_FAMILY_UNIX: {
            n_addresses = false;
            m_addresses = new unix_addresses_t(m__io, this, m__root);
            break;
        }
        }
    }
    n_tlvs = true;
    if (has_layout()) {
        n_tlvs = false;
        m_tlvs = new std::vector<tlv_t*>();
        {
            int i = 0;
            while (!m__io->is_eof()) {
                m_tlvs->push_back(new tlv_t(m__io, this, m__root));
                i++;
            }
        }
    }
    n_unparsed = true;
    if (!(has_layout())) {
        n_unparsed = false;
        m_unparsed = m__io->read_bytes_full();
    }
}

proxy_protocol_v2_t::header_body_t::~header_body_t() {
    _clean_up();
}

void proxy_protocol_v2_t::header_body_t::_clean_up() {
    if (!n_addresses) {
        if (m_addresses) {
            delete m_addresses; m_addresses = 0;
        }
    }
    if (!n_tlvs) {
        if (m_tlvs) {
            for (std::vector<tlv_t*>::iterator it = m_tlvs->begin(); it != m_tlvs->end(); ++it) {
                delete *it;
            }
            delete m_tlvs; m_tlvs = 0;
        }
    }
    if (!n_unparsed) {
    }
}

bool proxy_protocol_v2_t::header_body_t::has_addresses() {
    if (f_has_addresses)
        return m_has_addresses;
    f_has_addresses = true;
    m_has_addresses =  ((has_layout()) && (_root()->family() != proxy_protocol_v2_t::ADDRESS_FAMILY_UNSPEC) && ( ((_root()->command() == proxy_protocol_v2_t::COMMAND_ENUM_CMD_PROXY) || (_io()->size() >= len_addresses())) )) ;
    return m_has_addresses;
}

bool proxy_protocol_v2_t::header_body_t::has_layout() {
    if (f_has_layout)
        return m_has_layout;
    f_has_layout = true;
    m_has_layout = (_root()->family() == proxy_protocol_v2_t::ADDRESS_FAMILY_UNSPEC) == (_root()->transport() == proxy_protocol_v2_t::TRANSPORT_PROTOCOL_UNSPEC);
    return m_has_layout;
}

uint16_t proxy_protocol_v2_t::header_body_t::len_addresses() {
    if (f_len_addresses)
        return m_len_addresses;
    f_len_addresses = true;
    m_len_addresses = ((_root()->family() == proxy_protocol_v2_t::ADDRESS_FAMILY_INET) ? (static_cast<uint16_t>(12)) : (((_root()->family() == proxy_protocol_v2_t::ADDRESS_FAMILY_INET6) ? (static_cast<uint16_t>(36)) : (((_root()->family() == proxy_protocol_v2_t::ADDRESS_FAMILY_UNIX) ? (static_cast<uint16_t>(216)) : (static_cast<uint16_t>(0)))))));
    return m_len_addresses;
}

proxy_protocol_v2_t::ipv4_addresses_t::ipv4_addresses_t(kaitai::kstream* p__io, proxy_protocol_v2_t::header_body_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::ipv4_addresses_t::_read() {
    m_src_addr = m__io->read_bytes(4);
    m_dst_addr = m__io->read_bytes(4);
    m_src_port = m__io->read_u2be();
    m_dst_port = m__io->read_u2be();
}

proxy_protocol_v2_t::ipv4_addresses_t::~ipv4_addresses_t() {
    _clean_up();
}

void proxy_protocol_v2_t::ipv4_addresses_t::_clean_up() {
}

proxy_protocol_v2_t::ipv6_addresses_t::ipv6_addresses_t(kaitai::kstream* p__io, proxy_protocol_v2_t::header_body_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::ipv6_addresses_t::_read() {
    m_src_addr = m__io->read_bytes(16);
    m_dst_addr = m__io->read_bytes(16);
    m_src_port = m__io->read_u2be();
    m_dst_port = m__io->read_u2be();
}

proxy_protocol_v2_t::ipv6_addresses_t::~ipv6_addresses_t() {
    _clean_up();
}

void proxy_protocol_v2_t::ipv6_addresses_t::_clean_up() {
}

proxy_protocol_v2_t::ssl_client_flags_t::ssl_client_flags_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_ssl_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::ssl_client_flags_t::_read() {
    m_reserved = m__io->read_bits_int_be(5);
    m_cert_sess = m__io->read_bits_int_be(1);
    m_cert_conn = m__io->read_bits_int_be(1);
    m_ssl = m__io->read_bits_int_be(1);
}

proxy_protocol_v2_t::ssl_client_flags_t::~ssl_client_flags_t() {
    _clean_up();
}

void proxy_protocol_v2_t::ssl_client_flags_t::_clean_up() {
}

proxy_protocol_v2_t::ssl_sub_tlv_t::ssl_sub_tlv_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_ssl_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::ssl_sub_tlv_t::_read() {
    m_subtype = static_cast<proxy_protocol_v2_t::pp2_subtype_ssl_t>(m__io->read_u1());
    m_len_value = m__io->read_u2be();
    m_value = m__io->read_bytes(len_value());
}

proxy_protocol_v2_t::ssl_sub_tlv_t::~ssl_sub_tlv_t() {
    _clean_up();
}

void proxy_protocol_v2_t::ssl_sub_tlv_t::_clean_up() {
}

proxy_protocol_v2_t::tlv_t::tlv_t(kaitai::kstream* p__io, proxy_protocol_v2_t::header_body_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m__io__raw_value = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_t::_read() {
    m_tlv_type = static_cast<proxy_protocol_v2_t::pp2_type_t>(m__io->read_u1());
    m_len_value = m__io->read_u2be();
    n_value = true;
    switch (tlv_type()) {
    case proxy_protocol_v2_t::PP2_TYPE_AWS: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_aws_t(m__io__raw_value, this, m__root);
        break;
    }
    case proxy_protocol_v2_t::PP2_TYPE_AZURE: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_azure_t(m__io__raw_value, this, m__root);
        break;
    }
    case proxy_protocol_v2_t::PP2_TYPE_CRC32C: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_crc32c_t(m__io__raw_value, this, m__root);
        break;
    }
    case proxy_protocol_v2_t::PP2_TYPE_GCP: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_gcp_t(m__io__raw_value, this, m__root);
        break;
    }
    case proxy_protocol_v2_t::PP2_TYPE_SSL: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_ssl_t(m__io__raw_value, this, m__root);
        break;
    }
    default: {
        m__raw_value = m__io->read_bytes(len_value());
        break;
    }
    }
}

proxy_protocol_v2_t::tlv_t::~tlv_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_t::_clean_up() {
    if (!n_value) {
        if (m__io__raw_value) {
            delete m__io__raw_value; m__io__raw_value = 0;
        }
        if (m_value) {
            delete m_value; m_value = 0;
        }
    }
}

proxy_protocol_v2_t::tlv_aws_t::tlv_aws_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    f_has_layout = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_aws_t::_read() {
    n_subtype = true;
    if (has_layout()) {
        n_subtype = false;
        m_subtype = static_cast<proxy_protocol_v2_t::pp2_subtype_aws_t>(m__io->read_u1());
    }
    m_data = m__io->read_bytes_full();
}

proxy_protocol_v2_t::tlv_aws_t::~tlv_aws_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_aws_t::_clean_up() {
    if (!n_subtype) {
    }
}

bool proxy_protocol_v2_t::tlv_aws_t::has_layout() {
    if (f_has_layout)
        return m_has_layout;
    f_has_layout = true;
    m_has_layout = _io()->size() >= 1;
    return m_has_layout;
}

proxy_protocol_v2_t::tlv_azure_t::tlv_azure_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    f_has_layout = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_azure_t::_read() {
    n_subtype = true;
    if (has_layout()) {
        n_subtype = false;
        m_subtype = static_cast<proxy_protocol_v2_t::pp2_subtype_azure_t>(m__io->read_u1());
    }
    n_link_id = true;
    if (has_layout()) {
        n_link_id = false;
        m_link_id = m__io->read_u4le();
    }
    n_raw = true;
    if (!(has_layout())) {
        n_raw = false;
        m_raw = m__io->read_bytes_full();
    }
}

proxy_protocol_v2_t::tlv_azure_t::~tlv_azure_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_azure_t::_clean_up() {
    if (!n_subtype) {
    }
    if (!n_link_id) {
    }
    if (!n_raw) {
    }
}

bool proxy_protocol_v2_t::tlv_azure_t::has_layout() {
    if (f_has_layout)
        return m_has_layout;
    f_has_layout = true;
    m_has_layout = _io()->size() == 5;
    return m_has_layout;
}

proxy_protocol_v2_t::tlv_crc32c_t::tlv_crc32c_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_crc32c_t::_read() {
    m_checksum = m__io->read_u4be();
}

proxy_protocol_v2_t::tlv_crc32c_t::~tlv_crc32c_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_crc32c_t::_clean_up() {
}

proxy_protocol_v2_t::tlv_gcp_t::tlv_gcp_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    f_has_layout = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_gcp_t::_read() {
    n_psc_connection_id = true;
    if (has_layout()) {
        n_psc_connection_id = false;
        m_psc_connection_id = m__io->read_u8be();
    }
    n_raw = true;
    if (!(has_layout())) {
        n_raw = false;
        m_raw = m__io->read_bytes_full();
    }
}

proxy_protocol_v2_t::tlv_gcp_t::~tlv_gcp_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_gcp_t::_clean_up() {
    if (!n_psc_connection_id) {
    }
    if (!n_raw) {
    }
}

bool proxy_protocol_v2_t::tlv_gcp_t::has_layout() {
    if (f_has_layout)
        return m_has_layout;
    f_has_layout = true;
    m_has_layout = _io()->size() == 8;
    return m_has_layout;
}

proxy_protocol_v2_t::tlv_ssl_t::tlv_ssl_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_client = 0;
    m_sub_tlvs = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_ssl_t::_read() {
    m_client = new ssl_client_flags_t(m__io, this, m__root);
    m_verify = m__io->read_u4be();
    m_sub_tlvs = new std::vector<ssl_sub_tlv_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_sub_tlvs->push_back(new ssl_sub_tlv_t(m__io, this, m__root));
            i++;
        }
    }
}

proxy_protocol_v2_t::tlv_ssl_t::~tlv_ssl_t() {
    _clean_up();
}

void proxy_protocol_v2_t::tlv_ssl_t::_clean_up() {
    if (m_client) {
        delete m_client; m_client = 0;
    }
    if (m_sub_tlvs) {
        for (std::vector<ssl_sub_tlv_t*>::iterator it = m_sub_tlvs->begin(); it != m_sub_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_sub_tlvs; m_sub_tlvs = 0;
    }
}

proxy_protocol_v2_t::unix_addresses_t::unix_addresses_t(kaitai::kstream* p__io, proxy_protocol_v2_t::header_body_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::unix_addresses_t::_read() {
    m_src_addr = m__io->read_bytes(108);
    m_dst_addr = m__io->read_bytes(108);
}

proxy_protocol_v2_t::unix_addresses_t::~unix_addresses_t() {
    _clean_up();
}

void proxy_protocol_v2_t::unix_addresses_t::_clean_up() {
}
