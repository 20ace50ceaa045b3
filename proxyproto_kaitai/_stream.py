"""A Kaitai stream over `bytes`: the stock `KaitaiStream` interface, without `BytesIO`.

Owns `Stream`, the stream the library gives to its private copies of the
generated parsers (`proxyproto_kaitai._kaitai`). The package
`proxyproto_kaitai.generated` itself keeps the stock runtime.

It implements exactly what Kaitai-generated Python code calls (``read_bytes``,
``read_bytes_full``, ``read_u1``, ``read_u2be``, ``read_u4be``, ``read_u4le``,
``read_u8be``, ``read_bits_int_be``, ``align_to_byte``, ``is_eof``, ``pos``,
``seek``, ``size`` and the static ``resolve_enum``) with the stock semantics and
the stock exceptions (`kaitaistruct.EndOfStreamError` and
`kaitaistruct.InvalidArgumentError`, same messages and arguments);
``tests/test_stream.py`` checks that differentially against `KaitaiStream`.

What it adds, for the library's error reports, is *where* a parse stopped,
found in the one pass that failed: every stream of a parse knows its absolute
offset in the input (`base`) and the start of the last item of a
``repeat: eos`` list it read (`mark`), and the parse's `Parse` record names
the stream that ran out of bytes. A substream learns its offset from the
stream that has just read its bytes: the generated code always creates it
right after that read (``KaitaiStream(BytesIO(self._io.read_bytes(n)))``).
The current parse is kept per thread, so concurrent parses never mix.
"""

from __future__ import annotations

import struct
import threading
from enum import Enum
from typing import Any

from kaitaistruct import EndOfStreamError, InvalidArgumentError

__all__ = ["Parse", "Stream", "SubStream", "identity"]

_U2BE = struct.Struct(">H").unpack_from
_U4BE = struct.Struct(">I").unpack_from
_U4LE = struct.Struct("<I").unpack_from
_U8BE = struct.Struct(">Q").unpack_from

_local = threading.local()
#: Reads at least this large are checked before reading (the stock stream's rule).
_LARGE_READ = 8 * 1024 * 1024
#: Each enum class's value -> member map (the generated classes are few and live forever).
_members: dict[type[Enum], dict[Any, Any]] = {}


class Parse:
    """One run of a generated parser: its streams' shared record.

    Attributes:
        last: The stream that most recently read bytes (a substream's parent).
        failed: The stream that raised `EndOfStreamError`, or ``None``.
        need: The bytes the failing read asked for.
        at: The position in ``failed`` where the failing read began.
    """

    __slots__ = ("at", "failed", "last", "need")

    def __init__(self) -> None:
        self.last: Stream | None = None
        self.failed: Stream | None = None
        self.need = 0
        self.at = 0


