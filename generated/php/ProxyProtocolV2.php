<?php
// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

/**
 * The PROXY protocol lets a proxy or load balancer tell the server behind it
 * who the real client is: before any payload, the proxy sends one header
 * that carries the client's and the proxied-to addresses and ports, plus
 * optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
 * ...\r\n`, not covered here); version 2, described here, is binary.
 * 
 * A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
 * a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
 * exchange; one byte holding the protocol version (always 2) and the
 * command (LOCAL or PROXY); one byte holding the address family and the
 * transport protocol; and the big-endian length of the rest. The rest holds
 * an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
 * 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
 * bytes after the header belong to the proxied payload and are not part of
 * this format. On UDP, header and payload share one datagram.
 * 
 * Some checks cannot be expressed here and are left to the host program: a
 * CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
 * computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
 * bytes at the end of the TLV area (too short to be a TLV header) makes the
 * header invalid, while this spec cannot tell it from a truncated TLV and
 * fails on it with an end-of-stream error. The command, family and
 * transport nibbles are validated (the spec requires a receiver to reject
 * any value it does not define).
 * 
 * Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
 * (HAProxy commit 50872daa), which also registers the SSL sub-types added
 * in 2025 and 2026.
 */

namespace {
    class ProxyProtocolV2 extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root === null ? $this : $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_magic = $this->_io->readBytes(12);
            if (!($this->_m_magic == "\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A")) {
                throw new \Kaitai\Struct\Error\ValidationNotEqualError("\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", $this->_m_magic, $this->_io, "/seq/0");
            }
            $this->_m_version = $this->_io->readBitsIntBe(4);
            if (!($this->_m_version == 2)) {
                throw new \Kaitai\Struct\Error\ValidationNotEqualError(2, $this->_m_version, $this->_io, "/seq/1");
            }
            $this->_m_command = $this->_io->readBitsIntBe(4);
            if (!\ProxyProtocolV2\CommandEnum::isDefined($this->_m_command)) {
                throw new \Kaitai\Struct\Error\ValidationNotInEnumError($this->_m_command, $this->_io, "/seq/2");
            }
            $this->_m_family = $this->_io->readBitsIntBe(4);
            if (!\ProxyProtocolV2\AddressFamily::isDefined($this->_m_family)) {
                throw new \Kaitai\Struct\Error\ValidationNotInEnumError($this->_m_family, $this->_io, "/seq/3");
            }
            $this->_m_transport = $this->_io->readBitsIntBe(4);
            if (!\ProxyProtocolV2\TransportProtocol::isDefined($this->_m_transport)) {
                throw new \Kaitai\Struct\Error\ValidationNotInEnumError($this->_m_transport, $this->_io, "/seq/4");
            }
            $this->_io->alignToByte();
            $this->_m_lenBody = $this->_io->readU2be();
            switch (($this->command() == \ProxyProtocolV2\CommandEnum::CMD_LOCAL ? 0 : $this->family() * 16 + $this->transport())) {
                case 0:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyTlvsOnly($_io__raw_body, $this, $this->_root);
                    break;
                case 17:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyInet($_io__raw_body, $this, $this->_root);
                    break;
                case 18:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyInet($_io__raw_body, $this, $this->_root);
                    break;
                case 33:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyInet6($_io__raw_body, $this, $this->_root);
                    break;
                case 34:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyInet6($_io__raw_body, $this, $this->_root);
                    break;
                case 49:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyUnix($_io__raw_body, $this, $this->_root);
                    break;
                case 50:
                    $this->_m__raw_body = $this->_io->readBytes($this->lenBody());
                    $_io__raw_body = new \Kaitai\Struct\Stream($this->_m__raw_body);
                    $this->_m_body = new \ProxyProtocolV2\BodyUnix($_io__raw_body, $this, $this->_root);
                    break;
                default:
                    $this->_m_body = $this->_io->readBytes($this->lenBody());
                    break;
            }
        }
        protected $_m_magic;
        protected $_m_version;
        protected $_m_command;
        protected $_m_family;
        protected $_m_transport;
        protected $_m_lenBody;
        protected $_m_body;
        protected $_m__raw_body;

        /**
         * The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
         * a NUL byte, so it must never be handled as a C string.
         */
        public function magic() { return $this->_m_magic; }

        /**
         * Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
         */
        public function version() { return $this->_m_version; }

        /**
         * The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
         */
        public function command() { return $this->_m_command; }

        /**
         * Address family, the high nibble of `fam`.
         */
        public function family() { return $this->_m_family; }

        /**
         * Transport protocol, the low nibble of `fam`.
         */
        public function transport() { return $this->_m_transport; }

        /**
         * Number of bytes after this 16-byte fixed part: the address block plus
         * all TLVs. The whole header is `16 + len_body` bytes. A receiver must
         * always honour it, also for LOCAL (which senders usually send with a
         * zero length, but HAProxy health checks may carry TLVs).
         */
        public function lenBody() { return $this->_m_lenBody; }

        /**
         * Everything after the fixed part. Being a size-limited substream, it
         * guarantees that no TLV can reach into the payload that follows.
         * 
         * Its layout is chosen by the command, then by the `fam` byte. A LOCAL
         * header has no address block whatever its family: everything after
         * the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
         * the receiver to discard the protocol block including the family, and
         * HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
         * the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
         * INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
         * Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
         * the body is kept as raw bytes, and a receiver falls back to the real
         * connection endpoints, as for UNSPEC.
         */
        public function body() { return $this->_m_body; }
        public function _raw_body() { return $this->_m__raw_body; }
    }
}

