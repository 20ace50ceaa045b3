# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# A UDP datagram between Cloudflare Spectrum and an origin server with the
# Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
# real client is, then the original payload. Cloudflare puts the header on
# every datagram it sends to the origin, and the origin's replies carry the
# same header (the client's address and port, not swapped).
# 
# There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
# the only identification, so a reader that looks for SPP in arbitrary UDP
# traffic should add plausibility checks (for instance, both addresses
# IPv4-mapped or both native IPv6). IPv4 addresses are carried as
# IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
# All numbers are big-endian.
# @see https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/ Source
class SimpleProxyProtocol < Kaitai::Struct::Struct
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @magic = @_io.read_bytes(2)
    raise Kaitai::Struct::ValidationNotEqualError.new([86, 236].pack('C*'), @magic, @_io, "/seq/0") if not @magic == [86, 236].pack('C*')
    @client_addr = @_io.read_bytes(16)
    @proxy_addr = @_io.read_bytes(16)
    @client_port = @_io.read_u2be
    @proxy_port = @_io.read_u2be
    @payload = @_io.read_bytes_full
    self
  end

  ##
  # Always 0x56EC, the only mark of an SPP header.
  attr_reader :magic

  ##
  # The client's address as Cloudflare saw it: an IPv6 address, or an
  # IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
  attr_reader :client_addr

  ##
  # The Cloudflare address that received the client's datagram, in the
  # same form as `client_addr`.
  attr_reader :proxy_addr

  ##
  # The client's UDP source port.
  attr_reader :client_port

  ##
  # The UDP port on which Cloudflare received the datagram.
  attr_reader :proxy_port

  ##
  # The proxied datagram's payload, after the 38-byte header.
  attr_reader :payload
end
