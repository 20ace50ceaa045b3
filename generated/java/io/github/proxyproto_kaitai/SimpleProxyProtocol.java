// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

package io.github.proxyproto_kaitai;

import io.kaitai.struct.ByteBufferKaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import io.kaitai.struct.KaitaiStream;
import java.io.IOException;
import java.util.Arrays;


/**
 * A UDP datagram between Cloudflare Spectrum and an origin server with the
 * Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
 * real client is, then the original payload. Cloudflare puts the header on
 * every datagram it sends to the origin, and the origin's replies carry the
 * same header (the client's address and port, not swapped).
 * 
 * There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
 * the only identification, so a reader that looks for SPP in arbitrary UDP
 * traffic should add plausibility checks (for instance, both addresses
 * IPv4-mapped or both native IPv6). IPv4 addresses are carried as
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
 * All numbers are big-endian.
 * @see <a href="https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/">Source</a>
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
        this.magic = this._io.readBytes(2);
        if (!(Arrays.equals(this.magic, new byte[] { 86, -20 }))) {
            throw new KaitaiStream.ValidationNotEqualError(new byte[] { 86, -20 }, this.magic, this._io, "/seq/0");
        }
        this.clientAddr = this._io.readBytes(16);
        this.proxyAddr = this._io.readBytes(16);
        this.clientPort = this._io.readU2be();
        this.proxyPort = this._io.readU2be();
        this.payload = this._io.readBytesFull();
    }

    public void _fetchInstances() {
    }
    private byte[] magic;
    private byte[] clientAddr;
    private byte[] proxyAddr;
    private int clientPort;
    private int proxyPort;
    private byte[] payload;
    private SimpleProxyProtocol _root;
    private KaitaiStruct _parent;

    /**
     * Always 0x56EC, the only mark of an SPP header.
     */
    public byte[] magic() { return magic; }

    /**
     * The client's address as Cloudflare saw it: an IPv6 address, or an
     * IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
     */
    public byte[] clientAddr() { return clientAddr; }

    /**
     * The Cloudflare address that received the client's datagram, in the
     * same form as `client_addr`.
     */
    public byte[] proxyAddr() { return proxyAddr; }

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
