"""``make bench``, library part: our parse speed as a ratio to a baseline, on both paths.

A benchmark, not a test: it asserts nothing about speed. It prints, for the
compiled twins and for pure Python, the ratio *baseline time / our time* (above
1.00x we are faster) of each case of the performance issue, next to its
target, and whether the target is met:

    case                                  baseline                     compiled  pure
    v1 TCP4; v1 TCP6                      proxy-protocol V1.unpack     1.5x      1.3x
    v2 IPv4 without TLVs; v2 IPv6 with    proxy-protocol V2.unpack     1.0x      0.75x
      ALPN, AUTHORITY, CRC32C, SSL                                     (aim 1.5x)
    SPP                                   struct.unpack + 2 ipaddress  0.9x      0.6x
    v2, 21,841 empty TLVs (65,551 bytes)  proxy-protocol V2.unpack     1.0x      0.5x
    v2, 21,840 empty TLVs + 1 stray byte  proxy-protocol V2.unpack     1.0x      0.5x

(proxy-protocol is PyPI ``proxy-protocol`` 0.11.3; the targets are minimum ratios.)

The stray-byte header has one TLV fewer than the largest one: ``len`` is 16
bits and 65,535 already, so "the same plus one byte" cannot be encoded; its
``len`` is 65,533 (12 + 21,840 x 3 + 1). We raise `InvalidTLVError` on it;
proxy-protocol 0.11.3 accepts it (its TLV loop stops when fewer than 3 bytes
are left and ignores them), so that baseline is its time to accept: the table
says so.

How: the parent process runs this file twice as a child (``--child``), once
with ``PROXYPROTO_KAITAI_PURE=1`` and once without (the path is chosen at
import). Each child first checks that both parsers accept or reject the same
bytes and that ours returns the right header, then times each case in
interleaved rounds (ours and the baseline alternate, the order flipping each
round; a full garbage collection, untimed, before each pass) and keeps the
best round of each. Each case cycles through ``--distinct`` headers (ports
vary; the 64 KiB cases through ``--distinct // 250``), so nothing is answered
from a cache. For each target it misses, the child then measures where the
time goes: the generated Kaitai parser alone (``run_v2``/``run_spp`` of the
Kaitai layer the library uses, on the library's stream) against the whole
``parse``, the garbage collector's part, the number of generated objects per
header and what constructing one costs (and, for the 64 KiB cases, the stream
reads and the enum work of one TLV, timed alone). It prints one JSON line; the
parent prints the table and, under it, one block per missed target with those
numbers. ``--quick`` is a smoke run (200 headers, 3 rounds).

Usage: ``python tests/bench_library.py [--distinct N] [--repeat N] [--quick]``
"""

from __future__ import annotations

import argparse
import functools
import gc
import ipaddress
import json
import math
import os
import platform
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from ipaddress import IPv4Address, IPv6Address
from typing import Any

import kaitaistruct

import proxyproto_kaitai as pp
from proxyproto_kaitai import _accel
from proxyproto_kaitai import _kaitai as _kaitai_py

SPP_STRUCT = struct.Struct("!H16s16sHH")
#: Empty NOOP TLVs of the largest header: 16 + 12 + 21,841 x 3 = 65,551 bytes.
DENSE_TLVS = (pp.V2_MAX_LEN - 16 - 12) // 3
#: The stray-byte header: one TLV fewer, so that ``len`` still fits in 16 bits.
STRAY_TLVS = DENSE_TLVS - 1

# --- inputs -------------------------------------------------------------------------------


def v1_tcp4(i: int) -> bytes:
    return f"PROXY TCP4 192.168.{i % 250}.1 192.168.0.11 {1024 + i} 443\r\n".encode()


def v1_tcp6(i: int) -> bytes:
    return f"PROXY TCP6 2001:db8::{i:x} 2001:db8::2 {1024 + i} 443\r\n".encode()


def v2_ipv4(i: int) -> bytes:
    return pp.encode(
        pp.V2Header(
            pp.Command.PROXY,
            pp.Family.INET,
            pp.Transport.STREAM,
            IPv4Address(0xC0000200 + i % 250),
            IPv4Address("198.51.100.7"),
            1024 + i,
            443,
        )
    )


