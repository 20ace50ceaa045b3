"""Interop with real proxies: HAProxy and nginx send PROXY headers on loopback, tshark
captures them on ``lo``, and ``proxyproto dissect --format jsonl`` must report every
connection with the client address and port the client socket really had and every
TLV HAProxy was configured to send.

One module-scoped run drives all traffic (the proxies and the capture start once);
each scenario is then its own test, so ``pytest -v`` lists the scenarios. The
scenario table below is the whole plan: add a row to add a case. See README.md.
"""

from __future__ import annotations

import json
import os
import re
import signal
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import crc32c
import pytest
from interop import harness as h

import proxyproto_kaitai as pp

TOOLS = {
    "haproxy": "apt-get install haproxy",
    "nginx": "apt-get install nginx libnginx-mod-stream",
    "tshark": "apt-get install tshark",
    "openssl": "apt-get install openssl",
}
MISSING = h.missing_tools(TOOLS)
# CI, and `make interop`, run the scenarios whatever is missing (and fail on it);
# elsewhere (a plain `make test` on a laptop) they are skipped with the reason.
REQUIRED = os.environ.get("CI", "").lower() in ("true", "1") or bool(
    os.environ.get("INTEROP_REQUIRED")
)
pytestmark = [
    pytest.mark.interop,
    pytest.mark.skipif(
        bool(MISSING) and not REQUIRED, reason="interop needs " + "; ".join(MISSING)
    ),
]

# Fixed ports of this test (below Linux's ephemeral range 32768-60999, so no client
# socket of anyone else can be holding them). FE_* are the proxies' listeners, OR_* the
# origin ports the proxies connect to (where the PROXY headers travel).
PORTS = {
    "OR_V1": 24801,
    "OR_V2": 24802,
    "OR_TLS": 24803,
    "OR_OPTS": 24804,
    "OR_NGINX": 24805,
    "FE_V1": 24811,
    "FE_V2": 24812,
    "FE_TLS": 24813,
    "FE_OPTS": 24814,
    "FE_NGINX": 24815,
}
PROBE_PORT = 24820  # nothing listens: knocked on until the capture is known to be live
# Where the origin listens: the address each proxy is configured to reach it on.
ORIGIN_ENDPOINTS = [
    ("127.0.0.1", PORTS["OR_V1"]),
    ("127.0.0.1", PORTS["OR_V2"]),
    ("::1", PORTS["OR_TLS"]),  # HAProxy -> origin over IPv6 for the TLS frontend
    ("127.0.0.1", PORTS["OR_OPTS"]),
    ("127.0.0.1", PORTS["OR_NGINX"]),
    ("::1", PORTS["OR_NGINX"]),
]
LOOPBACKS = ("127.0.0.1", "::1")

SNI_MAIN = "interop.proxyproto.test"
SNI_ALT = "alt.proxyproto.test"
CLIENT_CN = "proxyproto-interop-client"
UNTRUSTED_CN = "proxyproto-untrusted-client"
ALPN = "pp-interop"
PP2_OPTIONS = "crc32c,unique-id,authority,ssl,cert-cn,ssl-cipher,cert-sig,cert-key"
UNIQUE_ID_FORMAT = "uid-%ci-%cp"  # HAProxy log-format: client address and port
CHECK_INTER = "500ms"
X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT = 18

# SSL TLV client flags (PP2_CLIENT_*)
CLIENT_SSL, CLIENT_CERT_CONN, CLIENT_CERT_SESS = 0x01, 0x02, 0x04

LOCK_FILE = Path("/tmp/proxyproto_kaitai-interop.lock")
DISSECT_TIMEOUT = 300.0


@dataclass(frozen=True)
class Scenario:
    """One client connection through one proxy configuration."""

    id: str
    frontend: str  # key of PORTS the client connects to
    origin: str  # key of PORTS the proxy connects to
    ip: str  # client (and frontend) address: 127.0.0.1 or ::1
    kind: str  # "v1" | "v2"
    tlvs: str = "none"  # "none" | "options": the PP2_OPTIONS set
    tls: str | None = None  # None | "trusted" | "no-cert" | "untrusted": client certificate
    sni: str | None = None
    alpn: bool = False
    tls12: bool = False  # cap the client at TLS 1.2 (else it negotiates TLS 1.3)


