import kaitai_struct_nim_runtime
import options

type
  ProxyProtocolV2* = ref object of KaitaiStruct
    `magic`*: seq[byte]
    `version`*: uint64
    `command`*: ProxyProtocolV2_CommandEnum
    `family`*: ProxyProtocolV2_AddressFamily
    `transport`*: ProxyProtocolV2_TransportProtocol
    `lenBody`*: uint16
    `body`*: KaitaiStruct
    `parent`*: KaitaiStruct
    `rawBody`*: seq[byte]
  ProxyProtocolV2_AddressFamily* = enum
    unspec = 0
    inet = 1
    inet6 = 2
    unix = 3
  ProxyProtocolV2_CommandEnum* = enum
    cmd_local = 0
    cmd_proxy = 1
  ProxyProtocolV2_Pp2Client* = enum
    ssl = 1
    cert_conn = 2
    cert_sess = 4
  ProxyProtocolV2_Pp2SubtypeSsl* = enum
    version = 33
    cn = 34
    cipher = 35
    sig_alg = 36
    key_alg = 37
    group = 38
    sig_scheme = 39
    client_cert = 40
  ProxyProtocolV2_Pp2Type* = enum
    alpn = 1
    authority = 2
    crc32c = 3
    noop = 4
    unique_id = 5
    ssl = 32
    netns = 48
  ProxyProtocolV2_TransportProtocol* = enum
    unspec = 0
    stream = 1
    dgram = 2
  ProxyProtocolV2_BodyInet* = ref object of KaitaiStruct
    `srcAddr`*: seq[byte]
    `dstAddr`*: seq[byte]
    `srcPort`*: uint16
    `dstPort`*: uint16
    `tlvs`*: seq[ProxyProtocolV2_Tlv]
    `parent`*: ProxyProtocolV2
  ProxyProtocolV2_BodyInet6* = ref object of KaitaiStruct
    `srcAddr`*: seq[byte]
    `dstAddr`*: seq[byte]
    `srcPort`*: uint16
    `dstPort`*: uint16
    `tlvs`*: seq[ProxyProtocolV2_Tlv]
    `parent`*: ProxyProtocolV2
  ProxyProtocolV2_BodyTlvsOnly* = ref object of KaitaiStruct
    `tlvs`*: seq[ProxyProtocolV2_Tlv]
    `parent`*: ProxyProtocolV2
  ProxyProtocolV2_BodyUnix* = ref object of KaitaiStruct
    `srcAddr`*: seq[byte]
    `dstAddr`*: seq[byte]
    `tlvs`*: seq[ProxyProtocolV2_Tlv]
    `parent`*: ProxyProtocolV2
  ProxyProtocolV2_SslSubTlv* = ref object of KaitaiStruct
    `subtype`*: ProxyProtocolV2_Pp2SubtypeSsl
    `lenValue`*: uint16
    `value`*: seq[byte]
    `parent`*: ProxyProtocolV2_TlvSsl
  ProxyProtocolV2_Tlv* = ref object of KaitaiStruct
    `tlvType`*: ProxyProtocolV2_Pp2Type
    `lenValue`*: uint16
    `value`*: KaitaiStruct
    `parent`*: KaitaiStruct
    `rawValue`*: seq[byte]
  ProxyProtocolV2_TlvCrc32c* = ref object of KaitaiStruct
    `checksum`*: uint32
    `parent`*: ProxyProtocolV2_Tlv
  ProxyProtocolV2_TlvSsl* = ref object of KaitaiStruct
    `client`*: uint8
    `verify`*: uint32
    `subTlvs`*: seq[ProxyProtocolV2_SslSubTlv]
    `parent`*: ProxyProtocolV2_Tlv
    `hasCertConnInst`: bool
    `hasCertConnInstFlag`: bool
    `hasCertSessInst`: bool
    `hasCertSessInstFlag`: bool
    `isSslInst`: bool
    `isSslInstFlag`: bool

