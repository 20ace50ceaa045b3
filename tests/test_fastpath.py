"""The library's fast path and the stock generated parsers agree, on vectors and mutations.

The inputs: every shared v2 and SPP vector (``tests/vectors``), then, with a
seeded RNG, every truncation of each vector, every single-byte flip, bit flips
of the fixed part, random byte replacements, insertions and deletions,
random values in the length fields (``len``, each TLV's and SSL sub-TLV's
length) and in the version/command and family bytes, and random combinations
of those until there are `MUTATIONS` distinct mutated inputs.

Three levels are checked:

* **raw**: `proxyproto_kaitai._kaitai.run_v2` / ``run_spp`` (the fast path: the
  private copies on `proxyproto_kaitai._stream.Stream`, or their compiled
  twins) against the stock ``ProxyProtocolV2`` / ``SimpleProxyProtocol`` of
  `proxyproto_kaitai.generated` on ``KaitaiStream(BytesIO(data))``. Both
  succeed with equal object trees, or both fail: an ``EndOfStreamError`` is a
  `Fault` with ``eos`` in the same stream (depth, absolute offset, size,
  position of the read) asking for the same ``bytes_needed``; a
  ``Validation*Error`` is a `Fault` with the same root ``seq`` index and
  ``actual``. The fields read before a failure (`Fault.root`) are equal too.
  SPP is run on ``data[:38]`` as `proxyproto_kaitai._spp.parse_spp` does (and
  on the whole datagram as well).
* **library**: ``proxyproto_kaitai.parse`` in this process and in a
  subprocess with ``PROXYPROTO_KAITAI_PURE=1`` give the same header JSON, or
  the same exception class, message, ``field``, ``offset``, ``partial`` and
  ``needed``. In-process is the compiled path when the accelerator is in use,
  so this compares compiled with pure; under ``PROXYPROTO_KAITAI_PURE=1`` it is
  pure with pure (the test output says which).
* **rules**: wherever the stock parser succeeds on v2 bytes, the library fails
  only for one of its own rules (a CRC32C value that is not 4 bytes, a second
  CRC32C, UNIQUE_ID over 128 bytes, a CRC32C mismatch; a header over
  ``max_size`` cannot happen at the default ``max_size``), and then for the
  first rule the bytes break, with its class, field and offset; where the
  stock parser fails, the library fails too.

``python tests/test_fastpath.py IN OUT`` is the subprocess: it parses the
inputs of the file IN and writes their outcomes to OUT.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import random
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import crc32c
import kaitaistruct
import pytest
import vectorlib
from kaitaistruct import EndOfStreamError, KaitaiStream, KaitaiStruct
from proxyproto_kaitai.generated.proxy_protocol_v2 import ProxyProtocolV2
from proxyproto_kaitai.generated.simple_proxy_protocol import SimpleProxyProtocol

import proxyproto_kaitai as pp
from proxyproto_kaitai import _accel, _kaitai

SEED = 20260427
MUTATIONS = 100_000
WORKERS = 2  # pure subprocesses for the library level (the machine has 2 cores)
SPP_LEN = 38
V2_SIG = bytes.fromhex("0d0a0d0a000d0a515549540a")
SPP_MAGIC = b"\x56\xec"
#: Address block length by fam byte, for PROXY (LOCAL has none).
ADDRESS_BLOCK = {0x00: 0, 0x11: 12, 0x12: 12, 0x21: 36, 0x22: 36, 0x31: 216, 0x32: 216}
IN_PROCESS = "compiled" if _accel.ACCELERATED else "pure"

Input = tuple[str, bytes]  # ("v2" | "spp", data)


# --------------------------------------------------------------------------- inputs


def _length_fields(data: bytes) -> list[int]:
    """Offsets of the 16-bit length fields of a v2 header: ``len``, TLVs, SSL sub-TLVs."""
    if len(data) < 16 or not data.startswith(V2_SIG):
        return []
    out = [14]
    end = min(len(data), 16 + int.from_bytes(data[14:16], "big"))
    if data[12] & 0x0F == 0:
        pos = 16
    elif data[13] in ADDRESS_BLOCK:
        pos = 16 + ADDRESS_BLOCK[data[13]]
    else:
        return out
    while pos + 3 <= end:
        out.append(pos + 1)
        n = int.from_bytes(data[pos + 1 : pos + 3], "big")
        if data[pos] == 0x20 and n >= 5:
            sub, sub_end = pos + 8, min(end, pos + 3 + n)
            while sub + 3 <= sub_end:
                out.append(sub + 1)
                sub += 3 + int.from_bytes(data[sub + 1 : sub + 3], "big")
        pos += 3 + n
    return out


def _length_value(rng: random.Random, old: int, rest: int) -> int:
    pick = rng.random()
    if pick < 0.4:
        value = old + rng.choice((-3, -2, -1, 1, 2, 3))
    elif pick < 0.6:
        value = rest + rng.randint(-3, 3)
    elif pick < 0.85:
        value = rng.choice((0, 1, 2, 3, 4, 5, 6, 128, 129, 0xFFFF))
    else:
        value = rng.randint(0, 0xFFFF)
    return value & 0xFFFF


def _set_length(rng: random.Random, data: bytes, fields: list[int]) -> bytes:
    at = rng.choice(fields)
    old = int.from_bytes(data[at : at + 2], "big")
    value = _length_value(rng, old, len(data) - at - 2)
    return data[:at] + value.to_bytes(2, "big") + data[at + 2 :]


def _mutate(rng: random.Random, data: bytes, fmt: str) -> bytes:
    """One random mutation (a few for the random fill)."""
    n = len(data)
    op = rng.random()
    skip = len(SPP_MAGIC if fmt == "spp" else V2_SIG)  # the flips cover the magic
    if op < 0.30 and n > skip:
        out = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            hot = min(n, SPP_LEN if fmt == "spp" else 32)
            i = (
                rng.randrange(skip, hot)
                if rng.random() < 0.5 and hot > skip
                else rng.randrange(skip, n)
            )
            out[i] = rng.randrange(256)
        return bytes(out)
    if op < 0.40:
        i = rng.randint(0, n)
        return data[:i] + rng.randbytes(rng.randint(1, 4)) + data[i:]
    if op < 0.55 and n:
        i = rng.randrange(n)
        return data[:i] + data[i + rng.randint(1, 4) :]
    if op < 0.85 and fmt == "v2":
        fields = _length_fields(data)
        if fields:
            return _set_length(rng, data, fields)
    if op < 0.92 and fmt == "v2" and n > 13:
        i = rng.choice((12, 13))
        return data[:i] + bytes([rng.randrange(256)]) + data[i + 1 :]
    return data[: rng.randint(0, n)]


def _systematic(rng: random.Random, fmt: str, data: bytes) -> Iterable[bytes]:
    """The mutations every vector gets."""
    n = len(data)
    yield from (data[:k] for k in range(n))  # every truncation
    for i in range(n):  # every single-byte flip
        yield data[:i] + bytes([data[i] ^ 0xFF]) + data[i + 1 :]
    # every bit of the fixed part after the magic (the byte flips cover the magic)
    for i in range(len(SPP_MAGIC) if fmt == "spp" else 12, min(n, SPP_LEN if fmt == "spp" else 16)):
        for bit in range(8):
            yield data[:i] + bytes([data[i] ^ (1 << bit)]) + data[i + 1 :]
    fields = _length_fields(data) if fmt == "v2" else []
    for at in fields:  # every length field, several values
        for _ in range(8):
            yield _set_length(random.Random(rng.random()), data, [at])
    for _ in range(24):
        yield _mutate(rng, data, fmt)


@cache
def corpus() -> tuple[tuple[Input, ...], int, dict[str, int]]:
    """The inputs (vectors first), how many are vectors, and the count per format."""
    rng = random.Random(SEED)
    vectors = [("v2", vectorlib.data(v)) for v in vectorlib.load("v2")]
    vectors += [("spp", vectorlib.data(v)) for v in vectorlib.load("spp")]
    seen: dict[Input, None] = dict.fromkeys(vectors)
    n_vectors = len(seen)
    for fmt, data in vectors:
        seen.update(dict.fromkeys((fmt, m) for m in _systematic(rng, fmt, data)))
    while len(seen) - n_vectors < MUTATIONS:
        fmt, data = vectors[rng.randrange(len(vectors))]
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            data = _mutate(rng, data, fmt)
        seen[(fmt, data)] = None
    inputs = tuple(seen)
    per_format = {f: sum(1 for g, _ in inputs if g == f) for f in ("v2", "spp")}
    return inputs, n_vectors, per_format


# --------------------------------------------------------------------------- raw level


_NAMES: dict[type, str] = {}


def _public_name(cls: type) -> str:
    """The generated class's name (the fast path's root is a private subclass)."""
    name = _NAMES.get(cls)
    if name is None:
        name = next(c.__qualname__ for c in cls.__mro__ if not c.__name__.startswith("_"))
        _NAMES[cls] = name
    return name


def tree(obj: Any) -> Any:
    """A generated object as plain data: its seq fields (public ``__dict__`` keys),
    nested objects and lists recursively, enum members by class name, name and value."""
    kind = type(obj)
    if kind is bytes or kind is int:
        return obj
    if isinstance(obj, KaitaiStruct):
        fields = {k: tree(v) for k, v in obj.__dict__.items() if k[0] != "_"}
        return (_public_name(kind), fields)
    if kind is list:
        return [tree(v) for v in obj]
    if isinstance(obj, Enum):
        return ("enum", kind.__qualname__, obj._name_, obj._value_)
    return (kind.__name__, obj)


def stock_run(cls: type[KaitaiStruct], data: bytes) -> tuple[Any, Exception | None]:
    """``cls.from_bytes(data)`` on the stock runtime, keeping the root of a failed parse
    (as `proxyproto_kaitai._kaitai` does for the fast path): (root, exception or None)."""
    root: Any = object.__new__(cls)
    KaitaiStruct.__init__(root, KaitaiStream(io.BytesIO(data)))
    root._parent = None
    root._root = root
    try:
        root._read()
    except Exception as exc:  # compared with the fast path's outcome
        return root, exc
    return root, None


def stock_eos_stream(exc: EndOfStreamError) -> tuple[int, int, int, int]:
    """(depth, absolute offset, size, position of the read) of the stream that ran out,
    found in the traceback: the chain of streams the generated ``_read`` frames used."""
    streams: list[KaitaiStream] = []
    tb = exc.__traceback__
    while tb is not None:
        owner = tb.tb_frame.f_locals.get("self")
        stream = owner._io if isinstance(owner, KaitaiStruct) else owner
        if isinstance(stream, KaitaiStream) and (not streams or streams[-1] is not stream):
            streams.append(stream)
        tb = tb.tb_next
    base = 0
    for parent, child in itertools.pairwise(streams):
        # A substream is made right after its parent read its bytes.
        base += parent.pos() - child.size()
    failing = streams[-1]
    return len(streams) - 1, base, failing.size(), failing.size() - exc.bytes_available


class Outcome(NamedTuple):
    """One run of a generated parser, as plain data.

    ``error``: the exception's class name, or ``None``. ``fault``: what the
    failure says, as the fast path's `Fault` must say it: ``(True, depth, base,
    size, at, need)`` for an end of stream, ``(False, seq index, actual)`` for a
    failed check. ``tree``: the root's fields (those read before a failure), as
    the ``repr`` of its `tree` (a string: 100,000 of them cost the garbage
    collector nothing, which keeps the other tests fast).
    """

    error: str | None
    fault: tuple[Any, ...] | None
    tree: str


def stock_outcome(cls: type[KaitaiStruct], data: bytes) -> tuple[Outcome, Any]:
    """The stock parser's outcome, and its root object."""
    root, exc = stock_run(cls, data)
    if exc is None:
        return Outcome(None, None, repr(tree(root))), root
    fault: tuple[Any, ...]
    if isinstance(exc, EndOfStreamError):
        fault = (True, *stock_eos_stream(exc), exc.bytes_needed)
    elif isinstance(
        exc, (kaitaistruct.ValidationNotEqualError, kaitaistruct.ValidationNotInEnumError)
    ):
        fault = (False, int(str(exc.src_path).rsplit("/", 1)[1]), tree(exc.actual))
    else:  # no Fault corresponds to it: a disagreement whatever the fast path does
        fault = ("unexpected stock exception", repr(exc))
    exc.__traceback__ = None
    return Outcome(type(exc).__name__, fault, repr(tree(root))), root