/**
 * The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
 * UDP): the 12-byte address block (`ipv4_addr` of the spec's union
 * `proxy_addr`), then TLVs.
 */

namespace ProxyProtocolV2 {
    class BodyInet extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2 $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_srcAddr = $this->_io->readBytes(4);
            $this->_m_dstAddr = $this->_io->readBytes(4);
            $this->_m_srcPort = $this->_io->readU2be();
            $this->_m_dstPort = $this->_io->readU2be();
            $this->_m_tlvs = [];
            $i = 0;
            while (!$this->_io->isEof()) {
                $this->_m_tlvs[] = new \ProxyProtocolV2\Tlv($this->_io, $this, $this->_root);
                $i++;
            }
        }
        protected $_m_srcAddr;
        protected $_m_dstAddr;
        protected $_m_srcPort;
        protected $_m_dstPort;
        protected $_m_tlvs;

        /**
         * Source (client) IPv4 address, network byte order.
         */
        public function srcAddr() { return $this->_m_srcAddr; }

        /**
         * Destination (proxied-to) IPv4 address, network byte order.
         */
        public function dstAddr() { return $this->_m_dstAddr; }
        public function srcPort() { return $this->_m_srcPort; }
        public function dstPort() { return $this->_m_dstPort; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public function tlvs() { return $this->_m_tlvs; }
    }
}

/**
 * The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
 * UDP): the 36-byte address block (`ipv6_addr` of the spec's union
 * `proxy_addr`), then TLVs.
 */

namespace ProxyProtocolV2 {
    class BodyInet6 extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2 $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_srcAddr = $this->_io->readBytes(16);
            $this->_m_dstAddr = $this->_io->readBytes(16);
            $this->_m_srcPort = $this->_io->readU2be();
            $this->_m_dstPort = $this->_io->readU2be();
            $this->_m_tlvs = [];
            $i = 0;
            while (!$this->_io->isEof()) {
                $this->_m_tlvs[] = new \ProxyProtocolV2\Tlv($this->_io, $this, $this->_root);
                $i++;
            }
        }
        protected $_m_srcAddr;
        protected $_m_dstAddr;
        protected $_m_srcPort;
        protected $_m_dstPort;
        protected $_m_tlvs;

        /**
         * Source (client) IPv6 address, network byte order.
         */
        public function srcAddr() { return $this->_m_srcAddr; }

        /**
         * Destination (proxied-to) IPv6 address, network byte order.
         */
        public function dstAddr() { return $this->_m_dstAddr; }
        public function srcPort() { return $this->_m_srcPort; }
        public function dstPort() { return $this->_m_dstPort; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public function tlvs() { return $this->_m_tlvs; }
    }
}

/**
 * The body of a LOCAL header, or of a PROXY header with family UNSPEC:
 * TLVs only, no address block.
 */

namespace ProxyProtocolV2 {
    class BodyTlvsOnly extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2 $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_tlvs = [];
            $i = 0;
            while (!$this->_io->isEof()) {
                $this->_m_tlvs[] = new \ProxyProtocolV2\Tlv($this->_io, $this, $this->_root);
                $i++;
            }
        }
        protected $_m_tlvs;

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public function tlvs() { return $this->_m_tlvs; }
    }
}

/**
 * The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
 * 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
 * union `proxy_addr`), then TLVs. Each path follows `sun_path`
 * conventions: padded with NUL bytes; an abstract socket name starts
 * with a NUL byte. Kept raw.
 */

namespace ProxyProtocolV2 {
    class BodyUnix extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2 $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_srcAddr = $this->_io->readBytes(108);
            $this->_m_dstAddr = $this->_io->readBytes(108);
            $this->_m_tlvs = [];
            $i = 0;
            while (!$this->_io->isEof()) {
                $this->_m_tlvs[] = new \ProxyProtocolV2\Tlv($this->_io, $this, $this->_root);
                $i++;
            }
        }
        protected $_m_srcAddr;
        protected $_m_dstAddr;
        protected $_m_tlvs;
        public function srcAddr() { return $this->_m_srcAddr; }
        public function dstAddr() { return $this->_m_dstAddr; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public function tlvs() { return $this->_m_tlvs; }
    }
}