class Stream:
    """A read-only Kaitai stream over a `bytes` object.

    Args:
        buf: The bytes to read (exact `bytes`; callers convert).
        run: The `Parse` record this stream belongs to; a root stream starts
            one (`begin`).
    """

    __slots__ = ("_buf", "_pos", "_size", "base", "bits", "bits_left", "depth", "mark", "run")

    def __init__(self, buf: bytes, run: Parse | None = None) -> None:
        self._buf = buf
        self._pos = 0
        self._size = len(buf)
        self.bits = 0
        self.bits_left = 0
        self.base = 0
        self.depth = 0
        self.mark = -1
        self.run = run if run is not None else Parse()

    # --- bookkeeping --------------------------------------------------------------

    def begin(self) -> Parse:
        """Make this stream's parse the current one of this thread; return its record."""
        _local.run = self.run
        return self.run

    @staticmethod
    def end() -> None:
        """Forget the current parse of this thread (drops the references to its bytes)."""
        _local.run = None

    def _eos(self, n: int, at: int) -> EndOfStreamError:
        """The stock error of a read of ``n`` bytes at ``at`` that runs past the end.

        Like the stock stream, a read under 8 MiB takes the bytes that are
        there before it fails (the position moves to the end), while a larger
        one is refused up front.
        """
        run = self.run
        run.failed = self
        run.need = n
        run.at = at
        size = self._size
        if n >= _LARGE_READ:
            available = size - at
        else:
            available = size - at if at < size else 0
            if at < size:
                self._pos = size
        return EndOfStreamError(
            f"requested {n} bytes, but only {available} bytes available", n, available
        )

    # --- positioning ----------------------------------------------------------------

    def is_eof(self) -> bool:
        """Whether the stream is at its end; marks the start of the next list item."""
        if self.bits_left > 0:
            return False
        pos = self._pos
        self.mark = pos
        return pos >= self._size

    def seek(self, n: int) -> None:
        if n < 0:
            raise InvalidArgumentError(f"cannot seek to invalid position {n}")
        self.bits_left = 0
        self.bits = 0
        self._pos = n

    def pos(self) -> int:
        return self._pos

    def size(self) -> int:
        return self._size

    # --- integers -------------------------------------------------------------------

    def read_u1(self) -> int:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p >= self._size:
            raise self._eos(1, p)
        self._pos = p + 1
        return self._buf[p]

    def read_u2be(self) -> int:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p + 2 > self._size:
            raise self._eos(2, p)
        self._pos = p + 2
        return int(_U2BE(self._buf, p)[0])

    def read_u4be(self) -> int:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p + 4 > self._size:
            raise self._eos(4, p)
        self._pos = p + 4
        return int(_U4BE(self._buf, p)[0])

    def read_u4le(self) -> int:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p + 4 > self._size:
            raise self._eos(4, p)
        self._pos = p + 4
        return int(_U4LE(self._buf, p)[0])

    def read_u8be(self) -> int:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p + 8 > self._size:
            raise self._eos(8, p)
        self._pos = p + 8
        return int(_U8BE(self._buf, p)[0])

    # --- bits -----------------------------------------------------------------------

    def align_to_byte(self) -> None:
        self.bits_left = 0
        self.bits = 0

    def read_bits_int_be(self, n: int) -> int:
        """Big-endian bit field of ``n`` bits, as the stock stream reads it."""
        bits_left = self.bits_left
        if n <= bits_left:  # served by the byte already read
            bits_left -= n
            res = self.bits >> bits_left
            self.bits &= (1 << bits_left) - 1
            self.bits_left = bits_left
            return int(res)
        bits_needed = n - bits_left
        new_left = -bits_needed % 8
        self.bits_left = new_left
        bytes_needed = ((bits_needed - 1) // 8) + 1
        p = self._pos
        if p + bytes_needed > self._size:
            raise self._eos(bytes_needed, p)
        self._pos = p + bytes_needed
        if bytes_needed == 1:
            new_bits = self._buf[p]
        else:
            new_bits = int.from_bytes(self._buf[p : p + bytes_needed], "big")
        res = new_bits >> new_left | self.bits << bits_needed
        self.bits = new_bits & ((1 << new_left) - 1)
        return int(res)

    # --- byte arrays ----------------------------------------------------------------

    def read_bytes(self, n: int) -> bytes:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        if n < 0:
            raise InvalidArgumentError(f"requested invalid {n} amount of bytes")
        p = self._pos
        e = p + n
        if e > self._size and n:
            raise self._eos(n, p)
        self._pos = e
        self.run.last = self
        return self._buf[p:e]

    def read_bytes_full(self) -> bytes:
        if self.bits_left:
            self.bits_left = 0
            self.bits = 0
        p = self._pos
        if p < self._size:
            self._pos = self._size
        return self._buf[p:]

    # --- enums ----------------------------------------------------------------------

    @staticmethod
    def resolve_enum(enum_obj: type[Enum], value: Any) -> Any:
        """The member of ``enum_obj`` for ``value``, or ``value`` itself if none.

        What the stock ``enum_obj(value)`` gives for the spec's integer enums,
        from the enum's own value map (looked up once per enum class).
        """
        members = _members.get(enum_obj)
        if members is None:
            members = _members[enum_obj] = enum_obj._value2member_map_
        return members.get(value, value)


class SubStream(Stream):
    """The stream over bytes its parent has just read (``size:`` with a ``type:``).

    Called as ``KaitaiStream(BytesIO(raw))`` by the library's copies of the
    generated modules, where ``BytesIO`` is `identity`.
    """

    __slots__ = ()

    def __init__(self, buf: bytes) -> None:
        run: Parse = _local.run
        parent = run.last
        assert parent is not None  # the generated code reads a substream's bytes first
        self._buf = buf
        self._pos = 0
        self._size = n = len(buf)
        self.bits = 0
        self.bits_left = 0
        self.base = parent.base + parent._pos - n
        self.depth = parent.depth + 1
        self.mark = -1
        self.run = run


def identity(buf: bytes) -> bytes:
    """Stands in for `io.BytesIO` in the library's copies of the generated modules."""
    return buf
