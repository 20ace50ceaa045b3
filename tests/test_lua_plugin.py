"""The Wireshark plugin ``dissector/proxyproto.lua``, run through tshark.

As Wireshark's own Lua tests do (``test/suite_wslua.py``), the plugin is only ever
exercised through ``tshark -X lua_script:...``. Every vector in ``tests/vectors/``
that fits a capture becomes packets of one deterministic capture (built with
``dissector/pcapwriter.py``), the capture goes through ONE tshark run
(``-T json``), and each frame is mapped back to its vector:

* stream vectors become a whole TCP connection (handshake, the bytes, a server
  reply, FIN/ACK): valid ones on a port reached by the ``proxyproto_tcp``
  heuristic, invalid ones on a "Decode As" port (``-d tcp.port==...``) and on the
  heuristic port;
* datagram vectors (``datagram: true``: all SPP, some v2 and v1) become UDP
  datagrams on a heuristic port and on a "Decode As" port;
* valid vectors must give exactly the vector's ``expect`` (the library's header
  JSON, every key); invalid ones must raise the plugin's expert info, naming the
  vector's ``error.field`` and ``error.offset`` when it has them;
* incomplete vectors go through a second, small run with TCP desegmentation off,
  where they must raise ``proxyproto.incomplete``.

The same capture holds seeded random payloads (never claimed, never a Lua error),
headers in the middle of streams (never claimed) and headers split over three
segments, in order and out of order (reassembled).

The built-in ``proxy`` heuristics are disabled in these runs
(``--disable-heuristic proxy_tcp/proxy_udp``); ``test_coexistence_*`` shows what
happens when both are on. tshark runs with HOME pointing to an empty directory,
so no personal plugin or preference interferes.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector._spp_rule import SppRule
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter, TcpConnection
from test_dissect_support import Tshark

pytestmark = pytest.mark.tshark

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "dissector" / "proxyproto.lua"
README = ROOT / "dissector" / "README.md"

TCP_HEUR, TCP_FORCED = 9440, 9450  # no built-in dissector on these ports
UDP_HEUR, UDP_FORCED = 9441, 9451
BASE_ARGS = [
    "-n",
    "--disable-heuristic", "proxy_tcp",
    "--disable-heuristic", "proxy_udp",
    "-d", f"tcp.port=={TCP_FORCED},proxyproto",
    "-d", f"udp.port=={UDP_FORCED},proxyproto",
]  # fmt: skip

#: Expert fields that mean "this is not a good header".
BAD_EXPERTS = {
    "proxyproto.invalid",
    "proxyproto.incomplete",
    "proxyproto.crc32c_mismatch",
    "proxyproto.no_header",
}
SEVERITY_ERROR, SEVERITY_WARN = 0x00800000, 0x00600000

SIG = b"\r\n\r\n\x00\r\nQUIT\n"
# --- tshark -----------------------------------------------------------------------------


def run_tshark(tshark: Tshark, *args: str, check_lua: bool = True) -> tuple[str, str]:
    exe, env = tshark
    proc = subprocess.run(
        [exe, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )
    assert proc.returncode == 0, f"tshark {args} failed: {proc.stderr}"
    # `-G` listings name the Lua error field itself: only dissections are searched.
    assert_no_lua_error(proc.stdout if check_lua else "", proc.stderr)
    return proc.stdout, proc.stderr


def assert_no_lua_error(stdout: str, stderr: str) -> None:
    bad = [line for line in stderr.splitlines() if "lua" in line.lower()]
    assert not bad, f"Lua errors on tshark's stderr: {bad}"
    assert "Lua Error" not in stdout, "a Lua error item in the dissection tree"
    assert "proxyproto.internal_error" not in stdout, "the plugin caught an internal error"


def dissect(tshark: Tshark, pcap: Path, *args: str) -> dict[int, Packet]:
    """One tshark run over ``pcap``; returns the packets by frame number."""
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", *BASE_ARGS, *args, "-r", str(pcap),
                        "-T", "json")  # fmt: skip
    packets = json.loads(out, object_pairs_hook=list)
    result = {}
    for pkt in packets:
        layers = dict(pkt)["_source"]
        layers = dict(layers)["layers"]
        p = Packet(layers)
        result[p.number] = p
    return result


# --- Reading tshark's JSON (objects kept as ordered (key, value) pairs) -----------------

Pairs = list[tuple[str, Any]]


def walk(pairs: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(pairs, list):
        for item in pairs:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], str):
                yield item
                yield from walk(item[1])
            else:
                yield from walk(item)


@dataclass
class Packet:
    layers: Pairs

    @property
    def number(self) -> int:
        frame = dict(self.layers)["frame"]
        return int(dict(frame)["frame.number"])

    @property
    def protocols(self) -> list[str]:
        return str(dict(dict(self.layers)["frame"])["frame.protocols"]).split(":")

    def field(self, layer: str, key: str) -> Any:
        """A top-level field of a layer (the first occurrence), or None."""
        for name, value in self.layers:
            if name == layer and isinstance(value, list):
                return _first(value, key)
        return None

    def proxy_layers(self) -> list[Pairs]:
        return [v for k, v in self.layers if k == "proxyproto"]

    def header_layers(self) -> list[Pairs]:
        return [layer for layer in self.proxy_layers() if _first(layer, "proxyproto.kind")]

    def experts(self) -> list[dict[str, Any]]:
        found = []
        for layer in self.proxy_layers():
            for key, value in walk(layer):
                if key == "_ws.expert":
                    d = dict(value)
                    abbrev = next((k for k, _ in value if not k.startswith("_ws.")), "")
                    found.append(
                        {
                            "abbrev": abbrev,
                            "message": d.get("_ws.expert.message", ""),
                            "severity": int(d.get("_ws.expert.severity", "0")),
                        }
                    )
        return found

    def bad_experts(self) -> list[dict[str, Any]]:
        return [e for e in self.experts() if e["abbrev"] in BAD_EXPERTS]

    def client(self) -> dict[str, Any]:
        """The conversation-tracking fields anywhere in the packet's proxyproto layers."""
        out: dict[str, Any] = {}
        for layer in self.proxy_layers():
            for key, value in walk(layer):
                if key in ("proxyproto.client_addr", "proxyproto.client_port",
                           "proxyproto.header_frame"):  # fmt: skip
                    out[key.split(".", 1)[1]] = value
        return out


