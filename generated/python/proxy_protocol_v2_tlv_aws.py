# This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild
# type: ignore

import kaitaistruct
from kaitaistruct import KaitaiStruct, KaitaiStream, BytesIO
from enum import IntEnum


if getattr(kaitaistruct, 'API_VERSION', (0, 9)) < (0, 11):
    raise Exception("Incompatible Kaitai Struct Python API: 0.11 or later is required, but you have %s" % (kaitaistruct.__version__))

class ProxyProtocolV2TlvAws(KaitaiStruct):
    """The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
    Load Balancer sends it for a connection that came through AWS PrivateLink:
    a subtype byte, then the subtype's value, which fills the rest. Subtype
    0x01 carries the id of the VPC endpoint the client connected through, as
    US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
    
    0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    Apply this type to that raw value when the proxy in front is known to be
    AWS; another application may give 0xEA another meaning. An empty value
    fails here with an end-of-stream error.
    
    .. seealso::
       Source - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol
    """

    class Pp2SubtypeAws(IntEnum):
        vpce_id = 1

    class Pp2Type(IntEnum):
        aws = 234
    def __init__(self, _io, _parent=None, _root=None):
        super(ProxyProtocolV2TlvAws, self).__init__(_io)
        self._parent = _parent
        self._root = _root or self
        self._read()

    def _read(self):
        self.subtype = KaitaiStream.resolve_enum(ProxyProtocolV2TlvAws.Pp2SubtypeAws, self._io.read_u1())
        self.value = self._io.read_bytes_full()


    def _fetch_instances(self):
        pass


