// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['exports', 'kaitai-struct/KaitaiStream'], factory);
  } else if (typeof exports === 'object' && exports !== null && typeof exports.nodeType !== 'number') {
    factory(exports, require('kaitai-struct/KaitaiStream'));
  } else {
    factory(root.ProxyProtocolV2TlvAzure || (root.ProxyProtocolV2TlvAzure = {}), root.KaitaiStream);
  }
})(typeof self !== 'undefined' ? self : this, function (ProxyProtocolV2TlvAzure_, KaitaiStream) {
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
 * @see {@link https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2|Source}
 */

var ProxyProtocolV2TlvAzure = (function() {
  ProxyProtocolV2TlvAzure.Pp2SubtypeAzure = Object.freeze({
    PRIVATE_ENDPOINT_LINK_ID: 1,

    1: "PRIVATE_ENDPOINT_LINK_ID",
  });

  ProxyProtocolV2TlvAzure.Pp2Type = Object.freeze({
    AZURE: 238,

    238: "AZURE",
  });

  function ProxyProtocolV2TlvAzure(_io, _parent, _root) {
    this._io = _io;
    this._parent = _parent;
    this._root = _root || this;

    this._read();
  }
  ProxyProtocolV2TlvAzure.prototype._read = function() {
    this.subtype = this._io.readU1();
    this.value = this._io.readU4le();
  }

  /**
   * The private endpoint's LINKID.
   */

  return ProxyProtocolV2TlvAzure;
})();
ProxyProtocolV2TlvAzure_.ProxyProtocolV2TlvAzure = ProxyProtocolV2TlvAzure;
});
