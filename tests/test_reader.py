"""`HeaderReader` (`proxyproto_kaitai._reader`): incremental, bounded, hands back the rest."""

from __future__ import annotations

import pytest

import proxyproto_kaitai as pp

V1 = b"PROXY TCP4 192.0.2.1 198.51.100.7 56324 443\r\n"
V2 = bytes.fromhex("0d0a0d0a000d0a515549540a211100147f0000017f000001002a05390200053132333435")
PAYLOAD = b"GET / HTTP/1.1\r\n\r\n"


@pytest.mark.parametrize("header", [V1, V2])
def test_one_big_chunk(header: bytes) -> None:
    reader = pp.HeaderReader()
    got = reader.feed(header + PAYLOAD)
    assert got is not None and got.raw == header
    assert reader.header is got
    assert reader.rest == PAYLOAD
    assert reader.feed(b"more") is got
    assert reader.rest == PAYLOAD + b"more"


def test_empty_chunks_and_buffered() -> None:
    reader = pp.HeaderReader()
    assert reader.feed(b"") is None
    assert reader.feed(V2[:20]) is None
    assert reader.buffered == 20
    assert reader.feed(b"") is None
    assert reader.feed(V2[20:]) is not None
    assert reader.buffered == 0
    assert reader.rest == b""


def test_waits_for_needed_bytes_without_reparsing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    import proxyproto_kaitai._reader as r

    real = r.parse

    def counting(data: bytes, **kw: object) -> pp.Header:
        calls.append(len(data))
        return real(data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(r, "parse", counting)
    big = pp.encode(pp.V2Header(pp.Command.LOCAL, tlvs=(pp.NoopTlv(bytes(60000)),)))
    reader = pp.HeaderReader()
    for i in range(len(big)):
        got = reader.feed(big[i : i + 1])
    assert got is not None and got.length == len(big)
    assert len(calls) <= 20, calls


def test_invalid_stays_invalid() -> None:
    reader = pp.HeaderReader()
    with pytest.raises(pp.NoSignatureError):
        reader.feed(b"GET / HTTP/1.1\r\n")
    with pytest.raises(pp.NoSignatureError):
        reader.feed(V1)


def test_memory_is_bounded() -> None:
    reader = pp.HeaderReader(max_size=64)
    assert reader.feed(V1[:10]) is None
    got = reader.feed(V1[10:] + bytes(100_000))
    assert got is not None
    assert reader.rest == bytes(100_000)
    tiny = pp.HeaderReader(max_size=10)
    assert tiny.feed(V2[:5]) is None
    with pytest.raises(pp.HeaderTooLongError) as info:
        tiny.feed(V2[5:])
    assert info.value.field == "len_body"
    assert tiny.buffered == 0


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