# fmt: off
SCENARIOS = [
    Scenario("haproxy/send-proxy/tcp4", "FE_V1", "OR_V1", "127.0.0.1", "v1"),
    Scenario("haproxy/send-proxy/tcp6", "FE_V1", "OR_V1", "::1", "v1"),
    Scenario("haproxy/send-proxy-v2/tcp4", "FE_V2", "OR_V2", "127.0.0.1", "v2"),
    Scenario("haproxy/send-proxy-v2/tcp6", "FE_V2", "OR_V2", "::1", "v2"),
    Scenario("haproxy/send-proxy-v2+options/tls-client-cert/tcp4",
             "FE_TLS", "OR_TLS", "127.0.0.1", "v2", "options", "trusted", SNI_MAIN, alpn=True),
    Scenario("haproxy/send-proxy-v2+options/tls-client-cert/tcp6",
             "FE_TLS", "OR_TLS", "::1", "v2", "options", "trusted", SNI_ALT, alpn=True),
    Scenario("haproxy/send-proxy-v2+options/tls1.2-client-cert/tcp4",
             "FE_TLS", "OR_TLS", "127.0.0.1", "v2", "options", "trusted", SNI_MAIN, tls12=True),
    Scenario("haproxy/send-proxy-v2+options/tls-no-client-cert/tcp4",
             "FE_TLS", "OR_TLS", "127.0.0.1", "v2", "options", "no-cert", SNI_ALT),
    Scenario("haproxy/send-proxy-v2+options/tls-untrusted-client-cert/tcp6",
             "FE_TLS", "OR_TLS", "::1", "v2", "options", "untrusted", SNI_MAIN),
    Scenario("haproxy/send-proxy-v2+options/plain-tcp/tcp4",
             "FE_OPTS", "OR_OPTS", "127.0.0.1", "v2", "options"),
    Scenario("haproxy/send-proxy-v2+options/plain-tcp/tcp6",
             "FE_OPTS", "OR_OPTS", "::1", "v2", "options"),
    Scenario("nginx/proxy_protocol/tcp4", "FE_NGINX", "OR_NGINX", "127.0.0.1", "v1"),
    Scenario("nginx/proxy_protocol/tcp6", "FE_NGINX", "OR_NGINX", "::1", "v1"),
]
# fmt: on


@dataclass(frozen=True)
class CheckScenario:
    """HAProxy health checks (``check`` on a ``send-proxy*`` server line); each check
    says ``hello <token>`` after the header (see haproxy.cfg.in)."""

    id: str
    origin: str
    token: str
    kind: str
    tlvs: str = "none"


CHECK_SCENARIOS = [
    CheckScenario("haproxy/send-proxy/health-check", "OR_V1", "check-v1", "v1"),
    CheckScenario("haproxy/send-proxy-v2/health-check", "OR_V2", "check-v2", "v2"),
    CheckScenario(
        "haproxy/send-proxy-v2+options/health-check", "OR_TLS", "check-tls", "v2", "options"
    ),
]


# --- the run ------------------------------------------------------------------


@dataclass
class Run:
    tmp: Path
    pcap: Path
    certs: h.Certs
    clients: dict[str, h.ClientResult]  # by scenario id
    origin: list[h.OriginConn]
    records: list[dict[str, Any]]
    dissect_argv: list[str]
    dissect_seconds: float
    logs: dict[str, str]

    def flow_key(self, conn: h.OriginConn) -> tuple[str, int, str, int]:
        return (conn.peer[0], conn.peer[1], conn.local[0], conn.local[1])

    def records_for(self, conn: h.OriginConn) -> list[dict[str, Any]]:
        key = self.flow_key(conn)
        return [r for r in self.records if record_flow(r) == key]

    def conn_for(self, token: str) -> h.OriginConn:
        found = [c for c in self.origin if c.token == token]
        assert len(found) == 1, f"origin saw {len(found)} connections for {token}"
        return found[0]

    def context(self) -> str:
        logs = "\n".join(f"--- {name}:\n{text}" for name, text in self.logs.items() if text)
        return f"--- {' '.join(self.dissect_argv)} ({self.dissect_seconds:.1f}s)\n{logs}"


