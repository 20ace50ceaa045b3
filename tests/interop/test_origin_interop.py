"""Interop, origin side: real HAProxy and nginx in front of `proxyproto_kaitai.start_server`.

The same proxies, configurations, ports and client scenarios as ``test_interop.py``
(imported from there, so the two never drift apart), but the origin the proxies connect
to is the library's own asyncio wrapper instead of the harness's byte recorder, and no
capture is taken: what is checked is what the *application* behind the wrapper is told.
For each scenario the application must see, through ``writer.get_extra_info``, the
client address and port the client socket really had (IPv4 and ``::1``), the proxy's
own address as ``proxy_peername``, and the header with every TLV HAProxy was configured
to send (TLS frontends included); for HAProxy's health checks, the real endpoints
(v2 LOCAL, and the v1 line with the check connection's own addresses). Only 127.0.0.1
and ::1 are trusted, and the wrapper must refuse nothing.

Needs haproxy, nginx with the stream module and openssl; skipped with the install hint
when one is missing, failed instead under ``CI=true`` (or ``make interop``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from interop import harness as h
from interop import test_interop as base

import proxyproto_kaitai as pp
from proxyproto_kaitai._origin import start_server

TOOLS = {k: v for k, v in base.TOOLS.items() if k != "tshark"}
MISSING = h.missing_tools(TOOLS)
pytestmark = [
    pytest.mark.interop,
    pytest.mark.skipif(
        bool(MISSING) and not base.REQUIRED, reason="interop needs " + "; ".join(MISSING)
    ),
]
TRUSTED = ["127.0.0.1/32", "::1/128"]
LOGGER = "proxyproto_kaitai.origin"


@dataclass(frozen=True)
class Seen:
    """One connection as the application behind the wrapper saw it."""

    listen_port: int
    token: str | None
    peername: tuple[Any, ...]
    proxy_peername: tuple[Any, ...]
    header: pp.Header | None


class WrapperOrigin:
    """`start_server` on every origin endpoint, in an event loop of its own thread. The
    application reads ``hello <token>``, records what the wrapper told it, answers ``ok``."""

    def __init__(self, endpoints: list[tuple[str, int]]) -> None:
        self.endpoints = endpoints
        self.seen: list[Seen] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stop: asyncio.Event | None = None
        self.thread = threading.Thread(target=self._run, name="origin-wrapper", daemon=True)

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except Exception as exc:  # reported by the test, never a silent dead thread
            self.errors.append(f"origin loop died: {exc!r}")
            self.ready.set()

    async def _main(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stop = asyncio.Event()
        servers = []
        try:
            for host, port in self.endpoints:
                servers.append(
                    await start_server(self._app, host, port, trusted=TRUSTED, reuse_address=True)
                )
        except OSError as exc:
            self.errors.append(f"origin cannot listen: {exc}")
        self.ready.set()
        if not self.errors:
            await self.stop.wait()
        for server in servers:
            server.close()
            await server.wait_closed()

    async def _app(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            line = await asyncio.wait_for(reader.readline(), 10)
            m = h.PAYLOAD_RE.fullmatch(line)
            with self.lock:
                self.seen.append(
                    Seen(
                        writer.get_extra_info("sockname")[1],
                        m.group(1).decode() if m else None,
                        writer.get_extra_info("peername"),
                        writer.get_extra_info("proxy_peername"),
                        writer.get_extra_info("proxy_header"),
                    )
                )
            if m:
                writer.write(h.REPLY)
                await writer.drain()
        except (TimeoutError, ConnectionError) as exc:
            self.errors.append(f"application: {exc!r}")
        finally:
            writer.close()

    def start(self) -> None:
        self.thread.start()
        if not self.ready.wait(15) or self.errors:
            raise h.HarnessError("; ".join(self.errors) or "origin did not start in 15 s")

    def close(self) -> None:
        if self.loop is not None and self.stop is not None and not self.loop.is_closed():
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(self.stop.set)
        self.thread.join(15)

    def snapshot(self) -> list[Seen]:
        with self.lock:
            return list(self.seen)


@contextlib.contextmanager
def wrapper_origin(endpoints: list[tuple[str, int]]) -> Iterator[WrapperOrigin]:
    origin = WrapperOrigin(endpoints)
    try:
        origin.start()
        yield origin
    finally:
        origin.close()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.levelno, record.getMessage()))


@dataclass
class Run:
    certs: h.Certs
    clients: dict[str, h.ClientResult]
    seen: list[Seen]
    log: list[tuple[int, str]]
    errors: list[str]
    proxy_logs: str

    def for_token(self, token: str) -> list[Seen]:
        return [s for s in self.seen if s.token == token]


def drive(tmp: Path) -> Run:
    """Start the wrapper origin and the proxies, run every client scenario, wait for one
    health check per checked backend, stop everything (bounded, by pid)."""
    listeners = [
        (a, base.PORTS[k]) for k in base.PORTS if k.startswith("FE_") for a in base.LOOPBACKS
    ]
    busy = h.ports_in_use([*listeners, *base.ORIGIN_ENDPOINTS])
    if busy:
        raise h.HarnessError(f"ports of the interop test are already in use: {busy}")
    certs = h.make_certs(tmp / "certs", [base.SNI_MAIN, base.SNI_ALT], base.CLIENT_CN,
                         base.UNTRUSTED_CN)  # fmt: skip
    values: dict[str, object] = dict(base.PORTS)
    values.update(CERTS=certs.dir, TMP=tmp, ALPN=base.ALPN, PP2_OPTIONS=base.PP2_OPTIONS,
                  UNIQUE_ID_FORMAT=base.UNIQUE_ID_FORMAT, CHECK_INTER=base.CHECK_INTER)  # fmt: skip
    for c in base.CHECK_SCENARIOS:
        values[f"CHECK_HELLO_{c.origin.removeprefix('OR_')}"] = f"hello {c.token}\n".encode().hex()
    hap_cfg = h.render("haproxy.cfg.in", tmp / "haproxy.cfg", **values)
    module = h.nginx_stream_module()
    values["LOAD_MODULE"] = f"load_module {module};" if module else ""
    ngx_cfg = h.render("nginx.conf.in", tmp / "nginx.conf", **values)
    haproxy_argv = [h.tool("haproxy"), "-db", "-f", str(hap_cfg)]
    h.check_config([h.tool("haproxy"), "-c", "-q", "-f", str(hap_cfg)])
    nginx_argv = [h.tool("nginx"), "-c", str(ngx_cfg), "-p", str(tmp),
                  "-e", str(tmp / "nginx-error.log")]  # fmt: skip
    h.check_config([*nginx_argv, "-t", "-q"])

    records = _Records()
    log = logging.getLogger(LOGGER)
    log.addHandler(records)
    saved = log.level
    log.setLevel(logging.INFO)
    clients: dict[str, h.ClientResult] = {}
    try:
        with wrapper_origin(base.ORIGIN_ENDPOINTS) as origin:
            with (
                h.child_process("haproxy", haproxy_argv, tmp / "haproxy.log",
                                stop_signal=signal.SIGUSR1) as hap,
                h.child_process("nginx", nginx_argv, tmp / "nginx.out") as ngx,
            ):  # fmt: skip
                h.wait_listening(listeners, [hap, ngx], timeout=30)
                for s in base.SCENARIOS:
                    dst = (s.ip, base.PORTS[s.frontend])
                    try:
                        clients[s.id] = h.run_client(
                            base.token_of(s.id), dst, base.tls_options(s, certs), certs.ca
                        )
                    except (OSError, h.HarnessError) as e:
                        raise h.HarnessError(
                            f"{s.id}: client failed: {e!r}\n--- haproxy:\n{hap.log_tail()}"
                            f"\n--- nginx:\n{ngx.log_tail()}\n--- origin log: {records.lines}"
                        ) from e
                wanted = {c.token for c in base.CHECK_SCENARIOS}
                until = h.deadline(20)
                while h.left(until) > 0:
                    if wanted <= {s.token for s in origin.snapshot()}:
                        break
                    time.sleep(0.1)
            seen = origin.snapshot()
            errors = list(origin.errors)
    finally:
        log.removeHandler(records)
        log.setLevel(saved)
    proxy_logs = "\n".join(
        (tmp / n).read_text(errors="replace")
        for n in ("haproxy.log", "nginx-error.log")
        if (tmp / n).exists()
    )
    return Run(certs, clients, seen, records.lines, errors, proxy_logs)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    if MISSING:
        pytest.fail("interop needs " + "; ".join(MISSING))
    tmp = tmp_path_factory.mktemp("origin-interop")
    with h.run_lock(base.LOCK_FILE, timeout=300):
        return drive(tmp)


def _addr(host: str, port: int) -> tuple[Any, ...]:
    return (host, port) if ":" not in host else (host, port, 0, 0)


@pytest.mark.parametrize("s", base.SCENARIOS, ids=[f"origin/{s.id}" for s in base.SCENARIOS])
def test_application_sees_the_real_client(run: Run, s: base.Scenario) -> None:
    client = run.clients[s.id]
    (seen,) = run.for_token(base.token_of(s.id))
    assert seen.listen_port == base.PORTS[s.origin]
    # the real client, as the client socket itself had it
    assert seen.peername == _addr(client.src_addr, client.src_port)
    assert seen.peername != seen.proxy_peername
    assert seen.proxy_peername[0] in base.LOOPBACKS  # the proxy's own socket
    header = seen.header
    assert header is not None and header.kind == s.kind
    assert (str(header.dst_addr), header.dst_port) == (client.dst_addr, client.dst_port)
    rec = pp.to_json(header)
    assert {k: rec[k] for k in ("kind", "command", "family", "transport", "src_addr",
                                "src_port", "dst_addr", "dst_port")} == base.expected_header(
        s, client
    )  # fmt: skip
    if s.tlvs == "none":
        assert header.tlvs == ()
    else:  # the same TLV checks as the capture-based test, on what the application got
        base.check_option_tlvs(s, SimpleNamespace(clients=run.clients, certs=run.certs), rec)  # type: ignore[arg-type]
        crc = header.tlv(pp.TlvType.CRC32C)
        assert crc is not None and crc.verified is True


@pytest.mark.parametrize(
    "c", base.CHECK_SCENARIOS, ids=[f"origin/{c.id}" for c in base.CHECK_SCENARIOS]
)
def test_health_checks_use_the_real_endpoints(run: Run, c: base.CheckScenario) -> None:
    checks = run.for_token(c.token)
    assert checks, f"no health check reached the wrapper on {c.origin}: {run.log}"
    for seen in checks:
        assert seen.listen_port == base.PORTS[c.origin]
        assert seen.peername[:2] == seen.proxy_peername[:2]  # the check's own connection
        assert seen.header is not None and seen.header.kind == c.kind
        if c.kind == "v2":
            assert seen.header.command is pp.Command.LOCAL
            names = [t.type.name for t in seen.header.tlvs]  # type: ignore[union-attr]
            assert names == ([] if c.tlvs == "none" else ["CRC32C", "SSL"])


def test_the_wrapper_refused_nothing(run: Run) -> None:
    assert run.errors == []
    assert [line for level, line in run.log if level >= logging.WARNING] == [], run.proxy_logs
    tokens = [s.token for s in run.seen]
    assert None not in tokens, "a connection without hello reached the application"
