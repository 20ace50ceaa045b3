// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Arrays;


/**
 * Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
 * Protocol enabled, every datagram between Cloudflare and the origin server
 * starts with a fixed 38-byte header telling who the real client is, and
 * the original payload follows. The origin must send its replies back with
 * the same header (the client's address and port, not swapped) so that
 * Cloudflare can route them to that client. The leg between the client and
 * Cloudflare never carries it.
 * 
 * There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
 * the only identification, so a reader that looks for SPP in arbitrary UDP
 * traffic should add plausibility checks (for instance, both addresses
 * IPv4-mapped or both native IPv6). IPv4 addresses are carried as
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
 * All numbers are big-endian.
 * @see <a href="https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/">Source</a>
 * @see <a href="https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/">Source</a>
 */
public class SimpleProxyProtocol extends KaitaiStruct {
    public static SimpleProxyProtocol fromFile(String fileName) throws IOException {
        return new SimpleProxyProtocol(new ByteBufferKaitaiStream(fileName));
    }

    public SimpleProxyProtocol(KaitaiStream _io) {
        this(_io, null, null);
    }

    public SimpleProxyProtocol(KaitaiStream _io, KaitaiStruct _parent) {
        this(_io, _parent, null);
    }

    public SimpleProxyProtocol(KaitaiStream _io, KaitaiStruct _parent, SimpleProxyProtocol _root) {
        super(_io);
        this._parent = _parent;
        this._root = _root == null ? this : _root;
        _read();
    }
    private void _read() {
        this.magic = this._io.readU2be();
        if (!(this.magic == 22252)) {
            throw new KaitaiStream.ValidationNotEqualError(22252, this.magic, this._io, "/seq/0");
        }
        KaitaiStream _io_clientAddr = this._io.substream(16);
        this.clientAddr = new IpAddress(_io_clientAddr, this, _root);
        KaitaiStream _io_proxyAddr = this._io.substream(16);
        this.proxyAddr = new IpAddress(_io_proxyAddr, this, _root);
        this.clientPort = this._io.readU2be();
        this.proxyPort = this._io.readU2be();
        this.payload = this._io.readBytesFull();
    }

    public void _fetchInstances() {
        this.clientAddr._fetchInstances();
        this.proxyAddr._fetchInstances();
    }

    /**
     * An IPv6 address, or an IPv4 address in IPv4-mapped form.
     * @see <a href="https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2">Source</a>
     */
    public static class IpAddress extends KaitaiStruct {
        public static IpAddress fromFile(String fileName) throws IOException {
            return new IpAddress(new ByteBufferKaitaiStream(fileName));
        }

        public IpAddress(KaitaiStream _io) {
            this(_io, null, null);
        }

        public IpAddress(KaitaiStream _io, SimpleProxyProtocol _parent) {
            this(_io, _parent, null);
        }

        public IpAddress(KaitaiStream _io, SimpleProxyProtocol _parent, SimpleProxyProtocol _root) {
            super(_io);
            this._parent = _parent;
            this._root = _root;
            _read();
        }
        private void _read() {
            this.ipv6 = this._io.readBytes(16);
        }

        public void _fetchInstances() {
            ipv4();
            if (this.ipv4 != null) {
            }
            mappedPrefix();
            if (this.mappedPrefix != null) {
            }
        }
        private byte[] ipv4;

        /**
         * The IPv4 address, for an IPv4-mapped address.
         */
        public byte[] ipv4() {
            if (this.ipv4 != null)
                return this.ipv4;
            if (isIpv4Mapped()) {
                long _pos = this._io.pos();
                this._io.seek(12);
                this.ipv4 = this._io.readBytes(4);
                this._io.seek(_pos);
            }
            return this.ipv4;
        }
        private Boolean isIpv4Mapped;
        public Boolean isIpv4Mapped() {
            if (this.isIpv4Mapped != null)
                return this.isIpv4Mapped;
            this.isIpv4Mapped = Arrays.equals(mappedPrefix(), new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1 });
            return this.isIpv4Mapped;
        }
        private byte[] mappedPrefix;

        /**
         * The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
         */
        public byte[] mappedPrefix() {
            if (this.mappedPrefix != null)
                return this.mappedPrefix;
            long _pos = this._io.pos();
            this._io.seek(0);
            this.mappedPrefix = this._io.readBytes(12);
            this._io.seek(_pos);
            return this.mappedPrefix;
        }
        private byte[] ipv6;
        private SimpleProxyProtocol _root;
        private SimpleProxyProtocol _parent;

        /**
         * The address as 16 bytes, network byte order.
         */
        public byte[] ipv6() { return ipv6; }
        public SimpleProxyProtocol _root() { return _root; }
        public SimpleProxyProtocol _parent() { return _parent; }
    }
    private int magic;
    private IpAddress clientAddr;
    private IpAddress proxyAddr;
    private int clientPort;
    private int proxyPort;
    private byte[] payload;
    private SimpleProxyProtocol _root;
    private KaitaiStruct _parent;

    /**
     * Always 0x56EC, the only mark of an SPP header.
     */
    public int magic() { return magic; }

    /**
     * The client's address as Cloudflare saw it.
     */
    public IpAddress clientAddr() { return clientAddr; }

    /**
     * The Cloudflare address that received the client's datagram.
     */
    public IpAddress proxyAddr() { return proxyAddr; }

    /**
     * The client's UDP source port.
     */
    public int clientPort() { return clientPort; }

    /**
     * The UDP port on which Cloudflare received the datagram.
     */
    public int proxyPort() { return proxyPort; }

    /**
     * The proxied datagram's payload, after the 38-byte header.
     */
    public byte[] payload() { return payload; }
    public SimpleProxyProtocol _root() { return _root; }
    public KaitaiStruct _parent() { return _parent; }
}
