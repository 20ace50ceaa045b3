"""`HeaderReader` (`proxyproto_kaitai._reader`): incremental, bounded, hands back the rest."""

from __future__ import annotations

import hashlib
import tracemalloc
from collections.abc import Iterator

import pytest
import vectorlib

import proxyproto_kaitai as pp
import proxyproto_kaitai._reader as reader_module
from proxyproto_kaitai._reader import DEFAULT_MAX_SIZE

V1 = b"PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"
V2 = bytes.fromhex("0d0a0d0a000d0a515549540a211100147f0000017f000001002a05390200053132333435")
PAYLOAD = b"GET / HTTP/1.1\r\n\r\n"
STREAM_VALID = tuple(
    v
    for fmt in ("v1", "v2")
    for v in vectorlib.load(fmt)
    if v["result"] == "valid" and not v.get("datagram", False)
)


def v2_of_size(total: int) -> bytes:
    """A valid PROXY TCP4 v2 header of exactly ``total`` bytes (padded with a NOOP TLV)."""
    noop = total - 16 - 12 - 3
    assert noop >= 0
    return (
        pp.V2_SIGNATURE
        + b"\x21\x11"
        + (total - 16).to_bytes(2, "big")
        + bytes([192, 0, 2, 1, 198, 51, 100, 7, 0xDC, 0x04, 0x01, 0xBB])
        + b"\x04"
        + noop.to_bytes(2, "big")
        + bytes(noop)
    )


