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
import json
import logging
import re
import signal
import socket
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


# --- the README's five lines ------------------------------------------------------------

README = Path(__file__).resolve().parents[2] / "README.md"
README_PORTS = {"8443": 24830, "9000": 24831}  # the README's ports -> this test's
# HAProxy's implicit resolvers section would read /etc/resolv.conf: replace it, loopback
# only and unused, as haproxy.cfg.in does.
NO_RESOLVERS = "\nresolvers default\n    nameserver loopback 127.0.0.1:53\n"


def readme_haproxy_config() -> str:
    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```haproxy\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 1, "the README has one HAProxy example"
    return str(blocks[0])


def test_the_readme_haproxy_example(tmp_path: Path) -> None:
    """The README's five-line HAProxy configuration in front of ``proxyproto origin``:
    a client connects through it and gets the JSON line (its own address and port, a
    verified CRC32C) and its echo; SIGINT then stops the command with exit 0."""
    if MISSING:
        pytest.fail("interop needs " + "; ".join(MISSING))
    config = readme_haproxy_config()
    assert len(config.strip().splitlines()) == 5
    for readme_port, port in README_PORTS.items():
        assert f"127.0.0.1:{readme_port}" in config
        config = config.replace(f"127.0.0.1:{readme_port}", f"127.0.0.1:{port}")
    cfg = tmp_path / "origin.cfg"
    cfg.write_text(config + NO_RESOLVERS)
    cli = h.find_cli()
    assert cli is not None, "the proxyproto command is not installed (make venv)"
    origin_port, front_port = README_PORTS["9000"], README_PORTS["8443"]
    argv = [cli, "origin", "--tcp", f"127.0.0.1:{origin_port}", "--trust", "127.0.0.1/32"]
    with h.run_lock(base.LOCK_FILE, timeout=300):
        busy = h.ports_in_use([("127.0.0.1", origin_port), ("127.0.0.1", front_port)])
        assert not busy, f"ports in use: {busy}"
        with h.child_process("origin", argv, tmp_path / "origin.log", signal.SIGINT) as origin:
            h.wait_listening([("127.0.0.1", origin_port)], [origin], timeout=15)
            with h.child_process(
                "haproxy", [h.tool("haproxy"), "-db", "-f", str(cfg)], tmp_path / "haproxy.log",
                stop_signal=signal.SIGUSR1,
            ) as hap:  # fmt: skip
                h.wait_listening([("127.0.0.1", front_port)], [hap, origin], timeout=15)
                with socket.create_connection(("127.0.0.1", front_port), timeout=10) as sock:
                    me = sock.getsockname()
                    sock.sendall(b"hello\n")
                    got = b""
                    until = h.deadline(10)
                    while not got.endswith(b"hello\n") and h.left(until) > 0:
                        chunk = sock.recv(4096)
                        if not chunk:
                            break
                        got += chunk
        assert origin.proc.returncode == 0
    line, echo = got.split(b"\n", 1)
    assert echo == b"hello\n"
    record = json.loads(line)
    assert (record["src_addr"], record["src_port"]) == me
    assert (record["dst_addr"], record["dst_port"]) == ("127.0.0.1", front_port)
    assert [(t["name"], t["verified"]) for t in record["tlvs"]] == [("CRC32C", True)]
    log = (tmp_path / "origin.log").read_text()
    assert line.decode() in log.splitlines() and log.endswith("proxyproto origin: stopped\n")
