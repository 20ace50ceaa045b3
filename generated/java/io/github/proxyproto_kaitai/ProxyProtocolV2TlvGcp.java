// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Map;
import java.util.HashMap;


/**
 * The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
 * Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
 * and nothing else (no subtype byte).
 * 
 * 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Google Cloud's; another application may give 0xE0 another meaning. The
 * value is exactly 8 bytes: a shorter one fails here with an end-of-stream
 * error, and a longer one (bytes left after `value`) is not this layout
 * either.
 * @see <a href="https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol">Source</a>
 */
public class ProxyProtocolV2TlvGcp extends KaitaiStruct {
    public static ProxyProtocolV2TlvGcp fromFile(String fileName) throws IOException {
        return new ProxyProtocolV2TlvGcp(new ByteBufferKaitaiStream(fileName));
    }

    public enum Pp2Type {
        GCP(224);

        private final long id;
        Pp2Type(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2Type> byId = new HashMap<Long, Pp2Type>(1);
        static {
            for (Pp2Type e : Pp2Type.values())
                byId.put(e.id(), e);
        }
        public static Pp2Type byId(long id) { return byId.get(id); }
    }

    public ProxyProtocolV2TlvGcp(KaitaiStream _io) {
        this(_io, null, null);
    }

    public ProxyProtocolV2TlvGcp(KaitaiStream _io, KaitaiStruct _parent) {
        this(_io, _parent, null);
    }

    public ProxyProtocolV2TlvGcp(KaitaiStream _io, KaitaiStruct _parent, ProxyProtocolV2TlvGcp _root) {
        super(_io);
        this._parent = _parent;
        this._root = _root == null ? this : _root;
        _read();
    }
    private void _read() {
        this.value = this._io.readU8be();
    }

    public void _fetchInstances() {
    }
    private long value;
    private ProxyProtocolV2TlvGcp _root;
    private KaitaiStruct _parent;

    /**
     * The PSC connection id, an unsigned 64-bit number.
     */
    public long value() { return value; }
    public ProxyProtocolV2TlvGcp _root() { return _root; }
    public KaitaiStruct _parent() { return _parent; }
}
