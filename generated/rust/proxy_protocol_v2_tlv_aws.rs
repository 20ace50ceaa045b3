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
 * The value of a PROXY protocol version 2 TLV of type 0xEA as an AWS Network
 * Load Balancer sends it for a connection that came through AWS PrivateLink:
 * a subtype byte, then the subtype's value, which fills the rest. Subtype
 * 0x01 carries the id of the VPC endpoint the client connected through, as
 * US-ASCII text (e.g. `vpce-08d2bf15fac5001c9`).
 * 
 * 0xEA lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * AWS; another application may give 0xEA another meaning. An empty value
 * fails here with an end-of-stream error.
 * \sa https://docs.aws.amazon.com/elasticloadbalancing/latest/network/edit-target-group-attributes.html#proxy-protocol Source
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2TlvAws {
    pub _root: SharedType<ProxyProtocolV2TlvAws>,
    pub _parent: SharedType<ProxyProtocolV2TlvAws>,
    pub _self: SharedType<Self>,
    subtype: RefCell<ProxyProtocolV2TlvAws_Pp2SubtypeAws>,
    value: RefCell<Vec<u8>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2TlvAws {
    type Root = ProxyProtocolV2TlvAws;
    type Parent = ProxyProtocolV2TlvAws;

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
        *self_rc.value.borrow_mut() = _io.read_bytes_full()?.into();
        Ok(())
    }
}
impl ProxyProtocolV2TlvAws {
}
impl ProxyProtocolV2TlvAws {
    pub fn subtype(&self) -> Ref<'_, ProxyProtocolV2TlvAws_Pp2SubtypeAws> {
        self.subtype.borrow()
    }
}

/**
 * For subtype 0x01, the VPC endpoint id as US-ASCII text. Kept as bytes:
 * text that is not well formed is for the reader to flag.
 */
impl ProxyProtocolV2TlvAws {
    pub fn value(&self) -> Ref<'_, Vec<u8>> {
        self.value.borrow()
    }
}
impl ProxyProtocolV2TlvAws {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2TlvAws_Pp2SubtypeAws {

    /**
     * The VPC endpoint id.
     */
    VpceId,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2TlvAws_Pp2SubtypeAws {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2TlvAws_Pp2SubtypeAws> {
        match flag {
            1 => Ok(ProxyProtocolV2TlvAws_Pp2SubtypeAws::VpceId),
            _ => Ok(ProxyProtocolV2TlvAws_Pp2SubtypeAws::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2TlvAws_Pp2SubtypeAws> for i64 {
    fn from(v: &ProxyProtocolV2TlvAws_Pp2SubtypeAws) -> Self {
        match *v {
            ProxyProtocolV2TlvAws_Pp2SubtypeAws::VpceId => 1,
            ProxyProtocolV2TlvAws_Pp2SubtypeAws::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2TlvAws_Pp2SubtypeAws {
    fn default() -> Self { ProxyProtocolV2TlvAws_Pp2SubtypeAws::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2TlvAws_Pp2Type {

    /**
     * The custom-range TLV type AWS sends this value in.
     */
    Aws,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2TlvAws_Pp2Type {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2TlvAws_Pp2Type> {
        match flag {
            234 => Ok(ProxyProtocolV2TlvAws_Pp2Type::Aws),
            _ => Ok(ProxyProtocolV2TlvAws_Pp2Type::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2TlvAws_Pp2Type> for i64 {
    fn from(v: &ProxyProtocolV2TlvAws_Pp2Type) -> Self {
        match *v {
            ProxyProtocolV2TlvAws_Pp2Type::Aws => 234,
            ProxyProtocolV2TlvAws_Pp2Type::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2TlvAws_Pp2Type {
    fn default() -> Self { ProxyProtocolV2TlvAws_Pp2Type::Unknown(0) }
}

