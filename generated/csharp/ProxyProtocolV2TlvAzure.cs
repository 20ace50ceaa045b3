// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild



namespace Kaitai
{

    /// <summary>
    /// The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
    /// Private Link service sends it: a subtype byte, then the private endpoint's
    /// 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
    /// big-endian).
    /// 
    /// 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
    /// use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
    /// Apply this type to that raw value when the proxy in front is known to be
    /// Azure's; another application may give 0xEE another meaning. The value is
    /// exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
    /// a longer one (bytes left after `value`) is not this layout either.
    /// </summary>
    /// <remarks>
    /// Reference: <a href="https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2">Source</a>
    /// </remarks>
    public partial class ProxyProtocolV2TlvAzure : KaitaiStruct
    {
        public static ProxyProtocolV2TlvAzure FromFile(string fileName)
        {
            return new ProxyProtocolV2TlvAzure(new KaitaiStream(fileName));
        }


        public enum Pp2SubtypeAzure
        {
            PrivateEndpointLinkId = 1,
        }

        public enum Pp2Type
        {
            Azure = 238,
        }
        public ProxyProtocolV2TlvAzure(KaitaiStream p__io, KaitaiStruct p__parent = null, ProxyProtocolV2TlvAzure p__root = null) : base(p__io)
        {
            m_parent = p__parent;
            m_root = p__root ?? this;
            _read();
        }
        private void _read()
        {
            _subtype = ((Pp2SubtypeAzure) m_io.ReadU1());
            _value = m_io.ReadU4le();
        }
        private Pp2SubtypeAzure _subtype;
        private uint _value;
        private ProxyProtocolV2TlvAzure m_root;
        private KaitaiStruct m_parent;
        public Pp2SubtypeAzure Subtype { get { return _subtype; } }

        /// <summary>
        /// The private endpoint's LINKID.
        /// </summary>
        public uint Value { get { return _value; } }
        public ProxyProtocolV2TlvAzure M_Root { get { return m_root; } }
        public KaitaiStruct M_Parent { get { return m_parent; } }
    }
}
