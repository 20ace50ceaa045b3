# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from enum import IntEnum


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class ProxyProtocolV2(KaitaiStruct):
    """The PROXY protocol lets a proxy or load balancer tell the server behind it
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
    
    .. seealso::
       section 2.2 - https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt
    """

    class AddressFamily(IntEnum):
        unspec = 0
        inet = 1
        inet6 = 2
        unix = 3

    class CommandEnum(IntEnum):
        cmd_local = 0
        cmd_proxy = 1

    class Pp2Client(IntEnum):
        ssl = 1
        cert_conn = 2
        cert_sess = 4

    class Pp2SubtypeSsl(IntEnum):
        version = 33
        cn = 34
        cipher = 35
        sig_alg = 36
        key_alg = 37
        group = 38
        sig_scheme = 39
        client_cert = 40

    class Pp2Type(IntEnum):
        alpn = 1
        authority = 2
        crc32c = 3
        noop = 4
        unique_id = 5
        ssl = 32
        netns = 48

    class TransportProtocol(IntEnum):
        unspec = 0
        stream = 1
        dgram = 2
    def __init__(self, _io, _parent=None, _root=None):
        super(ProxyProtocolV2, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.magic = self._io.read_bytes(12)
        if not self.magic == b"\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A":
            raise kaitaistruct.ValidationNotEqualError(b"\x0D\x0A\x0D\x0A\x00\x0D\x0A\x51\x55\x49\x54\x0A", self.magic, self._io, u"/seq/0")
        self.version = self._io.read_bits_int_be(4)
        if not self.version == 2:
            raise kaitaistruct.ValidationNotEqualError(2, self.version, self._io, u"/seq/1")
        self.command = KaitaiStream.resolve_enum(ProxyProtocolV2.CommandEnum, self._io.read_bits_int_be(4))
        if not isinstance(self.command, ProxyProtocolV2.CommandEnum):
            raise kaitaistruct.ValidationNotInEnumError(self.command, self._io, u"/seq/2")
        self.family = KaitaiStream.resolve_enum(ProxyProtocolV2.AddressFamily, self._io.read_bits_int_be(4))
        if not isinstance(self.family, ProxyProtocolV2.AddressFamily):
            raise kaitaistruct.ValidationNotInEnumError(self.family, self._io, u"/seq/3")
        self.transport = KaitaiStream.resolve_enum(ProxyProtocolV2.TransportProtocol, self._io.read_bits_int_be(4))
        if not isinstance(self.transport, ProxyProtocolV2.TransportProtocol):
            raise kaitaistruct.ValidationNotInEnumError(self.transport, self._io, u"/seq/4")
        self.len_body = self._io.read_u2be()
        _on = (0 if self.command == ProxyProtocolV2.CommandEnum.cmd_local else int(self.family) * 16 + int(self.transport))
        if _on == 0:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyTlvsOnly(_io__raw_body, self, self._root)
        elif _on == 17:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyInet(_io__raw_body, self, self._root)
        elif _on == 18:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyInet(_io__raw_body, self, self._root)
        elif _on == 33:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyInet6(_io__raw_body, self, self._root)
        elif _on == 34:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyInet6(_io__raw_body, self, self._root)
        elif _on == 49:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyUnix(_io__raw_body, self, self._root)
        elif _on == 50:
            pass
            self._raw_body = self._io.read_bytes(self.len_body)
            _io__raw_body = KaitaiStream(BytesIO(self._raw_body))
            self.body = ProxyProtocolV2.BodyUnix(_io__raw_body, self, self._root)
        else:
            pass
            self.body = self._io.read_bytes(self.len_body)


    def _fetch_instances(self):
        pass
        _on = (0 if self.command == ProxyProtocolV2.CommandEnum.cmd_local else int(self.family) * 16 + int(self.transport))
        if _on == 0:
            pass
            self.body._fetch_instances()
        elif _on == 17:
            pass
            self.body._fetch_instances()
        elif _on == 18:
            pass
            self.body._fetch_instances()
        elif _on == 33:
            pass
            self.body._fetch_instances()
        elif _on == 34:
            pass
            self.body._fetch_instances()
        elif _on == 49:
            pass
            self.body._fetch_instances()
        elif _on == 50:
            pass
            self.body._fetch_instances()
        else:
            pass

    class BodyInet(KaitaiStruct):
        """The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
        UDP): the 12-byte address block (`ipv4_addr` of the spec's union
        `proxy_addr`), then TLVs.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.BodyInet, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.src_addr = self._io.read_bytes(4)
            self.dst_addr = self._io.read_bytes(4)
            self.src_port = self._io.read_u2be()
            self.dst_port = self._io.read_u2be()
            self.tlvs = []
            i = 0
            while not self._io.is_eof():
                self.tlvs.append(ProxyProtocolV2.Tlv(self._io, self, self._root))
                i += 1



        def _fetch_instances(self):
            pass
            for i in range(len(self.tlvs)):
                pass
                self.tlvs[i]._fetch_instances()



    class BodyInet6(KaitaiStruct):
        """The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
        UDP): the 36-byte address block (`ipv6_addr` of the spec's union
        `proxy_addr`), then TLVs.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.BodyInet6, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.src_addr = self._io.read_bytes(16)
            self.dst_addr = self._io.read_bytes(16)
            self.src_port = self._io.read_u2be()
            self.dst_port = self._io.read_u2be()
            self.tlvs = []
            i = 0
            while not self._io.is_eof():
                self.tlvs.append(ProxyProtocolV2.Tlv(self._io, self, self._root))
                i += 1



        def _fetch_instances(self):
            pass
            for i in range(len(self.tlvs)):
                pass
                self.tlvs[i]._fetch_instances()



    class BodyTlvsOnly(KaitaiStruct):
        """The body of a LOCAL header, or of a PROXY header with family UNSPEC:
        TLVs only, no address block.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.BodyTlvsOnly, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.tlvs = []
            i = 0
            while not self._io.is_eof():
                self.tlvs.append(ProxyProtocolV2.Tlv(self._io, self, self._root))
                i += 1



        def _fetch_instances(self):
            pass
            for i in range(len(self.tlvs)):
                pass
                self.tlvs[i]._fetch_instances()



    class BodyUnix(KaitaiStruct):
        """The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
        0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
        union `proxy_addr`), then TLVs. Each path follows `sun_path`
        conventions: padded with NUL bytes; an abstract socket name starts
        with a NUL byte. Kept raw.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.BodyUnix, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.src_addr = self._io.read_bytes(108)
            self.dst_addr = self._io.read_bytes(108)
            self.tlvs = []
            i = 0
            while not self._io.is_eof():
                self.tlvs.append(ProxyProtocolV2.Tlv(self._io, self, self._root))
                i += 1



        def _fetch_instances(self):
            pass
            for i in range(len(self.tlvs)):
                pass
                self.tlvs[i]._fetch_instances()



    class SslSubTlv(KaitaiStruct):
        """A TLV nested in the SSL TLV, same framing as `tlv`. All known values
        are text (US-ASCII, or UTF-8 for the common name) except the client
        certificate, which is DER; all are kept as raw bytes.
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.SslSubTlv, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.subtype = KaitaiStream.resolve_enum(ProxyProtocolV2.Pp2SubtypeSsl, self._io.read_u1())
            self.len_value = self._io.read_u2be()
            self.value = self._io.read_bytes(self.len_value)


        def _fetch_instances(self):
            pass


    class Tlv(KaitaiStruct):
        """Type-length-value extension (struct `pp2_tlv`): a type byte, a
        big-endian 16-bit length counting only the value, then the value.
        Receivers skip types they do not know; their value stays raw bytes.
        
        Types 0xE0-0xEF are a range left to custom use: each application
        picks its own meaning, so their values stay raw here. The layouts
        three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
        specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
        for a reader to apply to a raw value when it knows which vendor is in
        front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
        are kept raw like any unknown type.
        
        .. seealso::
           section 2.2 - https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.Tlv, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.tlv_type = KaitaiStream.resolve_enum(ProxyProtocolV2.Pp2Type, self._io.read_u1())
            self.len_value = self._io.read_u2be()
            _on = self.tlv_type
            if _on == ProxyProtocolV2.Pp2Type.crc32c:
                pass
                self._raw_value = self._io.read_bytes(self.len_value)
                _io__raw_value = KaitaiStream(BytesIO(self._raw_value))
                self.value = ProxyProtocolV2.TlvCrc32c(_io__raw_value, self, self._root)
            elif _on == ProxyProtocolV2.Pp2Type.ssl:
                pass
                self._raw_value = self._io.read_bytes(self.len_value)
                _io__raw_value = KaitaiStream(BytesIO(self._raw_value))
                self.value = ProxyProtocolV2.TlvSsl(_io__raw_value, self, self._root)
            else:
                pass
                self.value = self._io.read_bytes(self.len_value)


        def _fetch_instances(self):
            pass
            _on = self.tlv_type
            if _on == ProxyProtocolV2.Pp2Type.crc32c:
                pass
                self.value._fetch_instances()
            elif _on == ProxyProtocolV2.Pp2Type.ssl:
                pass
                self.value._fetch_instances()
            else:
                pass


    class TlvCrc32c(KaitaiStruct):
        """CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
        signature to last TLV, computed with these 4 bytes set to zero. A
        mismatch makes the header invalid; checking it is left to the host.
        The value must be exactly 4 bytes long: a shorter one fails here
        (end of stream), a longer one must be rejected by the host too.
        
        .. seealso::
           section 2.2.3 - https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.TlvCrc32c, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.checksum = self._io.read_u4be()


        def _fetch_instances(self):
            pass


    class TlvSsl(KaitaiStruct):
        """Details of the TLS session between the client and the proxy
        (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
        the verify result, followed by sub-TLVs that fill the rest of this
        value and only have meaning inside it.
        
        .. seealso::
           section 2.2.6 - https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(ProxyProtocolV2.TlvSsl, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.client = self._io.read_u1()
            self.verify = self._io.read_u4be()
            self.sub_tlvs = []
            i = 0
            while not self._io.is_eof():
                self.sub_tlvs.append(ProxyProtocolV2.SslSubTlv(self._io, self, self._root))
                i += 1



        def _fetch_instances(self):
            pass
            for i in range(len(self.sub_tlvs)):
                pass
                self.sub_tlvs[i]._fetch_instances()


        @property
        def has_cert_conn(self):
            """The client sent a certificate on this connection."""
            if hasattr(self, '_m_has_cert_conn'):
                return self._m_has_cert_conn

            self._m_has_cert_conn = self.client & int(ProxyProtocolV2.Pp2Client.cert_conn) != 0
            return getattr(self, '_m_has_cert_conn', None)

        @property
        def has_cert_sess(self):
            """The client sent a certificate at least once in this TLS session."""
            if hasattr(self, '_m_has_cert_sess'):
                return self._m_has_cert_sess

            self._m_has_cert_sess = self.client & int(ProxyProtocolV2.Pp2Client.cert_sess) != 0
            return getattr(self, '_m_has_cert_sess', None)

        @property
        def is_ssl(self):
            """The client connected over TLS."""
            if hasattr(self, '_m_is_ssl'):
                return self._m_is_ssl

            self._m_is_ssl = self.client & int(ProxyProtocolV2.Pp2Client.ssl) != 0
            return getattr(self, '_m_is_ssl', None)



