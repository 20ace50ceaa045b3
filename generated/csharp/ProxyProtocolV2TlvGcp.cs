// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild



namespace Kaitai
{

    /// <summary>
    /// The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
    /// Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
    /// and nothing else (no subtype byte).
    /// 
    /// 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    /// use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    /// Apply this type to that raw value when the proxy in front is known to be
    /// Google Cloud's; another application may give 0xE0 another meaning. The
    /// value is exactly 8 bytes: a shorter one fails here with an end-of-stream
    /// error, and a longer one (bytes left after `value`) is not this layout
    /// either.
    /// </summary>
    /// <remarks>
    /// Reference: <a href="https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol">Source</a>
    /// </remarks>
    public partial class ProxyProtocolV2TlvGcp : KaitaiStruct
    {
        public static ProxyProtocolV2TlvGcp FromFile(string fileName)
        {
            return new ProxyProtocolV2TlvGcp(new KaitaiStream(fileName));
        }


        public enum Pp2Type
        {
            Gcp = 224,
        }
        public ProxyProtocolV2TlvGcp(KaitaiStream p__io, KaitaiStruct p__parent = null, ProxyProtocolV2TlvGcp p__root = null) : base(p__io)
        {
            m_parent = p__parent;
            m_root = p__root ?? this;
            _read();
        }
        private void _read()
        {
            _value = m_io.ReadU8be();
        }
        private ulong _value;
        private ProxyProtocolV2TlvGcp m_root;
        private KaitaiStruct m_parent;

        /// <summary>
        /// The PSC connection id, an unsigned 64-bit number.
        /// </summary>
        public ulong Value { get { return _value; } }
        public ProxyProtocolV2TlvGcp M_Root { get { return m_root; } }
        public KaitaiStruct M_Parent { get { return m_parent; } }
    }
}
