"""PROXY protocol version 1: the text line, parsed and encoded by hand.

Owns the v1 grammar (spec §2.1, SPEC_NOTES §1 and the v1 cases of §7): a
``.ksy`` cannot express it, so this is the one hand-written parser of the
library. It does not detect formats (`proxyproto_kaitai._detect` does).

The grammar, exactly as implemented::

    line       = "PROXY" SP proto-part CRLF             ; at most 107 bytes with CRLF
    proto-part = "TCP4" SP ipv4 SP ipv4 SP port SP port
               / "TCP6" SP ipv6 SP ipv6 SP port SP port
               / "UNKNOWN" [ SP *(any byte but CR, LF) ] ; the tail is ignored
    ipv4       = dec-octet 3("." dec-octet)             ; no leading zeros, 0..255
    port       = "0" / %x31-39 0*4DIGIT                 ; ASCII digits, 0..65535
    ipv6       = RFC 4291 text: 1-4 hex digits per group (either case), at most
                 one "::", optional dotted IPv4 tail (``::ffff:192.0.2.1``, which
                 HAProxy sends for v4 clients on a v6 listener); no zone id, no
                 brackets

Deliberate choices (SPEC_NOTES §1.4, §1.5, §7):

- The only line end is CR LF; a CR anywhere else, or an LF without its CR, is
  invalid. So is ``PROXY UNKNOWNxyz`` (no SP after the token).
- A line that is not finished yet is checked as far as it goes, so a
  hopeless prefix (``PROXY TCP5 ``, ``PROXY TCP4 01.``) is rejected at once
  instead of waiting for 107 bytes (the spec: "preferably at once").
- The 107-byte limit holds even though a dotted IPv6 tail could make a TCP6
  line longer (SPEC_NOTES §1.5).
"""

from __future__ import annotations

import contextlib
import re
from ipaddress import IPv4Address, IPv6Address
from socket import AF_INET6, inet_aton, inet_pton
from typing import Any, Final, NoReturn

from ._errors import (
    EncodeError,
    HeaderTooLongError,
    IncompleteHeaderError,
    InvalidAddressError,
    InvalidHeaderError,
    NoSignatureError,
)
from ._json import ip_text
from ._model import IPAddress, V1Family, V1Header, new
from ._wire import V1_MAGIC, V1_MAX_LEN, V1_MIN_LEN

__all__ = ["encode_v1", "parse_v1"]

#: Shortest complete line per family, for `IncompleteHeaderError.needed`.
_MIN_LEN: Final = {b"UNKNOWN": 15, b"TCP4": 32, b"TCP6": 22}

_OCTET: Final = rb"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_IPV4: Final = rb"(" + _OCTET + rb"(?:\." + _OCTET + rb"){3})"
_PORT: Final = rb"(0|[1-9][0-9]{0,4})"
# The IPv6 alphabet; `ipaddress` checks the structure (and would accept `%zone`).
_IPV6: Final = rb"([0-9A-Fa-f:.]{2,45})"
_TCP4_LINE: Final = re.compile(
    rb"PROXY TCP4 " + _IPV4 + rb" " + _IPV4 + rb" " + _PORT + rb" " + _PORT + rb"\r\n"
)
_TCP6_LINE: Final = re.compile(
    rb"PROXY TCP6 " + _IPV6 + rb" " + _IPV6 + rb" " + _PORT + rb" " + _PORT + rb"\r\n"
)
_IPV4_FULL: Final = re.compile(_IPV4)
_IPV6_FULL: Final = re.compile(_IPV6)
_PORT_FULL: Final = re.compile(_PORT)
# What an unfinished token may look like so far.
_IPV4_PART: Final = re.compile(rb"(?:" + _OCTET + rb"\.){0,3}(?:" + _OCTET + rb")?")
_IPV6_PART: Final = re.compile(rb"[0-9A-Fa-f:.]{0,45}")
_PORT_PART: Final = re.compile(rb"0|[1-9][0-9]{0,4}|")
_FAMILIES: Final = {b"TCP4": V1Family.TCP4, b"TCP6": V1Family.TCP6, b"UNKNOWN": V1Family.UNKNOWN}
_FIELDS: Final = ("magic", "family", "src_addr", "dst_addr", "src_port", "dst_port")


def _port(token: bytes) -> int | None:
    if _PORT_FULL.fullmatch(token) is None:
        return None
    value = int(token)
    return value if value <= 0xFFFF else None


def _ipv4(token: bytes) -> IPv4Address:
    # Only after _IPV4 matched: inet_aton is lenient ("1.2.3"), the regex is not.
    return IPv4Address(inet_aton(token.decode("ascii")))


def _ipv6(token: bytes) -> IPv6Address | None:
    # Only after _IPV6 matched (no "%zone", no brackets). inet_pton is 4x faster
    # than IPv6Address(str) and agrees with it on this alphabet (tests/test_v1.py).
    try:
        return IPv6Address(inet_pton(AF_INET6, token.decode("ascii")))
    except OSError:
        return None