_SSL = pp.SslTlv(
    pp.SslClient.SSL | pp.SslClient.CERT_CONN | pp.SslClient.CERT_SESS,
    0,
    (
        pp.SslSubTlv(pp.SslSubtype.VERSION, b"TLSv1.3"),
        pp.SslSubTlv(pp.SslSubtype.CN, b"client.example.com"),
        pp.SslSubTlv(pp.SslSubtype.CIPHER, b"TLS_AES_256_GCM_SHA384"),
        pp.SslSubTlv(pp.SslSubtype.SIG_ALG, b"RSA-SHA256"),
        pp.SslSubTlv(pp.SslSubtype.KEY_ALG, b"RSA2048"),
    ),
)


def v2_ipv6_tlvs(i: int) -> bytes:
    # Types ascending: proxy-protocol 0.11.3 recomputes the CRC over its own
    # type-sorted re-serialisation of the TLVs, so only that order passes there.
    tlvs = (pp.AlpnTlv(b"h2"), pp.AuthorityTlv(b"example.com"), pp.Crc32cTlv(), _SSL)
    return pp.encode(
        pp.V2Header(
            pp.Command.PROXY,
            pp.Family.INET6,
            pp.Transport.STREAM,
            IPv6Address(f"2001:db8::{i:x}"),
            IPv6Address("2001:db8::2"),
            1024 + i,
            443,
            tlvs,
        )
    )


def spp(i: int) -> bytes:
    header = pp.SppHeader(
        IPv4Address(0xC0000200 + i % 250), IPv4Address("198.51.100.7"), 1024 + i, 27015
    )
    return pp.encode(header) + b"payload"


def _v2_noops(count: int, tail: bytes, i: int) -> bytes:
    body = (
        IPv4Address(0xC0000200 + i % 250).packed
        + IPv4Address("198.51.100.7").packed
        + struct.pack("!HH", 1024 + i, 443)
        + b"\x04\x00\x00" * count
        + tail
    )
    return pp.V2_SIGNATURE + b"\x21\x11" + struct.pack("!H", len(body)) + body


def v2_dense(i: int) -> bytes:
    """PROXY TCP4, the 12-byte address block, then 21,841 empty NOOP TLVs."""
    return _v2_noops(DENSE_TLVS, b"", i)


def v2_stray(i: int) -> bytes:
    """21,840 empty NOOP TLVs and one stray byte after the last: invalid."""
    return _v2_noops(STRAY_TLVS, b"\x04", i)


def struct_spp_ip(data: bytes) -> Any:
    """The SPP baseline: `struct.unpack` and two `ipaddress` objects."""
    magic, client, proxy, cport, pport = SPP_STRUCT.unpack_from(data)
    if magic != 0x56EC:
        raise ValueError("magic")
    c, p = ipaddress.IPv6Address(client), ipaddress.IPv6Address(proxy)
    return (c.ipv4_mapped or c, p.ipv4_mapped or p, cport, pport)


# --- the cases ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    key: str
    name: str
    baseline: str
    make: Callable[[int], bytes]
    kind: str  # "v1", "v2" or "spp": which parser of ours, and which profile
    target_compiled: float
    target_pure: float
    aim_compiled: float | None = None
    valid: bool = True
    dense: bool = False  # a 64 KiB header: fewer distinct inputs, per-TLV figures


PEER_V1 = "proxy-protocol V1.unpack"
PEER_V2 = "proxy-protocol V2.unpack"
CASES = (
    Case("v1_tcp4", "v1 TCP4", PEER_V1, v1_tcp4, "v1", 1.5, 1.3),
    Case("v1_tcp6", "v1 TCP6", PEER_V1, v1_tcp6, "v1", 1.5, 1.3),
    Case("v2_ipv4", "v2 IPv4, no TLVs", PEER_V2, v2_ipv4, "v2", 1.0, 0.75, 1.5),
    Case("v2_ipv6", "v2 IPv6, ALPN+AUTH+CRC32C+SSL", PEER_V2, v2_ipv6_tlvs, "v2", 1.0, 0.75, 1.5),
    Case("spp", "SPP", "struct.unpack + 2 ipaddress", spp, "spp", 0.9, 0.6),
    Case("dense", "v2, 21,841 empty TLVs, valid", PEER_V2, v2_dense, "v2", 1.0, 0.5, dense=True),
    Case(
        "stray",
        "v2, 21,840 TLVs + stray byte, invalid",
        PEER_V2,
        v2_stray,
        "v2",
        1.0,
        0.5,
        valid=False,
        dense=True,
    ),
)
PATHS = ("compiled", "pure")


