# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# The PROXY protocol lets a proxy or load balancer tell the server behind it
# who the real client is: before any payload, the proxy sends one header
# that carries the client's and the proxied-to addresses and ports, plus
# optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
# ...\r\n`, not covered here); version 2, described here, is binary.
# 
# A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
# a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
# exchange; one byte holding the protocol version (always 2) and the
# command (LOCAL or PROXY); one byte holding the address family and the
# transport protocol; and the big-endian length of the rest. The rest holds
# an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
# 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
# bytes after the header belong to the proxied payload and are not part of
# this format. On UDP, header and payload share one datagram.
# 
# Some checks cannot be expressed here and are left to the host program: a
# CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
# computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
# bytes at the end of the TLV area (too short to be a TLV header) makes the
# header invalid, while this spec cannot tell it from a truncated TLV and
# fails on it with an end-of-stream error. The command, family and
# transport nibbles are validated (the spec requires a receiver to reject
# any value it does not define).
# 
# Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
# (HAProxy commit 50872daa), which also registers the SSL sub-types added
# in 2025 and 2026.
# @see https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
class ProxyProtocolV2 < Kaitai::Struct::Struct

  ADDRESS_FAMILY = {
    0 => :address_family_unspec,
    1 => :address_family_inet,
    2 => :address_family_inet6,
    3 => :address_family_unix,
  }
  I__ADDRESS_FAMILY = ADDRESS_FAMILY.invert

  COMMAND_ENUM = {
    0 => :command_enum_cmd_local,
    1 => :command_enum_cmd_proxy,
  }
  I__COMMAND_ENUM = COMMAND_ENUM.invert

  PP2_CLIENT = {
    1 => :pp2_client_ssl,
    2 => :pp2_client_cert_conn,
    4 => :pp2_client_cert_sess,
  }
  I__PP2_CLIENT = PP2_CLIENT.invert

  PP2_SUBTYPE_SSL = {
    33 => :pp2_subtype_ssl_version,
    34 => :pp2_subtype_ssl_cn,
    35 => :pp2_subtype_ssl_cipher,
    36 => :pp2_subtype_ssl_sig_alg,
    37 => :pp2_subtype_ssl_key_alg,
    38 => :pp2_subtype_ssl_group,
    39 => :pp2_subtype_ssl_sig_scheme,
    40 => :pp2_subtype_ssl_client_cert,
  }
  I__PP2_SUBTYPE_SSL = PP2_SUBTYPE_SSL.invert

  PP2_TYPE = {
    1 => :pp2_type_alpn,
    2 => :pp2_type_authority,
    3 => :pp2_type_crc32c,
    4 => :pp2_type_noop,
    5 => :pp2_type_unique_id,
    32 => :pp2_type_ssl,
    48 => :pp2_type_netns,
  }
  I__PP2_TYPE = PP2_TYPE.invert

  TRANSPORT_PROTOCOL = {
    0 => :transport_protocol_unspec,
    1 => :transport_protocol_stream,
    2 => :transport_protocol_dgram,
  }
  I__TRANSPORT_PROTOCOL = TRANSPORT_PROTOCOL.invert
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @magic = @_io.read_bytes(12)
    raise Kaitai::Struct::ValidationNotEqualError.new([13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10].pack('C*'), @magic, @_io, "/seq/0") if not @magic == [13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10].pack('C*')
    @version = @_io.read_bits_int_be(4)
    raise Kaitai::Struct::ValidationNotEqualError.new(2, @version, @_io, "/seq/1") if not @version == 2
    @command = Kaitai::Struct::Stream::resolve_enum(COMMAND_ENUM, @_io.read_bits_int_be(4))
    raise Kaitai::Struct::ValidationNotInEnumError.new(@command, @_io, "/seq/2") if not I__COMMAND_ENUM.key?(@command)
    @family = Kaitai::Struct::Stream::resolve_enum(ADDRESS_FAMILY, @_io.read_bits_int_be(4))
    raise Kaitai::Struct::ValidationNotInEnumError.new(@family, @_io, "/seq/3") if not I__ADDRESS_FAMILY.key?(@family)
    @transport = Kaitai::Struct::Stream::resolve_enum(TRANSPORT_PROTOCOL, @_io.read_bits_int_be(4))
    raise Kaitai::Struct::ValidationNotInEnumError.new(@transport, @_io, "/seq/4") if not I__TRANSPORT_PROTOCOL.key?(@transport)
    @_io.align_to_byte
    @len_body = @_io.read_u2be
    case (command == :command_enum_cmd_local ? 0 : (I__ADDRESS_FAMILY[family] || family) * 16 + (I__TRANSPORT_PROTOCOL[transport] || transport))
    when 0
      _io_body = @_io.substream(len_body)
      @body = BodyTlvsOnly.new(_io_body, self, @_root)
    when 17
      _io_body = @_io.substream(len_body)
      @body = BodyInet.new(_io_body, self, @_root)
    when 18
      _io_body = @_io.substream(len_body)
      @body = BodyInet.new(_io_body, self, @_root)
    when 33
      _io_body = @_io.substream(len_body)
      @body = BodyInet6.new(_io_body, self, @_root)
    when 34
      _io_body = @_io.substream(len_body)
      @body = BodyInet6.new(_io_body, self, @_root)
    when 49
      _io_body = @_io.substream(len_body)
      @body = BodyUnix.new(_io_body, self, @_root)
    when 50
      _io_body = @_io.substream(len_body)
      @body = BodyUnix.new(_io_body, self, @_root)
    else
      @body = @_io.read_bytes(len_body)
    end
    self
  end

  ##
  # The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
  # UDP): the 12-byte address block (`ipv4_addr` of the spec's union
  # `proxy_addr`), then TLVs.
  class BodyInet < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @src_addr = @_io.read_bytes(4)
      @dst_addr = @_io.read_bytes(4)
      @src_port = @_io.read_u2be
      @dst_port = @_io.read_u2be
      @tlvs = []
      i = 0
      while not @_io.eof?
        @tlvs << Tlv.new(@_io, self, @_root)
        i += 1
      end
      self
    end

    ##
    # Source (client) IPv4 address, network byte order.
    attr_reader :src_addr

    ##
    # Destination (proxied-to) IPv4 address, network byte order.
    attr_reader :dst_addr
    attr_reader :src_port
    attr_reader :dst_port

    ##
    # Extensions in the order sent; a type may appear more than once.
    attr_reader :tlvs
  end

  ##
  # The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
  # UDP): the 36-byte address block (`ipv6_addr` of the spec's union
  # `proxy_addr`), then TLVs.
  class BodyInet6 < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @src_addr = @_io.read_bytes(16)
      @dst_addr = @_io.read_bytes(16)
      @src_port = @_io.read_u2be
      @dst_port = @_io.read_u2be
      @tlvs = []
      i = 0
      while not @_io.eof?
        @tlvs << Tlv.new(@_io, self, @_root)
        i += 1
      end
      self
    end

    ##
    # Source (client) IPv6 address, network byte order.
    attr_reader :src_addr

    ##
    # Destination (proxied-to) IPv6 address, network byte order.
    attr_reader :dst_addr
    attr_reader :src_port
    attr_reader :dst_port

    ##
    # Extensions in the order sent; a type may appear more than once.
    attr_reader :tlvs
  end

  ##
  # The body of a LOCAL header, or of a PROXY header with family UNSPEC:
  # TLVs only, no address block.
  class BodyTlvsOnly < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @tlvs = []
      i = 0
      while not @_io.eof?
        @tlvs << Tlv.new(@_io, self, @_root)
        i += 1
      end
      self
    end

    ##
    # Extensions in the order sent; a type may appear more than once.
    attr_reader :tlvs
  end

  ##
  # The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
  # 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
  # union `proxy_addr`), then TLVs. Each path follows `sun_path`
  # conventions: padded with NUL bytes; an abstract socket name starts
  # with a NUL byte. Kept raw.
  class BodyUnix < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @src_addr = @_io.read_bytes(108)
      @dst_addr = @_io.read_bytes(108)
      @tlvs = []
      i = 0
      while not @_io.eof?
        @tlvs << Tlv.new(@_io, self, @_root)
        i += 1
      end
      self
    end
    attr_reader :src_addr
    attr_reader :dst_addr

    ##
    # Extensions in the order sent; a type may appear more than once.
    attr_reader :tlvs
  end

  ##
  # A TLV nested in the SSL TLV, same framing as `tlv`. All known values
  # are text (US-ASCII, or UTF-8 for the common name) except the client
  # certificate, which is DER; all are kept as raw bytes.
  class SslSubTlv < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @subtype = Kaitai::Struct::Stream::resolve_enum(ProxyProtocolV2::PP2_SUBTYPE_SSL, @_io.read_u1)
      @len_value = @_io.read_u2be
      @value = @_io.read_bytes(len_value)
      self
    end
    attr_reader :subtype
    attr_reader :len_value
    attr_reader :value
  end

  ##
  # Type-length-value extension (struct `pp2_tlv`): a type byte, a
  # big-endian 16-bit length counting only the value, then the value.
  # Receivers skip types they do not know; their value stays raw bytes.
  # 
  # Types 0xE0-0xEF are a range left to custom use: each application
  # picks its own meaning, so their values stay raw here. The layouts
  # three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
  # specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
  # for a reader to apply to a raw value when it knows which vendor is in
  # front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
  # are kept raw like any unknown type.
  # @see https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
  class Tlv < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @tlv_type = Kaitai::Struct::Stream::resolve_enum(ProxyProtocolV2::PP2_TYPE, @_io.read_u1)
      @len_value = @_io.read_u2be
      case tlv_type
      when :pp2_type_crc32c
        _io_value = @_io.substream(len_value)
        @value = TlvCrc32c.new(_io_value, self, @_root)
      when :pp2_type_ssl
        _io_value = @_io.substream(len_value)
        @value = TlvSsl.new(_io_value, self, @_root)
      else
        @value = @_io.read_bytes(len_value)
      end
      self
    end
    attr_reader :tlv_type

    ##
    # Length of the value in bytes (the spec's `length_hi`/`length_lo`).
    attr_reader :len_value

    ##
    # The value, decoded for CRC32C and SSL. Every other type is raw
    # bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
    # host name, usually the TLS SNI), NOOP (padding, to be ignored),
    # UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
    # name), the custom range and unknown types. Text is left as
    # bytes on purpose: a malformed string is for the reader to flag,
    # not a reason to reject the whole header.
    attr_reader :value
    attr_reader :_raw_value
  end

  ##
  # CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
  # signature to last TLV, computed with these 4 bytes set to zero. A
  # mismatch makes the header invalid; checking it is left to the host.
  # The value must be exactly 4 bytes long: a shorter one fails here
  # (end of stream), a longer one must be rejected by the host too.
  # @see https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.3
  class TlvCrc32c < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @checksum = @_io.read_u4be
      self
    end

    ##
    # Big-endian, as HAProxy and nginx write it.
    attr_reader :checksum
  end

  ##
  # Details of the TLS session between the client and the proxy
  # (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
  # the verify result, followed by sub-TLVs that fill the rest of this
  # value and only have meaning inside it.
  # @see https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.6
  class TlvSsl < Kaitai::Struct::Struct
    def initialize(_io, _parent = nil, _root = nil)
      super(_io, _parent, _root)
      _read
    end

    def _read
      @client = @_io.read_u1
      @verify = @_io.read_u4be
      @sub_tlvs = []
      i = 0
      while not @_io.eof?
        @sub_tlvs << SslSubTlv.new(@_io, self, @_root)
        i += 1
      end
      self
    end

    ##
    # The client sent a certificate on this connection.
    def has_cert_conn
      return @has_cert_conn unless @has_cert_conn.nil?
      @has_cert_conn = client & (ProxyProtocolV2::I__PP2_CLIENT[:pp2_client_cert_conn] || :pp2_client_cert_conn) != 0
      @has_cert_conn
    end

    ##
    # The client sent a certificate at least once in this TLS session.
    def has_cert_sess
      return @has_cert_sess unless @has_cert_sess.nil?
      @has_cert_sess = client & (ProxyProtocolV2::I__PP2_CLIENT[:pp2_client_cert_sess] || :pp2_client_cert_sess) != 0
      @has_cert_sess
    end

    ##
    # The client connected over TLS.
    def is_ssl
      return @is_ssl unless @is_ssl.nil?
      @is_ssl = client & (ProxyProtocolV2::I__PP2_CLIENT[:pp2_client_ssl] || :pp2_client_ssl) != 0
      @is_ssl
    end

    ##
    # Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
    # CERT_SESS (0x04); the other bits are reserved.
    attr_reader :client

    ##
    # Zero if the client presented a certificate and it was verified,
    # non-zero otherwise. HAProxy leaves it zero when no certificate
    # was used, so read it together with the certificate flags.
    attr_reader :verify
    attr_reader :sub_tlvs
  end

  ##
  # The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
  # a NUL byte, so it must never be handled as a C string.
  attr_reader :magic

  ##
  # Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
  attr_reader :version

  ##
  # The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
  attr_reader :command

  ##
  # Address family, the high nibble of `fam`.
  attr_reader :family

  ##
  # Transport protocol, the low nibble of `fam`.
  attr_reader :transport

  ##
  # Number of bytes after this 16-byte fixed part: the address block plus
  # all TLVs. The whole header is `16 + len_body` bytes. A receiver must
  # always honour it, also for LOCAL (which senders usually send with a
  # zero length, but HAProxy health checks may carry TLVs).
  attr_reader :len_body

  ##
  # Everything after the fixed part. Being a size-limited substream, it
  # guarantees that no TLV can reach into the payload that follows.
  # 
  # Its layout is chosen by the command, then by the `fam` byte. A LOCAL
  # header has no address block whatever its family: everything after
  # the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
  # the receiver to discard the protocol block including the family, and
  # HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
  # the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
  # INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
  # Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
  # the body is kept as raw bytes, and a receiver falls back to the real
  # connection endpoints, as for UNSPEC.
  attr_reader :body
  attr_reader :_raw_body
end
