meta:
  id: simple_proxy_protocol
  title: Cloudflare Spectrum Simple Proxy Protocol (SPP) datagram
  application:
    - Cloudflare Spectrum
    - Tencent Cloud EdgeOne
  license: CC0-1.0
  ks-version: '0.7'
  endian: be
doc: |
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
doc-ref: https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/
seq:
  - id: magic
    contents: [0x56, 0xec]
    doc: Always 0x56EC, the only mark of an SPP header.
  - id: client_addr
    size: 16
    doc: |
      The client's address as Cloudflare saw it: an IPv6 address, or an
      IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
  - id: proxy_addr
    size: 16
    doc: |
      The Cloudflare address that received the client's datagram, in the
      same form as `client_addr`.
  - id: client_port
    type: u2
    doc: The client's UDP source port.
  - id: proxy_port
    type: u2
    doc: The UDP port on which Cloudflare received the datagram.
  - id: payload
    size-eos: true
    doc: The proxied datagram's payload, after the 38-byte header.
