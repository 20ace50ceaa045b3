<?php
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

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
 */

namespace {
    class ProxyProtocolV2TlvAzure extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\ProxyProtocolV2TlvAzure $_root = null) {
            parent::__construct($_io, $_parent, $_root === null ? $this : $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_subtype = $this->_io->readU1();
            $this->_m_value = $this->_io->readU4le();
        }
        protected $_m_subtype;
        protected $_m_value;
        public function subtype() { return $this->_m_subtype; }

        /**
         * The private endpoint's LINKID.
         */
        public function value() { return $this->_m_value; }
    }
}

namespace ProxyProtocolV2TlvAzure {
    class Pp2SubtypeAzure {

        /**
         * The private endpoint's LINKID.
         */
        const PRIVATE_ENDPOINT_LINK_ID = 1;

        private const _VALUES = [1 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2TlvAzure {
    class Pp2Type {

        /**
         * The custom-range TLV type Azure Private Link sends this value in.
         */
        const AZURE = 238;

        private const _VALUES = [238 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}
