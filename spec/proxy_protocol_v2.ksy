meta:
  id: proxy_protocol_v2
  title: PROXY protocol version 2 (binary header)
  application:
    - HAProxy
    - nginx
    - Cloudflare Spectrum
    - AWS Network Load Balancer
  license: CC0-1.0
  ks-version: '0.11'
  endian: be
doc: |
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
doc-ref: https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
seq:
  - id: magic
    -orig-id: sig
    contents: [0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]
    doc: |
      The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
      a NUL byte, so it must never be handled as a C string.
  - id: version
    -orig-id: ver_cmd
    type: b4
    valid: 2
    doc: Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
  - id: command
    -orig-id: ver_cmd
    type: b4
    enum: command_enum
    valid:
      in-enum: true
    doc: The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
  - id: family
    -orig-id: fam
    type: b4
    enum: address_family
    valid:
      in-enum: true
    doc: Address family, the high nibble of `fam`.
  - id: transport
    -orig-id: fam
    type: b4
    enum: transport_protocol
    valid:
      in-enum: true
    doc: Transport protocol, the low nibble of `fam`.
  - id: len_body
    -orig-id: len
    type: u2
    doc: |
      Number of bytes after this 16-byte fixed part: the address block plus
      all TLVs. The whole header is `16 + len_body` bytes. A receiver must
      always honour it, also for LOCAL (which senders usually send with a
      zero length, but HAProxy health checks may carry TLVs).
  - id: body
    size: len_body
    type:
      switch-on: >-
        command == command_enum::cmd_local ? 0.as<u1> :
        family.to_i.as<u1> * 16 + transport.to_i.as<u1>
      cases:
        0x00: body_tlvs_only
        0x11: body_inet
        0x12: body_inet
        0x21: body_inet6
        0x22: body_inet6
        0x31: body_unix
        0x32: body_unix
    doc: |
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
types:
  body_tlvs_only:
    doc: |
      The body of a LOCAL header, or of a PROXY header with family UNSPEC:
      TLVs only, no address block.
    seq:
      - id: tlvs
        type: tlv
        repeat: eos
        doc: Extensions in the order sent; a type may appear more than once.
  body_inet:
    doc: |
      The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
      UDP): the 12-byte address block (`ipv4_addr` of the spec's union
      `proxy_addr`), then TLVs.
    seq:
      - id: src_addr
        size: 4
        doc: Source (client) IPv4 address, network byte order.
      - id: dst_addr
        size: 4
        doc: Destination (proxied-to) IPv4 address, network byte order.
      - id: src_port
        type: u2
      - id: dst_port
        type: u2
      - id: tlvs
        type: tlv
        repeat: eos
        doc: Extensions in the order sent; a type may appear more than once.
  body_inet6:
    doc: |
      The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
      UDP): the 36-byte address block (`ipv6_addr` of the spec's union
      `proxy_addr`), then TLVs.
    seq:
      - id: src_addr
        size: 16
        doc: Source (client) IPv6 address, network byte order.
      - id: dst_addr
        size: 16
        doc: Destination (proxied-to) IPv6 address, network byte order.
      - id: src_port
        type: u2
      - id: dst_port
        type: u2
      - id: tlvs
        type: tlv
        repeat: eos
        doc: Extensions in the order sent; a type may appear more than once.
  body_unix:
    doc: |
      The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
      0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
      union `proxy_addr`), then TLVs. Each path follows `sun_path`
      conventions: padded with NUL bytes; an abstract socket name starts
      with a NUL byte. Kept raw.
    seq:
      - id: src_addr
        size: 108
      - id: dst_addr
        size: 108
      - id: tlvs
        type: tlv
        repeat: eos
        doc: Extensions in the order sent; a type may appear more than once.
  tlv:
    doc: |
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
    doc-ref: https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
    seq:
      - id: tlv_type
        -orig-id: type
        type: u1
        enum: pp2_type
      - id: len_value
        -orig-id: length
        type: u2
        doc: Length of the value in bytes (the spec's `length_hi`/`length_lo`).
      - id: value
        size: len_value
        type:
          switch-on: tlv_type
          cases:
            'pp2_type::crc32c': tlv_crc32c
            'pp2_type::ssl': tlv_ssl
        doc: |
          The value, decoded for CRC32C and SSL. Every other type is raw
          bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
          host name, usually the TLS SNI), NOOP (padding, to be ignored),
          UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
          name), the custom range and unknown types. Text is left as
          bytes on purpose: a malformed string is for the reader to flag,
          not a reason to reject the whole header.
  tlv_crc32c:
    doc: |
      CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
      signature to last TLV, computed with these 4 bytes set to zero. A
      mismatch makes the header invalid; checking it is left to the host.
      The value must be exactly 4 bytes long: a shorter one fails here
      (end of stream), a longer one must be rejected by the host too.
    doc-ref: https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.3
    seq:
      - id: checksum
        type: u4
        doc: Big-endian, as HAProxy and nginx write it.
  tlv_ssl:
    doc: |
      Details of the TLS session between the client and the proxy
      (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
      the verify result, followed by sub-TLVs that fill the rest of this
      value and only have meaning inside it.
    doc-ref: https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.6
    seq:
      - id: client
        type: u1
        doc: |
          Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
          CERT_SESS (0x04); the other bits are reserved.
      - id: verify
        type: u4
        doc: |
          Zero if the client presented a certificate and it was verified,
          non-zero otherwise. HAProxy leaves it zero when no certificate
          was used, so read it together with the certificate flags.
      - id: sub_tlvs
        -orig-id: sub_tlv
        type: ssl_sub_tlv
        repeat: eos
    instances:
      is_ssl:
        value: (client & pp2_client::ssl.to_i.as<u1>) != 0
        doc: The client connected over TLS.
      has_cert_conn:
        value: (client & pp2_client::cert_conn.to_i.as<u1>) != 0
        doc: The client sent a certificate on this connection.
      has_cert_sess:
        value: (client & pp2_client::cert_sess.to_i.as<u1>) != 0
        doc: The client sent a certificate at least once in this TLS session.
  ssl_sub_tlv:
    doc: |
      A TLV nested in the SSL TLV, same framing as `tlv`. All known values
      are text (US-ASCII, or UTF-8 for the common name) except the client
      certificate, which is DER; all are kept as raw bytes.
    seq:
      - id: subtype
        -orig-id: type
        type: u1
        enum: pp2_subtype_ssl
      - id: len_value
        -orig-id: length
        type: u2
      - id: value
        size: len_value
enums:
  command_enum:
    0:
      id: cmd_local
      -orig-id: LOCAL
      doc: |
        The proxy opened the connection itself (e.g. a health check). The
        receiver uses the real connection endpoints and ignores the
        addresses.
    1:
      id: cmd_proxy
      -orig-id: PROXY
      doc: Relayed on behalf of a client; the addresses describe it.
  address_family:
    0:
      id: unspec
      -orig-id: AF_UNSPEC
      doc: No address block; the receiver uses the real endpoints.
    1:
      id: inet
      -orig-id: AF_INET
    2:
      id: inet6
      -orig-id: AF_INET6
    3:
      id: unix
      -orig-id: AF_UNIX
  transport_protocol:
    0:
      id: unspec
      -orig-id: UNSPEC
    1:
      id: stream
      -orig-id: STREAM
      doc: TCP, or a UNIX stream socket.
    2:
      id: dgram
      -orig-id: DGRAM
      doc: UDP, or a UNIX datagram socket.
  pp2_type:
    0x01:
      id: alpn
      -orig-id: PP2_TYPE_ALPN
    0x02:
      id: authority
      -orig-id: PP2_TYPE_AUTHORITY
    0x03:
      id: crc32c
      -orig-id: PP2_TYPE_CRC32C
    0x04:
      id: noop
      -orig-id: PP2_TYPE_NOOP
    0x05:
      id: unique_id
      -orig-id: PP2_TYPE_UNIQUE_ID
    0x20:
      id: ssl
      -orig-id: PP2_TYPE_SSL
    0x30:
      id: netns
      -orig-id: PP2_TYPE_NETNS
  pp2_subtype_ssl:
    0x21:
      id: version
      -orig-id: PP2_SUBTYPE_SSL_VERSION
      doc: TLS version string, e.g. `TLSv1.3`.
    0x22:
      id: cn
      -orig-id: PP2_SUBTYPE_SSL_CN
      doc: Common Name of the client certificate (UTF-8).
    0x23:
      id: cipher
      -orig-id: PP2_SUBTYPE_SSL_CIPHER
      doc: Cipher name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`.
    0x24:
      id: sig_alg
      -orig-id: PP2_SUBTYPE_SSL_SIG_ALG
      doc: Algorithm that signed the proxy's certificate, e.g. `RSA-SHA256`.
    0x25:
      id: key_alg
      -orig-id: PP2_SUBTYPE_SSL_KEY_ALG
      doc: Key algorithm of the proxy's certificate, e.g. `RSA2048`.
    0x26:
      id: group
      -orig-id: PP2_SUBTYPE_SSL_GROUP
      doc: Key-exchange group, e.g. `secp256r1` (added 2025).
    0x27:
      id: sig_scheme
      -orig-id: PP2_SUBTYPE_SSL_SIG_SCHEME
      doc: Handshake signature scheme, e.g. `rsa_pss_rsae_sha256` (added 2025).
    0x28:
      id: client_cert
      -orig-id: PP2_SUBTYPE_SSL_CLIENT_CERT
      doc: The client's X.509 certificate, DER (added 2026).
  pp2_client:
    0x01:
      id: ssl
      -orig-id: PP2_CLIENT_SSL
      doc: The client connected over TLS.
    0x02:
      id: cert_conn
      -orig-id: PP2_CLIENT_CERT_CONN
      doc: The client sent a certificate on this connection.
    0x04:
      id: cert_sess
      -orig-id: PP2_CLIENT_CERT_SESS
      doc: The client sent a certificate at least once in this TLS session.
