import kaitai_struct_nim_runtime
import options

type
  SimpleProxyProtocol* = ref object of KaitaiStruct
    `magic`*: uint16
    `clientAddr`*: SimpleProxyProtocol_IpAddress
    `proxyAddr`*: SimpleProxyProtocol_IpAddress
    `clientPort`*: uint16
    `proxyPort`*: uint16
    `payload`*: seq[byte]
    `parent`*: KaitaiStruct
    `rawClientAddr`*: seq[byte]
    `rawProxyAddr`*: seq[byte]
  SimpleProxyProtocol_IpAddress* = ref object of KaitaiStruct
    `ipv6`*: seq[byte]
    `parent`*: SimpleProxyProtocol
    `ipv4Inst`: seq[byte]
    `ipv4InstFlag`: bool
    `isIpv4MappedInst`: bool
    `isIpv4MappedInstFlag`: bool
    `mappedPrefixInst`: seq[byte]
    `mappedPrefixInstFlag`: bool

proc read*(_: typedesc[SimpleProxyProtocol], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): SimpleProxyProtocol
proc read*(_: typedesc[SimpleProxyProtocol_IpAddress], io: KaitaiStream, root: KaitaiStruct, parent: SimpleProxyProtocol): SimpleProxyProtocol_IpAddress

proc ipv4*(this: SimpleProxyProtocol_IpAddress): seq[byte]
proc isIpv4Mapped*(this: SimpleProxyProtocol_IpAddress): bool
proc mappedPrefix*(this: SimpleProxyProtocol_IpAddress): seq[byte]


##[
Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
Protocol enabled, every datagram between Cloudflare and the origin server
starts with a fixed 38-byte header telling who the real client is, and
the original payload follows. The origin must send its replies back with
the same header (the client's address and port, not swapped) so that
Cloudflare can route them to that client. The leg between the client and
Cloudflare never carries it.

There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
the only identification, so a reader that looks for SPP in arbitrary UDP
traffic should add plausibility checks (for instance, both addresses
IPv4-mapped or both native IPv6). IPv4 addresses are carried as
IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
All numbers are big-endian.

@see <a href="https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/">Source</a>
@see <a href="https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/">Source</a>
]##
proc read*(_: typedesc[SimpleProxyProtocol], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): SimpleProxyProtocol =
  template this: untyped = result
  this = new(SimpleProxyProtocol)
  let root = if root == nil: cast[SimpleProxyProtocol](this) else: cast[SimpleProxyProtocol](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Always 0x56EC, the only mark of an SPP header.
  ]##
  let magicExpr = this.io.readU2be()
  this.magic = magicExpr

  ##[
  The client's address as Cloudflare saw it.
  ]##
  let rawClientAddrExpr = this.io.readBytes(int(16))
  this.rawClientAddr = rawClientAddrExpr
  let rawClientAddrIo = newKaitaiStream(rawClientAddrExpr)
  let clientAddrExpr = SimpleProxyProtocol_IpAddress.read(rawClientAddrIo, this.root, this)
  this.clientAddr = clientAddrExpr

  ##[
  The Cloudflare address that received the client's datagram.
  ]##
  let rawProxyAddrExpr = this.io.readBytes(int(16))
  this.rawProxyAddr = rawProxyAddrExpr
  let rawProxyAddrIo = newKaitaiStream(rawProxyAddrExpr)
  let proxyAddrExpr = SimpleProxyProtocol_IpAddress.read(rawProxyAddrIo, this.root, this)
  this.proxyAddr = proxyAddrExpr

  ##[
  The client's UDP source port.
  ]##
  let clientPortExpr = this.io.readU2be()
  this.clientPort = clientPortExpr

  ##[
  The UDP port on which Cloudflare received the datagram.
  ]##
  let proxyPortExpr = this.io.readU2be()
  this.proxyPort = proxyPortExpr

  ##[
  The proxied datagram's payload, after the 38-byte header.
  ]##
  let payloadExpr = this.io.readBytesFull()
  this.payload = payloadExpr

proc fromFile*(_: typedesc[SimpleProxyProtocol], filename: string): SimpleProxyProtocol =
  SimpleProxyProtocol.read(newKaitaiFileStream(filename), nil, nil)


##[
An IPv6 address, or an IPv4 address in IPv4-mapped form.
@see <a href="https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2">Source</a>
]##
proc read*(_: typedesc[SimpleProxyProtocol_IpAddress], io: KaitaiStream, root: KaitaiStruct, parent: SimpleProxyProtocol): SimpleProxyProtocol_IpAddress =
  template this: untyped = result
  this = new(SimpleProxyProtocol_IpAddress)
  let root = if root == nil: cast[SimpleProxyProtocol](this) else: cast[SimpleProxyProtocol](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  The address as 16 bytes, network byte order.
  ]##
  let ipv6Expr = this.io.readBytes(int(16))
  this.ipv6 = ipv6Expr

proc ipv4(this: SimpleProxyProtocol_IpAddress): seq[byte] = 

  ##[
  The IPv4 address, for an IPv4-mapped address.
  ]##
  if this.ipv4InstFlag:
    return this.ipv4Inst
  if this.isIpv4Mapped:
    let pos = this.io.pos()
    this.io.seek(int(12))
    let ipv4InstExpr = this.io.readBytes(int(4))
    this.ipv4Inst = ipv4InstExpr
    this.io.seek(pos)
  this.ipv4InstFlag = true
  return this.ipv4Inst

proc isIpv4Mapped(this: SimpleProxyProtocol_IpAddress): bool = 
  if this.isIpv4MappedInstFlag:
    return this.isIpv4MappedInst
  let isIpv4MappedInstExpr = bool(this.mappedPrefix == @[0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 0'u8, 255'u8, 255'u8])
  this.isIpv4MappedInst = isIpv4MappedInstExpr
  this.isIpv4MappedInstFlag = true
  return this.isIpv4MappedInst

proc mappedPrefix(this: SimpleProxyProtocol_IpAddress): seq[byte] = 

  ##[
  The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
  ]##
  if this.mappedPrefixInstFlag:
    return this.mappedPrefixInst
  let pos = this.io.pos()
  this.io.seek(int(0))
  let mappedPrefixInstExpr = this.io.readBytes(int(12))
  this.mappedPrefixInst = mappedPrefixInstExpr
  this.io.seek(pos)
  this.mappedPrefixInstFlag = true
  return this.mappedPrefixInst

proc fromFile*(_: typedesc[SimpleProxyProtocol_IpAddress], filename: string): SimpleProxyProtocol_IpAddress =
  SimpleProxyProtocol_IpAddress.read(newKaitaiFileStream(filename), nil, nil)

