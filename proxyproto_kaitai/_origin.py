"""The origin side: asyncio servers that see the real client behind a proxy.

Owns the socket handling the rest of the library leaves out: reading the
header off a TCP connection before the application sees a byte
(`start_server`), demultiplexing and answering UDP datagrams that a proxy
delivers with a header (`create_datagram_endpoint`), and the policy around
both (who may send a header, whether one is required, how long to wait for
it, how big it may be). The headers themselves are read by `HeaderReader`
and `parse`; nothing here knows a wire format beyond the signatures of
`proxyproto_kaitai._wire` (spec §2 "detection"; SPEC_NOTES §4: every SPP
datagram carries the header, both ways).

Rules (all in the public docstrings):

* A header is only believed from a *trusted* source (``trusted=``, loopback
  by default). From anyone else a header is refused: the connection is
  closed, the datagram dropped, and one line is logged.
* ``header=`` is `HeaderPolicy.REQUIRED` by default; ``OPTIONAL`` lets
  connections/datagrams without a header through with their real
  endpoints; ``IGNORE`` (TCP only) reads and strips a header but does not
  believe it.
* A header must be complete within ``header_timeout`` seconds of the
  connection (silent and one-byte-a-second clients are closed) and within
  ``max_size`` bytes (`DEFAULT_MAX_SIZE`, as `HeaderReader`).
* LOCAL (v2) and UNKNOWN (v1) headers, and v2 PROXY headers of the UNSPEC
  or UNIX family, mean "use the real endpoints".
* A header whose transport contradicts the socket (a v2 ``DGRAM`` header on
  a TCP connection, ``STREAM`` in a datagram, a v1 line in a datagram) is
  refused.
* Every bad header costs one log line on the ``proxyproto_kaitai.origin``
  logger and never raises into the event loop.

UDP replies go back the way the client's datagrams came: to the proxy
address and port that delivered them, prefixed with the client's SPP header
as received (SPP), or with no header (PROXY v2 over UDP; Cloudflare
Spectrum puts the header on the first datagram of a flow only, the 2026
spec on every datagram: both are handled, the flow being keyed by the
proxy's source address and port). Flows expire after ``flow_idle`` seconds
without a datagram and the table never holds more than ``max_flows``; a
reply to a client with no flow is dropped and logged, never sent straight
to the client (that would bypass the proxy and reveal the origin).
"""

from __future__ import annotations

import asyncio
import enum
import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, Final, TypeVar, cast

from . import _detect
from ._errors import ProxyProtocolError
from ._json import ip_text
from ._model import Header, V1Family, V1Header, V2Header
from ._reader import DEFAULT_MAX_SIZE, HeaderReader
from ._wire import SPP_LEN, SPP_MAGIC, V1_MAGIC, V2_SIGNATURE, Command, Family, Transport

__all__ = [
    "DEFAULT_TRUSTED",
    "HeaderPolicy",
    "ProxiedDatagramTransport",
    "create_datagram_endpoint",
    "start_server",
]

#: The logger every refused or bad header is reported on (one line each).
logger = logging.getLogger("proxyproto_kaitai.origin")

#: Who is trusted to send a header unless ``trusted=`` says otherwise: this
#: machine only. A proxy anywhere else must be listed explicitly.
DEFAULT_TRUSTED: Final = ("127.0.0.0/8", "::1/128")
#: Seconds a TCP client has to complete its header (connection to last byte).
DEFAULT_HEADER_TIMEOUT: Final = 5.0
#: Seconds a UDP flow lives without a datagram (Linux conntrack's UDP stream timeout).
DEFAULT_FLOW_IDLE: Final = 120.0
#: Most UDP flows (clients, and proxy sockets of PROXY v2 flows) held at once.
DEFAULT_MAX_FLOWS: Final = 65536

_STREAM_LIMIT: Final = 2**16  # asyncio's own StreamReader default

