// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Map;
import java.util.HashMap;


/**
 * The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
 * Private Link service sends it: a subtype byte, then the private endpoint's
 * 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
 * big-endian).
 * 
 * 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Azure's; another application may give 0xEE another meaning. The value is
 * exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
 * a longer one (bytes left after `value`) is not this layout either.
 * @see <a href="https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2">Source</a>
 */
public class ProxyProtocolV2TlvAzure extends KaitaiStruct {
    public static ProxyProtocolV2TlvAzure fromFile(String fileName) throws IOException {
        return new ProxyProtocolV2TlvAzure(new ByteBufferKaitaiStream(fileName));
    }

    public enum Pp2SubtypeAzure {
        PRIVATE_ENDPOINT_LINK_ID(1);

        private final long id;
        Pp2SubtypeAzure(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2SubtypeAzure> byId = new HashMap<Long, Pp2SubtypeAzure>(1);
        static {
            for (Pp2SubtypeAzure e : Pp2SubtypeAzure.values())
                byId.put(e.id(), e);
        }
        public static Pp2SubtypeAzure byId(long id) { return byId.get(id); }
    }

    public enum Pp2Type {
        AZURE(238);

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

    public ProxyProtocolV2TlvAzure(KaitaiStream _io) {
        this(_io, null, null);
    }

    public ProxyProtocolV2TlvAzure(KaitaiStream _io, KaitaiStruct _parent) {
        this(_io, _parent, null);
    }

    public ProxyProtocolV2TlvAzure(KaitaiStream _io, KaitaiStruct _parent, ProxyProtocolV2TlvAzure _root) {
        super(_io);
        this._parent = _parent;
        this._root = _root == null ? this : _root;
        _read();
    }
    private void _read() {
        this.subtype = Pp2SubtypeAzure.byId(this._io.readU1());
        this.value = this._io.readU4le();
    }

    public void _fetchInstances() {
    }
    private Pp2SubtypeAzure subtype;
    private long value;
    private ProxyProtocolV2TlvAzure _root;
    private KaitaiStruct _parent;
    public Pp2SubtypeAzure subtype() { return subtype; }

    /**
     * The private endpoint's LINKID.
     */
    public long value() { return value; }
    public ProxyProtocolV2TlvAzure _root() { return _root; }
    public KaitaiStruct _parent() { return _parent; }
}
