// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.ProxyProtocolV2TlvAws || (root.ProxyProtocolV2TlvAws = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (ProxyProtocolV2TlvAws_, KaitaiStream) {
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
 * @see {@link https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol|Source}
 */

var ProxyProtocolV2TlvAws = (function() {
  ProxyProtocolV2TlvAws.Pp2SubtypeAws = Object.freeze({
    VPCE_ID: 1,

    1: "VPCE_ID",
  });

  ProxyProtocolV2TlvAws.Pp2Type = Object.freeze({
    AWS: 234,

    234: "AWS",
  });

  function ProxyProtocolV2TlvAws(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  ProxyProtocolV2TlvAws.prototype._read = function() {
    this.subtype = this._io.readU1();
    this.value = this._io.readBytesFull();
  }

  /**
   * For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
   * text that is not well formed is for the reader to flag.
   */

  return ProxyProtocolV2TlvAws;
})();
ProxyProtocolV2TlvAws_.ProxyProtocolV2TlvAws = ProxyProtocolV2TlvAws;
});