def _first(pairs: Pairs, key: str) -> Any:
    for k, v in pairs:
        if k == key:
            return v
    return None


SCALARS = {
    "proxyproto.kind": "kind",
    "proxyproto.command": "command",
    "proxyproto.family": "family",
    "proxyproto.transport": "transport",
    "proxyproto.src_addr": "src_addr",
    "proxyproto.src_port": "src_port",
    "proxyproto.dst_addr": "dst_addr",
    "proxyproto.dst_port": "dst_port",
    "proxyproto.length": "length",
}
INT_KEYS = {"src_port", "dst_port", "length"}


def _int(text: str) -> int:
    return int(text, 0)


def _bool(text: str) -> bool:
    return text in ("1", "True", "true")


def _tlv(pairs: Pairs, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        leaf = key[len(prefix) :] if key.startswith(prefix) else None
        if leaf in ("type", "length", "crc32c.value", "ssl.client", "ssl.verify",
                    "azure.value", "gcp.value", "aws.subtype", "azure.subtype"):  # fmt: skip
            name = {"crc32c.value": "value", "ssl.client": "client", "ssl.verify": "verify",
                    "azure.value": "value", "gcp.value": "value", "aws.subtype": "subtype",
                    "azure.subtype": "subtype"}.get(leaf, leaf)  # fmt: skip
            out[name] = _int(value)
        elif leaf in ("name", "value", "aws.value"):
            out["name" if leaf == "name" else "value"] = value
        elif leaf == "hex":
            out["hex"] = value.replace(":", "")
        elif leaf == "crc32c.verified":
            out["verified"] = _bool(value)
        elif leaf == "ssl.sub_tlv" and isinstance(value, list):
            out.setdefault("sub_tlvs", []).append(_tlv(value, "proxyproto.tlv.ssl.sub_tlv."))
    if prefix == "proxyproto.tlv." and out.get("type") == 0x20 and "client" in out:
        out.setdefault("sub_tlvs", [])
    return out


def header_json(layer: Pairs) -> dict[str, Any]:
    """The plugin's fields as the library's header JSON (missing keys omitted)."""
    out: dict[str, Any] = {}
    tlvs = []
    for key, value in layer:
        if key in SCALARS:
            name = SCALARS[key]
            out[name] = _int(value) if name in INT_KEYS else value
        elif key == "proxyproto.tlv" and isinstance(value, list):
            tlvs.append(_tlv(value, "proxyproto.tlv."))
    out["tlvs"] = tlvs
    return out


def compare(expect: dict[str, Any], got: dict[str, Any]) -> list[str]:
    """Differences between a vector's header JSON and the plugin's (every key of expect)."""
    diffs = []
    for key, want in expect.items():
        have = got.get(key)
        if key == "tlvs":
            have = got.get("tlvs", [])
            if len(have) != len(want):
                diffs.append(f"tlvs: {len(have)} TLVs, expected {len(want)}: {have!r}")
                continue
            for i, (w, h) in enumerate(zip(want, have, strict=True)):
                diffs += [f"tlvs[{i}].{d}" for d in _compare_tlv(w, h)]
        elif have != want:
            diffs.append(f"{key}: {have!r}, expected {want!r}")
    return diffs


def _compare_tlv(want: dict[str, Any], have: dict[str, Any]) -> list[str]:
    diffs = []
    for key, w in want.items():
        h = have.get(key)
        if key == "sub_tlvs":
            h = h or []
            if len(h) != len(w):
                diffs.append(f"sub_tlvs: {h!r}, expected {w!r}")
                continue
            for i, (ws, hs) in enumerate(zip(w, h, strict=True)):
                diffs += [f"sub_tlvs[{i}].{d}" for d in _compare_tlv(ws, hs)]
        elif h != w:
            diffs.append(f"{key}: {h!r}, expected {w!r}")
    extra = set(have) - set(want)
    if extra:
        diffs.append(f"unexpected keys {sorted(extra)}: {have!r}")
    return diffs


# --- The captures -----------------------------------------------------------------------


@dataclass
class Case:
    """One placement of a vector (or a synthetic case) in a capture."""

    vid: str
    vector: dict[str, Any] | None
    mode: str  # tcp-heur, tcp-forced, udp-heur, udp-forced, tcp-nodeseg
    header_frames: list[int]  # frames carrying the header's bytes, in capture order
    later_frames: list[int] = field(default_factory=list)
    expect_claim: bool = True
    complete_frame: int | None = None  # where the header is complete (default: last)

    @property
    def frame(self) -> int:
        return self.complete_frame or self.header_frames[-1]


@dataclass
class Plan:
    cases: list[Case] = field(default_factory=list)
    garbage_frames: list[int] = field(default_factory=list)
    midstream_frames: list[int] = field(default_factory=list)

    def vector_ids(self) -> set[str]:
        return {c.vector["id"] for c in self.cases if c.vector is not None}


def spp_claimed_alone(data: bytes) -> bool:
    """Whether the shared SPP rule claims a datagram alone, in a flow of its own (the
    plugin applies the same data: spec/spp_detection.json; test_lua_spp_rule.py)."""
    cls = SppRule().evidence(data)
    return cls is not None and cls.decides_alone


def _tcp(cap: CaptureWriter, n: int, server_port: int) -> TcpConnection:
    client = (f"10.1.{n // 200}.{n % 200 + 1}", 20000 + n)
    return cap.tcp(client, ("10.9.0.1", server_port), isn=(1000 + n, 900000 + n))


def _stream(cap: CaptureWriter, n: int, port: int, data: bytes, chunks: list[int] | None = None
            ) -> tuple[list[int], list[int]]:  # fmt: skip
    conn = _tcp(cap, n, port)
    conn.handshake()
    frames = conn.client_send(data, chunks=chunks)
    later = conn.server_send(b"server says hi\r\n") + conn.close()
    return frames, later


def _datagram(cap: CaptureWriter, n: int, port: int, data: bytes) -> int:
    return cap.udp((f"10.2.{n // 200}.{n % 200 + 1}", 30000 + n), ("10.9.0.2", port), data)


def build_main(path: Path) -> Plan:
    plan = Plan()
    n = 0
    with CaptureWriter.open(path) as cap:
        for v in vectorlib.all_vectors():
            data = vectorlib.data(v)
            if not data or v["result"] == "incomplete":
                continue
            valid = v["result"] == "valid"
            if v.get("datagram"):
                n += 1
                f = _datagram(cap, n, UDP_FORCED, data)
                plan.cases.append(Case(v["id"], v, "udp-forced", [f]))
                n += 1
                heur_claims = (v["id"].startswith("v2/") and data[:12] == SIG) or (
                    v["id"].startswith("spp/") and spp_claimed_alone(data)
                )
                f = _datagram(cap, n, UDP_HEUR, data)
                later = []
                if valid and v["id"].startswith("v2/") and v["expect"].get("src_addr"):
                    # Cloudflare-style: only the first datagram of the flow has the header.
                    later = [_datagram(cap, n, UDP_HEUR, b"next datagram, no header")]
                plan.cases.append(Case(v["id"], v, "udp-heur", [f], later, heur_claims))
                continue
            if valid:
                n += 1
                frames, later = _stream(cap, n, TCP_HEUR, data)
                plan.cases.append(Case(v["id"], v, "tcp-heur", frames, later))
            else:
                n += 1
                frames, later = _stream(cap, n, TCP_FORCED, data)
                plan.cases.append(Case(v["id"], v, "tcp-forced", frames, later))
                n += 1
                frames, later = _stream(cap, n, TCP_HEUR, data)
                plan.cases.append(Case(v["id"], v, "tcp-heur", frames, later, expect_claim=False))
        n = _split_cases(cap, plan, n)
        _garbage(cap, plan, n)
    return plan


def _pick(vid: str) -> dict[str, Any] | None:
    return next((v for v in vectorlib.all_vectors() if v["id"] == vid), None)


def _split_cases(cap: CaptureWriter, plan: Plan, n: int) -> int:
    """Headers split over 3 segments: in order, and out of order (needs reassembly)."""
    for vid in ("v2/ssl/followed-by-tlvs", "v2/tlv/crc32c-tcp6-between-tlvs",
                "v1/tcp6/haproxy-worst-case"):  # fmt: skip
        v = _pick(vid)
        if v is None or v["result"] != "valid":
            continue
        data = vectorlib.data(v) + b"payload after the header"
        a, b = 5, max(6, len(data) // 3)
        # in order
        n += 1
        frames, later = _stream(cap, n, TCP_HEUR, data, chunks=[a, b - a])
        plan.cases.append(Case(vid + "#split3", v, "tcp-heur", frames, later))
        # out of order: 1st, 3rd, then 2nd segment
        n += 1
        conn = _tcp(cap, n, TCP_HEUR)
        conn.handshake()
        f1 = conn.client_segment(0, data[:a])
        f3 = conn.client_segment(b, data[b:])
        f2 = conn.client_segment(a, data[a:b])
        conn.advance_client(len(data))
        later = conn.server_send(b"reply") + conn.close()
        plan.cases.append(
            Case(vid + "#split3-out-of-order", v, "tcp-heur", [f1, f3, f2], later, True, f2)
        )
    return n


def _garbage(cap: CaptureWriter, plan: Plan, n: int) -> None:
    """Seeded random payloads and mid-stream headers: none may be claimed."""
    rng = random.Random(20260101)
    near_miss = [b"PROXZ", b"PROXy ", SIG[:11] + b"X", b"\r\n\r\n\x01", b"proxy TCP4 ", b"\x56"]
    for i in range(60):
        n += 1
        size = rng.randint(1, 300)
        body = rng.randbytes(size)
        if i < len(near_miss) * 3:
            body = near_miss[i % len(near_miss)] + body
        conn = _tcp(cap, n, TCP_HEUR)
        plan.garbage_frames += conn.handshake()
        plan.garbage_frames += conn.client_send(body, chunks=[rng.randint(1, 200)])
        plan.garbage_frames += conn.server_send(rng.randbytes(rng.randint(1, 80)))
        plan.garbage_frames += conn.close()
    # Headers in the middle of a stream are payload, not headers.
    v1_line = b"PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"
    v2_hdr = SIG + b"\x21\x11\x00\x0c" + bytes(range(12))
    for i, later in enumerate([v1_line, v2_hdr, v1_line + b"x", v2_hdr + b"y"]):
        n += 1
        conn = _tcp(cap, n, TCP_HEUR)
        plan.garbage_frames += conn.handshake()
        plan.garbage_frames += conn.client_send(b"HELO example\r\n" if i % 2 else rng.randbytes(30))
        plan.midstream_frames += conn.client_send(later)
        plan.garbage_frames += conn.close()
    for i in range(240):
        n += 1
        size = rng.randint(1, 200)
        body = rng.randbytes(size)
        if i % 4 == 0:
            body = b"\x56\xec" + rng.randbytes(max(size, 40))  # SPP magic, random rest
        elif i % 17 == 0:
            body = SIG[:11] + b"Y" + body  # almost a v2 signature
        plan.garbage_frames.append(_datagram(cap, n, UDP_HEUR, body))


@pytest.fixture(scope="session")
def main_run(
    tshark: Tshark, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Plan, dict[int, Packet]]:
    pcap = tmp_path_factory.mktemp("lua") / "vectors.pcap"
    plan = build_main(pcap)
    packets = dissect(tshark, pcap, "-o", "tcp.reassemble_out_of_order:TRUE")
    return plan, packets


@pytest.fixture(scope="session")
def nodeseg_run(
    tshark: Tshark, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Plan, dict[int, Packet]]:
    """Incomplete stream vectors, each in one segment, with TCP desegmentation off."""
    pcap = tmp_path_factory.mktemp("lua") / "incomplete.pcap"
    plan = Plan()
    with CaptureWriter.open(pcap) as cap:
        for i, v in enumerate(vectorlib.all_vectors()):
            data = vectorlib.data(v)
            if v["result"] == "incomplete" and data:
                frames, later = _stream(cap, i, TCP_FORCED, data)
                plan.cases.append(Case(v["id"], v, "tcp-nodeseg", frames, later))
    packets = dissect(tshark, pcap, "-o", "tcp.desegment_tcp_streams:FALSE")
    return plan, packets


# --- Vector checks ----------------------------------------------------------------------


def check_case(case: Case, packets: dict[int, Packet]) -> list[str]:
    """Everything one placement must satisfy; returns the problems found."""
    v = case.vector
    assert v is not None
    pkt = packets[case.frame]
    heads = pkt.header_layers()
    problems: list[str] = []
    fmt = case.vid.split("/", 1)[0]
    if case.mode == "tcp-nodeseg":
        if not any(e["abbrev"] == "proxyproto.incomplete" for e in pkt.experts()):
            problems.append(f"no proxyproto.incomplete expert: {pkt.experts()}")
        return problems
    if v["result"] == "valid" and case.expect_claim:
        rest = vectorlib.data(v)[v["expect"]["length"] :]
        stacked = rest.startswith((SIG, b"PROXY "))  # shown as a header of its own
        if len(heads) != 1 + stacked:
            return [f"frame {case.frame}: {len(heads)} header layers, expected {1 + stacked}"]
        problems += compare(v["expect"], header_json(heads[0]))
        if pkt.bad_experts():
            problems.append(f"unexpected expert info: {pkt.bad_experts()}")
        for other in case.header_frames:
            if other != case.frame and packets[other].header_layers():
                problems.append(f"frame {other} (a piece of the header) shows a header")
        payload = vectorlib.data(v)[v["expect"]["length"] :]
        if (payload and not stacked) or "#split3" in case.vid:
            # Handed on: a dissector follows ours, or the next one asked TCP for more
            # bytes and TCP kept exactly the payload for reassembly.
            held = pkt.field("tcp", "tcp.segment_data")
            if pkt.protocols[-1] == "proxyproto" and (
                held is None or bytes.fromhex(held.replace(":", "")) != payload
            ):
                problems.append(f"payload not handed on: {pkt.protocols}")
        problems += _check_tracking(case, packets)
    elif v["result"] == "valid":
        if heads:
            problems.append("claimed by the heuristic although implausible")
    elif case.mode in ("tcp-forced", "udp-forced"):
        other_kind = heads and header_json(heads[0]).get("kind") not in (fmt, None)
        bad = pkt.bad_experts()
        if not bad and not other_kind:
            problems.append(f"no expert info for an invalid header: {pkt.experts()}")
        err = v.get("error") or {}
        if bad and "field" in err and "offset" in err:
            where = f"[field {err['field']}, offset {err['offset']}]"
            if not any(where in e["message"] for e in bad):
                problems.append(f"no expert says {where}: {[e['message'] for e in bad]}")
        if heads and not other_kind and v["expect"]:
            problems += compare(v["expect"], header_json(heads[0]))
    else:  # an invalid vector where only the heuristic looks: not claimed, or flagged
        if heads and not pkt.bad_experts():
            got = header_json(heads[0]).get("kind")
            if got == fmt:
                problems.append("heuristic claimed an invalid header without expert info")
    return [f"{case.mode}: {p}" for p in problems]


def _check_tracking(case: Case, packets: dict[int, Packet]) -> list[str]:
    v = case.vector
    assert v is not None
    exp = v["expect"]
    proxied = exp.get("command") == "PROXY" and exp.get("src_addr") is not None
    problems = []
    want = {"client_addr": exp.get("src_addr"), "header_frame": str(case.frame)}
    if exp.get("src_port") is not None:
        want["client_port"] = str(exp["src_port"])
    for frame in case.later_frames:
        got = packets[frame].client()
        if proxied and got != want:
            problems.append(f"frame {frame}: tracking {got}, expected {want}")
        if not proxied and got:
            problems.append(f"frame {frame}: tracking fields without a proxied client: {got}")
        if packets[frame].header_layers():
            problems.append(f"frame {frame}: a later packet shows a header")
    return problems


def _params() -> list[Any]:
    vectors = [v for v in vectorlib.all_vectors() if v["hex"]]
    return vectorlib.params(tuple(vectors))


@pytest.mark.parametrize("vector", _params())
def test_vector(
    vector: dict[str, Any],
    main_run: tuple[Plan, dict[int, Packet]],
    nodeseg_run: tuple[Plan, dict[int, Packet]],
) -> None:
    """Every placement of the vector gives its expect / its expert info."""
    problems = []
    placed = 0
    for plan, packets in (main_run, nodeseg_run):
        for case in plan.cases:
            if case.vector is vector or case.vid == vector["id"]:
                placed += 1
                problems += check_case(case, packets)
    assert placed, f"{vector['id']} was not placed in any capture"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "vid",
    [
        f"{v}#{how}"
        for v in (
            "v2/ssl/followed-by-tlvs",
            "v2/tlv/crc32c-tcp6-between-tlvs",
            "v1/tcp6/haproxy-worst-case",
        )
        for how in ("split3", "split3-out-of-order")
    ],
)
def test_header_split_over_three_segments(
    vid: str, main_run: tuple[Plan, dict[int, Packet]]
) -> None:
    """Reassembled from 3 segments, in order or not; only the last piece shows the header."""
    plan, packets = main_run
    cases = [c for c in plan.cases if c.vid == vid]
    if not cases:
        pytest.skip(f"vector {vid.split('#')[0]} not in the vector files")
    (case,) = cases
    assert len(case.header_frames) == 3
    assert not check_case(case, packets), check_case(case, packets)


def test_garbage_is_never_claimed(main_run: tuple[Plan, dict[int, Packet]]) -> None:
    """Random payloads and near-miss signatures: no proxyproto layer at all."""
    plan, packets = main_run
    claimed = [f for f in plan.garbage_frames if packets[f].proxy_layers()]
    assert not claimed, f"frames claimed: {claimed[:20]}"
    assert len(plan.garbage_frames) > 500


def test_midstream_headers_are_payload(main_run: tuple[Plan, dict[int, Packet]]) -> None:
    """A PROXY line or v2 header in the middle of a stream is not a header."""
    plan, packets = main_run
    assert plan.midstream_frames
    claimed = [f for f in plan.midstream_frames if packets[f].proxy_layers()]
    assert not claimed, f"mid-stream frames claimed: {claimed}"


def test_vectors_checked_through_tshark(
    main_run: tuple[Plan, dict[int, Packet]],
    nodeseg_run: tuple[Plan, dict[int, Packet]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Records how many vectors went through tshark (printed in the test output)."""
    ids = main_run[0].vector_ids() | nodeseg_run[0].vector_ids()
    total = len(vectorlib.all_vectors())
    frames = len(main_run[1]) + len(nodeseg_run[1])
    with capsys.disabled():
        print(f"\n[lua plugin] {len(ids)} of {total} vectors checked through tshark "
              f"({frames} frames, 2 tshark runs)")  # fmt: skip
    assert len(ids) == len([v for v in vectorlib.all_vectors() if v["hex"]])


# --- Registration, fields, documentation --------------------------------------------------


def plugin_fields(tshark: Tshark) -> list[tuple[str, str, str]]:
    """(abbreviation, type, name) of every proxyproto field, from ``tshark -G fields``."""
    out, _ = run_tshark(tshark, "-G", "fields", "-X", f"lua_script:{LUA}", check_lua=False)
    rows = []
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0] == "F" and parts[2].startswith("proxyproto."):
            rows.append((parts[2], parts[3], parts[1]))
    return rows


def test_readme_field_table_matches_tshark(tshark: Tshark) -> None:
    """The README's field table is exactly what ``tshark -G fields`` lists."""
    fields = plugin_fields(tshark)
    assert len(fields) > 50
    table = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\| `(proxyproto\.[a-z0-9_.]+)` \| (FT_[A-Za-z0-9_]+) \|", line)
        if m:
            table[m.group(1)] = m.group(2)
    tshark_fields = {abbr: ftype for abbr, ftype, _ in fields}
    retyped = [(k, table[k], t) for k, t in tshark_fields.items() if table.get(k, t) != t]
    assert table == tshark_fields, (
        f"README only: {sorted(set(table) - set(tshark_fields))}; "
        f"tshark only: {sorted(set(tshark_fields) - set(table))}; "
        f"type differences (README, tshark): {retyped}"
    )


def test_heuristics_and_protocols_registered(tshark: Tshark) -> None:
    out, _ = run_tshark(
        tshark, "-G", "heuristic-decodes", "-X", f"lua_script:{LUA}", check_lua=False
    )
    rows = {tuple(line.split("\t")) for line in out.splitlines()}
    assert ("tcp", "proxyproto", "T") in rows
    assert ("udp", "proxyproto", "T") in rows
    out, _ = run_tshark(tshark, "-G", "protocols", "-X", f"lua_script:{LUA}", check_lua=False)
    names = {line.split("\t")[2] for line in out.splitlines() if line.count("\t") >= 2}
    assert {"proxyproto", "proxyproto_track"} <= names


def _sample(path: Path) -> None:
    """One connection or datagram of each kind, on the heuristic ports."""
    vids = ["v1/tcp4/spec-example-http", "v2/tcp4/crc32c-spec-notes", "v2/udp4/spec-notes",
            "spp/inet/dns-query"]  # fmt: skip
    with CaptureWriter.open(path) as cap:
        for i, vid in enumerate(vids):
            v = _pick(vid)
            data = vectorlib.data(v) if v else b""
            if vid.startswith("v2/udp") or vid.startswith("spp"):
                _datagram(cap, i, UDP_HEUR, data)
            else:
                _stream(cap, i, TCP_HEUR, data)


def test_coexistence_with_builtin_proxy(tshark: Tshark, tmp_path: Path) -> None:
    """With the built-in proxy_tcp/proxy_udp heuristics on, the plugin still wins
    (Lua heuristics are registered last and tried first); with ours disabled, the
    built-in `proxy` takes the same packets."""
    pcap = tmp_path / "sample.pcap"
    _sample(pcap)
    both = [tshark[0], "-n", "-X", f"lua_script:{LUA}", "-r", str(pcap), "-T", "fields",
            "-e", "frame.number", "-e", "frame.protocols", "-e", "proxyproto.kind"]  # fmt: skip
    out, _ = run_tshark(tshark, *both[1:])
    rows = [line.split("\t") for line in out.splitlines()]
    kinds = [r[2] for r in rows if r[2]]
    assert sorted(kinds) == ["spp", "v1", "v2", "v2"], rows
    assert not any(":proxy:" in r[1] + ":" for r in rows), rows
    out, _ = run_tshark(tshark, *both[1:], "--disable-heuristic", "proxyproto_tcp",
                        "--disable-heuristic", "proxyproto_udp",
                        "-o", "proxyproto.wrap_ports:FALSE")  # fmt: skip
    rows = [line.split("\t") for line in out.splitlines()]
    assert sum(1 for r in rows if ":proxy" in r[1]) >= 3, rows  # v1, v2 TCP, v2 UDP
    assert not any(r[2] for r in rows), rows


def test_preferences_disable_each_part(tshark: Tshark, tmp_path: Path) -> None:
    """enable_v1 / enable_v2 / enable_spp switch each part off."""
    pcap = tmp_path / "sample.pcap"
    _sample(pcap)
    base = ["-n", "-X", f"lua_script:{LUA}", *BASE_ARGS[1:5], "-r", str(pcap), "-T", "fields",
            "-e", "proxyproto.kind"]  # fmt: skip
    out, _ = run_tshark(tshark, *base, "-o", "proxyproto.enable_v1:FALSE",
                        "-o", "proxyproto.enable_spp:FALSE")  # fmt: skip
    assert sorted(k for k in out.split() if k) == ["v2", "v2"]
    out, _ = run_tshark(tshark, *base, "-o", "proxyproto.enable_v2:FALSE")
    assert sorted(k for k in out.split() if k) == ["spp", "v1"]


def test_lua_syntax_and_lint() -> None:
    """``luac5.2 -p`` and ``luacheck --std lua52`` (Wireshark globals are declared in the
    file), when installed (Debian: lua5.2, lua-check); not needed by CI's tshark job."""
    ran = []
    luac = shutil.which("luac5.2")
    if luac:
        proc = subprocess.run([luac, "-p", str(LUA)], capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        ran.append("luac5.2")
    luacheck = shutil.which("luacheck")
    if luacheck:
        proc = subprocess.run(
            [luacheck, "--std", "lua52", "--no-color", "--codes", str(LUA)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout
        ran.append("luacheck")
    if not ran:
        pytest.skip("neither luac5.2 nor luacheck is installed")
