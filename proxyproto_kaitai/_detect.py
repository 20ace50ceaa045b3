"""Format detection and the one-call entry points `parse`, `encode` and `to_json`.

Owns the decision "which format starts here" (spec §2.2 "detection",
SPEC_NOTES §2.2 and §4) and dispatches to `proxyproto_kaitai._v1`, `_v2`
and `_spp`, or to their compiled twins when the accelerator is in use
(`proxyproto_kaitai._accel`). It reads no field beyond the signatures.

Detection needs at most 12 bytes: the v2 signature (12), ``PROXY`` for v1
(5) and, for datagrams only, the SPP magic ``56 EC`` (2). The first byte
already splits the cases (``0D``, ``P``, ``56``). A bad version nibble
after a good v2 signature is an *invalid v2 header*, not "no header".
SPP is never looked for on a stream: it only exists on UDP, and its 2-byte
magic is too weak to guess with (SPEC_NOTES §4).
"""

from __future__ import annotations

from typing import Any

from . import _accel, _json, _spp, _v1, _v2
from ._errors import EncodeError, IncompleteHeaderError, NoSignatureError
from ._model import Detection, Header, SppHeader, V1Header, V2Header
from ._spp import encode_spp
from ._tlv import SslSubTlv, Tlv
from ._v1 import encode_v1
from ._v2 import encode_v2, tlv_value
from ._wire import (
    SPP_MAGIC,
    V1_MAGIC,
    V1_MIN_LEN,
    V2_FIXED_LEN,
    V2_MAX_LEN,
    V2_SIGNATURE,
)

__all__ = ["Detection", "detect", "encode", "parse", "parse_spp", "parse_v1", "parse_v2", "to_json"]

#: The parsers in use: the compiled twins of `_v1`, `_v2` and `_spp` when the
#: accelerator is built and not disabled, else the pure-Python modules.
parse_v1 = _v1.parse_v1
parse_v2 = _v2.parse_v2
parse_spp = _spp.parse_spp
_twins = (_accel.twin("v1"), _accel.twin("v2"), _accel.twin("spp"))
if _twins[0] is not None and _twins[1] is not None and _twins[2] is not None:
    parse_v1 = _twins[0].parse_v1
    parse_v2 = _twins[1].parse_v2
    parse_spp = _twins[2].parse_spp


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
    # The first byte already tells the formats apart (detect() in full below).
    first = data[:1]
    if first == b"\r" and data.startswith(V2_SIGNATURE):
        return parse_v2(data, datagram=datagram, verify_crc=verify_crc, max_size=max_size)
    if datagram and first == b"\x56" and data.startswith(SPP_MAGIC):
        return parse_spp(data)
    if first == b"P" and data.startswith(V1_MAGIC):
        return parse_v1(data, datagram=datagram, max_size=max_size)
    if detect(data, datagram=datagram) is Detection.NEED_MORE and not datagram:
        n = len(data)
        needed = V2_FIXED_LEN - n if V2_SIGNATURE.startswith(data) and n else V1_MIN_LEN - n
        raise IncompleteHeaderError(
            f"{n} bytes cannot tell the format yet",
            needed=needed,
            partial={"kind": "v2" if V2_SIGNATURE.startswith(data) else "v1"} if n else None,
        )
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


def to_json(obj: Header | Tlv | SslSubTlv) -> dict[str, Any]:
    """Return the header JSON object of a header, a TLV or an SSL sub-TLV.

    The shape is documented in ``tests/vectors/README.md``; it is what
    ``proxyproto parse --json`` prints and the dissector reports.

    Returns:
        A dict of JSON-ready values (``length`` is ``None`` for a header built by hand).

    Raises:
        EncodeError: A TLV of a header built by hand cannot be put on the wire.
    """
    return _json.to_json(obj, tlv_value)
