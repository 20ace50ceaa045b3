// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Map;
import java.util.HashMap;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;


/**
 * The PROXY protocol lets a proxy or load balancer tell the server behind it
 * who the real client is: before any payload, the proxy sends one header
 * that carries the client's and the proxied-to addresses and ports, plus
 * optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
 * ...\r\n`, not covered here); version 2, described here, is binary.
 * 
 * A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
 * a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
 * exchange; one byte holding the protocol version (always 2) and the
 * command (LOCAL or PROXY); one byte holding the address family and the
 * transport protocol; and the big-endian length of the rest. The rest holds
 * an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
 * 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
 * bytes after the header belong to the proxied payload and are not part of
 * this format. On UDP, header and payload share one datagram.
 * 
 * Some checks cannot be expressed here and are left to the host program: a
 * CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
 * computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
 * bytes at the end of the TLV area (too short to be a TLV header) makes the
 * header invalid, while this spec cannot tell it from a truncated TLV and
 * fails on it with an end-of-stream error. The command, family and
 * transport nibbles are validated (the spec requires a receiver to reject
 * any value it does not define).
 * 
 * Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
 * (HAProxy commit 50872daa), which also registers the SSL sub-types added
 * in 2025 and 2026.
 * @see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
 */
public class ProxyProtocolV2 extends KaitaiStruct {
    public static ProxyProtocolV2 fromFile(String fileName) throws IOException {
        return new ProxyProtocolV2(new ByteBufferKaitaiStream(fileName));
    }

    public enum AddressFamily {
        UNSPEC(0),
        INET(1),
        INET6(2),
        UNIX(3);

        private final long id;
        AddressFamily(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, AddressFamily> byId = new HashMap<Long, AddressFamily>(4);
        static {
            for (AddressFamily e : AddressFamily.values())
                byId.put(e.id(), e);
        }
        public static AddressFamily byId(long id) { return byId.get(id); }
    }

    public enum CommandEnum {
        CMD_LOCAL(0),
        CMD_PROXY(1);

        private final long id;
        CommandEnum(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, CommandEnum> byId = new HashMap<Long, CommandEnum>(2);
        static {
            for (CommandEnum e : CommandEnum.values())
                byId.put(e.id(), e);
        }
        public static CommandEnum byId(long id) { return byId.get(id); }
    }

    public enum Pp2Client {
        SSL(1),
        CERT_CONN(2),
        CERT_SESS(4);

        private final long id;
        Pp2Client(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2Client> byId = new HashMap<Long, Pp2Client>(3);
        static {
            for (Pp2Client e : Pp2Client.values())
                byId.put(e.id(), e);
        }
        public static Pp2Client byId(long id) { return byId.get(id); }
    }

    public enum Pp2SubtypeSsl {
        VERSION(33),
        CN(34),
        CIPHER(35),
        SIG_ALG(36),
        KEY_ALG(37),
        GROUP(38),
        SIG_SCHEME(39),
        CLIENT_CERT(40);

        private final long id;
        Pp2SubtypeSsl(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2SubtypeSsl> byId = new HashMap<Long, Pp2SubtypeSsl>(8);
        static {
            for (Pp2SubtypeSsl e : Pp2SubtypeSsl.values())
                byId.put(e.id(), e);
        }
        public static Pp2SubtypeSsl byId(long id) { return byId.get(id); }
    }

    public enum Pp2Type {
        ALPN(1),
        AUTHORITY(2),
        CRC32C(3),
        NOOP(4),
        UNIQUE_ID(5),
        SSL(32),
        NETNS(48);

        private final long id;
        Pp2Type(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, Pp2Type> byId = new HashMap<Long, Pp2Type>(7);
        static {
            for (Pp2Type e : Pp2Type.values())
                byId.put(e.id(), e);
        }
        public static Pp2Type byId(long id) { return byId.get(id); }
    }

    public enum TransportProtocol {
        UNSPEC(0),
        STREAM(1),
        DGRAM(2);

