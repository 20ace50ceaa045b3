"""The ``proxyproto`` command: every sub-command, every exit code, never a traceback."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import vectorlib
from proxyproto_kaitai.dissector import CaptureError, DissectorError
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from proxyproto_kaitai.dissector.sample import SAMPLE_PATH
from test_dissect_support import require_tshark

from proxyproto_kaitai import _cli, parse, to_json
from proxyproto_kaitai._cli import main

V1 = "PROXY TCP4 192.168.0.1 192.168.0.11 56324 443\r\n"
V2_CRC = "0d0a0d0a000d0a515549540a21110013c0000201c6336407dc0401bb030004d45a11b9"
SPP = "56ec00000000000000000000ffffc000020100000000000000000000ffffc6336407dc046987"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- general ---------------------------------------------------------------------------


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 2 and "dissect" in err and out == ""


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "Exit codes" in out


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "frobnicate")
    assert code == 2 and err.startswith("proxyproto: ") and err.count("\n") == 1


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "proxyproto_kaitai", "parse", V1.encode().hex()],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "PROXY v1 header, 47 bytes" in done.stdout


def test_main_module_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import runpy

    monkeypatch.setattr(sys, "argv", ["proxyproto", "parse", V1.encode().hex()])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("proxyproto_kaitai", run_name="__main__")
    assert exit_info.value.code == 0 and "PROXY v1 header" in capsys.readouterr().out


# --- parse -----------------------------------------------------------------------------


def test_parse_v1_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", V1.encode().hex() + "4745")
    assert code == 0
    assert out.splitlines() == [
        "PROXY v1 header, 47 bytes",
        "  command      PROXY",
        "  family       TCP4",
        "  transport    STREAM",
        "  source       192.168.0.1:56324",
        "  destination  192.168.0.11:443",
        "  payload      2 bytes follow the header",
    ]


def test_parse_json_is_the_header_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--json", V2_CRC)
    assert code == 0 and json.loads(out) == to_json(parse(bytes.fromhex(V2_CRC)))


@pytest.mark.parametrize("vector", vectorlib.params(vectorlib.load("v2")[:40]))
def test_parse_json_matches_vectors(capsys: pytest.CaptureFixture[str], vector: Any) -> None:
    args = ["parse", "--json", vector["hex"] or "-"]
    if vector.get("datagram"):
        args.append("--datagram")
    if not vector["hex"]:
        args = ["parse", "--json", "--file", str(Path("/dev/null"))]
        if vector.get("datagram"):
            args.append("--datagram")
    code, out, err = run(capsys, *args)
    expected = {"valid": 0, "invalid": 1, "incomplete": 3}[vector["result"]]
    assert code == expected, err
    if code == 0:
        assert json.loads(out) == vector["expect"]
    else:
        assert out == "" and err.startswith("proxyproto: error: ") and err.count("\n") == 1


def test_parse_v2_text_with_tlvs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", V2_CRC)
    assert code == 0 and "CRC32C ok" in out and "source       192.0.2.1:56324" in out


def test_parse_ipv6_and_local(capsys: pytest.CaptureFixture[str]) -> None:
    line = b"PROXY TCP6 2001:db8::1 2001:db8::2 1 2\r\n".hex()
    code, out, _ = run(capsys, "parse", line)
    assert code == 0 and "[2001:db8::1]:1" in out
    code, out, _ = run(capsys, "parse", "0d0a0d0a000d0a515549540a20000000")
    assert code == 0 and "LOCAL" in out and "source" not in out
    code, out, _ = run(capsys, "build", "v2", "--unix", "/run/a.sock", "/run/b.sock")
    code, out, _ = run(capsys, "parse", out.strip())
    assert code == 0 and "  source       /run/a.sock" in out


def test_parse_spp_needs_datagram(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "parse", "--datagram", SPP)
    assert code == 0 and out.startswith("SPP header, 38 bytes") and "client       192.0.2.1" in out
    code, _, err = run(capsys, "parse", SPP)
    assert code == 1 and "SPP needs --datagram" in err


def test_parse_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "parse", V1.encode().hex()[:30])
    assert code == 3 and "incomplete header" in err
    code, _, err = run(capsys, "parse", "0d0a0d0a000d0a515549540a2111")
    assert code == 3 and "more bytes needed" in err
    code, _, err = run(capsys, "parse", b"GET /".hex())
    assert code == 1 and "not a PROXY header" in err and "SPP" not in err
    code, _, err = run(capsys, "parse", V2_CRC[:-2] + "00")
    assert code == 1 and "invalid header" in err and "field" in err
    code, _, err = run(capsys, "parse", "zz")
    assert code == 1 and "not hex" in err
    code, _, err = run(capsys, "parse", "--no-verify-crc", "--json", V2_CRC[:-2] + "00")
    assert code == 0


def test_parse_input_sources(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "h.bin"
    data.write_bytes(V1.encode())
    assert run(capsys, "parse", "--file", str(data))[0] == 0
    code, _, err = run(capsys, "parse", "--file", str(tmp_path / "missing"))
    assert code == 1 and "No such file" in err
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(V1.encode())))
    assert run(capsys, "parse", "-")[0] == 0
    code, _, err = run(capsys, "parse")
    assert code == 2 and "give HEX" in err
    assert run(capsys, "parse", "0x" + V1.encode().hex())[0] == 0
    assert run(capsys, "parse", " ".join(f"{b:02x}" for b in V1.encode()))[0] == 0


# --- build -----------------------------------------------------------------------------


def test_build_v1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "build", "v1", "--src", "192.168.0.1:56324", "--dst", "192.168.0.11:443"
    )
    assert code == 0 and out == V1  # v1 prints the line itself
    code, out, _ = run(
        capsys, "build", "v1", "--src", "[2001:db8::1]:1", "--dst", "[2001:db8::2]:2"
    )
    assert out == "PROXY TCP6 2001:db8::1 2001:db8::2 1 2\r\n"
    code, out, _ = run(capsys, "build", "v1", "--unknown", "--payload", "4142")
    assert out == "PROXY UNKNOWN\r\nAB"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["build"], "choose v1, v2 or spp"),
        (["build", "v1"], "give --src and --dst"),
        (["build", "v1", "--unknown", "--src", "1.2.3.4:1"], "--unknown takes no"),
        (["build", "v1", "--src", "2001:db8::1:80", "--dst", "1.2.3.4:1"], "[ADDR]:PORT"),
        (["build", "v1", "--src", "1.2.3.4", "--dst", "1.2.3.4:1"], "ADDR:PORT"),
        (["build", "v1", "--src", "1.2.3:4", "--dst", "1.2.3.4:1"], "not an IP address"),
        (["build", "v2", "--src", "1.2.3.4:1"], "give both --src and --dst"),
        (["build", "v2", "--unix", "/a", "/b", "--src", "1.2.3.4:1"], "--unix excludes"),
        (["build", "v2", "--tlv", "0xe0"], "TYPE:HEX"),
        (["build", "v2", "--tlv", "300:00"], "one byte"),
        (["build", "v2", "--tlv", "x:00"], "not an integer"),
        (["build", "v2", "--noop", "-1"], "must not be negative"),
        (["build", "v2", "--unique-id", "xyz"], "not hex"),
        (["build", "spp", "--client", "1.2.3.4:1"], "required"),
    ],
)
def test_build_usage_errors(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and message in err and out == ""


def test_build_v2_with_every_tlv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "build",
        "v2",
        "--src",
        "192.0.2.1:56324",
        "--dst",
        "198.51.100.7:443",
        "--alpn",
        "h2",
        "--authority",
        "example.com",
        "--crc32c",
        "--noop",
        "3",
        "--unique-id",
        "c0ffee",
        "--ssl-version",
        "TLSv1.3",
        "--ssl-cn",
        "client",
        "--ssl-cipher",
        "TLS_AES_128_GCM_SHA256",
        "--ssl-sig-alg",
        "RSA-SHA256",
        "--ssl-key-alg",
        "RSA2048",
        "--ssl-group",
        "x25519",
        "--ssl-sig-scheme",
        "rsa_pss_rsae_sha256",
        "--netns",
        "blue",
        "--aws-vpce",
        "vpce-1",
        "--azure-linkid",
        "7",
        "--gcp-id",
        "9",
        "--tlv",
        "0xf0:0102",
    )
    assert code == 0
    header = parse(bytes.fromhex(out.strip()))
    names = [t["name"] for t in to_json(header)["tlvs"]]
    assert names == [
        "ALPN",
        "AUTHORITY",
        "CRC32C",
        "NOOP",
        "UNIQUE_ID",
        "SSL",
        "NETNS",
        "AWS",
        "AZURE",
        "GCP",
        None,
    ]
    ssl = to_json(header)["tlvs"][5]
    assert ssl["client"] == 1 and len(ssl["sub_tlvs"]) == 7


def test_build_v2_variants(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "build", "v2", "--local")
    assert code == 0 and out.strip() == "0d0a0d0a000d0a515549540a20000000"
    code, out, _ = run(
        capsys,
        "build",
        "v2",
        "--src",
        "[2001:db8::1]:1",
        "--dst",
        "[2001:db8::2]:2",
        "--transport",
        "dgram",
    )
    assert to_json(parse(bytes.fromhex(out.strip())))["transport"] == "DGRAM"
    code, out, _ = run(capsys, "build", "v2", "--unix", "/tmp/a", "/tmp/b")
    assert to_json(parse(bytes.fromhex(out.strip())))["src_addr"] == "/tmp/a"
    code, out, _ = run(capsys, "build", "v2", "--ssl-client", "7", "--ssl-verify", "1")
    ssl = to_json(parse(bytes.fromhex(out.strip())))["tlvs"][0]
    assert (ssl["client"], ssl["verify"], ssl["sub_tlvs"]) == (7, 1, [])


def test_build_spp_and_outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(
        capsys, "build", "spp", "--client", "192.0.2.1:56324", "--proxy", "198.51.100.7:27015"
    )
    assert code == 0 and out.strip() == SPP
    target = tmp_path / "h.bin"
    code, out, _ = run(
        capsys,
        "build",
        "spp",
        "--client",
        "192.0.2.1:1",
        "--proxy",
        "192.0.2.2:2",
        "-o",
        str(target),
    )
    assert code == 0 and out == "" and len(target.read_bytes()) == 38
    code, _, err = run(capsys, "build", "v2", "--local", "-o", str(tmp_path / "no" / "dir" / "x"))
    assert code == 1 and "No such file" in err
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw))
    assert main(["build", "v1", "--unknown", "-o", "-"]) == 0
    assert raw.getvalue() == b"PROXY UNKNOWN\r\n"


def test_build_encode_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "build", "v1", "--src", "192.0.2.1:1", "--dst", "[2001:db8::1]:2")
    assert code == 1 and "cannot encode" in err
    code, _, err = run(capsys, "build", "v2", "--local", "--unique-id", "00" * 200)
    assert code == 1 and "cannot encode" in err


# --- dissect ---------------------------------------------------------------------------


@pytest.mark.tshark
def test_dissect_table(capsys: pytest.CaptureFixture[str]) -> None:
    require_tshark()
    code, out, err = run(capsys, "dissect", str(SAMPLE_PATH), "--wide")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["FRAME", "FLOW", "HEADER"]
    assert len(lines) == 1 + 9 + 2
    assert "CRC32C mismatch" in out and "first datagram only" in out


@pytest.mark.tshark
def test_dissect_jsonl_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    require_tshark()
    code, out, _ = run(capsys, "dissect", str(SAMPLE_PATH), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 17
    keys = {"kind", "command", "family", "transport", "src_addr", "src_port", "dst_addr"}
    keys |= {"dst_port", "length", "tlvs", "frame", "flow", "direction", "error", "stack"}
    assert all(keys <= set(r) for r in rows)
    assert {r["direction"] for r in rows if r["kind"] == "spp"} == {"to_origin", "to_client"}
    code, out, _ = run(capsys, "dissect", str(SAMPLE_PATH), "--format", "json", "--full-scan")
    doc = json.loads(out)
    assert code == 0 and len(doc["headers"]) == 17 and len(doc["flows"]) == 9
    assert doc["damage"] is None


@pytest.mark.tshark
def test_dissect_filters_and_lua(capsys: pytest.CaptureFixture[str]) -> None:
    require_tshark()
    code, out, _ = run(capsys, "dissect", str(SAMPLE_PATH), "-Y", "udp", "--format", "jsonl")
    assert code == 0 and {json.loads(line)["flow"]["transport"] for line in out.splitlines()} == {
        "udp"
    }
    code, _, err = run(capsys, "dissect", str(SAMPLE_PATH), "-Y", "tcp.port ==")
    assert code == 1 and "bad display filter" in err
    code, out, _ = run(
        capsys, "dissect", str(SAMPLE_PATH), "--lua", "--no-verify-crc", "--format", "json"
    )
    assert code == 0 and all(
        h["error"] is None for h in json.loads(out)["headers"] if h["kind"] != "spp"
    )


@pytest.mark.tshark
def test_dissect_progress_bar_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    require_tshark()

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    monkeypatch.setattr(sys, "stderr", tty)
    assert main(["dissect", str(SAMPLE_PATH), "--format", "jsonl"]) == 0
    assert "Traceback" not in tty.getvalue()


@pytest.mark.tshark
def test_dissect_broken_captures(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    require_tshark()
    code, out, err = run(capsys, "dissect", str(tmp_path / "missing.pcap"))
    assert (
        code == 1
        and out == ""
        and err == f"proxyproto: error: {tmp_path / 'missing.pcap'}: no such file\n"
    )
    cut = tmp_path / "cut.pcap"
    data, pos = SAMPLE_PATH.read_bytes(), 24
    for _ in range(69):  # skip frames 1-69, then cut frame 70 (the last dnsdist query)
        pos += 16 + int.from_bytes(data[pos + 8 : pos + 12], "little")
    cut.write_bytes(data[: pos + 40])
    code, out, err = run(capsys, "dissect", str(cut), "--format", "jsonl")
    assert code == 1 and len(out.splitlines()) == 16
    assert "cut short" in err and "everything before that point is reported" in err
    assert err.count("\n") == 1
    text = tmp_path / "notes.txt"
    text.write_text("not a capture\n")
    code, _, err = run(capsys, "dissect", str(text))
    assert code == 1 and "isn't a capture file" in err and err.count("\n") == 1


def test_dissect_without_tshark(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "dissect", str(SAMPLE_PATH), "--tshark", str(tmp_path / "tshark"))
    assert code == 1 and out == "" and "apt-get install tshark" in err and err.count("\n") == 1


def test_dissect_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "dissect", str(SAMPLE_PATH), "--format", "xml")
    assert code == 2 and "invalid choice" in err


# --- live ------------------------------------------------------------------------------


@pytest.mark.tshark
def test_live_errors(capsys: pytest.CaptureFixture[str]) -> None:
    require_tshark()
    code, _, err = run(capsys, "live", "no-such-if0", "-c", "1", "-t", "1")
    assert code == 1 and "no such interface" in err


# --- error handling ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "code", "message"),
    [
        (KeyboardInterrupt(), 130, "interrupted"),
        (CaptureError("bad capture"), 1, "bad capture"),
        (DissectorError("bad prefs"), 1, "bad prefs"),
        (PermissionError(13, "Permission denied", "/x"), 1, "/x: Permission denied"),
        (RuntimeError("boom"), 1, "internal error (RuntimeError: boom)"),
        (BrokenPipeError(), 1, ""),
    ],
)
def test_errors_never_leak(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
    code: int,
    message: str,
) -> None:
    def explode(_args: Any) -> int:
        raise exc

    monkeypatch.setitem(_cli._COMMANDS, "parse", explode)
    got, _, err = run(capsys, "parse", "00")
    assert got == code and message in err


def test_broken_pipe_on_a_real_stdout(tmp_path: Path) -> None:
    done = subprocess.run(
        f"{sys.executable} -m proxyproto_kaitai build v2 --noop 60000 | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Traceback" not in done.stderr


def test_dissect_sample_exists_for_make_demo() -> None:
    assert SAMPLE_PATH.is_file()
    with CaptureWriter.open(Path("/dev/null")) as cap:
        assert cap.count == 0
