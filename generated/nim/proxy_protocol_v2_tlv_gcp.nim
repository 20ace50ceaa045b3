import kaitai_struct_nim_runtime
import options

type
  ProxyProtocolV2TlvGcp* = ref object of KaitaiStruct
    `value`*: uint64
    `parent`*: KaitaiStruct
  ProxyProtocolV2TlvGcp_Pp2Type* = enum
    gcp = 224

proc read*(_: typedesc[ProxyProtocolV2TlvGcp], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvGcp



##[
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

@see <a href="https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol">Source</a>
]##
proc read*(_: typedesc[ProxyProtocolV2TlvGcp], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvGcp =
  template this: untyped = result
  this = new(ProxyProtocolV2TlvGcp)
  let root = if root == nil: cast[ProxyProtocolV2TlvGcp](this) else: cast[ProxyProtocolV2TlvGcp](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  The PSC connection id, an unsigned 64-bit number.
  ]##
  let valueExpr = this.io.readU8be()
  this.value = valueExpr

proc fromFile*(_: typedesc[ProxyProtocolV2TlvGcp], filename: string): ProxyProtocolV2TlvGcp =
  ProxyProtocolV2TlvGcp.read(newKaitaiFileStream(filename), nil, nil)

