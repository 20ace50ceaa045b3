// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Map;
import java.util.HashMap;


/**
 * The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
 * Load Balancer sends it for a connection that came through AWS PrivateLink:
 * a subtype byte, then the subtype's value, which fills the rest. Subtype
 * 0x01 carries the id of the VPC endpoint the client connected through, as
 * US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
 * 
 * 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * AWS; another application may give 0xEA another meaning. An empty value
 * fails here with an end-of-stream error.
 * @see <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol">Source</a>
 */
public class ProxyProtocolV2TlvAws extends KaitaiStruct {
    public static ProxyProtocolV2TlvAws fromFile(String fileName) throws IOException {
        return new ProxyProtocolV2TlvAws(new ByteBufferKaitaiStream(fileName));
    }

    public enum Pp2SubtypeAws {
        VPCE_ID(1);

        private final long id;
        Pp2SubtypeAws(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2SubtypeAws> byId = new HashMap<Long, Pp2SubtypeAws>(1);
        static {
            for (Pp2SubtypeAws e : Pp2SubtypeAws.values())
                byId.put(e.id(), e);
        }
        public static Pp2SubtypeAws byId(long id) { return byId.get(id); }
    }

    public enum Pp2Type {
        AWS(234);

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

    public ProxyProtocolV2TlvAws(KaitaiStream _io) {
        this(_io, null, null);
    }

    public ProxyProtocolV2TlvAws(KaitaiStream _io, KaitaiStruct _parent) {
        this(_io, _parent, null);
    }

    public ProxyProtocolV2TlvAws(KaitaiStream _io, KaitaiStruct _parent, ProxyProtocolV2TlvAws _root) {
        super(_io);
        this._parent = _parent;
        this._root = _root == null ? this : _root;
        _read();
    }
    private void _read() {
        this.subtype = Pp2SubtypeAws.byId(this._io.readU1());
        this.value = this._io.readBytesFull();
    }

    public void _fetchInstances() {
    }
    private Pp2SubtypeAws subtype;
    private byte[] value;
    private ProxyProtocolV2TlvAws _root;
    private KaitaiStruct _parent;
    public Pp2SubtypeAws subtype() { return subtype; }

    /**
     * For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
     * text that is not well formed is for the reader to flag.
     */
    public byte[] value() { return value; }
    public ProxyProtocolV2TlvAws _root() { return _root; }
    public KaitaiStruct _parent() { return _parent; }
}
