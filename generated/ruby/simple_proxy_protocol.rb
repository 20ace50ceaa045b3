# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
# Protocol enabled, every datagram between Cloudflare and the origin server
# starts with a fixed 38-byte header telling who the real client is, and
# the original payload follows. The origin must send its replies back with
# the same header (the client's address and port, not swapped) so that
# Cloudflare can route them to that client. The leg between the client and
# Cloudflare never carries it.
# 
# There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
# the only identification, so a reader that looks for SPP in arbitrary UDP
# traffic should add plausibility checks (for instance, both addresses
# IPv4-mapped or both native IPv6). IPv4 addresses are carried as
# IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
# All numbers are big-endian.
# @see https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/ Source
# @see https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/ Source
class SimpleProxyProtocol < Kaitai::Struct::Struct
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @magic = @_io.read_u2be
    raise Kaitai::Struct::ValidationNotEqualError.new(22252, @magic, @_io, "/seq/0") if not @magic == 22252
    _io_client_addr = @_io.substream(16)
    @client_addr = IpAddress.new(_io_client_addr, self, @_root)
    _io_proxy_addr = @_io.substream(16)
    @proxy_addr = IpAddress.new(_io_proxy_addr, self, @_root)
    @client_port = @_io.read_u2be
    @proxy_port = @_io.read_u2be
    @payload = @_io.read_bytes_full
    self
  end

  ##
  # An IPv6 address, or an IPv4 address in IPv4-mapped form.
  # @see https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2 Source
  class IpAddress < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @ipv6 = @_io.read_bytes(16)
      self
    end

    ##
    # The IPv4 address, for an IPv4-mapped address.
    def ipv4
      return @ipv4 unless @ipv4.nil?
      if is_ipv4_mapped
        _pos = @_io.pos
        @_io.seek(12)
        @ipv4 = @_io.read_bytes(4)
        @_io.seek(_pos)
      end
      @ipv4
    end
    def is_ipv4_mapped
      return @is_ipv4_mapped unless @is_ipv4_mapped.nil?
      @is_ipv4_mapped = mapped_prefix == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255].pack('C*')
      @is_ipv4_mapped
    end

    ##
    # The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
    def mapped_prefix
      return @mapped_prefix unless @mapped_prefix.nil?
      _pos = @_io.pos
      @_io.seek(0)
      @mapped_prefix = @_io.read_bytes(12)
      @_io.seek(_pos)
      @mapped_prefix
    end

    ##
    # The address as 16 bytes, network byte order.
    attr_reader :ipv6
  end

  ##
  # Always 0x56EC, the only mark of an SPP header.
  attr_reader :magic

  ##
  # The client's address as Cloudflare saw it.
  attr_reader :client_addr

  ##
  # The Cloudflare address that received the client's datagram.
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
  attr_reader :_raw_client_addr
  attr_reader :_raw_proxy_addr
end
