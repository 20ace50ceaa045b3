-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")
local enum = require("enum")

-- 
-- The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
-- Load Balancer sends it for a connection that came through AWS PrivateLink:
-- a subtype byte, then the subtype's value, which fills the rest. Subtype
-- 0x01 carries the id of the VPC endpoint the client connected through, as
-- US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
-- 
-- 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
-- use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
-- Apply this type to that raw value when the proxy in front is known to be
-- AWS; another application may give 0xEA another meaning. An empty value
-- fails here with an end-of-stream error.
-- See also: Source (https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol)
ProxyProtocolV2TlvAws = class.class(KaitaiStruct)

ProxyProtocolV2TlvAws.Pp2SubtypeAws = enum.Enum {
  vpce_id = 1,
}

ProxyProtocolV2TlvAws.Pp2Type = enum.Enum {
  aws = 234,
}

function ProxyProtocolV2TlvAws:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function ProxyProtocolV2TlvAws:_read()
  self.subtype = ProxyProtocolV2TlvAws.Pp2SubtypeAws(self._io:read_u1())
  self.value = self._io:read_bytes_full()
end

-- 
-- For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
-- text that is not well formed is for the reader to flag.

