<?php
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

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
 */

namespace {
    class ProxyProtocolV2TlvAws extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\ProxyProtocolV2TlvAws $_root = null) {
            parent::__construct($_io, $_parent, $_root === null ? $this : $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_subtype = $this->_io->readU1();
            $this->_m_value = $this->_io->readBytesFull();
        }
        protected $_m_subtype;
        protected $_m_value;
        public function subtype() { return $this->_m_subtype; }

        /**
         * For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
         * text that is not well formed is for the reader to flag.
         */
        public function value() { return $this->_m_value; }
    }
}

namespace ProxyProtocolV2TlvAws {
    class Pp2SubtypeAws {

        /**
         * The VPC endpoint id.
         */
        const VPCE_ID = 1;

        private const _VALUES = [1 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2TlvAws {
    class Pp2Type {

        /**
         * The custom-range TLV type AWS sends this value in.
         */
        const AWS = 234;

        private const _VALUES = [234 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}
