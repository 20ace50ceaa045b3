"""The library's Kaitai stream against the stock `KaitaiStream`, differentially.

`proxyproto_kaitai._stream.Stream` claims the stock runtime's semantics for
every call Kaitai-generated Python code makes: the same return values, the
same exceptions with the same arguments, the same position after each call.
Here random byte strings (0-40 bytes) are read by random call sequences with
``KaitaiStream(BytesIO(data))`` as the reference, for two streams:

* ``pure``: `proxyproto_kaitai._stream.Stream` itself;
* ``in-use``: `proxyproto_kaitai._kaitai.Stream`, the one the fast path runs,
  when it is another class: the compiled twin when the accelerator is in use
  (else it is the pure class, tested once).

The reference's quirks are the specification, not bugs to fix: a read that
runs out of bytes still consumes what was there (``BytesIO.read``), a read
after a seek past the end sees 0 bytes available, ``read_bytes(0)`` there
succeeds, ``read_bytes(n)`` for ``n`` of 8 MiB or more checks the size first
and reports ``size - pos``. A mismatch is reported as a minimal sequence
(shrunk from the first random one that fails).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable, Iterator
from enum import Enum
from types import ModuleType
from typing import Any

import kaitaistruct
import pytest
from kaitaistruct import EndOfStreamError, KaitaiStream
from proxyproto_kaitai.generated import (
    proxy_protocol_v2,
    proxy_protocol_v2_tlv_aws,
    proxy_protocol_v2_tlv_azure,
    proxy_protocol_v2_tlv_gcp,
    simple_proxy_protocol,
)

from proxyproto_kaitai import _accel, _kaitai, _stream

SEED = 20260427
SEQUENCES = 20_000
MAX_DATA = 40
MAX_CALLS = 12
BIG = 8 * 1024 * 1024  # the stock stream's "check the size first" threshold

#: The streams under test; the one in use is the pure class itself unless accelerated.
STREAMS: dict[str, Callable[[bytes], Any]] = {"pure": _stream.Stream}
if _kaitai.Stream is not _stream.Stream:
    STREAMS["in-use"] = _kaitai.Stream
IN_USE = "compiled twin" if _accel.ACCELERATED else "pure class"

Call = tuple[str, tuple[int, ...]]
INT_WIDTH = {"read_u1": 1, "read_u2be": 2, "read_u4be": 4, "read_u4le": 4, "read_u8be": 8}


def _stock(data: bytes) -> KaitaiStream:
    return KaitaiStream(io.BytesIO(data))


# --------------------------------------------------------------------------- calls


def _size_arg(rng: random.Random, left: int) -> int:
    """A byte count around what is left: 0, exact, one short/over, negative, huge."""
    pick = rng.random()
    if pick < 0.08:
        return 0
    if pick < 0.13:
        return -rng.randint(1, 3)
    if pick < 0.15:
        return BIG + rng.randint(0, 1)
    if pick < 0.50:
        return max(0, left + rng.randint(-2, 2))
    return rng.randint(1, 12)


def _random_call(rng: random.Random, size: int, pos_hint: int) -> Call:
    left = size - pos_hint
    pick = rng.random()
    if pick < 0.22:
        n = rng.randint(1, 64) if rng.random() < 0.3 else rng.randint(1, 12)
        return ("read_bits_int_be", (n,))
    if pick < 0.32:
        return (rng.choice(list(INT_WIDTH)), ())
    if pick < 0.50:
        return ("read_bytes", (_size_arg(rng, left),))
    if pick < 0.56:
        return ("read_bytes_full", ())
    if pick < 0.64:
        return ("align_to_byte", ())
    if pick < 0.74:
        return ("is_eof", ())
    if pick < 0.78:
        return (rng.choice(("pos", "size")), ())
    # seek: inside, at the end, past the end, negative
    pick = rng.random()
    if pick < 0.1:
        return ("seek", (-rng.randint(1, 3),))
    if pick < 0.3:
        return ("seek", (size + rng.randint(0, 6),))
    return ("seek", (rng.randint(0, size),))


def _random_case(rng: random.Random) -> tuple[bytes, list[Call]]:
    n = rng.randint(0, MAX_DATA)
    if rng.random() < 0.2:
        data = bytes(rng.choice((0x00, 0xFF, 0x80, 0x01)) for _ in range(n))
    else:
        data = rng.randbytes(n)
    calls: list[Call] = []
    pos = 0
    for _ in range(rng.randint(1, MAX_CALLS)):
        call = _random_call(rng, n, pos)
        calls.append(call)
        # A rough position estimate, only to aim the byte counts near the end.
        if call[0] == "seek" and call[1][0] >= 0:
            pos = call[1][0]
        elif call[0] == "read_bytes" and call[1][0] > 0:
            pos = min(n, pos + call[1][0])
        elif call[0] in INT_WIDTH:
            pos = min(n, pos + INT_WIDTH[call[0]])
        elif call[0] == "read_bytes_full":
            pos = max(pos, n)
    return data, calls


def _outcome(stream: Any, call: Call) -> tuple[Any, ...]:
    """What one call gave: its value (with its type) or its exception, then ``pos()``."""
    name, args = call
    try:
        value = getattr(stream, name)(*args)
    except Exception as exc:  # compared with the reference's, class and arguments
        got: tuple[Any, ...] = ("raise", type(exc), exc.args)
        if isinstance(exc, EndOfStreamError):
            got += (exc.bytes_needed, exc.bytes_available)
    else:
        got = ("return", type(value), value)
    return (*got, stream.pos())


def _run(factory: Callable[[bytes], Any], data: bytes, calls: list[Call]) -> list[tuple[Any, ...]]:
    stream = factory(data)
    return [_outcome(stream, call) for call in calls]


def _first_difference(
    factory: Callable[[bytes], Any], data: bytes, calls: list[Call]
) -> tuple[int, tuple[Any, ...], tuple[Any, ...]] | None:
    want = _run(_stock, data, calls)
    got = _run(factory, data, calls)
    for i, (w, g) in enumerate(zip(want, got, strict=True)):
        if w != g:
            return i, w, g
    return None


def _shrink(
    factory: Callable[[bytes], Any], data: bytes, calls: list[Call]
) -> tuple[bytes, list[Call]]:
    """A smaller case that still differs: fewer calls, fewer and simpler bytes."""

    def fails(d: bytes, c: list[Call]) -> bool:
        return bool(c) and _first_difference(factory, d, c) is not None

    diff = _first_difference(factory, data, calls)
    assert diff is not None
    calls = calls[: diff[0] + 1]
    progress = True
    while progress:
        progress = False
        for i in range(len(calls)):
            shorter = calls[:i] + calls[i + 1 :]
            if fails(data, shorter):
                calls, progress = shorter, True
                break
        for cut in (len(data) // 2, 1):
            while cut and len(data) >= cut and fails(data[:-cut], calls):
                data, progress = data[:-cut], True
        for i in range(len(data)):
            if data[i] and fails(data[:i] + b"\0" + data[i + 1 :], calls):
                data, progress = data[:i] + b"\0" + data[i + 1 :], True
    return data, calls


def _cases() -> Iterator[tuple[bytes, list[Call]]]:
    rng = random.Random(SEED)
    for _ in range(SEQUENCES):
        yield _random_case(rng)


def _describe(factory: Callable[[bytes], Any], data: bytes, calls: list[Call]) -> str:
    diff = _first_difference(factory, data, calls)
    assert diff is not None
    i, want, got = diff
    steps = ", ".join(f"{n}({', '.join(map(str, a))})" for n, a in calls)
    return (
        f"data {data.hex() or '(empty)'} ({len(data)} bytes), calls: {steps}\n"
        f"  call {i} ({calls[i][0]}): KaitaiStream gives {want}\n"
        f"  {' ' * len(str(i))}        this stream gives {got}"
    )


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("which", list(STREAMS))
def test_stream_matches_kaitai_stream(which: str) -> None:
    """Random data, random call sequences: same values, exceptions and positions."""
    factory = STREAMS[which]
    failing = 0
    first: tuple[bytes, list[Call]] | None = None
    calls_made = 0
    for data, calls in _cases():
        calls_made += len(calls)
        if _run(_stock, data, calls) != _run(factory, data, calls):
            failing += 1
            if first is None:
                first = (data, calls)
    print(
        f"{which} stream ({IN_USE if which == 'in-use' else 'pure class'}"
        f"{'' if 'in-use' in STREAMS else ', also the one in use'}): "
        f"{SEQUENCES} sequences, {calls_made} calls compared with KaitaiStream, "
        f"{failing} sequences differ"
    )
    if first is not None:
        data, calls = _shrink(factory, *first)
        pytest.fail(
            f"{which} stream differs from KaitaiStream in {failing} of {SEQUENCES} "
            f"sequences; a minimal one:\n{_describe(factory, data, calls)}",
            pytrace=False,
        )


# The reference's quirks, one by one, so a failure names the rule broken.
QUIRKS: dict[str, tuple[bytes, list[Call]]] = {
    # BytesIO.read consumes what is there: the position moves to the end.
    "short-read-consumes-the-rest": (b"abc", [("read_u4be", ()), ("pos", ())]),
    "short-bits-read-consumes-the-rest": (b"abc", [("read_bits_int_be", (25,))]),
    "short-read-bytes-consumes-the-rest": (b"abc", [("read_bytes", (4,)), ("read_u1", ())]),
    # Past the end, 0 bytes are available, never a negative count.
    "read-past-the-end-sees-0-available": (b"abc", [("seek", (10,)), ("read_bytes", (2,))]),
    "read-u1-past-the-end-sees-0-available": (b"abc", [("seek", (10,)), ("read_u1", ())]),
    # ...and reading 0 bytes there succeeds.
    "read-0-bytes-past-the-end": (b"abc", [("seek", (10,)), ("read_bytes", (0,))]),
    # read_bytes_full past the end leaves the position where it is.
    "read-full-past-the-end-keeps-pos": (b"abc", [("seek", (10,)), ("read_bytes_full", ())]),
    # 8 MiB or more: the size is checked first (size - pos, negative past the end).
    "huge-read-checks-first": (b"abc", [("read_u1", ()), ("read_bytes", (BIG,))]),
    "huge-read-past-the-end": (b"abc", [("seek", (5,)), ("read_bytes", (BIG,))]),
    # Bits: a byte-aligned read drops the bits left; 64-bit fields across bytes.
    "bits-then-bytes": (b"\xa5\x5a\xff", [("read_bits_int_be", (3,)), ("read_u1", ())]),
    "bits-64-unaligned": (bytes(range(1, 11)), [("read_bits_int_be", (5,)),
                          ("read_bits_int_be", (64,)), ("read_bits_int_be", (3,))]),
    "is-eof-with-bits-left": (b"\x01", [("read_bits_int_be", (1,)), ("is_eof", ())]),
    "seek-negative-keeps-bits": (b"abc", [("read_bits_int_be", (3,)), ("seek", (-1,)),
                                 ("read_bits_int_be", (5,))]),
    "read-negative": (b"abc", [("read_bits_int_be", (3,)), ("read_bytes", (-1,)), ("pos", ())]),
}  # fmt: skip


@pytest.mark.parametrize("which", list(STREAMS))
@pytest.mark.parametrize("quirk", list(QUIRKS))
def test_stream_keeps_kaitai_stream_quirks(which: str, quirk: str) -> None:
    data, calls = QUIRKS[quirk]
    factory = STREAMS[which]
    if _first_difference(factory, data, calls) is not None:
        pytest.fail(f"{quirk}: {_describe(factory, data, calls)}", pytrace=False)


# --------------------------------------------------------------------------- enums


def _enums(module: ModuleType) -> list[type[Enum]]:
    """Every enum class nested in the generated classes of ``module``."""
    found: list[type[Enum]] = []
    todo = [v for v in vars(module).values() if isinstance(v, type)]
    while todo:
        cls = todo.pop()
        if cls.__module__ != module.__name__:
            continue
        if issubclass(cls, Enum):
            found.append(cls)
        elif issubclass(cls, kaitaistruct.KaitaiStruct):
            todo.extend(v for v in vars(cls).values() if isinstance(v, type))
    return sorted(found, key=lambda e: e.__qualname__)


ENUMS = {
    f"{where}:{e.__qualname__}": e
    for where, module in (
        ("stock", proxy_protocol_v2),
        ("stock", simple_proxy_protocol),
        ("stock", proxy_protocol_v2_tlv_gcp),
        ("stock", proxy_protocol_v2_tlv_aws),
        ("stock", proxy_protocol_v2_tlv_azure),
        ("private", _kaitai.v2_module),
        ("private", _kaitai.spp_module),
        ("private", _kaitai.gcp_module),
        ("private", _kaitai.aws_module),
        ("private", _kaitai.azure_module),
    )
    for e in _enums(module)
}


def test_every_generated_enum_is_checked() -> None:
    stock = sorted(k.split(":")[1] for k in ENUMS if k.startswith("stock:"))
    private = sorted(k.split(":")[1] for k in ENUMS if k.startswith("private:"))
    # The 6 enums of spec/proxy_protocol_v2.ksy (SPP has none) and the 5 of the
    # vendor TLV specs (a type each, AWS and Azure a subtype each), in both copies.
    assert len(stock) >= 11 and "ProxyProtocolV2.Pp2Type" in stock, stock
    assert "ProxyProtocolV2TlvAws.Pp2SubtypeAws" in stock, stock
    assert private == stock


@pytest.mark.parametrize("which", list(STREAMS))
@pytest.mark.parametrize("name", list(ENUMS))
def test_resolve_enum_matches_kaitai_stream(which: str, name: str) -> None:
    """Members resolve to the very same member; any other value comes back as is."""
    enum = ENUMS[name]
    resolve = STREAMS[which].resolve_enum  # type: ignore[attr-defined]
    members = [m.value for m in enum]
    others = [v for v in range(-3, 300) if v not in members]
    others += [2**16, 2**31, 2**32, 2**63, 2**64 + 1, -(2**63)]
    for value in members + others + [True, False, 1.0]:
        want = KaitaiStream.resolve_enum(enum, value)
        got = resolve(enum, value)
        assert type(got) is type(want) and got == want, (name, value, got, want)
        if isinstance(want, Enum):
            assert got is want, (name, value)
    assert len(others) > 250
