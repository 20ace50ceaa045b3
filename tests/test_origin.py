"""The origin side (`proxyproto_kaitai._origin`): asyncio servers behind a proxy.

Every test plays the proxy itself on loopback (127.0.0.1, 127.0.0.2, ::1)
with headers from the library's encoders; the real HAProxy and nginx are in
``tests/interop/test_origin_interop.py``. Every test body runs under one
deadline (`run`), every wait is bounded, and nothing asserts on time: a
server "closed the connection after the timeout" means the connection was
closed before the client had finished sending a valid header.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections import Counter
from collections.abc import AsyncIterator, Coroutine
from ipaddress import IPv4Address, ip_address
from typing import Any, TypeVar

import pytest
import vectorlib

import proxyproto_kaitai as pp
from proxyproto_kaitai import _cli, _origin
from proxyproto_kaitai._origin import HeaderPolicy, create_datagram_endpoint, start_server

T = TypeVar("T")
TIMEOUT = 30.0  # the most any one test body may take
LOGGER = "proxyproto_kaitai.origin"


def run(coro: Coroutine[Any, Any, T], timeout: float = TIMEOUT) -> T:
    return asyncio.run(asyncio.wait_for(coro, timeout))


def origin_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


@pytest.fixture(autouse=True)
def _log_everything(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)


@pytest.fixture(scope="module", autouse=True)
def _close_a_leftover_default_loop() -> None:
    """pyshark (``LiveCapture``/``FileCapture``, run by earlier test files) makes the main
    thread's default event loop and never closes it. The first `asyncio.run` here would
    drop the last reference to it, and its ``ResourceWarning: unclosed event loop`` would
    be blamed on whichever test collects it. Close it here instead."""
    local = getattr(asyncio.get_event_loop_policy(), "_local", None)
    loop = getattr(local, "_loop", None)
    if isinstance(loop, asyncio.AbstractEventLoop) and not loop.is_running():
        if not loop.is_closed():
            loop.close()
        asyncio.set_event_loop(None)


# --- headers, from the library's encoders ----------------------------------------------


def v2(
    src: str = "192.0.2.1",
    sport: int = 56324,
    dst: str = "198.51.100.7",
    dport: int = 443,
    *,
    transport: pp.Transport = pp.Transport.STREAM,
    command: pp.Command = pp.Command.PROXY,
    tlvs: tuple[pp.Tlv, ...] = (),
) -> bytes:
    if command is pp.Command.LOCAL:
        return pp.encode(pp.V2Header(pp.Command.LOCAL, tlvs=tlvs))
    s, d = ip_address(src), ip_address(dst)
    family = pp.Family.INET if s.version == 4 else pp.Family.INET6
    return pp.encode(pp.V2Header(command, family, transport, s, d, sport, dport, tlvs))


def v1(src: str = "192.0.2.1", sport: int = 56324, dst: str = "198.51.100.7") -> bytes:
    s, d = ip_address(src), ip_address(dst)
    fam = pp.V1Family.TCP4 if s.version == 4 else pp.V1Family.TCP6
    return pp.encode(pp.V1Header(fam, s, d, sport, 443))


def spp(client: str = "192.0.2.1", port: int = 56324, edge: str = "198.51.100.7") -> bytes:
    return pp.encode(pp.SppHeader(ip_address(client), ip_address(edge), port, 27015))


def sock_addr(host: str, port: int) -> tuple[Any, ...]:
    """How the wrappers (like sockets) give an address: 4-tuple for IPv6."""
    return (host, port) if ip_address(host).version == 4 else (host, port, 0, 0)


# --- TCP helpers ---------------------------------------------------------------------------


class Recorder:
    """The application: records what the wrapper tells it, then echoes until EOF."""

    KEYS = ("peername", "proxy_peername", "proxy_header", "sockname")

    def __init__(self) -> None:
        self.conns: list[dict[str, Any]] = []

    async def __call__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.conns.append({k: writer.get_extra_info(k) for k in self.KEYS})
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()


@contextlib.asynccontextmanager
async def tcp_origin(app: Any, host: str = "127.0.0.1", **kwargs: Any) -> AsyncIterator[int]:
    server = await start_server(app, host, 0, **kwargs)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


async def talk(
    port: int,
    chunks: list[bytes],
    *,
    host: str = "127.0.0.1",
    bind: str | None = None,
    eof: bool = True,
    pause: float = 0.0,
) -> bytes | None:
    """Connect, send ``chunks`` (``pause`` s apart), half-close, read until the server
    closes. Returns what came back, or None when the server reset the connection."""
    reader, writer = await asyncio.open_connection(
        host, port, local_addr=(bind, 0) if bind else None
    )
    try:
        for chunk in chunks:
            writer.write(chunk)
            await writer.drain()
            if pause:
                await asyncio.sleep(pause)
        if eof:
            writer.write_eof()
        return await asyncio.wait_for(reader.read(), 10)
    except OSError:  # reset, or already shut down by the server
        return None
    finally:
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()


def closed(result: bytes | None) -> bool:
    """The server closed (or reset) without sending anything."""
    return result in (None, b"")


# --- TCP: what the application sees ------------------------------------------------------


def test_v2_real_client_and_exact_payload() -> None:
    app = Recorder()
    tlvs = (pp.AuthorityTlv(b"example.com"), pp.Crc32cTlv())
    header = v2(tlvs=tlvs)
    payload = b"GET / HTTP/1.1\r\n\r\n" + bytes(range(256))

    async def main() -> None:
        async with tcp_origin(app) as port:
            whole = await talk(port, [header + payload])
            drip = await talk(port, [bytes([b]) for b in header + payload[:40]] + [payload[40:]])
            split = await talk(port, [header[:5], header[5:] + payload[:1], payload[1:]])
        assert whole == drip == split == payload  # exactly the bytes after the header

    run(main())
    assert len(app.conns) == 3
    for conn in app.conns:
        assert conn["peername"] == ("192.0.2.1", 56324)
        assert conn["proxy_peername"][0] == "127.0.0.1" and conn["proxy_peername"][1] > 0
        assert conn["proxy_header"] == pp.parse(header)
        assert conn["proxy_header"].tlv(pp.TlvType.AUTHORITY).text == "example.com"
        assert conn["sockname"][0] == "127.0.0.1"  # the real socket's


@pytest.mark.parametrize("listen", ["127.0.0.1", "::1"])
@pytest.mark.parametrize("kind", ["v1", "v2"])
@pytest.mark.parametrize("client", ["203.0.113.9", "2001:db8::9"])
def test_v1_and_v2_ipv4_ipv6(listen: str, kind: str, client: str) -> None:
    app = Recorder()
    dst = "198.51.100.7" if ":" not in client else "2001:db8::1"
    header = v1(client, 40000, dst) if kind == "v1" else v2(client, 40000, dst)

    async def main() -> None:
        async with tcp_origin(app, listen) as port:
            assert await talk(port, [header + b"hi"], host=listen) == b"hi"

    run(main())
    (conn,) = app.conns
    assert conn["peername"] == sock_addr(client, 40000)
    assert conn["proxy_peername"][0] == listen
    assert conn["proxy_header"].kind == kind


@pytest.mark.parametrize(
    "header",
    [
        pytest.param(v2(command=pp.Command.LOCAL), id="v2-local"),
        pytest.param(v2(command=pp.Command.LOCAL, tlvs=(pp.Crc32cTlv(),)), id="v2-local-with-tlvs"),
        pytest.param(pp.encode(pp.V1Header(pp.V1Family.UNKNOWN)), id="v1-unknown"),
        pytest.param(
            pp.encode(
                pp.V2Header(
                    pp.Command.PROXY, pp.Family.UNIX, pp.Transport.STREAM, b"/tmp/a", b"/tmp/b"
                )
            ),
            id="v2-unix",
        ),
        pytest.param(pp.encode(pp.V2Header(pp.Command.PROXY)), id="v2-proxy-unspec"),
    ],
)
def test_local_and_unknown_mean_the_real_endpoints(header: bytes) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app) as port:
            assert await talk(port, [header + b"health"]) == b"health"

    run(main())
    (conn,) = app.conns
    assert conn["peername"] == conn["proxy_peername"]
    assert conn["proxy_header"] == pp.parse(header)


def test_header_and_payload_then_more_reads() -> None:
    """The application's reader keeps flowing after the hand-over (big payload, echo)."""
    app = Recorder()
    payload = os.urandom(300_000)

    async def main() -> None:
        async with tcp_origin(app) as port:
            assert await talk(port, [v1() + payload[:1000], payload[1000:]]) == payload

    run(main())


