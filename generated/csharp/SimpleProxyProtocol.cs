// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild



namespace Kaitai
{

    /// <summary>
    /// A UDP datagram between Cloudflare Spectrum and an origin server with the
    /// Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
    /// real client is, then the original payload. Cloudflare puts the header on
    /// every datagram it sends to the origin, and the origin's replies carry the
    /// same header (the client's address and port, not swapped).
    /// 
    /// There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
    /// the only identification, so a reader that looks for SPP in arbitrary UDP
    /// traffic should add plausibility checks (for instance, both addresses
    /// IPv4-mapped or both native IPv6). IPv4 addresses are carried as
    /// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
    /// All numbers are big-endian.
    /// </summary>
    /// <remarks>
    /// Reference: <a href="https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/">Source</a>
    /// </remarks>
    public partial class SimpleProxyProtocol : KaitaiStruct
    {
        public static SimpleProxyProtocol FromFile(string fileName)
        {
            return new SimpleProxyProtocol(new KaitaiStream(fileName));
        }

        public SimpleProxyProtocol(KaitaiStream p__io, KaitaiStruct p__parent = null, SimpleProxyProtocol p__root = null) : base(p__io)
        {
            m_parent = p__parent;
            m_root = p__root ?? this;
            _read();
        }
        private void _read()
        {
            _magic = m_io.ReadBytes(2);
            if (!((KaitaiStream.ByteArrayCompare(_magic, new byte[] { 86, 236 }) == 0)))
            {
                throw new ValidationNotEqualError(new byte[] { 86, 236 }, _magic, m_io, "/seq/0");
            }
            _clientAddr = m_io.ReadBytes(16);
            _proxyAddr = m_io.ReadBytes(16);
            _clientPort = m_io.ReadU2be();
            _proxyPort = m_io.ReadU2be();
            _payload = m_io.ReadBytesFull();
        }
        private byte[] _magic;
        private byte[] _clientAddr;
        private byte[] _proxyAddr;
        private ushort _clientPort;
        private ushort _proxyPort;
        private byte[] _payload;
        private SimpleProxyProtocol m_root;
        private KaitaiStruct m_parent;

        /// <summary>
        /// Always 0x56EC, the only mark of an SPP header.
        /// </summary>
        public byte[] Magic { get { return _magic; } }

        /// <summary>
        /// The client's address as Cloudflare saw it: an IPv6 address, or an
        /// IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
        /// </summary>
        public byte[] ClientAddr { get { return _clientAddr; } }

        /// <summary>
        /// The Cloudflare address that received the client's datagram, in the
        /// same form as `client_addr`.
        /// </summary>
        public byte[] ProxyAddr { get { return _proxyAddr; } }

        /// <summary>
        /// The client's UDP source port.
        /// </summary>
        public ushort ClientPort { get { return _clientPort; } }

        /// <summary>
        /// The UDP port on which Cloudflare received the datagram.
        /// </summary>
        public ushort ProxyPort { get { return _proxyPort; } }

        /// <summary>
        /// The proxied datagram's payload, after the 38-byte header.
        /// </summary>
        public byte[] Payload { get { return _payload; } }
        public SimpleProxyProtocol M_Root { get { return m_root; } }
        public KaitaiStruct M_Parent { get { return m_parent; } }
    }
}
