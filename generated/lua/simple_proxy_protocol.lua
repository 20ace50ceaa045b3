-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")
local stringstream = require("string_stream")

-- 
-- Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
-- Protocol enabled, every datagram between Cloudflare and the origin server
-- starts with a fixed 38-byte header telling who the real client is, and
-- the original payload follows. The origin must send its replies back with
-- the same header (the client's address and port, not swapped) so that
-- Cloudflare can route them to that client. The leg between the client and
-- Cloudflare never carries it.
-- 
-- There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
-- the only identification, so a reader that looks for SPP in arbitrary UDP
-- traffic should add plausibility checks (for instance, both addresses
-- IPv4-mapped or both native IPv6). IPv4 addresses are carried as
-- IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
-- All numbers are big-endian.
-- See also: Source (https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/)
-- See also: Source (https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/)
SimpleProxyProtocol = class.class(KaitaiStruct)

function SimpleProxyProtocol:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function SimpleProxyProtocol:_read()
  self.magic = self._io:read_u2be()
  if not(self.magic == 22252) then
    error("not equal, expected " .. 22252 .. ", but got " .. self.magic)
  end
  self._raw_client_addr = self._io:read_bytes(16)
  local _io = KaitaiStream(stringstream(self._raw_client_addr))
  self.client_addr = SimpleProxyProtocol.IpAddress(_io, self, self._root)
  self._raw_proxy_addr = self._io:read_bytes(16)
  local _io = KaitaiStream(stringstream(self._raw_proxy_addr))
  self.proxy_addr = SimpleProxyProtocol.IpAddress(_io, self, self._root)
  self.client_port = self._io:read_u2be()
  self.proxy_port = self._io:read_u2be()
  self.payload = self._io:read_bytes_full()
end

-- 
-- Always 0x56EC, the only mark of an SPP header.
-- 
-- The client's address as Cloudflare saw it.
-- 
-- The Cloudflare address that received the client's datagram.
-- 
-- The client's UDP source port.
-- 
-- The UDP port on which Cloudflare received the datagram.
-- 
-- The proxied datagram's payload, after the 38-byte header.

-- 
-- An IPv6 address, or an IPv4 address in IPv4-mapped form.
-- See also: Source (https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2)
SimpleProxyProtocol.IpAddress = class.class(KaitaiStruct)

function SimpleProxyProtocol.IpAddress:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function SimpleProxyProtocol.IpAddress:_read()
  self.ipv6 = self._io:read_bytes(16)
end

-- 
-- The IPv4 address, for an IPv4-mapped address.
SimpleProxyProtocol.IpAddress.property.ipv4 = {}
function SimpleProxyProtocol.IpAddress.property.ipv4:get()
  if self._m_ipv4 ~= nil then
    return self._m_ipv4
  end

  if self.is_ipv4_mapped then
    local _pos = self._io:pos()
    self._io:seek(12)
    self._m_ipv4 = self._io:read_bytes(4)
    self._io:seek(_pos)
  end
  return self._m_ipv4
end

SimpleProxyProtocol.IpAddress.property.is_ipv4_mapped = {}
function SimpleProxyProtocol.IpAddress.property.is_ipv4_mapped:get()
  if self._m_is_ipv4_mapped ~= nil then
    return self._m_is_ipv4_mapped
  end

  self._m_is_ipv4_mapped = self.mapped_prefix == "\000\000\000\000\000\000\000\000\000\000\255\255"
  return self._m_is_ipv4_mapped
end

-- 
-- The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
SimpleProxyProtocol.IpAddress.property.mapped_prefix = {}
function SimpleProxyProtocol.IpAddress.property.mapped_prefix:get()
  if self._m_mapped_prefix ~= nil then
    return self._m_mapped_prefix
  end

  local _pos = self._io:pos()
  self._io:seek(0)
  self._m_mapped_prefix = self._io:read_bytes(12)
  self._io:seek(_pos)
  return self._m_mapped_prefix
end

-- 
-- The address as 16 bytes, network byte order.