/**
 * A TLV nested in the SSL TLV, same framing as `tlv`. All known values
 * are text (US-ASCII, or UTF-8 for the common name) except the client
 * certificate, which is DER; all are kept as raw bytes.
 */

namespace ProxyProtocolV2 {
    class SslSubTlv extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2\TlvSsl $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_subtype = $this->_io->readU1();
            $this->_m_lenValue = $this->_io->readU2be();
            $this->_m_value = $this->_io->readBytes($this->lenValue());
        }
        protected $_m_subtype;
        protected $_m_lenValue;
        protected $_m_value;
        public function subtype() { return $this->_m_subtype; }
        public function lenValue() { return $this->_m_lenValue; }
        public function value() { return $this->_m_value; }
    }
}

/**
 * Type-length-value extension (struct `pp2_tlv`): a type byte, a
 * big-endian 16-bit length counting only the value, then the value.
 * Receivers skip types they do not know; their value stays raw bytes.
 * 
 * Types 0xE0-0xEF are a range left to custom use: each application
 * picks its own meaning, so their values stay raw here. The layouts
 * three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
 * specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
 * for a reader to apply to a raw value when it knows which vendor is in
 * front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
 * are kept raw like any unknown type.
 */

namespace ProxyProtocolV2 {
    class Tlv extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\Kaitai\Struct\Struct $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_tlvType = $this->_io->readU1();
            $this->_m_lenValue = $this->_io->readU2be();
            switch ($this->tlvType()) {
                case \ProxyProtocolV2\Pp2Type::CRC32C:
                    $this->_m__raw_value = $this->_io->readBytes($this->lenValue());
                    $_io__raw_value = new \Kaitai\Struct\Stream($this->_m__raw_value);
                    $this->_m_value = new \ProxyProtocolV2\TlvCrc32c($_io__raw_value, $this, $this->_root);
                    break;
                case \ProxyProtocolV2\Pp2Type::SSL:
                    $this->_m__raw_value = $this->_io->readBytes($this->lenValue());
                    $_io__raw_value = new \Kaitai\Struct\Stream($this->_m__raw_value);
                    $this->_m_value = new \ProxyProtocolV2\TlvSsl($_io__raw_value, $this, $this->_root);
                    break;
                default:
                    $this->_m_value = $this->_io->readBytes($this->lenValue());
                    break;
            }
        }
        protected $_m_tlvType;
        protected $_m_lenValue;
        protected $_m_value;
        protected $_m__raw_value;
        public function tlvType() { return $this->_m_tlvType; }

        /**
         * Length of the value in bytes (the spec's `length_hi`/`length_lo`).
         */
        public function lenValue() { return $this->_m_lenValue; }

        /**
         * The value, decoded for CRC32C and SSL. Every other type is raw
         * bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
         * host name, usually the TLS SNI), NOOP (padding, to be ignored),
         * UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
         * name), the custom range and unknown types. Text is left as
         * bytes on purpose: a malformed string is for the reader to flag,
         * not a reason to reject the whole header.
         */
        public function value() { return $this->_m_value; }
        public function _raw_value() { return $this->_m__raw_value; }
    }
}

/**
 * CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
 * signature to last TLV, computed with these 4 bytes set to zero. A
 * mismatch makes the header invalid; checking it is left to the host.
 * The value must be exactly 4 bytes long: a shorter one fails here
 * (end of stream), a longer one must be rejected by the host too.
 */

namespace ProxyProtocolV2 {
    class TlvCrc32c extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2\Tlv $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_checksum = $this->_io->readU4be();
        }
        protected $_m_checksum;

        /**
         * Big-endian, as HAProxy and nginx write it.
         */
        public function checksum() { return $this->_m_checksum; }
    }
}

/**
 * Details of the TLS session between the client and the proxy
 * (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
 * the verify result, followed by sub-TLVs that fill the rest of this
 * value and only have meaning inside it.
 */

namespace ProxyProtocolV2 {
    class TlvSsl extends \Kaitai\Struct\Struct {
        public function __construct(\Kaitai\Struct\Stream $_io, ?\ProxyProtocolV2\Tlv $_parent = null, ?\ProxyProtocolV2 $_root = null) {
            parent::__construct($_io, $_parent, $_root);
            $this->_read();
        }

        private function _read() {
            $this->_m_client = $this->_io->readU1();
            $this->_m_verify = $this->_io->readU4be();
            $this->_m_subTlvs = [];
            $i = 0;
            while (!$this->_io->isEof()) {
                $this->_m_subTlvs[] = new \ProxyProtocolV2\SslSubTlv($this->_io, $this, $this->_root);
                $i++;
            }
        }
        protected $_m_hasCertConn;

