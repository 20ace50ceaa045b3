<?php
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

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
 */

namespace {
    class SimpleProxyProtocol extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\SimpleProxyProtocol $_root = null) {
            parent::__construct($_io, $_parent, $_root === null ? $this : $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_magic = $this->_io->readBytes(2);
            if (!($this->_m_magic == "\x56\xEC")) {
                throw new \Kaitai\Struct\Error\ValidationNotEqualError("\x56\xEC", $this->_m_magic, $this->_io, "/seq/0");
            }
            $this->_m_clientAddr = $this->_io->readBytes(16);
            $this->_m_proxyAddr = $this->_io->readBytes(16);
            $this->_m_clientPort = $this->_io->readU2be();
            $this->_m_proxyPort = $this->_io->readU2be();
            $this->_m_payload = $this->_io->readBytesFull();
        }
        protected $_m_magic;
        protected $_m_clientAddr;
        protected $_m_proxyAddr;
        protected $_m_clientPort;
        protected $_m_proxyPort;
        protected $_m_payload;

        /**
         * Always 0x56EC, the only mark of an SPP header.
         */
        public function magic() { return $this->_m_magic; }

        /**
         * The client's address as Cloudflare saw it: an IPv6 address, or an
         * IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
         */
        public function clientAddr() { return $this->_m_clientAddr; }

        /**
         * The Cloudflare address that received the client's datagram, in the
         * same form as `client_addr`.
         */
        public function proxyAddr() { return $this->_m_proxyAddr; }

        /**
         * The client's UDP source port.
         */
        public function clientPort() { return $this->_m_clientPort; }

        /**
         * The UDP port on which Cloudflare received the datagram.
         */
        public function proxyPort() { return $this->_m_proxyPort; }

        /**
         * The proxied datagram's payload, after the 38-byte header.
         */
        public function payload() { return $this->_m_payload; }
    }
}
