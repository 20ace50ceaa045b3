-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")

-- 
-- A UDP datagram between Cloudflare Spectrum and an origin server with the
-- Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
-- real client is, then the original payload. Cloudflare puts the header on
-- every datagram it sends to the origin, and the origin's replies carry the
-- same header (the client's address and port, not swapped).
-- 
-- There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
-- the only identification, so a reader that looks for SPP in arbitrary UDP
-- traffic should add plausibility checks (for instance, both addresses
-- IPv4-mapped or both native IPv6). IPv4 addresses are carried as
-- IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
-- All numbers are big-endian.
-- See also: Source (https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/)
SimpleProxyProtocol = class.class(KaitaiStruct)

function SimpleProxyProtocol:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function SimpleProxyProtocol:_read()
  self.magic = self._io:read_bytes(2)
  if not(self.magic == "\086\236") then
    error("not equal, expected " .. "\086\236" .. ", but got " .. self.magic)
  end
  self.client_addr = self._io:read_bytes(16)
  self.proxy_addr = self._io:read_bytes(16)
  self.client_port = self._io:read_u2be()
  self.proxy_port = self._io:read_u2be()
  self.payload = self._io:read_bytes_full()
end

-- 
-- Always 0x56EC, the only mark of an SPP header.
-- 
-- The client's address as Cloudflare saw it: an IPv6 address, or an
-- IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
-- 
-- The Cloudflare address that received the client's datagram, in the
-- same form as `client_addr`.
-- 
-- The client's UDP source port.
-- 
-- The UDP port on which Cloudflare received the datagram.
-- 
-- The proxied datagram's payload, after the 38-byte header.

