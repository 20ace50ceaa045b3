# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class SimpleProxyProtocol(KaitaiStruct):
    """Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
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
    
    .. seealso::
       Source - https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/
    
    
    .. seealso::
       Source - https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(SimpleProxyProtocol, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.magic = self._io.read_u2be()
        if not self.magic == 22252:
            raise kaitaistruct.ValidationNotEqualError(22252, self.magic, self._io, u"/seq/0")
        self._raw_client_addr = self._io.read_bytes(16)
        _io__raw_client_addr = KaitaiStream(BytesIO(self._raw_client_addr))
        self.client_addr = SimpleProxyProtocol.IpAddress(_io__raw_client_addr, self, self._root)
        self._raw_proxy_addr = self._io.read_bytes(16)
        _io__raw_proxy_addr = KaitaiStream(BytesIO(self._raw_proxy_addr))
        self.proxy_addr = SimpleProxyProtocol.IpAddress(_io__raw_proxy_addr, self, self._root)
        self.client_port = self._io.read_u2be()
        self.proxy_port = self._io.read_u2be()
        self.payload = self._io.read_bytes_full()


    def _fetch_instances(self):
        pass
        self.client_addr._fetch_instances()
        self.proxy_addr._fetch_instances()

    class IpAddress(KaitaiStruct):
        """An IPv6 address, or an IPv4 address in IPv4-mapped form.
        
        .. seealso::
           Source - https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2
        """
        def __init__(self, _io, _parent=None, _root=None):
            super(SimpleProxyProtocol.IpAddress, self).__init__(_io)
            self._parent = _parent
            self._root = _root
            self._read()

        def _read(self):
            self.ipv6 = self._io.read_bytes(16)


        def _fetch_instances(self):
            pass
            _ = self.ipv4
            if hasattr(self, '_m_ipv4'):
                pass

            _ = self.mapped_prefix
            if hasattr(self, '_m_mapped_prefix'):
                pass


        @property
        def ipv4(self):
            """The IPv4 address, for an IPv4-mapped address."""
            if hasattr(self, '_m_ipv4'):
                return self._m_ipv4

            if self.is_ipv4_mapped:
                pass
                _pos = self._io.pos()
                self._io.seek(12)
                self._m_ipv4 = self._io.read_bytes(4)
                self._io.seek(_pos)

            return getattr(self, '_m_ipv4', None)

        @property
        def is_ipv4_mapped(self):
            if hasattr(self, '_m_is_ipv4_mapped'):
                return self._m_is_ipv4_mapped

            self._m_is_ipv4_mapped = self.mapped_prefix == b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xFF\xFF"
            return getattr(self, '_m_is_ipv4_mapped', None)

        @property
        def mapped_prefix(self):
            """The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address."""
            if hasattr(self, '_m_mapped_prefix'):
                return self._m_mapped_prefix

            _pos = self._io.pos()
            self._io.seek(0)
            self._m_mapped_prefix = self._io.read_bytes(12)
            self._io.seek(_pos)
            return getattr(self, '_m_mapped_prefix', None)