def fast_outcome(run: Callable[[bytes], Any], data: bytes) -> Outcome:
    """The fast path's outcome (`proxyproto_kaitai._kaitai.run_v2` or ``run_spp``)."""
    try:
        root = run(data)
    except _kaitai.Fault as f:
        if f.eos:
            fault: tuple[Any, ...] = (True, f.depth, f.base, f.size, f.at, f.need)
        else:
            fault = (False, f.index, tree(f.actual))
        return Outcome("Fault", fault, repr(tree(f.root)))
    except Exception as exc:  # the fast path raises nothing but Fault
        return Outcome(type(exc).__name__, ("unexpected fast path exception", repr(exc)), "")
    return Outcome(None, None, repr(tree(root)))


def raw_difference(stock: Outcome, fast: Outcome) -> str | None:
    """Why the fast path's outcome does not correspond to the stock one, or None."""
    if (stock.error is None) != (fast.error is None) or stock.fault != fast.fault:
        s = f"raises {stock.error} {stock.fault}" if stock.error else "succeeds"
        f = f"gives {fast.error} {fast.fault}" if fast.error else "succeeds"
        return f"stock {s}, fast path {f}"
    if stock.tree != fast.tree:
        return f"objects differ:\n  stock {stock.tree}\n  fast  {fast.tree}"
    return None


