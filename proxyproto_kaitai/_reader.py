"""Incremental header reading for streams (sockets, reassembled TCP).

Owns `HeaderReader`, the sans-IO buffer a server puts in front of its
protocol: feed it whatever ``recv()`` returned, get the header once it is
complete plus the bytes that came after it in the same reads, untouched
(SPEC_NOTES §0: "a receiver may tolerate a header split across reads";
tolerance is recommended). It never reads a socket. It only handles streams,
so v1 and v2; SPP lives in datagrams, which `proxyproto_kaitai.parse`
handles whole.

Memory is bounded and time is linear:

* while the header is incomplete it holds at most ``max_size`` bytes, never
  more (a header cannot be longer, so bytes past ``max_size`` without a
  complete header are `HeaderTooLongError`);
* the bytes after the header's end in the chunk that completed it are copied
  once into `HeaderReader.rest`; from then on `HeaderReader.feed` keeps
  nothing: the payload is the caller's;
* it does not re-parse on every byte: after an incomplete attempt it waits
  for at least `IncompleteHeaderError.needed` more bytes.

The default size limit is `DEFAULT_MAX_SIZE` (16384, a server's policy), not
the protocol's 65551; pass ``max_size=V2_MAX_LEN`` to accept every legal
header.
"""

from __future__ import annotations

from typing import Final

from ._detect import parse
from ._errors import HeaderTooLongError, IncompleteHeaderError, ProxyProtocolError
from ._model import Header
from ._wire import V2_SIGNATURE

__all__ = ["DEFAULT_MAX_SIZE", "HeaderReader"]

#: `HeaderReader`'s default ``max_size``: the longest header a server accepts.
#: HAProxy reads the PROXY header into one buffer of ``tune.bufsize`` bytes
#: (16384 by default; ``conn_recv_proxy`` in ``src/connection.c`` peeks into
#: it) and refuses a header that does not fit, so no real sender relies on
#: more. A v1 line is at most 107 bytes (``V1_MAX_LEN``) anyway. The
#: protocol's own limit, 65551 bytes (``V2_MAX_LEN``: 16 + a 16-bit ``len``),
#: stays available with ``HeaderReader(max_size=V2_MAX_LEN)``;
#: `proxyproto_kaitai.parse` keeps that as its default, since it is given the
#: bytes whole.
DEFAULT_MAX_SIZE: Final = 16384


class HeaderReader:
    """Reassemble the PROXY v1/v2 header at the start of a stream.

    Feed it every chunk read from the connection until `feed` returns the
    header. The bytes that followed the header in what was fed up to that
    moment are `rest`, kept once; after that, `feed` returns the same header
    and keeps nothing, so hand later reads to your protocol directly::

        reader = HeaderReader()                     # max_size=DEFAULT_MAX_SIZE
        header = None
        while header is None:
            chunk = sock.recv(4096)
            if not chunk:
                raise ConnectionError("closed before the PROXY header")
            header = reader.feed(chunk)             # raises on a bad header
        protocol.data_received(reader.rest)         # payload read with the header
        # ... then protocol.data_received(sock.recv(4096)) as usual.

    Every byte of the stream is either part of ``header.raw``, part of `rest`,
    or in a chunk fed (or not fed) after the header completed: nothing is
    lost or handed back twice.

    Once a header is invalid, every later call raises the same error.

    Args:
        max_size: The longest header accepted, and the most bytes ever held
            while the header is incomplete. Default `DEFAULT_MAX_SIZE` (16384,
            HAProxy's buffer size); ``V2_MAX_LEN`` (65551) accepts every legal
            header; lower it, e.g. ``max_size=536``, to bound memory further.
        verify_crc: Passed to `parse`: ``False`` only reports a CRC32C mismatch.
    """

    def __init__(self, *, max_size: int = DEFAULT_MAX_SIZE, verify_crc: bool = True) -> None:
        self._max_size = max(0, max_size)
        self._verify_crc = verify_crc
        self._buf = bytearray()
        self._retry_at = 1
        self._header: Header | None = None
        self._rest = b""
        self._error: ProxyProtocolError | None = None

    @property
    def header(self) -> Header | None:
        """The header once complete, else ``None``."""
        return self._header

    @property
    def rest(self) -> bytes:
        """The bytes after the header in what was fed until it completed.

        Empty until the header is complete, and never changed afterwards:
        chunks fed after the header completed are not added.
        """
        return self._rest

    @property
    def buffered(self) -> int:
        """How many stream bytes the reader holds.

        While the header is incomplete: the bytes of it so far (at most
        ``max_size``). Once it is complete: ``len(rest)``. After an error: 0.
        """
        return len(self._buf) + len(self._rest)

    def feed(self, chunk: bytes) -> Header | None:
        """Add the next bytes of the stream; return the header once complete.

        Once the header is complete, every later call returns it again and
        does not keep ``chunk``. Once a header is invalid, every later call
        raises the same error.

        Args:
            chunk: The next bytes of the stream (bytes-like), of any length,
                even empty.

        Returns:
            The header, or ``None`` if more bytes are needed.

        Raises:
            InvalidHeaderError: The stream does not start with a valid header
                (`NoSignatureError` if it does not start with one at all,
                `HeaderTooLongError` if none ends within ``max_size`` bytes).
        """
        if self._header is not None:
            return self._header
        if self._error is not None:
            raise self._error.with_traceback(None)  # not a traceback growing per call
        size = len(chunk)
        take = min(size, self._max_size - len(self._buf))
        if take == size:
            self._buf += chunk
        else:  # only the part a header can still need; the tail is looked at below
            self._buf += memoryview(chunk)[:take]
        if len(self._buf) < min(self._retry_at, self._max_size):
            return None
        data = bytes(self._buf)
        try:
            header = parse(data, verify_crc=self._verify_crc, max_size=self._max_size)
        except IncompleteHeaderError as exc:
            if len(data) < self._max_size:
                self._retry_at = len(data) + max(1, exc.needed or 1)
                return None
            # max_size bytes and still incomplete: the header is longer than that.
            raise self._fail(
                HeaderTooLongError(
                    f"no complete header within max_size={self._max_size} bytes",
                    field="len_body" if data[:1] == V2_SIGNATURE[:1] else "line",
                    offset=self._max_size,
                    partial=exc.partial,
                )
            ) from None
        except ProxyProtocolError as exc:
            self._fail(exc)
            raise
        self._header = header
        tail = memoryview(chunk)[take:] if take < size else b""
        self._rest = data[header.length :] + tail
        self._buf = bytearray()
        return header

    def _fail(self, exc: ProxyProtocolError) -> ProxyProtocolError:
        """Remember ``exc`` for every later call and drop the buffer."""
        self._error = exc
        self._buf = bytearray()
        return exc