proc read*(_: typedesc[ProxyProtocolV2], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2
proc read*(_: typedesc[ProxyProtocolV2_BodyInet], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyInet
proc read*(_: typedesc[ProxyProtocolV2_BodyInet6], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyInet6
proc read*(_: typedesc[ProxyProtocolV2_BodyTlvsOnly], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyTlvsOnly
proc read*(_: typedesc[ProxyProtocolV2_BodyUnix], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyUnix
proc read*(_: typedesc[ProxyProtocolV2_SslSubTlv], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_TlvSsl): ProxyProtocolV2_SslSubTlv
proc read*(_: typedesc[ProxyProtocolV2_Tlv], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2_Tlv
proc read*(_: typedesc[ProxyProtocolV2_TlvCrc32c], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_Tlv): ProxyProtocolV2_TlvCrc32c
proc read*(_: typedesc[ProxyProtocolV2_TlvSsl], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_Tlv): ProxyProtocolV2_TlvSsl

proc hasCertConn*(this: ProxyProtocolV2_TlvSsl): bool
proc hasCertSess*(this: ProxyProtocolV2_TlvSsl): bool
proc isSsl*(this: ProxyProtocolV2_TlvSsl): bool


##[
The PROXY protocol lets a proxy or load balancer tell the server behind it
who the real client is: before any payload, the proxy sends one header
that carries the client's and the proxied-to addresses and ports, plus
optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
...\r\n`, not covered here); version 2, described here, is binary.

A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
exchange; one byte holding the protocol version (always 2) and the
command (LOCAL or PROXY); one byte holding the address family and the
transport protocol; and the big-endian length of the rest. The rest holds
an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
bytes after the header belong to the proxied payload and are not part of
this format. On UDP, header and payload share one datagram.

Some checks cannot be expressed here and are left to the host program: a
CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
bytes at the end of the TLV area (too short to be a TLV header) makes the
header invalid, while this spec cannot tell it from a truncated TLV and
fails on it with an end-of-stream error. The command, family and
transport nibbles are validated (the spec requires a receiver to reject
any value it does not define).

Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
(HAProxy commit 50872daa), which also registers the SSL sub-types added
in 2025 and 2026.

@see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
]##
proc read*(_: typedesc[ProxyProtocolV2], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2 =
  template this: untyped = result
  this = new(ProxyProtocolV2)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
a NUL byte, so it must never be handled as a C string.

  ]##
  let magicExpr = this.io.readBytes(int(12))
  this.magic = magicExpr

  ##[
  Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
  ]##
  let versionExpr = this.io.readBitsIntBe(4)
  this.version = versionExpr

  ##[
  The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
  ]##
  let commandExpr = ProxyProtocolV2_CommandEnum(this.io.readBitsIntBe(4))
  this.command = commandExpr

  ##[
  Address family, the high nibble of `fam`.
  ]##
  let familyExpr = ProxyProtocolV2_AddressFamily(this.io.readBitsIntBe(4))
  this.family = familyExpr

  ##[
  Transport protocol, the low nibble of `fam`.
  ]##
  let transportExpr = ProxyProtocolV2_TransportProtocol(this.io.readBitsIntBe(4))
  this.transport = transportExpr
  alignToByte(this.io)

  ##[
  Number of bytes after this 16-byte fixed part: the address block plus
all TLVs. The whole header is `16 + len_body` bytes. A receiver must
always honour it, also for LOCAL (which senders usually send with a
zero length, but HAProxy health checks may carry TLVs).

  ]##
  let lenBodyExpr = this.io.readU2be()
  this.lenBody = lenBodyExpr

  ##[
  Everything after the fixed part. Being a size-limited substream, it
guarantees that no TLV can reach into the payload that follows.

Its layout is chosen by the command, then by the `fam` byte. A LOCAL
header has no address block whatever its family: everything after
the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
the receiver to discard the protocol block including the family, and
HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
the body is kept as raw bytes, and a receiver falls back to the real
connection endpoints, as for UNSPEC.

  ]##
  block:
    let on = (if this.command == proxy_protocol_v2.cmd_local: (uint8(0)) else: (uint8(ord(this.family))) * 16 + (uint8(ord(this.transport))))
    if on == 0:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyTlvsOnly.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 17:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyInet.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 18:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyInet.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 33:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyInet6.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 34:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyInet6.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 49:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyUnix.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    elif on == 50:
      let rawBodyExpr = this.io.readBytes(int(this.lenBody))
      this.rawBody = rawBodyExpr
      let rawBodyIo = newKaitaiStream(rawBodyExpr)
      let bodyExpr = ProxyProtocolV2_BodyUnix.read(rawBodyIo, this.root, this)
      this.body = bodyExpr
    else:
      let bodyExpr = this.io.readBytes(int(this.lenBody))
      this.body = bodyExpr

proc fromFile*(_: typedesc[ProxyProtocolV2], filename: string): ProxyProtocolV2 =
  ProxyProtocolV2.read(newKaitaiFileStream(filename), nil, nil)


##[
The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
UDP): the 12-byte address block (`ipv4_addr` of the spec's union
`proxy_addr`), then TLVs.

]##
proc read*(_: typedesc[ProxyProtocolV2_BodyInet], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyInet =
  template this: untyped = result
  this = new(ProxyProtocolV2_BodyInet)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Source (client) IPv4 address, network byte order.
  ]##
  let srcAddrExpr = this.io.readBytes(int(4))
  this.srcAddr = srcAddrExpr

  ##[
  Destination (proxied-to) IPv4 address, network byte order.
  ]##
  let dstAddrExpr = this.io.readBytes(int(4))
  this.dstAddr = dstAddrExpr
  let srcPortExpr = this.io.readU2be()
  this.srcPort = srcPortExpr
  let dstPortExpr = this.io.readU2be()
  this.dstPort = dstPortExpr

  ##[
  Extensions in the order sent; a type may appear more than once.
  ]##
  block:
    var i: int
    while not this.io.isEof:
      let it = ProxyProtocolV2_Tlv.read(this.io, this.root, this)
      this.tlvs.add(it)
      inc i

proc fromFile*(_: typedesc[ProxyProtocolV2_BodyInet], filename: string): ProxyProtocolV2_BodyInet =
  ProxyProtocolV2_BodyInet.read(newKaitaiFileStream(filename), nil, nil)


##[
The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
UDP): the 36-byte address block (`ipv6_addr` of the spec's union
`proxy_addr`), then TLVs.

]##
proc read*(_: typedesc[ProxyProtocolV2_BodyInet6], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyInet6 =
  template this: untyped = result
  this = new(ProxyProtocolV2_BodyInet6)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Source (client) IPv6 address, network byte order.
  ]##
  let srcAddrExpr = this.io.readBytes(int(16))
  this.srcAddr = srcAddrExpr

  ##[
  Destination (proxied-to) IPv6 address, network byte order.
  ]##
  let dstAddrExpr = this.io.readBytes(int(16))
  this.dstAddr = dstAddrExpr
  let srcPortExpr = this.io.readU2be()
  this.srcPort = srcPortExpr
  let dstPortExpr = this.io.readU2be()
  this.dstPort = dstPortExpr

  ##[
  Extensions in the order sent; a type may appear more than once.
  ]##
  block:
    var i: int
    while not this.io.isEof:
      let it = ProxyProtocolV2_Tlv.read(this.io, this.root, this)
      this.tlvs.add(it)
      inc i

proc fromFile*(_: typedesc[ProxyProtocolV2_BodyInet6], filename: string): ProxyProtocolV2_BodyInet6 =
  ProxyProtocolV2_BodyInet6.read(newKaitaiFileStream(filename), nil, nil)


##[
The body of a LOCAL header, or of a PROXY header with family UNSPEC:
TLVs only, no address block.

]##
proc read*(_: typedesc[ProxyProtocolV2_BodyTlvsOnly], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyTlvsOnly =
  template this: untyped = result
  this = new(ProxyProtocolV2_BodyTlvsOnly)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Extensions in the order sent; a type may appear more than once.
  ]##
  block:
    var i: int
    while not this.io.isEof:
      let it = ProxyProtocolV2_Tlv.read(this.io, this.root, this)
      this.tlvs.add(it)
      inc i

proc fromFile*(_: typedesc[ProxyProtocolV2_BodyTlvsOnly], filename: string): ProxyProtocolV2_BodyTlvsOnly =
  ProxyProtocolV2_BodyTlvsOnly.read(newKaitaiFileStream(filename), nil, nil)


##[
The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
union `proxy_addr`), then TLVs. Each path follows `sun_path`
conventions: padded with NUL bytes; an abstract socket name starts
with a NUL byte. Kept raw.

]##
proc read*(_: typedesc[ProxyProtocolV2_BodyUnix], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2): ProxyProtocolV2_BodyUnix =
  template this: untyped = result
  this = new(ProxyProtocolV2_BodyUnix)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent

  let srcAddrExpr = this.io.readBytes(int(108))
  this.srcAddr = srcAddrExpr
  let dstAddrExpr = this.io.readBytes(int(108))
  this.dstAddr = dstAddrExpr

  ##[
  Extensions in the order sent; a type may appear more than once.
  ]##
  block:
    var i: int
    while not this.io.isEof:
      let it = ProxyProtocolV2_Tlv.read(this.io, this.root, this)
      this.tlvs.add(it)
      inc i

proc fromFile*(_: typedesc[ProxyProtocolV2_BodyUnix], filename: string): ProxyProtocolV2_BodyUnix =
  ProxyProtocolV2_BodyUnix.read(newKaitaiFileStream(filename), nil, nil)


##[
A TLV nested in the SSL TLV, same framing as `tlv`. All known values
are text (US-ASCII, or UTF-8 for the common name) except the client
certificate, which is DER; all are kept as raw bytes.

]##
proc read*(_: typedesc[ProxyProtocolV2_SslSubTlv], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_TlvSsl): ProxyProtocolV2_SslSubTlv =
  template this: untyped = result
  this = new(ProxyProtocolV2_SslSubTlv)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent

  let subtypeExpr = ProxyProtocolV2_Pp2SubtypeSsl(this.io.readU1())
  this.subtype = subtypeExpr
  let lenValueExpr = this.io.readU2be()
  this.lenValue = lenValueExpr
  let valueExpr = this.io.readBytes(int(this.lenValue))
  this.value = valueExpr

proc fromFile*(_: typedesc[ProxyProtocolV2_SslSubTlv], filename: string): ProxyProtocolV2_SslSubTlv =
  ProxyProtocolV2_SslSubTlv.read(newKaitaiFileStream(filename), nil, nil)


##[
Type-length-value extension (struct `pp2_tlv`): a type byte, a
big-endian 16-bit length counting only the value, then the value.
Receivers skip types they do not know; their value stays raw bytes.

Types 0xE0-0xEF are a range left to custom use: each application
picks its own meaning, so their values stay raw here. The layouts
three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
for a reader to apply to a raw value when it knows which vendor is in
front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
are kept raw like any unknown type.

@see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
]##
proc read*(_: typedesc[ProxyProtocolV2_Tlv], io: KaitaiStream, root: KaitaiStruct, parent: KaitaiStruct): ProxyProtocolV2_Tlv =
  template this: untyped = result
  this = new(ProxyProtocolV2_Tlv)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent

  let tlvTypeExpr = ProxyProtocolV2_Pp2Type(this.io.readU1())
  this.tlvType = tlvTypeExpr

  ##[
  Length of the value in bytes (the spec's `length_hi`/`length_lo`).
  ]##
  let lenValueExpr = this.io.readU2be()
  this.lenValue = lenValueExpr

  ##[
  The value, decoded for CRC32C and SSL. Every other type is raw
bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
host name, usually the TLS SNI), NOOP (padding, to be ignored),
UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
name), the custom range and unknown types. Text is left as
bytes on purpose: a malformed string is for the reader to flag,
not a reason to reject the whole header.

  ]##
  block:
    let on = this.tlvType
    if on == proxy_protocol_v2.crc32c:
      let rawValueExpr = this.io.readBytes(int(this.lenValue))
      this.rawValue = rawValueExpr
      let rawValueIo = newKaitaiStream(rawValueExpr)
      let valueExpr = ProxyProtocolV2_TlvCrc32c.read(rawValueIo, this.root, this)
      this.value = valueExpr
    elif on == proxy_protocol_v2.ssl:
      let rawValueExpr = this.io.readBytes(int(this.lenValue))
      this.rawValue = rawValueExpr
      let rawValueIo = newKaitaiStream(rawValueExpr)
      let valueExpr = ProxyProtocolV2_TlvSsl.read(rawValueIo, this.root, this)
      this.value = valueExpr
    else:
      let valueExpr = this.io.readBytes(int(this.lenValue))
      this.value = valueExpr

proc fromFile*(_: typedesc[ProxyProtocolV2_Tlv], filename: string): ProxyProtocolV2_Tlv =
  ProxyProtocolV2_Tlv.read(newKaitaiFileStream(filename), nil, nil)


##[
CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
signature to last TLV, computed with these 4 bytes set to zero. A
mismatch makes the header invalid; checking it is left to the host.
The value must be exactly 4 bytes long: a shorter one fails here
(end of stream), a longer one must be rejected by the host too.

@see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.3</a>
]##
proc read*(_: typedesc[ProxyProtocolV2_TlvCrc32c], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_Tlv): ProxyProtocolV2_TlvCrc32c =
  template this: untyped = result
  this = new(ProxyProtocolV2_TlvCrc32c)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Big-endian, as HAProxy and nginx write it.
  ]##
  let checksumExpr = this.io.readU4be()
  this.checksum = checksumExpr

proc fromFile*(_: typedesc[ProxyProtocolV2_TlvCrc32c], filename: string): ProxyProtocolV2_TlvCrc32c =
  ProxyProtocolV2_TlvCrc32c.read(newKaitaiFileStream(filename), nil, nil)


##[
Details of the TLS session between the client and the proxy
(`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
the verify result, followed by sub-TLVs that fill the rest of this
value and only have meaning inside it.

@see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.6</a>
]##
proc read*(_: typedesc[ProxyProtocolV2_TlvSsl], io: KaitaiStream, root: KaitaiStruct, parent: ProxyProtocolV2_Tlv): ProxyProtocolV2_TlvSsl =
  template this: untyped = result
  this = new(ProxyProtocolV2_TlvSsl)
  let root = if root == nil: cast[ProxyProtocolV2](this) else: cast[ProxyProtocolV2](root)
  this.io = io
  this.root = root
  this.parent = parent


  ##[
  Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
CERT_SESS (0x04); the other bits are reserved.

  ]##
  let clientExpr = this.io.readU1()
  this.client = clientExpr

  ##[
  Zero if the client presented a certificate and it was verified,
non-zero otherwise. HAProxy leaves it zero when no certificate
was used, so read it together with the certificate flags.

  ]##
  let verifyExpr = this.io.readU4be()
  this.verify = verifyExpr
  block:
    var i: int
    while not this.io.isEof:
      let it = ProxyProtocolV2_SslSubTlv.read(this.io, this.root, this)
      this.subTlvs.add(it)
      inc i

proc hasCertConn(this: ProxyProtocolV2_TlvSsl): bool = 

  ##[
  The client sent a certificate on this connection.
  ]##
  if this.hasCertConnInstFlag:
    return this.hasCertConnInst
  let hasCertConnInstExpr = bool((this.client and (uint8(ord(proxy_protocol_v2.cert_conn)))) != 0)
  this.hasCertConnInst = hasCertConnInstExpr
  this.hasCertConnInstFlag = true
  return this.hasCertConnInst

proc hasCertSess(this: ProxyProtocolV2_TlvSsl): bool = 

  ##[
  The client sent a certificate at least once in this TLS session.
  ]##
  if this.hasCertSessInstFlag:
    return this.hasCertSessInst
  let hasCertSessInstExpr = bool((this.client and (uint8(ord(proxy_protocol_v2.cert_sess)))) != 0)
  this.hasCertSessInst = hasCertSessInstExpr
  this.hasCertSessInstFlag = true
  return this.hasCertSessInst

proc isSsl(this: ProxyProtocolV2_TlvSsl): bool = 

  ##[
  The client connected over TLS.
  ]##
  if this.isSslInstFlag:
    return this.isSslInst
  let isSslInstExpr = bool((this.client and (uint8(ord(proxy_protocol_v2.ssl)))) != 0)
  this.isSslInst = isSslInstExpr
  this.isSslInstFlag = true
  return this.isSslInst

proc fromFile*(_: typedesc[ProxyProtocolV2_TlvSsl], filename: string): ProxyProtocolV2_TlvSsl =
  ProxyProtocolV2_TlvSsl.read(newKaitaiFileStream(filename), nil, nil)

