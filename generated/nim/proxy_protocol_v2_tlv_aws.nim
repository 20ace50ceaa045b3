import kaitai_struct_nim_runtime
import options

type
  ProxyProtocolV2TlvAws* = ref object of KaitaiStruct
    `subtype`*: ProxyProtocolV2TlvAws_Pp2SubtypeAws
    `value`*: seq[byte]
    `parent`*: KaitaiStruct
  ProxyProtocolV2TlvAws_Pp2SubtypeAws* = enum
    vpce_id = 1
  ProxyProtocolV2TlvAws_Pp2Type* = enum
    aws = 234

proc read*(_: typedesc[ProxyProtocolV2TlvAws], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvAws



##[
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

@see <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol">Source</a>
]##
proc read*(_: typedesc[ProxyProtocolV2TlvAws], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvAws =
  template this: untyped = result
  this = new(ProxyProtocolV2TlvAws)
  let root = if root == nil: cast[ProxyProtocolV2TlvAws](this) else: cast[ProxyProtocolV2TlvAws](root)
  this.io = io
  this.root = root
  this.parent = parent

  let subtypeExpr = ProxyProtocolV2TlvAws_Pp2SubtypeAws(this.io.readU1())
  this.subtype = subtypeExpr

  ##[
  For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
text that is not well formed is for the reader to flag.

  ]##
  let valueExpr = this.io.readBytesFull()
  this.value = valueExpr

proc fromFile*(_: typedesc[ProxyProtocolV2TlvAws], filename: string): ProxyProtocolV2TlvAws =
  ProxyProtocolV2TlvAws.read(newKaitaiFileStream(filename), nil, nil)

