meta:
  id: proxy_protocol_v2_tlv_gcp
  title: PROXY protocol v2 TLV 0xE0, Google Cloud Private Service Connect
  application: Google Cloud Private Service Connect
  license: CC0-1.0
  ks-version: '0.8'
  endian: be
doc: |
  The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
  Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
  and nothing else (no subtype byte).

  0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
  use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
  Apply this type to that raw value when the proxy in front is known to be
  Google Cloud's; another application may give 0xE0 another meaning. The
  value is exactly 8 bytes: a shorter one fails here with an end-of-stream
  error, and a longer one (bytes left after `value`) is not this layout
  either.
doc-ref: https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol
seq:
  - id: value
    -orig-id: pscConnectionId
    type: u8
    doc: The PSC connection id, an unsigned 64-bit number.
enums:
  pp2_type:
    0xe0:
      id: gcp
      -orig-id: PP2_TYPE_GCP
      doc: The custom-range TLV type Google Cloud PSC sends this value in.