def record_flow(rec: dict[str, Any]) -> tuple[str, int, str, int]:
    f = rec["flow"]
    return (f["src_addr"], f["src_port"], f["dst_addr"], f["dst_port"])


def token_of(scenario_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", scenario_id)


def tls_options(s: Scenario, certs: h.Certs) -> h.TlsOptions | None:
    if s.tls is None:
        return None
    assert s.sni is not None
    cert = {"trusted": certs.client("trusted"), "untrusted": certs.client("untrusted")}
    return h.TlsOptions(
        s.sni,
        cert.get(s.tls),
        ALPN if s.alpn else None,
        ssl.TLSVersion.TLSv1_2 if s.tls12 else None,
    )


def dissect(pcap: Path) -> tuple[list[str], list[dict[str, Any]], float]:
    cli = h.find_cli()
    if cli is None:
        pytest.fail("the proxyproto command is not installed (make venv)")
    argv = [cli, "dissect", str(pcap), "--format", "jsonl"]
    t0 = time.monotonic()
    proc = subprocess.run(
        argv, capture_output=True, text=True, timeout=DISSECT_TIMEOUT, check=False
    )
    took = time.monotonic() - t0
    assert proc.returncode == 0, f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr}"
    records = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return argv, records, took


def checks_seen(origin: h.Origin) -> set[str]:
    """Tokens of the health checks the origin has answered."""
    return {c.token for c in origin.snapshot() if c.replied and c.token is not None}


LOGS = ("haproxy.log", "nginx-error.log", "nginx-access.log", "tshark.log")


def drive_traffic(tmp: Path) -> tuple[h.Certs, dict[str, h.ClientResult], list[h.OriginConn]]:
    """Start the origin, the capture and the proxies, run every scenario's client and
    wait for a health check on every checked backend; stop it all. Returns the ground
    truth: the certificates, what each client socket was, what the origin received."""
    listeners = [(a, PORTS[k]) for k in PORTS if k.startswith("FE_") for a in LOOPBACKS]
    busy = h.ports_in_use([*listeners, *ORIGIN_ENDPOINTS, ("127.0.0.1", PROBE_PORT)])
    if busy:
        raise h.HarnessError(f"ports of the interop test are already in use: {busy}")
    certs = h.make_certs(tmp / "certs", [SNI_MAIN, SNI_ALT], CLIENT_CN, UNTRUSTED_CN)
    values: dict[str, object] = dict(PORTS)
    values.update(CERTS=certs.dir, TMP=tmp, ALPN=ALPN, PP2_OPTIONS=PP2_OPTIONS,
                  UNIQUE_ID_FORMAT=UNIQUE_ID_FORMAT, CHECK_INTER=CHECK_INTER)  # fmt: skip
    for c in CHECK_SCENARIOS:
        values[f"CHECK_HELLO_{c.origin.removeprefix('OR_')}"] = f"hello {c.token}\n".encode().hex()
    hap_cfg = h.render("haproxy.cfg.in", tmp / "haproxy.cfg", **values)
    module = h.nginx_stream_module()
    values["LOAD_MODULE"] = f"load_module {module};" if module else ""
    ngx_cfg = h.render("nginx.conf.in", tmp / "nginx.conf", **values)
    haproxy_argv = [h.tool("haproxy"), "-db", "-f", str(hap_cfg)]
    h.check_config([h.tool("haproxy"), "-c", "-q", "-f", str(hap_cfg)])
    nginx_argv = [
        h.tool("nginx"),
        "-c",
        str(ngx_cfg),
        "-p",
        str(tmp),
        "-e",
        str(tmp / "nginx-error.log"),
    ]
    h.check_config([*nginx_argv, "-t", "-q"])

    clients: dict[str, h.ClientResult] = {}
    with (
        h.origin_server(ORIGIN_ENDPOINTS) as origin,
        h.tshark_capture(
            tmp / "interop.pcapng", list(PORTS.values()), PROBE_PORT, tmp / "tshark.log"
        ),
    ):
        with (
            h.child_process(
                "haproxy",
                haproxy_argv,
                tmp / "haproxy.log",
                stop_signal=signal.SIGUSR1,  # soft stop: lets a running check finish
            ) as hap,
            h.child_process("nginx", nginx_argv, tmp / "nginx.out") as ngx,
        ):
            h.wait_listening(listeners, [hap, ngx], timeout=30)
            for s in SCENARIOS:
                dst = (s.ip, PORTS[s.frontend])
                try:
                    clients[s.id] = h.run_client(
                        token_of(s.id), dst, tls_options(s, certs), certs.ca
                    )
                except (OSError, h.HarnessError) as e:
                    raise h.HarnessError(
                        f"{s.id}: client failed: {e!r}\n--- haproxy:\n{hap.log_tail()}"
                        f"\n--- nginx:\n{ngx.log_tail()}"
                    ) from e
            wanted = {c.token for c in CHECK_SCENARIOS}
            until = h.deadline(20)
            while not wanted <= checks_seen(origin) and h.left(until) > 0:
                time.sleep(0.1)
        # the proxies are stopped: let the origin read what is still in flight
        origin.quiet_for(0.3, timeout=5)
        conns = origin.snapshot()
        if origin.errors:
            raise h.HarnessError("origin: " + "; ".join(origin.errors))
    return certs, clients, conns


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    if MISSING:
        pytest.fail("interop needs " + "; ".join(MISSING))
    tmp = tmp_path_factory.mktemp("interop")
    with h.run_lock(LOCK_FILE, timeout=300):
        certs, clients, conns = drive_traffic(tmp)
    pcap = tmp / "interop.pcapng"
    argv, records, took = dissect(pcap)
    logs = {
        name: (tmp / name).read_text(errors="replace") for name in LOGS if (tmp / name).exists()
    }
    return Run(tmp, pcap, certs, clients, conns, records, argv, took, logs)


