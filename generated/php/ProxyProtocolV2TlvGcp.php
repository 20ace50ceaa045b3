<?php
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

/**
 * The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
 * Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
 * and nothing else (no subtype byte).
 * 
 * 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Google Cloud's; another application may give 0xE0 another meaning. The
 * value is exactly 8 bytes: a shorter one fails here with an end-of-stream
 * error, and a longer one (bytes left after `value`) is not this layout
 * either.
 */

namespace {
    class ProxyProtocolV2TlvGcp extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\ProxyProtocolV2TlvGcp $_root = null) {
            parent::__construct($_io, $_parent, $_root === null ? $this : $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_value = $this->_io->readU8be();
        }
        protected $_m_value;

        /**
         * The PSC connection id, an unsigned 64-bit number.
         */
        public function value() { return $this->_m_value; }
    }
}

namespace ProxyProtocolV2TlvGcp {
    class Pp2Type {

        /**
         * The custom-range TLV type Google Cloud PSC sends this value in.
         */
        const GCP = 224;

        private const _VALUES = [224 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}
