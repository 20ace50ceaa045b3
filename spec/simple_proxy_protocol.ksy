meta:
  id: simple_proxy_protocol
  title: Cloudflare Spectrum Simple Proxy Protocol (SPP) datagram
  application:
    - Cloudflare Spectrum
    - Tencent Cloud EdgeOne
  license: CC0-1.0
  ks-version: '0.11'
  endian: be
doc: |
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
doc-ref:
  - https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/
  - https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/
seq:
  - id: magic
    type: u2
    valid: 0x56ec
    doc: Always 0x56EC, the only mark of an SPP header.
  - id: client_addr
    size: 16
    type: ip_address
    doc: The client's address as Cloudflare saw it.
  - id: proxy_addr
    size: 16
    type: ip_address
    doc: The Cloudflare address that received the client's datagram.
  - id: client_port
    type: u2
    doc: The client's UDP source port.
  - id: proxy_port
    type: u2
    doc: The UDP port on which Cloudflare received the datagram.
  - id: payload
    size-eos: true
    doc: The proxied datagram's payload, after the 38-byte header.
types:
  ip_address:
    doc: An IPv6 address, or an IPv4 address in IPv4-mapped form.
    doc-ref: https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2
    seq:
      - id: ipv6
        size: 16
        doc: The address as 16 bytes, network byte order.
    instances:
      mapped_prefix:
        pos: 0
        size: 12
        doc: The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
      is_ipv4_mapped:
        value: mapped_prefix == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]
      ipv4:
        pos: 12
        size: 4
        if: is_ipv4_mapped
        doc: The IPv4 address, for an IPv4-mapped address.
