"""Capture archives on a Dask cluster (issue 14): ``dissect --scheduler`` and the notebook API.

A `distributed.LocalCluster` of two worker processes, on 127.0.0.1 only and
without a dashboard, dissects 20 captures written here (one of them cut
short): the merged report is the ``--jobs 1`` report, the damaged file's
error included; a worker killed in the middle of a file has that file
retried and reported once; a file whose workers always die is reported with
that error while the others are still reported. Without Dask installed,
``--scheduler`` says which extra to install, and the library never imports
Dask unless asked. Captures are built with the project's pcap writer.
"""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from proxyproto_kaitai.dissector import findings_bag, findings_frame
from proxyproto_kaitai.dissector._dask import (
    COLUMNS,
    ClusterDissection,
    DaskNotInstalledError,
    FilesProgress,
    dissect_on_cluster,
)
from proxyproto_kaitai.dissector._jobs import MergedReport, dissect_one, merge
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import require_tshark

from proxyproto_kaitai._cli import main

V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")
FILES = 20
TRUNCATED = 7  # the capture cut short in the middle of its last record
MAPPED = bytes(10) + b"\xff\xff"


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:  # pragma: no cover - the dask extra is part of make venv
        message = "Dask is not installed (pip install -e '.[dask]')"
        if os.environ.get("CI") == "true":
            pytest.fail(message + ": required when CI=true")
        pytest.skip(message)


def _v2(client: int, port: int, tlvs: bytes = b"", version: int = 0x21) -> bytes:
    body = bytes([203, 0, 113, client, 198, 51, 100, 1])
    body += port.to_bytes(2, "big") + (443).to_bytes(2, "big") + tlvs
    return V2_SIG + bytes([version, 0x11]) + len(body).to_bytes(2, "big") + body


def _spp(client: int) -> bytes:
    return (
        b"\x56\xec" + MAPPED + bytes([203, 0, 113, client]) + MAPPED + bytes([198, 51, 100, 9])
        + (1000 + client).to_bytes(2, "big") + (27015).to_bytes(2, "big")
    )  # fmt: skip


def write_capture(path: Path, k: int) -> Path:
    """Capture ``k``: 1-4 proxied connections (v1, v2 with TLVs, one split), SPP, a bad header."""
    with CaptureWriter.open(path) as cap:
        for i in range(1 + k % 4):
            client = 10 * (k % 20) + i + 1
            conn = cap.tcp((f"192.0.2.{client}", 40000 + i), ("198.51.100.1", 443))
            conn.handshake()
            if i % 2:
                line = f"PROXY TCP4 203.0.113.{client} 198.51.100.1 {50000 + i} 443\r\n"
                header = line.encode()
            else:
                header = _v2(client, 50000 + i, b"\x01\x00\x02h2" + b"\x02\x00\x03a.b")
            conn.client_send(header + b"GET / HTTP/1.1\r\n\r\n", chunks=[9] if i == 2 else None)
            conn.server_send(b"HTTP/1.1 204 No Content\r\n\r\n")
            conn.close()
        if k % 3 == 0:
            edge, origin = (f"192.0.2.{200 + k % 50}", 34000 + k), ("198.51.100.9", 27015)
            for n in range(2):
                cap.udp(edge, origin, _spp(k + 1) + b"ping%d" % n)
                cap.udp(origin, edge, _spp(k + 1) + b"pong%d" % n)
        if k % 5 == 1:  # version 3: an invalid header, reported with its error
            conn = cap.tcp(("192.0.2.250", 41000 + k), ("198.51.100.1", 443))
            conn.handshake()
            conn.client_send(_v2(250, 41000 + k, version=0x31) + b"x")
            conn.close()
    if k == TRUNCATED:
        data = path.read_bytes()
        path.write_bytes(data[:-20])
    return path


@pytest.fixture(scope="module")
def captures(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("captures")
    return [str(write_capture(folder / f"lb{k:02d}.pcap", k)) for k in range(FILES)]


@pytest.fixture(scope="module")
def one_by_one(captures: list[str]) -> MergedReport:
    """What one process gives, file by file (``--jobs 1``)."""
    require_tshark()
    return merge(dissect_one(p) for p in captures)


def _local_cluster(**config: Any) -> Any:
    import dask
    from distributed import LocalCluster

    with dask.config.set(config):
        return LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # The scheduler's HTTP server (no dashboard without bokeh) on a free
            # loopback port: None would mean the default, port 8787.
            dashboard_address="127.0.0.1:0",
            silence_logs=50,  # the workers killed on purpose below would fill the log
        )


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    _require_dask()
    require_tshark()
    with _local_cluster() as local:
        workers = local.scheduler_info["workers"]
        assert local.scheduler_address.startswith("tcp://127.0.0.1:")
        assert len(workers) == 2 and all(w.startswith("tcp://127.0.0.1:") for w in workers)
        assert _listening() and all(ip == "127.0.0.1" for ip in _listening())
        yield local


