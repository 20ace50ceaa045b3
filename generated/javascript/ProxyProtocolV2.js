// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.ProxyProtocolV2 || (root.ProxyProtocolV2 = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (ProxyProtocolV2_, KaitaiStream) {
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
 * @see {@link https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt|section 2.2}
 */

var ProxyProtocolV2 = (function() {
  ProxyProtocolV2.AddressFamily = Object.freeze({
    UNSPEC: 0,
    INET: 1,
    INET6: 2,
    UNIX: 3,

    0: "UNSPEC",
    1: "INET",
    2: "INET6",
    3: "UNIX",
  });

  ProxyProtocolV2.CommandEnum = Object.freeze({
    CMD_LOCAL: 0,
    CMD_PROXY: 1,

    0: "CMD_LOCAL",
    1: "CMD_PROXY",
  });

  ProxyProtocolV2.Pp2Client = Object.freeze({
    SSL: 1,
    CERT_CONN: 2,
    CERT_SESS: 4,

    1: "SSL",
    2: "CERT_CONN",
    4: "CERT_SESS",
  });

  ProxyProtocolV2.Pp2SubtypeSsl = Object.freeze({
    VERSION: 33,
    CN: 34,
    CIPHER: 35,
    SIG_ALG: 36,
    KEY_ALG: 37,
    GROUP: 38,
    SIG_SCHEME: 39,
    CLIENT_CERT: 40,

    33: "VERSION",
    34: "CN",
    35: "CIPHER",
    36: "SIG_ALG",
    37: "KEY_ALG",
    38: "GROUP",
    39: "SIG_SCHEME",
    40: "CLIENT_CERT",
  });

  ProxyProtocolV2.Pp2Type = Object.freeze({
    ALPN: 1,
    AUTHORITY: 2,
    CRC32C: 3,
    NOOP: 4,
    UNIQUE_ID: 5,
    SSL: 32,
    NETNS: 48,

    1: "ALPN",
    2: "AUTHORITY",
    3: "CRC32C",
    4: "NOOP",
    5: "UNIQUE_ID",
    32: "SSL",
    48: "NETNS",
  });

  ProxyProtocolV2.TransportProtocol = Object.freeze({
    UNSPEC: 0,
    STREAM: 1,
    DGRAM: 2,

    0: "UNSPEC",
    1: "STREAM",
    2: "DGRAM",
  });

  function ProxyProtocolV2(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  ProxyProtocolV2.prototype._read = function() {
    this.magic = this._io.readBytes(12);
    if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10])) == 0))) {
      throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10]), this.magic, this._io, "/seq/0");
    }
    this.version = this._io.readBitsIntBe(4);
    if (!(this.version == 2)) {
      throw new KaitaiStream.ValidationNotEqualError(2, this.version, this._io, "/seq/1");
    }
    this.command = this._io.readBitsIntBe(4);
    if (!Object.prototype.hasOwnProperty.call(ProxyProtocolV2.CommandEnum, this.command)) {
      throw new KaitaiStream.ValidationNotInEnumError(this.command, this._io, "/seq/2");
    }
    this.family = this._io.readBitsIntBe(4);
    if (!Object.prototype.hasOwnProperty.call(ProxyProtocolV2.AddressFamily, this.family)) {
      throw new KaitaiStream.ValidationNotInEnumError(this.family, this._io, "/seq/3");
    }
    this.transport = this._io.readBitsIntBe(4);
    if (!Object.prototype.hasOwnProperty.call(ProxyProtocolV2.TransportProtocol, this.transport)) {
      throw new KaitaiStream.ValidationNotInEnumError(this.transport, this._io, "/seq/4");
    }
    this._io.alignToByte();
    this.lenBody = this._io.readU2be();
    switch ((this.command == ProxyProtocolV2.CommandEnum.CMD_LOCAL ? 0 : this.family * 16 + this.transport)) {
    case 0:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyTlvsOnly(_io__raw_body, this, this._root);
      break;
    case 17:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyInet(_io__raw_body, this, this._root);
      break;
    case 18:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyInet(_io__raw_body, this, this._root);
      break;
    case 33:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyInet6(_io__raw_body, this, this._root);
      break;
    case 34:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyInet6(_io__raw_body, this, this._root);
      break;
    case 49:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyUnix(_io__raw_body, this, this._root);
      break;
    case 50:
      this._raw_body = this._io.readBytes(this.lenBody);
      var _io__raw_body = new KaitaiStream(this._raw_body);
      this.body = new BodyUnix(_io__raw_body, this, this._root);
      break;
    default:
      this.body = this._io.readBytes(this.lenBody);
      break;
    }
  }

  /**
   * The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
   * UDP): the 12-byte address block (`ipv4_addr` of the spec's union
   * `proxy_addr`), then TLVs.
   */

  var BodyInet = ProxyProtocolV2.BodyInet = (function() {
    function BodyInet(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    BodyInet.prototype._read = function() {
      this.srcAddr = this._io.readBytes(4);
      this.dstAddr = this._io.readBytes(4);
      this.srcPort = this._io.readU2be();
      this.dstPort = this._io.readU2be();
      this.tlvs = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.tlvs.push(new Tlv(this._io, this, this._root));
        i++;
      }
    }

    /**
     * Source (client) IPv4 address, network byte order.
     */

    /**
     * Destination (proxied-to) IPv4 address, network byte order.
     */

    /**
     * Extensions in the order sent; a type may appear more than once.
     */

    return BodyInet;
  })();

  /**
   * The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
   * UDP): the 36-byte address block (`ipv6_addr` of the spec's union
   * `proxy_addr`), then TLVs.
   */

  var BodyInet6 = ProxyProtocolV2.BodyInet6 = (function() {
    function BodyInet6(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    BodyInet6.prototype._read = function() {
      this.srcAddr = this._io.readBytes(16);
      this.dstAddr = this._io.readBytes(16);
      this.srcPort = this._io.readU2be();
      this.dstPort = this._io.readU2be();
      this.tlvs = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.tlvs.push(new Tlv(this._io, this, this._root));
        i++;
      }
    }

    /**
     * Source (client) IPv6 address, network byte order.
     */

    /**
     * Destination (proxied-to) IPv6 address, network byte order.
     */

    /**
     * Extensions in the order sent; a type may appear more than once.
     */

    return BodyInet6;
  })();

  /**
   * The body of a LOCAL header, or of a PROXY header with family UNSPEC:
   * TLVs only, no address block.
   */

  var BodyTlvsOnly = ProxyProtocolV2.BodyTlvsOnly = (function() {
    function BodyTlvsOnly(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    BodyTlvsOnly.prototype._read = function() {
      this.tlvs = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.tlvs.push(new Tlv(this._io, this, this._root));
        i++;
      }
    }

    /**
     * Extensions in the order sent; a type may appear more than once.
     */

    return BodyTlvsOnly;
  })();

  /**
   * The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
   * 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
   * union `proxy_addr`), then TLVs. Each path follows `sun_path`
   * conventions: padded with NUL bytes; an abstract socket name starts
   * with a NUL byte. Kept raw.
   */

  var BodyUnix = ProxyProtocolV2.BodyUnix = (function() {
    function BodyUnix(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    BodyUnix.prototype._read = function() {
      this.srcAddr = this._io.readBytes(108);
      this.dstAddr = this._io.readBytes(108);
      this.tlvs = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.tlvs.push(new Tlv(this._io, this, this._root));
        i++;
      }
    }

    /**
     * Extensions in the order sent; a type may appear more than once.
     */

    return BodyUnix;
  })();

  /**
   * A TLV nested in the SSL TLV, same framing as `tlv`. All known values
   * are text (US-ASCII, or UTF-8 for the common name) except the client
   * certificate, which is DER; all are kept as raw bytes.
   */

  var SslSubTlv = ProxyProtocolV2.SslSubTlv = (function() {
    function SslSubTlv(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    SslSubTlv.prototype._read = function() {
      this.subtype = this._io.readU1();
      this.lenValue = this._io.readU2be();
      this.value = this._io.readBytes(this.lenValue);
    }

    return SslSubTlv;
  })();

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
   * @see {@link https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt|section 2.2}
   */

  var Tlv = ProxyProtocolV2.Tlv = (function() {
    function Tlv(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    Tlv.prototype._read = function() {
      this.tlvType = this._io.readU1();
      this.lenValue = this._io.readU2be();
      switch (this.tlvType) {
      case ProxyProtocolV2.Pp2Type.CRC32C:
        this._raw_value = this._io.readBytes(this.lenValue);
        var _io__raw_value = new KaitaiStream(this._raw_value);
        this.value = new TlvCrc32c(_io__raw_value, this, this._root);
        break;
      case ProxyProtocolV2.Pp2Type.SSL:
        this._raw_value = this._io.readBytes(this.lenValue);
        var _io__raw_value = new KaitaiStream(this._raw_value);
        this.value = new TlvSsl(_io__raw_value, this, this._root);
        break;
      default:
        this.value = this._io.readBytes(this.lenValue);
        break;
      }
    }

    /**
     * Length of the value in bytes (the spec's `length_hi`/`length_lo`).
     */

    /**
     * The value, decoded for CRC32C and SSL. Every other type is raw
     * bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
     * host name, usually the TLS SNI), NOOP (padding, to be ignored),
     * UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
     * name), the custom range and unknown types. Text is left as
     * bytes on purpose: a malformed string is for the reader to flag,
     * not a reason to reject the whole header.
     */

    return Tlv;
  })();

  /**
   * CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
   * signature to last TLV, computed with these 4 bytes set to zero. A
   * mismatch makes the header invalid; checking it is left to the host.
   * The value must be exactly 4 bytes long: a shorter one fails here
   * (end of stream), a longer one must be rejected by the host too.
   * @see {@link https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt|section 2.2.3}
   */

  var TlvCrc32c = ProxyProtocolV2.TlvCrc32c = (function() {
    function TlvCrc32c(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    TlvCrc32c.prototype._read = function() {
      this.checksum = this._io.readU4be();
    }

    /**
     * Big-endian, as HAProxy and nginx write it.
     */

    return TlvCrc32c;
  })();

  /**
   * Details of the TLS session between the client and the proxy
   * (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
   * the verify result, followed by sub-TLVs that fill the rest of this
   * value and only have meaning inside it.
   * @see {@link https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt|section 2.2.6}
   */

  var TlvSsl = ProxyProtocolV2.TlvSsl = (function() {
    function TlvSsl(_io, _parent, _root) {
      this._io = _io;
      this._parent = _parent;
      this._root = _root;

      this._read();
    }
    TlvSsl.prototype._read = function() {
      this.client = this._io.readU1();
      this.verify = this._io.readU4be();
      this.subTlvs = [];
      var i = 0;
      while (!this._io.isEof()) {
        this.subTlvs.push(new SslSubTlv(this._io, this, this._root));
        i++;
      }
    }

    /**
     * The client sent a certificate on this connection.
     */
    Object.defineProperty(TlvSsl.prototype, 'hasCertConn', {
      get: function() {
        if (this._m_hasCertConn !== undefined)
          return this._m_hasCertConn;
        this._m_hasCertConn = (this.client & ProxyProtocolV2.Pp2Client.CERT_CONN) != 0;
        return this._m_hasCertConn;
      }
    });

    /**
     * The client sent a certificate at least once in this TLS session.
     */
    Object.defineProperty(TlvSsl.prototype, 'hasCertSess', {
      get: function() {
        if (this._m_hasCertSess !== undefined)
          return this._m_hasCertSess;
        this._m_hasCertSess = (this.client & ProxyProtocolV2.Pp2Client.CERT_SESS) != 0;
        return this._m_hasCertSess;
      }
    });

    /**
     * The client connected over TLS.
     */
    Object.defineProperty(TlvSsl.prototype, 'isSsl', {
      get: function() {
        if (this._m_isSsl !== undefined)
          return this._m_isSsl;
        this._m_isSsl = (this.client & ProxyProtocolV2.Pp2Client.SSL) != 0;
        return this._m_isSsl;
      }
    });

    /**
     * Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
     * CERT_SESS (0x04); the other bits are reserved.
     */

    /**
     * Zero if the client presented a certificate and it was verified,
     * non-zero otherwise. HAProxy leaves it zero when no certificate
     * was used, so read it together with the certificate flags.
     */

    return TlvSsl;
  })();

  /**
   * The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
   * a NUL byte, so it must never be handled as a C string.
   */

  /**
   * Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
   */

  /**
   * The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
   */

  /**
   * Address family, the high nibble of `fam`.
   */

  /**
   * Transport protocol, the low nibble of `fam`.
   */

  /**
   * Number of bytes after this 16-byte fixed part: the address block plus
   * all TLVs. The whole header is `16 + len_body` bytes. A receiver must
   * always honour it, also for LOCAL (which senders usually send with a
   * zero length, but HAProxy health checks may carry TLVs).
   */

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

  return ProxyProtocolV2;
})();
ProxyProtocolV2_.ProxyProtocolV2 = ProxyProtocolV2;
});