# --- expected values ----------------------------------------------------------

# OpenSSL long name (as `openssl x509 -text` prints it) -> the short name HAProxy sends
# (OBJ_nid2sn), for the signature algorithms make_certs can produce.
SIG_SHORT_NAMES = {
    "sha256WithRSAEncryption": "RSA-SHA256",
    "sha384WithRSAEncryption": "RSA-SHA384",
    "ecdsa-with-SHA256": "ecdsa-with-SHA256",
}


def server_cert_algorithms(certs: h.Certs) -> tuple[str, str]:
    """(SIG_ALG, KEY_ALG) HAProxy reports for the frontend certificate, read from it."""
    text = h.cert_text(certs.server_cert)
    sig = re.search(r"Signature Algorithm: (\S+)", text)
    bits = re.search(r"Public-Key: \((\d+) bit\)", text)
    key = re.search(r"Public Key Algorithm: (\S+)", text)
    assert sig and bits and key, text
    key_name = {"rsaEncryption": "RSA", "id-ecPublicKey": "EC"}[key.group(1)]
    return SIG_SHORT_NAMES[sig.group(1)], f"{key_name}{bits.group(1)}"


def cert_cn(path: Path) -> str:
    m = re.search(r"^subject=.*CN\s*=\s*([^,/\n]+)", h.cert_text(path), re.M)
    assert m
    return m.group(1).strip()


def tlv_bytes(tlvs: list[dict[str, Any]]) -> bytes:
    return b"".join(
        bytes([t["type"]]) + t["length"].to_bytes(2, "big") + bytes.fromhex(t["hex"]) for t in tlvs
    )


