"""The dissector through tshark: shared vectors, pyshark modes, broken captures, options.

Every vector of ``tests/vectors/`` that fits a capture travels in one
deterministic pcap (its own TCP connection or UDP datagram each), read by
one tshark run per method: ``dissect_file`` with and without pre-selection,
and `Dissector` over pyshark in JSON and in PDML mode. All must agree, and
each vector's ``expect`` must come out unchanged.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector import (
    CaptureError,
    Dissector,
    DissectorError,
    FileDissection,
    Finding,
    Report,
    TsharkNotFoundError,
    dissect_file,
    find_tshark,
    lua_plugin_path,
    open_file_capture,
    pyshark_options,
)
from proxyproto_kaitai.dissector import _tshark as tshark_module
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import (
    Placed,
    check_vector,
    fits_capture,
    placed_findings,
    require_tshark,
    write_vector_capture,
)

pytestmark = pytest.mark.tshark

V1 = b"PROXY TCP4 203.0.113.7 198.51.100.20 51234 80\r\n"
V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def _v2(tlvs: bytes = b"", fam: int = 0x11) -> bytes:
    body = bytes([203, 0, 113, 8, 198, 51, 100, 21]) + struct.pack("!HH", 51236, 443) + tlvs
    return V2_SIG + struct.pack("!BBH", 0x21, fam, len(body)) + body


def _key(findings: list[Finding]) -> list[str]:
    return sorted(repr((f.frame, f.stack, f.to_json())) for f in findings)


@pytest.fixture(scope="module")
def vectors(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Placed], Report]:
    require_tshark()
    path = tmp_path_factory.mktemp("vectors") / "vectors.pcap"
    placed = write_vector_capture(path)
    return path, placed, dissect_file(path)


_IDS = [v["id"] for v in vectorlib.all_vectors() if fits_capture(v)]


@pytest.mark.parametrize("vid", _IDS)
def test_vector_through_dissect(vectors: tuple[Path, list[Placed], Report], vid: str) -> None:
    _, placed, report = vectors
    for p, found in placed_findings(placed, report.findings):
        if p.vector["id"] == vid:
            check_vector(p, found)
            return
    pytest.fail(f"{vid} not in the capture")  # pragma: no cover


def test_vectors_capture_covers_every_format(vectors: tuple[Path, list[Placed], Report]) -> None:
    _, placed, report = vectors
    assert {p.vector["id"].split("/")[0] for p in placed} == {"v1", "v2", "spp"}
    assert len(placed) > 200 and report.damage is None
    # v2/tlv/large-noop-1100 runs past the pre-selection's horizon: from there
    # on the fast path reads as a full scan (a second tshark pass).
    assert report.passes == 2
    print(f"{len(placed)} vectors checked through tshark")


def test_full_scan_gives_the_same_result(vectors: tuple[Path, list[Placed], Report]) -> None:
    path, _, report = vectors
    full = dissect_file(path, prefilter=False)
    assert _key(full.findings) == _key(report.findings)
    assert [r.to_json() for r in full.flows] == [r.to_json() for r in report.flows]


@pytest.mark.parametrize("use_json", [True, False], ids=["json", "pdml"])
def test_pyshark_modes_give_the_same_result(
    vectors: tuple[Path, list[Placed], Report], use_json: bool
) -> None:
    path, _, report = vectors
    dissector = Dissector()
    with open_file_capture(path, use_json=use_json) as cap:
        found = list(dissector.dissect(cap))
    assert _key(found) == _key(report.findings)
    assert [r.to_json() for r in dissector.report.flows] == [r.to_json() for r in report.flows]


# --- capture-specific cases ------------------------------------------------------------


def test_midstream_and_syn_ack_only(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "midstream.pcap"
    with CaptureWriter.open(path) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        c.client_send(V1 + b"GET /")  # no handshake at all
        c = cap.tcp(("192.0.2.1", 40002), ("198.51.100.1", 80))
        c.client_send(b"GET / HTTP/1.1\r\n")
        c.client_send(V1)  # later in the stream: never a header
        c = cap.tcp(("192.0.2.1", 40003), ("198.51.100.1", 80))
        c.server_send(V1)  # only the server's side: but it starts with a signature
    report = dissect_file(path)
    assert [(f.flow.src_port, f.midstream, f.ok) for f in report.findings] == [
        (40001, True, True),
        (80, True, True),
    ]
    assert _key(dissect_file(path, prefilter=False).findings) == _key(report.findings)


def test_long_header_needs_a_second_pass(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "long.pcap"
    long_header = _v2(b"\x04" + struct.pack("!H", 1500) + bytes(1500))
    with CaptureWriter.open(path) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 443))
        c.handshake()
        c.client_send(long_header + b"payload", chunks=[1460])
        c.close()
        c = cap.tcp(("192.0.2.1", 40002), ("198.51.100.1", 443))
        c.handshake()
        first = _v2(b"\x04" + struct.pack("!H", 1100) + bytes(1100))
        c.client_send(first + V1 + b"EHLO\r\n", chunks=[len(first)])  # stacked, past the horizon
        c.close()
        c = cap.tcp(("192.0.2.1", 40003), ("198.51.100.1", 443))
        c.handshake()
        c.client_send(V1)
        c.close()
    report = dissect_file(path)
    assert report.passes == 2
    got = [(f.flow.src_port, f.stack, f.ok) for f in report.findings]
    assert sorted(got) == [(40001, 0, True), (40002, 0, True), (40002, 1, True), (40003, 0, True)]
    lengths = [f.fields["length"] for f in report.findings]
    assert lengths == [len(long_header), len(first), len(V1), len(V1)]
    full = dissect_file(path, prefilter=False)
    assert full.passes == 1 and _key(full.findings) == _key(report.findings)
    assert [r.to_json() for r in full.flows] == [r.to_json() for r in report.flows]


def test_icmp_errors_quoting_a_header_are_ignored(tmp_path: Path) -> None:
    require_tshark()
    from proxyproto_kaitai.dissector.pcapwriter import ip_frame

    inner = ip_frame(
        ("192.0.2.1", 5000),
        ("198.51.100.1", 53),
        17,
        struct.pack("!HHHH", 5000, 53, 36, 0) + _v2(fam=0x12),
    )
    quoted = inner[14:]  # the IP packet without its Ethernet header
    path = tmp_path / "icmp.pcap"
    with CaptureWriter.open(path) as cap:
        cap.packet(
            ("198.51.100.1", 0), ("192.0.2.1", 0), 1, b"\x03\x03\x00\x00\x00\x00\x00\x00" + quoted
        )
        cap.udp(("192.0.2.1", 5000), ("198.51.100.1", 53), _v2(fam=0x12))
    report = dissect_file(path)
    assert [f.frame for f in report.findings] == [2]


def test_pcapng_input(tmp_path: Path) -> None:
    require_tshark()
    sample = tmp_path / "s.pcap"
    with CaptureWriter.open(sample) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        c.handshake()
        c.client_send(V1)
    ng = tmp_path / "s.pcapng"
    editcap = find_tshark().replace("tshark", "editcap")
    if not Path(editcap).exists():  # pragma: no cover - editcap ships with tshark
        pytest.skip("editcap not installed")
    subprocess.run([editcap, "-F", "pcapng", str(sample), str(ng)], check=True)
    (found,) = dissect_file(ng).findings
    assert found.ok and found.frame == 4


def test_display_filter(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "two.pcap"
    with CaptureWriter.open(path) as cap:
        for port in (40001, 40002):
            c = cap.tcp(("192.0.2.1", port), ("198.51.100.1", 80))
            c.handshake()
            c.client_send(V1)
    report = dissect_file(path, display_filter="tcp.port == 40002")
    assert [f.flow.src_port for f in report.findings] == [40002]
    with pytest.raises(CaptureError, match="bad display filter"):
        dissect_file(path, display_filter="tcp.port ==")


def test_lua_plugin_is_loaded_on_request(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "one.pcap"
    with CaptureWriter.open(path) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        c.handshake()
        c.client_send(V1)
    try:
        plugin = lua_plugin_path()
    except DissectorError:  # pragma: no cover - the plugin is another issue's file
        pytest.skip("dissector/proxyproto.lua is not there yet")
    script = f"lua_script:{plugin}"
    run = FileDissection(path, load_lua_plugin=True, display_filter="tcp")
    (found,) = list(run)
    # The plugin serves the display filter's pass; the dissection never needs it.
    assert found.ok and [script in cmd for cmd in run.commands] == [True, False]
    run = FileDissection(path, display_filter="proxyproto")  # named: loaded anyway
    assert [f.ok for f in run] == [True] and script in run.commands[0]
    run = FileDissection(path, display_filter="tcp")
    assert [f.ok for f in run] == [True] and all(script not in cmd for cmd in run.commands)
    options = pyshark_options(load_lua_plugin=True)
    assert options["custom_parameters"] == ["-X", f"lua_script:{plugin}"]
    assert options["override_prefs"]["tcp.relative_sequence_numbers"] == "TRUE"


def test_lua_plugin_fields_on_pyshark_packets() -> None:
    require_tshark()
    from proxyproto_kaitai.dissector.sample import SAMPLE_PATH

    try:
        lua_plugin_path()
    except DissectorError:  # pragma: no cover - the plugin is another issue's file
        pytest.skip("dissector/proxyproto.lua is not there yet")
    dissector = Dissector()
    layers = 0
    with open_file_capture(SAMPLE_PATH, load_lua_plugin=True, use_json=True) as cap:
        for packet in cap:
            layers += "proxyproto" in [layer.layer_name for layer in packet.layers]
            dissector.feed(packet)
    assert layers > 0
    assert len(dissector.report.flows) == 9  # the plugin changes nothing for the dissector


def test_malformed_pyshark_packet_is_skipped() -> None:
    class Layer:
        def __init__(self, name: str, **fields: str) -> None:
            self.layer_name = name
            self.fields = fields

        def get_field(self, name: str) -> str | None:
            return self.fields.get(name)

    class Packet:
        number = "1"

        def __init__(self, *layers: Layer) -> None:
            self.layers = list(layers)

    ip = Layer("ip", src="192.0.2.1", dst="192.0.2.2")
    assert Dissector().feed(Packet(Layer("eth"), ip, Layer("udp"))) == []  # no ports
    assert Dissector().feed(Packet(Layer("eth"), Layer("udp"))) == []  # no IP before it
    assert Dissector().feed(Packet(Layer("eth"), Layer("arp"))) == []


def test_missing_lua_plugin_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tshark_module.resources, "files", lambda _pkg: tmp_path)
    with pytest.raises(DissectorError, match="plugin is not installed"):
        lua_plugin_path()


# --- tshark itself ---------------------------------------------------------------------


def test_tshark_not_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(TsharkNotFoundError, match="apt-get install tshark"):
        find_tshark(tmp_path / "nope")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PROXYPROTO_TSHARK", raising=False)
    with pytest.raises(TsharkNotFoundError, match="not found on PATH"):
        find_tshark()
    monkeypatch.setenv("PROXYPROTO_TSHARK", str(tmp_path / "nope"))
    with pytest.raises(TsharkNotFoundError, match="not found at"):
        dissect_file(tmp_path / "x.pcap")


def test_progress_poller_reports_the_read_position(tmp_path: Path) -> None:
    data = tmp_path / "data.bin"
    data.write_bytes(bytes(1000))
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; f = open(sys.argv[1], 'rb'); f.seek(250); "
            "sys.stdout.write('ready\\n'); sys.stdout.flush(); time.sleep(3)",
            str(data),
        ],
        stdout=subprocess.PIPE,
    )
    seen: list[float | None] = []
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        poller = tshark_module._Progress(child.pid, data, seen.append)
        poller.start()
        deadline = time.monotonic() + 2
        while 0.25 not in seen and time.monotonic() < deadline:
            time.sleep(0.05)
        poller.stop()
    finally:
        child.kill()
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert 0.25 in seen
    gone = tshark_module._Progress(child.pid, data, seen.append)
    assert gone._fd() is None


def test_progress_callback_on_a_real_run(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "p.pcap"
    with CaptureWriter.open(path) as cap:
        for i in range(3000):
            cap.udp(("192.0.2.1", 1000 + i), ("198.51.100.1", 53), bytes(100))
    calls: list[float | None] = []
    slow = FileDissection(path, progress=calls.append, prefilter=False)
    original = slow._read

    def dawdle(stdout: Any, *args: Any) -> Any:
        time.sleep(0.5)  # let the poller run at least once
        return original(stdout, *args)

    slow._read = dawdle  # type: ignore[method-assign]
    list(slow)
    assert calls and all(c is None or 0 <= c <= 1 for c in calls)


# --- broken captures -------------------------------------------------------------------


def _three_headers(path: Path, **writer: int) -> list[int]:
    """Three connections with a header each; returns the frame after each connection."""
    ends = []
    with CaptureWriter.open(path, **writer) as cap:
        for port in (40001, 40002, 40003):
            c = cap.tcp(("192.0.2.1", port), ("198.51.100.1", 80))
            c.handshake()
            c.client_send(V1)
            ends.append(cap.count)
    return ends


def test_truncated_file_reports_everything_before_the_cut(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "t.pcap"
    _three_headers(path)
    data = path.read_bytes()
    path.write_bytes(data[:-20])  # the last packet is cut in the middle
    report = dissect_file(path)
    assert report.damage is not None and "cut short" in report.damage
    assert [f.flow.src_port for f in report.findings] == [40001, 40002]


def test_garbage_after_good_packets(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "g.pcap"
    _three_headers(path)
    path.write_bytes(path.read_bytes() + bytes(range(256)) * 4)
    report = dissect_file(path)
    assert report.damage is not None and "damaged or corrupt" in report.damage
    assert [f.flow.src_port for f in report.findings] == [40001, 40002, 40003]


def test_packet_cut_by_snaplen(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "s.pcap"
    with CaptureWriter.open(path) as cap:
        c = cap.tcp(("192.0.2.1", 40001), ("198.51.100.1", 80))
        c.handshake()
        c.client_send(V1, snaplen=14 + 20 + 20 + 10)  # 10 bytes of the header captured
        cap.udp(("192.0.2.1", 5000), ("198.51.100.1", 53), _v2(fam=0x12), snaplen=14 + 20 + 8 + 20)
    report = dissect_file(path)
    assert report.damage is None
    tcp, udp = report.findings
    assert tcp.error is not None and "snap length cut frame 4 after 10 bytes" in tcp.error
    assert udp.error is not None and "snap length cut the datagram to 20 of 28 bytes" in udp.error


def _pcap(linktype: int, records: list[bytes]) -> bytes:
    out = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype)
    for i, rec in enumerate(records):
        out += struct.pack("<IIII", 1_767_225_600 + i, 0, len(rec), len(rec)) + rec
    return out


def test_non_ip_link_type(tmp_path: Path) -> None:
    path = tmp_path / "usb.pcap"
    path.write_bytes(_pcap(189, [bytes(48)]))
    with pytest.raises(CaptureError, match=r"USB_LINUX \(189\) carries no IP"):
        dissect_file(path)
    ng = tmp_path / "user.pcapng"
    shb = struct.pack("<IIIHHq", 0x0A0D0D0A, 28, 0x1A2B3C4D, 1, 0, -1) + struct.pack("<I", 28)
    idb = struct.pack("<IIHHI", 1, 20, 147, 0, 65535) + struct.pack("<I", 20)
    ng.write_bytes(shb + idb)
    with pytest.raises(CaptureError, match=r"USER0 \(147\)"):
        dissect_file(ng)


def test_non_ip_records_on_an_ip_link_type_are_skipped(tmp_path: Path) -> None:
    require_tshark()
    path = tmp_path / "arp.pcap"
    arp = bytes.fromhex("ffffffffffff0200000000010806") + bytes(28)
    path.write_bytes(_pcap(1, [arp, b"\x00" * 5]))
    report = dissect_file(path)
    assert report.findings == [] and report.damage is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"this is not a capture file at all, just some text\n", "isn't a capture file"),
        (b"", "empty file"),
        (b"\xd4\xc3\xb2\xa1\x02\x00", "cut short"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, message: str) -> None:
    require_tshark()
    path = tmp_path / "bad.pcap"
    path.write_bytes(content)
    try:
        report = dissect_file(path)
    except CaptureError as exc:
        assert message in str(exc)
    else:
        assert report.damage is not None and message in report.damage


def test_missing_file_directory_and_permissions(tmp_path: Path) -> None:
    require_tshark()
    with pytest.raises(CaptureError, match="no such file"):
        dissect_file(tmp_path / "missing.pcap")
    with pytest.raises(CaptureError, match="is a directory"):
        dissect_file(tmp_path)
    locked = tmp_path / "locked.pcap"
    locked.write_bytes(_pcap(1, []))
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads anything
        return
    with pytest.raises(CaptureError, match="permission denied"):  # pragma: no cover
        dissect_file(locked)


def test_linktype_sniffing_edge_cases(tmp_path: Path) -> None:
    sniff = tshark_module._linktypes
    path = tmp_path / "x"
    path.write_bytes(struct.pack(">IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 189))
    assert sniff(path) == {189}
    path.write_bytes(b"\x0a\x0d\x0d\x0a" + bytes(20))
    assert sniff(path) is None  # block length 0: not a pcapng we understand
    path.write_bytes(b"garbage")
    assert sniff(path) is None
    assert sniff(tmp_path / "missing") is None


def test_stdin_pump_is_waited_for_while_it_still_copies(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main thread waits for the stdin copy in slices (`join_thread`); a pump still
    copying when waited for is waited for, and says how many bytes went through."""
    read_end, write_end = os.pipe()
    with open(read_end, "rb") as stdin:
        monkeypatch.setattr(sys, "stdin", stdin)
        sink = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
        pump = tshark_module._Pump(sink)
        os.write(write_end, b"abc")
        closer = threading.Timer(0.3, os.close, (write_end,))
        closer.start()
        try:
            assert pump.is_alive()
            assert pump.wait() == 3
            assert not pump.is_alive()
        finally:
            closer.join()
            sink.wait(timeout=10)