        /**
         * The client sent a certificate on this connection.
         */
        public function hasCertConn() {
            if ($this->_m_hasCertConn !== null)
                return $this->_m_hasCertConn;
            $this->_m_hasCertConn = ($this->client() & \ProxyProtocolV2\Pp2Client::CERT_CONN) != 0;
            return $this->_m_hasCertConn;
        }
        protected $_m_hasCertSess;

        /**
         * The client sent a certificate at least once in this TLS session.
         */
        public function hasCertSess() {
            if ($this->_m_hasCertSess !== null)
                return $this->_m_hasCertSess;
            $this->_m_hasCertSess = ($this->client() & \ProxyProtocolV2\Pp2Client::CERT_SESS) != 0;
            return $this->_m_hasCertSess;
        }
        protected $_m_isSsl;

        /**
         * The client connected over TLS.
         */
        public function isSsl() {
            if ($this->_m_isSsl !== null)
                return $this->_m_isSsl;
            $this->_m_isSsl = ($this->client() & \ProxyProtocolV2\Pp2Client::SSL) != 0;
            return $this->_m_isSsl;
        }
        protected $_m_client;
        protected $_m_verify;
        protected $_m_subTlvs;

        /**
         * Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
         * CERT_SESS (0x04); the other bits are reserved.
         */
        public function client() { return $this->_m_client; }

        /**
         * Zero if the client presented a certificate and it was verified,
         * non-zero otherwise. HAProxy leaves it zero when no certificate
         * was used, so read it together with the certificate flags.
         */
        public function verify() { return $this->_m_verify; }
        public function subTlvs() { return $this->_m_subTlvs; }
    }
}

namespace ProxyProtocolV2 {
    class AddressFamily {

        /**
         * No address block; the receiver uses the real endpoints.
         */
        const UNSPEC = 0;
        const INET = 1;
        const INET6 = 2;
        const UNIX = 3;

        private const _VALUES = [0 => true, 1 => true, 2 => true, 3 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2 {
    class CommandEnum {

        /**
         * The proxy opened the connection itself (e.g. a health check). The
         * receiver uses the real connection endpoints and ignores the
         * addresses.
         */
        const CMD_LOCAL = 0;

        /**
         * Relayed on behalf of a client; the addresses describe it.
         */
        const CMD_PROXY = 1;

        private const _VALUES = [0 => true, 1 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2 {
    class Pp2Client {

        /**
         * The client connected over TLS.
         */
        const SSL = 1;

        /**
         * The client sent a certificate on this connection.
         */
        const CERT_CONN = 2;

        /**
         * The client sent a certificate at least once in this TLS session.
         */
        const CERT_SESS = 4;

        private const _VALUES = [1 => true, 2 => true, 4 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2 {
    class Pp2SubtypeSsl {

        /**
         * TLS version string, e.g. `TLSv1.3`.
         */
        const VERSION = 33;

        /**
         * Common Name of the client certificate (UTF-8).
         */
        const CN = 34;

        /**
         * Cipher name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`.
         */
        const CIPHER = 35;

        /**
         * Algorithm that signed the proxy's certificate, e.g. `RSA-SHA256`.
         */
        const SIG_ALG = 36;

        /**
         * Key algorithm of the proxy's certificate, e.g. `RSA2048`.
         */
        const KEY_ALG = 37;

        /**
         * Key-exchange group, e.g. `secp256r1` (added 2025).
         */
        const GROUP = 38;

        /**
         * Handshake signature scheme, e.g. `rsa_pss_rsae_sha256` (added 2025).
         */
        const SIG_SCHEME = 39;

        /**
         * The client's X.509 certificate, DER (added 2026).
         */
        const CLIENT_CERT = 40;

        private const _VALUES = [33 => true, 34 => true, 35 => true, 36 => true, 37 => true, 38 => true, 39 => true, 40 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2 {
    class Pp2Type {
        const ALPN = 1;
        const AUTHORITY = 2;
        const CRC32C = 3;
        const NOOP = 4;
        const UNIQUE_ID = 5;
        const SSL = 32;
        const NETNS = 48;

        private const _VALUES = [1 => true, 2 => true, 3 => true, 4 => true, 5 => true, 32 => true, 48 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}

namespace ProxyProtocolV2 {
    class TransportProtocol {
        const UNSPEC = 0;

        /**
         * TCP, or a UNIX stream socket.
         */
        const STREAM = 1;

        /**
         * UDP, or a UNIX datagram socket.
         */
        const DGRAM = 2;

        private const _VALUES = [0 => true, 1 => true, 2 => true];

        public static function isDefined(int $v): bool {
            return isset(self::_VALUES[$v]);
        }
    }
}