class StockV2(NamedTuple):
    outcome: Outcome
    len_body: int | None
    rules: list[tuple[str, str, int]] | None  # on success: the library rules broken


@cache
def stock_v2() -> tuple[StockV2, ...]:
    """The stock v2 parser on every v2 input (in `corpus` order)."""
    inputs, _, _ = corpus()
    out = []
    for fmt, data in inputs:
        if fmt == "v2":
            outcome, root = stock_outcome(ProxyProtocolV2, data)
            rules = rule_faults(root, data) if outcome.error is None else None
            out.append(StockV2(outcome, root.__dict__.get("len_body"), rules))
    return tuple(out)


def _check_raw(
    label: str,
    pairs: Iterable[tuple[bytes, Outcome, Outcome]],
    record_property: Callable[[str, object], None],
) -> None:
    compared = failed = 0
    bad: list[str] = []
    for data, stock, fast in pairs:
        compared += 1
        failed += stock.error is not None
        why = raw_difference(stock, fast)
        if why is not None:
            bad.append(f"{data.hex()}: {why}")
    print(
        f"raw {label}: {compared} inputs compared (stock fails on {failed}), "
        f"fast path on {'compiled twins' if _accel.ACCELERATED else 'pure modules'}, "
        f"{len(bad)} disagreements"
    )
    record_property(f"raw_{label}_inputs", compared)
    if bad:
        shown = "\n".join(sorted(bad, key=len)[:5])
        pytest.fail(f"raw {label}: {len(bad)} disagreements, e.g.\n{shown}", pytrace=False)


