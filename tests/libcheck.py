"""Checks the library tests run on every shared vector (``tests/vectors/``).

One function per property, used by ``test_v1.py``, ``test_v2.py`` and
``test_spp.py`` so the three formats are held to the same contract:

* the verdict, the header JSON (``expect``) and the ``error`` object;
* the payload after ``expect.length`` is untouched;
* every proper prefix of a valid stream header is *incomplete*, with a
  ``needed`` that never overshoots;
* `HeaderReader` fed one byte at a time (and in uneven chunks) gives the
  same header and hands back the payload;
* ``parse(encode(h)) == h``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import vectorlib

import proxyproto_kaitai as pp

Parser = Callable[[bytes], Any]


def parser_for(vector: vectorlib.Vector) -> Parser:
    """The format's own parser, called the way the vector says (stream or datagram)."""
    fmt = vector["id"].split("/", 1)[0]
    datagram = bool(vector.get("datagram", False))
    if fmt == "v1":
        return lambda data: pp.parse_v1(data, datagram=datagram)
    if fmt == "v2":
        return lambda data: pp.parse_v2(data, datagram=datagram)
    return pp.parse_spp


def check_verdict(vector: vectorlib.Vector) -> None:
    """Result, header JSON or error object, and the untouched payload."""
    data = vectorlib.data(vector)
    parse = parser_for(vector)
    result = vector["result"]
    error = vector.get("error")
    if result == "valid":
        header = parse(data)
        assert pp.to_json(header) == vector["expect"]
        assert header.length == vector["expect"]["length"]
        assert header.raw == data[: header.length]
        return
    expected_cls = pp.IncompleteHeaderError if result == "incomplete" else pp.InvalidHeaderError
    with pytest.raises(pp.ProxyProtocolError) as info:
        parse(data)
    exc = info.value
    assert isinstance(exc, expected_cls), f"{type(exc).__name__}: {exc}"
    if error is not None:
        assert type(exc).__name__ == error["class"], f"{type(exc).__name__}: {exc}"
        if result == "incomplete":
            if "needed" in error:
                assert exc.needed == error["needed"]
        else:
            assert (exc.field, exc.offset) == (error["field"], error["offset"]), str(exc)
    if result == "invalid":
        expect = vector.get("expect") or {}
        partial = exc.partial or {}
        assert {k: partial.get(k, "<missing>") for k in expect} == expect


def check_generic_parse(vector: vectorlib.Vector) -> None:
    """`parse` agrees with the format parser whenever it detects that format."""
    data = vectorlib.data(vector)
    fmt = vector["id"].split("/", 1)[0]
    datagram = bool(vector.get("datagram", False)) or fmt == "spp"
    found = pp.detect(data, datagram=datagram)
    if found.value != fmt:
        return
    try:
        own: Any = parser_for(vector)(data)
    except pp.ProxyProtocolError as exc:
        with pytest.raises(type(exc)):
            pp.parse(data, datagram=datagram)
        return
    assert pp.parse(data, datagram=datagram) == own


def stream_header(vector: vectorlib.Vector) -> tuple[bytes, Any]:
    data = vectorlib.data(vector)
    return data, parser_for(vector)(data)


def check_prefixes_incomplete(vector: vectorlib.Vector) -> None:
    """Every proper prefix of a valid stream header is incomplete, never invalid."""
    data, header = stream_header(vector)
    length = header.length
    for cut in range(length):
        with pytest.raises(pp.IncompleteHeaderError) as info:
            parser_for(vector)(data[:cut])
        needed = info.value.needed
        assert needed is not None and 1 <= needed <= length - cut, (cut, needed)
        with pytest.raises(pp.IncompleteHeaderError):
            pp.parse(data[:cut])


def check_reader(vector: vectorlib.Vector) -> None:
    """One byte at a time, and in chunks of 7, the reader gives the same header."""
    data, header = stream_header(vector)
    for size in (1, 7, len(data)):
        reader = pp.HeaderReader()
        got = None
        fed = 0
        for at in range(0, len(data), size):
            chunk = data[at : at + size]
            got = reader.feed(chunk)
            fed += len(chunk)
            if got is not None:
                break
            assert reader.rest == b""
        assert got == header
        assert got is not None and got.raw == header.raw
        assert reader.rest == data[header.length : fed]
        assert reader.feed(data[fed:]) is got  # later chunks are the caller's
        assert reader.rest == data[header.length : fed]


def check_round_trip(vector: vectorlib.Vector) -> None:
    """parse(encode(h)) == h, and encoding is stable."""
    data = vectorlib.data(vector)
    parse = parser_for(vector)
    header = parse(data)
    encoded = pp.encode(header)
    again = parse(encoded)
    assert again == header
    assert pp.to_json(again) | {"length": None} == pp.to_json(header) | {"length": None}
    assert pp.encode(again) == encoded
    if "non-canonical" not in vector["flags"] and encoded != header.raw:
        # Only what a receiver ignores may change: a LOCAL address block, an
        # undefined fam's body, a v1 UNKNOWN tail.
        ignored = {"local-with-addresses", "undefined-fam"}
        js = pp.to_json(header)
        assert (
            ignored & set(vector["flags"]) or js["family"] == "UNKNOWN" or js["command"] == "LOCAL"
        ), encoded


def valid(vectors: tuple[vectorlib.Vector, ...]) -> tuple[vectorlib.Vector, ...]:
    return tuple(v for v in vectors if v["result"] == "valid")


def valid_stream(vectors: tuple[vectorlib.Vector, ...]) -> tuple[vectorlib.Vector, ...]:
    return tuple(v for v in valid(vectors) if not v.get("datagram", False))
