// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

using System;
using System.Collections.Generic;

namespace Kaitai
{

    /// <summary>
    /// The PROXY protocol lets a proxy or load balancer tell the server behind it
    /// who the real client is: before any payload, the proxy sends one header
    /// that carries the client's and the proxied-to addresses and ports, plus
    /// optional typed extensions (TLVs). Version 1 is a text line (`PROXY TCP4
    /// ...\r\n`, not covered here); version 2, described here, is binary.
    /// 
    /// A version 2 header is a fixed 16-byte part followed by `len_body` bytes:
    /// a 12-byte signature that can never start a valid HTTP, SMTP, FTP or TLS
    /// exchange; one byte holding the protocol version (always 2) and the
    /// command (LOCAL or PROXY); one byte holding the address family and the
    /// transport protocol; and the big-endian length of the rest. The rest holds
    /// an address block whose size is fixed by the family (IPv4 12 bytes, IPv6
    /// 36, UNIX 216, UNSPEC none), then TLVs until the end of `len_body`. The
    /// bytes after the header belong to the proxied payload and are not part of
    /// this format. On UDP, header and payload share one datagram.
    /// 
    /// Some checks cannot be expressed here and are left to the host program: a
    /// CRC32C TLV must be 4 bytes long and match the CRC32C of the whole header
    /// computed with its value zeroed (see `tlv_crc32c`); a leftover of 1 or 2
    /// bytes at the end of the TLV area (too short to be a TLV header) makes the
    /// header invalid, while this spec cannot tell it from a truncated TLV and
    /// fails on it with an end-of-stream error. The command, family and
    /// transport nibbles are validated (the spec requires a receiver to reject
    /// any value it does not define).
    /// 
    /// Transcribed from HAProxy's `doc/proxy-protocol.txt`, revision 2026/04/27
    /// (HAProxy commit 50872daa), which also registers the SSL sub-types added
    /// in 2025 and 2026.
    /// </summary>
    /// <remarks>
    /// Reference: <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
    /// </remarks>
    public partial class ProxyProtocolV2 : KaitaiStruct
    {
        public static ProxyProtocolV2 FromFile(string fileName)
        {
            return new ProxyProtocolV2(new KaitaiStream(fileName));
        }


        public enum AddressFamily
        {
            Unspec = 0,
            Inet = 1,
            Inet6 = 2,
            Unix = 3,
        }

        public enum CommandEnum
        {
            CmdLocal = 0,
            CmdProxy = 1,
        }

        public enum Pp2Client
        {
            Ssl = 1,
            CertConn = 2,
            CertSess = 4,
        }

        public enum Pp2SubtypeSsl
        {
            Version = 33,
            Cn = 34,
            Cipher = 35,
            SigAlg = 36,
            KeyAlg = 37,
            Group = 38,
            SigScheme = 39,
            ClientCert = 40,
        }

        public enum Pp2Type
        {
            Alpn = 1,
            Authority = 2,
            Crc32c = 3,
            Noop = 4,
            UniqueId = 5,
            Ssl = 32,
            Netns = 48,
        }