def _addr(family: bytes, token: bytes) -> IPAddress | None:
    if family == b"TCP4":
        return _ipv4(token) if _IPV4_FULL.fullmatch(token) else None
    return _ipv6(token) if _IPV6_FULL.fullmatch(token) else None


def _fast(line: bytes) -> V1Header | None:
    """The common TCP4/TCP6 line in one regex; ``None`` sends it to the slow path."""
    tcp4 = line[9] == 0x34  # "PROXY TCP4"
    m = (_TCP4_LINE if tcp4 else _TCP6_LINE).fullmatch(line)
    if m is None:
        return None
    src, dst, sport, dport = m.groups()
    src_port = int(sport)
    dst_port = int(dport)
    if src_port > 0xFFFF or dst_port > 0xFFFF:
        return None
    src_addr: IPAddress | None
    dst_addr: IPAddress | None
    if tcp4:
        family, src_addr, dst_addr = V1Family.TCP4, _ipv4(src), _ipv4(dst)
    else:
        family, src_addr, dst_addr = V1Family.TCP6, _ipv6(src), _ipv6(dst)
        if src_addr is None or dst_addr is None:
            return None
    header: V1Header = new(
        V1Header,
        {
            "family": family,
            "src_addr": src_addr,
            "dst_addr": dst_addr,
            "src_port": src_port,
            "dst_port": dst_port,
            "raw": line,
        },
    )
    return header


def _check(
    content: bytes, *, complete: bool, raw: bytes = b"", partial: dict[str, Any] | None = None
) -> tuple[V1Header | None, bytes]:
    """Validate the line without its CRLF, or an unfinished beginning of it.

    Returns the header (``None`` for an unfinished line, whose last token may
    still grow) and the family token (``b""`` if not known yet). Raises
    `InvalidHeaderError` at the first token that cannot be, or become, valid.
    The header JSON fields read are added to ``partial``.
    """
    if partial is None:
        partial = _partial()
    tokens = content.split(b" ")
    last = b"" if complete else tokens.pop()
    offsets = []
    at = 0
    for tok in tokens:
        offsets.append(at)
        at += len(tok) + 1
    family = b""
    values: list[Any] = []
    for i, tok in enumerate(tokens):
        if i == 0:
            if tok != V1_MAGIC:  # "PROXY" then something other than SP
                _fail("magic", 5, f"expected 'PROXY ', got {tok[:16]!r}", partial)
            continue
        if i == 1:
            if tok not in _FAMILIES:
                _fail("family", 6, f"unknown protocol {tok[:16]!r}", partial)
            family = tok
            partial["family"] = _FAMILIES[tok].value
            if family == b"UNKNOWN":
                break  # Anything may follow "UNKNOWN ": the receiver ignores it.
            continue
        if i >= len(_FIELDS):
            # A seventh token: the port before it was followed by a space.
            _fail("dst_port", offsets[5], "extra data after the destination port", partial)
        field = _FIELDS[i]
        value: Any = _addr(family, tok) if i < 4 else _port(tok)
        if value is None:
            _fail(field, offsets[i], f"invalid {field} {tok[:48]!r} for {family.decode()}", partial)
        values.append(value)
        partial[field] = ip_text(value) if i < 4 else value
    if complete:
        if family == b"UNKNOWN":
            return V1Header(V1Family.UNKNOWN, raw=raw), family
        if len(tokens) < len(_FIELDS):
            field = _FIELDS[len(tokens)]
            _fail(field, len(content), f"line ends before {field}", partial)
        src, dst, sport, dport = values
        return V1Header(_FAMILIES[family], src, dst, sport, dport, raw), family
    # An unfinished token: can it still grow into a valid one?
    i = len(tokens)
    if family == b"UNKNOWN":
        return None, family
    if i >= len(_FIELDS):
        _fail("dst_port", offsets[5], "extra data after the destination port", partial)
    if i == 0:
        ok = V1_MAGIC.startswith(last)
    elif i == 1:
        ok = any(f.startswith(last) for f in _FAMILIES)
    elif i < 4:
        part = _IPV4_PART if family == b"TCP4" else _IPV6_PART
        ok = part.fullmatch(last) is not None
    else:
        ok = _PORT_PART.fullmatch(last) is not None
    if not ok:
        field = _FIELDS[i]
        _fail(field, 5 if i == 0 else at, f"{field} cannot start with {last[:48]!r}", partial)
    return None, family


def _scan(content: bytes, partial: dict[str, Any]) -> None:
    """Check the tokens before a framing fault and collect what they say.

    Raises on a bad token (the earlier fault); otherwise fills ``partial``,
    including the last token when it is complete and valid.
    """
    _check(content, complete=False, partial=partial)
    with contextlib.suppress(InvalidHeaderError):
        _check(content, complete=True, partial=partial)


def _partial() -> dict[str, Any]:
    return {"kind": "v1", "command": "PROXY"}


def _fail(field: str, offset: int, message: str, partial: dict[str, Any]) -> NoReturn:
    cls = InvalidAddressError if field.endswith(("_addr", "_port")) else InvalidHeaderError
    raise cls(f"PROXY v1: {message}", field=field, offset=offset, partial=dict(partial))


