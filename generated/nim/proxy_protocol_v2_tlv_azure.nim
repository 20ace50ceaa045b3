import kaitai_struct_nim_runtime
import options

type
  ProxyProtocolV2TlvAzure* = ref object of KaitaiStruct
    `subtype`*: ProxyProtocolV2TlvAzure_Pp2SubtypeAzure
    `value`*: uint32
    `parent`*: KaitaiStruct
  ProxyProtocolV2TlvAzure_Pp2SubtypeAzure* = enum
    private_endpoint_link_id = 1
  ProxyProtocolV2TlvAzure_Pp2Type* = enum
    azure = 238

proc read*(_: typedesc[ProxyProtocolV2TlvAzure], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvAzure



##[
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

@see <a href="https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2">Source</a>
]##
proc read*(_: typedesc[ProxyProtocolV2TlvAzure], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2TlvAzure =
  template this: untyped = result
  this = new(ProxyProtocolV2TlvAzure)
  let root = if root == nil: cast[ProxyProtocolV2TlvAzure](this) else: cast[ProxyProtocolV2TlvAzure](root)
  this.io = io
  this.root = root
  this.parent = parent

  let subtypeExpr = ProxyProtocolV2TlvAzure_Pp2SubtypeAzure(this.io.readU1())
  this.subtype = subtypeExpr

  ##[
  The private endpoint's LINKID.
  ]##
  let valueExpr = this.io.readU4le()
  this.value = valueExpr

proc fromFile*(_: typedesc[ProxyProtocolV2TlvAzure], filename: string): ProxyProtocolV2TlvAzure =
  ProxyProtocolV2TlvAzure.read(newKaitaiFileStream(filename), nil, nil)

