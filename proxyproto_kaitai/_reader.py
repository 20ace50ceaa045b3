"""Incremental header reading for streams (sockets, reassembled TCP).

Owns `HeaderReader`, the sans-IO buffer a server puts in front of its
protocol: feed it whatever ``recv()`` returned, get the header once it is
complete plus the bytes after it, untouched (SPEC_NOTES §0: "a receiver may
tolerate a header split across reads"; tolerance is recommended). It never
reads a socket. It only handles streams, so v1 and v2; SPP lives in
datagrams, which `proxyproto_kaitai.parse` handles whole.

Memory is bounded: it copies at most ``max_size`` bytes into its buffer;
the part of a chunk beyond that is kept by reference until the header is
known. It does not re-parse on every byte: after an incomplete attempt it
waits for at least `IncompleteHeaderError.needed` more bytes.
"""

from __future__ import annotations

from ._detect import parse
from ._errors import HeaderTooLongError, IncompleteHeaderError, ProxyProtocolError
from ._model import Header
from ._v2 import V2_MAX_LEN, V2_SIGNATURE

__all__ = ["HeaderReader"]


class HeaderReader:
    """Reassemble the PROXY v1/v2 header at the start of a stream.

    Example::

        reader = HeaderReader()
        header = None
        while header is None:
            header = reader.feed(sock.recv(4096))   # raises on a bad header
        payload = reader.rest                       # bytes after the header

    Args:
        max_size: The longest header accepted, and the most bytes ever
            buffered (default 65551, the largest legal header). Lower it to
            bound memory per connection, e.g. ``max_size=536``.
        verify_crc: Passed to `parse`: ``False`` only reports a CRC32C mismatch.
    """

    def __init__(self, *, max_size: int = V2_MAX_LEN, verify_crc: bool = True) -> None:
        self._max_size = max_size
        self._verify_crc = verify_crc
        self._buf = bytearray()
        self._overflow = b""
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
        """The bytes fed after the header (empty until the header is complete)."""
        return self._rest

    @property
    def buffered(self) -> int:
        """How many bytes are buffered while the header is incomplete."""
        return len(self._buf)

    def feed(self, chunk: bytes) -> Header | None:
        """Add bytes; return the header once complete, else ``None``.

        Once the header is complete, every later call returns it again and
        appends ``chunk`` to `rest`. Once a header is invalid, every later call
        raises the same error.

        Args:
            chunk: The next bytes of the stream, of any length (even empty).

        Returns:
            The header, or ``None`` if more bytes are needed.

        Raises:
            InvalidHeaderError: The stream does not start with a valid header
                (`NoSignatureError` if it does not start with one at all).
        """
        if self._header is not None:
            self._rest += chunk
            return self._header
        if self._error is not None:
            raise self._error
        room = self._max_size - len(self._buf)
        self._buf += chunk[:room]
        if len(chunk) > room:
            self._overflow += chunk[room:]
        if len(self._buf) < min(self._retry_at, self._max_size):
            return None
        data = bytes(self._buf)
        try:
            header = parse(data, verify_crc=self._verify_crc, max_size=self._max_size)
        except IncompleteHeaderError as exc:
            if len(data) < self._max_size:
                self._retry_at = len(data) + max(1, exc.needed or 1)
                return None
            # Only reachable with a max_size below a format's fixed part.
            self._error = HeaderTooLongError(
                f"no complete header within max_size={self._max_size} bytes",
                field="len_body" if data[:1] == V2_SIGNATURE[:1] else "line",
                offset=self._max_size,
            )
            self._buf = bytearray()
            self._overflow = b""
            raise self._error from None
        except ProxyProtocolError as exc:
            self._error = exc
            self._buf = bytearray()
            self._overflow = b""
            raise
        self._header = header
        self._rest = data[header.length :] + self._overflow
        self._buf = bytearray()
        self._overflow = b""
        return header