def test_corpus_is_large_enough(record_property: Callable[[str, object], None]) -> None:
    inputs, n_vectors, per_format = corpus()
    print(f"{len(inputs)} inputs: {n_vectors} vectors, {len(inputs) - n_vectors} mutations")
    record_property("inputs", len(inputs))
    assert len(inputs) - n_vectors >= MUTATIONS
    assert per_format["spp"] >= 10_000 and per_format["v2"] >= 60_000, per_format
    vectors = [("v2", vectorlib.data(v)) for v in vectorlib.load("v2")]
    vectors += [("spp", vectorlib.data(v)) for v in vectorlib.load("spp")]
    assert set(inputs[:n_vectors]) == set(vectors)  # some vectors share their bytes


def test_raw_v2_fast_path_matches_stock(record_property: Callable[[str, object], None]) -> None:
    inputs, _, _ = corpus()
    v2 = [d for fmt, d in inputs if fmt == "v2"]
    pairs = (
        (d, s.outcome, fast_outcome(_kaitai.run_v2, d)) for d, s in zip(v2, stock_v2(), strict=True)
    )
    _check_raw("v2", pairs, record_property)


def test_raw_spp_fast_path_matches_stock(record_property: Callable[[str, object], None]) -> None:
    inputs, _, _ = corpus()
    spp = [d for fmt, d in inputs if fmt == "spp"]
    for label, cut in (("spp (data[:38], as parse_spp runs it)", SPP_LEN), ("spp (whole)", None)):
        datas = [d[:cut] for d in spp]
        pairs = (
            (d, stock_outcome(SimpleProxyProtocol, d)[0], fast_outcome(_kaitai.run_spp, d))
            for d in datas
        )
        _check_raw(label, pairs, record_property)


