// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.ProxyProtocolV2TlvGcp || (root.ProxyProtocolV2TlvGcp = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (ProxyProtocolV2TlvGcp_, KaitaiStream) {
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
 * @see {@link https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol|Source}
 */

var ProxyProtocolV2TlvGcp = (function() {
  ProxyProtocolV2TlvGcp.Pp2Type = Object.freeze({
    GCP: 224,

    224: "GCP",
  });

  function ProxyProtocolV2TlvGcp(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  ProxyProtocolV2TlvGcp.prototype._read = function() {
    this.value = this._io.readU8be();
  }

  /**
   * The PSC connection id, an unsigned 64-bit number.
   */

  return ProxyProtocolV2TlvGcp;
})();
ProxyProtocolV2TlvGcp_.ProxyProtocolV2TlvGcp = ProxyProtocolV2TlvGcp;
});
