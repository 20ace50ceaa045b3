# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from enum import IntEnum


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class ProxyProtocolV2TlvAzure(KaitaiStruct):
    """The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
    Private Link service sends it: a subtype byte, then the private endpoint's
    32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
    big-endian).
    
    0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    Apply this type to that raw value when the proxy in front is known to be
    Azure's; another application may give 0xEE another meaning. The value is
    exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
    a longer one (bytes left after `value`) is not this layout either.
    
    .. seealso::
       Source - https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2
    """

    class Pp2SubtypeAzure(IntEnum):
        private_endpoint_link_id = 1

    class Pp2Type(IntEnum):
        azure = 238
    def __init__(self, _io, _parent=None, _root=None):
        super(ProxyProtocolV2TlvAzure, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.subtype = KaitaiStream.resolve_enum(ProxyProtocolV2TlvAzure.Pp2SubtypeAzure, self._io.read_u1())
        self.value = self._io.read_u4le()


    def _fetch_instances(self):
        pass