# --------------------------------------------------------------------------- library level


@cache
def library_cases() -> tuple[tuple[bytes, bool], ...]:
    """(data, datagram) pairs for ``parse``: SPP inputs as datagrams; v2 inputs as a
    stream, and also as a datagram where that can change the answer (the input ends
    before the header does, or lacks the signature; the stock parser says which)."""
    inputs, _, _ = corpus()
    stock = iter(stock_v2())
    out: list[tuple[bytes, bool]] = []
    for fmt, data in inputs:
        if fmt == "spp":
            out.append((data, True))
            continue
        len_body = next(stock).len_body
        out.append((data, False))
        if not data.startswith(V2_SIG) or len(data) < 16 + (len_body or 0):
            out.append((data, True))
    return tuple(out)


@cache
def library_outcomes() -> tuple[str, ...]:
    """This process's outcomes of `library_cases`."""
    return tuple(outcome(d, g) for d, g in library_cases())


def outcome(data: bytes, datagram: bool) -> str:
    """``parse`` of the library as one canonical JSON text."""
    try:
        header = pp.parse(data, datagram=datagram)
    except pp.ProxyProtocolError as exc:
        got: list[Any] = [
            "raise",
            type(exc).__name__,
            str(exc),
            getattr(exc, "field", None),
            getattr(exc, "offset", None),
            getattr(exc, "partial", None),
            getattr(exc, "needed", None),
        ]
    except Exception as exc:  # never expected: reported as a difference
        got = ["crash", type(exc).__name__, str(exc)]
    else:
        got = ["ok", type(header).__name__, pp.to_json(header)]
    return json.dumps(got, sort_keys=True, default=repr)


def _write_cases(path: Path, cases: Iterable[tuple[bytes, bool]]) -> None:
    with path.open("wb") as f:
        for data, datagram in cases:
            f.write(struct.pack("<?I", datagram, len(data)))
            f.write(data)


def _read_cases(path: Path) -> list[tuple[bytes, bool]]:
    raw = path.read_bytes()
    cases, pos = [], 0
    while pos < len(raw):
        datagram, n = struct.unpack_from("<?I", raw, pos)
        pos += 5
        cases.append((raw[pos : pos + n], datagram))
        pos += n
    return cases