        public enum TransportProtocol
        {
            Unspec = 0,
            Stream = 1,
            Dgram = 2,
        }
        public ProxyProtocolV2(KaitaiStream p__io, KaitaiStruct p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
        {
            m_parent = p__parent;
            m_root = p__root ?? this;
            _read();
        }
        private void _read()
        {
            _magic = m_io.ReadBytes(12);
            if (!((KaitaiStream.ByteArrayCompare(_magic, new byte[] { 13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10 }) == 0)))
            {
                throw new ValidationNotEqualError(new byte[] { 13, 10, 13, 10, 0, 13, 10, 81, 85, 73, 84, 10 }, _magic, m_io, "/seq/0");
            }
            _version = m_io.ReadBitsIntBe(4);
            if (!(_version == 2))
            {
                throw new ValidationNotEqualError(2, _version, m_io, "/seq/1");
            }
            _command = ((CommandEnum) m_io.ReadBitsIntBe(4));
            if (!Enum.IsDefined(typeof(CommandEnum), _command))
            {
                throw new ValidationNotInEnumError(_command, m_io, "/seq/2");
            }
            _family = ((AddressFamily) m_io.ReadBitsIntBe(4));
            if (!Enum.IsDefined(typeof(AddressFamily), _family))
            {
                throw new ValidationNotInEnumError(_family, m_io, "/seq/3");
            }
            _transport = ((TransportProtocol) m_io.ReadBitsIntBe(4));
            if (!Enum.IsDefined(typeof(TransportProtocol), _transport))
            {
                throw new ValidationNotInEnumError(_transport, m_io, "/seq/4");
            }
            m_io.AlignToByte();
            _lenBody = m_io.ReadU2be();
            switch ((Command == CommandEnum.CmdLocal ? ((byte) (0)) : ((byte) (((int) Family))) * 16 + ((byte) (((int) Transport))))) {
            case 0: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyTlvsOnly(io___raw_body, this, m_root);
                break;
            }
            case 17: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyInet(io___raw_body, this, m_root);
                break;
            }
            case 18: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyInet(io___raw_body, this, m_root);
                break;
            }
            case 33: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyInet6(io___raw_body, this, m_root);
                break;
            }
            case 34: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyInet6(io___raw_body, this, m_root);
                break;
            }
            case 49: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyUnix(io___raw_body, this, m_root);
                break;
            }
            case 50: {
                __raw_body = m_io.ReadBytes(LenBody);
                var io___raw_body = new KaitaiStream(__raw_body);
                _body = new BodyUnix(io___raw_body, this, m_root);
                break;
            }
            default: {
                _body = m_io.ReadBytes(LenBody);
                break;
            }
            }
        }

        /// <summary>
        /// The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
        /// UDP): the 12-byte address block (`ipv4_addr` of the spec's union
        /// `proxy_addr`), then TLVs.
        /// </summary>
        public partial class BodyInet : KaitaiStruct
        {
            public static BodyInet FromFile(string fileName)
            {
                return new BodyInet(new KaitaiStream(fileName));
            }

            public BodyInet(KaitaiStream p__io, ProxyProtocolV2 p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _srcAddr = m_io.ReadBytes(4);
                _dstAddr = m_io.ReadBytes(4);
                _srcPort = m_io.ReadU2be();
                _dstPort = m_io.ReadU2be();
                _tlvs = new List<Tlv>();
                {
                    var i = 0;
                    while (!m_io.IsEof) {
                        _tlvs.Add(new Tlv(m_io, this, m_root));
                        i++;
                    }
                }
            }
            private byte[] _srcAddr;
            private byte[] _dstAddr;
            private ushort _srcPort;
            private ushort _dstPort;
            private List<Tlv> _tlvs;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2 m_parent;

            /// <summary>
            /// Source (client) IPv4 address, network byte order.
            /// </summary>
            public byte[] SrcAddr { get { return _srcAddr; } }

            /// <summary>
            /// Destination (proxied-to) IPv4 address, network byte order.
            /// </summary>
            public byte[] DstAddr { get { return _dstAddr; } }
            public ushort SrcPort { get { return _srcPort; } }
            public ushort DstPort { get { return _dstPort; } }

            /// <summary>
            /// Extensions in the order sent; a type may appear more than once.
            /// </summary>
            public List<Tlv> Tlvs { get { return _tlvs; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2 M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
        /// UDP): the 36-byte address block (`ipv6_addr` of the spec's union
        /// `proxy_addr`), then TLVs.
        /// </summary>
        public partial class BodyInet6 : KaitaiStruct
        {
            public static BodyInet6 FromFile(string fileName)
            {
                return new BodyInet6(new KaitaiStream(fileName));
            }

            public BodyInet6(KaitaiStream p__io, ProxyProtocolV2 p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _srcAddr = m_io.ReadBytes(16);
                _dstAddr = m_io.ReadBytes(16);
                _srcPort = m_io.ReadU2be();
                _dstPort = m_io.ReadU2be();
                _tlvs = new List<Tlv>();
                {
                    var i = 0;
                    while (!m_io.IsEof) {
                        _tlvs.Add(new Tlv(m_io, this, m_root));
                        i++;
                    }
                }
            }
            private byte[] _srcAddr;
            private byte[] _dstAddr;
            private ushort _srcPort;
            private ushort _dstPort;
            private List<Tlv> _tlvs;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2 m_parent;

            /// <summary>
            /// Source (client) IPv6 address, network byte order.
            /// </summary>
            public byte[] SrcAddr { get { return _srcAddr; } }

            /// <summary>
            /// Destination (proxied-to) IPv6 address, network byte order.
            /// </summary>
            public byte[] DstAddr { get { return _dstAddr; } }
            public ushort SrcPort { get { return _srcPort; } }
            public ushort DstPort { get { return _dstPort; } }

            /// <summary>
            /// Extensions in the order sent; a type may appear more than once.
            /// </summary>
            public List<Tlv> Tlvs { get { return _tlvs; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2 M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// The body of a LOCAL header, or of a PROXY header with family UNSPEC:
        /// TLVs only, no address block.
        /// </summary>
        public partial class BodyTlvsOnly : KaitaiStruct
        {
            public static BodyTlvsOnly FromFile(string fileName)
            {
                return new BodyTlvsOnly(new KaitaiStream(fileName));
            }

            public BodyTlvsOnly(KaitaiStream p__io, ProxyProtocolV2 p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _tlvs = new List<Tlv>();
                {
                    var i = 0;
                    while (!m_io.IsEof) {
                        _tlvs.Add(new Tlv(m_io, this, m_root));
                        i++;
                    }
                }
            }
            private List<Tlv> _tlvs;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2 m_parent;

            /// <summary>
            /// Extensions in the order sent; a type may appear more than once.
            /// </summary>
            public List<Tlv> Tlvs { get { return _tlvs; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2 M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
        /// 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
        /// union `proxy_addr`), then TLVs. Each path follows `sun_path`
        /// conventions: padded with NUL bytes; an abstract socket name starts
        /// with a NUL byte. Kept raw.
        /// </summary>
        public partial class BodyUnix : KaitaiStruct
        {
            public static BodyUnix FromFile(string fileName)
            {
                return new BodyUnix(new KaitaiStream(fileName));
            }

            public BodyUnix(KaitaiStream p__io, ProxyProtocolV2 p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _srcAddr = m_io.ReadBytes(108);
                _dstAddr = m_io.ReadBytes(108);
                _tlvs = new List<Tlv>();
                {
                    var i = 0;
                    while (!m_io.IsEof) {
                        _tlvs.Add(new Tlv(m_io, this, m_root));
                        i++;
                    }
                }
            }
            private byte[] _srcAddr;
            private byte[] _dstAddr;
            private List<Tlv> _tlvs;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2 m_parent;
            public byte[] SrcAddr { get { return _srcAddr; } }
            public byte[] DstAddr { get { return _dstAddr; } }

            /// <summary>
            /// Extensions in the order sent; a type may appear more than once.
            /// </summary>
            public List<Tlv> Tlvs { get { return _tlvs; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2 M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// A TLV nested in the SSL TLV, same framing as `tlv`. All known values
        /// are text (US-ASCII, or UTF-8 for the common name) except the client
        /// certificate, which is DER; all are kept as raw bytes.
        /// </summary>
        public partial class SslSubTlv : KaitaiStruct
        {
            public static SslSubTlv FromFile(string fileName)
            {
                return new SslSubTlv(new KaitaiStream(fileName));
            }

            public SslSubTlv(KaitaiStream p__io, ProxyProtocolV2.TlvSsl p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _subtype = ((ProxyProtocolV2.Pp2SubtypeSsl) m_io.ReadU1());
                _lenValue = m_io.ReadU2be();
                _value = m_io.ReadBytes(LenValue);
            }
            private Pp2SubtypeSsl _subtype;
            private ushort _lenValue;
            private byte[] _value;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2.TlvSsl m_parent;
            public Pp2SubtypeSsl Subtype { get { return _subtype; } }
            public ushort LenValue { get { return _lenValue; } }
            public byte[] Value { get { return _value; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2.TlvSsl M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// Type-length-value extension (struct `pp2_tlv`): a type byte, a
        /// big-endian 16-bit length counting only the value, then the value.
        /// Receivers skip types they do not know; their value stays raw bytes.
        /// 
        /// Types 0xE0-0xEF are a range left to custom use: each application
        /// picks its own meaning, so their values stay raw here. The layouts
        /// three cloud vendors give them (GCP 0xE0, AWS 0xEA, Azure 0xEE) are
        /// specs of their own (`proxy_protocol_v2_tlv_gcp`, `_aws`, `_azure`),
        /// for a reader to apply to a raw value when it knows which vendor is in
        /// front. Types 0xF0-0xF7 are experimental and 0xF8-0xFF reserved; both
        /// are kept raw like any unknown type.
        /// </summary>
        /// <remarks>
        /// Reference: <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2</a>
        /// </remarks>
        public partial class Tlv : KaitaiStruct
        {
            public static Tlv FromFile(string fileName)
            {
                return new Tlv(new KaitaiStream(fileName));
            }

            public Tlv(KaitaiStream p__io, KaitaiStruct p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _tlvType = ((ProxyProtocolV2.Pp2Type) m_io.ReadU1());
                _lenValue = m_io.ReadU2be();
                switch (TlvType) {
                case ProxyProtocolV2.Pp2Type.Crc32c: {
                    __raw_value = m_io.ReadBytes(LenValue);
                    var io___raw_value = new KaitaiStream(__raw_value);
                    _value = new TlvCrc32c(io___raw_value, this, m_root);
                    break;
                }
                case ProxyProtocolV2.Pp2Type.Ssl: {
                    __raw_value = m_io.ReadBytes(LenValue);
                    var io___raw_value = new KaitaiStream(__raw_value);
                    _value = new TlvSsl(io___raw_value, this, m_root);
                    break;
                }
                default: {
                    _value = m_io.ReadBytes(LenValue);
                    break;
                }
                }
            }
            private Pp2Type _tlvType;
            private ushort _lenValue;
            private object _value;
            private ProxyProtocolV2 m_root;
            private KaitaiStruct m_parent;
            private byte[] __raw_value;
            public Pp2Type TlvType { get { return _tlvType; } }

            /// <summary>
            /// Length of the value in bytes (the spec's `length_hi`/`length_lo`).
            /// </summary>
            public ushort LenValue { get { return _lenValue; } }

            /// <summary>
            /// The value, decoded for CRC32C and SSL. Every other type is raw
            /// bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
            /// host name, usually the TLS SNI), NOOP (padding, to be ignored),
            /// UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
            /// name), the custom range and unknown types. Text is left as
            /// bytes on purpose: a malformed string is for the reader to flag,
            /// not a reason to reject the whole header.
            /// </summary>
            public object Value { get { return _value; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public KaitaiStruct M_Parent { get { return m_parent; } }
            public byte[] M_RawValue { get { return __raw_value; } }
        }

        /// <summary>
        /// CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
        /// signature to last TLV, computed with these 4 bytes set to zero. A
        /// mismatch makes the header invalid; checking it is left to the host.
        /// The value must be exactly 4 bytes long: a shorter one fails here
        /// (end of stream), a longer one must be rejected by the host too.
        /// </summary>
        /// <remarks>
        /// Reference: <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.3</a>
        /// </remarks>
        public partial class TlvCrc32c : KaitaiStruct
        {
            public static TlvCrc32c FromFile(string fileName)
            {
                return new TlvCrc32c(new KaitaiStream(fileName));
            }

            public TlvCrc32c(KaitaiStream p__io, ProxyProtocolV2.Tlv p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                _read();
            }
            private void _read()
            {
                _checksum = m_io.ReadU4be();
            }
            private uint _checksum;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2.Tlv m_parent;

            /// <summary>
            /// Big-endian, as HAProxy and nginx write it.
            /// </summary>
            public uint Checksum { get { return _checksum; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2.Tlv M_Parent { get { return m_parent; } }
        }

        /// <summary>
        /// Details of the TLS session between the client and the proxy
        /// (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
        /// the verify result, followed by sub-TLVs that fill the rest of this
        /// value and only have meaning inside it.
        /// </summary>
        /// <remarks>
        /// Reference: <a href="https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt">section 2.2.6</a>
        /// </remarks>
        public partial class TlvSsl : KaitaiStruct
        {
            public static TlvSsl FromFile(string fileName)
            {
                return new TlvSsl(new KaitaiStream(fileName));
            }

            public TlvSsl(KaitaiStream p__io, ProxyProtocolV2.Tlv p__parent = null, ProxyProtocolV2 p__root = null) : base(p__io)
            {
                m_parent = p__parent;
                m_root = p__root;
                f_hasCertConn = false;
                f_hasCertSess = false;
                f_isSsl = false;
                _read();
            }
            private void _read()
            {
                _client = m_io.ReadU1();
                _verify = m_io.ReadU4be();
                _subTlvs = new List<SslSubTlv>();
                {
                    var i = 0;
                    while (!m_io.IsEof) {
                        _subTlvs.Add(new SslSubTlv(m_io, this, m_root));
                        i++;
                    }
                }
            }
            private bool f_hasCertConn;
            private bool _hasCertConn;

            /// <summary>
            /// The client sent a certificate on this connection.
            /// </summary>
            public bool HasCertConn
            {
                get
                {
                    if (f_hasCertConn)
                        return _hasCertConn;
                    f_hasCertConn = true;
                    _hasCertConn = (bool) ((Client & ((byte) (((int) ProxyProtocolV2.Pp2Client.CertConn)))) != 0);
                    return _hasCertConn;
                }
            }
            private bool f_hasCertSess;
            private bool _hasCertSess;

            /// <summary>
            /// The client sent a certificate at least once in this TLS session.
            /// </summary>
            public bool HasCertSess
            {
                get
                {
                    if (f_hasCertSess)
                        return _hasCertSess;
                    f_hasCertSess = true;
                    _hasCertSess = (bool) ((Client & ((byte) (((int) ProxyProtocolV2.Pp2Client.CertSess)))) != 0);
                    return _hasCertSess;
                }
            }
            private bool f_isSsl;
            private bool _isSsl;

            /// <summary>
            /// The client connected over TLS.
            /// </summary>
            public bool IsSsl
            {
                get
                {
                    if (f_isSsl)
                        return _isSsl;
                    f_isSsl = true;
                    _isSsl = (bool) ((Client & ((byte) (((int) ProxyProtocolV2.Pp2Client.Ssl)))) != 0);
                    return _isSsl;
                }
            }
            private byte _client;
            private uint _verify;
            private List<SslSubTlv> _subTlvs;
            private ProxyProtocolV2 m_root;
            private ProxyProtocolV2.Tlv m_parent;

            /// <summary>
            /// Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
            /// CERT_SESS (0x04); the other bits are reserved.
            /// </summary>
            public byte Client { get { return _client; } }

            /// <summary>
            /// Zero if the client presented a certificate and it was verified,
            /// non-zero otherwise. HAProxy leaves it zero when no certificate
            /// was used, so read it together with the certificate flags.
            /// </summary>
            public uint Verify { get { return _verify; } }
            public List<SslSubTlv> SubTlvs { get { return _subTlvs; } }
            public ProxyProtocolV2 M_Root { get { return m_root; } }
            public ProxyProtocolV2.Tlv M_Parent { get { return m_parent; } }
        }
        private byte[] _magic;
        private ulong _version;
        private CommandEnum _command;
        private AddressFamily _family;
        private TransportProtocol _transport;
        private ushort _lenBody;
        private object _body;
        private ProxyProtocolV2 m_root;
        private KaitaiStruct m_parent;
        private byte[] __raw_body;

        /// <summary>
        /// The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
        /// a NUL byte, so it must never be handled as a C string.
        /// </summary>
        public byte[] Magic { get { return _magic; } }

        /// <summary>
        /// Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
        /// </summary>
        public ulong Version { get { return _version; } }

        /// <summary>
        /// The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
        /// </summary>
        public CommandEnum Command { get { return _command; } }

        /// <summary>
        /// Address family, the high nibble of `fam`.
        /// </summary>
        public AddressFamily Family { get { return _family; } }

        /// <summary>
        /// Transport protocol, the low nibble of `fam`.
        /// </summary>
        public TransportProtocol Transport { get { return _transport; } }

        /// <summary>
        /// Number of bytes after this 16-byte fixed part: the address block plus
        /// all TLVs. The whole header is `16 + len_body` bytes. A receiver must
        /// always honour it, also for LOCAL (which senders usually send with a
        /// zero length, but HAProxy health checks may carry TLVs).
        /// </summary>
        public ushort LenBody { get { return _lenBody; } }

        /// <summary>
        /// Everything after the fixed part. Being a size-limited substream, it
        /// guarantees that no TLV can reach into the payload that follows.
        /// 
        /// Its layout is chosen by the command, then by the `fam` byte. A LOCAL
        /// header has no address block whatever its family: everything after
        /// the fixed part is TLVs, as HAProxy's receiver reads it (the spec tells
        /// the receiver to discard the protocol block including the family, and
        /// HAProxy's senders write LOCAL with family UNSPEC). A PROXY header has
        /// the address block of its `fam` byte (0x11, 0x12 INET; 0x21, 0x22
        /// INET6; 0x31, 0x32 UNIX), then TLVs; with UNSPEC (0x00), TLVs only.
        /// Any other `fam` pair (such as 0x10 or 0x01) has no defined layout:
        /// the body is kept as raw bytes, and a receiver falls back to the real
        /// connection endpoints, as for UNSPEC.
        /// </summary>
        public object Body { get { return _body; } }
        public ProxyProtocolV2 M_Root { get { return m_root; } }
        public KaitaiStruct M_Parent { get { return m_parent; } }
        public byte[] M_RawBody { get { return __raw_body; } }
    }
}
