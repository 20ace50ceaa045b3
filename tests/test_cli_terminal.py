"""``proxyproto`` at home in a terminal (issue 10, points 9-14).

The table fits the width, ``--wide`` does not; ``live`` stops cleanly on
SIGTERM and Ctrl-C; ``build`` pipes into ``parse``; ``--version``,
``--sample``, file errors that name the file, empty TLV values; several
captures on several processes give the report of dissecting them one by one.
Captures are built here with the project's pcap writer; live traffic goes to
127.0.0.1 only, in bounded loops.
"""

from __future__ import annotations

import functools
import io
import ipaddress
import json
import os
import pickle
import re
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from proxyproto_kaitai.dissector import Dissector, Report
from proxyproto_kaitai.dissector._jobs import FileResult, dissect_many, dissect_one, merge
from proxyproto_kaitai.dissector._report import (
    DEFAULT_WIDTH,
    ProgressBar,
    format_table,
    terminal_width,
)
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import LoopbackTraffic, require_tshark

from proxyproto_kaitai import _cli, encode, parse
from proxyproto_kaitai._cli import main

CLI = [sys.executable, "-m", "proxyproto_kaitai"]
SYN, ACK, PSH = 0x02, 0x10, 0x08


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def _v2(src: str, dst: str, tlvs: bytes = b"") -> bytes:
    return bytes.fromhex(
        subprocess.run(
            [*CLI, "build", "v2", "--src", src, "--dst", dst, "--tlv", f"0xf0:{tlvs.hex()}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )


def _feed(d: Dissector, stream: int, client: tuple[str, int], data: bytes) -> None:
    server = ("2001:db8::20", 443) if ":" in client[0] else ("198.51.100.20", 443)
    frame = stream * 10
    d.feed_tcp(frame=frame + 1, stream=stream, src=client[0], sport=client[1], dst=server[0],
               dport=server[1], seq=0, flags=SYN, payload=b"")  # fmt: skip
    d.feed_tcp(frame=frame + 2, stream=stream, src=client[0], sport=client[1], dst=server[0],
               dport=server[1], seq=1, flags=PSH | ACK, payload=data)  # fmt: skip


def _wide_report() -> Report:
    """IPv4 and IPv6 connections, long TLVs, a long error, a stacked header."""
    d = Dissector()
    long_tlvs = (
        b"\x01\x00\x02h2"
        + b"\x02\x00\x1cwww.a-long-authority.example"
        + b"\x05\x00\x05abcde"
        + b"\x30\x00\x0enetns-blue-007"
    )
    fixed = bytes.fromhex("0d0a0d0a000d0a515549540a2111") + (12 + len(long_tlvs)).to_bytes(2, "big")
    addresses = bytes([203, 0, 113, 7, 198, 51, 100, 20]) + b"\xc8\x22\x01\xbb"
    _feed(d, 1, ("192.0.2.10", 40001), fixed + addresses + long_tlvs)
    _feed(d, 2, ("2001:db8::10", 40002),
          b"PROXY TCP6 2001:db8:cafe::7 2001:db8::20 51235 443\r\n")  # fmt: skip
    _feed(d, 3, ("192.0.2.13", 40005), b"PROXY TCP4 203.0.113.9 198.51.100.23 51237 44x\r\n")
    d.finish()
    assert len(d.report.flows) == 3
    return d.report


def _words(text: str) -> list[str]:
    return text.split()


# --- 9: the table fits the terminal --------------------------------------------------------


@pytest.mark.parametrize("width", [200, 140, 100, 80, 64])
def test_table_fits_the_width_and_keeps_every_word(width: int) -> None:
    report = _wide_report()
    wide = format_table(report)
    fitted = format_table(report, width=width)
    assert max(len(line) for line in fitted.splitlines()) <= width
    # Nothing is lost or cut, only wrapped: every word of every cell is there, whole.
    words = set(_words(fitted))
    for row in report.flows:
        assert set(_words(row.first_error or "ok")) <= words
    assert "AUTHORITY=www.a-long-authority.example," in words
    assert "netns-blue-007" in wide and "netns-blue-007" in fitted
    # A row starts with its frame number.
    frames = [int(m) for m in re.findall(r"^ *(\d+)  ", fitted, re.MULTILINE)]
    assert frames == [row.first.frame for row in report.flows]


def test_wide_table_is_one_line_per_row() -> None:
    report = _wide_report()
    lines = format_table(report).splitlines()
    assert len(lines) == 1 + len(report.flows) + 2
    assert max(len(line) for line in lines) > 120  # nothing shortened
    assert "invalid v1 header" in lines[3]


def test_terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "123")
    assert terminal_width(io.StringIO()) == 123
    monkeypatch.delenv("COLUMNS")
    assert terminal_width(io.StringIO()) == DEFAULT_WIDTH == 100

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 99

    monkeypatch.setattr(os, "get_terminal_size", lambda fd: os.terminal_size((77, 24)))
    assert terminal_width(Tty()) == 77


@pytest.mark.tshark
def test_dissect_table_follows_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tshark()
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run(capsys, "dissect", "--sample")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= 100
    monkeypatch.setenv("COLUMNS", "160")
    code, out, _ = run(capsys, "dissect", "--sample")
    assert max(len(line) for line in out.splitlines()) <= 160
    code, wide, _ = run(capsys, "dissect", "--sample", "--wide")
    assert max(len(line) for line in wide.splitlines()) > 200
    assert "header says 0xdeadbeef, bytes give 0xe06a32e3" in wide


# --- 11: build and parse connect --------------------------------------------------------------


def _pipe(build: list[str], parse_args: list[str]) -> subprocess.CompletedProcess[str]:
    produced = subprocess.run([*CLI, "build", *build], capture_output=True, check=True)
    return subprocess.run(
        [*CLI, "parse", *parse_args], input=produced.stdout, capture_output=True, check=False
    )  # type: ignore[return-value]


def test_build_pipes_into_parse() -> None:
    v2 = _pipe(["v2", "--src", "192.0.2.1:1", "--dst", "198.51.100.1:2", "--alpn", "h2"], ["-"])
    assert v2.returncode == 0 and b"PROXY v2 header, 33 bytes" in v2.stdout
    assert b"ALPN=h2" in v2.stdout
    v1 = _pipe(["v1", "--src", "192.0.2.1:1", "--dst", "198.51.100.1:2"], ["-", "--json"])
    assert v1.returncode == 0 and json.loads(v1.stdout)["src_addr"] == "192.0.2.1"
    spp = _pipe(
        ["spp", "--client", "192.0.2.1:1", "--proxy", "198.51.100.1:2"], ["--datagram", "-"]
    )
    assert spp.returncode == 0 and spp.stdout.startswith(b"SPP header, 38 bytes")
    raw = _pipe(["v2", "--local", "--payload", "4142", "-o", "-"], ["-"])
    assert raw.returncode == 0 and b"2 bytes follow the header" in raw.stdout


def test_build_v1_prints_the_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build", "v1", "--src", "192.0.2.1:1", "--dst", "198.51.100.1:2")
    assert code == 0 and out == "PROXY TCP4 192.0.2.1 198.51.100.1 1 2\r\n"


def test_build_output_file_is_raw_and_parse_reads_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "h.bin"
    assert run(capsys, "build", "v2", "--local", "-o", str(target))[0] == 0
    assert target.read_bytes() == encode(parse(target.read_bytes()))
    assert target.read_bytes().startswith(b"\r\n\r\n\x00\r\nQUIT\n")
    code, out, _ = run(capsys, "parse", "--file", str(target))
    assert code == 0 and "LOCAL" in out
    hex_file = tmp_path / "h.hex"
    hex_file.write_text(target.read_bytes().hex() + "\n")
    assert run(capsys, "parse", "--file", str(hex_file))[1] == out


@pytest.mark.parametrize(
    "line",
    [
        "PROXY TCP4 192.0.2.1 198.51.100.1 56324 443",
        "PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\\r\\n",
        "PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\r\n",
    ],
)
def test_parse_takes_a_v1_line_as_text(capsys: pytest.CaptureFixture[str], line: str) -> None:
    code, out, _ = run(capsys, "parse", line, "--json")
    data = json.loads(out)
    assert code == 0 and (data["src_addr"], data["dst_port"], data["length"]) == (
        "192.0.2.1",
        443,
        45,
    )


def test_parse_text_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "parse", "PROXY TCP4 192.0.2.1 198.51.100.1 56324")
    assert code == 1 and "invalid header" in err
    code, _, err = run(capsys, "parse", "PROXY TCP4 é")
    assert code == 1 and "not ASCII" in err


# --- 12: version, sample, file errors, empty TLV values ----------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out == f"proxyproto {version('proxyproto-kaitai')}\n"


@pytest.mark.tshark
def test_dissect_sample_needs_no_path(capsys: pytest.CaptureFixture[str]) -> None:
    require_tshark()
    code, out, _ = run(capsys, "dissect", "--sample", "--format", "json")
    assert code == 0 and len(json.loads(out)["headers"]) >= 17


def test_dissect_needs_a_capture(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dissect")
    assert code == 2 and "--sample" in err


def test_empty_tlv_values_print_as_empty(capsys: pytest.CaptureFixture[str]) -> None:
    header = _v2("192.0.2.1:1", "198.51.100.1:2")  # an empty 0xf0 TLV
    code, out, _ = run(capsys, "parse", header.hex() + "")
    assert code == 0 and "0xf0(0B)" in out
    alpn = bytes.fromhex("0d0a0d0a000d0a515549540a2111000fc0000201c633640100010002010000")
    code, out, _ = run(capsys, "parse", alpn.hex())
    assert code == 0 and 'ALPN=""' in out and "MISSING" not in out


@pytest.mark.tshark
def test_every_file_error_names_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    require_tshark()
    missing, folder, empty = tmp_path / "missing.pcap", tmp_path / "dir", tmp_path / "empty.pcap"
    folder.mkdir()
    empty.write_bytes(b"")
    cases = [
        (["parse", "--file", str(missing)], missing),
        (["parse", "--file", str(folder)], folder),
        (["build", "v2", "--local", "-o", str(folder / "no" / "x")], folder / "no" / "x"),
        (["dissect", str(missing)], missing),
        (["dissect", str(folder)], folder),
        (["dissect", str(empty)], empty),
        (["dissect", str(missing), str(empty), "--jobs", "1"], missing),
    ]
    for argv, path in cases:
        code, _, err = run(capsys, *argv)
        assert code == 1 and str(path) in err, (argv, err)


# --- 14: many captures, all cores --------------------------------------------------------------


def _capture(path: Path, n: int, base: int) -> Path:
    with CaptureWriter.open(path) as cap:
        for i in range(n):
            client = str(ipaddress.IPv4Address(0xC0000200 + base + i))  # from 192.0.2.0
            real = str(ipaddress.IPv4Address(0xCB007100 + base + i))  # from 203.0.113.0
            conn = cap.tcp((client, 40000 + i % 20000), ("198.51.100.1", 443))
            conn.handshake()
            line = f"PROXY TCP4 {real} 198.51.100.1 {50000 + i % 10000} 443\r\n"
            conn.client_send(line.encode() + b"GET / HTTP/1.1\r\n\r\n", chunks=[7])
            conn.close()
        cap.udp(("192.0.2.99", 3000 + base), ("198.51.100.9", 27015), _spp(base))
    return path


def _spp(base: int) -> bytes:
    mapped = bytes(10) + b"\xff\xff"
    return (
        b"\x56\xec" + mapped + bytes([203, 0, 113, base]) + mapped + bytes([198, 51, 100, 9])
        + (1000 + base).to_bytes(2, "big") + (27015).to_bytes(2, "big") + b"game"
    )  # fmt: skip


@pytest.fixture
def captures(tmp_path: Path) -> list[Path]:
    return [_capture(tmp_path / f"c{k}.pcap", 3 + k, 10 * (k + 1)) for k in range(3)]


@pytest.mark.tshark
def test_many_captures_merge_like_one_by_one(
    capsys: pytest.CaptureFixture[str], captures: list[Path]
) -> None:
    require_tshark()
    one_by_one: dict[str, Any] = {"headers": [], "flows": []}
    for path in captures:
        code, out, _ = run(capsys, "dissect", str(path), "--format", "json")
        doc = json.loads(out)
        assert code == 0 and doc["headers"]
        one_by_one["headers"] += [{"file": str(path), **h} for h in doc["headers"]]
        for flow in doc["flows"]:
            flow["header"] = {"file": str(path), **flow["header"]}
            one_by_one["flows"].append({"file": str(path), **flow})
    names = [str(p) for p in captures]
    for jobs in ("1", "2", "3"):
        code, out, err = run(capsys, "dissect", *names, "--jobs", jobs, "--format", "json")
        doc = json.loads(out)
        assert code == 0 and err == ""
        assert doc["headers"] == one_by_one["headers"]
        assert doc["flows"] == one_by_one["flows"]
        assert [f["file"] for f in doc["files"]] == names
        assert [f["headers"] for f in doc["files"]] == [4, 5, 6]
    code, out, _ = run(capsys, "dissect", *names, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows == one_by_one["headers"]
    code, out, _ = run(capsys, "dissect", *names, "--wide")
    lines = out.splitlines()
    assert [line for line in lines if line.endswith(".pcap:")] == [f"{n}:" for n in names]
    assert lines[-1].startswith("In 3 captures: 12 TCP connections and 3 UDP flows")


@pytest.mark.tshark
def test_a_bad_file_among_many_is_reported_not_fatal(
    capsys: pytest.CaptureFixture[str], captures: list[Path], tmp_path: Path
) -> None:
    require_tshark()
    text = tmp_path / "notes.txt"
    text.write_text("not a capture\n")
    names = [str(captures[0]), str(tmp_path / "gone.pcap"), str(text), str(captures[1])]
    code, out, err = run(capsys, "dissect", *names, "--jobs", "2", "--format", "json")
    doc = json.loads(out)
    assert code == 1
    assert [f["error"] is None for f in doc["files"]] == [True, False, False, True]
    assert {h["file"] for h in doc["headers"]} == {names[0], names[3]}
    assert err.count("\n") == 2 and names[1] in err and names[2] in err


@pytest.mark.tshark
def test_dissect_one_and_merge_are_plain_functions(captures: list[Path], tmp_path: Path) -> None:
    require_tshark()
    results = [dissect_one(p) for p in captures]
    assert all(isinstance(r, FileResult) and r.ok for r in results)
    assert all(f.file == r.file for r in results for f in r.report.findings)
    assert all(f.first.file == f.file == r.file for r in results for f in r.report.flows)
    again = [pickle.loads(pickle.dumps(r)) for r in reversed(results)][::-1]
    assert merge(again).to_json() == merge(results).to_json()
    assert list(dissect_many(captures, jobs=2)) == results
    broken = dissect_one(tmp_path / "nothing.pcap")
    assert broken.error == f"{tmp_path / 'nothing.pcap'}: no such file" and not broken.ok


# --- 10: live stops cleanly ----------------------------------------------------------------


def _can_capture() -> None:
    require_tshark()
    if os.geteuid() != 0 and os.environ.get("CI") != "true":  # pragma: no cover
        pytest.skip("capturing on lo needs root (or dumpcap capabilities)")


def _capturers(port: int) -> list[str]:
    """Running processes (tshark, dumpcap) whose command line has our capture filter."""
    needle = f"tcp port {port}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            program = Path(cmdline.split(b"\0")[0].decode(errors="replace")).name
            if program in ("tshark", "dumpcap") and needle in cmdline.replace(b"\0", b" "):
                found.append(program)
    return sorted(found)


def _start_live(port: int, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [*CLI, "live", "lo", "--bpf", f"tcp port {port}", "--wide", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    deadline = time.monotonic() + 20
    line = ""
    try:
        while time.monotonic() < deadline and sel.select(deadline - time.monotonic()):
            line = proc.stderr.readline()
            if not line or "capturing on" in line:
                break
        assert line == "proxyproto: capturing on lo… (Ctrl-C to stop)\n", line
    except BaseException:  # never leave a capture running behind a failed test
        proc.terminate()
        proc.communicate(timeout=20)
        raise
    finally:
        sel.close()
    return proc


def _live_run(sig: signal.Signals, *extra: str, payload: bytes = b"") -> tuple[int, str, str]:
    _can_capture()
    traffic = LoopbackTraffic(extra=payload)
    proc = _start_live(traffic.port, *extra)
    traffic.start()
    try:
        deadline = time.monotonic() + 10
        while len(traffic.sent) < 6 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)
        assert _capturers(traffic.port) == ["dumpcap", "tshark"]
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
    finally:
        traffic.finish()
        if proc.poll() is None:  # pragma: no cover - only when the test fails
            proc.kill()
            proc.communicate()
    assert _capturers(traffic.port) == []
    assert "Traceback" not in err
    return proc.returncode, out, err


def test_live_sigterm_prints_the_report_and_exits_0() -> None:
    code, out, err = _live_run(signal.SIGTERM)
    assert code == 0 and "stopped by SIGTERM" in err
    rows = [line for line in out.splitlines() if " v1 " in line]
    assert len(rows) >= 6 and all(line.endswith("ok") for line in rows)
    assert out.splitlines()[-1].endswith("every other connection and flow carries none.")


def test_live_ctrl_c_prints_the_report_and_exits_130() -> None:
    code, out, err = _live_run(signal.SIGINT, "--format", "json")
    doc = json.loads(out)
    assert code == 130 and "stopped by SIGINT" in err
    assert len(doc["headers"]) >= 6 and {h["src_addr"] for h in doc["headers"]} == {"203.0.113.7"}


def test_live_survives_a_malformed_packet() -> None:
    # Invalid UTF-8 in an AUTHORITY TLV, through the Lua plugin: later headers still count.
    bad = (
        bytes.fromhex("0d0a0d0a000d0a515549540a21110011c0000201c6336401c8220050")
        + b"\x02\x00\x02\xff\xfe"
    )
    code, out, _ = _live_run(signal.SIGTERM, "--lua", "--format", "jsonl", payload=bad)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert any(r["kind"] == "v2" for r in rows) and sum(r["kind"] == "v1" for r in rows) >= 2


def test_live_killed_leaves_no_capture_running() -> None:
    # SIGKILL gives the CLI no chance to clean up: tshark is told by the kernel
    # (PR_SET_PDEATHSIG, set by setpriv) and stops dumpcap. No traffic: a
    # tshark with packets to print would also die writing to the closed pipe.
    _can_capture()
    if shutil.which("setpriv") is None:  # pragma: no cover - util-linux is everywhere on Linux
        pytest.skip("needs util-linux's setpriv")
    traffic = LoopbackTraffic()
    proc = _start_live(traffic.port)
    try:
        assert _capturers(traffic.port) == ["dumpcap", "tshark"]
        proc.kill()
        proc.communicate(timeout=20)
        deadline = time.monotonic() + 15
        while _capturers(traffic.port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _capturers(traffic.port) == []
    finally:
        traffic.server.close()  # never started: only its port was used


def test_live_timeout_ends_by_itself() -> None:
    _can_capture()
    traffic = LoopbackTraffic()
    traffic.start()
    try:
        done = subprocess.run(
            [*CLI, "live", "lo", "--bpf", f"tcp port {traffic.port}", "-t", "2", "--format",
             "jsonl"],
            capture_output=True, text=True, timeout=30, check=False,
        )  # fmt: skip
    finally:
        traffic.finish()
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0 and rows and all(r["kind"] == "v1" for r in rows)
    assert "stopped by" not in done.stderr and _capturers(traffic.port) == []


def test_summary_says_when_a_filter_chose(capsys: pytest.CaptureFixture[str]) -> None:
    report = _wide_report()
    assert format_table(report, filtered=True).splitlines()[-1] == (
        "3 TCP connections and 0 UDP flows matching the filter carry headers (3 headers, "
        "1 flow with errors); no other connection or flow matching the filter carries one."
    )
    assert format_table(Report(), filtered=True).endswith(
        "No PROXY v1, PROXY v2 or SPP header matching the filter in this capture."
    )
    assert format_table(Report()).endswith("No PROXY v1, PROXY v2 or SPP header in this capture.")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["live", "no-such-if0", "-t", "5"], "proxyproto: error: no such interface: no-such-if0\n"),
        (
            ["live", "lo", "--bpf", "tcp port", "-t", "5"],
            "proxyproto: error: bad capture filter 'tcp port': "
            "can't parse filter expression: syntax error\n",
        ),
        (["live", "lo", "-Y", "tcp.port ==", "-t", "5"], "proxyproto: error: bad display filter"),
    ],
)
def test_live_errors_are_one_line(argv: list[str], message: str) -> None:
    _can_capture()
    done = subprocess.run([*CLI, *argv], capture_output=True, text=True, timeout=30, check=False)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.startswith(message) and done.stderr.count("\n") == 1, done.stderr


def _processes_reading(folder: Path) -> list[str]:
    """Running tshark processes whose command line names a file in ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if Path(argv[0].decode(errors="replace")).name == "tshark" and any(
                str(folder).encode() in arg for arg in argv
            ):
                found.append(entry.name)
    return found


@pytest.mark.tshark
def test_sigterm_stops_the_workers_and_their_tshark(tmp_path: Path) -> None:
    require_tshark()
    names = [str(_capture(tmp_path / f"big{k}.pcap", 2500, 10 + k)) for k in range(4)]
    proc = subprocess.Popen(
        [*CLI, "dissect", *names, "--jobs", "2", "--full-scan"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while not _processes_reading(tmp_path) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _processes_reading(tmp_path), "no worker started tshark"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # pragma: no cover - only when the test fails
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err
    deadline = time.monotonic() + 5
    while _processes_reading(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_reading(tmp_path) == []


@pytest.mark.parametrize(
    ("sig", "code", "fmt"),
    [(signal.SIGINT, 130, "json"), (signal.SIGTERM, 0, "jsonl"), (signal.SIGHUP, 0, "table")],
)
def test_live_in_process_signal_handling(
    capsys: pytest.CaptureFixture[str], sig: signal.Signals, code: int, fmt: str
) -> None:
    # The same as above, inside this process: the handlers are ours while
    # live runs, and the previous ones are back afterwards.
    _can_capture()
    traffic = LoopbackTraffic()
    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}

    def interrupt() -> None:
        deadline = time.monotonic() + 20
        while _capturers(traffic.port) != ["dumpcap", "tshark"] and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        traffic.start()
        while len(traffic.sent) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        os.kill(os.getpid(), sig)

    killer = threading.Thread(target=interrupt, daemon=True)
    killer.start()
    try:
        got, out, err = run(capsys, "live", "lo", "--bpf", f"tcp port {traffic.port}", "-t", "30",
                            "--format", fmt)  # fmt: skip
    finally:
        killer.join(30)
        traffic.finish()
    assert got == code and f"stopped by {sig.name}" in err
    if fmt == "json":
        headers = json.loads(out)["headers"]
    elif fmt == "jsonl":
        headers = [json.loads(line) for line in out.splitlines()]
    else:
        headers = [line for line in out.splitlines() if line.endswith("  ok")]
    assert len(headers) >= 3
    assert {s: signal.getsignal(s) for s in before} == before
    assert _capturers(traffic.port) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["live", "lo", "-t", "0"], "must be a positive number of seconds: '0'"),
        (["live", "lo", "-t", "soon"], "not a number of seconds: 'soon'"),
        (["dissect", "a.pcap", "b.pcap", "--jobs", "0"], "must be at least 1: '0'"),
        (["live", "lo", "--format", "xml"], "invalid choice"),
        (["dissect", "a.pcap", "-"], "standard input (-) is dissected alone"),
    ],
)
def test_terminal_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and message in err and err.count("\n") == 1


def test_parse_stdin_that_is_not_quite_hex(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"0d0a0d0\n")))
    code, _, err = run(capsys, "parse", "-")
    assert code == 1 and err.startswith("proxyproto: error: stdin: not hex")
    raw = b"\r\n\r\n\x00\r\nQUIT\n\x20\x00\x00\x00"  # the same header, raw: LOCAL
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = run(capsys, "parse", "-")
    assert code == 0 and out.startswith("PROXY v2 header, 16 bytes\n  command      LOCAL")


def test_an_internal_error_costs_only_its_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from proxyproto_kaitai.dissector import _jobs

    def explode(path: str, **_options: Any) -> Report:
        raise RuntimeError(f"boom in {Path(path).name}")

    monkeypatch.setattr(_jobs, "dissect_file", explode)
    result = dissect_one(tmp_path / "x.pcap")
    assert (
        result.error
        == f"{tmp_path / 'x.pcap'}: internal error (RuntimeError: boom in x.pcap); please report it"
    )
    assert merge([result]).problems == [result.error]


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state == "Z"  # killed, waiting for its reaper


def test_a_tshark_that_ignores_sigterm_is_killed_with_its_group(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from proxyproto_kaitai.dissector import _live

    monkeypatch.setattr(_live, "STOP_GRACE", 0.5)
    pid_file = tmp_path / "child.pid"
    fake = tmp_path / "tshark"
    fake.write_text(
        "#!/bin/bash\n"
        "trap '' TERM\n"  # deaf to SIGTERM, and so is its child
        "echo \"Capturing on 'fake0'\" >&2\n"
        f"sleep 300 & echo $! > {pid_file}\n"  # a dumpcap of its own
        "while true; do sleep 0.1; done\n"
    )
    fake.chmod(0o755)
    run = _live.LiveDissection("fake0", tshark_path=str(fake))

    def stop_when_started() -> None:
        if run.started.wait(10):
            run.stop()

    stopper = threading.Thread(target=stop_when_started, daemon=True)
    stopper.start()
    start = time.monotonic()
    assert list(run) == []
    stopper.join(5)
    assert run.stopped and time.monotonic() - start < 10
    child = int(pid_file.read_text())
    assert _gone(child)


@pytest.mark.tshark
def test_table_fits_a_real_terminal(tmp_path: Path) -> None:
    # stdout is a pseudo-terminal 90 columns wide and COLUMNS is not set.
    import fcntl
    import pty
    import struct
    import termios

    require_tshark()
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 90, 0, 0))
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    proc = subprocess.Popen(
        [*CLI, "dissect", "--sample"], stdout=follower, stderr=subprocess.PIPE, env=env
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == b""
    lines = b"".join(chunks).decode().replace("\r\n", "\n").splitlines()
    assert lines[0].startswith("FRAME") and len(lines) > 12
    assert max(len(line) for line in lines) <= 90
    assert max(len(line) for line in lines) > 80  # it did use the width


def test_live_filter_naming_the_plugin_loads_it() -> None:
    v2 = bytes.fromhex("0d0a0d0a000d0a515549540a21110011cb007107c63364070dfc01bb0100026832")
    code, out, err = _live_run(
        signal.SIGTERM, "-Y", 'proxyproto.kind == "v1"', "--format", "jsonl", payload=v2
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and "error" not in err.replace("stopped", "")
    assert len(rows) >= 2 and {r["kind"] for r in rows} == {"v1"}


HOSTILE = (  # ALPN "\x1b[31mRED\a", AUTHORITY "evil\x1b]0;title\a.example", NETNS "ns\r\nx"
    "0d0a0d0a000d0a515549540a211100390102030405060708000500090100091b5b33316d524544070200166576"
    "696c1b5d303b7469746c65072e6578616d706c653000056e730d0a78"
)


def _controls(text: str) -> set[str]:
    return {c for c in text if not c.isprintable() and c != "\n"}


@pytest.mark.parametrize("width", [None, 100])
def test_the_table_never_passes_wire_text_to_the_terminal(width: int | None) -> None:
    d = Dissector()
    _feed(d, 1, ("192.0.2.10", 40001), bytes.fromhex(HOSTILE))
    d.finish()
    assert d.report.flows[0].first.fields["tlvs"][1]["value"] == "evil\x1b]0;title\x07.example"
    text = format_table(d.report, width=width)
    assert _controls(text) == set()
    assert r"ALPN=\x1b[31mRED\x07" in text and r"evil\x1b]0;title\x07.example" in text
    assert r"NETNS=ns\r\nx" in format_table(d.report)  # --wide: nothing shortened


def test_parse_never_passes_wire_text_to_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", HOSTILE)
    assert code == 0 and _controls(out) == set() and r"ALPN=\x1b[31mRED\x07" in out
    code, out, _ = run(capsys, "parse", HOSTILE, "--json")  # JSON escapes them itself
    assert code == 0 and _controls(out) == set() and "\\u001b[31mRED\\u0007" in out


@pytest.mark.tshark
def test_many_captures_with_a_progress_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, captures: list[Path]
) -> None:
    require_tshark()

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    monkeypatch.setattr(_cli, "ProgressBar", functools.partial(ProgressBar, delay=0))
    assert main(["dissect", *map(str, captures), "--jobs", "2", "--format", "jsonl"]) == 0
    out = capsys.readouterr().out
    assert [json.loads(line)["file"] for line in out.splitlines()] == [
        str(p) for p in captures for _ in range(captures.index(p) + 4)
    ]
    assert "100%" in tty.getvalue() and tty.getvalue().endswith("\r\x1b[K")