def _listening() -> list[str]:
    """Addresses that this process and its children (the workers, their nannies) listen on."""
    import psutil

    me = psutil.Process()
    return [
        conn.laddr.ip
        for proc in (me, *me.children(recursive=True))
        for conn in proc.net_connections("tcp")
        if conn.status == psutil.CONN_LISTEN
    ]


@pytest.fixture
def client(cluster: Any) -> Iterator[Any]:
    from distributed import Client

    with Client(cluster) as connected:
        yield connected


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# --- the CLI: same report as --jobs 1 ------------------------------------------------------


def test_cluster_report_is_the_jobs_1_report(
    capsys: pytest.CaptureFixture[str], cluster: Any, captures: list[str]
) -> None:
    address = cluster.scheduler_address
    local = run(capsys, "dissect", *captures, "--jobs", "1", "--format", "json")
    remote = run(capsys, "dissect", *captures, "--scheduler", address, "--format", "json")
    assert remote == local
    # The table too (on fewer files, to keep the test short; the damaged one among them).
    some = captures[TRUNCATED - 2 : TRUNCATED + 3]
    table = run(capsys, "dissect", *some, "--jobs", "1")
    assert run(capsys, "dissect", *some, "--scheduler", address) == table
    assert table[0] == 1 and table[1].count(".pcap:\n") == len(some)
    code, out, err = local
    doc = json.loads(out)
    assert code == 1
    assert [f["file"] for f in doc["files"]] == captures
    truncated = doc["files"][TRUNCATED]
    assert truncated["error"] is None and "cut short" in truncated["damage"]
    assert truncated["headers"] == 4 and truncated["flows"] == 4  # all before the damage
    assert [f["damage"] is None for f in doc["files"]].count(False) == 1
    assert err.splitlines() == [
        f"proxyproto: error: {captures[TRUNCATED]}: {truncated['damage'].rstrip('.')}; "
        "everything before that point is reported"
    ]
    headers = doc["headers"]
    # 50 connections (1-4 a file), 7 SPP flows of 4 datagrams, 4 invalid v2 headers
    assert len(headers) == sum(f["headers"] for f in doc["files"]) == 50 + 28 + 4
    assert {h["kind"] for h in headers} == {"v1", "v2", "spp"}
    assert sum(h["error"] is not None for h in headers) == 4


def test_jsonl_streams_each_file_whole(
    capsys: pytest.CaptureFixture[str], cluster: Any, captures: list[str], one_by_one: MergedReport
) -> None:
    code, out, _ = run(
        capsys, "dissect", *captures, "--scheduler", cluster.scheduler_address, "--format", "jsonl"
    )
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    # Files come as they complete; each file's headers together, in capture order.
    order = list(dict.fromkeys(row["file"] for row in rows))
    assert sorted(order) == sorted(r.file for r in one_by_one.files if r.report.findings)
    by_file = {name: [r for r in rows if r["file"] == name] for name in order}
    assert [row for name in order for row in by_file[name]] == rows
    expected = [f.to_json() for f in one_by_one.report.findings]
    assert [row for name in captures for row in by_file.get(name, [])] == expected


def test_scheduler_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    cluster: Any,
    captures: list[str],
    one_by_one: MergedReport,
) -> None:
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
    code, out, _ = run(capsys, "dissect", *captures[:4], "--format", "json")
    assert code == 0 and json.loads(out) == merge(one_by_one.files[:4]).to_json()
    # --jobs says "here": the environment's scheduler is not asked (this one is not there).
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:9")
    code, out, _ = run(capsys, "dissect", *captures[:2], "--jobs", "1", "--format", "json")
    assert code == 0 and json.loads(out) == merge(one_by_one.files[:2]).to_json()
    code, _, err = run(capsys, "dissect", *captures[:2], "--jobs", "2", "--scheduler", "x")
    assert code == 2 and "--jobs and --scheduler exclude each other" in err


def test_unreachable_scheduler_is_one_line(
    capsys: pytest.CaptureFixture[str], captures: list[str]
) -> None:
    _require_dask()
    import dask

    with socket.socket() as probe:  # a port that nothing listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, out, err = run(capsys, "dissect", captures[0], "--scheduler", address)
    assert code == 1 and out == ""
    assert err.startswith(
        f"proxyproto: error: --scheduler: cannot reach the Dask scheduler at {address}"
    )
    assert err.count("\n") == 1