def main(argv: list[str]) -> int:
    """The subprocess: the outcomes of the inputs in file ``argv[0]``, one JSON text
    a line, into file ``argv[1]``."""
    cases = _read_cases(Path(argv[0]))
    lines = [json.dumps({"accelerated": _accel.ACCELERATED, "reason": _accel.REASON})]
    lines += [outcome(d, g) for d, g in cases]
    Path(argv[1]).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def test_library_pure_subprocess_matches_in_process(
    tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    cases = library_cases()
    env = {**os.environ, _accel.PURE_ENV: "1"}
    start = time.perf_counter()
    children = []
    for k in range(WORKERS):  # they run while this process parses the same inputs
        src, dst = tmp_path / f"inputs{k}.bin", tmp_path / f"outcomes{k}.jsonl"
        _write_cases(src, cases[k::WORKERS])
        command = [sys.executable, __file__, str(src), str(dst)]
        child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        children.append((child, dst))
    here = library_outcomes()
    there: list[str] = [""] * len(cases)
    for k, (child, dst) in enumerate(children):
        output, _ = child.communicate(timeout=300)
        assert child.returncode == 0, output.decode(errors="replace")
        lines = dst.read_text(encoding="utf-8").splitlines()
        info = json.loads(lines[0])
        assert info["accelerated"] is False, info
        there[k::WORKERS] = lines[1:]
    elapsed = time.perf_counter() - start
    pair = f"in-process {IN_PROCESS} ({_accel.REASON}) vs subprocess pure ({info['reason']})"
    bad = [i for i, (a, b) in enumerate(zip(here, there, strict=True)) if a != b]
    ok = sum(o.startswith('["ok"') for o in here)
    print(
        f"library: {len(cases)} (input, datagram) cases compared, {pair}; "
        f"{ok} parse, {len(cases) - ok} raise; {len(bad)} differ; {elapsed:.1f} s"
    )
    record_property("library_cases", len(cases))
    record_property("library_pair", pair)
    if bad:
        shown = "\n".join(
            f"{cases[i][0].hex()} datagram={cases[i][1]}:\n"
            f"  {IN_PROCESS}: {here[i]}\n  pure: {there[i]}"
            for i in sorted(bad, key=lambda i: len(cases[i][0]))[:3]
        )
        pytest.fail(f"{pair}: {len(bad)} of {len(cases)} differ, e.g.\n{shown}", pytrace=False)


# --------------------------------------------------------------------------- rules


def _body_start(root: Any) -> int:
    body = root.body
    if isinstance(body, ProxyProtocolV2.BodyInet):
        return 16 + 12
    if isinstance(body, ProxyProtocolV2.BodyInet6):
        return 16 + 36
    if isinstance(body, ProxyProtocolV2.BodyUnix):
        return 16 + 216
    return 16


def rule_faults(root: Any, data: bytes) -> list[tuple[str, str, int]]:
    """The library's own rules that a header the stock parser read breaks, in the
    order the library checks them: (exception class, field, offset)."""
    if isinstance(root.body, bytes):
        return []  # a fam byte with no layout: the body is not interpreted
    raw = data[: 16 + root.len_body]
    out: list[tuple[str, str, int]] = []
    pos = _body_start(root)
    crc_seen = False
    for t in root.body.tlvs:
        kind, n = int(t.tlv_type), t.len_value
        if kind == 5 and n > 128:
            out.append(("InvalidTLVError", "len_value", pos + 1))
        elif kind == 3:
            if n != 4:
                out.append(("InvalidTLVError", "len_value", pos + 1))
            if crc_seen:
                out.append(("InvalidTLVError", "tlv_type", pos))
            crc_seen = True
            at = pos + 3
            zeroed = raw[:at] + bytes(4) + raw[at + 4 :]
            if crc32c.crc32c(zeroed) != t.value.checksum:
                out.append(("ChecksumError", "checksum", at))
        pos += 3 + n
    return out


def test_library_fails_where_stock_succeeds_only_for_its_own_rules(
    record_property: Callable[[str, object], None],
) -> None:
    """Never a Kaitai reason where the generated parser succeeds (only the first rule
    the bytes break); always a failure where it fails."""
    inputs, _, _ = corpus()
    stock = dict(zip((d for fmt, d in inputs if fmt == "v2"), stock_v2(), strict=True))
    bad: list[str] = []
    checked = succeeded = rule_broken = 0
    for (data, datagram), text in zip(library_cases(), library_outcomes(), strict=True):
        if data not in stock or not data.startswith(V2_SIG):
            continue  # SPP, or not parsed as v2 by the library
        checked += 1
        want = stock[data].rules
        got = json.loads(text)
        if want is None:  # the stock parser fails
            if got[0] != "raise":
                bad.append(f"{data.hex()} datagram={datagram}: stock fails, library {got}")
            continue
        succeeded += 1
        rule_broken += bool(want)
        result = tuple(got[1:2] + got[3:5]) if got[0] == "raise" else None
        if result != (want[0] if want else None):
            bad.append(f"{data.hex()} datagram={datagram}: library {got}, rules say {want}")
    print(
        f"rules: {checked} v2 parses checked; stock succeeds on {succeeded}, "
        f"of which {rule_broken} break a library rule; {len(bad)} disagreements"
    )
    record_property("rules_inputs", checked)
    if bad:
        shown = "\n".join(sorted(bad, key=len)[:5])
        pytest.fail(f"rules: {len(bad)} disagreements, e.g.\n{shown}", pytrace=False)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