def target(case: Case, path: str) -> float:
    return case.target_compiled if path == "compiled" else case.target_pure


# --- the child: check, time, profile ------------------------------------------------------


class Disagreement(Exception):
    """The two parsers do not treat the same bytes alike: the ratio would mean nothing."""


def _outcome(fn: Callable[[bytes], Any], data: bytes) -> tuple[bool, Any]:
    try:
        return True, fn(data)
    except Exception as exc:
        return False, exc


def check_case(
    case: Case, inputs: Sequence[bytes], ours: Callable[[bytes], Any], theirs: Any
) -> dict[str, Any]:
    """Check every input on both parsers before timing; say what the peer did."""
    from proxyprotocol.checksum import crc32c as peer_crc32c

    peer_rejects = set()
    for data in inputs:
        ok, h = _outcome(ours, data)
        peer_ok, r = _outcome(theirs, data)
        if not peer_ok:
            peer_rejects.add(type(r).__name__)
        if not case.valid:
            # Ours: InvalidTLVError at the stray byte. The peer: recorded (see the docstring).
            if ok or not isinstance(h, pp.InvalidTLVError) or h.offset != len(data) - 1:
                raise Disagreement(f"{case.name}: ours gave {h!r}, not the stray-byte error")
            continue
        if not ok or not peer_ok:
            raise Disagreement(f"{case.name}: ours {h!r}, peer {r!r} on {data[:60]!r}")
        if h.length != len(h.raw) or len(h.raw) > len(data):
            raise Disagreement(f"{case.name}: length {h.length} of {len(data)} bytes")
        if case.kind == "spp":
            got = (h.client_addr, h.proxy_addr, h.client_port, h.proxy_port)
            want = r
        else:
            got = ((h.src_addr, h.src_port), (h.dst_addr, h.dst_port))
            want = (r.source, r.dest)
        if got != want or h.length != (pp.SPP_LEN if case.kind == "spp" else len(data)):
            raise Disagreement(f"{case.name}: ours {got} ({h.length} B), peer {want}")
        if case.key == "v2_ipv6":
            alpn, authority = h.tlv(pp.TlvType.ALPN), h.tlv(pp.TlvType.AUTHORITY)
            crc, ssl = h.tlv(pp.TlvType.CRC32C), h.tlv(pp.TlvType.SSL)
            if (alpn.value, authority.text, crc.verified, len(ssl.sub_tlvs)) != (
                r.tlv.alpn,
                r.tlv.authority,
                True,
                5,
            ):
                raise Disagreement(f"{case.name}: TLVs {h.tlvs} vs the peer's {dict(r.tlv)}")
        if case.dense and (len(h.tlvs) != DENSE_TLVS or len(data) != pp.V2_MAX_LEN):
            raise Disagreement(f"{case.name}: {len(h.tlvs)} TLVs in {len(data)} bytes")
    if case.key == "v2_ipv6":  # both verify the CRC32C: a corrupted one fails on both
        edit = bytearray(inputs[0])
        edit[edit.index(b"\x03\x00\x04", 52) + 3] ^= 0xFF
        data = bytes(edit)
        if peer_crc32c is None or _outcome(ours, data)[0] or _outcome(theirs, data)[0]:
            raise Disagreement(f"{case.name}: a corrupted CRC32C is not rejected by both")
    return {"peer_rejects": sorted(peer_rejects)}