def test_sigterm_cancels_the_rest(cluster: Any, captures: list[str]) -> None:
    cmd = [sys.executable, "-m", "proxyproto_kaitai", "dissect", *captures, *captures]
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    with subprocess.Popen(
        [*cmd, "--scheduler", cluster.scheduler_address, "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        first = json.loads(proc.stdout.readline())  # a file is done: the run is under way
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert first["file"] in captures
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err
    mine = ["not yet looked"]
    for _ in range(200):  # up to 10 s for the scheduler to forget them
        mine = [key for key in cluster.scheduler.tasks if str(key).startswith("proxyproto-")]
        if not mine:
            break
        time.sleep(0.05)
    assert mine == []


def test_standard_input_stays_here(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "dissect", "-", "--scheduler", "tcp://127.0.0.1:9")
    assert (code, out) == (2, "")
    assert err == (
        "proxyproto dissect: standard input cannot go to a Dask cluster (its workers read "
        "the files); add --jobs 1 to dissect it here\n"
    )


# --- failures are per file -----------------------------------------------------------------


def _fake_tshark(folder: Path, mark: Path) -> Path:
    """A tshark for the workers: ``victim.pcap`` stalls once, ``poison.pcap`` kills its worker.

    On its first run for the victim it writes its parent's pid (the worker) to
    ``mark`` and waits, at most 30 s, for that worker to die; later runs, and
    every other file, run the real tshark.
    """
    script = folder / "tshark"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            case "$*" in
              */poison.pcap*) kill -KILL "$PPID"; exit 1 ;;
              */victim.pcap*)
                if mkdir '{mark}.lock' 2>/dev/null; then
                  echo "$PPID" > '{mark}.tmp' && mv '{mark}.tmp' '{mark}'
                  i=0
                  while kill -0 "$PPID" 2>/dev/null && [ $i -lt 600 ]; do
                    sleep 0.05; i=$((i+1))
                  done
                  exit 1
                fi ;;
            esac
            exec '{require_tshark()}' "$@"
            """
        )
    )
    script.chmod(0o755)
    return script


def test_a_worker_killed_mid_file_is_retried_and_reported_once(
    tmp_path: Path, captures: list[str], one_by_one: MergedReport
) -> None:
    _require_dask()
    from distributed import Client

    victim = str(write_capture(tmp_path / "victim.pcap", 6))
    poison = str(write_capture(tmp_path / "poison.pcap", 5))
    mark = tmp_path / "worker.pid"
    tshark = _fake_tshark(tmp_path, mark)
    names = [*captures[:3], victim, *captures[3:6], poison, *captures[6:8]]
    # One task on a worker at a time (so a dying worker takes only its own file
    # with it), and a file whose worker died twice is given up.
    config = {
        "distributed.scheduler.allowed-failures": 1,
        "distributed.scheduler.worker-saturation": 1.0,
    }
    with _local_cluster(**config) as local, Client(local) as client:
        run = ClusterDissection(names, client, tshark_path=str(tshark))
        seen = []
        killed = None
        for result in run:
            seen.append(result.file)
            if killed is None:
                killed = _kill_the_victims_worker(mark)
        if killed is None:  # every other file was done before the victim started
            killed = _kill_the_victims_worker(mark)
    assert killed is not None and killed != os.getpid()
    assert sorted(seen) == sorted(names)  # each file reported once
    merged = run.merged
    assert [r.file for r in merged.files] == names
    reference = {r.file: r for r in one_by_one.files}
    reference[victim] = dissect_one(victim)
    for result in merged.files:
        if result.file == poison:
            assert result.error is not None and not result.report.findings
            assert result.error.startswith(f"{poison}: the Dask workers running it died 2 times")
        else:
            assert result == reference[result.file], result.file
    assert merged.problems == [
        merged.files[names.index(poison)].error,
        reference[captures[TRUNCATED]].problem(),
    ]
    kept = [f for n in names if n != poison for f in reference[n].report.findings]
    assert merged.report.findings == kept


def _kill_the_victims_worker(mark: Path) -> int | None:
    """Kill the worker stalled on the victim once it is there; its pid, or None if not yet."""
    for _ in range(400):  # up to 20 s
        if mark.exists():
            pid = int(mark.read_text())
            os.kill(pid, signal.SIGKILL)
            return pid
        time.sleep(0.05)
    return None


def test_urls_are_read_on_the_workers(
    client: Any, tmp_path: Path, captures: list[str], one_by_one: MergedReport
) -> None:
    urls = [f"file://{p}" for p in captures[:3]]
    missing = f"file://{tmp_path}/missing.pcap"
    unknown = "nosuchscheme://bucket/lb.pcap"
    merged = dissect_on_cluster([*urls, missing, unknown], client)
    for url, path, result in zip(urls, captures, merged.files, strict=False):
        expected = one_by_one.files[captures.index(path)].report
        assert result.file == url and result.error is None
        assert [f.to_json() for f in result.report.findings] == [
            {**f.to_json(), "file": url} for f in expected.findings
        ]
        assert [r.to_json() for r in result.report.flows] == [
            json.loads(json.dumps(r.to_json()).replace(json.dumps(path), json.dumps(url)))
            for r in expected.flows
        ]
    assert merged.files[3].error == f"{missing}: no such file"
    assert merged.files[4].error is not None
    assert merged.files[4].error.startswith(f"{unknown}: cannot be read: ")
    assert "nosuchscheme" in merged.files[4].error.removeprefix(unknown)


# --- the notebook API ----------------------------------------------------------------------


def test_findings_frame_and_bag(client: Any, captures: list[str], one_by_one: MergedReport) -> None:
    expected = [f.to_json() for f in one_by_one.report.findings]
    frame = findings_frame(captures, client)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(expected) == 82
    assert frame.to_dict("records") == expected
    assert frame.attrs["problems"] == one_by_one.problems
    assert frame.attrs["files"] == one_by_one.to_json()["files"]
    assert frame.groupby("kind").size().to_dict() == {"spp": 28, "v1": 20, "v2": 34}

    half = captures[: FILES // 2]
    bag = findings_bag(half, client)
    assert bag.npartitions == len(half)
    assert bag.compute() == [h for h in expected if h["file"] in half]
    assert bag.filter(lambda h: h["kind"] == "spp").count().compute() == 16  # files 0, 3, 6, 9

    empty = findings_frame([], client)
    assert list(empty.columns) == list(COLUMNS) and len(empty) == 0


def test_progress_counts_files_on_a_terminal(client: Any, captures: list[str]) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen, pipe = Tty(), io.StringIO()
    bar, silent = FilesProgress(screen, 4), FilesProgress(pipe, 4)

    def both(done: int) -> None:
        bar(done)
        silent(done)

    for _ in ClusterDissection(captures[:4], client, progress=both):
        pass
    bar.close()
    lines = [line.split(", ")[0] for line in screen.getvalue().split("\r") if line]
    assert lines[:-1] == [f"dissecting on the cluster: {n}/4 files done" for n in range(5)]
    assert lines[-1] == "\x1b[K" and pipe.getvalue() == ""


# --- without the extra ---------------------------------------------------------------------


def test_without_dask_the_option_names_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, captures: list[str]
) -> None:
    for module in ("dask", "dask.bag", "distributed"):
        monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    hint = "pip install 'proxyproto-kaitai[dask]'"
    code, out, err = run(capsys, "dissect", *captures[:2], "--scheduler", "tcp://127.0.0.1:9")
    assert (code, out) == (1, "")
    assert err == f"proxyproto: error: --scheduler: Dask is not installed: {hint}\n"
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", "tcp://127.0.0.1:9")
    code, _, err = run(capsys, "dissect", captures[0])
    assert code == 1 and hint in err
    with pytest.raises(DaskNotInstalledError, match=r"\[dask\]"):
        findings_frame(captures[:1], None)
    with pytest.raises(DaskNotInstalledError, match=r"\[dask\]"):
        findings_bag(captures[:1], None)


def test_the_library_imports_dask_only_when_asked(captures: list[str]) -> None:
    require_tshark()
    probe = textwrap.dedent(
        """\
        import io, contextlib, sys
        import proxyproto_kaitai, proxyproto_kaitai.dissector
        from proxyproto_kaitai._cli import main
        with contextlib.redirect_stdout(io.StringIO()):
            code = main(["dissect", *sys.argv[1:], "--jobs", "1", "--format", "json"])
        heavy = [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed", "pandas")]
        print(code, heavy)
        """
    )
    # --jobs 1: the local path as the CLI takes it; which processes run the files
    # does not change what this process imports.
    env = {k: v for k, v in os.environ.items() if k != "DASK_SCHEDULER_ADDRESS"}
    done = subprocess.run(
        [sys.executable, "-c", probe, *captures[:3]],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.stdout == "0 []\n", done.stderr


def test_leaving_early_cancels_the_rest(cluster: Any, client: Any, captures: list[str]) -> None:
    run = ClusterDissection(captures, client)
    results = iter(run)
    first = next(results)
    assert isinstance(results, Generator)
    results.close()  # as when a loop over it ends early
    assert first.file in captures
    assert [r.file for r in run.merged.files] == [first.file]
    mine = []
    for _ in range(200):  # up to 10 s for the scheduler to forget them
        mine = [
            key for key in cluster.scheduler.tasks if str(key).startswith("proxyproto-dissect-")
        ]
        if not mine:
            break
        time.sleep(0.05)
    assert mine == []
