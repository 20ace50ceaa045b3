// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#include "simple_proxy_protocol.h"
#include "kaitai/exceptions.h"

simple_proxy_protocol_t::simple_proxy_protocol_t(kaitai::kstream* p__io, kaitai::kstruct* p__parent, simple_proxy_protocol_t* p__root) : kaitai::kstruct(p__io) {
    m__parent = p__parent;
    m__root = p__root ? p__root : this;

    try {
        _read();
    } catch(...) {
        _clean_up();
        throw;
    }
}

void simple_proxy_protocol_t::_read() {
    m_magic = m__io->read_bytes(2);
    if (!(m_magic == std::string("\x56\xEC", 2))) {
        throw kaitai::validation_not_equal_error<std::string>(std::string("\x56\xEC", 2), m_magic, m__io, std::string("/seq/0"));
    }
    m_client_addr = m__io->read_bytes(16);
    m_proxy_addr = m__io->read_bytes(16);
    m_client_port = m__io->read_u2be();
    m_proxy_port = m__io->read_u2be();
    m_payload = m__io->read_bytes_full();
}

simple_proxy_protocol_t::~simple_proxy_protocol_t() {
    _clean_up();
}

void simple_proxy_protocol_t::_clean_up() {
}
