# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from enum import IntEnum


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class ProxyProtocolV2TlvGcp(KaitaiStruct):
    """The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
    Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
    and nothing else (no subtype byte).
    
    0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    Apply this type to that raw value when the proxy in front is known to be
    Google Cloud's; another application may give 0xE0 another meaning. The
    value is exactly 8 bytes: a shorter one fails here with an end-of-stream
    error, and a longer one (bytes left after `value`) is not this layout
    either.
    
    .. seealso::
       Source - https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol
    """

    class Pp2Type(IntEnum):
        gcp = 224
    def __init__(self, _io, _parent=None, _root=None):
        super(ProxyProtocolV2TlvGcp, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.value = self._io.read_u8be()


    def _fetch_instances(self):
        pass


