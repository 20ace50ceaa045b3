-- This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
--
-- This file is compatible with Lua 5.3

local class = require("class")
require("kaitaistruct")
local enum = require("enum")
local utils = require("utils")
local stringstream = require("string_stream")

-- 
-- The PROXY protocol lets a proxy or load balancer tell the server behind it
-- who the real client is: before any payload, the proxy sends one header
-- that carries the client's and the proxied-to addresses and ports, plus
-- optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
-- ...\r\n`, not covered here); version 2, described here, is binary.
-- 
-- A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
-- a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
-- exchange; one byte holding the protocol version (always 2) and the
-- command (LOCAL or PROXY); one byte holding the address family and the
-- transport protocol; and the big-endian length of the rest. The rest holds
-- an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
-- 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
-- bytes after the header belong to the proxied payload and are not part of
-- this format. On UDP, header and payload share one datagram.
-- 
-- Some checks cannot be expressed here and are left to the host program: a
-- CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
-- computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
-- bytes at the end of the TLV area (too short to be a TLV header) makes the
-- header invalid, while this spec cannot tell it from a truncated TLV and
-- fails on it with an end-of-stream error. The command, family and
-- transport nibbles are validated (the spec requires a receiver to reject
-- any value it does not define).
-- 
-- Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
-- (HAProxy commit 50872daa), which also registers the SSL sub-types added
-- in 2025 and 2026.
-- See also: section 2.2 (https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt)
ProxyProtocolV2 = class.class(KaitaiStruct)

ProxyProtocolV2.AddressFamily = enum.Enum {
  unspec = 0,
  inet = 1,
  inet6 = 2,
  unix = 3,
}

ProxyProtocolV2.CommandEnum = enum.Enum {
  cmd_local = 0,
  cmd_proxy = 1,
}

ProxyProtocolV2.Pp2Client = enum.Enum {
  ssl = 1,
  cert_conn = 2,
  cert_sess = 4,
}

ProxyProtocolV2.Pp2SubtypeSsl = enum.Enum {
  version = 33,
  cn = 34,
  cipher = 35,
  sig_alg = 36,
  key_alg = 37,
  group = 38,
  sig_scheme = 39,
  client_cert = 40,
}

ProxyProtocolV2.Pp2Type = enum.Enum {
  alpn = 1,
  authority = 2,
  crc32c = 3,
  noop = 4,
  unique_id = 5,
  ssl = 32,
  netns = 48,
}

ProxyProtocolV2.TransportProtocol = enum.Enum {
  unspec = 0,
  stream = 1,
  dgram = 2,
}

function ProxyProtocolV2:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root or self
  self:_read()
end

function ProxyProtocolV2:_read()
  self.magic = self._io:read_bytes(12)
  if not(self.magic == "\013\010\013\010\000\013\010\081\085\073\084\010") then
    error("not equal, expected " .. "\013\010\013\010\000\013\010\081\085\073\084\010" .. ", but got " .. self.magic)
  end
  self.version = self._io:read_bits_int_be(4)
  if not(self.version == 2) then
    error("not equal, expected " .. 2 .. ", but got " .. self.version)
  end
  self.command = ProxyProtocolV2.CommandEnum(self._io:read_bits_int_be(4))
  if self.command == nil then
    error("ValidationNotInEnumError")
  end
  self.family = ProxyProtocolV2.AddressFamily(self._io:read_bits_int_be(4))
  if self.family == nil then
    error("ValidationNotInEnumError")
  end
  self.transport = ProxyProtocolV2.TransportProtocol(self._io:read_bits_int_be(4))
  if self.transport == nil then
    error("ValidationNotInEnumError")
  end
  self._io:align_to_byte()
  self.len_body = self._io:read_u2be()
  local _on = utils.box_unwrap((self.command == ProxyProtocolV2.CommandEnum.cmd_local) and utils.box_wrap(0) or (self.family.value * 16 + self.transport.value))
  if _on == 0 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyTlvsOnly(_io, self, self._root)
  elseif _on == 17 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyInet(_io, self, self._root)
  elseif _on == 18 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyInet(_io, self, self._root)
  elseif _on == 33 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyInet6(_io, self, self._root)
  elseif _on == 34 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyInet6(_io, self, self._root)
  elseif _on == 49 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyUnix(_io, self, self._root)
  elseif _on == 50 then
    self._raw_body = self._io:read_bytes(self.len_body)
    local _io = KaitaiStream(stringstream(self._raw_body))
    self.body = ProxyProtocolV2.BodyUnix(_io, self, self._root)
  else
    self.body = self._io:read_bytes(self.len_body)
  end
end

-- 
-- The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
-- a NUL byte, so it must never be handled as a C string.
-- 
-- Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
-- 
-- The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
-- 
-- Address family, the high nibble of `fam`.
-- 
-- Transport protocol, the low nibble of `fam`.
-- 
-- Number of bytes after this 16-byte fixed part: the address block plus
-- all TLVs. The whole header is `16 + len_body` bytes. A receiver must
-- always honour it, also for LOCAL (which senders usually send with a
-- zero length, but HAProxy health checks may carry TLVs).
-- 
-- Everything after the fixed part. Being a size-limited substream, it
-- guarantees that no TLV can reach into the payload that follows.
-- 
-- Its layout is chosen by the command, then by the `fam` byte. A LOCAL
-- header has no address block whatever its family: everything after
-- the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
-- the receiver to discard the protocol block including the family, and
-- HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
-- the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
-- INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
-- Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
-- the body is kept as raw bytes, and a receiver falls back to the real
-- connection endpoints, as for UNSPEC.

-- 
-- The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
-- UDP): the 12-byte address block (`ipv4_addr` of the spec's union
-- `proxy_addr`), then TLVs.
ProxyProtocolV2.BodyInet = class.class(KaitaiStruct)

function ProxyProtocolV2.BodyInet:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.BodyInet:_read()
  self.src_addr = self._io:read_bytes(4)
  self.dst_addr = self._io:read_bytes(4)
  self.src_port = self._io:read_u2be()
  self.dst_port = self._io:read_u2be()
  self.tlvs = {}
  local i = 0
  while not self._io:is_eof() do
    self.tlvs[i + 1] = ProxyProtocolV2.Tlv(self._io, self, self._root)
    i = i + 1
  end
end

-- 
-- Source (client) IPv4 address, network byte order.
-- 
-- Destination (proxied-to) IPv4 address, network byte order.
-- 
-- Extensions in the order sent; a type may appear more than once.

-- 
-- The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
-- UDP): the 36-byte address block (`ipv6_addr` of the spec's union
-- `proxy_addr`), then TLVs.
ProxyProtocolV2.BodyInet6 = class.class(KaitaiStruct)

function ProxyProtocolV2.BodyInet6:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.BodyInet6:_read()
  self.src_addr = self._io:read_bytes(16)
  self.dst_addr = self._io:read_bytes(16)
  self.src_port = self._io:read_u2be()
  self.dst_port = self._io:read_u2be()
  self.tlvs = {}
  local i = 0
  while not self._io:is_eof() do
    self.tlvs[i + 1] = ProxyProtocolV2.Tlv(self._io, self, self._root)
    i = i + 1
  end
end

-- 
-- Source (client) IPv6 address, network byte order.
-- 
-- Destination (proxied-to) IPv6 address, network byte order.
-- 
-- Extensions in the order sent; a type may appear more than once.

-- 
-- The body of a LOCAL header, or of a PROXY header with family UNSPEC:
-- TLVs only, no address block.
ProxyProtocolV2.BodyTlvsOnly = class.class(KaitaiStruct)

function ProxyProtocolV2.BodyTlvsOnly:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.BodyTlvsOnly:_read()
  self.tlvs = {}
  local i = 0
  while not self._io:is_eof() do
    self.tlvs[i + 1] = ProxyProtocolV2.Tlv(self._io, self, self._root)
    i = i + 1
  end
end

-- 
-- Extensions in the order sent; a type may appear more than once.

-- 
-- The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
-- 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
-- union `proxy_addr`), then TLVs. Each path follows `sun_path`
-- conventions: padded with NUL bytes; an abstract socket name starts
-- with a NUL byte. Kept raw.
ProxyProtocolV2.BodyUnix = class.class(KaitaiStruct)

function ProxyProtocolV2.BodyUnix:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.BodyUnix:_read()
  self.src_addr = self._io:read_bytes(108)
  self.dst_addr = self._io:read_bytes(108)
  self.tlvs = {}
  local i = 0
  while not self._io:is_eof() do
    self.tlvs[i + 1] = ProxyProtocolV2.Tlv(self._io, self, self._root)
    i = i + 1
  end
end

-- 
-- Extensions in the order sent; a type may appear more than once.

-- 
-- A TLV nested in the SSL TLV, same framing as `tlv`. All known values
-- are text (US-ASCII, or UTF-8 for the common name) except the client
-- certificate, which is DER; all are kept as raw bytes.
ProxyProtocolV2.SslSubTlv = class.class(KaitaiStruct)

function ProxyProtocolV2.SslSubTlv:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.SslSubTlv:_read()
  self.subtype = ProxyProtocolV2.Pp2SubtypeSsl(self._io:read_u1())
  self.len_value = self._io:read_u2be()
  self.value = self._io:read_bytes(self.len_value)
end


-- 
-- Type-length-value extension (struct `pp2_tlv`): a type byte, a
-- big-endian 16-bit length counting only the value, then the value.
-- Receivers skip types they do not know; their value stays raw bytes.
-- 
-- Types 0xE0-0xEF are a range left to custom use: each application
-- picks its own meaning, so their values stay raw here. The layouts
-- three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
-- specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
-- for a reader to apply to a raw value when it knows which vendor is in
-- front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
-- are kept raw like any unknown type.
-- See also: section 2.2 (https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt)
ProxyProtocolV2.Tlv = class.class(KaitaiStruct)

function ProxyProtocolV2.Tlv:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.Tlv:_read()
  self.tlv_type = ProxyProtocolV2.Pp2Type(self._io:read_u1())
  self.len_value = self._io:read_u2be()
  local _on = self.tlv_type
  if _on == ProxyProtocolV2.Pp2Type.crc32c then
    self._raw_value = self._io:read_bytes(self.len_value)
    local _io = KaitaiStream(stringstream(self._raw_value))
    self.value = ProxyProtocolV2.TlvCrc32c(_io, self, self._root)
  elseif _on == ProxyProtocolV2.Pp2Type.ssl then
    self._raw_value = self._io:read_bytes(self.len_value)
    local _io = KaitaiStream(stringstream(self._raw_value))
    self.value = ProxyProtocolV2.TlvSsl(_io, self, self._root)
  else
    self.value = self._io:read_bytes(self.len_value)
  end
end

-- 
-- Length of the value in bytes (the spec's `length_hi`/`length_lo`).
-- 
-- The value, decoded for CRC32C and SSL. Every other type is raw
-- bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
-- host name, usually the TLS SNI), NOOP (padding, to be ignored),
-- UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
-- name), the custom range and unknown types. Text is left as
-- bytes on purpose: a malformed string is for the reader to flag,
-- not a reason to reject the whole header.

-- 
-- CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
-- signature to last TLV, computed with these 4 bytes set to zero. A
-- mismatch makes the header invalid; checking it is left to the host.
-- The value must be exactly 4 bytes long: a shorter one fails here
-- (end of stream), a longer one must be rejected by the host too.
-- See also: section 2.2.3 (https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt)
ProxyProtocolV2.TlvCrc32c = class.class(KaitaiStruct)

function ProxyProtocolV2.TlvCrc32c:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.TlvCrc32c:_read()
  self.checksum = self._io:read_u4be()
end

-- 
-- Big-endian, as HAProxy and nginx write it.

-- 
-- Details of the TLS session between the client and the proxy
-- (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
-- the verify result, followed by sub-TLVs that fill the rest of this
-- value and only have meaning inside it.
-- See also: section 2.2.6 (https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt)
ProxyProtocolV2.TlvSsl = class.class(KaitaiStruct)

function ProxyProtocolV2.TlvSsl:_init(io, parent, root)
  KaitaiStruct._init(self, io)
  self._parent = parent
  self._root = root
  self:_read()
end

function ProxyProtocolV2.TlvSsl:_read()
  self.client = self._io:read_u1()
  self.verify = self._io:read_u4be()
  self.sub_tlvs = {}
  local i = 0
  while not self._io:is_eof() do
    self.sub_tlvs[i + 1] = ProxyProtocolV2.SslSubTlv(self._io, self, self._root)
    i = i + 1
  end
end

-- 
-- The client sent a certificate on this connection.
ProxyProtocolV2.TlvSsl.property.has_cert_conn = {}
function ProxyProtocolV2.TlvSsl.property.has_cert_conn:get()
  if self._m_has_cert_conn ~= nil then
    return self._m_has_cert_conn
  end

  self._m_has_cert_conn = self.client & ProxyProtocolV2.Pp2Client.cert_conn.value ~= 0
  return self._m_has_cert_conn
end

-- 
-- The client sent a certificate at least once in this TLS session.
ProxyProtocolV2.TlvSsl.property.has_cert_sess = {}
function ProxyProtocolV2.TlvSsl.property.has_cert_sess:get()
  if self._m_has_cert_sess ~= nil then
    return self._m_has_cert_sess
  end

  self._m_has_cert_sess = self.client & ProxyProtocolV2.Pp2Client.cert_sess.value ~= 0
  return self._m_has_cert_sess
end

-- 
-- The client connected over TLS.
ProxyProtocolV2.TlvSsl.property.is_ssl = {}
function ProxyProtocolV2.TlvSsl.property.is_ssl:get()
  if self._m_is_ssl ~= nil then
    return self._m_is_ssl
  end

  self._m_is_ssl = self.client & ProxyProtocolV2.Pp2Client.ssl.value ~= 0
  return self._m_is_ssl
end

-- 
-- Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
-- CERT_SESS (0x04); the other bits are reserved.
-- 
-- Zero if the client presented a certificate and it was verified,
-- non-zero otherwise. HAProxy leaves it zero when no certificate
-- was used, so read it together with the certificate flags.