def best_times(
    entries: Sequence[tuple[Callable[[bytes], Any], Sequence[bytes], bool]], rounds: int
) -> list[float]:
    """Best seconds per input of each ``(fn, inputs, gc_enabled)`` entry.

    Each round times one pass of every entry, the order rotating by one each
    round; a full collection (untimed) runs before each pass.
    """
    best = [float("inf")] * len(entries)
    n = len(entries)
    for r in range(rounds):
        for k in [(r + j) % n for j in range(n)]:
            fn, inputs, gc_on = entries[k]
            gc.collect()
            if not gc_on:
                gc.disable()
            try:
                start = time.perf_counter()
                for data in inputs:
                    fn(data)
                elapsed = time.perf_counter() - start
            finally:
                gc.enable()
            best[k] = min(best[k], elapsed / len(inputs))
    return best


def count_generated_objects(fn: Callable[[bytes], Any], data: bytes) -> int:
    """Calls to the stock ``KaitaiStruct.__init__`` while ``fn(data)`` runs: one
    per generated object (the root is built by the Kaitai layer without it)."""
    stock = kaitaistruct.KaitaiStruct.__init__
    calls = 0

    def counting(self: Any, io: Any) -> None:
        nonlocal calls
        calls += 1
        stock(self, io)

    kaitaistruct.KaitaiStruct.__init__ = counting  # type: ignore[method-assign]
    try:
        fn(data)
    finally:
        kaitaistruct.KaitaiStruct.__init__ = stock  # type: ignore[method-assign]
    return calls


def _per_call(bodies: Sequence[Callable[[int], Any]], loops: int) -> list[float]:
    """Best seconds per iteration of each ``body(loops)`` (a loop of ``loops``
    iterations), less an empty loop's; 3 rounds, interleaved."""

    def empty(n: int) -> None:
        for _ in range(n):
            pass

    best = [float("inf")] * len(bodies)
    for _ in range(3):
        for k, body in enumerate(bodies):
            gc.collect()
            start = time.perf_counter()
            empty(loops)
            middle = time.perf_counter()
            body(loops)
            end = time.perf_counter()
            best[k] = min(best[k], (end - middle) - (middle - start))
    return [b / loops for b in best]


def micro_costs(kaitai: Any, loops: int) -> dict[str, float]:
    """What the generated code does for each object and each TLV, timed in isolation.

    ``object``: constructing one generated object that reads nothing (a ``Tlv``
    subclass whose ``_read`` does nothing: new instance, generated ``__init__``,
    stock ``KaitaiStruct.__init__``, the empty ``_read`` call). ``ks_init``: the
    part of that due to the stock ``KaitaiStruct.__init__``, as called from the
    generated ``__init__`` (the same construction with it replaced by the C
    builtin ``id``, which takes the same one argument and does nothing useful,
    is that much cheaper). ``reads``: the stream calls of one empty TLV
    (``is_eof``, ``read_u1``, ``read_u2be``, ``read_bytes(0)``). ``enums``: its
    enum work (``resolve_enum`` of the type, and the two ``Pp2Type`` members
    the generated switch compares it with).
    """
    module = kaitai.v2_module
    v2 = module.ProxyProtocolV2
    resolve = module.KaitaiStream.resolve_enum

    class Unread(v2.Tlv):  # type: ignore[name-defined, misc]
        def _read(self) -> None:
            pass

    io = kaitai.Stream(b"\x04\x00\x00")
    stock = kaitaistruct.KaitaiStruct.__init__

    def construct(n: int) -> None:
        for _ in range(n):
            Unread(io, None, None)

    def construct_without_stock_init(n: int) -> None:
        kaitaistruct.KaitaiStruct.__init__ = id  # type: ignore[assignment]
        try:
            construct(n)
        finally:
            kaitaistruct.KaitaiStruct.__init__ = stock  # type: ignore[method-assign]

    def reads(n: int) -> None:
        tlvs = kaitai.Stream(b"\x04\x00\x00" * n)
        for _ in range(n):
            tlvs.is_eof()
            tlvs.read_u1()
            tlvs.read_u2be()
            tlvs.read_bytes(0)

    def enums(n: int) -> None:
        for _ in range(n):
            resolve(v2.Pp2Type, 4)
            v2.Pp2Type.crc32c  # noqa: B018 - the look-up is what is timed
            v2.Pp2Type.ssl  # noqa: B018

    obj, obj_no_init, read_s, enum_s = _per_call(
        [construct, construct_without_stock_init, reads, enums], loops
    )
    return {"object": obj, "ks_init": obj - obj_no_init, "reads": read_s, "enums": enum_s}


