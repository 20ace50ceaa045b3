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
 * The value of a PROXY protocol version 2 TLV of type 0xEE as the Azure
 * Private Link service sends it: a subtype byte, then the private endpoint's
 * 32-bit LINKID, little-endian (the PROXY protocol's own numbers are all
 * big-endian).
 * 
 * 0xEE lies in the range 0xE0-0xEF that the PROXY protocol leaves to custom
 * use, so `proxy_protocol_v2` keeps the value of such a TLV as raw bytes.
 * Apply this type to that raw value when the proxy in front is known to be
 * Azure's; another application may give 0xEE another meaning. The value is
 * exactly 5 bytes: a shorter one fails here with an end-of-stream error, and
 * a longer one (bytes left after `value`) is not this layout either.
 * \sa https://learn.microsoft.com/en-us/azure/private-link/private-link-service-overview#getting-connection-information-using-tcp-proxy-v2 Source
 */

#[derive(Default, Debug, Clone)]
pub struct ProxyProtocolV2TlvAzure {
    pub _root: SharedType<ProxyProtocolV2TlvAzure>,
    pub _parent: SharedType<ProxyProtocolV2TlvAzure>,
    pub _self: SharedType<Self>,
    subtype: RefCell<ProxyProtocolV2TlvAzure_Pp2SubtypeAzure>,
    value: RefCell<u32>,
    _io: RefCell<BytesReader>,
}
impl KStruct for ProxyProtocolV2TlvAzure {
    type Root = ProxyProtocolV2TlvAzure;
    type Parent = ProxyProtocolV2TlvAzure;

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
        *self_rc.value.borrow_mut() = _io.read_u4le()?.into();
        Ok(())
    }
}
impl ProxyProtocolV2TlvAzure {
}
impl ProxyProtocolV2TlvAzure {
    pub fn subtype(&self) -> Ref<'_, ProxyProtocolV2TlvAzure_Pp2SubtypeAzure> {
        self.subtype.borrow()
    }
}

/**
 * The private endpoint's LINKID.
 */
impl ProxyProtocolV2TlvAzure {
    pub fn value(&self) -> Ref<'_, u32> {
        self.value.borrow()
    }
}
impl ProxyProtocolV2TlvAzure {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2TlvAzure_Pp2SubtypeAzure {

    /**
     * The private endpoint's LINKID.
     */
    PrivateEndpointLinkId,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2TlvAzure_Pp2SubtypeAzure {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2TlvAzure_Pp2SubtypeAzure> {
        match flag {
            1 => Ok(ProxyProtocolV2TlvAzure_Pp2SubtypeAzure::PrivateEndpointLinkId),
            _ => Ok(ProxyProtocolV2TlvAzure_Pp2SubtypeAzure::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2TlvAzure_Pp2SubtypeAzure> for i64 {
    fn from(v: &ProxyProtocolV2TlvAzure_Pp2SubtypeAzure) -> Self {
        match *v {
            ProxyProtocolV2TlvAzure_Pp2SubtypeAzure::PrivateEndpointLinkId => 1,
            ProxyProtocolV2TlvAzure_Pp2SubtypeAzure::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2TlvAzure_Pp2SubtypeAzure {
    fn default() -> Self { ProxyProtocolV2TlvAzure_Pp2SubtypeAzure::Unknown(0) }
}

#[derive(Debug, PartialEq, Clone)]
pub enum ProxyProtocolV2TlvAzure_Pp2Type {

    /**
     * The custom-range TLV type Azure Private Link sends this value in.
     */
    Azure,
    Unknown(i64),
}

impl TryFrom<i64> for ProxyProtocolV2TlvAzure_Pp2Type {
    type Error = KError;
    fn try_from(flag: i64) -> KResult<ProxyProtocolV2TlvAzure_Pp2Type> {
        match flag {
            238 => Ok(ProxyProtocolV2TlvAzure_Pp2Type::Azure),
            _ => Ok(ProxyProtocolV2TlvAzure_Pp2Type::Unknown(flag)),
        }
    }
}

impl From<&ProxyProtocolV2TlvAzure_Pp2Type> for i64 {
    fn from(v: &ProxyProtocolV2TlvAzure_Pp2Type) -> Self {
        match *v {
            ProxyProtocolV2TlvAzure_Pp2Type::Azure => 238,
            ProxyProtocolV2TlvAzure_Pp2Type::Unknown(v) => v
        }
    }
}

impl Default for ProxyProtocolV2TlvAzure_Pp2Type {
    fn default() -> Self { ProxyProtocolV2TlvAzure_Pp2Type::Unknown(0) }
}

