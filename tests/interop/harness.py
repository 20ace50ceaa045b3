"""Machinery for the interop test: certificates, a loopback origin server, HAProxy,
nginx, a tshark capture on ``lo`` and the clients that drive traffic through them.

Rules every piece here keeps:

* Loopback only. Every socket binds 127.0.0.1 or ::1; HAProxy and nginx are
  given literal loopback addresses (no resolvers) and every file they write
  goes in the run's temporary directory.
* Bounded. Every wait has a deadline, every socket a timeout, every child
  process is stopped by its own pid (SIGTERM, then SIGKILL to its own process
  group) when the ``with`` block that started it ends, failure or not.
* Ground truth comes from the sockets, never from the code under test: the
  clients record the address and port they really had (``getsockname``), the
  origin records the 4-tuple of every connection the proxies opened to it
  (``getpeername``/``getsockname``) and the raw bytes it received.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import fcntl
import os
import queue
import re
import selectors
import shutil
import signal
import socket
import ssl
import string
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
V2_SIGNATURE = b"\r\n\r\n\x00\r\nQUIT\n"
REPLY = b"ok\n"
PAYLOAD_RE = re.compile(rb"hello ([A-Za-z0-9_.-]+)\n")


class HarnessError(RuntimeError):
    """The test environment could not be set up (not a finding about the code under test)."""


def deadline(seconds: float) -> float:
    return time.monotonic() + seconds


def left(until: float) -> float:
    return max(0.0, until - time.monotonic())


# --- tools --------------------------------------------------------------------

SBIN = "/usr/local/sbin:/usr/sbin:/sbin"  # haproxy and nginx live here, often not on PATH


def tool(name: str) -> str:
    """Absolute path of a command, looked up on PATH and then in the sbin folders."""
    found = shutil.which(name) or shutil.which(name, path=SBIN)
    if found is None:
        raise HarnessError(f"{name} is not installed")
    return found


def missing_tools(how: dict[str, str]) -> list[str]:
    """What the interop run lacks, each with how to install it (empty when complete)."""
    missing = []
    for name, install in how.items():
        if shutil.which(name) is None and shutil.which(name, path=SBIN) is None:
            missing.append(f"{name} ({install})")
    if not missing:
        try:
            nginx_stream_module()
        except HarnessError as e:
            missing.append(str(e))
    return missing


# --- certificates -------------------------------------------------------------


@dataclass(frozen=True)
class Certs:
    """A throwaway PKI: a CA, a server certificate, a client certificate signed by the
    CA and a self-signed (untrusted) client certificate."""

    dir: Path
    server_names: tuple[str, ...]
    client_cn: str
    untrusted_cn: str

    @property
    def ca(self) -> Path:
        return self.dir / "ca.pem"

    @property
    def server_bundle(self) -> Path:
        return self.dir / "server-bundle.pem"

    @property
    def server_cert(self) -> Path:
        return self.dir / "server.pem"

    def client(self, which: str) -> tuple[Path, Path]:
        """(certificate, key) of ``"trusted"`` or ``"untrusted"``."""
        return self.dir / f"client-{which}.pem", self.dir / f"client-{which}.key"


def _openssl(*args: str, cwd: Path) -> str:
    proc = subprocess.run(
        [tool("openssl"), *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )
    if proc.returncode != 0:
        raise HarnessError(f"openssl {' '.join(args)} failed: {proc.stderr.strip()}")
    return proc.stdout


def make_certs(
    directory: Path, server_names: Sequence[str], client_cn: str, untrusted_cn: str
) -> Certs:
    """Generate the PKI with the openssl command line tool (RSA-2048/SHA-256 for the CA
    and the server, P-256 for the client certificates)."""
    d = directory
    d.mkdir(parents=True, exist_ok=True)
    (d / "server.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=" + ",".join(f"DNS:{n}" for n in server_names) + ",IP:127.0.0.1,IP:::1\n"
    )
    (d / "client.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=clientAuth\n"
    )
    days = "2"
    _openssl(
        "req", "-x509", "-newkey", "rsa:2048", "-sha256", "-nodes", "-days", days,
        "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=proxyproto_kaitai interop CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
        "-out", "server.csr", "-subj", f"/CN={server_names[0]}",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-sha256", "-days", days, "-extfile", "server.ext",
        "-out", "server.pem",
        cwd=d,
    )  # fmt: skip
    (d / "server-bundle.pem").write_text(
        (d / "server.pem").read_text() + (d / "server.key").read_text()
    )
    _openssl(
        "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-keyout", "client-trusted.key", "-out", "client.csr", "-subj", f"/CN={client_cn}",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "x509", "-req", "-in", "client.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-sha256", "-days", days, "-extfile", "client.ext",
        "-out", "client-trusted.pem",
        cwd=d,
    )  # fmt: skip
    _openssl(
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
        "-sha256", "-days", days, "-keyout", "client-untrusted.key",
        "-out", "client-untrusted.pem", "-subj", f"/CN={untrusted_cn}",
        cwd=d,
    )  # fmt: skip
    return Certs(d, tuple(server_names), client_cn, untrusted_cn)


def cert_text(path: Path) -> str:
    return _openssl("x509", "-in", str(path), "-noout", "-text", "-subject", cwd=path.parent)


# --- origin server ------------------------------------------------------------


def header_length(data: bytes) -> int | None:
    """Length of a PROXY header at the start of ``data``: 0 when there is none, None
    when it is not complete yet. Deliberately tiny and independent of the library."""
    if data.startswith(b"PROXY "):
        end = data.find(b"\r\n", 0, 108)
        return end + 2 if end >= 0 else (None if len(data) < 108 else 0)
    if V2_SIGNATURE.startswith(data[:12]) and len(data) < 16:
        return None
    if data.startswith(V2_SIGNATURE):
        return 16 + int.from_bytes(data[14:16], "big")
    return 0


@dataclass
class OriginConn:
    """One connection a proxy opened to the origin."""

    listen_port: int
    peer: tuple[str, int]  # the proxy's source address and port
    local: tuple[str, int]  # the origin address and port it reached
    data: bytearray = field(default_factory=bytearray)
    token: str | None = None
    replied: bool = False
    closed: bool = False
    error: str | None = None

    @property
    def header(self) -> bytes:
        n = header_length(bytes(self.data))
        return bytes(self.data[:n]) if n else b""


class Origin:
    """A tiny TCP server on loopback: it accepts every connection, reads the PROXY header
    and the client's ``hello <token>\\n`` line after it, answers ``ok\\n``, and records
    what it saw. Runs in one thread with a selector; ``stop()`` is bounded."""

    def __init__(self, endpoints: Sequence[tuple[str, int]]) -> None:
        self.endpoints = list(endpoints)
        self.conns: list[OriginConn] = []
        self.lock = threading.Lock()
        self._sel = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._listeners: list[socket.socket] = []
        self.errors: list[str] = []
        self.last_event = time.monotonic()

    def start(self) -> None:
        for host, port in self.endpoints:
            fam = socket.AF_INET6 if ":" in host else socket.AF_INET
            s = socket.socket(fam, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if fam == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                s.bind((host, port))
            except OSError as e:
                s.close()
                self.close()
                raise HarnessError(f"origin cannot bind {host} port {port}: {e}") from e
            s.listen(64)
            s.setblocking(False)
            self._listeners.append(s)
            self._sel.register(s, selectors.EVENT_READ, ("listen", port))
        self._thread = threading.Thread(target=self._run, name="interop-origin", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                for key, _ in self._sel.select(timeout=0.05):
                    kind, arg = key.data
                    if kind == "listen":
                        self._accept(key.fileobj, arg)  # type: ignore[arg-type]
                    else:
                        self._read(key.fileobj, arg)  # type: ignore[arg-type]
        except Exception as e:  # reported by the test, never a silent dead thread
            self.errors.append(f"origin thread died: {e!r}")

    def _accept(self, lsock: socket.socket, port: int) -> None:
        try:
            conn, _ = lsock.accept()
        except (BlockingIOError, InterruptedError):
            return
        conn.setblocking(False)
        try:
            peer, local = conn.getpeername()[:2], conn.getsockname()[:2]
        except OSError as e:  # reset before we got to it: nothing to attribute it to
            self.errors.append(f"port {port}: connection gone before accept: {e}")
            conn.close()
            return
        rec = OriginConn(port, peer, local)
        with self.lock:
            self.conns.append(rec)
            self.last_event = time.monotonic()
        self._sel.register(conn, selectors.EVENT_READ, ("conn", rec))

    def _read(self, conn: socket.socket, rec: OriginConn) -> None:
        try:
            chunk = conn.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:
            chunk = b""
            rec.error = errno.errorcode.get(e.errno or 0, str(e))
        with self.lock:
            self.last_event = time.monotonic()
            if chunk and len(rec.data) < 1 << 16:
                rec.data += chunk
            if chunk and not rec.replied:
                n = header_length(bytes(rec.data))
                m = PAYLOAD_RE.match(bytes(rec.data), n) if n is not None else None
                if m:
                    rec.token = m.group(1).decode()
                    rec.replied = True
                    with contextlib.suppress(OSError):
                        conn.send(REPLY)
            if not chunk:
                rec.closed = True
        if not chunk:
            self._sel.unregister(conn)
            conn.close()

    def quiet_for(self, seconds: float, timeout: float) -> None:
        """Wait until nothing has happened for ``seconds`` (bounded by ``timeout``)."""
        until = deadline(timeout)
        while left(until) > 0:
            with self.lock:
                idle = time.monotonic() - self.last_event
            if idle >= seconds:
                return
            time.sleep(min(0.05, left(until)))

    def snapshot(self) -> list[OriginConn]:
        with self.lock:
            return [dataclasses.replace(c, data=bytearray(c.data)) for c in self.conns]

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        for key in list(self._sel.get_map().values()):
            with contextlib.suppress(Exception):
                key.fileobj.close()  # type: ignore[union-attr]
        self._sel.close()


@contextlib.contextmanager
def origin_server(endpoints: Sequence[tuple[str, int]]) -> Iterator[Origin]:
    origin = Origin(endpoints)
    origin.start()
    try:
        yield origin
    finally:
        origin.close()


# --- child processes ----------------------------------------------------------


@dataclass
class Child:
    name: str
    proc: subprocess.Popen[bytes]
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def stop_child(child: Child, sig: int = signal.SIGTERM, timeout: float = 10.0) -> None:
    """Stop a child we started: ``sig`` to its pid, then SIGKILL to its own process group
    (it was started in a new session, so the group is exactly it and its workers)."""
    p = child.proc
    if p.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            p.send_signal(sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            p.wait(timeout=timeout)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(p.pid, signal.SIGKILL)  # leftovers of the group (nginx workers)
    if p.poll() is None:
        p.wait(timeout=5)


@contextlib.contextmanager
def child_process(
    name: str, argv: Sequence[str], log: Path, stop_signal: int = signal.SIGTERM
) -> Iterator[Child]:
    """Run ``argv`` in its own session, stdout and stderr to ``log``; stopped with
    ``stop_signal`` (then SIGKILL) when the block ends."""
    with log.open("wb") as out:
        proc = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    child = Child(name, proc, log)
    try:
        yield child
    finally:
        stop_child(child, stop_signal)


def check_config(argv: Sequence[str]) -> None:
    """Run a proxy's own configuration check (``haproxy -c``, ``nginx -t``)."""
    proc = subprocess.run(
        list(argv),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        raise HarnessError(f"{' '.join(argv)} failed:\n{proc.stdout}{proc.stderr}")


def listening_ports() -> set[tuple[str, int]]:
    """(address, port) of every TCP socket in LISTEN state, from /proc (no connection
    is made, so nothing shows up in the proxies or the capture)."""
    found: set[tuple[str, int]] = set()
    for path, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            lines = Path(path).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            if len(parts) < 4 or parts[3] != "0A":
                continue
            hexaddr, hexport = parts[1].split(":")
            raw = bytes.fromhex(hexaddr)
            if v6:
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                addr = socket.inet_ntop(socket.AF_INET6, words)
            else:
                addr = socket.inet_ntop(socket.AF_INET, raw[::-1])
            found.add((addr, int(hexport, 16)))
    return found


def wait_listening(
    wanted: Sequence[tuple[str, int]], children: Sequence[Child], timeout: float
) -> None:
    until = deadline(timeout)
    while True:
        missing = set(wanted) - listening_ports()
        if not missing:
            return
        for c in children:
            if c.proc.poll() is not None:
                raise HarnessError(
                    f"{c.name} exited with {c.proc.returncode} before listening:\n{c.log_tail()}"
                )
        if left(until) <= 0:
            raise HarnessError(
                f"not listening after {timeout}s: {sorted(missing)}\n"
                + "\n".join(f"--- {c.name}:\n{c.log_tail()}" for c in children)
            )
        time.sleep(0.05)


def ports_in_use(wanted: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    listening = listening_ports()
    return [w for w in wanted if w in listening]


class ConfigTemplate(string.Template):
    """``@{NAME}`` placeholders, so nginx's ``$variables`` pass through."""

    delimiter = "@"


def render(template: str, dest: Path, **values: object) -> Path:
    text = ConfigTemplate((HERE / template).read_text()).substitute(
        {k: str(v) for k, v in values.items()}
    )
    dest.write_text(text)
    return dest


def nginx_stream_module() -> str | None:
    """The ``load_module`` path of the stream module when nginx has it as a dynamic module,
    None when it is built in. Raises if nginx has no stream module at all."""
    out = subprocess.run(
        [tool("nginx"), "-V"], capture_output=True, text=True, timeout=30, check=False
    ).stderr
    if "--with-stream=dynamic" not in out:
        if re.search(r"--with-stream(\s|$)", out):
            return None
        raise HarnessError("nginx was built without the stream module")
    m = re.search(r"--modules-path=(\S+)", out)
    candidates = [Path(m.group(1))] if m else []
    candidates += [Path("/usr/lib/nginx/modules"), Path("/usr/lib64/nginx/modules")]
    for d in candidates:
        if (d / "ngx_stream_module.so").exists():
            return str(d / "ngx_stream_module.so")
    raise HarnessError(
        "nginx has a dynamic stream module but ngx_stream_module.so is not installed "
        "(Debian: apt-get install libnginx-mod-stream)"
    )


# --- capture ------------------------------------------------------------------


def pcapng_has_packet(pcap: Path) -> bool:
    """Whether the (growing) pcapng file holds a packet block yet."""
    try:
        data = pcap.read_bytes()
    except OSError:
        return False
    if len(data) < 12 or data[:4] != b"\x0a\x0d\x0d\x0a":
        return False
    order = "little" if data[8:12] == b"\x4d\x3c\x2b\x1a" else "big"
    pos = 0
    while pos + 8 <= len(data):
        kind = int.from_bytes(data[pos : pos + 4], order)
        size = int.from_bytes(data[pos + 4 : pos + 8], order)
        if size < 12 or pos + size > len(data):
            return False  # partly written
        if kind in (3, 6):  # simple or enhanced packet block
            return True
        pos += size
    return False


def _probe_until_captured(pcap: Path, probe_port: int, timeout: float) -> None:
    """tshark prints "Capturing on" a little before packets really reach the file (a
    check HAProxy sent in the first milliseconds went missing once). Knock on a closed
    port in the filter (SYN, RST: nothing a dissector reports) until the file grows,
    i.e. until a packet sent after this point is known to be captured."""
    until = deadline(timeout)
    while left(until) > 0:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(1.0)
            with contextlib.suppress(OSError):
                s.connect(("127.0.0.1", probe_port))
        time.sleep(0.05)
        if pcapng_has_packet(pcap):
            return
    raise HarnessError(f"tshark captured none of the probes to port {probe_port} in {timeout}s")


@contextlib.contextmanager
def tshark_capture(
    pcap: Path,
    ports: Sequence[int],
    probe_port: int,
    log: Path,
    safety_limit: int = 120,
    timeout: float = 30.0,
) -> Iterator[Child]:
    """Capture ``tcp port …`` on ``lo`` into ``pcap``. Yields once tshark has said
    "Capturing on" and a probe to ``probe_port`` (nothing listening there) reached the
    file; leaving the block sends SIGINT and waits (bounded) for tshark to write out
    the file."""
    bpf = " or ".join(f"tcp port {p}" for p in sorted({*ports, probe_port}))
    argv = [
        tool("tshark"),
        "-i",
        "lo",
        "-f",
        bpf,
        "-a",
        f"duration:{safety_limit}",
        "-w",
        str(pcap),
    ]
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    child = Child("tshark", proc, log)
    lines: queue.Queue[str | None] = queue.Queue()
    collected: list[str] = []

    def pump() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            lines.put(raw.decode(errors="replace"))
        lines.put(None)

    reader = threading.Thread(target=pump, name="tshark-stderr", daemon=True)
    reader.start()
    try:
        until = deadline(timeout)
        while True:
            try:
                line = lines.get(timeout=max(0.01, left(until)))
            except queue.Empty:
                raise HarnessError(
                    f"tshark did not start capturing within {timeout}s: {collected}"
                ) from None
            if line is None:
                proc.wait(timeout=5)
                raise HarnessError(f"tshark exited with {proc.returncode}: {''.join(collected)}")
            collected.append(line)
            if "Capturing on" in line:
                break
        _probe_until_captured(pcap, probe_port, timeout=left(until) + 5)
        yield child
    finally:
        stop_child(child, signal.SIGINT, timeout=20)
        reader.join(timeout=5)
        if proc.stderr is not None and not reader.is_alive():
            proc.stderr.close()
        while True:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                break
            if line is not None:
                collected.append(line)
        log.write_text("".join(collected))


# --- clients ------------------------------------------------------------------


@dataclass(frozen=True)
class TlsOptions:
    sni: str
    cert: tuple[Path, Path] | None  # (certificate, key) to present, or none
    alpn: str | None
    max_version: ssl.TLSVersion | None = None


@dataclass(frozen=True)
class ClientResult:
    token: str
    src_addr: str  # the client socket's real address and port (getsockname)
    src_port: int
    dst_addr: str
    dst_port: int
    tls_version: str | None = None
    tls_cipher: str | None = None
    tls_alpn: str | None = None


def run_client(
    token: str, dst: tuple[str, int], tls: TlsOptions | None, ca: Path, timeout: float = 10.0
) -> ClientResult:
    """One connection: bind to port 0, connect, TLS if asked, send ``hello <token>``, wait
    for the origin's ``ok`` (so the header went all the way through), close."""
    fam = socket.AF_INET6 if ":" in dst[0] else socket.AF_INET
    sock = socket.socket(fam, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.bind((dst[0], 0))
        src = sock.getsockname()
        sock.connect(dst)
        version = cipher = alpn = None
        conn: socket.socket = sock
        if tls is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
            ctx.load_verify_locations(cafile=str(ca))
            if tls.cert is not None:
                ctx.load_cert_chain(str(tls.cert[0]), str(tls.cert[1]))
            if tls.alpn is not None:
                ctx.set_alpn_protocols([tls.alpn])
            if tls.max_version is not None:
                ctx.maximum_version = tls.max_version
            tconn = ctx.wrap_socket(sock, server_hostname=tls.sni)
            conn = tconn
            version = tconn.version()
            c = tconn.cipher()
            cipher = c[0] if c else None
            alpn = tconn.selected_alpn_protocol()
        conn.sendall(b"hello " + token.encode() + b"\n")
        got = b""
        until = deadline(timeout)
        while not got.endswith(REPLY) and left(until) > 0 and len(got) < 64:
            chunk = conn.recv(64)
            if not chunk:
                break
            got += chunk
        if got != REPLY:
            raise HarnessError(f"client {token}: expected {REPLY!r} from the origin, got {got!r}")
        with contextlib.suppress(OSError):
            conn.close()
        return ClientResult(token, src[0], src[1], dst[0], dst[1], version, cipher, alpn)
    finally:
        sock.close()


# --- running the CLI under test -----------------------------------------------


def find_cli() -> str | None:
    """The ``proxyproto`` console script of the interpreter running the tests (the
    project's venv), else one on PATH."""
    here = Path(sys.executable).parent / "proxyproto"
    if here.exists():
        return str(here)
    return shutil.which("proxyproto")


@contextlib.contextmanager
def run_lock(path: Path, timeout: float) -> Iterator[None]:
    """Serialise interop runs on this machine (they use fixed ports)."""
    with path.open("a") as f:
        until = deadline(timeout)
        while True:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if left(until) <= 0:
                    raise HarnessError(
                        f"another interop run holds {path} for more than {timeout}s"
                    ) from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