Address = tuple[Any, ...]
ClientConnectedCallback = Callable[
    [asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None] | None
]
_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class HeaderPolicy(enum.StrEnum):
    """Whether a trusted source must send a header (``header=``).

    Sources that are not trusted never may: a header from them is refused
    under every policy, and under `REQUIRED` they are refused outright.
    """

    #: Every connection/datagram from a trusted proxy starts with a header;
    #: untrusted sources are refused. The default.
    REQUIRED = "required"
    #: A header is used when there is one; without one (from anyone) the
    #: connection or datagram goes through with its real endpoints.
    OPTIONAL = "optional"
    #: TCP only: a header from a trusted proxy is read, checked and removed
    #: from the stream but not believed (``peername`` stays the real peer,
    #: ``proxy_header`` is ``None``); none is fine too.
    IGNORE = "ignore"


# --- policy -------------------------------------------------------------------------


class _Policy:
    """The checked arguments shared by the TCP and UDP wrappers."""

    def __init__(
        self,
        trusted: Iterable[str | _Network | ipaddress.IPv4Address | ipaddress.IPv6Address],
        header: HeaderPolicy | str,
        max_size: int,
        verify_crc: bool,
        log: logging.Logger | None,
    ) -> None:
        if isinstance(trusted, str):
            raise TypeError("trusted= takes a list of networks, e.g. ['10.0.0.0/8']")
        self.networks: tuple[_Network, ...] = tuple(
            ipaddress.ip_network(n, strict=True) for n in trusted
        )
        self.header = HeaderPolicy(header)
        if max_size < 1:
            raise ValueError(f"max_size must be positive, not {max_size!r}")
        self.max_size = max_size
        self.verify_crc = verify_crc
        self.log = log if log is not None else logger
        self._cache: dict[str, bool] = {}

    def trusts(self, host: str) -> bool:
        """Whether the peer address text ``host`` is in a trusted network."""
        known = self._cache.get(host)
        if known is not None:
            return known
        try:
            addr = ipaddress.ip_address(host.split("%", 1)[0])
        except ValueError:  # not an IP socket (AF_UNIX listener): nobody to trust
            return False
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped  # a dual-stack socket's view of an IPv4 peer
        verdict = any(addr in net for net in self.networks)
        if len(self._cache) >= 4096:
            self._cache.clear()
        self._cache[host] = verdict
        return verdict

    def describe(self) -> str:
        return ", ".join(map(str, self.networks)) or "nobody"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    field = getattr(exc, "field", None)
    if field is not None:
        text += f" (field {field}, offset {getattr(exc, 'offset', None)})"
    return text


def _endpoint(addr: Address | None) -> str:
    if not addr:
        return "?"
    host = str(addr[0])
    return f"[{host}]:{addr[1]}" if ":" in host else f"{host}:{addr[1]}"


def _socket_address(addr: object, port: int) -> Address:
    """``(host, port)`` for IPv4, ``(host, port, 0, 0)`` for IPv6, as sockets give them."""
    if isinstance(addr, ipaddress.IPv4Address):
        return (str(addr), port)
    return (ip_text(addr), port, 0, 0)  # type: ignore[arg-type]


def _real_client(header: Header) -> Address | None:
    """The client a header names, or ``None`` for "use the real endpoints"."""
    if isinstance(header, V2Header):
        if header.command is not Command.PROXY or header.family not in (
            Family.INET,
            Family.INET6,
        ):
            return None  # LOCAL, UNSPEC, UNIX: the real endpoints
    elif isinstance(header, V1Header) and header.family is V1Family.UNKNOWN:
        return None
    return _socket_address(header.src_addr, header.src_port)  # type: ignore[arg-type]


# --- TCP ----------------------------------------------------------------------------


class _ProxiedTransport(asyncio.Transport):
    """The connection's transport as the application sees it: the real one,
    with ``peername`` the client the header named and three keys added."""

    def __init__(self, inner: asyncio.Transport, extra: dict[str, Any]) -> None:
        super().__init__()
        self._inner = inner
        self._proxy_extra = extra

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        if name in self._proxy_extra:
            return self._proxy_extra[name]
        return self._inner.get_extra_info(name, default)

    def is_closing(self) -> bool:
        return self._inner.is_closing()

    def close(self) -> None:
        self._inner.close()

    def abort(self) -> None:
        self._inner.abort()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._inner.set_protocol(protocol)

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._inner.get_protocol()

    def is_reading(self) -> bool:
        return self._inner.is_reading()

    def pause_reading(self) -> None:
        self._inner.pause_reading()

    def resume_reading(self) -> None:
        self._inner.resume_reading()

    def set_write_buffer_limits(self, high: int | None = None, low: int | None = None) -> None:
        self._inner.set_write_buffer_limits(high, low)

    def get_write_buffer_size(self) -> int:
        return self._inner.get_write_buffer_size()

    def get_write_buffer_limits(self) -> tuple[int, int]:
        return self._inner.get_write_buffer_limits()

    def write(self, data: bytes | bytearray | memoryview) -> None:
        self._inner.write(data)

    def writelines(self, list_of_data: Iterable[bytes | bytearray | memoryview]) -> None:
        self._inner.writelines(list_of_data)

    def write_eof(self) -> None:
        self._inner.write_eof()

    def can_write_eof(self) -> bool:
        return self._inner.can_write_eof()


