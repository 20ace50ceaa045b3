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
std::set<proxy_protocol_v2_t::pp2_client_t> proxy_protocol_v2_t::_build_values_pp2_client_t() {
    std::set<proxy_protocol_v2_t::pp2_client_t> _t;
    _t.insert(proxy_protocol_v2_t::PP2_CLIENT_SSL);
    _t.insert(proxy_protocol_v2_t::PP2_CLIENT_CERT_CONN);
    _t.insert(proxy_protocol_v2_t::PP2_CLIENT_CERT_SESS);
    return _t;
}
const std::set<proxy_protocol_v2_t::pp2_client_t> proxy_protocol_v2_t::_values_pp2_client_t = proxy_protocol_v2_t::_build_values_pp2_client_t();
bool proxy_protocol_v2_t::_is_defined_pp2_client_t(proxy_protocol_v2_t::pp2_client_t v) {
    return proxy_protocol_v2_t::_values_pp2_client_t.find(v) != proxy_protocol_v2_t::_values_pp2_client_t.end();
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
    n_body = true;
    switch (((command() == proxy_protocol_v2_t::COMMAND_ENUM_CMD_LOCAL) ? (static_cast<uint8_t>(0)) : (static_cast<uint8_t>(family()) * 16 + static_cast<uint8_t>(transport())))) {
    case 0: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_tlvs_only_t(m__io__raw_body, this, m__root);
        break;
    }
    case 17: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_inet_t(m__io__raw_body, this, m__root);
        break;
    }
    case 18: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_inet_t(m__io__raw_body, this, m__root);
        break;
    }
    case 33: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_inet6_t(m__io__raw_body, this, m__root);
        break;
    }
    case 34: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_inet6_t(m__io__raw_body, this, m__root);
        break;
    }
    case 49: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_unix_t(m__io__raw_body, this, m__root);
        break;
    }
    case 50: {
        n_body = false;
        m__raw_body = m__io->read_bytes(len_body());
        m__io__raw_body = new kaitai::kstream(m__raw_body);
        m_body = new body_unix_t(m__io__raw_body, this, m__root);
        break;
    }
    default: {
        m__raw_body = m__io->read_bytes(len_body());
        break;
    }
    }
}

proxy_protocol_v2_t::~proxy_protocol_v2_t() {
    _clean_up();
}

void proxy_protocol_v2_t::_clean_up() {
    if (!n_body) {
        if (m__io__raw_body) {
            delete m__io__raw_body; m__io__raw_body = 0;
        }
        if (m_body) {
            delete m_body; m_body = 0;
        }
    }
}

proxy_protocol_v2_t::body_inet_t::body_inet_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_tlvs = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::body_inet_t::_read() {
    m_src_addr = m__io->read_bytes(4);
    m_dst_addr = m__io->read_bytes(4);
    m_src_port = m__io->read_u2be();
    m_dst_port = m__io->read_u2be();
    m_tlvs = new std::vector<tlv_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_tlvs->push_back(new tlv_t(m__io, this, m__root));
            i++;
        }
    }
}

proxy_protocol_v2_t::body_inet_t::~body_inet_t() {
    _clean_up();
}

void proxy_protocol_v2_t::body_inet_t::_clean_up() {
    if (m_tlvs) {
        for (std::vector<tlv_t*>::iterator it = m_tlvs->begin(); it != m_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_tlvs; m_tlvs = 0;
    }
}

proxy_protocol_v2_t::body_inet6_t::body_inet6_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_tlvs = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::body_inet6_t::_read() {
    m_src_addr = m__io->read_bytes(16);
    m_dst_addr = m__io->read_bytes(16);
    m_src_port = m__io->read_u2be();
    m_dst_port = m__io->read_u2be();
    m_tlvs = new std::vector<tlv_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_tlvs->push_back(new tlv_t(m__io, this, m__root));
            i++;
        }
    }
}

proxy_protocol_v2_t::body_inet6_t::~body_inet6_t() {
    _clean_up();
}

