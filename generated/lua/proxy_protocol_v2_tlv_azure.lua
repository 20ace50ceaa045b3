-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")
local enum = require("enum")

-- 
-- The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
-- Private Link service sends it: a subtype byte, then the private endpoint's
-- 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
-- big-endian).
-- 
-- 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
-- use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
-- Apply this type to that raw value when the proxy in front is known to be
-- Azure's; another application may give 0xEE another meaning. The value is
-- exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
-- a longer one (bytes left after `value`) is not this layout either.
-- See also: Source (https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2)
ProxyProtocolV2TlvAzure = class.class(KaitaiStruct)

ProxyProtocolV2TlvAzure.Pp2SubtypeAzure = enum.Enum {
  private_endpoint_link_id = 1,
}

ProxyProtocolV2TlvAzure.Pp2Type = enum.Enum {
  azure = 238,
}

function ProxyProtocolV2TlvAzure:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function ProxyProtocolV2TlvAzure:_read()
  self.subtype = ProxyProtocolV2TlvAzure.Pp2SubtypeAzure(self._io:read_u1())
  self.value = self._io:read_u4le()
end

-- 
-- The private endpoint's LINKID.