class _StreamConfig:
    def __init__(
        self,
        callback: ClientConnectedCallback,
        policy: _Policy,
        header_timeout: float,
        limit: int,
    ) -> None:
        if not header_timeout > 0:
            raise ValueError(f"header_timeout must be positive, not {header_timeout!r}")
        self.callback = callback
        self.policy = policy
        self.header_timeout = header_timeout
        self.limit = limit
        # The connections still reading their header, oldest first, with their
        # deadlines: one sweeping timer for all of them, cheaper than a timer each.
        self.waiting: dict[_HeaderPhase, float] = {}
        self.tick = max(0.01, min(1.0, header_timeout / 10))
        self.sweeper: asyncio.TimerHandle | None = None

    def wait(self, phase: _HeaderPhase, loop: asyncio.AbstractEventLoop) -> None:
        """Start ``phase``'s header clock (it is closed ``header_timeout`` s from now)."""
        self.waiting[phase] = loop.time() + self.header_timeout
        if self.sweeper is None:
            self.sweeper = loop.call_later(self.tick, self._sweep, loop)

    def _sweep(self, loop: asyncio.AbstractEventLoop) -> None:
        now = loop.time()
        late = []
        for phase, until in self.waiting.items():
            if until > now:
                break
            late.append(phase)
        for phase in late:
            phase.timed_out()  # removes it from waiting
        self.sweeper = loop.call_later(self.tick, self._sweep, loop) if self.waiting else None


