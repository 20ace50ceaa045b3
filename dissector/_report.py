"""Human-readable output: the ``proxyproto dissect`` table and the progress bar.

Owns presentation only: it reads `FlowReport` / `Finding` objects (and the
header JSON, so broken headers print the same way) and never decides
anything about the capture.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, TextIO

from ._findings import Finding, FlowReport, Report

__all__ = ["ProgressBar", "format_table", "tlv_summary"]

_MAX_TEXT = 28
_MAX_TLVS = 64


def _short(text: str, limit: int = _MAX_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ep(addr: Any, port: Any) -> str:
    if addr is None:
        return "-"
    text = f"[{addr}]" if ":" in str(addr) and port is not None else str(addr)
    return text if port is None else f"{text}:{port}"


def _one_tlv(tlv: dict[str, Any]) -> str:
    name = tlv.get("name") or f"0x{tlv.get('type', 0):02x}"
    if name == "CRC32C":
        return "CRC32C " + ("ok" if tlv.get("verified") else "BAD")
    if name == "SSL":
        subs = {sub.get("name"): sub.get("value") for sub in tlv.get("sub_tlvs") or []}
        parts = [str(subs["VERSION"])] if subs.get("VERSION") else []
        if subs.get("CN"):
            parts.append(f"CN={_short(str(subs['CN']), 20)}")
        return "SSL(" + (", ".join(parts) or f"client=0x{tlv.get('client', 0):02x}") + ")"
    value = tlv.get("value")
    if value is not None:
        return f"{name}={_short(str(value))}"
    return f"{name}({tlv.get('length', 0)}B)"


def tlv_summary(tlvs: Sequence[dict[str, Any]] | None) -> str:
    """One line for a header's TLVs, e.g. ``ALPN=h2, CRC32C ok, SSL(…)``; ``-`` for none."""
    if not tlvs:
        return "-"
    return _short(", ".join(_one_tlv(t) for t in tlvs), _MAX_TLVS)


def _verdict(row: FlowReport) -> str:
    first = row.first
    if row.flow.transport == "tcp":
        if row.errors:
            return row.first_error or "invalid"
        text = "ok"
        if len(row.kinds) > 1:
            text += f", {len(row.kinds)} stacked headers"
        if row.midstream:
            text += " (start of connection not captured)"
        return text
    fwd, rev = row.datagrams
    hdr_fwd, hdr_rev = row.with_header
    if first.kind == "spp":
        parts = [f"{hdr_fwd}/{fwd} to origin", f"{hdr_rev}/{rev} to client"]
        problems = []
        if hdr_fwd < fwd or hdr_rev < rev:
            problems.append(f"{fwd + rev - hdr_fwd - hdr_rev} datagrams without SPP header")
        if row.mismatched:
            n = row.mismatched
            problems.append(
                f"{n} repl{'ies do' if n != 1 else 'y does'} not repeat the client's header"
            )
        invalid = row.errors - row.mismatched
        if invalid:
            problems.append(f"{invalid} invalid: {row.first_error}")
        return ("ok: " if not problems else "") + ", ".join(parts + problems)
    mode = {
        "first": "first datagram only (Cloudflare Spectrum style)",
        "every": f"every datagram ({hdr_fwd})",
        "single": "single datagram",
        "some": f"{hdr_fwd} of {fwd} datagrams",
    }[row.udp_mode or "some"]
    if row.errors:
        return f"{row.errors} invalid: {row.first_error}; header on {mode}"
    return f"ok: header on {mode}"


def _client(first: Finding) -> str:
    f = first.fields
    if f.get("src_addr") is None and f.get("dst_addr") is None:
        return "-"
    return (
        f"{_ep(f.get('src_addr'), f.get('src_port'))} → {_ep(f.get('dst_addr'), f.get('dst_port'))}"
    )


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def format_table(report: Report) -> str:
    """The ``proxyproto dissect`` table: one row per connection/flow with a header."""
    header = ("FRAME", "FLOW", "HEADER", "COMMAND", "REAL CLIENT → DESTINATION", "TLVS", "VERDICT")
    rows = []
    for row in report.flows:
        first = row.first
        rows.append(
            (
                str(first.frame),
                str(row.flow),
                "+".join(row.kinds) or first.kind,
                first.fields.get("command") or "-",
                _client(first),
                tlv_summary(first.fields.get("tlvs")),
                _verdict(row),
            )
        )
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    lines = []
    for cells in (header, *rows):
        padded = [c.rjust(widths[0]) if i == 0 else c.ljust(widths[i]) for i, c in enumerate(cells)]
        lines.append("  ".join(padded).rstrip())
    tcp = sum(1 for r in report.flows if r.flow.transport == "tcp")
    udp = len(report.flows) - tcp
    bad = sum(1 for r in report.flows if r.errors)
    total = sum(r.headers for r in report.flows)
    lines.append("")
    if report.flows:
        lines.append(
            f"{_plural(tcp, 'TCP connection')} and {_plural(udp, 'UDP flow')} carry headers "
            f"({_plural(total, 'header')}, {_plural(bad, 'flow')} with errors); "
            "every other connection and flow carries none."
        )
    else:
        lines.append("No PROXY v1, PROXY v2 or SPP header in this capture.")
    return "\n".join(lines)


class ProgressBar:
    """A one-line progress bar on a terminal, shown once a run takes over ``delay`` s.

    Call it with the fraction done (or ``None`` when unknown); `close` wipes it.
    Does nothing when the stream is not a terminal.
    """

    def __init__(self, stream: TextIO, *, delay: float = 1.0, width: int = 30) -> None:
        self._stream = stream
        self._delay = delay
        self._width = width
        self._start = time.monotonic()
        self._shown = False
        self._enabled = bool(getattr(stream, "isatty", lambda: False)())

    @property
    def enabled(self) -> bool:
        """Whether the stream is a terminal."""
        return self._enabled

    def __call__(self, fraction: float | None) -> None:
        if not self._enabled:
            return
        elapsed = time.monotonic() - self._start
        if elapsed < self._delay:
            return
        if fraction is None:
            line = f"dissecting… {elapsed:5.1f} s"
        else:
            done = int(fraction * self._width)
            line = f"[{'#' * done}{'.' * (self._width - done)}] {fraction:4.0%} {elapsed:5.1f} s"
        self._stream.write("\r" + line)
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the bar if it was drawn."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False
