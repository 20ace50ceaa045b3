"""Format detection and the one-call entry points `parse` and `encode`.

Owns the decision "which format starts here" (spec §2.2 "detection",
SPEC_NOTES §2.2 and §4) and dispatches to `proxyproto_kaitai._v1`, `_v2`
and `_spp`. It reads no field beyond the signatures.

Detection needs at most 12 bytes: the v2 signature (12), ``PROXY`` for v1
(5) and, for datagrams only, the SPP magic ``56 EC`` (2). The first byte
already splits the cases (``0D``, ``P``, ``56``). A bad version nibble
after a good v2 signature is an *invalid v2 header*, not "no header".
SPP is never looked for on a stream: it only exists on UDP, and its 2-byte
magic is too weak to guess with (SPEC_NOTES §4).
"""

from __future__ import annotations

import enum

from ._errors import EncodeError, IncompleteHeaderError, NoSignatureError
from ._model import Header, SppHeader, V1Header, V2Header
from ._spp import SPP_LEN, SPP_MAGIC, encode_spp, parse_spp
from ._v1 import V1_MAGIC, V1_MIN_LEN, encode_v1, parse_v1
from ._v2 import V2_FIXED_LEN, V2_MAX_LEN, V2_SIGNATURE, encode_v2, parse_v2

__all__ = ["Detection", "detect", "encode", "parse"]


class Detection(enum.Enum):
    """What `detect` found at the start of the bytes."""

    V1 = "v1"  # starts with "PROXY"
    V2 = "v2"  # starts with the 12-byte v2 signature
    SPP = "spp"  # starts with 56 EC (datagrams only)
    NONE = "none"  # no PROXY/SPP header can start like this
    NEED_MORE = "need_more"  # a prefix of a signature: more bytes decide


def detect(prefix: bytes, *, datagram: bool = False) -> Detection:
    """Say which header format starts ``prefix``, without validating the header.

    Args:
        prefix: The first bytes of a stream or datagram (any length).
        datagram: Also recognise SPP, which only travels in UDP datagrams.

    Returns:
        The format, `Detection.NONE`, or `Detection.NEED_MORE` when ``prefix`` is
        a proper prefix of a signature (at most 11 bytes).
    """
    if type(prefix) is not bytes:
        prefix = bytes(prefix)
    if prefix.startswith(V2_SIGNATURE):
        return Detection.V2
    if prefix.startswith(V1_MAGIC):
        return Detection.V1
    if datagram and prefix.startswith(SPP_MAGIC):
        return Detection.SPP
    if (
        V2_SIGNATURE.startswith(prefix)
        or V1_MAGIC.startswith(prefix)
        or (datagram and SPP_MAGIC.startswith(prefix))
    ):
        return Detection.NEED_MORE
    return Detection.NONE


def parse(
    data: bytes,
    *,
    datagram: bool = False,
    verify_crc: bool = True,
    max_size: int = V2_MAX_LEN,
) -> Header:
    """Detect and parse the PROXY v1, PROXY v2 or SPP header at the start of ``data``.

    The payload is ``data[header.length:]``, untouched.

    Args:
        data: Bytes from the start of a connection, or a whole UDP datagram.
        datagram: ``True`` if ``data`` is a whole datagram: SPP is recognised,
            and too few bytes are invalid rather than incomplete.
        verify_crc: ``False`` only reports a v2 CRC32C mismatch
            (``Crc32cTlv.verified``) instead of raising `ChecksumError`.
        max_size: The longest header accepted (default 65551, the largest
            legal header; a v1 line is never over 107 bytes).

    Returns:
        A `V1Header`, `V2Header` or `SppHeader`.

    Raises:
        IncompleteHeaderError: ``data`` is a valid beginning of a header and
            more bytes may complete it (streams only); see ``needed``.
        NoSignatureError: ``data`` does not start like any of the formats.
        InvalidHeaderError: The header is malformed (``field``, ``offset``,
            ``partial`` say where and what could be read).
    """
    if type(data) is not bytes:
        data = bytes(data)  # bytearray, memoryview
    found = detect(data, datagram=datagram)
    if found is Detection.V2:
        return parse_v2(data, datagram=datagram, verify_crc=verify_crc, max_size=max_size)
    if found is Detection.V1:
        return parse_v1(data, datagram=datagram, max_size=max_size)
    if found is Detection.SPP:
        return parse_spp(data)
    if found is Detection.NEED_MORE and not datagram:
        n = len(data)
        needed = V2_FIXED_LEN - n if V2_SIGNATURE.startswith(data) and n else V1_MIN_LEN - n
        raise IncompleteHeaderError(f"{n} bytes cannot tell the format yet", needed=needed)
    raise NoSignatureError(
        "no PROXY v1, PROXY v2" + (" or SPP" if datagram else "") + " signature",
        field="magic",
        offset=0,
    )


def encode(header: Header) -> bytes:
    """Encode any header model (`encode_v1`, `encode_v2` or `encode_spp`).

    Args:
        header: A `V1Header`, `V2Header` or `SppHeader`.

    Returns:
        The header bytes.

    Raises:
        EncodeError: The header cannot be encoded (see the per-format encoders).
    """
    if isinstance(header, V2Header):
        return encode_v2(header)
    if isinstance(header, V1Header):
        return encode_v1(header)
    if isinstance(header, SppHeader):
        return encode_spp(header)
    raise EncodeError(f"not a header model: {type(header).__name__}")


assert SPP_LEN == SppHeader.LENGTH