class _HeaderPhase(asyncio.Protocol):
    """The protocol of a new connection until its header is read; then it hands
    the transport to a `asyncio.StreamReaderProtocol` and the application."""

    __slots__ = ("_cfg", "_done", "_loop", "_peer", "_pending", "_reader", "_transport", "_trusted")

    def __init__(self, cfg: _StreamConfig, loop: asyncio.AbstractEventLoop) -> None:
        self._cfg = cfg
        self._loop = loop
        self._transport: asyncio.Transport | None = None
        self._peer: Address | None = None
        self._trusted = False
        self._reader: HeaderReader | None = None
        self._pending = b""  # OPTIONAL/IGNORE: the first bytes, until detect() decides
        self._done = False

    # asyncio callbacks: each one catches everything it can raise.

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self._transport = transport = cast(asyncio.Transport, transport)
        self._peer = transport.get_extra_info("peername")
        policy = self._cfg.policy
        self._trusted = self._peer is not None and policy.trusts(str(self._peer[0]))
        if not self._trusted and policy.header is HeaderPolicy.REQUIRED:
            self._refuse(f"refused: not a trusted proxy (trusted: {policy.describe()})")
            return
        if self._trusted and policy.header is HeaderPolicy.REQUIRED:
            self._reader = HeaderReader(max_size=policy.max_size, verify_crc=policy.verify_crc)
        self._cfg.wait(self, self._loop)

    def data_received(self, data: bytes) -> None:
        if self._done:
            return
        try:
            reader = self._reader
            if reader is None:
                data = self._pending + data
                found = _detect.detect(data)
                if found is _detect.Detection.NEED_MORE:
                    self._pending = data
                    return
                if found is _detect.Detection.NONE:
                    self._hand_over(None, data, eof=False)
                    return
                if not self._trusted:
                    self._refuse(
                        f"refused: PROXY {found.value} header from a source that is not a "
                        f"trusted proxy (trusted: {self._cfg.policy.describe()})"
                    )
                    return
                policy = self._cfg.policy
                reader = self._reader = HeaderReader(
                    max_size=policy.max_size, verify_crc=policy.verify_crc
                )
                self._pending = b""
            header = reader.feed(data)
            if header is not None:
                self._hand_over(header, reader.rest, eof=False)
        except ProxyProtocolError as exc:
            self._refuse(f"invalid PROXY header: {_one_line(exc)}")
        except Exception as exc:  # a bug here must not reach the event loop
            self._refuse(f"internal error reading the header: {type(exc).__name__}: {exc}")

    def eof_received(self) -> bool:
        if self._done:
            return False
        if (
            self._reader is None
            and self._pending
            and self._cfg.policy.header is not (HeaderPolicy.REQUIRED)
        ):
            # OPTIONAL/IGNORE: a client that sent less than a signature and stopped
            # sending is a client without a header.
            self._hand_over(None, self._pending, eof=True)
            return True
        got = self._reader.buffered if self._reader is not None else len(self._pending)
        level = logging.WARNING if got else logging.INFO
        self._refuse(f"closed by the peer after {got} bytes, before a complete header", level)
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_timer()
        self._done = True

    def timed_out(self) -> None:
        self._cancel_timer()
        if self._done:
            return
        got = self._reader.buffered if self._reader is not None else len(self._pending)
        self._refuse(
            f"closed: no complete header within {self._cfg.header_timeout:g} s ({got} bytes)"
        )

    # the two ways out

    def _cancel_timer(self) -> None:
        self._cfg.waiting.pop(self, None)

    def _refuse(self, why: str, level: int = logging.WARNING) -> None:
        self._done = True
        self._cancel_timer()
        self._cfg.policy.log.log(level, "tcp %s: %s", _endpoint(self._peer), why)
        if self._transport is not None:
            self._transport.abort()  # nothing to flush; an RST tells a proxy at once

    def _hand_over(self, header: Header | None, rest: bytes, *, eof: bool) -> None:
        self._done = True
        self._cancel_timer()
        transport = self._transport
        assert transport is not None
        peer = self._peer
        client = None
        if header is not None:
            if header.transport is Transport.DGRAM:
                self._refuse("refused: a DGRAM (UDP) PROXY header on a TCP connection")
                return
            if self._cfg.policy.header is HeaderPolicy.IGNORE:
                header = None
            else:
                client = _real_client(header)
        extra = {
            "peername": client if client is not None else peer,
            "proxy_peername": peer,
            "proxy_header": header,
        }
        wrapped = _ProxiedTransport(transport, extra)
        stream_reader = asyncio.StreamReader(limit=self._cfg.limit, loop=self._loop)
        protocol = asyncio.StreamReaderProtocol(stream_reader, self._cfg.callback, loop=self._loop)
        transport.set_protocol(protocol)
        try:
            protocol.connection_made(wrapped)  # calls the application's callback
            if rest:
                protocol.data_received(rest)
            if eof and not protocol.eof_received():
                transport.close()
        except Exception as exc:  # a synchronous callback that raised
            self._loop.call_exception_handler(
                {
                    "message": "proxyproto_kaitai.start_server: the client_connected_cb raised",
                    "exception": exc,
                    "transport": wrapped,
                    "protocol": protocol,
                }
            )
            transport.abort()


