-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")
local enum = require("enum")

-- 
-- The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
-- Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
-- and nothing else (no subtype byte).
-- 
-- 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
-- use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
-- Apply this type to that raw value when the proxy in front is known to be
-- Google Cloud's; another application may give 0xE0 another meaning. The
-- value is exactly 8 bytes: a shorter one fails here with an end-of-stream
-- error, and a longer one (bytes left after `value`) is not this layout
-- either.
-- See also: Source (https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol)
ProxyProtocolV2TlvGcp = class.class(KaitaiStruct)

ProxyProtocolV2TlvGcp.Pp2Type = enum.Enum {
  gcp = 224,
}

function ProxyProtocolV2TlvGcp:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function ProxyProtocolV2TlvGcp:_read()
  self.value = self._io:read_u8be()
end

-- 
-- The PSC connection id, an unsigned 64-bit number.

