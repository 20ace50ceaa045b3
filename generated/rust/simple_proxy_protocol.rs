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
 * Cloudflare Spectrum proxies UDP for its customers. With the Simple Proxy
 * Protocol enabled, every datagram between Cloudflare and the origin server
 * starts with a fixed 38-byte header telling who the real client is, and
 * the original payload follows. The origin must send its replies back with
 * the same header (the client's address and port, not swapped) so that
 * Cloudflare can route them to that client. The leg between the client and
 * Cloudflare never carries it.
 * 
 * There is no version, length, flags or TLVs: the 16-bit magic 0x56EC is
 * the only identification, so a reader that looks for SPP in arbitrary UDP
 * traffic should add plausibility checks (for instance, both addresses
 * IPv4-mapped or both native IPv6). IPv4 addresses are carried as
 * IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`, RFC 4291 section 2.5.5.2).
 * All numbers are big-endian.
 * \sa https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/ Source
 * \sa https://developers.cloudflare.com/spectrum/how-to/enable-proxy-protocol/ Source
 */

#[derive(Default, Debug, Clone)]
pub struct SimpleProxyProtocol {
    pub _root: SharedType<SimpleProxyProtocol>,
    pub _parent: SharedType<SimpleProxyProtocol>,
    pub _self: SharedType<Self>,
    magic: RefCell<u16>,
    client_addr: RefCell<OptRc<SimpleProxyProtocol_IpAddress>>,
    proxy_addr: RefCell<OptRc<SimpleProxyProtocol_IpAddress>>,
    client_port: RefCell<u16>,
    proxy_port: RefCell<u16>,
    payload: RefCell<Vec<u8>>,
    _io: RefCell<BytesReader>,
    client_addr_raw: RefCell<Vec<u8>>,
    proxy_addr_raw: RefCell<Vec<u8>>,
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
        *self_rc.magic.borrow_mut() = _io.read_u2be()?.into();
        if !(((*self_rc.magic() as i32) == (22252 as i32))) {
            return Err(KError::ValidationFailed(ValidationFailedError { kind: ValidationKind::NotEqual, src_path: "/seq/0".to_string() }));
        }
        *self_rc.client_addr_raw.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        let client_addr_raw = self_rc.client_addr_raw.borrow();
        let _t_client_addr_raw_io = BytesReader::from(client_addr_raw.clone());
        let t = Self::read_into::<BytesReader, SimpleProxyProtocol_IpAddress>(&_t_client_addr_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
        *self_rc.client_addr.borrow_mut() = t;
        *self_rc.proxy_addr_raw.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        let proxy_addr_raw = self_rc.proxy_addr_raw.borrow();
        let _t_proxy_addr_raw_io = BytesReader::from(proxy_addr_raw.clone());
        let t = Self::read_into::<BytesReader, SimpleProxyProtocol_IpAddress>(&_t_proxy_addr_raw_io, Some(self_rc._root.clone()), Some(self_rc._self.clone()))?.into();
        *self_rc.proxy_addr.borrow_mut() = t;
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
    pub fn magic(&self) -> Ref<'_, u16> {
        self.magic.borrow()
    }
}

/**
 * The client's address as Cloudflare saw it.
 */
impl SimpleProxyProtocol {
    pub fn client_addr(&self) -> Ref<'_, OptRc<SimpleProxyProtocol_IpAddress>> {
        self.client_addr.borrow()
    }
}

/**
 * The Cloudflare address that received the client's datagram.
 */
impl SimpleProxyProtocol {
    pub fn proxy_addr(&self) -> Ref<'_, OptRc<SimpleProxyProtocol_IpAddress>> {
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
impl SimpleProxyProtocol {
    pub fn client_addr_raw(&self) -> Ref<'_, Vec<u8>> {
        self.client_addr_raw.borrow()
    }
}
impl SimpleProxyProtocol {
    pub fn proxy_addr_raw(&self) -> Ref<'_, Vec<u8>> {
        self.proxy_addr_raw.borrow()
    }
}

/**
 * An IPv6 address, or an IPv4 address in IPv4-mapped form.
 * \sa https://www.rfc-editor.org/rfc/rfc4291#section-2.5.5.2 Source
 */

#[derive(Default, Debug, Clone)]
pub struct SimpleProxyProtocol_IpAddress {
    pub _root: SharedType<SimpleProxyProtocol>,
    pub _parent: SharedType<SimpleProxyProtocol>,
    pub _self: SharedType<Self>,
    ipv6: RefCell<Vec<u8>>,
    _io: RefCell<BytesReader>,
    f_ipv4: Cell<bool>,
    ipv4: RefCell<Vec<u8>>,
    f_is_ipv4_mapped: Cell<bool>,
    is_ipv4_mapped: RefCell<bool>,
    f_mapped_prefix: Cell<bool>,
    mapped_prefix: RefCell<Vec<u8>>,
}
impl KStruct for SimpleProxyProtocol_IpAddress {
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
        *self_rc.ipv6.borrow_mut() = _io.read_bytes(16 as usize)?.into();
        Ok(())
    }
}
impl SimpleProxyProtocol_IpAddress {

    /**
     * The IPv4 address, for an IPv4-mapped address.
     */
    pub fn ipv4(
        &self
    ) -> KResult<Ref<'_, Vec<u8>>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_ipv4.get() {
            return Ok(self.ipv4.borrow());
        }
        self.f_ipv4.set(true);
        if *self.is_ipv4_mapped()? {
            let _pos = _io.pos();
            _io.seek(12 as usize)?;
            *self.ipv4.borrow_mut() = _io.read_bytes(4 as usize)?.into();
            _io.seek(_pos)?;
        }
        Ok(self.ipv4.borrow())
    }
    pub fn is_ipv4_mapped(
        &self
    ) -> KResult<Ref<'_, bool>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_is_ipv4_mapped.get() {
            return Ok(self.is_ipv4_mapped.borrow());
        }
        self.f_is_ipv4_mapped.set(true);
        *self.is_ipv4_mapped.borrow_mut() = (*self.mapped_prefix()? == vec![0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0x0u8, 0xffu8, 0xffu8]) as bool;
        Ok(self.is_ipv4_mapped.borrow())
    }

    /**
     * The first 12 bytes, `00 * 10, ff ff` for an IPv4-mapped address.
     */
    pub fn mapped_prefix(
        &self
    ) -> KResult<Ref<'_, Vec<u8>>> {
        let _io = self._io.borrow();
        let _rrc = self._root.get_value().borrow().upgrade();
        let _prc = self._parent.get_value().borrow().upgrade();
        let _r = _rrc.as_ref().unwrap();
        if self.f_mapped_prefix.get() {
            return Ok(self.mapped_prefix.borrow());
        }
        self.f_mapped_prefix.set(true);
        let _pos = _io.pos();
        _io.seek(0 as usize)?;
        *self.mapped_prefix.borrow_mut() = _io.read_bytes(12 as usize)?.into();
        _io.seek(_pos)?;
        Ok(self.mapped_prefix.borrow())
    }
}

/**
 * The address as 16 bytes, network byte order.
 */
impl SimpleProxyProtocol_IpAddress {
    pub fn ipv6(&self) -> Ref<'_, Vec<u8>> {
        self.ipv6.borrow()
    }
}
impl SimpleProxyProtocol_IpAddress {
    pub fn _io(&self) -> Ref<'_, BytesReader> {
        self._io.borrow()
    }
}