def profile(
    case: Case,
    inputs: Sequence[bytes],
    ours: Callable[[bytes], Any],
    rounds: int,
    loops: int,
) -> dict[str, Any]:
    """Where our time goes on ``case``: the whole parse against the parser alone."""
    kaitai: Any = _accel.twin("kaitai") or _kaitai_py  # the Kaitai layer parse() uses
    gen_inputs = inputs
    if case.kind == "v1":
        gen, label = pp.parse_v1, "v1 grammar alone (parse_v1)"
    elif case.kind == "spp":
        gen, label = kaitai.run_spp, "generated parser alone: run_spp(data[:38])"
        gen_inputs = [data[: pp.SPP_LEN] for data in inputs]
    elif case.valid:
        gen, label = kaitai.run_v2, "generated parser alone: run_v2(data)"
    else:

        def gen(data: bytes) -> Any:
            try:
                return kaitai.run_v2(data)
            except kaitai.Fault as fault:
                return fault

        label = "generated parser alone: run_v2(data), to its Fault"
    parse_s, gen_s, gen_nogc_s = best_times(
        [(ours, inputs, True), (gen, gen_inputs, True), (gen, gen_inputs, False)], rounds
    )
    result = {"parse": parse_s, "gen": gen_s, "gen_nogc": gen_nogc_s, "gen_label": label}
    if case.kind != "v1":
        result["objects"] = count_generated_objects(gen, gen_inputs[0])
        result.update(micro_costs(kaitai, loops))
    return result


