"""The library's exceptions: the only ones it raises, on any input.

Owns the error tree below; every other module raises these and nothing else
(any other exception escaping the public API is a bug, and the fuzz and
property tests check it). It does not decide *when* to raise them: the
format modules do, following SPEC_NOTES §7.

```
ProxyProtocolError                  abstract; never raised directly
├── IncompleteHeaderError           more bytes could still make it valid (streams only); .needed
├── InvalidHeaderError(ValueError)  terminal; .field, .offset, .partial
│   ├── NoSignatureError            not PROXY v1/v2 or SPP at all
│   ├── HeaderTooLongError          longer than the spec or the caller's max_size allows
│   ├── InvalidAddressError         an address or port that breaks the grammar / family
│   ├── InvalidTLVError             TLV framing or a TLV value the spec forbids
│   └── ChecksumError               the CRC32C TLV does not match the header
└── EncodeError(ValueError)         the caller's header cannot be encoded
```

`IncompleteHeaderError` is only raised for stream input: a UDP datagram
cannot grow, so a short datagram is an `InvalidHeaderError` instead
(SPEC_NOTES §7, "incomplete on a stream, invalid in a datagram").
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ChecksumError",
    "EncodeError",
    "HeaderTooLongError",
    "IncompleteHeaderError",
    "InvalidAddressError",
    "InvalidHeaderError",
    "InvalidTLVError",
    "NoSignatureError",
    "ProxyProtocolError",
]


class ProxyProtocolError(Exception):
    """Base class of every exception the library raises. Never raised itself."""

    def __init__(self, message: str) -> None:
        if type(self) is ProxyProtocolError:
            raise TypeError("ProxyProtocolError is abstract; raise a subclass")
        super().__init__(message)


class IncompleteHeaderError(ProxyProtocolError):
    """The bytes so far are a valid beginning of a header, but not a whole one.

    Only raised for stream input; feed more bytes and try again.

    Attributes:
        needed: The minimum number of additional bytes before another attempt
            can succeed, or ``None`` when unknown. It is exact for a PROXY v2
            header once its 16-byte fixed part has arrived, and a lower bound
            otherwise (a v1 line ends wherever its CRLF is).
        partial: The header JSON fields the bytes so far already give (as for
            `InvalidHeaderError`), or ``None`` when they give none; a caller
            reporting a truncated header needs no second parse.
    """

    def __init__(
        self,
        message: str,
        *,
        needed: int | None = None,
        partial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.needed = needed
        self.partial = partial


class InvalidHeaderError(ProxyProtocolError, ValueError):
    """The bytes can never become a valid header: the connection must be dropped.

    Attributes:
        field: The field at fault, named as in the ``.ksy`` (v2, SPP) or in
            `proxyproto_kaitai._v1` (v1), e.g. ``"command"``, ``"tlvs"``,
            ``"src_port"``.
        offset: Byte offset of the fault from the start of the input.
        partial: The header JSON fields that could be read before the fault
            (see ``tests/vectors/README.md``), or ``None`` when nothing could.
            For a CRC32C mismatch or a stray TLV tail, every field; for a bad
            family, only ``kind`` and ``command``.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str,
        offset: int,
        partial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.field = field
        self.offset = offset
        self.partial = partial


class NoSignatureError(InvalidHeaderError):
    """The input does not start with a PROXY v1, PROXY v2 or SPP signature."""


class HeaderTooLongError(InvalidHeaderError):
    """The header is longer than its format or the caller's ``max_size`` allows."""


class InvalidAddressError(InvalidHeaderError):
    """An address or port is malformed or does not match the family."""


class InvalidTLVError(InvalidHeaderError):
    """A TLV is malformed: bad framing, a bad length or a forbidden value."""


class ChecksumError(InvalidTLVError):
    """The CRC32C TLV does not match the CRC32C of the header (spec §2.2.5)."""


class EncodeError(ProxyProtocolError, ValueError):
    """The header given to an encoder cannot be put on the wire as it is."""
