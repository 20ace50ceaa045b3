// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.SimpleProxyProtocol || (root.SimpleProxyProtocol = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (SimpleProxyProtocol_, KaitaiStream) {
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
 * @see {@link https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/|Source}
 */

var SimpleProxyProtocol = (function() {
  function SimpleProxyProtocol(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  SimpleProxyProtocol.prototype._read = function() {
    this.magic = this._io.readBytes(2);
    if (!((KaitaiStream.byteArrayCompare(this.magic, new Uint8Array([86, 236])) == 0))) {
      throw new KaitaiStream.ValidationNotEqualError(new Uint8Array([86, 236]), this.magic, this._io, "/seq/0");
    }
    this.clientAddr = this._io.readBytes(16);
    this.proxyAddr = this._io.readBytes(16);
    this.clientPort = this._io.readU2be();
    this.proxyPort = this._io.readU2be();
    this.payload = this._io.readBytesFull();
  }

  /**
   * Always 0x56EC, the only mark of an SPP header.
   */

  /**
   * The client's address as Cloudflare saw it: an IPv6 address, or an
   * IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
   */

  /**
   * The Cloudflare address that received the client's datagram, in the
   * same form as `client_addr`.
   */

  /**
   * The client's UDP source port.
   */

  /**
   * The UDP port on which Cloudflare received the datagram.
   */

  /**
   * The proxied datagram's payload, after the 38-byte header.
   */

  return SimpleProxyProtocol;
})();
SimpleProxyProtocol_.SimpleProxyProtocol = SimpleProxyProtocol;
});
