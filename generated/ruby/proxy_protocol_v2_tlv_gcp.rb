# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
# Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
# and nothing else (no subtype byte).
# 
# 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
# use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
# Apply this type to that raw value when the proxy in front is known to be
# Google Cloud's; another application may give 0xE0 another meaning. The
# value is exactly 8 bytes: a shorter one fails here with an end-of-stream
# error, and a longer one (bytes left after `value`) is not this layout
# either.
# @see https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol Source
class ProxyProtocolV2TlvGcp < Kaitai::Struct::Struct

  PP2_TYPE = {
    224 => :pp2_type_gcp,
  }
  I__PP2_TYPE = PP2_TYPE.invert
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @value = @_io.read_u8be
    self
  end

  ##
  # The PSC connection id, an unsigned 64-bit number.
  attr_reader :value
end
