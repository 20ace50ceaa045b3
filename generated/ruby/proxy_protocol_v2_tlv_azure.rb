# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

require 'kaitai/struct/struct'

unless Gem::Version.new(Kaitai::Struct::VERSION) >= Gem::Version.new('0.11')
  raise "Incompatible Kaitai Struct Ruby API: 0.11 or later is required, but you have #{Kaitai::Struct::VERSION}"
end


##
# The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
# Private Link service sends it: a subtype byte, then the private endpoint's
# 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
# big-endian).
# 
# 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
# use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
# Apply this type to that raw value when the proxy in front is known to be
# Azure's; another application may give 0xEE another meaning. The value is
# exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
# a longer one (bytes left after `value`) is not this layout either.
# @see https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2 Source
class ProxyProtocolV2TlvAzure < Kaitai::Struct::Struct

  PP2_SUBTYPE_AZURE = {
    1 => :pp2_subtype_azure_private_endpoint_link_id,
  }
  I__PP2_SUBTYPE_AZURE = PP2_SUBTYPE_AZURE.invert

  PP2_TYPE = {
    238 => :pp2_type_azure,
  }
  I__PP2_TYPE = PP2_TYPE.invert
  def initialize(_io, _parent = nil, _root = nil)
    super(_io, _parent, _root || self)
    _read
  end

  def _read
    @subtype = Kaitai::Struct::Stream::resolve_enum(PP2_SUBTYPE_AZURE, @_io.read_u1)
    @value = @_io.read_u4le
    self
  end
  attr_reader :subtype

  ##
  # The private endpoint's LINKID.
  attr_reader :value
end