async def start_server(
    client_connected_cb: ClientConnectedCallback,
    host: str | Sequence[str] | None = None,
    port: int | None = None,
    *,
    trusted: Iterable[Any] = DEFAULT_TRUSTED,
    header: HeaderPolicy | str = HeaderPolicy.REQUIRED,
    header_timeout: float = DEFAULT_HEADER_TIMEOUT,
    max_size: int = DEFAULT_MAX_SIZE,
    verify_crc: bool = True,
    limit: int = _STREAM_LIMIT,
    log: logging.Logger | None = None,
    **kwargs: Any,
) -> asyncio.Server:
    """`asyncio.start_server` for an origin behind a PROXY v1/v2 proxy.

    ``client_connected_cb(reader, writer)`` is called as asyncio calls it,
    once the connection's header has been read: ``reader`` yields exactly
    the bytes after the header, and the writer's `get_extra_info` gives

    * ``"peername"``: the real client, ``(host, port)`` (IPv6:
      ``(host, port, 0, 0)``), as the header names it; the real peer for a
      LOCAL or UNKNOWN header, a UNIX or UNSPEC family, or no header;
    * ``"proxy_peername"``: the socket's peer, i.e. the proxy;
    * ``"proxy_header"``: the `V1Header`/`V2Header` (TLVs included), or
      ``None`` when there was none (or it was ignored);
    * anything else (``"sockname"``, ``"socket"``) from the real transport.

    Connections that break the policy are closed before the callback runs,
    each with one line on the ``proxyproto_kaitai.origin`` logger: a source
    outside ``trusted`` (under `HeaderPolicy.REQUIRED`) or any header from
    one, an invalid header, one not complete within ``header_timeout``
    seconds or ``max_size`` bytes, a DGRAM header, a peer closing first.

    Args:
        client_connected_cb: A coroutine function or function of
            ``(reader, writer)``, as for `asyncio.start_server`.
        host: As for `asyncio.start_server`.
        port: As for `asyncio.start_server`.
        trusted: The networks (``"10.0.0.0/8"``, ``ip_network`` objects) of
            the proxies whose headers are believed. Default: this machine
            (``127.0.0.0/8``, ``::1/128``).
        header: `HeaderPolicy` (or its value): ``"required"`` (default),
            ``"optional"`` or ``"ignore"``.
        header_timeout: Seconds from the connection to the header's last
            byte (default 5). It also bounds how long ``"optional"`` waits
            for the first bytes.
        max_size: The longest header accepted (`DEFAULT_MAX_SIZE`).
        verify_crc: ``False`` accepts a v2 header whose CRC32C does not match.
        limit: The reader's buffer limit, as for `asyncio.start_server`.
        log: The logger for refused connections (default
            ``logging.getLogger("proxyproto_kaitai.origin")``).
        **kwargs: Passed on to `loop.create_server` (``backlog``,
            ``reuse_port``, ``sock``, ``start_serving``…), except ``ssl``:
            the header comes before a TLS handshake, which this wrapper does
            not do.

    Returns:
        The `asyncio.Server`, serving.

    Raises:
        ValueError: A bad argument (a network, the policy, a limit, ``ssl``).
        OSError: The listening socket could not be made.
    """
    if kwargs.get("ssl") is not None:
        raise ValueError(
            "ssl= is not supported: the PROXY header comes before TLS; terminate TLS in the "
            "proxy, or in front of this server"
        )
    kwargs.pop("ssl", None)
    policy = _Policy(trusted, header, max_size, verify_crc, log)
    cfg = _StreamConfig(client_connected_cb, policy, header_timeout, limit)
    loop = asyncio.get_running_loop()
    any_port: Any = port  # None is fine with sock=, which typeshed does not say
    return await loop.create_server(lambda: _HeaderPhase(cfg, loop), host, any_port, **kwargs)


# --- UDP ----------------------------------------------------------------------------


class _Flow:
    """Where the replies to one client go: the proxy socket, and the header prefix."""

    __slots__ = ("client", "header", "key", "prefix", "proxy", "seen")

    def __init__(
        self,
        key: Any,
        client: Address,
        proxy: Address,
        prefix: bytes,
        header: Header | None,
        now: float,
    ) -> None:
        self.key = key
        self.client = client
        self.proxy = proxy
        self.prefix = prefix
        self.header = header
        self.seen = now


class _Table:
    """A dict of flows in least-recently-seen order, bounded and expiring.

    Refreshing a flow moves it to the end at most once per clock tick, so the
    front is always the stalest: expiry and eviction stop at the first live one.
    """

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: dict[Any, _Flow] = {}

    def touch(self, flow: _Flow, now: float) -> None:
        if flow.seen != now:
            flow.seen = now
            items = self.items
            if items.get(flow.key) is flow:
                del items[flow.key]
                items[flow.key] = flow

    def put(self, flow: _Flow) -> _Flow | None:
        """Insert ``flow``; return the flow it replaced, or evicted to stay in the limit."""
        items = self.items
        gone = items.pop(flow.key, None)
        if gone is None and len(items) >= self.limit:
            gone = items.pop(next(iter(items)))
        items[flow.key] = flow
        return gone

    def expire(self, before: float) -> list[_Flow]:
        gone = []
        items = self.items
        for flow in items.values():
            if flow.seen >= before:
                break
            gone.append(flow)
        for flow in gone:
            del items[flow.key]
        return gone


