"""``make bench``, scale part (issue 14): many capture files, one machine against a Dask cluster.

Not a test (no timing is asserted anywhere). It writes ``--files``
deterministic captures (default 40) of ``--packets`` packets each (default
25,000): ordinary TCP connections and UDP datagrams, one connection in
sixteen carrying a PROXY v1 or v2 header, and an SPP flow. Then, in the same
run and on the same files, it times what ``proxyproto dissect FILES…`` runs:

* ``--jobs 1``: `dissect_many` on this process, file after file (the baseline);
* ``--jobs 2``: `dissect_many` on a pool of two processes;
* ``--scheduler``: `ClusterDissection` on a `distributed.LocalCluster` of two
  worker processes with one thread each, on 127.0.0.1 — the cluster's
  start-up is timed apart (a real cluster is already running), and the
  cluster is asked once first so that the timed run does not pay for the
  workers' first imports.

The methods take turns (``--runs`` rounds, medians), so load from elsewhere on
the machine hits them alike. It prints the times and the ratios ``--jobs 2`` /
``--jobs 1`` and cluster / ``--jobs 2`` (goal: within 1.2x on a 2-core
machine), and checks that the three merged reports are the same.

Usage: ``python tests/bench_scale.py [--files N] [--packets N] [--runs N] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from proxyproto_kaitai.dissector._dask import ClusterDissection
from proxyproto_kaitai.dissector._jobs import MergedReport, dissect_many, merge
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter

V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")
MAPPED = bytes(10) + b"\xff\xff"


def _plain(rnd: random.Random, n: int) -> bytes:
    """Random bytes that do not start like a PROXY or SPP header."""
    data = bytearray(rnd.randbytes(n))
    if data and data[0] in (0x0D, 0x50, 0x56):
        data[0] = 0x17
    return bytes(data)


def write_scale_capture(path: Path, seed: int, packets: int) -> int:
    """Write capture number ``seed`` of exactly ``packets`` packets; return how many headers."""
    rnd = random.Random(20261205 + seed)
    headers = 0
    site = seed % 200
    with CaptureWriter.open(path, step_us=50) as cap:
        i = 0
        while cap.count < packets * 0.8:  # TCP: about 15 packets a connection
            client = (f"10.{site}.{(i // 250) % 250}.{i % 250 + 1}", 20000 + i % 40000)
            server = ("10.250.0.1", (80, 443, 8080)[i % 3])
            conn = cap.tcp(client, server, isn=(rnd.randrange(1 << 32), rnd.randrange(1 << 32)))
            conn.handshake()
            request = _plain(rnd, rnd.randrange(80, 600))
            if i % 16 == 0:
                real = f"203.0.113.{i % 250 + 1}"
                if i % 32 == 0:
                    header = f"PROXY TCP4 {real} 10.250.0.1 {40000 + i} {server[1]}\r\n".encode()
                else:
                    body = bytes([203, 0, 113, i % 250 + 1, 10, 250, 0, 1])
                    body += struct.pack("!HH", 40000 + i % 20000, server[1])
                    body += b"\x01\x00\x02h2"
                    header = V2_SIG + b"\x21\x11" + struct.pack("!H", len(body)) + body
                request = header + request
                headers += 1
            conn.client_send(request)
            conn.server_send(_plain(rnd, rnd.randrange(200, 4000)), chunks=[1460] * 3)
            conn.close()
            i += 1
        spp = b"\x56\xec" + MAPPED + bytes([203, 0, 113, 200]) + MAPPED + bytes([10, 250, 0, 2])
        spp += struct.pack("!HH", 51000 + seed, 27015)
        edge, origin = (f"10.251.{site}.1", 34000), ("10.250.0.2", 27015)
        for _ in range(500):  # an SPP flow of 1,000 datagrams
            cap.udp(edge, origin, spp + _plain(rnd, 100))
            cap.udp(origin, edge, spp + _plain(rnd, 150))
            headers += 2
        n = 0
        while cap.count < packets:  # DNS-like datagrams up to the exact count
            client = (f"10.252.{n // 250 % 250}.{n % 250 + 1}", 30000 + n % 30000)
            cap.udp(client, ("10.250.0.53", 53), _plain(rnd, rnd.randrange(30, 120)))
            n += 1
        assert cap.count == packets
    return headers


def _write(task: tuple[Path, int, int]) -> int:
    return write_scale_capture(*task)


def write_captures(folder: Path, files: int, packets: int) -> tuple[list[str], int]:
    """The captures (reused when ``folder`` has them); their paths and header count."""
    folder.mkdir(parents=True, exist_ok=True)
    tasks = [(folder / f"lb{k:03d}-{packets}.pcap", k, packets) for k in range(files)]
    todo = [t for t in tasks if not t[0].exists()]
    with multiprocessing.Pool(2) as pool:
        pool.map(_write, todo)
    return [str(t[0]) for t in tasks], len(todo)


def _time(fn: Callable[[], MergedReport]) -> tuple[float, MergedReport]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--files", type=int, default=40, help="captures (default 40)")
    parser.add_argument("--packets", type=int, default=25000, help="packets per capture")
    parser.add_argument("--runs", type=int, default=1, help="rounds of the three methods")
    parser.add_argument("--keep", type=Path, help="write (or reuse) the captures in this folder")
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        t0 = time.perf_counter()
        paths, written = write_captures(folder, args.files, args.packets)
        size = sum(Path(p).stat().st_size for p in paths) / 1e6
        print(
            f"captures: {len(paths)} x {args.packets:,} packets, {size:.0f} MB "
            f"({written} written in {time.perf_counter() - t0:.1f} s, the rest reused)"
        )

        load_before = os.getloadavg()[0]
        t0 = time.perf_counter()
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
            silence_logs=40,
        )
        client = Client(cluster)
        t_start = time.perf_counter() - t0
        try:

            def on_cluster(names: list[str]) -> MergedReport:
                run = ClusterDissection(names, client)
                for _ in run:
                    pass
                return run.merged

            on_cluster(paths[:2])  # the workers' first imports, as on a running cluster
            methods: dict[str, Callable[[], MergedReport]] = {
                "--jobs 1": lambda: merge(dissect_many(paths, jobs=1)),
                "--jobs 2": lambda: merge(dissect_many(paths, jobs=2)),
                "cluster": lambda: on_cluster(paths),
            }
            times: dict[str, list[float]] = {name: [] for name in methods}
            reports: dict[str, Any] = {}
            for _ in range(args.runs):
                for name, method in methods.items():
                    seconds, merged = _time(method)
                    times[name].append(seconds)
                    reports[name] = json.dumps(merged.to_json(), sort_keys=True)
                    problems = merged.problems
        finally:
            client.close()
            cluster.close()

    t = {name: statistics.median(values) for name, values in times.items()}
    headers = len(json.loads(reports["--jobs 1"])["headers"])
    total = args.files * args.packets
    note = f"median of {args.runs}" if args.runs > 1 else "1 run"
    print(f"headers found: {headers:,}; files with a problem: {len(problems)}")
    # Other work on the machine shows here: --jobs 2 gains nothing without a free core.
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")
    print()
    rows = [
        ("--jobs 1 (one process, the baseline)", t["--jobs 1"]),
        ("--jobs 2 (two processes)", t["--jobs 2"]),
        ("LocalCluster, 2 workers x 1 thread", t["cluster"]),
    ]
    for name, seconds in rows:
        print(f"  {name:<40} {seconds:7.2f} s  {total / seconds:>9,.0f} pkt/s  ({note})")
    print(f"  {'LocalCluster start-up (not in the above)':<40} {t_start:7.2f} s")
    print()
    print(f"--jobs 2 / --jobs 1:            {t['--jobs 2'] / t['--jobs 1']:5.2f}x")
    print(f"cluster / --jobs 1:             {t['cluster'] / t['--jobs 1']:5.2f}x")
    print(f"cluster / --jobs 2:             {t['cluster'] / t['--jobs 2']:5.2f}x  (goal: <= 1.2x)")
    same = reports["--jobs 1"] == reports["--jobs 2"] == reports["cluster"]
    print("same merged report: --jobs 1, --jobs 2, cluster " + ("yes" if same else "NO"))
    return 0 if same and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
