"""``make bench``: capture-dissection throughput against tshark and pyshark.

Not a test (no timing is asserted anywhere). It writes a deterministic
capture of more than 100,000 packets — mostly ordinary TCP and UDP traffic,
a few hundred connections and flows carrying PROXY v1/v2 headers, and one
SPP flow of 10,000 datagrams — then, in the same run and on the same file,
times:

* the floor: ``tshark -r FILE -T fields -e frame.number`` (tshark reading and
  dissecting every packet, printing next to nothing);
* ``dissect_file`` with its pre-selection (the default) and as a full scan;
* a plain pyshark loop (``FileCapture``, default PDML mode) over every
  packet. At ~600 packets/s that would take minutes, so it is timed on the
  first ``--pyshark-packets`` packets and extrapolated per packet, as the
  output says.

It also checks that every way gives the same findings. Then, on a second
capture of 25,000 connections whose 1,439-byte PROXY v2 header is split
1100+1100 bytes (every header runs past the pre-selection's horizon, issue
10 point 3), it times the default against the full scan, alternating, and
prints their ratio (goal: at most 1.1).

Usage: ``python tests/bench_dissect.py [--runs N] [--pyshark-packets N] [--keep FILE]
[--split-connections N]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from proxyproto_kaitai.dissector import Dissector, Finding, dissect_file, open_file_capture
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter

V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")


def _v2(src: bytes, dst: bytes, sport: int, dport: int, fam: int, tlvs: bytes) -> bytes:
    body = src + dst + struct.pack("!HH", sport, dport) + tlvs
    return V2_SIG + struct.pack("!BBH", 0x21, fam, len(body)) + body


def _plain(rnd: random.Random, n: int) -> bytes:
    """Random bytes that do not start like a PROXY or SPP header."""
    data = bytearray(rnd.randbytes(n))
    if data and data[0] in (0x0D, 0x50, 0x56):
        data[0] = 0x17
    return bytes(data)


def write_bench_capture(path: Path) -> dict[str, int]:
    """Write the bench capture; return what is in it."""
    rnd = random.Random(20260101)
    stats = {"tcp_plain": 0, "tcp_header": 0, "udp_plain": 0, "udp_v2": 0, "spp": 0}
    with CaptureWriter.open(path, step_us=50) as cap:
        for i in range(8200):
            client = (f"10.{i // 60000}.{(i // 250) % 240}.{i % 250 + 1}", 20000 + i % 40000)
            server = ("10.200.0.1", (80, 443, 8080, 25)[i % 4])
            conn = cap.tcp(client, server, isn=(rnd.randrange(1 << 32), rnd.randrange(1 << 32)))
            conn.handshake()
            request = _plain(rnd, rnd.randrange(80, 700))
            if i % 24 == 0:  # 300 proxied connections
                ip = bytes([203, 0, 113, i % 250 + 1])
                if i % 48 == 0:
                    header = b"PROXY TCP4 203.0.113.%d 10.200.0.1 %d %d\r\n" % (
                        i % 250 + 1,
                        40000 + i % 20000,
                        server[1],
                    )
                else:
                    tlvs = b"\x01\x00\x02h2" + b"\x02\x00\x0bwww.example"
                    header = _v2(
                        ip, bytes([10, 200, 0, 1]), 40000 + i % 20000, server[1], 0x11, tlvs
                    )
                chunks = [7] if i % 72 == 0 else None  # some headers split over two segments
                conn.client_send(header + request, chunks=chunks)
                stats["tcp_header"] += 1
            else:
                conn.client_send(request)
                stats["tcp_plain"] += 1
            response = _plain(rnd, rnd.randrange(200, 5000))
            conn.server_send(response, chunks=[1460] * 4)
            conn.close()
        for i in range(7000):  # DNS-like pairs: 14,000 datagrams
            client, server = (
                (f"10.100.{i // 250 % 250}.{i % 250 + 1}", 30000 + i),
                ("10.200.0.53", 53),
            )
            cap.udp(client, server, _plain(rnd, rnd.randrange(30, 120)))
            cap.udp(server, client, _plain(rnd, rnd.randrange(60, 400)))
            stats["udp_plain"] += 2
        for i in range(50):  # PROXY v2 over UDP: 25 Cloudflare-style, 25 on every datagram
            edge, origin = (f"10.201.0.{i + 1}", 33000 + i), ("10.200.0.99", 5353)
            header = _v2(
                bytes([203, 0, 113, i + 1]), bytes([198, 18, 0, 1]), 50000 + i, 5353, 0x12, b""
            )
            for n in range(6):
                first = n == 0 or i % 2 == 1
                cap.udp(edge, origin, (header if first else b"") + _plain(rnd, 80))
                cap.udp(origin, edge, _plain(rnd, 120))
            stats["udp_v2"] += 1
        edge, origin = ("10.202.0.1", 34000), ("10.200.0.100", 27015)
        spp = (
            b"\x56\xec"
            + bytes(10)
            + b"\xff\xff"
            + bytes([203, 0, 113, 200])
            + bytes(10)
            + b"\xff\xff"
            + bytes([198, 18, 0, 2])
            + struct.pack("!HH", 51000, 27015)
        )
        for _ in range(5000):  # the SPP flow: 10,000 datagrams
            cap.udp(edge, origin, spp + _plain(rnd, 100))
            cap.udp(origin, edge, spp + _plain(rnd, 200))
        stats["spp"] = 10000
        stats["packets"] = cap.count
    return stats


def write_split_capture(path: Path, connections: int) -> int:
    """Connections whose 1,439-byte v2 header is split 1100+1100; returns the packet count."""
    tlv = b"\x04" + struct.pack("!H", 1439 - 31) + bytes(1439 - 31)
    with CaptureWriter.open(path, step_us=50) as cap:
        for i in range(connections):
            client = (f"10.{i // 60000}.{(i // 250) % 240}.{i % 250 + 1}", 20000 + i % 40000)
            conn = cap.tcp(client, ("10.200.0.1", 443))
            conn.handshake()
            header = _v2(
                bytes([203, 0, 113, i % 250 + 1]), bytes([10, 200, 0, 1]), client[1], 443, 0x11, tlv
            )
            conn.client_send(header + bytes(2200 - len(header)), chunks=[1100, 1100])
            conn.close()
        return cap.count


def split_bench(tmp: str, connections: int, runs: int) -> bool:
    """Default vs full scan on headers past the horizon; returns whether they agree."""
    path = Path(tmp) / "split.pcap"
    packets = write_split_capture(path, connections)
    defaults, fulls = [], []
    fast: object = None
    full: object = None
    for _ in range(runs):
        seconds, fast = _time(lambda: dissect_file(path), 1)
        defaults.append(seconds)
        seconds, full = _time(lambda: dissect_file(path, prefilter=False), 1)
        fulls.append(seconds)
    t_default, t_full = statistics.median(defaults), statistics.median(fulls)
    fast_findings = fast.findings  # type: ignore[attr-defined]
    same = _key(fast_findings) == _key(full.findings)  # type: ignore[attr-defined]
    print()
    print(
        f"capture: {packets:,} packets, {connections:,} connections, each with a 1,439-byte "
        "PROXY v2 header split 1100+1100 bytes (past the pre-selection's horizon)"
    )
    print(f"  dissect_file (default)          {t_default:8.2f} s  (median of {runs})")
    print(f"  dissect_file (full scan)        {t_full:8.2f} s  (median of {runs})")
    print(
        f"default / full scan:               {t_default / t_full:5.2f}x  (goal: at most 1.1x); "
        f"{len(fast_findings):,} headers, same results: {'yes' if same else 'NO'}"
    )
    return same and len(fast_findings) == connections


def _time(fn: Callable[[], object], runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _prefix(path: Path, out: Path, packets: int) -> None:
    """Copy the first ``packets`` records of a classic pcap file."""
    data = path.read_bytes()
    pos = 24
    for _ in range(packets):
        caplen = struct.unpack_from("<I", data, pos + 8)[0]
        pos += 16 + caplen
    out.write_bytes(data[:pos])


def _key(findings: list[Finding]) -> list[tuple[int, int, str]]:
    return sorted((f.frame, f.stack, repr(f.to_json())) for f in findings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per method (median)")
    parser.add_argument("--pyshark-packets", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="also write the capture here")
    parser.add_argument(
        "--split-connections",
        type=int,
        default=25000,
        help="connections in the headers-past-the-horizon capture (0: skip it)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.pcap"
        t0 = time.perf_counter()
        stats = write_bench_capture(path)
        packets = stats["packets"]
        print(
            f"capture: {packets:,} packets, {path.stat().st_size / 1e6:.1f} MB, written in "
            f"{time.perf_counter() - t0:.1f} s ({stats['tcp_plain']:,} plain + "
            f"{stats['tcp_header']} proxied TCP connections, {stats['udp_plain']:,} plain UDP "
            f"datagrams, {stats['udp_v2']} PROXY v2 UDP flows, one SPP flow of "
            f"{stats['spp']:,} datagrams)"
        )
        if args.keep:
            args.keep.write_bytes(path.read_bytes())

        def floor() -> None:
            subprocess.run(
                ["tshark", "-r", str(path), "-T", "fields", "-e", "frame.number"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=True,
            )

        # Interleaved, so that load from elsewhere on the machine hits both alike.
        floors, fasts = [], []
        fast: object = None
        for _ in range(args.runs):
            floors.append(_time(floor, 1)[0])
            seconds, fast = _time(lambda: dissect_file(path), 1)
            fasts.append(seconds)
        t_floor, t_fast = statistics.median(floors), statistics.median(fasts)
        t_full, full = _time(lambda: dissect_file(path, prefilter=False), 1)
        assert not isinstance(fast, type(None)) and not isinstance(full, type(None))
        fast_findings = fast.findings  # type: ignore[attr-defined]
        full_findings = full.findings  # type: ignore[attr-defined]

        subset = Path(tmp) / "subset.pcap"
        n_sub = min(args.pyshark_packets, packets)
        _prefix(path, subset, n_sub)

        def plain_pyshark() -> int:
            import pyshark

            count = 0
            with pyshark.FileCapture(str(subset), keep_packets=False) as cap:
                for pkt in cap:
                    count += int(str(pkt.number)) > 0
            return count

        t_py, seen = _time(plain_pyshark, 1)
        assert seen == n_sub, (seen, n_sub)
        per_packet = t_py / n_sub
        t_py_all = per_packet * packets

        dissector = Dissector()
        with open_file_capture(subset, use_json=True) as cap:
            via_pyshark = list(dissector.dissect(cap))
        sub_fast = dissect_file(subset).findings

    flows = len(fast.flows)  # type: ignore[attr-defined]
    same = _key(fast_findings) == _key(full_findings)
    same_sub = _key(via_pyshark) == _key(sub_fast)
    expected_flows = stats["tcp_header"] + stats["udp_v2"] + 1
    print(f"headers found: {len(fast_findings):,} in {flows} connections/flows", end=" ")
    print(f"(expected {expected_flows})")
    print()
    rows = [
        ("tshark -T fields -e frame.number (floor)", t_floor, f"median of {args.runs}"),
        ("dissect_file (pre-selection, default)", t_fast, f"median of {args.runs}"),
        ("dissect_file (prefilter=False, full scan)", t_full, "1 run"),
        (
            "plain pyshark loop, PDML (extrapolated)",
            t_py_all,
            f"{n_sub:,} packets timed: {t_py:.1f} s, {1 / per_packet:,.0f} pkt/s",
        ),
    ]
    for name, seconds, note in rows:
        print(f"  {name:<44} {seconds:8.2f} s  {packets / seconds:>9,.0f} pkt/s  ({note})")
    print()
    print(f"dissect_file / tshark floor:      {t_fast / t_floor:5.2f}x  (goal: within 1.25x)")
    print(f"plain pyshark loop / dissect_file: {t_py_all / t_fast:5.1f}x  (goal: >= 20x)")
    print(f"full scan / dissect_file:          {t_full / t_fast:5.2f}x")
    print(
        "same results: pre-selection vs full scan "
        + ("yes" if same else "NO")
        + f"; pyshark Dissector (use_json) vs dissect_file on the first {n_sub:,} packets "
        + ("yes" if same_sub else "NO")
    )
    split_ok = True
    if args.split_connections:
        with tempfile.TemporaryDirectory() as tmp:
            split_ok = split_bench(tmp, args.split_connections, max(1, min(args.runs, 3)))
    ok = same and same_sub and flows == expected_flows and split_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
