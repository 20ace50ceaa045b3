"""How much tshark time the Wireshark plugin (dissector/proxyproto.lua) costs.

Builds a deterministic capture of at least 100,000 packets (by default) mixing
what the plugin meets in practice:

* TCP connections starting with a PROXY v1 line, with a PROXY v2 header (SSL,
  CRC32C and a TLV after the SSL TLV), and plain ones (no header), each with a
  few data segments both ways, on ports without a built-in dissector, so that
  the ``proxyproto_tcp`` heuristic is consulted for every segment it can see;
* Cloudflare SPP datagrams in both directions and random UDP datagrams (the
  ``proxyproto_udp`` heuristic looks at every one);

then times ``tshark -r FILE -T fields -e frame.number -e ip.src`` with and
without ``-X lua_script:dissector/proxyproto.lua`` (medians of --runs runs each,
alternating, after one warm-up run each) and prints the ratios of CPU time
(user + system, robust on a shared machine) and of wall time. ``-T fields`` makes
tshark build the full, visible tree, so every item of the plugin is built too.

Three captures: "mixed" (ports with and without a dissector, one connection in ten
proxied), "heavy" (PROXY/SPP everywhere, heuristic ports) and "web" (port 443/80 and
DNS traffic: every payload packet passes the plugin's port wrapper).

More lines give context (same runs, same alternation, their own ratios):

* ``summary``: ``tshark -r FILE`` with no ``-T``/``-V``: no tree at all, as for a
  packet list; the plugin then adds only what is not a tree item;
* tracking off (``-o proxyproto.track_conversations:FALSE``), the port wrapper off
  (``-o proxyproto.wrap_ports:FALSE``) and both, with what the wrapper costs per payload
  packet on a wrapped port (tracking off in both runs it is computed from);
* ``--floor``: an empty Lua plugin with the same hooks (a TCP and a UDP heuristic
  that return false, a post-dissector that returns at once, the same three field
  extractors): what Wireshark's Lua bridge costs before the plugin does anything.

No assertion is made on time: the numbers are for ``make bench``. Runs with HOME
set to an empty directory so that an installed copy of the plugin does not load
in the baseline. The machine may be shared: compare ratios from one invocation,
and use more --runs when they wander.

Usage: python tests/bench_lua.py [--packets N] [--runs N] [--mix M] [--floor] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LUA = ROOT / "dissector" / "proxyproto.lua"
sys.path.insert(0, str(ROOT / "dissector"))

from pcapwriter import CaptureWriter  # noqa: E402

SIG = b"\r\n\r\n\x00\r\nQUIT\n"


def _crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!BH", kind, len(value)) + value


def v2_header() -> bytes:
    """PROXY TCP4 with ALPN, SSL (VERSION, CN), UNIQUE_ID after SSL, CRC32C."""
    ssl = bytes([0x07]) + struct.pack("!I", 0) + _tlv(0x21, b"TLSv1.3") + _tlv(0x22, b"client")
    body = (
        bytes([192, 0, 2, 1, 198, 51, 100, 7])
        + struct.pack("!HH", 56324, 443)
        + _tlv(0x01, b"h2")
        + _tlv(0x20, ssl)
        + _tlv(0x05, b"conn-0001")
        + _tlv(0x03, bytes(4))
    )
    header = SIG + b"\x21\x11" + struct.pack("!H", len(body)) + body
    return header[:-4] + struct.pack("!I", _crc32c(header))


def spp_header(client_port: int) -> bytes:
    mapped = bytes(10) + b"\xff\xff"
    return (
        b"\x56\xec"
        + mapped + bytes([192, 0, 2, 1])
        + mapped + bytes([198, 51, 100, 7])
        + struct.pack("!HH", client_port, 27015)
    )  # fmt: skip


def _connection(cap: CaptureWriter, rng: random.Random, client: tuple[str, int],
                server: tuple[str, int], header: bytes, segments: int) -> None:  # fmt: skip
    conn = cap.tcp(client, server)
    conn.handshake()
    if header:
        conn.client_send(header)
    for i in range(segments):
        if i % 2:
            conn.server_send(rng.randbytes(rng.randint(60, 1200)))
        else:
            conn.client_send(rng.randbytes(rng.randint(60, 400)))
    conn.close()


def build(path: Path, packets: int, mix: str) -> int:
    """Write the capture; ``mix`` is "heavy" (PROXY/SPP everywhere), "mixed" or "web"."""
    rng = random.Random(7)
    v2 = v2_header()
    n = 0
    with CaptureWriter.open(path) as cap:
        while cap.count < packets:
            n += 1
            host = f"10.{n // 60000 % 250}.{n // 250 % 240}.{n % 250 + 1}"
            port = 10000 + n % 50000
            v1 = (f"PROXY TCP4 192.0.2.{n % 250} 198.51.100.7 {n % 60000} 443\r\n").encode()
            if mix == "heavy":
                # Short connections, all on a heuristic port; SPP is most of the UDP.
                for i, header in enumerate((v1, v2, b"")):
                    _connection(cap, rng, (host, port + i), ("10.255.0.1", 9440), header, 4)
                for i in range(2):
                    sport = 20000 + n % 40000
                    cap.udp(
                        (host, sport), ("10.255.0.2", 27015), spp_header(sport) + rng.randbytes(60)
                    )
                    cap.udp(
                        ("10.255.0.2", 27015), (host, sport), spp_header(sport) + rng.randbytes(90)
                    )
                    cap.udp(
                        (host, 5000 + i),
                        ("10.255.0.3", 4000 + i),
                        rng.randbytes(rng.randint(8, 300)),
                    )
            elif mix == "web":
                # Port 443/80 traffic (wrapped ports): one connection in ten proxied, DNS on 53.
                kinds = [v1 if n % 2 else v2] + [b""] * 9
                for i, header in enumerate(kinds):
                    server = ("10.255.0.1", 443 if i % 3 else 80)
                    _connection(cap, rng, (host, port + i), server, header, 20)
                for i in range(6):
                    sport = 20000 + (n * 6 + i) % 40000
                    cap.udp((host, sport), ("10.255.0.3", 53), rng.randbytes(rng.randint(30, 90)))
                    cap.udp(("10.255.0.3", 53), (host, sport), rng.randbytes(rng.randint(60, 300)))
            else:
                # One proxied connection in ten, 30 data segments each; SPP one datagram in ten.
                kinds = [v1 if n % 2 else v2] + [b""] * 9
                for i, header in enumerate(kinds):
                    server = (
                        ("10.255.0.1", (9440, 443, 80, 8443)[i % 4]) if i else ("10.255.0.1", 9440)
                    )
                    _connection(cap, rng, (host, port + i), server, header, 30)
                for i in range(20):
                    sport = 20000 + (n * 20 + i) % 40000
                    if i < 2:
                        cap.udp(
                            (host, sport),
                            ("10.255.0.2", 27015),
                            spp_header(sport) + rng.randbytes(80),
                        )
                    else:
                        cap.udp((host, sport), ("10.255.0.3", (53, 4000, 5353, 9999)[i % 4]),
                                rng.randbytes(rng.randint(20, 600)))  # fmt: skip
    return cap.count


def _once(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one tshark run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                   check=True)  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def time_set(
    commands: list[list[str]], env: dict[str, str], runs: int
) -> list[tuple[float, float]]:
    """Median (wall, cpu) of each command; runs alternate so that load on a shared
    machine hits all alike. One warm-up run each first (page cache, Lua compile)."""
    for args in commands:
        _once(args, env)
    results: list[list[tuple[float, float]]] = [[] for _ in commands]
    for _ in range(runs):
        for i, args in enumerate(commands):
            results[i].append(_once(args, env))
    return [
        (statistics.median(w for w, _ in res), statistics.median(c for _, c in res))
        for res in results
    ]


FLOOR_LUA = """
local p = Proto("benchfloor", "bench_lua.py: empty Lua plugin")
local fields = { Field.new("tcp.stream"), Field.new("tcp.seq"), Field.new("udp.stream") }
function p.dissector() return 0 end
p:register_heuristic("tcp", function() return false end)
p:register_heuristic("udp", function() return false end)
local track = Proto("benchfloor_track", "bench_lua.py: empty post-dissector")
function track.dissector() return 0 end
register_postdissector(track)
"""


def _payloads_on_wrapped_ports(pcap: Path, env: dict[str, str], tshark: str) -> int:
    """TCP/UDP packets with payload whose port has a dissector of its own (they pass
    through the plugin's port wrapper): counted as the packets tshark gives a
    protocol above tcp/udp without the plugin, other than data."""
    out = subprocess.run(
        [tshark, "-n", "-r", str(pcap), "-T", "fields", "-e", "frame.protocols",
         "-Y", "(tcp.len > 0 || udp.length > 8) && !data"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout  # fmt: skip
    return sum(1 for line in out.splitlines() if line.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--packets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mix", choices=("mixed", "heavy", "web", "all"), default="all")
    parser.add_argument("--floor", action="store_true",
                        help="also time an empty Lua plugin with the same hooks")  # fmt: skip
    parser.add_argument("--keep", type=Path, help="keep the captures in this directory")
    opts = parser.parse_args(argv)
    tshark = shutil.which("tshark")
    if tshark is None:
        print("bench_lua: tshark is not installed; nothing to measure")
        return 0
    mixes = ("mixed", "heavy", "web") if opts.mix == "all" else (opts.mix,)
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env["HOME"] = tmp
        for mix in mixes:
            folder = opts.keep or Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            pcap = folder / f"bench_lua_{mix}.pcap"
            start = time.perf_counter()
            count = build(pcap, opts.packets, mix)
            built = time.perf_counter() - start
            base = [tshark, "-n", "-r", str(pcap), "-T", "fields", "-e", "frame.number",
                    "-e", "ip.src"]  # fmt: skip
            summary = [tshark, "-n", "-r", str(pcap)]
            lua = ["-X", f"lua_script:{LUA}"]
            no_track = ["-o", "proxyproto.track_conversations:FALSE"]
            no_wrap = ["-o", "proxyproto.wrap_ports:FALSE"]
            commands = [base, [*base, *lua], summary, [*summary, *lua], [*base, *lua, *no_track],
                        [*base, *lua, *no_wrap], [*base, *lua, *no_track, *no_wrap]]  # fmt: skip
            if opts.floor:
                floor_lua = Path(tmp) / "bench_floor.lua"
                floor_lua.write_text(FLOOR_LUA, encoding="utf-8")
                commands.append([*base, "-X", f"lua_script:{floor_lua}"])
            timed = time_set(commands, env, opts.runs)
            (plain_wall, plain_cpu), (lua_wall, lua_cpu) = timed[0], timed[1]
            out = subprocess.run(
                [*base[:4], "-X", f"lua_script:{LUA}", "-T", "fields", "-e", "proxyproto.kind",
                 "-e", "proxyproto.client_addr"],
                capture_output=True, text=True, env=env, check=True,
            ).stdout.splitlines()  # fmt: skip
            rows = [[*line.split("\t"), ""] for line in out]
            headers = sum(1 for row in rows if row[0])
            tracked = sum(1 for row in rows if row[1])
            print(f"[{mix}] capture: {count} packets ({built:.1f} s to build), {headers} PROXY/SPP"
                  f" headers, {tracked} packets showing the real client")  # fmt: skip
            print(f"[{mix}] tshark without the plugin: {plain_wall:.2f} s wall, {plain_cpu:.2f} s"
                  f" CPU ({count / plain_wall:,.0f} packets/s)")  # fmt: skip
            print(f"[{mix}] tshark with the plugin:    {lua_wall:.2f} s wall, {lua_cpu:.2f} s"
                  f" CPU ({count / lua_wall:,.0f} packets/s)")  # fmt: skip
            print(
                f"[{mix}] ratio with/without: {lua_cpu / plain_cpu:.2f} CPU,"
                f" {lua_wall / plain_wall:.2f} wall (medians of {opts.runs} alternating runs)"
            )
            sum_cpu, sum_lua_cpu = timed[2][1], timed[3][1]
            print(f"[{mix}] summary output (no tree): {sum_cpu:.2f} s CPU without,"
                  f" {sum_lua_cpu:.2f} s with the plugin,"
                  f" ratio {sum_lua_cpu / sum_cpu:.2f} CPU")  # fmt: skip
            track_off_cpu, wrap_off_cpu = timed[4][1], timed[5][1]
            print(f"[{mix}] tracking off (track_conversations:FALSE): ratio"
                  f" {track_off_cpu / plain_cpu:.2f} CPU"
                  f" (on: {lua_cpu / plain_cpu:.2f})")  # fmt: skip
            # The wrapper's own cost: both runs without tracking (with the wrapper off, the
            # headers on wrapped ports are not seen, so neither is their tracking).
            wrapped = _payloads_on_wrapped_ports(pcap, env, tshark)
            both_off_cpu = timed[6][1]
            extra = (track_off_cpu - both_off_cpu) / wrapped * 1e6 if wrapped else 0.0
            print(f"[{mix}] port wrapper off (wrap_ports:FALSE): ratio"
                  f" {wrap_off_cpu / plain_cpu:.2f} CPU, {both_off_cpu / plain_cpu:.2f} with"
                  f" tracking off too; the wrapper costs {extra:.1f} µs per payload packet on a"
                  f" wrapped port ({wrapped} of them)")  # fmt: skip
            if opts.floor:
                floor_cpu = timed[7][1]
                print(f"[{mix}] empty Lua plugin with the same hooks (the floor):"
                      f" ratio {floor_cpu / plain_cpu:.2f} CPU")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