_P = TypeVar("_P", bound=asyncio.DatagramProtocol)


class ProxiedDatagramTransport(asyncio.DatagramTransport):
    """The transport `create_datagram_endpoint` gives the application.

    `sendto` ``(payload, real_client)`` sends the reply to the proxy socket
    that delivered ``real_client``'s datagrams, behind the client's SPP
    header (SPP) or none (PROXY v2, or a datagram that had no header). A
    reply to a client with no live flow is dropped with a log line.
    Everything else is the underlying datagram transport's.
    """

    def __init__(self, inner: asyncio.DatagramTransport, demux: _Demux) -> None:
        super().__init__()
        self._inner = inner
        self._demux = demux

    @property
    def flow_count(self) -> int:
        """How many clients have a live flow (never more than ``max_flows``)."""
        return len(self._demux.clients.items)

    def flow_of(self, addr: Address) -> tuple[Address, Header | None] | None:
        """Where replies to the real client ``addr`` go, and the header that said so.

        Args:
            addr: A ``real_client`` as `datagram_received` gave it.

        Returns:
            ``(proxy_address, header)``: the proxy socket the client's datagrams
            came from, and its latest header (its SPP header; the PROXY v2
            header of its flow, which for Spectrum is the first datagram's;
            ``None`` for a datagram that had none); ``None`` when the client
            has no live flow.
        """
        flow = self._demux.find(addr)
        return None if flow is None else (flow.proxy, flow.header)

    def sendto(self, data: Any, addr: Any = None) -> None:
        """Send ``data`` to the real client ``addr``, through its proxy.

        Args:
            data: The payload (the header is added here).
            addr: The ``real_client`` as `datagram_received` gave it.

        Returns:
            None; a reply with no route is dropped and logged, as UDP drops.

        Raises:
            TypeError: No address: the endpoint answers clients, it has no peer.
        """
        if addr is None:
            raise TypeError("sendto() needs the real client's address (datagram_received's)")
        demux = self._demux
        flow = demux.clients.items.get(addr[:2]) if type(addr) is tuple else None
        if flow is None:
            flow = demux.find(addr)
            if flow is None:
                demux.policy.log.warning(
                    "udp reply to %s dropped: no flow (never seen, or idle for %g s)",
                    _endpoint(addr),
                    demux.idle,
                )
                return
        if flow.prefix:
            self._inner.sendto(flow.prefix + data, flow.proxy)
        else:
            self._inner.sendto(data, flow.proxy)

    def get_extra_info(self, name: str, default: Any = None) -> Any:
        return self._inner.get_extra_info(name, default)

    def is_closing(self) -> bool:
        return self._inner.is_closing()

    def close(self) -> None:
        self._inner.close()

    def abort(self) -> None:
        self._inner.abort()

    def set_protocol(self, protocol: asyncio.BaseProtocol) -> None:
        self._demux.app = protocol  # type: ignore[assignment]

    def get_protocol(self) -> asyncio.BaseProtocol:
        return self._demux.app

    def get_write_buffer_size(self) -> int:
        return int(self._inner.get_write_buffer_size())  # type: ignore[attr-defined]