def child(args: argparse.Namespace) -> int:
    path = "pure" if os.environ.get(_accel.PURE_ENV) == "1" else "compiled"
    out: dict[str, Any] = {
        "path": path,
        "accelerated": pp.ACCELERATED,
        "reason": _accel.REASON,
        "python": platform.python_version(),
        "cases": {},
    }
    if path == "compiled" and not pp.ACCELERATED:  # not built: nothing to time
        print(json.dumps(out))
        return 0

    from proxyprotocol import (
        ProxyProtocolChecksumError,
        ProxyProtocolIncompleteError,
        ProxyProtocolSyntaxError,
    )
    from proxyprotocol.v1 import ProxyProtocolV1
    from proxyprotocol.v2 import ProxyProtocolV2

    peer_errors = (
        ProxyProtocolSyntaxError,
        ProxyProtocolChecksumError,
        ProxyProtocolIncompleteError,
    )
    theirs_v1, theirs_v2 = ProxyProtocolV1().unpack, ProxyProtocolV2().unpack
    baselines = {"v1": theirs_v1, "v2": theirs_v2, "spp": struct_spp_ip}
    parse_spp = functools.partial(pp.parse, datagram=True)

    def ours_rejecting(data: bytes) -> Any:
        try:
            return pp.parse(data)
        except pp.ProxyProtocolError as exc:
            return exc

    def theirs_rejecting(data: bytes) -> Any:
        try:
            return theirs_v2(data)
        except peer_errors as exc:
            return exc

    dense_distinct = max(2, args.distinct // 250)
    for case in CASES:
        inputs = [case.make(i) for i in range(dense_distinct if case.dense else args.distinct)]
        ours: Callable[[bytes], Any] = parse_spp if case.kind == "spp" else pp.parse
        theirs = baselines[case.kind]
        try:
            checked = check_case(case, inputs, ours, theirs)
        except Disagreement as exc:
            print(f"bench_library ({path}): {exc}", file=sys.stderr)
            return 1
        if not case.valid:
            ours, theirs = ours_rejecting, theirs_rejecting
        ours_s, theirs_s = best_times([(ours, inputs, True), (theirs, inputs, True)], args.repeat)
        ratio = theirs_s / ours_s
        entry: dict[str, Any] = {
            "ours": ours_s,
            "theirs": theirs_s,
            "ratio": ratio,
            "distinct": len(inputs),
            **checked,
        }
        if ratio < target(case, path):
            entry["profile"] = profile(case, inputs, ours, args.profile_rounds, args.loops)
        out["cases"][case.key] = entry
    print(json.dumps(out))
    return 0


# --- the parent: run both children, print the table ---------------------------------------


def run_child(pure: bool, args: argparse.Namespace) -> dict[str, Any] | None:
    env = dict(os.environ)
    env.pop(_accel.PURE_ENV, None)
    if pure:
        env[_accel.PURE_ENV] = "1"
    argv = [sys.executable, os.path.abspath(__file__), "--child"]
    argv += ["--distinct", str(args.distinct), "--repeat", str(args.repeat)]
    argv += ["--profile-rounds", str(args.profile_rounds), "--loops", str(args.loops)]
    print(f"[running the {'pure' if pure else 'compiled'} path in a child process]", flush=True)
    done = subprocess.run(argv, env=env, stdout=subprocess.PIPE, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"bench_library: the child failed (exit {done.returncode})", file=sys.stderr)
        return None
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _us(seconds: float) -> str:
    return f"{seconds * 1e6:.2f} \u00b5s"


def _target_text(case: Case, path: str) -> str:
    text = f">= {target(case, path):.2f}x"
    if path == "compiled" and case.aim_compiled is not None:
        text += f" (aim {case.aim_compiled:.1f}x)"
    return text


def _met_text(case: Case, path: str, ratio: float) -> str:
    if ratio < target(case, path):
        return "NO"
    if path == "compiled" and case.aim_compiled is not None and ratio < case.aim_compiled:
        return "yes, not aim"
    return "yes"


def _floor2(ratio: float) -> float:
    """Rounded down to 2 decimals, so that a missed 1.00x never reads as 1.00x."""
    return math.floor(ratio * 100) / 100


def _not_built(reason: str) -> str:
    return reason if reason.startswith("not built") else f"not built ({reason})"


def print_table(results: dict[str, dict[str, Any]]) -> None:
    cols = {"compiled": [7, 19, 12], "pure": [7, 9, 4]}
    for path, widths in cols.items():
        if not results[path]["cases"]:  # one cell instead of ratio, target, met?
            widths[2] = max(widths[2], len(_not_built(results[path]["reason"])) - 28)
    head = f"{'case':<38} {'baseline':<28}"
    for path, (w_ratio, w_target, w_met) in cols.items():
        head += f" | {path:>{w_ratio}} {'target':<{w_target}} {'met?':<{w_met}}"
    print(head)
    print("-" * len(head))
    for case in CASES:
        line = f"{case.name:<38} {case.baseline:<28}"
        for path, (w_ratio, w_target, w_met) in cols.items():
            res = results[path]
            entry = res["cases"].get(case.key)
            if entry is None:
                line += f" | {_not_built(res['reason']):<{w_ratio + w_target + w_met + 2}}"
                continue
            ratio = entry["ratio"]
            line += (
                f" | {_floor2(ratio):>{w_ratio - 1}.2f}x {_target_text(case, path):<{w_target}}"
                f" {_met_text(case, path, ratio):<{w_met}}"
            )
        print(line.rstrip())


def print_times(results: dict[str, dict[str, Any]]) -> None:
    print()
    print(f"{'time per header, ours / baseline':<38} {'compiled':>28}   {'pure':>28}")
    for case in CASES:
        cells = []
        for path in PATHS:
            entry = results[path]["cases"].get(case.key)
            if entry is None:
                cells.append(f"{'-':>28}")
                continue
            scale, unit = (1e3, "ms") if case.dense else (1e6, "\u00b5s")
            text = f"{entry['ours'] * scale:.2f} / {entry['theirs'] * scale:.2f} {unit}"
            cells.append(f"{text:>28}")
        print(f"{case.name:<38} {cells[0]}   {cells[1]}")


def print_notes(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    print()
    print(
        "ratio = baseline time / our time, same process, same bytes (above 1.00x: we are "
        "faster);\n"
        f"best of {args.repeat} interleaved rounds; {args.distinct} distinct headers per case, "
        f"{max(2, args.distinct // 250)} for the 64 KiB ones.\n"
        "proxy-protocol = PyPI proxy-protocol 0.11.3, ProxyProtocolV1()/V2().unpack "
        "(V2 verifies the CRC32C);\nSPP baseline = struct.unpack of the 38 bytes + two "
        "ipaddress objects (IPv4-mapped unwrapped)."
    )
    accepted = [p for p in PATHS if results[p]["cases"].get("stray", {}).get("peer_rejects") == []]
    print(
        "The stray-byte header: 21,840 empty TLVs + 1 byte, len 65,533 (len is 16 bits: the "
        "65,551-byte one plus a byte\ncannot be encoded). We raise InvalidTLVError; "
        + (
            "proxy-protocol ACCEPTS it (it ignores a tail of fewer than\n3 bytes), so its "
            "baseline is its time to accept those bytes."
            if accepted
            else "proxy-protocol raises too."
        )
    )


class Block:
    """Rows of one explanation: per header (and per TLV), share of the whole parse."""

    def __init__(self, whole: float, tlvs: int) -> None:
        self.whole = whole
        self.tlvs = tlvs
        per_tlv = f" {'per TLV':>10}" if tlvs else ""
        print(f"    {'where the time goes':<60} {'per header':>11}{per_tlv}   share")

    def row(self, indent: int, label: str, seconds: float) -> None:
        per = _time(seconds, dense=bool(self.tlvs))
        if self.tlvs:
            per += f" {seconds / self.tlvs * 1e6:7.3f} \u00b5s"
        share = f"{seconds / self.whole * 100:5.1f}%"
        noise = "  (below 0: within the noise)" if seconds < 0 else ""
        print(f"    {' ' * indent + label:<60} {per}  {share}{noise}")


def _time(seconds: float, *, dense: bool) -> str:
    return f"{seconds * 1e3:8.2f} ms" if dense else f"{seconds * 1e6:8.2f} \u00b5s"


def explain(case: Case, path: str, entry: dict[str, Any]) -> None:
    """One missed target: by how much, and the measured profile."""
    prof = entry["profile"]
    want = target(case, path)
    allowed = entry["theirs"] / want
    print(
        f"\n* {case.name}, {path}: {_floor2(entry['ratio']):.2f}x, target {want:.2f}x: "
        f"{(1 - entry['ratio'] / want) * 100:.0f}% short.\n  The target allows "
        f"{_time(allowed, dense=case.dense).strip()} per header, we take "
        f"{_time(entry['ours'], dense=case.dense).strip()} ({entry['ours'] / allowed:.2f}x)."
    )
    n = 0
    if case.dense:
        n = DENSE_TLVS if case.valid else STRAY_TLVS
    block = Block(prof["parse"], n)
    block.row(0, "parse(data), the whole parse", prof["parse"])
    block.row(2, prof["gen_label"], prof["gen"])
    objects = prof.get("objects")
    if objects:
        gc_s = prof["gen"] - prof["gen_nogc"]
        obj_s = objects * prof["object"]
        left = prof["gen_nogc"] - obj_s
        plural = "s" if objects > 1 else ""
        block.row(4, f"constructing its {objects:,} generated object{plural}", obj_s)
        block.row(6, "of which the stock KaitaiStruct.__init__", objects * prof["ks_init"])
        block.row(4, "garbage collection during it", gc_s)
        if n:
            block.row(4, "stream reads per TLV x TLVs (timed alone)", n * prof["reads"])
            block.row(4, "enum work per TLV x TLVs (timed alone)", n * prof["enums"])
            left -= n * (prof["reads"] + prof["enums"])
            block.row(4, "remainder: loop, append, attribute stores", left)
        else:
            block.row(4, "remainder: stream reads, enums, checks", left)
    elif objects == 0:
        print(
            "      (no generated object but the root, which is built without KaitaiStruct.__init__)"
        )
    rest = "rest of the library: models, rules"
    if case.kind == "v1":
        rest = "rest: detection and dispatch in parse()"
    elif not case.valid:
        rest = "rest of the library: mapping the fault"
    block.row(2, rest, prof["parse"] - prof["gen"])
    block.row(0, f"baseline: {case.baseline}", entry["theirs"])
    if n:
        peer = entry["theirs"] / n
        print(
            f"    Per TLV, as multiples of the baseline's whole per-TLV time ({_us(peer)}):\n"
            f"    one generated object {prof['object'] / peer:.2f}x (its stock "
            f"KaitaiStruct.__init__ {prof['ks_init'] / peer:.2f}x), the stream reads "
            f"{prof['reads'] / peer:.2f}x,\n    the enum work {prof['enums'] / peer:.2f}x, "
            f"the rest of the library {(prof['parse'] - prof['gen']) / n / peer:.2f}x."
        )
    elif objects:
        share = objects * prof["object"] / entry["theirs"]
        print(f"    Constructing the generated objects takes {share:.0%} of the baseline's time.")


def print_missed(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> None:
    missed = [
        (case, path)
        for case in CASES
        for path in PATHS
        if "profile" in results[path]["cases"].get(case.key, {})
    ]
    if not missed:
        print("\nEvery target is met.")
        return
    print(
        f"\nTargets not met: {len(missed)}. Profiles: best of {args.profile_rounds} interleaved "
        f"rounds;\nper-object and per-TLV costs: best of 3 loops of {args.loops:,}, timed alone."
    )
    for case, path in missed:
        explain(case, path, results[path]["cases"][case.key])
    lines = []
    for case in CASES:
        profs = [results[p]["cases"].get(case.key, {}).get("profile") for p in PATHS]
        comp, pure = profs
        if comp is None or pure is None or "objects" not in comp:
            continue
        n = (DENSE_TLVS if case.valid else STRAY_TLVS) if case.dense else 1
        unit = "per TLV" if case.dense else "per header"
        lines.append(
            f"  {case.name + ':':<39} generated parser {unit}: {_us(comp['gen'] / n)} compiled, "
            f"{_us(pure['gen'] / n)} pure ({1 - comp['gen'] / pure['gen']:.0%} less)"
        )
    if lines:
        print("\nCompiled twins against pure Python, where both miss:")
        print("\n".join(lines))
        comp, pure = (
            next(
                e["profile"]
                for e in results[p]["cases"].values()
                if "objects" in e.get("profile", {})
            )
            for p in PATHS
        )
        print(
            f"  {'one generated object:':<39} constructing: {_us(comp['object'])} compiled, "
            f"{_us(pure['object'])} pure;\n  {'':<39} its stock KaitaiStruct.__init__: "
            f"{_us(comp['ks_init'])} compiled, {_us(pure['ks_init'])} pure"
        )


def parent(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    results: dict[str, dict[str, Any]] = {}
    for path in PATHS:
        res = run_child(path == "pure", args)
        if res is None:
            return 1
        results[path] = res
    if results["pure"]["accelerated"]:
        print(f"bench_library: {_accel.PURE_ENV}=1 did not select pure Python", file=sys.stderr)
        return 1
    comp = results["compiled"]
    print(
        f"\nproxyproto_kaitai {pp.__version__}, python {comp['python']} on "
        f"{platform.machine()}, {os.cpu_count()} CPUs"
    )
    built = f"compiled twins ({comp['reason']})" if comp["accelerated"] else comp["reason"]
    print(f"compiled path: {built}; pure path: {results['pure']['reason']}\n")
    print_table(results)
    print_times(results)
    print_notes(results, args)
    print_missed(results, args)
    print(f"\n(library bench took {time.perf_counter() - start:.0f} s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="proxyproto_kaitai parse benchmark, both paths")
    parser.add_argument(
        "--distinct",
        type=int,
        help="different headers per case (default 2000, --quick 200); the 64 KiB cases use 1/250",
    )
    parser.add_argument(
        "--repeat", type=int, help="interleaved rounds; the best counts (default 20, --quick 3)"
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: few inputs, few rounds")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-rounds", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--loops", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.distinct is None:
        args.distinct = 200 if args.quick else 2000
    if args.repeat is None:
        args.repeat = 3 if args.quick else 20
    if args.profile_rounds is None:
        args.profile_rounds = max(2, args.repeat // 4)
    if args.loops is None:
        args.loops = 10_000 if args.quick else 100_000
    return child(args) if args.child else parent(args)


if __name__ == "__main__":
    sys.exit(main())
