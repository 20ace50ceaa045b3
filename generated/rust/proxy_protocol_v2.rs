// This is a generated file! Please edit source .ksy file and use kaitai-struct-compiler to rebuild

#![allow(unused_imports)]
#![allow(non_snake_case)]
#![allow(non_camel_case_types)]
#![allow(irrefutable_let_patterns)]
#![allow(unused_comparisons)]

extern crate kaitai;
use kaitai::*;
use std::convert::{TryFrom, TryInto};
use std::cell::{Ref, Cell, RefCell};
use std::rc::{Rc, Weak};

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
 * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2 {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2>,
    pub _self: SharedType<Self>,
    magic: RefCell<Vec<u8>>,
    version: RefCell<u64>,
    command: RefCell<ProxyProtocolV2_CommandEnum>,
    family: RefCell<ProxyProtocolV2_AddressFamily>,
    transport: RefCell<ProxyProtocolV2_TransportProtocol>,
    len_body: RefCell<u16>,
    body: RefCell<Option<ProxyProtocolV2_Body>>,
    _io: RefCell<BytesReader>,
    body_raw: RefCell<Vec<u8>>,
}
#[derive(Debug, Clone)]
pub enum ProxyProtocolV2_Body {
    ProxyProtocolV2_BodyInet(OptRc<ProxyProtocolV2_BodyInet>),
    ProxyProtocolV2_BodyUnix(OptRc<ProxyProtocolV2_BodyUnix>),
    Bytes(Vec<u8>),
    ProxyProtocolV2_BodyTlvsOnly(OptRc<ProxyProtocolV2_BodyTlvsOnly>),
    ProxyProtocolV2_BodyInet6(OptRc<ProxyProtocolV2_BodyInet6>),
}
impl From<&ProxyProtocolV2_Body> for OptRc<ProxyProtocolV2_BodyInet> {
    fn from(v: &ProxyProtocolV2_Body) -> Self {
        if let ProxyProtocolV2_Body::ProxyProtocolV2_BodyInet(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Body::ProxyProtocolV2_BodyInet, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_BodyInet>> for ProxyProtocolV2_Body {
    fn from(v: OptRc<ProxyProtocolV2_BodyInet>) -> Self {
        Self::ProxyProtocolV2_BodyInet(v)
    }
}
impl From<&ProxyProtocolV2_Body> for OptRc<ProxyProtocolV2_BodyUnix> {
    fn from(v: &ProxyProtocolV2_Body) -> Self {
        if let ProxyProtocolV2_Body::ProxyProtocolV2_BodyUnix(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Body::ProxyProtocolV2_BodyUnix, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_BodyUnix>> for ProxyProtocolV2_Body {
    fn from(v: OptRc<ProxyProtocolV2_BodyUnix>) -> Self {
        Self::ProxyProtocolV2_BodyUnix(v)
    }
}
impl From<&ProxyProtocolV2_Body> for Vec<u8> {
    fn from(v: &ProxyProtocolV2_Body) -> Self {
        if let ProxyProtocolV2_Body::Bytes(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Body::Bytes, got {:?}", v)
    }
}
impl From<Vec<u8>> for ProxyProtocolV2_Body {
    fn from(v: Vec<u8>) -> Self {
        Self::Bytes(v)
    }
}
impl From<&ProxyProtocolV2_Body> for OptRc<ProxyProtocolV2_BodyTlvsOnly> {
    fn from(v: &ProxyProtocolV2_Body) -> Self {
        if let ProxyProtocolV2_Body::ProxyProtocolV2_BodyTlvsOnly(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Body::ProxyProtocolV2_BodyTlvsOnly, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_BodyTlvsOnly>> for ProxyProtocolV2_Body {
    fn from(v: OptRc<ProxyProtocolV2_BodyTlvsOnly>) -> Self {
        Self::ProxyProtocolV2_BodyTlvsOnly(v)
    }
}
impl From<&ProxyProtocolV2_Body> for OptRc<ProxyProtocolV2_BodyInet6> {
    fn from(v: &ProxyProtocolV2_Body) -> Self {
        if let ProxyProtocolV2_Body::ProxyProtocolV2_BodyInet6(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Body::ProxyProtocolV2_BodyInet6, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_BodyInet6>> for ProxyProtocolV2_Body {
    fn from(v: OptRc<ProxyProtocolV2_BodyInet6>) -> Self {
        Self::ProxyProtocolV2_BodyInet6(v)
    }
}
impl KStruct for ProxyProtocolV2 {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.magic.borrow_mut() = _io.read_bytes(12 as usize)?.into();
        if !(*self_rc.magic() == vec![0xdu8, 0xau8, 0xdu8, 0xau8, 0x0u8, 0xdu8, 0xau8, 0x51u8, 0x55u8, 0x49u8, 0x54u8, 0xau8]) {
            return Err(KError::ValidationFailed(ValidationFailedError { kind: ValidationKind::NotEqual, src_path: "/seq/0".to_string() }));
        }
        *self_rc.version.borrow_mut() = _io.read_bits_int_be(4)?;
        if !(((*self_rc.version() as i32) == (2 as i32))) {
            return Err(KError::ValidationFailed(ValidationFailedError { kind: ValidationKind::NotEqual, src_path: "/seq/1".to_string() }));
        }
        *self_rc.command.borrow_mut() = (_io.read_bits_int_be(4)? as i64).try_into()?;
        *self_rc.family.borrow_mut() = (_io.read_bits_int_be(4)? as i64).try_into()?;
        *self_rc.transport.borrow_mut() = (_io.read_bits_int_be(4)? as i64).try_into()?;
        _io.align_to_byte()?;
        *self_rc.len_body.borrow_mut() = _io.read_u2be()?.into();
        match if *self_rc.command() == ProxyProtocolV2_CommandEnum::CmdLocal { (0 as u8) } else { (((((i64::from(&*self_rc.family()) as u8) as u8) * (16 as u8)) as i32) + ((i64::from(&*self_rc.transport()) as u8) as i32)) } {
            0 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyTlvsOnly>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            17 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyInet>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            18 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyInet>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            33 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyInet6>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            34 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyInet6>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            49 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyUnix>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            50 => {
                *self_rc.body_raw.borrow_mut() = _io.read_bytes(*self_rc.len_body() as usize)?.into();
                let body_raw = self_rc.body_raw.borrow();
                let _t_body_raw_io = BytesReader::from(body_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_BodyUnix>(&_t_body_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.body.borrow_mut() = Some(t);
            }
            _ => {
                *self_rc.body.borrow_mut() = Some(_io.read_bytes(*self_rc.len_body() as usize)?.into());
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2 {
}

/**
 * The 12-byte signature `\r\n\r\n\0\r\nQUIT\n` (bytes 0-11). It contains
 * a NUL byte, so it must never be handled as a C string.
 */
impl ProxyProtocolV2 {
    pub fn magic(&self) -> Ref<'_, Vec<u8>> {
        self.magic.borrow()
    }
}

/**
 * Protocol version, the high nibble of `ver_cmd`. Only 2 is defined.
 */
impl ProxyProtocolV2 {
    pub fn version(&self) -> Ref<'_, u64> {
        self.version.borrow()
    }
}

/**
 * The command, the low nibble of `ver_cmd`. Only LOCAL and PROXY exist.
 */
impl ProxyProtocolV2 {
    pub fn command(&self) -> Ref<'_, ProxyProtocolV2_CommandEnum> {
        self.command.borrow()
    }
}

/**
 * Address family, the high nibble of `fam`.
 */
impl ProxyProtocolV2 {
    pub fn family(&self) -> Ref<'_, ProxyProtocolV2_AddressFamily> {
        self.family.borrow()
    }
}

/**
 * Transport protocol, the low nibble of `fam`.
 */
impl ProxyProtocolV2 {
    pub fn transport(&self) -> Ref<'_, ProxyProtocolV2_TransportProtocol> {
        self.transport.borrow()
    }
}

/**
 * Number of bytes after this 16-byte fixed part: the address block plus
 * all TLVs. The whole header is `16 + len_body` bytes. A receiver must
 * always honour it, also for LOCAL (which senders usually send with a
 * zero length, but HAProxy health checks may carry TLVs).
 */
impl ProxyProtocolV2 {
    pub fn len_body(&self) -> Ref<'_, u16> {
        self.len_body.borrow()
    }
}

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
impl ProxyProtocolV2 {
    pub fn body(&self) -> Ref<'_, Option<ProxyProtocolV2_Body>> {
        self.body.borrow()
    }
}
impl ProxyProtocolV2 {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
impl ProxyProtocolV2 {
    pub fn body_raw(&self) -> Ref<'_, Vec<u8>> {
        self.body_raw.borrow()
    }
}
#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_AddressFamily {

    /**
     * No address block; the receiver uses the real endpoints.
     */
    Unspec,
    Inet,
    Inet6,
    Unix,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_AddressFamily {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_AddressFamily> {
        match flag {
            0 => Ok(ProxyProtocolV2_AddressFamily::Unspec),
            1 => Ok(ProxyProtocolV2_AddressFamily::Inet),
            2 => Ok(ProxyProtocolV2_AddressFamily::Inet6),
            3 => Ok(ProxyProtocolV2_AddressFamily::Unix),
            _ => Ok(ProxyProtocolV2_AddressFamily::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_AddressFamily> for i64 {
    fn from(v: &ProxyProtocolV2_AddressFamily) -> Self {
        match *v {
            ProxyProtocolV2_AddressFamily::Unspec => 0,
            ProxyProtocolV2_AddressFamily::Inet => 1,
            ProxyProtocolV2_AddressFamily::Inet6 => 2,
            ProxyProtocolV2_AddressFamily::Unix => 3,
            ProxyProtocolV2_AddressFamily::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_AddressFamily {
    fn default() -> Self { ProxyProtocolV2_AddressFamily::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_CommandEnum {

    /**
     * The proxy opened the connection itself (e.g. a health check). The
     * receiver uses the real connection endpoints and ignores the
     * addresses.
     */
    CmdLocal,

    /**
     * Relayed on behalf of a client; the addresses describe it.
     */
    CmdProxy,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_CommandEnum {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_CommandEnum> {
        match flag {
            0 => Ok(ProxyProtocolV2_CommandEnum::CmdLocal),
            1 => Ok(ProxyProtocolV2_CommandEnum::CmdProxy),
            _ => Ok(ProxyProtocolV2_CommandEnum::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_CommandEnum> for i64 {
    fn from(v: &ProxyProtocolV2_CommandEnum) -> Self {
        match *v {
            ProxyProtocolV2_CommandEnum::CmdLocal => 0,
            ProxyProtocolV2_CommandEnum::CmdProxy => 1,
            ProxyProtocolV2_CommandEnum::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_CommandEnum {
    fn default() -> Self { ProxyProtocolV2_CommandEnum::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_Pp2Client {

    /**
     * The client connected over TLS.
     */
    Ssl,

    /**
     * The client sent a certificate on this connection.
     */
    CertConn,

    /**
     * The client sent a certificate at least once in this TLS session.
     */
    CertSess,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_Pp2Client {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_Pp2Client> {
        match flag {
            1 => Ok(ProxyProtocolV2_Pp2Client::Ssl),
            2 => Ok(ProxyProtocolV2_Pp2Client::CertConn),
            4 => Ok(ProxyProtocolV2_Pp2Client::CertSess),
            _ => Ok(ProxyProtocolV2_Pp2Client::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_Pp2Client> for i64 {
    fn from(v: &ProxyProtocolV2_Pp2Client) -> Self {
        match *v {
            ProxyProtocolV2_Pp2Client::Ssl => 1,
            ProxyProtocolV2_Pp2Client::CertConn => 2,
            ProxyProtocolV2_Pp2Client::CertSess => 4,
            ProxyProtocolV2_Pp2Client::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_Pp2Client {
    fn default() -> Self { ProxyProtocolV2_Pp2Client::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_Pp2SubtypeSsl {

    /**
     * TLS version string, e.g. `TLSv1.3`.
     */
    Version,

    /**
     * Common Name of the client certificate (UTF-8).
     */
    Cn,

    /**
     * Cipher name, e.g. `ECDHE-RSA-AES128-GCM-SHA256`.
     */
    Cipher,

    /**
     * Algorithm that signed the proxy's certificate, e.g. `RSA-SHA256`.
     */
    SigAlg,

    /**
     * Key algorithm of the proxy's certificate, e.g. `RSA2048`.
     */
    KeyAlg,

    /**
     * Key-exchange group, e.g. `secp256r1` (added 2025).
     */
    Group,

    /**
     * Handshake signature scheme, e.g. `rsa_pss_rsae_sha256` (added 2025).
     */
    SigScheme,

    /**
     * The client's X.509 certificate, DER (added 2026).
     */
    ClientCert,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_Pp2SubtypeSsl {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_Pp2SubtypeSsl> {
        match flag {
            33 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::Version),
            34 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::Cn),
            35 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::Cipher),
            36 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::SigAlg),
            37 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::KeyAlg),
            38 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::Group),
            39 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::SigScheme),
            40 => Ok(ProxyProtocolV2_Pp2SubtypeSsl::ClientCert),
            _ => Ok(ProxyProtocolV2_Pp2SubtypeSsl::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_Pp2SubtypeSsl> for i64 {
    fn from(v: &ProxyProtocolV2_Pp2SubtypeSsl) -> Self {
        match *v {
            ProxyProtocolV2_Pp2SubtypeSsl::Version => 33,
            ProxyProtocolV2_Pp2SubtypeSsl::Cn => 34,
            ProxyProtocolV2_Pp2SubtypeSsl::Cipher => 35,
            ProxyProtocolV2_Pp2SubtypeSsl::SigAlg => 36,
            ProxyProtocolV2_Pp2SubtypeSsl::KeyAlg => 37,
            ProxyProtocolV2_Pp2SubtypeSsl::Group => 38,
            ProxyProtocolV2_Pp2SubtypeSsl::SigScheme => 39,
            ProxyProtocolV2_Pp2SubtypeSsl::ClientCert => 40,
            ProxyProtocolV2_Pp2SubtypeSsl::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_Pp2SubtypeSsl {
    fn default() -> Self { ProxyProtocolV2_Pp2SubtypeSsl::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_Pp2Type {
    Alpn,
    Authority,
    Crc32c,
    Noop,
    UniqueId,
    Ssl,
    Netns,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_Pp2Type {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_Pp2Type> {
        match flag {
            1 => Ok(ProxyProtocolV2_Pp2Type::Alpn),
            2 => Ok(ProxyProtocolV2_Pp2Type::Authority),
            3 => Ok(ProxyProtocolV2_Pp2Type::Crc32c),
            4 => Ok(ProxyProtocolV2_Pp2Type::Noop),
            5 => Ok(ProxyProtocolV2_Pp2Type::UniqueId),
            32 => Ok(ProxyProtocolV2_Pp2Type::Ssl),
            48 => Ok(ProxyProtocolV2_Pp2Type::Netns),
            _ => Ok(ProxyProtocolV2_Pp2Type::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_Pp2Type> for i64 {
    fn from(v: &ProxyProtocolV2_Pp2Type) -> Self {
        match *v {
            ProxyProtocolV2_Pp2Type::Alpn => 1,
            ProxyProtocolV2_Pp2Type::Authority => 2,
            ProxyProtocolV2_Pp2Type::Crc32c => 3,
            ProxyProtocolV2_Pp2Type::Noop => 4,
            ProxyProtocolV2_Pp2Type::UniqueId => 5,
            ProxyProtocolV2_Pp2Type::Ssl => 32,
            ProxyProtocolV2_Pp2Type::Netns => 48,
            ProxyProtocolV2_Pp2Type::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_Pp2Type {
    fn default() -> Self { ProxyProtocolV2_Pp2Type::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2_TransportProtocol {
    Unspec,

    /**
     * TCP, or a UNIX stream socket.
     */
    Stream,

    /**
     * UDP, or a UNIX datagram socket.
     */
    Dgram,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2_TransportProtocol {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2_TransportProtocol> {
        match flag {
            0 => Ok(ProxyProtocolV2_TransportProtocol::Unspec),
            1 => Ok(ProxyProtocolV2_TransportProtocol::Stream),
            2 => Ok(ProxyProtocolV2_TransportProtocol::Dgram),
            _ => Ok(ProxyProtocolV2_TransportProtocol::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2_TransportProtocol> for i64 {
    fn from(v: &ProxyProtocolV2_TransportProtocol) -> Self {
        match *v {
            ProxyProtocolV2_TransportProtocol::Unspec => 0,
            ProxyProtocolV2_TransportProtocol::Stream => 1,
            ProxyProtocolV2_TransportProtocol::Dgram => 2,
            ProxyProtocolV2_TransportProtocol::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2_TransportProtocol {
    fn default() -> Self { ProxyProtocolV2_TransportProtocol::Unknown(0) }
}


/**
 * The body of a PROXY header of the INET family (`fam` 0x11 TCP, 0x12
 * UDP): the 12-byte address block (`ipv4_addr` of the spec's union
 * `proxy_addr`), then TLVs.
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_BodyInet {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2>,
    pub _self: SharedType<Self>,
    src_addr: RefCell<Vec<u8>>,
    dst_addr: RefCell<Vec<u8>>,
    src_port: RefCell<u16>,
    dst_port: RefCell<u16>,
    tlvs: RefCell<Vec<OptRc<ProxyProtocolV2_Tlv>>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_BodyInet {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.src_addr.borrow_mut() = _io.read_bytes(4 as usize)?.into();
        *self_rc.dst_addr.borrow_mut() = _io.read_bytes(4 as usize)?.into();
        *self_rc.src_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.dst_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.tlvs.borrow_mut() = Vec::new();
        {
            let mut _i = 0;
            while !_io.is_eof() {
                let t = Self::read_into::<_, ProxyProtocolV2_Tlv>(&*_io, Some(self_rc._root.clone()), None)?.into();
                self_rc.tlvs.borrow_mut().push(t);
                _i += 1;
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_BodyInet {
}

/**
 * Source (client) IPv4 address, network byte order.
 */
impl ProxyProtocolV2_BodyInet {
    pub fn src_addr(&self) -> Ref<'_, Vec<u8>> {
        self.src_addr.borrow()
    }
}

/**
 * Destination (proxied-to) IPv4 address, network byte order.
 */
impl ProxyProtocolV2_BodyInet {
    pub fn dst_addr(&self) -> Ref<'_, Vec<u8>> {
        self.dst_addr.borrow()
    }
}
impl ProxyProtocolV2_BodyInet {
    pub fn src_port(&self) -> Ref<'_, u16> {
        self.src_port.borrow()
    }
}
impl ProxyProtocolV2_BodyInet {
    pub fn dst_port(&self) -> Ref<'_, u16> {
        self.dst_port.borrow()
    }
}

/**
 * Extensions in the order sent; a type may appear more than once.
 */
impl ProxyProtocolV2_BodyInet {
    pub fn tlvs(&self) -> Ref<'_, Vec<OptRc<ProxyProtocolV2_Tlv>>> {
        self.tlvs.borrow()
    }
}
impl ProxyProtocolV2_BodyInet {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}

/**
 * The body of a PROXY header of the INET6 family (`fam` 0x21 TCP, 0x22
 * UDP): the 36-byte address block (`ipv6_addr` of the spec's union
 * `proxy_addr`), then TLVs.
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_BodyInet6 {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2>,
    pub _self: SharedType<Self>,
    src_addr: RefCell<Vec<u8>>,
    dst_addr: RefCell<Vec<u8>>,
    src_port: RefCell<u16>,
    dst_port: RefCell<u16>,
    tlvs: RefCell<Vec<OptRc<ProxyProtocolV2_Tlv>>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_BodyInet6 {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.src_addr.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        *self_rc.dst_addr.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        *self_rc.src_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.dst_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.tlvs.borrow_mut() = Vec::new();
        {
            let mut _i = 0;
            while !_io.is_eof() {
                let t = Self::read_into::<_, ProxyProtocolV2_Tlv>(&*_io, Some(self_rc._root.clone()), None)?.into();
                self_rc.tlvs.borrow_mut().push(t);
                _i += 1;
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_BodyInet6 {
}

/**
 * Source (client) IPv6 address, network byte order.
 */
impl ProxyProtocolV2_BodyInet6 {
    pub fn src_addr(&self) -> Ref<'_, Vec<u8>> {
        self.src_addr.borrow()
    }
}

/**
 * Destination (proxied-to) IPv6 address, network byte order.
 */
impl ProxyProtocolV2_BodyInet6 {
    pub fn dst_addr(&self) -> Ref<'_, Vec<u8>> {
        self.dst_addr.borrow()
    }
}
impl ProxyProtocolV2_BodyInet6 {
    pub fn src_port(&self) -> Ref<'_, u16> {
        self.src_port.borrow()
    }
}
impl ProxyProtocolV2_BodyInet6 {
    pub fn dst_port(&self) -> Ref<'_, u16> {
        self.dst_port.borrow()
    }
}

/**
 * Extensions in the order sent; a type may appear more than once.
 */
impl ProxyProtocolV2_BodyInet6 {
    pub fn tlvs(&self) -> Ref<'_, Vec<OptRc<ProxyProtocolV2_Tlv>>> {
        self.tlvs.borrow()
    }
}
impl ProxyProtocolV2_BodyInet6 {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}

/**
 * The body of a LOCAL header, or of a PROXY header with family UNSPEC:
 * TLVs only, no address block.
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_BodyTlvsOnly {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2>,
    pub _self: SharedType<Self>,
    tlvs: RefCell<Vec<OptRc<ProxyProtocolV2_Tlv>>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_BodyTlvsOnly {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.tlvs.borrow_mut() = Vec::new();
        {
            let mut _i = 0;
            while !_io.is_eof() {
                let t = Self::read_into::<_, ProxyProtocolV2_Tlv>(&*_io, Some(self_rc._root.clone()), None)?.into();
                self_rc.tlvs.borrow_mut().push(t);
                _i += 1;
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_BodyTlvsOnly {
}

/**
 * Extensions in the order sent; a type may appear more than once.
 */
impl ProxyProtocolV2_BodyTlvsOnly {
    pub fn tlvs(&self) -> Ref<'_, Vec<OptRc<ProxyProtocolV2_Tlv>>> {
        self.tlvs.borrow()
    }
}
impl ProxyProtocolV2_BodyTlvsOnly {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}

/**
 * The body of a PROXY header of the UNIX family (`fam` 0x31 stream,
 * 0x32 datagram): the 216-byte address block (`unix_addr` of the spec's
 * union `proxy_addr`), then TLVs. Each path follows `sun_path`
 * conventions: padded with NUL bytes; an abstract socket name starts
 * with a NUL byte. Kept raw.
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_BodyUnix {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2>,
    pub _self: SharedType<Self>,
    src_addr: RefCell<Vec<u8>>,
    dst_addr: RefCell<Vec<u8>>,
    tlvs: RefCell<Vec<OptRc<ProxyProtocolV2_Tlv>>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_BodyUnix {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.src_addr.borrow_mut() = _io.read_bytes(108 as usize)?.into();
        *self_rc.dst_addr.borrow_mut() = _io.read_bytes(108 as usize)?.into();
        *self_rc.tlvs.borrow_mut() = Vec::new();
        {
            let mut _i = 0;
            while !_io.is_eof() {
                let t = Self::read_into::<_, ProxyProtocolV2_Tlv>(&*_io, Some(self_rc._root.clone()), None)?.into();
                self_rc.tlvs.borrow_mut().push(t);
                _i += 1;
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_BodyUnix {
}
impl ProxyProtocolV2_BodyUnix {
    pub fn src_addr(&self) -> Ref<'_, Vec<u8>> {
        self.src_addr.borrow()
    }
}
impl ProxyProtocolV2_BodyUnix {
    pub fn dst_addr(&self) -> Ref<'_, Vec<u8>> {
        self.dst_addr.borrow()
    }
}

/**
 * Extensions in the order sent; a type may appear more than once.
 */
impl ProxyProtocolV2_BodyUnix {
    pub fn tlvs(&self) -> Ref<'_, Vec<OptRc<ProxyProtocolV2_Tlv>>> {
        self.tlvs.borrow()
    }
}
impl ProxyProtocolV2_BodyUnix {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}

/**
 * A TLV nested in the SSL TLV, same framing as `tlv`. All known values
 * are text (US-ASCII, or UTF-8 for the common name) except the client
 * certificate, which is DER; all are kept as raw bytes.
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_SslSubTlv {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2_TlvSsl>,
    pub _self: SharedType<Self>,
    subtype: RefCell<ProxyProtocolV2_Pp2SubtypeSsl>,
    len_value: RefCell<u16>,
    value: RefCell<Vec<u8>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_SslSubTlv {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2_TlvSsl;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.subtype.borrow_mut() = (_io.read_u1()? as i64).try_into()?;
        *self_rc.len_value.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.value.borrow_mut() = _io.read_bytes(*self_rc.len_value() as usize)?.into();
        Ok(())
    }
}
impl ProxyProtocolV2_SslSubTlv {
}
impl ProxyProtocolV2_SslSubTlv {
    pub fn subtype(&self) -> Ref<'_, ProxyProtocolV2_Pp2SubtypeSsl> {
        self.subtype.borrow()
    }
}
impl ProxyProtocolV2_SslSubTlv {
    pub fn len_value(&self) -> Ref<'_, u16> {
        self.len_value.borrow()
    }
}
impl ProxyProtocolV2_SslSubTlv {
    pub fn value(&self) -> Ref<'_, Vec<u8>> {
        self.value.borrow()
    }
}
impl ProxyProtocolV2_SslSubTlv {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
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
 * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_Tlv {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<KStructUnit>,
    pub _self: SharedType<Self>,
    tlv_type: RefCell<ProxyProtocolV2_Pp2Type>,
    len_value: RefCell<u16>,
    value: RefCell<Option<ProxyProtocolV2_Tlv_Value>>,
    _io: RefCell<BytesReader>,
    value_raw: RefCell<Vec<u8>>,
}
#[derive(Debug, Clone)]
pub enum ProxyProtocolV2_Tlv_Value {
    ProxyProtocolV2_TlvCrc32c(OptRc<ProxyProtocolV2_TlvCrc32c>),
    ProxyProtocolV2_TlvSsl(OptRc<ProxyProtocolV2_TlvSsl>),
    Bytes(Vec<u8>),
}
impl From<&ProxyProtocolV2_Tlv_Value> for OptRc<ProxyProtocolV2_TlvCrc32c> {
    fn from(v: &ProxyProtocolV2_Tlv_Value) -> Self {
        if let ProxyProtocolV2_Tlv_Value::ProxyProtocolV2_TlvCrc32c(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Tlv_Value::ProxyProtocolV2_TlvCrc32c, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_TlvCrc32c>> for ProxyProtocolV2_Tlv_Value {
    fn from(v: OptRc<ProxyProtocolV2_TlvCrc32c>) -> Self {
        Self::ProxyProtocolV2_TlvCrc32c(v)
    }
}
impl From<&ProxyProtocolV2_Tlv_Value> for OptRc<ProxyProtocolV2_TlvSsl> {
    fn from(v: &ProxyProtocolV2_Tlv_Value) -> Self {
        if let ProxyProtocolV2_Tlv_Value::ProxyProtocolV2_TlvSsl(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Tlv_Value::ProxyProtocolV2_TlvSsl, got {:?}", v)
    }
}
impl From<OptRc<ProxyProtocolV2_TlvSsl>> for ProxyProtocolV2_Tlv_Value {
    fn from(v: OptRc<ProxyProtocolV2_TlvSsl>) -> Self {
        Self::ProxyProtocolV2_TlvSsl(v)
    }
}
impl From<&ProxyProtocolV2_Tlv_Value> for Vec<u8> {
    fn from(v: &ProxyProtocolV2_Tlv_Value) -> Self {
        if let ProxyProtocolV2_Tlv_Value::Bytes(x) = v {
            return x.clone();
        }
        panic!("expected ProxyProtocolV2_Tlv_Value::Bytes, got {:?}", v)
    }
}
impl From<Vec<u8>> for ProxyProtocolV2_Tlv_Value {
    fn from(v: Vec<u8>) -> Self {
        Self::Bytes(v)
    }
}
impl KStruct for ProxyProtocolV2_Tlv {
    type Root = ProxyProtocolV2;
    type Parent = KStructUnit;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.tlv_type.borrow_mut() = (_io.read_u1()? as i64).try_into()?;
        *self_rc.len_value.borrow_mut() = _io.read_u2be()?.into();
        match *self_rc.tlv_type() {
            ProxyProtocolV2_Pp2Type::Crc32c => {
                *self_rc.value_raw.borrow_mut() = _io.read_bytes(*self_rc.len_value() as usize)?.into();
                let value_raw = self_rc.value_raw.borrow();
                let _t_value_raw_io = BytesReader::from(value_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_TlvCrc32c>(&_t_value_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.value.borrow_mut() = Some(t);
            }
            ProxyProtocolV2_Pp2Type::Ssl => {
                *self_rc.value_raw.borrow_mut() = _io.read_bytes(*self_rc.len_value() as usize)?.into();
                let value_raw = self_rc.value_raw.borrow();
                let _t_value_raw_io = BytesReader::from(value_raw.clone());
                let t = Self::read_into::<BytesReader, ProxyProtocolV2_TlvSsl>(&_t_value_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                *self_rc.value.borrow_mut() = Some(t);
            }
            _ => {
                *self_rc.value.borrow_mut() = Some(_io.read_bytes(*self_rc.len_value() as usize)?.into());
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_Tlv {
}
impl ProxyProtocolV2_Tlv {
    pub fn tlv_type(&self) -> Ref<'_, ProxyProtocolV2_Pp2Type> {
        self.tlv_type.borrow()
    }
}

/**
 * Length of the value in bytes (the spec's `length_hi`/`length_lo`).
 */
impl ProxyProtocolV2_Tlv {
    pub fn len_value(&self) -> Ref<'_, u16> {
        self.len_value.borrow()
    }
}

/**
 * The value, decoded for CRC32C and SSL. Every other type is raw
 * bytes: ALPN (the negotiated protocol, e.g. `h2`), AUTHORITY (UTF-8
 * host name, usually the TLS SNI), NOOP (padding, to be ignored),
 * UNIQUE_ID (opaque, at most 128 bytes), NETNS (US-ASCII namespace
 * name), the custom range and unknown types. Text is left as
 * bytes on purpose: a malformed string is for the reader to flag,
 * not a reason to reject the whole header.
 */
impl ProxyProtocolV2_Tlv {
    pub fn value(&self) -> Ref<'_, Option<ProxyProtocolV2_Tlv_Value>> {
        self.value.borrow()
    }
}
impl ProxyProtocolV2_Tlv {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
impl ProxyProtocolV2_Tlv {
    pub fn value_raw(&self) -> Ref<'_, Vec<u8>> {
        self.value_raw.borrow()
    }
}

/**
 * CRC32C (Castagnoli, as in RFC 4960 appendix B) of the whole header,
 * signature to last TLV, computed with these 4 bytes set to zero. A
 * mismatch makes the header invalid; checking it is left to the host.
 * The value must be exactly 4 bytes long: a shorter one fails here
 * (end of stream), a longer one must be rejected by the host too.
 * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.3
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_TlvCrc32c {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2_Tlv>,
    pub _self: SharedType<Self>,
    checksum: RefCell<u32>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2_TlvCrc32c {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2_Tlv;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.checksum.borrow_mut() = _io.read_u4be()?.into();
        Ok(())
    }
}
impl ProxyProtocolV2_TlvCrc32c {
}

/**
 * Big-endian, as HAProxy and nginx write it.
 */
impl ProxyProtocolV2_TlvCrc32c {
    pub fn checksum(&self) -> Ref<'_, u32> {
        self.checksum.borrow()
    }
}
impl ProxyProtocolV2_TlvCrc32c {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}

/**
 * Details of the TLS session between the client and the proxy
 * (`PP2_TYPE_SSL`, struct `pp2_tlv_ssl`). At least 5 bytes: flags and
 * the verify result, followed by sub-TLVs that fill the rest of this
 * value and only have meaning inside it.
 * \sa https://github.com/haproxy/haproxy/blob/50872daa/doc/proxy-protocol.txt section 2.2.6
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2_TlvSsl {
    pub _root: SharedType<ProxyProtocolV2>,
    pub _parent: SharedType<ProxyProtocolV2_Tlv>,
    pub _self: SharedType<Self>,
    client: RefCell<u8>,
    verify: RefCell<u32>,
    sub_tlvs: RefCell<Vec<OptRc<ProxyProtocolV2_SslSubTlv>>>,
    _io: RefCell<BytesReader>,
    f_has_cert_conn: Cell<bool>,
    has_cert_conn: RefCell<bool>,
    f_has_cert_sess: Cell<bool>,
    has_cert_sess: RefCell<bool>,
    f_is_ssl: Cell<bool>,
    is_ssl: RefCell<bool>,
}
impl KStruct for ProxyProtocolV2_TlvSsl {
    type Root = ProxyProtocolV2;
    type Parent = ProxyProtocolV2_Tlv;

    fn read<S: KStream>(
        self_rc: &OptRc<Self>,
        _io: &S,
        _root: SharedType<Self::Root>,
        _parent: SharedType<Self::Parent>,
    ) -> KResult<()> {
        *self_rc._io.borrow_mut() = _io.clone();
        self_rc._root.set(_root.get());
        self_rc._parent.set(_parent.get());
        self_rc._self.set(Ok(self_rc.clone()));
        let _rrc = self_rc._root.get_value().borrow().upgrade();
        let _prc = self_rc._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        *self_rc.client.borrow_mut() = _io.read_u1()?.into();
        *self_rc.verify.borrow_mut() = _io.read_u4be()?.into();
        *self_rc.sub_tlvs.borrow_mut() = Vec::new();
        {
            let mut _i = 0;
            while !_io.is_eof() {
                let t = Self::read_into::<_, ProxyProtocolV2_SslSubTlv>(&*_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
                self_rc.sub_tlvs.borrow_mut().push(t);
                _i += 1;
            }
        }
        Ok(())
    }
}
impl ProxyProtocolV2_TlvSsl {

    /**
     * The client sent a certificate on this connection.
     */
    pub fn has_cert_conn(
        &self
    ) -> KResult<Ref<'_, bool>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_has_cert_conn.get() {
            return Ok(self.has_cert_conn.borrow());
        }
        self.f_has_cert_conn.set(true);
        *self.has_cert_conn.borrow_mut() = (((((*self.client() as u8) & ((i64::from(&ProxyProtocolV2_Pp2Client::CertConn) as u8) as u8)) as i32) != (0 as i32))) as bool;
        Ok(self.has_cert_conn.borrow())
    }

    /**
     * The client sent a certificate at least once in this TLS session.
     */
    pub fn has_cert_sess(
        &self
    ) -> KResult<Ref<'_, bool>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_has_cert_sess.get() {
            return Ok(self.has_cert_sess.borrow());
        }
        self.f_has_cert_sess.set(true);
        *self.has_cert_sess.borrow_mut() = (((((*self.client() as u8) & ((i64::from(&ProxyProtocolV2_Pp2Client::CertSess) as u8) as u8)) as i32) != (0 as i32))) as bool;
        Ok(self.has_cert_sess.borrow())
    }

    /**
     * The client connected over TLS.
     */
    pub fn is_ssl(
        &self
    ) -> KResult<Ref<'_, bool>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_is_ssl.get() {
            return Ok(self.is_ssl.borrow());
        }
        self.f_is_ssl.set(true);
        *self.is_ssl.borrow_mut() = (((((*self.client() as u8) & ((i64::from(&ProxyProtocolV2_Pp2Client::Ssl) as u8) as u8)) as i32) != (0 as i32))) as bool;
        Ok(self.is_ssl.borrow())
    }
}

/**
 * Bit field of `pp2_client` flags: SSL (0x01), CERT_CONN (0x02),
 * CERT_SESS (0x04); the other bits are reserved.
 */
impl ProxyProtocolV2_TlvSsl {
    pub fn client(&self) -> Ref<'_, u8> {
        self.client.borrow()
    }
}

/**
 * Zero if the client presented a certificate and it was verified,
 * non-zero otherwise. HAProxy leaves it zero when no certificate
 * was used, so read it together with the certificate flags.
 */
impl ProxyProtocolV2_TlvSsl {
    pub fn verify(&self) -> Ref<'_, u32> {
        self.verify.borrow()
    }
}
impl ProxyProtocolV2_TlvSsl {
    pub fn sub_tlvs(&self) -> Ref<'_, Vec<OptRc<ProxyProtocolV2_SslSubTlv>>> {
        self.sub_tlvs.borrow()
    }
}
impl ProxyProtocolV2_TlvSsl {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