class _Demux(asyncio.DatagramProtocol):
    """The endpoint's real protocol: strips headers, keeps the flows, calls the app."""

    def __init__(
        self,
        app: asyncio.DatagramProtocol,
        policy: _Policy,
        flow_idle: float,
        max_flows: int,
        loop: asyncio.AbstractEventLoop,
    ) -> None:
        self.app = app
        self.policy = policy
        self.idle = flow_idle
        self.loop = loop
        self.tick = min(1.0, flow_idle / 4)
        self.now = loop.time()
        self.clients = _Table(max_flows)  # client (host, port) -> flow
        self.v2 = _Table(max_flows)  # proxy address -> flow of its v2 client
        self.spp: dict[bytes, _Flow] = {}  # SPP header bytes -> flow (the fast path)
        self.transport: ProxiedDatagramTransport | None = None
        self.timer: asyncio.TimerHandle | None = None

    # asyncio callbacks

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # (asyncio's own datagram transports do not derive from DatagramTransport)
        self.transport = ProxiedDatagramTransport(cast(asyncio.DatagramTransport, transport), self)
        self.timer = self.loop.call_later(self.tick, self._on_tick)
        self.app.connection_made(self.transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        self.clients.items.clear()
        self.v2.items.clear()
        self.spp.clear()
        self.app.connection_lost(exc)

    def error_received(self, exc: Exception) -> None:
        self.app.error_received(exc)

    def datagram_received(self, data: bytes, addr: Address) -> None:
        if data[:2] == SPP_MAGIC:  # the fast path: a header seen before, from its proxy
            flow = self.spp.get(data[:SPP_LEN])
            if flow is not None and flow.proxy == addr:
                self.clients.touch(flow, self.now)
                self.app.datagram_received(data[SPP_LEN:], flow.client)
                return
        try:
            found = self._classify(data, addr)
        except ProxyProtocolError as exc:
            self._drop(addr, f"invalid header: {_one_line(exc)}")
            return
        except Exception as exc:  # a bug here must not reach the event loop
            self._drop(addr, f"internal error: {type(exc).__name__}: {exc}")
            return
        if found is not None:
            self.app.datagram_received(*found)

    # the work

    def _classify(self, data: bytes, addr: Address) -> tuple[bytes, Address] | None:
        """The payload and the real client of a datagram, or None when dropped."""
        policy = self.policy
        v2flow = self.v2.items.get(addr)
        if data.startswith(V2_SIGNATURE):
            if not policy.trusts(str(addr[0])):
                self._refuse(addr, "a PROXY v2 header")
                return None
            header = _detect.parse(data, datagram=True, verify_crc=policy.verify_crc)
            assert isinstance(header, V2Header)
            if header.transport is Transport.STREAM:
                self._drop(addr, "refused: a STREAM (TCP) PROXY header in a datagram")
                return None
            client = _real_client(header) or addr
            flow = self._client_flow(client, addr, b"", header)
            if v2flow is not None and v2flow.client == flow.client:
                v2flow.header = header
                self.v2.touch(v2flow, self.now)
            else:
                self.v2.put(_Flow(addr, flow.client, addr, b"", header, self.now))
            return data[len(header.raw) :], flow.client
        if v2flow is not None:  # Spectrum: the header was on the flow's first datagram
            self.v2.touch(v2flow, self.now)
            return data, self._client_flow(v2flow.client, addr, b"", v2flow.header).client
        if data[:2] == SPP_MAGIC:
            if not policy.trusts(str(addr[0])):
                self._refuse(addr, "an SPP header")
                return None
            header = _detect.parse_spp(data)
            client = _socket_address(header.client_addr, header.client_port)
            flow = self._client_flow(client, addr, header.raw, header)
            self.spp[header.raw] = flow
            return data[SPP_LEN:], client
        trusted = policy.trusts(str(addr[0]))
        if data.startswith(V1_MAGIC):
            if trusted:
                self._drop(addr, "refused: PROXY v1 in a datagram (v1 is TCP only)")
            else:
                self._refuse(addr, "a PROXY v1 line")
            return None
        if policy.header is HeaderPolicy.REQUIRED:
            if trusted:
                self._drop(addr, "no PROXY v2 or SPP header")
            else:
                self._refuse(addr, None)
            return None
        return data, self._client_flow(addr, addr, b"", None).client

    def _client_flow(
        self, client: Address, proxy: Address, prefix: bytes, header: Header | None
    ) -> _Flow:
        key = client[:2]
        flow = self.clients.items.get(key)
        if flow is not None and flow.proxy == proxy and flow.prefix == prefix:
            flow.header = header
            self.clients.touch(flow, self.now)
            return flow
        flow = _Flow(key, client, proxy, prefix, header, self.now)
        self._evicted(self.clients.put(flow))
        return flow

    def _evicted(self, flow: _Flow | None) -> None:
        if flow is not None and flow.prefix and self.spp.get(flow.prefix) is flow:
            del self.spp[flow.prefix]

    def find(self, addr: Any) -> _Flow | None:
        """The flow of a client, also when written some other way (``::FFFF:…``, a list)."""
        try:
            flow = self.clients.items.get(tuple(addr[:2]))
            if flow is not None:
                return flow
            host = ipaddress.ip_address(str(addr[0]))
            text = str(host) if isinstance(host, ipaddress.IPv4Address) else ip_text(host)
            return self.clients.items.get((text, int(addr[1])))
        except (ValueError, TypeError, IndexError, KeyError):
            return None

    def _refuse(self, addr: Address, what: str | None) -> None:
        trusted = self.policy.describe()
        if what is None:
            self._drop(addr, f"refused: not a trusted proxy (trusted: {trusted})")
        else:
            self._drop(
                addr,
                f"refused: {what} from a source that is not a trusted proxy (trusted: {trusted})",
            )

    def _drop(self, addr: Address, why: str) -> None:
        self.policy.log.warning("udp %s: datagram dropped: %s", _endpoint(addr), why)

    def _on_tick(self) -> None:
        self.now = now = self.loop.time()
        before = now - self.idle - self.tick  # self.now lags by up to a tick: never early
        for flow in self.clients.expire(before):
            self._evicted(flow)
        self.v2.expire(before)
        self.timer = self.loop.call_later(self.tick, self._on_tick)


async def create_datagram_endpoint(
    protocol_factory: Callable[[], _P],
    local_addr: tuple[str, int] | None = None,
    *,
    trusted: Iterable[Any] = DEFAULT_TRUSTED,
    header: HeaderPolicy | str = HeaderPolicy.REQUIRED,
    flow_idle: float = DEFAULT_FLOW_IDLE,
    max_flows: int = DEFAULT_MAX_FLOWS,
    verify_crc: bool = True,
    log: logging.Logger | None = None,
    **kwargs: Any,
) -> tuple[ProxiedDatagramTransport, _P]:
    """`loop.create_datagram_endpoint` for an origin behind SPP or PROXY v2 over UDP.

    The protocol's ``datagram_received(payload, real_client)`` gets the
    payload after the header and the client the header names, ``(host,
    port)`` (IPv6: ``(host, port, 0, 0)``). The transport's
    ``sendto(reply, real_client)`` sends the reply to the proxy socket that
    delivered that client, behind the client's SPP header exactly as it came
    (SPP), or with no header (PROXY v2; Spectrum's header on a flow's first
    datagram only and the 2026 spec's on every datagram are both followed,
    flows keyed by the proxy's address and port).

    Dropped, with one line on the ``proxyproto_kaitai.origin`` logger: a
    datagram from outside ``trusted`` that has a header (or, under
    `HeaderPolicy.REQUIRED`, any), an invalid header, a PROXY v1 line or a
    v2 header saying STREAM, and (REQUIRED) one with no header that belongs
    to no PROXY v2 flow.

    Args:
        protocol_factory: Makes the application's `asyncio.DatagramProtocol`.
        local_addr: Where to listen, as for `loop.create_datagram_endpoint`.
        trusted: The networks of the proxies whose headers are believed.
            Default: this machine (``127.0.0.0/8``, ``::1/128``).
        header: ``"required"`` (default) or ``"optional"`` (a datagram with
            no header goes through as from its sender, and replies go
            straight back); ``"ignore"`` is TCP only: SPP replies need the header.
        flow_idle: Seconds a flow is kept after its last datagram (default 120).
        max_flows: The most flows kept; the stalest goes first (default 65536).
        verify_crc: ``False`` accepts a v2 header whose CRC32C does not match.
        log: The logger for dropped datagrams.
        **kwargs: Passed on to `loop.create_datagram_endpoint` (``family``,
            ``reuse_port``, ``sock``…).

    Returns:
        ``(transport, protocol)``: a `ProxiedDatagramTransport` and the
        application's protocol.

    Raises:
        ValueError: A bad argument.
        OSError: The socket could not be made.
    """
    policy = _Policy(trusted, header, DEFAULT_MAX_SIZE, verify_crc, log)
    if policy.header is HeaderPolicy.IGNORE:
        raise ValueError(
            "header='ignore' is for TCP: an SPP reply needs its client's header, so a "
            "datagram header cannot be ignored; use 'required' or 'optional'"
        )
    if not flow_idle > 0 or max_flows < 1:
        raise ValueError(f"flow_idle and max_flows must be positive ({flow_idle!r}, {max_flows!r})")
    loop = asyncio.get_running_loop()
    app = protocol_factory()
    demux = _Demux(app, policy, flow_idle, max_flows, loop)
    await loop.create_datagram_endpoint(lambda: demux, local_addr=local_addr, **kwargs)
    assert demux.transport is not None
    return demux.transport, app
