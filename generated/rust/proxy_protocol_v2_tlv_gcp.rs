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
 * The value of a PROXY protocol version 2 TLV of type 0xE0 as Google Cloud
 * Private Service Connect (PSC) sends it: the connection's `pscConnectionId`
 * and nothing else (no subtype byte).
 * 
 * 0xE0 lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Google Cloud's; another application may give 0xE0 another meaning. The
 * value is exactly 8 bytes: a shorter one fails here with an end-of-stream
 * error, and a longer one (bytes left after `value`) is not this layout
 * either.
 * \sa https://cloud.google.com/vpc/docs/about-vpc-hosted-services#proxy-protocol Source
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2TlvGcp {
    pub _root: SharedType<ProxyProtocolV2TlvGcp>,
    pub _parent: SharedType<ProxyProtocolV2TlvGcp>,
    pub _self: SharedType<Self>,
    value: RefCell<u64>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2TlvGcp {
    type Root = ProxyProtocolV2TlvGcp;
    type Parent = ProxyProtocolV2TlvGcp;

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
        *self_rc.value.borrow_mut() = _io.read_u8be()?.into();
        Ok(())
    }
}
impl ProxyProtocolV2TlvGcp {
}

/**
 * The PSC connection id, an unsigned 64-bit number.
 */
impl ProxyProtocolV2TlvGcp {
    pub fn value(&self) -> Ref<'_, u64> {
        self.value.borrow()
    }
}
impl ProxyProtocolV2TlvGcp {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2TlvGcp_Pp2Type {

    /**
     * The custom-range TLV type Google Cloud PSC sends this value in.
     */
    Gcp,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2TlvGcp_Pp2Type {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2TlvGcp_Pp2Type> {
        match flag {
            224 => Ok(ProxyProtocolV2TlvGcp_Pp2Type::Gcp),
            _ => Ok(ProxyProtocolV2TlvGcp_Pp2Type::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2TlvGcp_Pp2Type> for i64 {
    fn from(v: &ProxyProtocolV2TlvGcp_Pp2Type) -> Self {
        match *v {
            ProxyProtocolV2TlvGcp_Pp2Type::Gcp => 224,
            ProxyProtocolV2TlvGcp_Pp2Type::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2TlvGcp_Pp2Type {
    fn default() -> Self { ProxyProtocolV2TlvGcp_Pp2Type::Unknown(0) }
}