def by_name(tlvs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for t in tlvs:
        assert t["name"] not in out, f"duplicate TLV {t['name']}: {tlvs}"
        out[t["name"]] = t
    return out


ADDRESS_BLOCK = {"INET": 12, "INET6": 36, "UNIX": 216, "UNSPEC": 0}


# What dissect adds to the header JSON (the rest must be exactly the library's JSON).
DISSECT_KEYS = {"frame", "flow", "direction", "error", "stack", "midstream"}


def check_against_wire(rec: dict[str, Any], conn: h.OriginConn) -> None:
    """The record describes exactly the bytes the origin received, and says what the
    library says of them."""
    header = conn.header
    assert header, f"origin received no header on {conn.peer} -> {conn.local}: {conn.data!r}"
    assert rec["error"] is None, rec
    assert rec["length"] == len(header), (rec, header)
    assert rec["flow"]["transport"] == "tcp"
    assert rec.get("direction") is None  # only SPP has one
    assert rec.get("stack", 0) == 0  # not stacked behind another header
    assert rec.get("midstream", False) is False  # the capture saw every SYN
    assert isinstance(rec["frame"], int) and rec["frame"] > 0
    library = pp.to_json(pp.parse(header))
    assert {k: v for k, v in rec.items() if k not in DISSECT_KEYS} == library
    if rec["kind"] == "v2":
        offset = 16 + ADDRESS_BLOCK[rec["family"]]
        body = header[offset:]
        assert tlv_bytes(rec["tlvs"]) == body, (rec["tlvs"], body.hex())
        for t in rec["tlvs"]:
            value_at = offset + 3
            offset = value_at + t["length"]
            assert t["length"] == len(bytes.fromhex(t["hex"]))
            if t["name"] == "SSL":
                value = bytes.fromhex(t["hex"])
                assert value[0] == t["client"]
                assert int.from_bytes(value[1:5], "big") == t["verify"]
                assert tlv_bytes(t["sub_tlvs"]) == value[5:]
            if t["name"] == "CRC32C":
                zeroed = header[:value_at] + bytes(4) + header[value_at + 4 :]
                assert t["value"] == crc32c.crc32c(zeroed), "CRC32C value"
                assert t["verified"] is True, t
    else:
        assert rec["tlvs"] == []


def expected_header(s: Scenario, client: h.ClientResult) -> dict[str, Any]:
    v6 = ":" in client.src_addr
    return {
        "kind": s.kind,
        "command": "PROXY",
        "family": ("TCP6" if v6 else "TCP4") if s.kind == "v1" else ("INET6" if v6 else "INET"),
        "transport": "STREAM",
        "src_addr": client.src_addr,
        "src_port": client.src_port,
        "dst_addr": client.dst_addr,
        "dst_port": client.dst_port,
    }


def check_option_tlvs(s: Scenario, run: Run, rec: dict[str, Any]) -> None:
    client = run.clients[s.id]
    tlvs = by_name(rec["tlvs"])
    expected_names = {"CRC32C", "UNIQUE_ID", "SSL"}
    if s.tls is not None:
        expected_names.add("AUTHORITY")
        if s.alpn:
            expected_names.add("ALPN")
    assert set(tlvs) == expected_names, rec["tlvs"]

    assert tlvs["CRC32C"]["verified"] is True
    uid = bytes.fromhex(tlvs["UNIQUE_ID"]["hex"]).decode()
    assert uid == f"uid-{client.src_addr}-{client.src_port}"  # UNIQUE_ID_FORMAT
    if s.tls is not None:
        assert tlvs["AUTHORITY"]["value"] == s.sni
    if s.alpn:
        assert client.tls_alpn == ALPN
        assert tlvs["ALPN"]["value"] == ALPN

    ssl_tlv = tlvs["SSL"]
    subs = {t["name"]: t.get("value") for t in ssl_tlv["sub_tlvs"]}
    if s.tls is None:
        assert ssl_tlv["client"] == 0
        assert ssl_tlv["verify"] == 0
        assert subs == {}
        return
    assert client.tls_version == ("TLSv1.2" if s.tls12 else "TLSv1.3")
    sig_alg, key_alg = server_cert_algorithms(run.certs)
    want = {
        "VERSION": client.tls_version,
        "CIPHER": client.tls_cipher,
        "SIG_ALG": sig_alg,
        "KEY_ALG": key_alg,
    }
    if s.tls == "no-cert":
        assert ssl_tlv["client"] == CLIENT_SSL
        assert ssl_tlv["verify"] == 0
    else:
        cert = run.certs.client(s.tls)[0]
        want["CN"] = cert_cn(cert)
        assert want["CN"] == (CLIENT_CN if s.tls == "trusted" else UNTRUSTED_CN)
        assert ssl_tlv["client"] == CLIENT_SSL | CLIENT_CERT_CONN | CLIENT_CERT_SESS
        expected_verify = 0 if s.tls == "trusted" else X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT
        assert ssl_tlv["verify"] == expected_verify
    assert subs == want


# --- the tests ----------------------------------------------------------------


@pytest.mark.parametrize("s", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_client_connection(run: Run, s: Scenario) -> None:
    client = run.clients[s.id]
    assert client.src_addr == s.ip and client.src_port > 0
    conn = run.conn_for(token_of(s.id))
    assert conn.listen_port == PORTS[s.origin]
    recs = run.records_for(conn)
    assert len(recs) == 1, (
        f"expected one header on {run.flow_key(conn)}, dissect gave {recs}\n{run.context()}"
    )
    rec = recs[0]
    check_against_wire(rec, conn)
    got = {k: rec[k] for k in ("kind", "command", "family", "transport",
                               "src_addr", "src_port", "dst_addr", "dst_port")}  # fmt: skip
    assert got == expected_header(s, client)
    if s.tlvs == "none":
        assert rec["tlvs"] == []
    else:
        check_option_tlvs(s, run, rec)


@pytest.mark.parametrize("c", CHECK_SCENARIOS, ids=[c.id for c in CHECK_SCENARIOS])
def test_health_check(run: Run, c: CheckScenario) -> None:
    checks = [x for x in run.origin if x.token == c.token]
    assert checks, f"no health check reached the origin on {c.origin}\n{run.context()}"
    for conn in checks:
        assert conn.listen_port == PORTS[c.origin]
        recs = run.records_for(conn)
        assert len(recs) == 1, (run.flow_key(conn), recs)
        rec = recs[0]
        check_against_wire(rec, conn)
        addresses = {k: rec[k] for k in ("src_addr", "src_port", "dst_addr", "dst_port")}
        if c.kind == "v1":
            # a v1 line cannot say LOCAL: HAProxy sends the check connection's own addresses
            v6 = ":" in conn.peer[0]
            assert (rec["kind"], rec["command"], rec["family"]) == (
                "v1",
                "PROXY",
                "TCP6" if v6 else "TCP4",
            )
            assert addresses == dict(zip(addresses, run.flow_key(conn), strict=True))
            continue
        assert (rec["kind"], rec["command"], rec["family"], rec["transport"]) == (
            "v2",
            "LOCAL",
            "UNSPEC",
            "UNSPEC",
        )
        assert addresses == dict.fromkeys(addresses)
        if c.tlvs == "none":
            assert rec["tlvs"] == []
            continue
        # no stream: no UNIQUE_ID; no client connection: no AUTHORITY and an SSL TLV
        # that says "not TLS"
        tlvs = by_name(rec["tlvs"])
        assert list(tlvs) == ["CRC32C", "SSL"], rec["tlvs"]
        assert tlvs["CRC32C"]["verified"] is True
        ssl_tlv = tlvs["SSL"]
        assert (ssl_tlv["client"], ssl_tlv["verify"], ssl_tlv["sub_tlvs"]) == (0, 0, [])


def test_nothing_else_reported(run: Run) -> None:
    """Every header dissect reports is one the origin received (no header on the
    client -> proxy side, TLS included), and every header the origin received while
    the capture ran is reported."""
    known = {run.flow_key(c): c for c in run.origin if c.header}
    origin_ports = {PORTS[k] for k in PORTS if k.startswith("OR_")}
    for rec in run.records:
        assert rec["flow"]["dst_port"] in origin_ports, f"header on a proxy listener: {rec}"
        assert record_flow(rec) in known, f"header on an unknown flow: {rec}"
    reported = {record_flow(r) for r in run.records}
    missing = [k for k in known if k not in reported]
    assert not missing, f"headers the origin received but dissect missed: {missing}"
    assert len(run.records) == len(reported), "more than one header on a flow"
