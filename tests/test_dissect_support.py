"""Shared helpers for the dissector tests: the tshark gate and capture builders.

Imported by ``test_dissect_*.py``, ``test_lua_*.py``, the CLI tests and conftest.py
(``pythonpath = tests``).
It holds no tests itself.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector import Finding
from proxyproto_kaitai.dissector._spp_rule import SppRule
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter

V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def require_tshark() -> str:
    """The tshark path; skip the test when it is missing, but fail under CI=true."""
    found = shutil.which("tshark")
    if found is None:
        message = "tshark is not installed (apt-get install tshark)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": required when CI=true")
        pytest.skip(message)
    return found


#: The tshark binary and the environment it runs the Lua plugin in (the
#: ``tshark`` fixture of the test_lua_* files, in conftest.py).
Tshark = tuple[str, dict[str, str]]


class LoopbackTraffic(threading.Thread):
    """TCP connections to 127.0.0.1, one every ``interval`` seconds until stopped
    (at most ``limit``), each starting with a PROXY v1 header that names its real
    client port; with ``extra``, every other connection sends those bytes instead.

    ``sent`` lists the client ports of the connections made. Bind first, start
    after the capture is ready, `finish` in a ``finally``.
    """

    def __init__(self, *, interval: float = 0.1, limit: int = 100, extra: bytes = b"") -> None:
        super().__init__(daemon=True)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(2)
        self.port = self.server.getsockname()[1]
        self.interval, self.limit, self.extra = interval, limit, extra
        self.stop = threading.Event()
        self.sent: list[int] = []

    def run(self) -> None:
        for i in range(self.limit):
            if self.stop.wait(self.interval):
                break
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as conn:
                client_port = conn.getsockname()[1]
                if self.extra and i % 2 == 0:
                    conn.sendall(self.extra)  # a header the report must survive
                else:
                    conn.sendall(
                        b"PROXY TCP4 203.0.113.7 127.0.0.1 %d %d\r\nhi" % (client_port, self.port)
                    )
                peer, _ = self.server.accept()
                peer.recv(1000)
                peer.close()
            self.sent.append(client_port)

    def finish(self) -> None:
        self.stop.set()
        self.join(5)
        self.server.close()


@dataclass(frozen=True)
class Placed:
    """Where a vector went in the vectors capture."""

    vector: dict[str, Any]
    transport: str
    client: tuple[str, int]


def fits_capture(vector: dict[str, Any]) -> bool:
    """Vectors that can travel in a capture: stream vectors over TCP, v2/SPP datagrams over UDP.

    v1 has no datagram form on the wire (v1 is TCP only), so v1 datagram
    vectors only concern the parser.
    """
    return not (vector.get("datagram") and vector["id"].startswith("v1/"))


def write_vector_capture(path: Path) -> list[Placed]:
    """Every vector that fits a capture, each on its own connection or flow."""
    placed = []
    with CaptureWriter.open(path) as cap:
        for i, vector in enumerate(v for v in vectorlib.all_vectors() if fits_capture(v)):
            data = vectorlib.data(vector)
            if i % 3 == 0:
                client, server = ("2001:db8::1", 20000 + i), ("2001:db8::2", 443)
            else:
                client, server = ("192.0.2.1", 20000 + i), ("198.51.100.1", 443)
            if vector.get("datagram"):
                cap.udp(client, server, data)
                placed.append(Placed(vector, "udp", client))
            else:
                conn = cap.tcp(client, server, isn=(1000 + 7 * i, 90000 + 11 * i))
                conn.handshake()
                if data:
                    conn.client_send(data)
                conn.close()
                placed.append(Placed(vector, "tcp", client))
    return placed


def by_client(findings: list[Finding]) -> dict[tuple[str, str, int], list[Finding]]:
    """Findings grouped by (transport, client address, client port)."""
    out: dict[tuple[str, str, int], list[Finding]] = {}
    for f in findings:
        out.setdefault((f.flow.transport, f.flow.src_addr, f.flow.src_port), []).append(f)
    return out


def expected_outcome(vector: dict[str, Any]) -> str:
    """What dissect must report for a vector: "header", "error", "none" or "v2"."""
    data = vectorlib.data(vector)
    error_class = (vector.get("error") or {}).get("class")
    if vector["id"].startswith("spp/") and data.startswith(V2_SIG):
        return "v2"  # not SPP, but a capture holds a perfectly good PROXY v2 datagram
    if vector["id"].startswith("spp/"):
        # Each vector is a flow of one datagram: SPP is found in unknown traffic only
        # with evidence that decides alone (spec/spp_detection.json; which vectors
        # have it: tests/test_dissect_spp_rule.py).
        evidence = SppRule().evidence(data)
        if evidence is None or not evidence.decides_alone:
            return "none"
    if vector["result"] == "valid":
        return "header"
    if error_class == "NoSignatureError":
        return "none"
    if vector["result"] == "incomplete":
        # A header is claimed once its signature is there, or at least 5 bytes of
        # the v2 signature (the stream then ends: a truncated header, issue 10.4).
        if data.startswith((b"PROXY", V2_SIG)) or (len(data) >= 5 and V2_SIG.startswith(data)):
            return "error"
        return "none"
    return "error"


def check_vector(placed: Placed, found: list[Finding]) -> None:
    """Assert that the findings for one vector are what its ``expect`` says."""
    vector = placed.vector
    outcome = expected_outcome(vector)
    vid = vector["id"]
    if outcome == "none":
        assert found == [], f"{vid}: expected no header, got {[f.to_json() for f in found]}"
        return
    assert found, f"{vid}: no finding"
    first = found[0]
    assert first.stack == 0
    if outcome == "v2":
        assert (first.kind, first.error) == ("v2", None), vid
        return
    if outcome == "header":
        assert first.error is None, f"{vid}: {first.error}"
        assert first.fields == vector["expect"], vid
        if "stacked" in vector.get("flags", []):
            assert len(found) >= 2, f"{vid}: stacked header not reported"
            assert found[1].stack == 1
        return
    assert first.error, f"{vid}: expected an error"
    if vector["result"] == "incomplete":
        assert first.error.startswith("incomplete"), f"{vid}: {first.error}"
    for key, value in (vector.get("expect") or {}).items():
        assert first.fields[key] == value, f"{vid}: {key}: {first.fields[key]!r} != {value!r}"


def placed_findings(
    placed: list[Placed], findings: list[Finding]
) -> Iterator[tuple[Placed, list[Finding]]]:
    """Pair each placed vector with its findings."""
    groups = by_client(findings)
    for p in placed:
        yield p, groups.get((p.transport, *p.client), [])