def parse_v1(data: bytes, *, datagram: bool = False, max_size: int = V1_MAX_LEN) -> V1Header:
    """Parse the PROXY v1 line at the start of ``data``.

    Args:
        data: Bytes from the start of the connection (or a whole datagram);
            anything after the line's CRLF is left alone.
        datagram: ``True`` if ``data`` is a whole datagram, which cannot grow:
            a missing CRLF is then invalid rather than incomplete.
        max_size: The longest line accepted, at most (and by default) 107.

    Returns:
        The header; ``header.length`` bytes of ``data`` were consumed.

    Raises:
        IncompleteHeaderError: ``data`` is a valid beginning of a line (stream only).
        NoSignatureError: ``data`` does not start with ``PROXY``.
        HeaderTooLongError: No CRLF within the first ``max_size`` bytes.
        InvalidHeaderError: Any other deviation from the grammar.
    """
    if type(data) is not bytes:
        data = bytes(data)  # bytearray, memoryview
    limit = min(max_size, V1_MAX_LEN)
    end = data.find(b"\n", 0, limit)
    if end > 0 and data[end - 1] == 0x0D and data.startswith(b"PROXY TCP"):
        header = _fast(data[: end + 1])
        if header is not None:
            return header
    if not data.startswith(V1_MAGIC):
        if V1_MAGIC.startswith(data) and not datagram:
            raise IncompleteHeaderError(
                f"PROXY v1 signature: {len(data)} of 5 bytes",
                needed=V1_MIN_LEN - len(data),
                partial=_partial() if data else None,
            )
        raise NoSignatureError(
            "PROXY v1: no 'PROXY' signature", field="magic", offset=0, partial=None
        )
    head = data[:limit] if end < 0 else data[:end]
    partial = _partial()
    # The one CR allowed is right before the LF (or, with no LF yet, the last byte).
    cr = head.find(b"\r")
    if cr >= 0 and cr != len(head) - 1:
        _scan(head[:cr], partial)
        _fail("line", cr, "CR not followed by LF", partial)
    if end >= 0:
        if cr < 0:
            _scan(head, partial)
            _fail("line", end, "LF without CR", partial)
        header, _ = _check(head[:-1], complete=True, raw=data[: end + 1])
        assert header is not None  # complete=True never returns None
        return header
    # No LF yet.
    if len(head) >= limit:
        _scan(head[:cr] if cr >= 0 else head, partial)
        raise HeaderTooLongError(
            f"PROXY v1: no CRLF within the first {limit} bytes",
            field="line",
            offset=limit,
            partial=partial,
        )
    if cr >= 0:
        _check(head[:-1], complete=True, partial=partial)
        needed = 1
        partial = _partial()  # the line is complete but for its LF
        _scan(head[:-1], partial)
    else:
        _, family = _check(head, complete=False, partial=partial)
        needed = max(2, _MIN_LEN.get(family, V1_MIN_LEN) - len(head))  # at least CR LF
    if datagram:
        raise InvalidHeaderError(
            "PROXY v1: the datagram ends before the line's CRLF",
            field="line",
            offset=len(data),
            partial=partial,
        )
    raise IncompleteHeaderError(
        f"PROXY v1: no CRLF in {len(data)} bytes", needed=needed, partial=partial
    )


def encode_v1(header: V1Header) -> bytes:
    """Encode a v1 header as its text line.

    IPv6 addresses are written in RFC 5952 form, IPv4-mapped ones with a dotted
    tail (``::ffff:192.0.2.1``) as HAProxy does; ``UNKNOWN`` is written in its
    short form ``PROXY UNKNOWN\\r\\n``.

    Args:
        header: The header to encode.

    Returns:
        The line, CRLF included.

    Raises:
        EncodeError: The addresses do not match the family, a port is out of
            range, or the line would exceed 107 bytes.
    """
    family = header.family
    fields = (header.src_addr, header.dst_addr, header.src_port, header.dst_port)
    if family == V1Family.UNKNOWN:
        if any(f is not None for f in fields):
            raise EncodeError("PROXY v1 UNKNOWN carries no addresses or ports")
        return b"PROXY UNKNOWN\r\n"
    if family not in (V1Family.TCP4, V1Family.TCP6):
        raise EncodeError(f"PROXY v1 family must be TCP4, TCP6 or UNKNOWN, not {family!r}")
    want = IPv4Address if family == V1Family.TCP4 else IPv6Address
    src, dst, sport, dport = fields
    if not isinstance(src, want) or not isinstance(dst, want):
        raise EncodeError(f"PROXY v1 {family} needs two {want.__name__} addresses")
    for port in (sport, dport):
        if not isinstance(port, int) or isinstance(port, bool) or not 0 <= port <= 0xFFFF:
            raise EncodeError(f"PROXY v1 port must be an int in 0..65535, not {port!r}")
    line = f"PROXY {family} {ip_text(src)} {ip_text(dst)} {sport} {dport}\r\n".encode()
    if len(line) > V1_MAX_LEN:  # pragma: no cover - canonical text is at most 104 bytes
        raise EncodeError(f"PROXY v1 line would be {len(line)} bytes, more than {V1_MAX_LEN}")
    return line
