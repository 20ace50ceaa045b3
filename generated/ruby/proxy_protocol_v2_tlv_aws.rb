# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
# Load Balancer sends it for a connection that came through AWS PrivateLink:
# a subtype byte, then the subtype's value, which fills the rest. Subtype
# 0x01 carries the id of the VPC endpoint the client connected through, as
# US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
# 
# 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
# use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
# Apply this type to that raw value when the proxy in front is known to be
# AWS; another application may give 0xEA another meaning. An empty value
# fails here with an end-of-stream error.
# @see https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol Source
class ProxyProtocolV2TlvAws < Kaitai::Struct::Struct

  PP2_SUBTYPE_AWS = {
    1 => :pp2_subtype_aws_vpce_id,
  }
  I__PP2_SUBTYPE_AWS = PP2_SUBTYPE_AWS.invert

  PP2_TYPE = {
    234 => :pp2_type_aws,
  }
  I__PP2_TYPE = PP2_TYPE.invert
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @subtype = Kaitai::Struct::Stream::resolve_enum(PP2_SUBTYPE_AWS, @_io.read_u1)
    @value = @_io.read_bytes_full
    self
  end
  attr_reader :subtype

  ##
  # For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
  # text that is not well formed is for the reader to flag.
  attr_reader :value
end
