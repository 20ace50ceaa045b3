// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild



namespace Kaitai
{

    /// <summary>
    /// The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
    /// Load Balancer sends it for a connection that came through AWS PrivateLink:
    /// a subtype byte, then the subtype's value, which fills the rest. Subtype
    /// 0x01 carries the id of the VPC endpoint the client connected through, as
    /// US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
    /// 
    /// 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    /// use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    /// Apply this type to that raw value when the proxy in front is known to be
    /// AWS; another application may give 0xEA another meaning. An empty value
    /// fails here with an end-of-stream error.
    /// </summary>
    /// <remarks>
    /// Reference: <a href="https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol">Source</a>
    /// </remarks>
    public partial class ProxyProtocolV2TlvAws : KaitaiStruct
    {
        public static ProxyProtocolV2TlvAws FromFile(string fileName)
        {
            return new ProxyProtocolV2TlvAws(new KaitaiStream(fileName));
        }


        public enum Pp2SubtypeAws
        {
            VpceId = 1,
        }

        public enum Pp2Type
        {
            Aws = 234,
        }
        public ProxyProtocolV2TlvAws(KaitaiStream p__io, KaitaiStruct p__parent = null, ProxyProtocolV2TlvAws p__root = null) : base(p__io)
        {
            m_parent = p__parent;
            m_root = p__root ?? this;
            _read();
        }
        private void _read()
        {
            _subtype = ((Pp2SubtypeAws) m_io.ReadU1());
            _value = m_io.ReadBytesFull();
        }
        private Pp2SubtypeAws _subtype;
        private byte[] _value;
        private ProxyProtocolV2TlvAws m_root;
        private KaitaiStruct m_parent;
        public Pp2SubtypeAws Subtype { get { return _subtype; } }

        /// <summary>
        /// For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
        /// text that is not well formed is for the reader to flag.
        /// </summary>
        public byte[] Value { get { return _value; } }
        public ProxyProtocolV2TlvAws M_Root { get { return m_root; } }
        public KaitaiStruct M_Parent { get { return m_parent; } }
    }
}
