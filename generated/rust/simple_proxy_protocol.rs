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
 * A UDP datagram between Cloudflare Spectrum and an origin server with the
 * Simple Proxy Protocol enabled: a fixed 38-byte header telling who the
 * real client is, then the original payload. Cloudflare puts the header on
 * every datagram it sends to the origin, and the origin's replies carry the
 * same header (the client's address and port, not swapped).
 * 
 * There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
 * the only identification, so a reader that looks for SPP in arbitrary UDP
 * traffic should add plausibility checks (for instance, both addresses
 * IPv4-mapped or both native IPv6). IPv4 addresses are carried as
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
 * All numbers are big-endian.
 * \sa https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/ Source
 */

#[derive(Default, Debug, Clone)]
pub struct SimpleProxyProtocol {
    pub _root: SharedType<SimpleProxyProtocol>,
    pub _parent: SharedType<SimpleProxyProtocol>,
    pub _self: SharedType<Self>,
    magic: RefCell<Vec<u8>>,
    client_addr: RefCell<Vec<u8>>,
    proxy_addr: RefCell<Vec<u8>>,
    client_port: RefCell<u16>,
    proxy_port: RefCell<u16>,
    payload: RefCell<Vec<u8>>,
    _io: RefCell<BytesReader>,
}
impl KStruct for SimpleProxyProtocol {
    type Root = SimpleProxyProtocol;
    type Parent = SimpleProxyProtocol;

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
        *self_rc.magic.borrow_mut() = _io.read_bytes(2 as usize)?.into();
        if !(*self_rc.magic() == vec![0x56u8, 0xecu8]) {
            return Err(KError::ValidationFailed(ValidationFailedError { kind: ValidationKind::NotEqual, src_path: "/seq/0".to_string() }));
        }
        *self_rc.client_addr.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        *self_rc.proxy_addr.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        *self_rc.client_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.proxy_port.borrow_mut() = _io.read_u2be()?.into();
        *self_rc.payload.borrow_mut() = _io.read_bytes_full()?.into();
        Ok(())
    }
}
impl SimpleProxyProtocol {
}

/**
 * Always 0x56EC, the only mark of an SPP header.
 */
impl SimpleProxyProtocol {
    pub fn magic(&self) -> Ref<'_, Vec<u8>> {
        self.magic.borrow()
    }
}

/**
 * The client's address as Cloudflare saw it: an IPv6 address, or an
 * IPv4 address in IPv4-mapped form (`00 * 10, ff ff`, then the 4 bytes).
 */
impl SimpleProxyProtocol {
    pub fn client_addr(&self) -> Ref<'_, Vec<u8>> {
        self.client_addr.borrow()
    }
}

/**
 * The Cloudflare address that received the client's datagram, in the
 * same form as `client_addr`.
 */
impl SimpleProxyProtocol {
    pub fn proxy_addr(&self) -> Ref<'_, Vec<u8>> {
        self.proxy_addr.borrow()
    }
}

/**
 * The client's UDP source port.
 */
impl SimpleProxyProtocol {
    pub fn client_port(&self) -> Ref<'_, u16> {
        self.client_port.borrow()
    }
}

/**
 * The UDP port on which Cloudflare received the datagram.
 */
impl SimpleProxyProtocol {
    pub fn proxy_port(&self) -> Ref<'_, u16> {
        self.proxy_port.borrow()
    }
}

/**
 * The proxied datagram's payload, after the 38-byte header.
 */
impl SimpleProxyProtocol {
    pub fn payload(&self) -> Ref<'_, Vec<u8>> {
        self.payload.borrow()
    }
}
impl SimpleProxyProtocol {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
