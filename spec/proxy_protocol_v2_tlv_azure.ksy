meta:
  id: proxy_protocol_v2_tlv_azure
  title: PROXY protocol v2 TLV 0xEE, Azure Private Link service
  application: Azure Private Link
  license: CC0-1.0
  ks-version: '0.8'
  endian: le
doc: |
  The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
  Private Link service sends it: a subtype byte, then the private endpoint's
  32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
  big-endian).

  0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
  use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
  Apply this type to that raw value when the proxy in front is known to be
  Azure's; another application may give 0xEE another meaning. The value is
  exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
  a longer one (bytes left after `value`) is not this layout either.
doc-ref: https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2
seq:
  - id: subtype
    type: u1
    enum: pp2_subtype_azure
  - id: value
    -orig-id: LINKID
    type: u4
    doc: The private endpoint's LINKID.
enums:
  pp2_type:
    0xee:
      id: azure
      -orig-id: PP2_TYPE_AZURE
      doc: The custom-range TLV type Azure Private Link sends this value in.
  pp2_subtype_azure:
    0x01:
      id: private_endpoint_link_id
      -orig-id: PP2_SUBTYPE_AZURE_PRIVATEENDPOINT_LINKID
      doc: The private endpoint's LINKID.