def test_a_synchronous_callback_that_raises_is_reported_not_leaked() -> None:
    calls: list[Any] = []

    def app(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise RuntimeError("the application's bug")

    async def main() -> None:
        loop = asyncio.get_running_loop()
        loop.set_exception_handler(lambda _loop, ctx: calls.append(ctx))
        async with tcp_origin(app) as port:
            assert closed(await talk(port, [v1() + b"x"]))

    run(main())
    assert len(calls) == 1 and isinstance(calls[0]["exception"], RuntimeError)


def test_the_applications_transport_is_the_connections() -> None:
    """Every transport method the application can reach goes to the real connection."""
    seen: dict[str, Any] = {}

    async def app(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        t = writer.transport
        seen["reading"] = t.is_reading()
        t.pause_reading()
        seen["paused"] = not t.is_reading()
        t.resume_reading()
        t.set_write_buffer_limits(high=1 << 16, low=1 << 10)
        seen["limits"] = t.get_write_buffer_limits()
        seen["buffered"] = t.get_write_buffer_size()
        seen["protocol"] = type(t.get_protocol()).__name__
        t.set_protocol(t.get_protocol())
        seen["closing"] = t.is_closing()
        seen["socket"] = t.get_extra_info("socket") is not None
        seen["missing"] = t.get_extra_info("no such key", "default")
        line = await reader.readline()
        t.writelines([line, b"two\n"])
        seen["eof"] = t.can_write_eof()
        t.write_eof()
        await reader.read()
        t.abort()

    async def main() -> None:
        async with tcp_origin(app) as port:
            assert await talk(port, [v1() + b"one\n"]) == b"one\ntwo\n"

    run(main())
    assert seen == {
        "reading": True, "paused": True, "limits": (1 << 10, 1 << 16), "buffered": 0,
        "protocol": "StreamReaderProtocol", "closing": False, "socket": True,
        "missing": "default", "eof": True,
    }  # fmt: skip


def test_the_echo_survives_a_client_reset() -> None:
    """``proxyproto origin``'s TCP handler: a client that resets mid-echo ends it quietly."""
    out = _Lines()
    origin = _cli._Origin(out)  # type: ignore[arg-type]
    ended: list[BaseException | None] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await origin.tcp(reader, writer)
        ended.append(reader.exception())

    async def main() -> None:
        async with tcp_origin(handler) as port:
            sock = socket.create_connection(("127.0.0.1", port))
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00" * 2)
            sock.sendall(v1() + b"x" * 100_000)
            sock.close()  # RST: the server is still writing the echo
            for _ in range(500):
                if ended:
                    break
                await asyncio.sleep(0.01)
            assert len(ended) == 1 and isinstance(ended[0], ConnectionError)
            assert len(out.lines) == 1 and not origin.writers

    run(main())


class _FakeTransport(asyncio.Transport):
    def __init__(self) -> None:
        super().__init__({"peername": ("127.0.0.1", 1234)})
        self.aborted = 0

    def abort(self) -> None:
        self.aborted += 1


def _phase(**kwargs: Any) -> tuple[Any, _FakeTransport]:
    policy = _origin._Policy(["127.0.0.0/8"], kwargs.pop("header", "required"), 100, True, None)
    cfg = _origin._StreamConfig(Recorder(), policy, 5.0, 1 << 16)
    phase = _origin._HeaderPhase(cfg, asyncio.new_event_loop())
    transport = _FakeTransport()
    return phase, transport


def test_header_phase_after_the_end_and_on_its_own_bugs(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    phase, transport = _phase()
    try:
        phase._refuse("nothing to close yet")  # no transport yet: only the log line
        phase.connection_made(transport)
        phase._done = True
        phase.data_received(b"ignored")
        assert phase.eof_received() is False
        phase.timed_out()
        assert transport.aborted == 0

        class Broken(pp.HeaderReader):
            def feed(self, chunk: bytes) -> None:
                raise RuntimeError("a bug")

        monkeypatch.setattr(_origin, "HeaderReader", Broken)
        phase2, transport2 = _phase()
        phase2.connection_made(transport2)
        phase2.data_received(b"PROXY")
        assert transport2.aborted == 1
    finally:
        phase._loop.close()
        phase2._loop.close()
    lines = origin_lines(caplog)
    assert lines[0] == "tcp ?: nothing to close yet"
    assert "internal error reading the header: RuntimeError: a bug" in lines[1]


def test_a_protocol_refusing_half_close_gets_the_connection_closed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``optional``: a client that sends less than a signature and half-closes is handed
    over with its EOF; a stream protocol that wants no half-close (TLS) gets it closed."""
    monkeypatch.setattr(asyncio.StreamReaderProtocol, "eof_received", lambda self: False)
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app, header="optional") as port:
            assert closed(await talk(port, [b"P"]))

    run(main())
    assert len(app.conns) == 1


def test_small_helpers() -> None:
    assert _origin._endpoint(None) == "?"
    assert _origin._endpoint(("::1", 5, 0, 0)) == "[::1]:5"
    assert _origin._one_line(ValueError("a\n b")) == "a b"
    policy = _origin._Policy(["10.0.0.0/8"], "required", 1, True, None)
    for i in range(5000):  # the trust cache stays bounded
        policy.trusts(f"10.0.{i >> 8}.{i & 255}")
    assert len(policy._cache) <= 4096


# --- TCP: policy ---------------------------------------------------------------------------


def test_untrusted_source_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app, trusted=["127.0.0.1/32"]) as port:
            assert closed(await talk(port, [v2() + b"x"], bind="127.0.0.2"))
            assert closed(await talk(port, [b"no header"], bind="127.0.0.2"))
            assert await talk(port, [v2() + b"ok"]) == b"ok"  # still serving the trusted one

    run(main())
    assert [c["peername"] for c in app.conns] == [("192.0.2.1", 56324)]
    lines = origin_lines(caplog)
    assert len(lines) == 2
    assert all("127.0.0.2" in line and "not a trusted proxy" in line for line in lines)
    assert "127.0.0.1/32" in lines[0]


def test_optional_policy(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app, trusted=["127.0.0.1/32"], header="optional") as port:
            assert await talk(port, [v2() + b"a"]) == b"a"  # trusted, header
            assert await talk(port, [b"GET / HTTP/1.0\r\n"]) == b"GET / HTTP/1.0\r\n"  # none
            assert await talk(port, [b"P", b"OST /"], pause=0.01) == b"POST /"  # "P…" undecided
            assert await talk(port, [b"PR"]) == b"PR"  # a client that stops early
            assert await talk(port, [b"direct"], bind="127.0.0.2") == b"direct"  # untrusted
            assert closed(await talk(port, [v1() + b"x"], bind="127.0.0.2"))  # untrusted header
            assert await talk(port, [v2()[:5] + b"x"]) == v2()[:5] + b"x"  # not a signature
            assert closed(await talk(port, [v2()[:12] + b"\x31\x11\x00\x00"]))  # version 3

    run(main())
    peers = [c["peername"] for c in app.conns]
    assert peers[0] == ("192.0.2.1", 56324)
    assert [p[0] for p in peers[1:]] == ["127.0.0.1"] * 3 + ["127.0.0.2", "127.0.0.1"]
    assert [c["proxy_header"] is None for c in app.conns] == [False] + [True] * 5
    lines = origin_lines(caplog)
    assert len(lines) == 2
    assert "PROXY v1 header from a source that is not a trusted proxy" in lines[0]
    assert "invalid PROXY header" in lines[1]


def test_ignore_policy_strips_but_does_not_believe() -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app, header=HeaderPolicy.IGNORE) as port:
            assert await talk(port, [v2() + b"a"]) == b"a"
            assert await talk(port, [b"plain"]) == b"plain"

    run(main())
    for conn in app.conns:
        assert conn["peername"] == conn["proxy_peername"]
        assert conn["proxy_header"] is None


def test_silent_client_is_closed_after_the_timeout(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app, header_timeout=0.2) as port:
            assert closed(await talk(port, [], eof=False))
            async with tcp_origin(app, header_timeout=0.2, header="optional") as port2:
                assert closed(await talk(port2, [], eof=False))

    run(main())
    assert app.conns == []
    lines = origin_lines(caplog)
    assert len(lines) == 2 and all("no complete header within 0.2 s (0 bytes)" in x for x in lines)


def test_one_byte_at_a_time_client_is_closed_after_the_timeout(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A valid v1 line sent one byte every 20 ms would take over a second; the server
    gives it 0.2 s, so it closes the connection before the line is complete."""
    app = Recorder()
    line = v1("2001:db8::1234:5678", 65535, "2001:db8::1")
    sent = 0

    async def main() -> None:
        nonlocal sent
        async with tcp_origin(app, header_timeout=0.2) as port:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                for byte in line:
                    writer.write(bytes([byte]))
                    await writer.drain()
                    sent += 1
                    await asyncio.sleep(0.02)
                    if reader.at_eof() or writer.is_closing():
                        break
                    with contextlib.suppress(asyncio.TimeoutError):
                        await asyncio.wait_for(reader.read(1), 0.001)
            except ConnectionError:
                pass
            finally:
                writer.close()
                with contextlib.suppress(ConnectionError):
                    await writer.wait_closed()

    run(main())
    assert sent < len(line), "the server waited for the whole slow header"
    assert app.conns == []
    (msg,) = origin_lines(caplog)
    assert "no complete header within 0.2 s" in msg


def test_header_size_cap(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()
    big = v2(tlvs=(pp.NoopTlv(bytes(600)),))

    async def main() -> None:
        async with tcp_origin(app, max_size=536) as port:
            assert closed(await talk(port, [big + b"x"]))
            assert await talk(port, [v2() + b"ok"]) == b"ok"

    run(main())
    (msg,) = origin_lines(caplog)
    assert "max_size=536" in msg


def test_dgram_header_on_tcp_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app) as port:
            assert closed(await talk(port, [v2(transport=pp.Transport.DGRAM) + b"x"]))

    run(main())
    assert app.conns == []
    (msg,) = origin_lines(caplog)
    assert "DGRAM" in msg


def test_peer_closing_early_is_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    app = Recorder()

    async def main() -> None:
        async with tcp_origin(app) as port:
            assert closed(await talk(port, [v2()[:20]]))
            assert closed(await talk(port, []))

    run(main())
    lines = origin_lines(caplog)
    assert len(lines) == 2
    assert "after 20 bytes" in lines[0] and "after 0 bytes" in lines[1]
    assert [r.levelno for r in caplog.records if r.name == LOGGER] == [
        logging.WARNING,
        logging.INFO,
    ]


def _stream_vectors() -> list[Any]:
    return [v for v in vectorlib.all_vectors() if not v["datagram"] and v["result"] != "valid"]


def test_every_malformed_stream_vector_closes_the_connection(
    caplog: pytest.LogCaptureFixture,
) -> None:
    vectors = _stream_vectors()
    assert len(vectors) > 100
    app = Recorder()

    async def main() -> list[bytes | None]:
        async with tcp_origin(app, header_timeout=10) as port:
            results = await asyncio.gather(
                *(talk(port, [vectorlib.data(v)]) for v in vectors)  # then EOF
            )
            assert await talk(port, [v2() + b"still serving"]) == b"still serving"
        return results

    results = run(main())
    assert [v["id"] for v, r in zip(vectors, results, strict=True) if not closed(r)] == []
    assert len(app.conns) == 1
    lines = origin_lines(caplog)
    assert len(lines) == len(vectors)  # one line each
    invalid = sum(v["result"] == "invalid" for v in vectors)
    assert sum("invalid PROXY header" in x for x in lines) == invalid
    assert sum("closed by the peer" in x for x in lines) == len(vectors) - invalid


def _raise_fd_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(hard, needed)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        assert target >= needed, f"needs {needed} file descriptors, the hard limit is {hard}"


def test_1000_concurrent_connections_none_lost_memory_bounded() -> None:
    """1,000 connections are open at once (the application holds each one until all
    have arrived); every one gets its own client address back. Peak traced memory is
    measured over the whole run (both ends, in this process)."""
    n = 1000
    _raise_fd_limit(2 * n + 200)
    arrived: dict[int, asyncio.StreamWriter] = {}
    all_in = asyncio.Event()

    async def app(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = writer.get_extra_info("peername")[1]
        arrived[port] = writer
        if len(arrived) == n:
            all_in.set()
        await all_in.wait()
        tag = await reader.readexactly(6)
        writer.write(tag + str(port).encode())
        await writer.drain()
        writer.close()

    async def client(port: int, i: int) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(v2("10.0.0.1", 10000 + i) + f"{i:06d}".encode())
            await writer.drain()
            return await reader.read()
        finally:
            writer.close()
            await writer.wait_closed()

    async def main() -> list[bytes]:
        nonlocal all_in
        all_in = asyncio.Event()
        async with tcp_origin(app, backlog=n) as port:
            return await asyncio.gather(*(client(port, i) for i in range(n)))

    tracemalloc.start()
    try:
        replies = run(main())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert replies == [f"{i:06d}{10000 + i}".encode() for i in range(n)]
    print(f"1000 concurrent connections: peak traced memory {peak / 2**20:.1f} MiB")
    assert peak < 32 * 2**20  # about 11 KiB a connection, both ends, in practice


def test_server_arguments_are_checked() -> None:
    async def main() -> None:
        with pytest.raises(ValueError, match="ssl"):
            await start_server(Recorder(), "127.0.0.1", 0, ssl=object())
        with pytest.raises(ValueError):
            await start_server(Recorder(), "127.0.0.1", 0, trusted=["10.0.0.1/8"])
        with pytest.raises(TypeError):
            await start_server(Recorder(), "127.0.0.1", 0, trusted="10.0.0.0/8")
        with pytest.raises(ValueError):
            await start_server(Recorder(), "127.0.0.1", 0, header="sometimes")
        with pytest.raises(ValueError):
            await start_server(Recorder(), "127.0.0.1", 0, header_timeout=0)
        with pytest.raises(ValueError):
            await start_server(Recorder(), "127.0.0.1", 0, max_size=0)
        with pytest.raises(ValueError, match="TCP"):
            await create_datagram_endpoint(Echo, ("127.0.0.1", 0), header="ignore")
        with pytest.raises(ValueError):
            await create_datagram_endpoint(Echo, ("127.0.0.1", 0), max_flows=0)

    run(main())


def test_trust_by_address_and_mapped_ipv4() -> None:
    policy = _origin._Policy(["10.0.0.0/8", IPv4Address("192.0.2.1")], "required", 1, True, None)
    assert policy.trusts("10.1.2.3") and policy.trusts("192.0.2.1")
    assert policy.trusts("::ffff:10.1.2.3")  # a dual-stack socket's view
    assert not policy.trusts("192.0.2.2") and not policy.trusts("/run/sock")
    assert _origin._Policy([], "required", 1, True, None).describe() == "nobody"


# --- UDP helpers ---------------------------------------------------------------------------


class Echo(asyncio.DatagramProtocol):
    """The application: records, and answers ``re:`` + payload to the real client."""

    def __init__(self) -> None:
        self.seen: list[tuple[bytes, tuple[Any, ...]]] = []
        self.errors: list[Exception] = []
        self.lost = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: Any = transport

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.seen.append((data, addr))
        self.transport.sendto(b"re:" + data, addr)

    def error_received(self, exc: Exception) -> None:
        self.errors.append(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = True


class Proxy(asyncio.DatagramProtocol):
    """Plays the proxy: one UDP socket; collects what comes back."""

    def __init__(self) -> None:
        self.replies: asyncio.Queue[bytes] = asyncio.Queue()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport: Any = transport

    def datagram_received(self, data: bytes, addr: Any) -> None:
        self.replies.put_nowait(data)

    def send(self, data: bytes) -> None:
        if data:
            self.transport.sendto(data)
            return
        # asyncio (before 3.12) does not send an empty datagram: send it by hand
        fd = os.dup(self.transport.get_extra_info("socket").fileno())
        with socket.socket(fileno=fd) as sock:
            sock.send(b"")

    async def reply(self) -> bytes:
        return await asyncio.wait_for(self.replies.get(), 5)

    @property
    def addr(self) -> tuple[Any, ...]:
        return tuple(self.transport.get_extra_info("sockname"))


@contextlib.asynccontextmanager
async def udp_origin(
    host: str = "127.0.0.1", **kwargs: Any
) -> AsyncIterator[tuple[_origin.ProxiedDatagramTransport, Echo, tuple[str, int]]]:
    transport, app = await create_datagram_endpoint(Echo, (host, 0), **kwargs)
    try:
        yield transport, app, transport.get_extra_info("sockname")[:2]
    finally:
        transport.close()
        await asyncio.sleep(0)


@contextlib.asynccontextmanager
async def proxies(
    server: tuple[str, int], count: int = 1, bind: str | None = None
) -> AsyncIterator[list[Proxy]]:
    loop = asyncio.get_running_loop()
    made = []
    try:
        for _ in range(count):
            transport, proto = await loop.create_datagram_endpoint(
                Proxy, local_addr=(bind or server[0], 0), remote_addr=server
            )
            made.append((transport, proto))
        yield [p for _, p in made]
    finally:
        for transport, _ in made:
            transport.close()
        await asyncio.sleep(0)


# --- UDP: SPP ------------------------------------------------------------------------------


def test_spp_reply_carries_the_same_header_to_the_right_proxy_port() -> None:
    async def main() -> None:
        async with udp_origin() as (transport, app, server), proxies(server, 2) as (p1, p2):
            h1, h2 = spp("192.0.2.1", 1111), spp("2001:db8::2", 2222, "2001:db8::ed9e")
            p1.send(h1 + b"one")
            p2.send(h2 + b"two")
            assert await p1.reply() == h1 + b"re:one"  # exactly that header, that socket
            assert await p2.reply() == h2 + b"re:two"
            assert app.seen == [
                (b"one", ("192.0.2.1", 1111)),
                (b"two", ("2001:db8::2", 2222, 0, 0)),
            ]
            assert transport.flow_of(("192.0.2.1", 1111)) == (p1.addr, pp.parse_spp(h1))
            assert transport.flow_count == 2
            assert p1.replies.empty() and p2.replies.empty()

    run(main())


def test_two_spp_clients_over_one_proxy_socket_are_kept_apart() -> None:
    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server) as (proxy,):
            a, b = spp("192.0.2.10", 5000), spp("192.0.2.20", 5000)
            for i in range(20):
                proxy.send((a if i % 2 == 0 else b) + f"{i}".encode())
            for i in range(20):
                assert await proxy.reply() == (a if i % 2 == 0 else b) + f"re:{i}".encode()
            clients = Counter(addr for _, addr in app.seen)
            assert clients == {("192.0.2.10", 5000): 10, ("192.0.2.20", 5000): 10}

    run(main())


def test_spp_client_behind_a_new_edge_or_proxy_socket_gets_the_new_route() -> None:
    async def main() -> None:
        async with udp_origin() as (transport, _, server), proxies(server, 2) as (p1, p2):
            h1, h2 = spp(edge="198.51.100.7"), spp(edge="198.51.100.8")  # same client
            p1.send(h1 + b"a")
            assert await p1.reply() == h1 + b"re:a"
            p1.send(h2 + b"b")  # the client reached another edge address
            assert await p1.reply() == h2 + b"re:b"
            p2.send(h2 + b"c")  # ...and the proxy uses another socket
            assert await p2.reply() == h2 + b"re:c"
            p1.send(h1 + b"d")  # back: the fast path must not answer with a stale route
            assert await p1.reply() == h1 + b"re:d"
            assert transport.flow_count == 1

    run(main())


def test_valid_spp_vectors_are_delivered_and_answered() -> None:
    vectors = [v for v in vectorlib.load("spp") if v["result"] == "valid"]

    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server) as (proxy,):
            for v in vectors:
                data = vectorlib.data(v)
                proxy.send(data)
                assert await proxy.reply() == data[:38] + b"re:" + data[38:], v["id"]
                payload, client = app.seen[-1]
                assert payload == data[38:]
                assert client[:2] == (v["expect"]["src_addr"], v["expect"]["src_port"])

    run(main())


# --- UDP: PROXY v2 -------------------------------------------------------------------------


def test_v2_on_every_datagram_replies_without_a_header() -> None:
    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server) as (proxy,):
            header = v2("203.0.113.5", 7777, transport=pp.Transport.DGRAM)
            for i in range(3):
                proxy.send(header + f"{i}".encode())
                assert await proxy.reply() == f"re:{i}".encode()
            assert [a for _, a in app.seen] == [("203.0.113.5", 7777)] * 3

    run(main())


def test_v2_on_the_first_datagram_only_spectrum_style() -> None:
    async def main() -> None:
        async with udp_origin() as (transport, app, server), proxies(server, 2) as (p, q):
            hp = v2("203.0.113.5", 7777, transport=pp.Transport.DGRAM)
            hq = v2("2001:db8::5", 8888, "2001:db8::1", transport=pp.Transport.DGRAM)
            p.send(hp + b"first")
            q.send(hq + b"other")
            p.send(b"second")
            p.send(pp.SPP_MAGIC + b" looks like SPP, is payload")  # a flow's payload stays payload
            q.send(b"more")
            assert [await p.reply() for _ in range(3)] == [
                b"re:first",
                b"re:second",
                b"re:" + pp.SPP_MAGIC + b" looks like SPP, is payload",
            ]
            assert [await q.reply() for _ in range(2)] == [b"re:other", b"re:more"]
            by_client = Counter(a for _, a in app.seen)
            assert by_client == {("203.0.113.5", 7777): 3, ("2001:db8::5", 8888, 0, 0): 2}
            assert transport.flow_of(("2001:db8::5", 8888, 0, 0)) == (q.addr, pp.parse(hq[:56]))

    run(main())


def test_v2_local_over_udp_is_the_proxy_itself() -> None:
    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server) as (proxy,):
            proxy.send(v2(command=pp.Command.LOCAL) + b"probe")
            assert await proxy.reply() == b"re:probe"
            proxy.send(b"and after")
            assert await proxy.reply() == b"re:and after"
            assert [a for _, a in app.seen] == [proxy.addr] * 2

    run(main())


# --- UDP: policy, limits, bad datagrams ------------------------------------------------


async def _dropped(proxy: Proxy, good: Proxy, bad: bytes, app: Echo) -> bool:
    """Send ``bad`` from ``proxy``, then a valid datagram from ``good``; once the valid one
    is answered the bad one has been handled (one socket, in order): dropped if unseen."""
    before = len(app.seen)
    proxy.send(bad)
    marker = spp("192.0.2.99", 9999)
    good.send(marker + b"marker")
    assert await good.reply() == marker + b"re:marker"
    return len(app.seen) == before + 1 and proxy.replies.empty()


def test_untrusted_proxy_is_refused(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with (
            udp_origin(trusted=["127.0.0.1/32"]) as (_, app, server),
            proxies(server) as (good,),
            proxies(server, bind="127.0.0.2") as (bad,),
        ):
            assert await _dropped(bad, good, spp() + b"x", app)
            assert await _dropped(bad, good, v2(transport=pp.Transport.DGRAM) + b"x", app)
            assert await _dropped(bad, good, v1() + b"x", app)
            assert await _dropped(bad, good, b"no header", app)

    run(main())
    lines = origin_lines(caplog)
    assert len(lines) == 4
    assert all("127.0.0.2" in x and "not a trusted proxy" in x for x in lines)


def test_optional_policy_over_udp(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with (
            udp_origin(trusted=["127.0.0.1/32"], header="optional") as (_, app, server),
            proxies(server) as (good,),
            proxies(server, bind="127.0.0.2") as (direct,),
        ):
            direct.send(b"hello")  # a client without a proxy: answered directly
            assert await direct.reply() == b"re:hello"
            good.send(b"no header, trusted")
            assert await good.reply() == b"re:no header, trusted"
            assert await _dropped(direct, good, spp() + b"x", app)  # a header from it: no
            assert app.seen[0] == (b"hello", direct.addr)

    run(main())
    (line,) = origin_lines(caplog)
    assert "SPP header from a source that is not a trusted proxy" in line


def test_datagrams_a_strict_origin_drops(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server, 2) as (p, good):
            assert await _dropped(p, good, b"no header at all", app)
            assert await _dropped(p, good, v1() + b"x", app)
            assert await _dropped(p, good, v2() + b"x", app)  # STREAM in a datagram
            assert await _dropped(p, good, spp()[:30], app)
            assert await _dropped(p, good, b"", app)

    run(main())
    lines = origin_lines(caplog)
    assert len(lines) == 5
    assert "no PROXY v2 or SPP header" in lines[0]
    assert "v1 is TCP only" in lines[1]
    assert "STREAM" in lines[2]
    assert "invalid header" in lines[3]


# Malformed in their own format, but a valid header of another: this SPP vector is a
# PROXY v2 LOCAL header (version 2, command 0, family 0, len 0) followed by payload.
OTHER_FORMAT = {"spp/magic/ppv2-header": "v2"}


def test_every_malformed_datagram_vector_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    vectors = [v for v in vectorlib.all_vectors() if v["datagram"] and v["result"] != "valid"]
    assert len(vectors) >= 20
    other = {v["id"]: pp.parse(vectorlib.data(v), datagram=True) for v in vectors
             if v["id"] in OTHER_FORMAT}  # fmt: skip
    assert {k: h.kind for k, h in other.items()} == OTHER_FORMAT
    vectors = [v for v in vectors if v["id"] not in other]

    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server, 2) as (p, good):
            for v in vectors:
                assert await _dropped(p, good, vectorlib.data(v), app), v["id"]
            for vid, header in other.items():  # delivered as what it is
                data = next(vectorlib.data(v) for v in vectorlib.all_vectors() if v["id"] == vid)
                p.send(data)
                assert await p.reply() == b"re:" + data[header.length :]

    run(main())
    assert len(origin_lines(caplog)) == len(vectors)  # one line each


def test_idle_flows_expire_and_a_late_reply_is_dropped(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with udp_origin(flow_idle=0.2) as (transport, app, server), proxies(server) as (p,):
            p.send(spp() + b"x")
            assert await p.reply() == spp() + b"re:x"
            assert transport.flow_count == 1
            for _ in range(500):  # bounded: 10 s
                if transport.flow_count == 0:
                    break
                await asyncio.sleep(0.02)
            assert transport.flow_count == 0
            assert transport.flow_of(app.seen[0][1]) is None
            app.transport.sendto(b"late", app.seen[0][1])  # dropped: no route any more
            p.send(spp() + b"y")
            assert await p.reply() == spp() + b"re:y"  # the first thing to come back

    run(main())
    (line,) = origin_lines(caplog)
    assert "reply to 192.0.2.1:56324 dropped: no flow" in line


def test_first_datagram_flows_expire_too(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with udp_origin(flow_idle=0.2) as (transport, app, server), proxies(server) as (p,):
            p.send(v2(transport=pp.Transport.DGRAM) + b"x")
            assert await p.reply() == b"re:x"
            for _ in range(500):
                if transport.flow_count == 0 and not transport._demux.v2.items:
                    break
                await asyncio.sleep(0.02)
            good_marker = spp("192.0.2.99", 9999)
            p.send(b"headerless, flow gone")  # no flow: a strict origin drops it
            p.send(good_marker + b"m")
            assert await p.reply() == good_marker + b"re:m"
            assert [d for d, _ in app.seen] == [b"x", b"m"]

    run(main())
    (line,) = origin_lines(caplog)
    assert "no PROXY v2 or SPP header" in line


def test_the_flow_table_is_bounded() -> None:
    async def main() -> None:
        async with udp_origin(max_flows=4) as (transport, _app, server), proxies(server) as (p,):
            for i in range(20):
                h = spp("192.0.2.1", 1000 + i)
                p.send(h + b"x")
                assert await p.reply() == h + b"re:x"  # the newest flow is always there
                assert transport.flow_count <= 4
                assert len(transport._demux.spp) <= 4
            assert transport.flow_of(("192.0.2.1", 1000)) is None  # evicted
            assert transport.flow_of(["192.0.2.1", 1019]) is not None  # a list works too

    run(main())


def test_reply_addresses_written_another_way() -> None:
    async def main() -> None:
        async with udp_origin() as (transport, _app, server), proxies(server) as (p,):
            h = spp("2001:db8::1", 4242)
            p.send(h + b"x")
            assert await p.reply() == h + b"re:x"
            transport.sendto(b"upper", ("2001:DB8::1", 4242))
            transport.sendto(b"list", ["2001:db8:0::1", 4242, 0, 0])
            assert [await p.reply(), await p.reply()] == [h + b"upper", h + b"list"]
            transport.sendto(b"nowhere", ("not an address", 1))  # dropped, logged

    run(main())


def test_the_transport_is_the_endpoints() -> None:
    async def main() -> None:
        async with udp_origin() as (transport, app, _):
            with pytest.raises(TypeError):
                transport.sendto(b"to whom?")
            assert transport.get_protocol() is app
            other = Echo()
            transport.set_protocol(other)
            assert transport.get_protocol() is other
            transport.set_protocol(app)
            assert transport.get_write_buffer_size() == 0
            assert not transport.is_closing()
            app.error_received(OSError("x"))
            transport._demux.error_received(OSError("icmp"))
            assert [str(e) for e in app.errors] == ["x", "icmp"]
            transport.abort()
            await asyncio.sleep(0)
            assert transport.is_closing() and app.lost
            transport._demux.connection_lost(None)  # twice: nothing left to stop

    run(main())


def test_a_bug_in_the_demultiplexer_drops_the_datagram(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("a bug")

    async def main() -> None:
        async with udp_origin() as (_, app, server), proxies(server, 2) as (p, good):
            monkeypatch.setattr(_origin._detect, "parse", broken)
            assert await _dropped(p, good, v2(transport=pp.Transport.DGRAM) + b"x", app)

    run(main())
    (line,) = origin_lines(caplog)
    assert "internal error: RuntimeError: a bug" in line


def test_flow_table_refresh_keeps_only_the_current_flow() -> None:
    table = _origin._Table(2)
    a, b = (_origin._Flow(("h", p), ("h", p), ("p", 1), b"", None, 0.0) for p in (1, 2))
    stale = _origin._Flow(("h", 1), ("h", 1), ("p", 9), b"", None, 0.0)
    assert table.put(a) is None and table.put(b) is None
    table.touch(stale, 1.0)  # not in the table: changes nothing
    assert list(table.items.values()) == [a, b]
    table.touch(a, 1.0)  # refreshed: now the newest
    assert list(table.items.values()) == [b, a]
    assert table.expire(0.5) == [b] and list(table.items.values()) == [a]


def test_100000_datagrams_none_lost_flows_and_memory_bounded() -> None:
    """100,000 SPP datagrams from 25,000 clients over 4 proxy sockets, 64 in flight,
    with ``max_flows=1024``: every one is answered with its own client's header on its
    own proxy socket; the table never holds more than 1,024 flows, so each client's
    flow is evicted before it comes round again (each sends 4 datagrams in a row, then
    the other 24,999 clients pass); the traced peak stays far below what 25,000 flows
    would take."""
    total, clients, sockets, window, limit = 100_000, 25_000, 4, 16, 1024
    headers = [spp(f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}", 1024 + i % 60000)
               for i in range(clients)]  # fmt: skip
    largest = 0

    def client_of(i: int) -> int:  # datagram i: proxy socket i % 4, 4 in a row per client
        return (i // sockets // 4 * sockets + i % sockets) % clients

    class CountingEcho(Echo):
        def datagram_received(self, data: bytes, addr: Any) -> None:
            nonlocal largest
            self.transport.sendto(data, addr)
            largest = max(largest, self.transport.flow_count)

    class Load(asyncio.DatagramProtocol):
        def __init__(self, k: int, done: asyncio.Future[None], counts: list[int]) -> None:
            self.k, self.done, self.counts = k, done, counts
            self.next = k
            self.wrong = 0

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            self.transport: Any = transport
            for _ in range(window):
                self.send()

        def send(self) -> None:
            if self.next < total:
                i = self.next
                self.transport.sendto(headers[client_of(i)] + i.to_bytes(4, "big"))
                self.next += sockets

        def datagram_received(self, data: bytes, addr: Any) -> None:
            i = int.from_bytes(data[38:], "big")
            if i % sockets != self.k or data[:38] != headers[client_of(i)]:
                self.wrong += 1
            self.counts[self.k] += 1
            if sum(self.counts) == total and not self.done.done():
                self.done.set_result(None)
            self.send()

    async def main() -> tuple[list[int], int]:
        loop = asyncio.get_running_loop()
        transport, _ = await create_datagram_endpoint(
            CountingEcho, ("127.0.0.1", 0), max_flows=limit
        )
        server = transport.get_extra_info("sockname")
        done: asyncio.Future[None] = loop.create_future()
        counts = [0] * sockets
        loads = []
        try:
            for k in range(sockets):
                loads.append(
                    await loop.create_datagram_endpoint(
                        lambda k=k: Load(k, done, counts),  # type: ignore[misc]
                        local_addr=("127.0.0.1", 0),
                        remote_addr=server,
                    )
                )
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(asyncio.shield(done), 25)
            return counts, sum(p.wrong for _, p in loads)
        finally:
            for t, _ in loads:
                t.close()
            transport.close()
            await asyncio.sleep(0)

    tracemalloc.start()
    try:
        counts, wrong = run(main())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert counts == [total // sockets] * sockets, "datagrams lost"
    assert wrong == 0
    assert largest == limit
    print(f"100,000 datagrams: peak traced memory {peak / 2**20:.1f} MiB")
    assert peak < 8 * 2**20  # 25,000 flows would take about 17 MiB


# --- the command line ---------------------------------------------------------------------


def _origin_args(*argv: str) -> Any:
    return _cli._build_parser().parse_args(["origin", *argv])


def test_origin_command_answers_tcp_and_udp(capsys: pytest.CaptureFixture[str]) -> None:
    args = _origin_args("--tcp", "127.0.0.1:0", "--udp", "127.0.0.1:0", "--udp", "[::1]:0",
                        "--trust", "127.0.0.0/8", "::1/128")  # fmt: skip
    out = _Lines()
    origin = _cli._Origin(out)  # type: ignore[arg-type]
    header = v2(tlvs=(pp.AuthorityTlv(b"example.com"),))

    async def main() -> tuple[bytes | None, bytes, bytes, bytes]:
        task = asyncio.create_task(_cli._serve_origin(args, origin))
        for _ in range(500):
            if len(origin.listening) == 3:
                break
            await asyncio.sleep(0.01)
        (_, _, tcp_port), (_, _, udp_port), (_, _, udp6_port) = origin.listening
        got = await talk(tcp_port, [header + b"echo me"])
        async with proxies(("127.0.0.1", udp_port)) as (p,):
            p.send(spp() + b"ping")
            reply = await p.reply()
            p.send(v2("203.0.113.1", 1, transport=pp.Transport.DGRAM) + b"v2 ping")
            reply_v2 = await p.reply()
        async with proxies(("::1", udp6_port)) as (p6,):
            p6.send(v2("2001:db8::7", 7, "2001:db8::1", transport=pp.Transport.DGRAM) + b"x")
            reply6 = await p6.reply()
        origin.stop.set()
        await task
        return got, reply, reply_v2, reply6

    got, reply, reply_v2, reply6 = run(main())
    import json

    assert got is not None
    line, echo = got.split(b"\n", 1)
    assert echo == b"echo me"
    record = json.loads(line)
    assert record["src_addr"] == "192.0.2.1" and record["tlvs"][0]["value"] == "example.com"
    assert record["peer"]["addr"] == "127.0.0.1"
    assert {k: v for k, v in record.items() if k != "peer"} == pp.to_json(pp.parse(header))
    assert reply.startswith(spp())
    spp_record = json.loads(reply[38:])
    assert spp_record["kind"] == "spp" and spp_record["src_port"] == 56324
    v2_record = json.loads(reply_v2)  # PROXY v2: no header on the reply
    assert v2_record["src_addr"] == "203.0.113.1" and v2_record["transport"] == "DGRAM"
    assert json.loads(reply6)["peer"]["addr"] == "::1"
    assert [json.loads(x) for x in out.lines] == [record, spp_record, v2_record, json.loads(reply6)]
    err = capsys.readouterr().err
    assert "listening on tcp 127.0.0.1:" in err and "listening on udp [::1]:" in err
    assert "trusting 127.0.0.0/8 ::1/128; header required" in err


def test_origin_command_optional_without_header(capsys: pytest.CaptureFixture[str]) -> None:
    args = _origin_args("--tcp", "127.0.0.1:0", "--udp", "127.0.0.1:0", "--header", "optional")
    out = _Lines()
    origin = _cli._Origin(out)  # type: ignore[arg-type]

    async def main() -> tuple[bytes | None, bytes]:
        task = asyncio.create_task(_cli._serve_origin(args, origin))
        for _ in range(500):
            if len(origin.listening) == 2:
                break
            await asyncio.sleep(0.01)
        (_, _, tcp_port), (_, _, udp_port) = origin.listening
        got = await talk(tcp_port, [b"hi"])
        async with proxies(("127.0.0.1", udp_port)) as (p,):
            p.send(b"raw")
            reply = await p.reply()
        origin.stop.set()
        await task
        return got, reply

    got, reply = run(main())
    import json

    assert got is not None and got.endswith(b"\nhi")
    for record in (json.loads(got.split(b"\n")[0]), json.loads(reply)):
        assert record["kind"] is None and record["tlvs"] == [] and record["peer"]["port"] > 0


class _Lines:
    """A text stream that keeps the lines written to it (stdout of the command)."""

    def __init__(self, broken: bool = False) -> None:
        self.lines: list[str] = []
        self.broken = broken

    def write(self, text: str) -> int:
        if self.broken:
            raise BrokenPipeError
        self.lines.extend(text.splitlines())
        return len(text)

    def flush(self) -> None:
        pass


def test_origin_command_stops_when_stdout_goes_away() -> None:
    args = _origin_args("--tcp", "127.0.0.1:0")
    origin = _cli._Origin(_Lines(broken=True))  # type: ignore[arg-type]

    async def main() -> None:
        task = asyncio.create_task(_cli._serve_origin(args, origin))
        for _ in range(500):
            if origin.listening:
                break
            await asyncio.sleep(0.01)
        await talk(origin.listening[0][2], [v1()])
        await task  # ends by itself

    run(main())


def test_origin_command_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    for argv, wanted in [
        ([], "give --tcp"),
        (["--udp", "127.0.0.1:0", "--header", "ignore"], "TCP only"),
        (["--tcp", "127.0.0.1:0", "--trust", "10.0.0.1/8"], "not a network"),
        (["--tcp", "127.0.0.1:0", "--header-timeout", "0"], "positive"),
        (["--tcp", "127.0.0.1:0", "--header-timeout", "soon"], "seconds"),
        (["--tcp", "localhost:80"], "not an IP address"),
    ]:
        assert _cli.main(["origin", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert wanted in err and err.count("\n") == 1, (argv, err)


def test_origin_command_port_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert _cli.main(["origin", "--tcp", f"127.0.0.1:{port}"]) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_origin_command_in_process_stops_on_sigint(capsys: pytest.CaptureFixture[str]) -> None:
    """``main`` in this (the main) thread; a helper thread waits until the command has
    taken over SIGINT, then sends it, as Ctrl-C would."""
    default = signal.getsignal(signal.SIGINT)

    def interrupt() -> None:
        until = time.monotonic() + 10
        while time.monotonic() < until and signal.getsignal(signal.SIGINT) is default:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    helper = threading.Thread(target=interrupt, daemon=True)
    helper.start()
    code = _cli.main(["origin", "--tcp", "127.0.0.1:0"])
    helper.join(5)
    assert code == 0
    assert signal.getsignal(signal.SIGINT) is default
    assert capsys.readouterr().err.endswith("proxyproto origin: stopped\n")
    assert logging.getLogger(LOGGER).handlers == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_origin_command_stops_cleanly_on_a_signal(sig: signal.Signals) -> None:
    """The real command in its own process: a connection open, then the signal."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "proxyproto_kaitai", "origin", "--tcp", "127.0.0.1:0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stderr is not None and proc.stdout is not None
        port = None
        for _ in range(5):
            text = proc.stderr.readline()
            if "listening on tcp" in text:
                port = int(text.rsplit(":", 1)[1])
                break
        assert port is not None
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            conn.sendall(v1() + b"hello")
            got = b""
            while not got.endswith(b"hello"):
                chunk = conn.recv(4096)
                assert chunk
                got += chunk
            proc.send_signal(sig)
            assert proc.wait(timeout=15) == 0
        assert proc.stdout.read().count("\n") == 1
        assert proc.stderr.read().endswith("proxyproto origin: stopped\n")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_the_origin_benchmark_runs() -> None:
    """``make bench``'s origin part, as a smoke run (it asserts nothing about speed)."""
    done = subprocess.run(
        [sys.executable, "tests/bench_origin.py", "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert done.returncode == 0, done.stderr
    assert "TCP, 200 connections" in done.stdout and "SPP, 2000 dgrams" in done.stdout