def spy_parse(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Record the length of every input the reader hands to `parse`."""
    calls: list[int] = []
    real = reader_module.parse

    def counting(data: bytes, **kw: object) -> pp.Header:
        calls.append(len(data))
        return real(data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_module, "parse", counting)
    return calls


def held(reader: pp.HeaderReader) -> int:
    """Total length of every bytes-like object the reader references directly."""
    kinds = (bytes, bytearray, memoryview)
    return sum(len(v) for v in vars(reader).values() if isinstance(v, kinds))


# --- the basics --------------------------------------------------------------


@pytest.mark.parametrize("header", [V1, V2])
def test_one_big_chunk(header: bytes) -> None:
    reader = pp.HeaderReader()
    got = reader.feed(header + PAYLOAD)
    assert got is not None and got.raw == header
    assert reader.header is got
    assert reader.rest == PAYLOAD
    assert reader.buffered == len(PAYLOAD)
    # Later chunks are the caller's: returned header, nothing kept.
    assert reader.feed(b"more") is got
    assert reader.rest == PAYLOAD
    assert reader.buffered == len(PAYLOAD)


def test_empty_chunks_and_buffered() -> None:
    reader = pp.HeaderReader()
    assert reader.buffered == 0
    assert reader.feed(b"") is None
    assert reader.feed(V2[:20]) is None
    assert reader.buffered == 20
    assert reader.feed(b"") is None
    assert reader.buffered == 20
    assert reader.feed(V2[20:30]) is None
    assert reader.buffered == 30
    assert reader.feed(V2[30:]) is not None
    assert reader.buffered == 0
    assert reader.rest == b""
    assert reader.feed(b"") is reader.header


def test_bytes_like_chunks() -> None:
    reader = pp.HeaderReader(max_size=40)
    assert reader.feed(bytearray(V2[:10])) is None
    got = reader.feed(memoryview(V2[10:] + PAYLOAD))
    assert got is not None and got.raw == V2
    assert reader.rest == PAYLOAD and type(reader.rest) is bytes


def test_waits_for_needed_bytes_without_reparsing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_parse(monkeypatch)
    big = v2_of_size(60016)
    reader = pp.HeaderReader(max_size=pp.V2_MAX_LEN)
    got = None
    for i in range(len(big)):
        assert got is None
        got = reader.feed(big[i : i + 1])
    assert got is not None and got.length == len(big)
    assert len(calls) <= 20, calls
    assert calls[-1] == len(big)


def test_invalid_stays_invalid() -> None:
    reader = pp.HeaderReader()
    with pytest.raises(pp.NoSignatureError) as first:
        reader.feed(b"GET / HTTP/1.1\r\n")
    assert reader.buffered == 0
    with pytest.raises(pp.NoSignatureError) as again:
        reader.feed(V1)
    assert again.value is first.value
    assert reader.header is None and reader.buffered == 0
    for _ in range(100):
        with pytest.raises(pp.NoSignatureError) as again:
            reader.feed(b"x")
    tb, depth = again.value.__traceback__, 0
    while tb is not None:
        tb, depth = tb.tb_next, depth + 1
    assert depth < 10  # re-raising does not grow the traceback per call


def test_memory_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_parse(monkeypatch)
    reader = pp.HeaderReader(max_size=64)
    assert reader.feed(V1[:10]) is None
    got = reader.feed(V1[10:] + bytes(100_000))
    assert got is not None and got.raw == V1
    assert reader.rest == bytes(100_000)
    assert max(calls) <= 64  # the tail past max_size was never buffered
    tiny = pp.HeaderReader(max_size=10)
    assert tiny.feed(V2[:5]) is None
    with pytest.raises(pp.HeaderTooLongError) as info:
        tiny.feed(V2[5:])
    assert info.value.field == "len_body"
    assert info.value.offset == 10
    assert tiny.buffered == 0


def test_header_ending_exactly_at_max_size() -> None:
    reader = pp.HeaderReader(max_size=len(V2))
    got = reader.feed(V2 + PAYLOAD)
    assert got is not None and got.raw == V2
    assert reader.rest == PAYLOAD
    reader = pp.HeaderReader(max_size=len(V1))
    assert reader.feed(V1[:-1]) is None
    assert reader.feed(V1[-1:] + PAYLOAD) is not None
    assert reader.rest == PAYLOAD


def test_spp_is_not_a_stream_format() -> None:
    reader = pp.HeaderReader()
    with pytest.raises(pp.NoSignatureError):
        reader.feed(bytes.fromhex("56ec") + bytes(36))


def test_verify_crc_is_passed_on() -> None:
    bad = bytes.fromhex("0d0a0d0a000d0a515549540a21110013c0000201c6336407dc0401bb030004d45a11b8")
    with pytest.raises(pp.ChecksumError):
        pp.HeaderReader().feed(bad)
    got = pp.HeaderReader(verify_crc=False).feed(bad)
    assert got is not None and got.tlvs[0] == pp.Crc32cTlv(0xD45A11B8, False)


# --- linear time, bounded memory ----------------------------------------------


def payload_chunks(total: int, size: int) -> Iterator[bytes]:
    """``total`` bytes in fresh ``size``-byte chunks, each distinct (no aliasing)."""
    for i in range(total // size):
        yield i.to_bytes(4, "big") * (size // 4)


def test_reader_linear_time_after_header(monkeypatch: pytest.MonkeyPatch) -> None:
    total, size = 16 * 1024 * 1024, 4096
    calls = spy_parse(monkeypatch)
    reader = pp.HeaderReader()
    limit = DEFAULT_MAX_SIZE
    expected, handled = hashlib.sha256(), hashlib.sha256()
    n_expected = n_handled = 0
    chunks = payload_chunks(total, size)
    # The header arrives split, its second part with the first payload chunk.
    first = next(chunks)
    expected.update(first)
    n_expected += len(first)
    assert reader.feed(V2[:20]) is None
    header = reader.feed(V2[20:] + first)
    assert header is not None and header.raw == V2
    assert reader.rest == first
    handled.update(reader.rest)
    n_handled += len(reader.rest)
    assert len(calls) == 2  # at 20 bytes (incomplete), then once more
    tracemalloc.start()
    try:
        for chunk in chunks:
            expected.update(chunk)
            n_expected += len(chunk)
            assert reader.feed(chunk) is header
            # The reader keeps nothing of the chunk: the caller handles it.
            handled.update(chunk)
            n_handled += len(chunk)
            assert reader.buffered == len(first) <= limit
            assert held(reader) == len(first)
            assert reader.rest == first
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(calls) == 2  # never parsed again after completion
    assert n_handled == n_expected == total
    assert handled.digest() == expected.digest()
    # Nothing accumulated: 16 MiB went through, far less was ever allocated at once.
    assert peak < 1024 * 1024, peak


def test_reader_never_buffers_more_than_max_size(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = spy_parse(monkeypatch)
    # A v2 header announcing len 60000: known too long from its 16-byte fixed part.
    big = pp.V2_SIGNATURE + b"\x21\x11" + (60000).to_bytes(2, "big") + bytes(60000)
    for size, fails_at in ((1000, 1000), (7, 21), (1, 16)):
        reader = pp.HeaderReader(max_size=536)
        high = fed = 0
        with pytest.raises(pp.HeaderTooLongError) as info:
            for at in range(0, len(big), size):
                fed += size
                reader.feed(big[at : at + size])
                high = max(high, reader.buffered)
        assert fed == fails_at
        assert high <= 536
        assert info.value.field == "len_body"
        assert reader.buffered == 0 and held(reader) == 0
        with pytest.raises(pp.HeaderTooLongError) as again:
            reader.feed(big[fed : fed + size])
        assert again.value is info.value
    assert max(calls) <= 536

    # Below the fixed part: the buffer fills to exactly max_size, then fails.
    reader = pp.HeaderReader(max_size=10)
    high = 0
    with pytest.raises(pp.HeaderTooLongError) as info:
        for at in range(0, len(big), 3):
            reader.feed(big[at : at + 3])
            high = max(high, reader.buffered)
    assert high == 9 and info.value.offset == 10 and reader.buffered == 0

    # 10 MiB of garbage after "PROXY ": fails within the v1 line limit.
    garbage = b"PROXY UNKNOWN " + b"x" * (10 * 1024 * 1024)
    calls.clear()
    with pytest.raises(pp.HeaderTooLongError) as info:
        pp.HeaderReader(max_size=536).feed(garbage)  # one huge chunk
    assert info.value.field == "line"
    assert calls == [536]  # only max_size bytes were copied and parsed
    reader = pp.HeaderReader(max_size=536)
    with pytest.raises(pp.HeaderTooLongError):
        reader.feed(garbage[:4096])  # the first recv() already fails
    assert reader.buffered == 0
    reader = pp.HeaderReader(max_size=536)
    high = fed = 0
    with pytest.raises(pp.HeaderTooLongError):
        for at in range(len(garbage)):
            fed += 1
            reader.feed(garbage[at : at + 1])
            high = max(high, reader.buffered)
    assert high < fed <= pp.V1_MAX_LEN + 1  # no CRLF within 107 bytes: refused at once
    assert reader.buffered == 0
    # Not even a plausible v1 line: fails at once, whatever follows.
    reader = pp.HeaderReader(max_size=536)
    with pytest.raises(pp.InvalidHeaderError):
        reader.feed(b"PROXY " + bytes(range(256)) * 4096)
    assert reader.buffered == 0


def test_reader_default_max_size_is_server_policy() -> None:
    assert DEFAULT_MAX_SIZE == 16384
    fits, too_long, largest = v2_of_size(16384), v2_of_size(16385), v2_of_size(pp.V2_MAX_LEN)
    assert len(largest) == pp.V2_MAX_LEN == 65551

    reader = pp.HeaderReader()
    got = reader.feed(fits + PAYLOAD)
    assert got is not None and got.length == 16384 and got.raw == fits
    assert reader.rest == PAYLOAD
    reader = pp.HeaderReader()
    got = None
    for at in range(0, len(fits), 4096):
        assert got is None
        got = reader.feed(fits[at : at + 4096])
        assert reader.buffered <= DEFAULT_MAX_SIZE
    assert got is not None and got.length == 16384 and reader.rest == b""

    reader = pp.HeaderReader()
    with pytest.raises(pp.HeaderTooLongError) as info:
        reader.feed(too_long[:4096])  # refused from the fixed part, not after 16 KiB
    assert info.value.field == "len_body"
    with pytest.raises(pp.HeaderTooLongError) as info:
        pp.HeaderReader().feed(too_long)
    assert info.value.field == "len_body"

    reader = pp.HeaderReader(max_size=pp.V2_MAX_LEN)
    got = reader.feed(largest + PAYLOAD)
    assert got is not None and got.length == 65551 and reader.rest == PAYLOAD
    with pytest.raises(pp.HeaderTooLongError):
        pp.HeaderReader().feed(largest)
    # parse() keeps the protocol's limit as its default.
    assert pp.parse(largest).length == 65551
    # The longest v1 line is far below the policy.
    v1_longest = b"PROXY UNKNOWN " + b"x" * (pp.V1_MAX_LEN - 16) + b"\r\n"
    assert len(v1_longest) == pp.V1_MAX_LEN
    got = pp.HeaderReader().feed(v1_longest)
    assert got is not None and got.length == pp.V1_MAX_LEN


# --- the shared vectors, streamed ---------------------------------------------


@pytest.mark.parametrize("vector", vectorlib.params(STREAM_VALID))
def test_reader_byte_at_a_time_matches_parse(vector: vectorlib.Vector) -> None:
    data = vectorlib.data(vector) + PAYLOAD
    want = pp.parse(data, max_size=pp.V2_MAX_LEN)
    payload = data[want.length :]
    assert payload.endswith(PAYLOAD)

    reader = pp.HeaderReader(max_size=pp.V2_MAX_LEN)
    got = None
    fed = 0
    while got is None:
        assert reader.rest == b""
        got = reader.feed(data[fed : fed + 1])
        fed += 1
        assert reader.buffered <= fed
    assert fed == want.length  # completes on the header's last byte, not later
    assert got == want and got.raw == want.raw
    assert reader.rest == b""
    assert reader.rest + data[fed:] == payload
    assert reader.feed(data[fed:]) is got and reader.rest == b""

    for size in (7, len(data)):
        reader = pp.HeaderReader(max_size=pp.V2_MAX_LEN)
        got, fed = None, 0
        while got is None:
            got = reader.feed(data[fed : fed + size])
            fed += size
        assert got == want and got.raw == want.raw
        assert reader.rest + data[fed:] == payload