        private final long id;
        TransportProtocol(long id) { this.id = id; }
        public long id() { return id; }
        private static final Map<Long, TransportProtocol> byId = new HashMap<Long, TransportProtocol>(3);
        static {
            for (TransportProtocol e : TransportProtocol.values())
                byId.put(e.id(), e);
        }
        public static TransportProtocol byId(long id) { return byId.get(id); }
    }

    public ProxyProtocolV2(KaitaiStream _io) {
        this(_io, null, null);
    }

    public ProxyProtocolV2(KaitaiStream _io, KaitaiStruct _parent) {
        this(_io, _parent, null);
    }

    public ProxyProtocolV2(KaitaiStream _io, KaitaiStruct _parent, ProxyProtocolV2 _root) {
        super(_io);
        this._parent = _parent;
        this._root = _root == null ? this : _root;
        _read();
    }
    private void _read() {
        this.magic = this._io.readBytes(12);
        if (!(Arrays.equals(this.magic, new byte[] { 13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10 }))) {
            throw new KaitaiStream.ValidationNotEqualError(new byte[] { 13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10 }, this.magic, this._io, "/seq/0");
        }
        this.version = this._io.readBitsIntBe(4);
        if (!(this.version == 2)) {
            throw new KaitaiStream.ValidationNotEqualError(2, this.version, this._io, "/seq/1");
        }
        this.command = CommandEnum.byId(this._io.readBitsIntBe(4));
        if (this.command == null) {
            throw new KaitaiStream.ValidationNotInEnumError(this.command, this._io, "/seq/2");
        }
        this.family = AddressFamily.byId(this._io.readBitsIntBe(4));
        if (this.family == null) {
            throw new KaitaiStream.ValidationNotInEnumError(this.family, this._io, "/seq/3");
        }
        this.transport = TransportProtocol.byId(this._io.readBitsIntBe(4));
        if (this.transport == null) {
            throw new KaitaiStream.ValidationNotInEnumError(this.transport, this._io, "/seq/4");
        }
        this.lenBody = this._io.readU2be();
        switch ((command() == CommandEnum.CMD_LOCAL ? ((int) 0) : ((Number) (family().id())).intValue() * 16 + ((Number) (transport().id())).intValue())) {
        case 0: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyTlvsOnly(_io_body, this, _root);
            break;
        }
        case 17: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyInet(_io_body, this, _root);
            break;
        }
        case 18: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyInet(_io_body, this, _root);
            break;
        }
        case 33: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyInet6(_io_body, this, _root);
            break;
        }
        case 34: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyInet6(_io_body, this, _root);
            break;
        }
        case 49: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyUnix(_io_body, this, _root);
            break;
        }
        case 50: {
            KaitaiStream _io_body = this._io.substream(lenBody());
            this.body = new BodyUnix(_io_body, this, _root);
            break;
        }
        default: {
            this.body = this._io.readBytes(lenBody());
            break;
        }
        }
    }

    public void _fetchInstances() {
        switch ((command() == CommandEnum.CMD_LOCAL ? ((int) 0) : ((Number) (family().id())).intValue() * 16 + ((Number) (transport().id())).intValue())) {
        case 0: {
            ((BodyTlvsOnly) (this.body))._fetchInstances();
            break;
        }
        case 17: {
            ((BodyInet) (this.body))._fetchInstances();
            break;
        }
        case 18: {
            ((BodyInet) (this.body))._fetchInstances();
            break;
        }
        case 33: {
            ((BodyInet6) (this.body))._fetchInstances();
            break;
        }
        case 34: {
            ((BodyInet6) (this.body))._fetchInstances();
            break;
        }
        case 49: {
            ((BodyUnix) (this.body))._fetchInstances();
            break;
        }
        case 50: {
            ((BodyUnix) (this.body))._fetchInstances();
            break;
        }
        default: {
            break;
        }
        }
    }

    /**
     * The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
     * UDP): the 12-byte address block (`ipv4_addr` of the spec's union
     * `proxy_addr`), then TLVs.
     */
    public static class BodyInet extends KaitaiStruct {
        public static BodyInet fromFile(String fileName) throws IOException {
            return new BodyInet(new ByteBufferKaitaiStream(fileName));
        }

        public BodyInet(KaitaiStream _io) {
            this(_io, null, null);
        }

        public BodyInet(KaitaiStream _io, ProxyProtocolV2 _parent) {
            this(_io, _parent, null);
        }

        public BodyInet(KaitaiStream _io, ProxyProtocolV2 _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.srcAddr = this._io.readBytes(4);
            this.dstAddr = this._io.readBytes(4);
            this.srcPort = this._io.readU2be();
            this.dstPort = this._io.readU2be();
            this.tlvs = new ArrayList<Tlv>();
            {
                int i = 0;
                while (!this._io.isEof()) {
                    this.tlvs.add(new Tlv(this._io, this, _root));
                    i++;
                }
            }
        }

        public void _fetchInstances() {
            for (int i = 0; i < this.tlvs.size(); i++) {
                this.tlvs.get(((Number) (i)).intValue())._fetchInstances();
            }
        }
        private byte[] srcAddr;
        private byte[] dstAddr;
        private int srcPort;
        private int dstPort;
        private List<Tlv> tlvs;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2 _parent;

        /**
         * Source (client) IPv4 address, network byte order.
         */
        public byte[] srcAddr() { return srcAddr; }

        /**
         * Destination (proxied-to) IPv4 address, network byte order.
         */
        public byte[] dstAddr() { return dstAddr; }
        public int srcPort() { return srcPort; }
        public int dstPort() { return dstPort; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public List<Tlv> tlvs() { return tlvs; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2 _parent() { return _parent; }
    }

    /**
     * The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
     * UDP): the 36-byte address block (`ipv6_addr` of the spec's union
     * `proxy_addr`), then TLVs.
     */
    public static class BodyInet6 extends KaitaiStruct {
        public static BodyInet6 fromFile(String fileName) throws IOException {
            return new BodyInet6(new ByteBufferKaitaiStream(fileName));
        }

        public BodyInet6(KaitaiStream _io) {
            this(_io, null, null);
        }

        public BodyInet6(KaitaiStream _io, ProxyProtocolV2 _parent) {
            this(_io, _parent, null);
        }

        public BodyInet6(KaitaiStream _io, ProxyProtocolV2 _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.srcAddr = this._io.readBytes(16);
            this.dstAddr = this._io.readBytes(16);
            this.srcPort = this._io.readU2be();
            this.dstPort = this._io.readU2be();
            this.tlvs = new ArrayList<Tlv>();
            {
                int i = 0;
                while (!this._io.isEof()) {
                    this.tlvs.add(new Tlv(this._io, this, _root));
                    i++;
                }
            }
        }

        public void _fetchInstances() {
            for (int i = 0; i < this.tlvs.size(); i++) {
                this.tlvs.get(((Number) (i)).intValue())._fetchInstances();
            }
        }
        private byte[] srcAddr;
        private byte[] dstAddr;
        private int srcPort;
        private int dstPort;
        private List<Tlv> tlvs;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2 _parent;

        /**
         * Source (client) IPv6 address, network byte order.
         */
        public byte[] srcAddr() { return srcAddr; }

        /**
         * Destination (proxied-to) IPv6 address, network byte order.
         */
        public byte[] dstAddr() { return dstAddr; }
        public int srcPort() { return srcPort; }
        public int dstPort() { return dstPort; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public List<Tlv> tlvs() { return tlvs; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2 _parent() { return _parent; }
    }

    /**
     * The body of a LOCAL header, or of a PROXY header with family UNSPEC:
     * TLVs only, no address block.
     */
    public static class BodyTlvsOnly extends KaitaiStruct {
        public static BodyTlvsOnly fromFile(String fileName) throws IOException {
            return new BodyTlvsOnly(new ByteBufferKaitaiStream(fileName));
        }

        public BodyTlvsOnly(KaitaiStream _io) {
            this(_io, null, null);
        }

        public BodyTlvsOnly(KaitaiStream _io, ProxyProtocolV2 _parent) {
            this(_io, _parent, null);
        }

        public BodyTlvsOnly(KaitaiStream _io, ProxyProtocolV2 _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.tlvs = new ArrayList<Tlv>();
            {
                int i = 0;
                while (!this._io.isEof()) {
                    this.tlvs.add(new Tlv(this._io, this, _root));
                    i++;
                }
            }
        }

        public void _fetchInstances() {
            for (int i = 0; i < this.tlvs.size(); i++) {
                this.tlvs.get(((Number) (i)).intValue())._fetchInstances();
            }
        }
        private List<Tlv> tlvs;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2 _parent;

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public List<Tlv> tlvs() { return tlvs; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2 _parent() { return _parent; }
    }

    /**
     * The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
     * 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
     * union `proxy_addr`), then TLVs. Each path follows `sun_path`
     * conventions: padded with NUL bytes; an abstract socket name starts
     * with a NUL byte. Kept raw.
     */
    public static class BodyUnix extends KaitaiStruct {
        public static BodyUnix fromFile(String fileName) throws IOException {
            return new BodyUnix(new ByteBufferKaitaiStream(fileName));
        }

        public BodyUnix(KaitaiStream _io) {
            this(_io, null, null);
        }

        public BodyUnix(KaitaiStream _io, ProxyProtocolV2 _parent) {
            this(_io, _parent, null);
        }

        public BodyUnix(KaitaiStream _io, ProxyProtocolV2 _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.srcAddr = this._io.readBytes(108);
            this.dstAddr = this._io.readBytes(108);
            this.tlvs = new ArrayList<Tlv>();
            {
                int i = 0;
                while (!this._io.isEof()) {
                    this.tlvs.add(new Tlv(this._io, this, _root));
                    i++;
                }
            }
        }

        public void _fetchInstances() {
            for (int i = 0; i < this.tlvs.size(); i++) {
                this.tlvs.get(((Number) (i)).intValue())._fetchInstances();
            }
        }
        private byte[] srcAddr;
        private byte[] dstAddr;
        private List<Tlv> tlvs;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2 _parent;
        public byte[] srcAddr() { return srcAddr; }
        public byte[] dstAddr() { return dstAddr; }

        /**
         * Extensions in the order sent; a type may appear more than once.
         */
        public List<Tlv> tlvs() { return tlvs; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2 _parent() { return _parent; }
    }

    /**
     * A TLV nested in the SSL TLV, same framing as `tlv`. All known values
     * are text (US-ASCII, or UTF-8 for the common name) except the client
     * certificate, which is DER; all are kept as raw bytes.
     */
    public static class SslSubTlv extends KaitaiStruct {
        public static SslSubTlv fromFile(String fileName) throws IOException {
            return new SslSubTlv(new ByteBufferKaitaiStream(fileName));
        }

        public SslSubTlv(KaitaiStream _io) {
            this(_io, null, null);
        }

        public SslSubTlv(KaitaiStream _io, ProxyProtocolV2.TlvSsl _parent) {
            this(_io, _parent, null);
        }

        public SslSubTlv(KaitaiStream _io, ProxyProtocolV2.TlvSsl _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.subtype = ProxyProtocolV2.Pp2SubtypeSsl.byId(this._io.readU1());
            this.lenValue = this._io.readU2be();
            this.value = this._io.readBytes(lenValue());
        }

        public void _fetchInstances() {
        }
        private Pp2SubtypeSsl subtype;
        private int lenValue;
        private byte[] value;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2.TlvSsl _parent;
        public Pp2SubtypeSsl subtype() { return subtype; }
        public int lenValue() { return lenValue; }
        public byte[] value() { return value; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2.TlvSsl _parent() { return _parent; }
    }

    /**
     * Type-length-value extension (struct `pp2_tlv`): a type byte, a
     * big-endian 16-bit length counting only the value, then the value.
     * Receivers skip types they do not know; their value stays raw bytes.
     * 
     * Types 0xE0-0xEF are a range left to custom use: each application
     * picks its own meaning, so their values stay raw here. The layouts
     * three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
     * specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
     * for a reader to apply to a raw value when it knows which vendor is in
     * front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
     * are kept raw like any unknown type.
     * @see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
     */
    public static class Tlv extends KaitaiStruct {
        public static Tlv fromFile(String fileName) throws IOException {
            return new Tlv(new ByteBufferKaitaiStream(fileName));
        }

        public Tlv(KaitaiStream _io) {
            this(_io, null, null);
        }

        public Tlv(KaitaiStream _io, KaitaiStruct _parent) {
            this(_io, _parent, null);
        }

        public Tlv(KaitaiStream _io, KaitaiStruct _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.tlvType = ProxyProtocolV2.Pp2Type.byId(this._io.readU1());
            this.lenValue = this._io.readU2be();
            {
                Pp2Type on = tlvType();
                if (on != null) {
                    switch (tlvType()) {
                    case CRC32C: {
                        KaitaiStream _io_value = this._io.substream(lenValue());
                        this.value = new TlvCrc32c(_io_value, this, _root);
                        break;
                    }
                    case SSL: {
                        KaitaiStream _io_value = this._io.substream(lenValue());
                        this.value = new TlvSsl(_io_value, this, _root);
                        break;
                    }
                    default: {
                        this.value = this._io.readBytes(lenValue());
                        break;
                    }
                    }
                } else {
                    this.value = this._io.readBytes(lenValue());
                }
            }
        }

        public void _fetchInstances() {
            {
                Pp2Type on = tlvType();
                if (on != null) {
                    switch (tlvType()) {
                    case CRC32C: {
                        ((TlvCrc32c) (this.value))._fetchInstances();
                        break;
                    }
                    case SSL: {
                        ((TlvSsl) (this.value))._fetchInstances();
                        break;
                    }
                    default: {
                        break;
                    }
                    }
                } else {
                }
            }
        }
        private Pp2Type tlvType;
        private int lenValue;
        private Object value;
        private ProxyProtocolV2 _root;
        private KaitaiStruct _parent;
        public Pp2Type tlvType() { return tlvType; }

        /**
         * Length of the value in bytes (the spec's `length_hi`/`length_lo`).
         */
        public int lenValue() { return lenValue; }

        /**
         * The value, decoded for CRC32C and SSL. Every other type is raw
         * bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
         * host name, usually the TLS SNI), NOOP (padding, to be ignored),
         * UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
         * name), the custom range and unknown types. Text is left as
         * bytes on purpose: a malformed string is for the reader to flag,
         * not a reason to reject the whole header.
         */
        public Object value() { return value; }
        public ProxyProtocolV2 _root() { return _root; }
        public KaitaiStruct _parent() { return _parent; }
    }

    /**
     * CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
     * signature to last TLV, computed with these 4 bytes set to zero. A
     * mismatch makes the header invalid; checking it is left to the host.
     * The value must be exactly 4 bytes long: a shorter one fails here
     * (end of stream), a longer one must be rejected by the host too.
     * @see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.3</a>
     */
    public static class TlvCrc32c extends KaitaiStruct {
        public static TlvCrc32c fromFile(String fileName) throws IOException {
            return new TlvCrc32c(new ByteBufferKaitaiStream(fileName));
        }

        public TlvCrc32c(KaitaiStream _io) {
            this(_io, null, null);
        }

        public TlvCrc32c(KaitaiStream _io, ProxyProtocolV2.Tlv _parent) {
            this(_io, _parent, null);
        }

        public TlvCrc32c(KaitaiStream _io, ProxyProtocolV2.Tlv _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.checksum = this._io.readU4be();
        }

        public void _fetchInstances() {
        }
        private long checksum;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2.Tlv _parent;

        /**
         * Big-endian, as HAProxy and nginx write it.
         */
        public long checksum() { return checksum; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2.Tlv _parent() { return _parent; }
    }

    /**
     * Details of the TLS session between the client and the proxy
     * (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
     * the verify result, followed by sub-TLVs that fill the rest of this
     * value and only have meaning inside it.
     * @see <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.6</a>
     */
    public static class TlvSsl extends KaitaiStruct {
        public static TlvSsl fromFile(String fileName) throws IOException {
            return new TlvSsl(new ByteBufferKaitaiStream(fileName));
        }

        public TlvSsl(KaitaiStream _io) {
            this(_io, null, null);
        }

        public TlvSsl(KaitaiStream _io, ProxyProtocolV2.Tlv _parent) {
            this(_io, _parent, null);
        }

        public TlvSsl(KaitaiStream _io, ProxyProtocolV2.Tlv _parent, ProxyProtocolV2 _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.client = this._io.readU1();
            this.verify = this._io.readU4be();
            this.subTlvs = new ArrayList<SslSubTlv>();
            {
                int i = 0;
                while (!this._io.isEof()) {
                    this.subTlvs.add(new SslSubTlv(this._io, this, _root));
                    i++;
                }
            }
        }

        public void _fetchInstances() {
            for (int i = 0; i < this.subTlvs.size(); i++) {
                this.subTlvs.get(((Number) (i)).intValue())._fetchInstances();
            }
        }
        private Boolean hasCertConn;

        /**
         * The client sent a certificate on this connection.
         */
        public Boolean hasCertConn() {
            if (this.hasCertConn != null)
                return this.hasCertConn;
            this.hasCertConn = (client() & ((Number) (ProxyProtocolV2.Pp2Client.CERT_CONN.id())).intValue()) != 0;
            return this.hasCertConn;
        }
        private Boolean hasCertSess;

        /**
         * The client sent a certificate at least once in this TLS session.
         */
        public Boolean hasCertSess() {
            if (this.hasCertSess != null)
                return this.hasCertSess;
            this.hasCertSess = (client() & ((Number) (ProxyProtocolV2.Pp2Client.CERT_SESS.id())).intValue()) != 0;
            return this.hasCertSess;
        }
        private Boolean isSsl;

        /**
         * The client connected over TLS.
         */
        public Boolean isSsl() {
            if (this.isSsl != null)
                return this.isSsl;
            this.isSsl = (client() & ((Number) (ProxyProtocolV2.Pp2Client.SSL.id())).intValue()) != 0;
            return this.isSsl;
        }
        private int client;
        private long verify;
        private List<SslSubTlv> subTlvs;
        private ProxyProtocolV2 _root;
        private ProxyProtocolV2.Tlv _parent;

        /**
         * Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
         * CERT_SESS (0x04); the other bits are reserved.
         */
        public int client() { return client; }

        /**
         * Zero if the client presented a certificate and it was verified,
         * non-zero otherwise. HAProxy leaves it zero when no certificate
         * was used, so read it together with the certificate flags.
         */
        public long verify() { return verify; }
        public List<SslSubTlv> subTlvs() { return subTlvs; }
        public ProxyProtocolV2 _root() { return _root; }
        public ProxyProtocolV2.Tlv _parent() { return _parent; }
    }
    private byte[] magic;
    private long version;
    private CommandEnum command;
    private AddressFamily family;
    private TransportProtocol transport;
    private int lenBody;
    private Object body;
    private ProxyProtocolV2 _root;
    private KaitaiStruct _parent;

    /**
     * The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
     * a NUL byte, so it must never be handled as a C string.
     */
    public byte[] magic() { return magic; }

    /**
     * Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
     */
    public long version() { return version; }

    /**
     * The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
     */
    public CommandEnum command() { return command; }

    /**
     * Address family, the high nibble of `fam`.
     */
    public AddressFamily family() { return family; }

    /**
     * Transport protocol, the low nibble of `fam`.
     */
    public TransportProtocol transport() { return transport; }

    /**
     * Number of bytes after this 16-byte fixed part: the address block plus
     * all TLVs. The whole header is `16 + len_body` bytes. A receiver must
     * always honour it, also for LOCAL (which senders usually send with a
     * zero length, but HAProxy health checks may carry TLVs).
     */
    public int lenBody() { return lenBody; }

    /**
     * Everything after the fixed part. Being a size-limited substream, it
     * guarantees that no TLV can reach into the payload that follows.
     * 
     * Its layout is chosen by the command, then by the `fam` byte. A LOCAL
     * header has no address block whatever its family: everything after
     * the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
     * the receiver to discard the protocol block including the family, and
     * HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
     * the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
     * INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
     * Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
     * the body is kept as raw bytes, and a receiver falls back to the real
     * connection endpoints, as for UNSPEC.
     */
    public Object body() { return body; }
    public ProxyProtocolV2 _root() { return _root; }
    public KaitaiStruct _parent() { return _parent; }
}
