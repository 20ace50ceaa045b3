// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild



namespace Kaitai
{

    /// <summary>
    /// Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
    /// Protocol enabled, every datagram between Cloudflare and the origin server
    /// starts with a fixed 38-byte header telling who the real client is, and
    /// the original payload follows. The origin must send its replies back with
    /// the same header (the client's address and port, not swapped) so that
    /// Cloudflare can route them to that client. The leg between the client and
    /// Cloudflare never carries it.
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
    /// <remarks>
    /// Reference: <a href="https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/">Source</a>
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
            _magic = m_io.ReadU2be();
            if (!(_magic == 22252))
            {
                throw new ValidationNotEqualError(22252, _magic, m_io, "/seq/0");
            }
            __raw_clientAddr = m_io.ReadBytes(16);
            var io___raw_clientAddr = new KaitaiStream(__raw_clientAddr);
            _clientAddr = new IpAddress(io___raw_clientAddr, this, m_root);
            __raw_proxyAddr = m_io.ReadBytes(16);
            var io___raw_proxyAddr = new KaitaiStream(__raw_proxyAddr);
            _proxyAddr = new IpAddress(io___raw_proxyAddr, this, m_root);
            _clientPort = m_io.ReadU2be();
            _proxyPort = m_io.ReadU2be();
            _payload = m_io.ReadBytesFull();
        }

        /// <summary>
        /// An IPv6 address, or an IPv4 address in IPv4-mapped form.
        /// </summary>
        /// <remarks>
        /// Reference: <a href="https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2">Source</a>
        /// </remarks>
        public partial class IpAddress : KaitaiStruct
        {
            public static IpAddress FromFile(string fileName)
            {
                return new IpAddress(new KaitaiStream(fileName));
            }

            public IpAddress(KaitaiStream p__io, SimpleProxyProtocol p__parent = null, SimpleProxyProtocol p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                f_ipv4 = false;
                f_isIpv4Mapped = false;
                f_mappedPrefix = false;
                _read();
            }
            private void _read()
            {
                _ipv6 = m_io.ReadBytes(16);
            }
            private bool f_ipv4;
            private byte[] _ipv4;

            /// <summary>
            /// The IPv4 address, for an IPv4-mapped address.
            /// </summary>
            public byte[] Ipv4
            {
                get
                {
                    if (f_ipv4)
                        return _ipv4;
                    f_ipv4 = true;
                    if (IsIpv4Mapped) {
                        long _pos = m_io.Pos;
                        m_io.Seek(12);
                        _ipv4 = m_io.ReadBytes(4);
                        m_io.Seek(_pos);
                    }
                    return _ipv4;
                }
            }
            private bool f_isIpv4Mapped;
            private bool _isIpv4Mapped;
            public bool IsIpv4Mapped
            {
                get
                {
                    if (f_isIpv4Mapped)
                        return _isIpv4Mapped;
                    f_isIpv4Mapped = true;
                    _isIpv4Mapped = (bool) ((KaitaiStream.ByteArrayCompare(MappedPrefix, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255 }) == 0));
                    return _isIpv4Mapped;
                }
            }
            private bool f_mappedPrefix;
            private byte[] _mappedPrefix;

            /// <summary>
            /// The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
            /// </summary>
            public byte[] MappedPrefix
            {
                get
                {
                    if (f_mappedPrefix)
                        return _mappedPrefix;
                    f_mappedPrefix = true;
                    long _pos = m_io.Pos;
                    m_io.Seek(0);
                    _mappedPrefix = m_io.ReadBytes(12);
                    m_io.Seek(_pos);
                    return _mappedPrefix;
                }
            }
            private byte[] _ipv6;
            private SimpleProxyProtocol m_root;
            private SimpleProxyProtocol m_parent;

            /// <summary>
            /// The address as 16 bytes, network byte order.
            /// </summary>
            public byte[] Ipv6 { get { return _ipv6; } }
            public SimpleProxyProtocol M_Root { get { return m_root; } }
            public SimpleProxyProtocol M_Parent { get { return m_parent; } }
        }
        private ushort _magic;
        private IpAddress _clientAddr;
        private IpAddress _proxyAddr;
        private ushort _clientPort;
        private ushort _proxyPort;
        private byte[] _payload;
        private SimpleProxyProtocol m_root;
        private KaitaiStruct m_parent;
        private byte[] __raw_clientAddr;
        private byte[] __raw_proxyAddr;

        /// <summary>
        /// Always 0x56EC, the only mark of an SPP header.
        /// </summary>
        public ushort Magic { get { return _magic; } }

        /// <summary>
        /// The client's address as Cloudflare saw it.
        /// </summary>
        public IpAddress ClientAddr { get { return _clientAddr; } }

        /// <summary>
        /// The Cloudflare address that received the client's datagram.
        /// </summary>
        public IpAddress ProxyAddr { get { return _proxyAddr; } }

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
        public byte[] M_RawClientAddr { get { return __raw_clientAddr; } }
        public byte[] M_RawProxyAddr { get { return __raw_proxyAddr; } }
    }
}
