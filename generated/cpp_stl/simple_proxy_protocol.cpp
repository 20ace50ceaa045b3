// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "simple_proxy_protocol.h"
#include "kaitai/exceptions.h"

simple_proxy_protocol_t::simple_proxy_protocol_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, simple_proxy_protocol_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;
    m_client_addr = 0;
    m__io__raw_client_addr = 0;
    m_proxy_addr = 0;
    m__io__raw_proxy_addr = 0;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void simple_proxy_protocol_t::_read() {
    m_magic = m__io->read_u2be();
    if (!(m_magic == 22252)) {
        throw kaitai::validation_not_equal_error<uint16_t>(22252, m_magic, m__io, std::string("/seq/0"));
    }
    m__raw_client_addr = m__io->read_bytes(16);
    m__io__raw_client_addr = new kaitai::kstream(m__raw_client_addr);
    m_client_addr = new ip_address_t(m__io__raw_client_addr, this, m__root);
    m__raw_proxy_addr = m__io->read_bytes(16);
    m__io__raw_proxy_addr = new kaitai::kstream(m__raw_proxy_addr);
    m_proxy_addr = new ip_address_t(m__io__raw_proxy_addr, this, m__root);
    m_client_port = m__io->read_u2be();
    m_proxy_port = m__io->read_u2be();
    m_payload = m__io->read_bytes_full();
}

simple_proxy_protocol_t::~simple_proxy_protocol_t() {
    _clean_up();
}

void simple_proxy_protocol_t::_clean_up() {
    if (m__io__raw_client_addr) {
        delete m__io__raw_client_addr; m__io__raw_client_addr = 0;
    }
    if (m_client_addr) {
        delete m_client_addr; m_client_addr = 0;
    }
    if (m__io__raw_proxy_addr) {
        delete m__io__raw_proxy_addr; m__io__raw_proxy_addr = 0;
    }
    if (m_proxy_addr) {
        delete m_proxy_addr; m_proxy_addr = 0;
    }
}

simple_proxy_protocol_t::ip_address_t::ip_address_t(kaitai::kstream* p__io, simple_proxy_protocol_t* p__parent, simple_proxy_protocol_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root;
    f_ipv4 = false;
    f_is_ipv4_mapped = false;
    f_mapped_prefix = false;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void simple_proxy_protocol_t::ip_address_t::_read() {
    m_ipv6 = m__io->read_bytes(16);
}

simple_proxy_protocol_t::ip_address_t::~ip_address_t() {
    _clean_up();
}

void simple_proxy_protocol_t::ip_address_t::_clean_up() {
    if (f_ipv4 && !n_ipv4) {
    }
    if (f_mapped_prefix) {
    }
}

std::string simple_proxy_protocol_t::ip_address_t::ipv4() {
    if (f_ipv4)
        return m_ipv4;
    f_ipv4 = true;
    n_ipv4 = true;
    if (is_ipv4_mapped()) {
        n_ipv4 = false;
        std::streampos _pos = m__io->pos();
        m__io->seek(12);
        m_ipv4 = m__io->read_bytes(4);
        m__io->seek(_pos);
    }
    return m_ipv4;
}

bool simple_proxy_protocol_t::ip_address_t::is_ipv4_mapped() {
    if (f_is_ipv4_mapped)
        return m_is_ipv4_mapped;
    f_is_ipv4_mapped = true;
    m_is_ipv4_mapped = mapped_prefix() == std::string("\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF", 12);
    return m_is_ipv4_mapped;
}

std::string simple_proxy_protocol_t::ip_address_t::mapped_prefix() {
    if (f_mapped_prefix)
        return m_mapped_prefix;
    f_mapped_prefix = true;
    std::streampos _pos = m__io->pos();
    m__io->seek(0);
    m_mapped_prefix = m__io->read_bytes(12);
    m__io->seek(_pos);
    return m_mapped_prefix;
}