void proxy_protocol_v2_t::body_inet6_t::_clean_up() {
    if (m_tlvs) {
        for (std::vector<tlv_t*>::iterator it = m_tlvs->begin(); it != m_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_tlvs; m_tlvs = 0;
    }
}

proxy_protocol_v2_t::body_tlvs_only_t::body_tlvs_only_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_tlvs = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::body_tlvs_only_t::_read() {
    m_tlvs = new std::vector<tlv_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_tlvs->push_back(new tlv_t(m__io, this, m__root));
            i++;
        }
    }
}

proxy_protocol_v2_t::body_tlvs_only_t::~body_tlvs_only_t() {
    _clean_up();
}

void proxy_protocol_v2_t::body_tlvs_only_t::_clean_up() {
    if (m_tlvs) {
        for (std::vector<tlv_t*>::iterator it = m_tlvs->begin(); it != m_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_tlvs; m_tlvs = 0;
    }
}

proxy_protocol_v2_t::body_unix_t::body_unix_t(kaitai::kstream* p__io, proxy_protocol_v2_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_tlvs = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::body_unix_t::_read() {
    m_src_addr = m__io->read_bytes(108);
    m_dst_addr = m__io->read_bytes(108);
    m_tlvs = new std::vector<tlv_t*>();
    {
        int i = 0;
        while (!m__io->is_eof()) {
            m_tlvs->push_back(new tlv_t(m__io, this, m__root));
            i++;
        }
    }
}

proxy_protocol_v2_t::body_unix_t::~body_unix_t() {
    _clean_up();
}

void proxy_protocol_v2_t::body_unix_t::_clean_up() {
    if (m_tlvs) {
        for (std::vector<tlv_t*>::iterator it = m_tlvs->begin(); it != m_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_tlvs; m_tlvs = 0;
    }
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

proxy_protocol_v2_t::tlv_t::tlv_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
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
    case proxy_protocol_v2_t::PP2_TYPE_CRC32C: {
        n_value = false;
        m__raw_value = m__io->read_bytes(len_value());
        m__io__raw_value = new kaitai::kstream(m__raw_value);
        m_value = new tlv_crc32c_t(m__io__raw_value, this, m__root);
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

proxy_protocol_v2_t::tlv_ssl_t::tlv_ssl_t(kaitai::kstream* p__io, proxy_protocol_v2_t::tlv_t* p__parent, proxy_protocol_v2_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    m_sub_tlvs = 0;
    f_has_cert_conn = false;
    f_has_cert_sess = false;
    f_is_ssl = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void proxy_protocol_v2_t::tlv_ssl_t::_read() {
    m_client = m__io->read_u1();
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
    if (m_sub_tlvs) {
        for (std::vector<ssl_sub_tlv_t*>::iterator it = m_sub_tlvs->begin(); it != m_sub_tlvs->end(); ++it) {
            delete *it;
        }
        delete m_sub_tlvs; m_sub_tlvs = 0;
    }
}

bool proxy_protocol_v2_t::tlv_ssl_t::has_cert_conn() {
    if (f_has_cert_conn)
        return m_has_cert_conn;
    f_has_cert_conn = true;
    m_has_cert_conn = (client() & static_cast<uint8_t>(proxy_protocol_v2_t::PP2_CLIENT_CERT_CONN)) != 0;
    return m_has_cert_conn;
}

bool proxy_protocol_v2_t::tlv_ssl_t::has_cert_sess() {
    if (f_has_cert_sess)
        return m_has_cert_sess;
    f_has_cert_sess = true;
    m_has_cert_sess = (client() & static_cast<uint8_t>(proxy_protocol_v2_t::PP2_CLIENT_CERT_SESS)) != 0;
    return m_has_cert_sess;
}

bool proxy_protocol_v2_t::tlv_ssl_t::is_ssl() {
    if (f_is_ssl)
        return m_is_ssl;
    f_is_ssl = true;
    m_is_ssl = (client() & static_cast<uint8_t>(proxy_protocol_v2_t::PP2_CLIENT_SSL)) != 0;
    return m_is_ssl;
}
