# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class SimpleProxyProtocol(KaitaiStruct):
    """A UDP datagram between Cloudflare Spectrum and an origin server with the
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
    
    .. seealso::
       Source - https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/
    """
    def __init__(self, _io, _parent=None, _root=None):
        super(SimpleProxyProtocol, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.magic = self._io.read_bytes(2)
        if not self.magic == b"\x56\xEC":
            raise kaitaistruct.ValidationNotEqualError(b"\x56\xEC", self.magic, self._io, u"/seq/0")
        self.client_addr = self._io.read_bytes(16)
        self.proxy_addr = self._io.read_bytes(16)
        self.client_port = self._io.read_u2be()
        self.proxy_port = self._io.read_u2be()
        self.payload = self._io.read_bytes_full()


    def _fetch_instances(self):
        pass


