import kaitai_struct_nim_runtime
import options

type
  SimpleProxyProtocol* = ref object of KaitaiStruct
    `magic`*: seq[byte]
    `clientAddr`*: seq[byte]
    `proxyAddr`*: seq[byte]
    `clientPort`*: uint16
    `proxyPort`*: uint16
    `payload`*: seq[byte]
    `parent`*: KaitaiStruct

proc read*(_: typedesc[SimpleProxyProtocol], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): SimpleProxyProtocol



##[
A UDP datagram between Cloudflare Spectrum and an origin server with the
Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
real client is, then the original payload. Cloudflare puts the header on
every datagram it sends to the origin, and the origin's replies carry the
same header (the client's address and port, not swapped).

There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
the only identification, so a reader that looks for SPP in arbitrary UDP
traffic should add plausibility checks (for instance, both addresses
IPv4-mapped or both native IPv6). IPv4 addresses are carried as
IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
All numbers are big-endian.

@see <a href="https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/">Source</a>
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
  let magicExpr = this.io.readBytes(int(2))
  this.magic = magicExpr

  ##[
  The client's address as Cloudflare saw it: an IPv6 address, or an
IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).

  ]##
  let clientAddrExpr = this.io.readBytes(int(16))
  this.clientAddr = clientAddrExpr

  ##[
  The Cloudflare address that received the client's datagram, in the
same form as `client_addr`.

  ]##
  let proxyAddrExpr = this.io.readBytes(int(16))
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

