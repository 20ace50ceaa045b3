meta:
  id: proxy_protocol_v2_tlv_aws
  title: PROXY protocol v2 TLV 0xEA, AWS Network Load Balancer and PrivateLink
  application: AWS Network Load Balancer
  license: CC0-1.0
  ks-version: '0.8'
doc: |
  The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
  Load Balancer sends it for a connection that came through AWS PrivateLink:
  a subtype byte, then the subtype's value, which fills the rest. Subtype
  0x01 carries the id of the VPC endpoint the client connected through, as
  US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).

  0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
  use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
  Apply this type to that raw value when the proxy in front is known to be
  AWS; another application may give 0xEA another meaning. An empty value
  fails here with an end-of-stream error.
doc-ref: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol
seq:
  - id: subtype
    type: u1
    enum: pp2_subtype_aws
  - id: value
    size-eos: true
    doc: |
      For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
      text that is not well formed is for the reader to flag.
enums:
  pp2_type:
    0xea:
      id: aws
      -orig-id: PP2_TYPE_AWS
      doc: The custom-range TLV type AWS sends this value in.
  pp2_subtype_aws:
    0x01:
      id: vpce_id
      -orig-id: PP2_SUBTYPE_AWS_VPCE_ID
      doc: The VPC endpoint id.
