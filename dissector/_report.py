"""Human-readable output: the ``proxyproto dissect`` table and the progress bar.

Owns presentation only: it reads `FlowReport` / `Finding` objects (and the
header JSON, so broken headers print the same way) and never decides
anything about the capture.

The table fits a width when given one (`terminal_width`: ``COLUMNS``, else
the terminal, else 100). Cells wrap at spaces, so an endpoint pair breaks at
its arrow and a verdict between words; the TLV and verdict columns give way
first, then the flow and client columns. When even that leaves the TLVs or
the verdict too narrow to read, they move to lines of their own under the
row, across the width. Without a width (``--wide``) every row is one line
and nothing is shortened.
"""

from __future__ import annotations

import os
import textwrap
import time
from collections.abc import Sequence
from typing import Any, TextIO

from ._findings import Finding, FlowReport, Report

__all__ = ["DEFAULT_WIDTH", "ProgressBar", "format_table", "terminal_width", "tlv_summary"]

#: The table width when ``COLUMNS`` is not set and the output is not a terminal.
DEFAULT_WIDTH = 100

_MAX_TEXT = 28
_MAX_TLVS = 64
# A fitted table's TLV cell: up to this many characters, wrapped over lines.
_MAX_TLVS_FITTED = 240
# Below this many columns a TLV or verdict cell moves to its own line.
_MIN_SIDE = 28
# Words up to this long (a TLV value, an address) are never split in a fitted table.
_MAX_WORD = 40
_GAP = "  "


def terminal_width(stream: TextIO) -> int:
    """The width to fit the table to: ``COLUMNS``, else the terminal's, else `DEFAULT_WIDTH`."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns or DEFAULT_WIDTH
    except (AttributeError, OSError, ValueError):
        pass
    return DEFAULT_WIDTH


def _short(text: str, limit: int | None = _MAX_TEXT) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"


def _ep(addr: Any, port: Any) -> str:
    if addr is None:
        return "-"
    text = f"[{addr}]" if ":" in str(addr) and port is not None else str(addr)
    return text if port is None else f"{text}:{port}"


def _safe(text: str) -> str:
    """``text`` with every character a terminal would act on escaped (``\\x1b``, ``\\n``, …).

    Header values come from the wire: an escape sequence or a line break in
    an AUTHORITY must be shown, not obeyed by the terminal or break the table.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _text_value(value: Any, limit: int | None) -> str:
    # An empty value prints as "" so that it reads as empty, not as missing.
    return '""' if value == "" else _short(_safe(str(value)), limit)


def _one_tlv(tlv: dict[str, Any], limit: int | None) -> str:
    name = tlv.get("name") or f"0x{tlv.get('type', 0):02x}"
    if name == "CRC32C":
        return "CRC32C " + ("ok" if tlv.get("verified") else "BAD")
    if name == "SSL":
        subs = {sub.get("name"): sub.get("value") for sub in tlv.get("sub_tlvs") or []}
        parts = [_safe(str(subs["VERSION"]))] if subs.get("VERSION") else []
        if subs.get("CN"):
            parts.append(f"CN={_short(_safe(str(subs['CN'])), limit and 20)}")
        return "SSL(" + (", ".join(parts) or f"client=0x{tlv.get('client', 0):02x}") + ")"
    value = tlv.get("value")
    if value is not None:
        return f"{name}={_text_value(value, limit)}"
    return f"{name}({tlv.get('length', 0)}B)"


def tlv_summary(tlvs: Sequence[dict[str, Any]] | None, *, full: bool = False) -> str:
    """One line for a header's TLVs, e.g. ``ALPN=h2, CRC32C ok, SSL(…)``; ``-`` for none.

    Values and the line are shortened with ``…`` unless ``full``; an empty
    value prints as ``""``.
    """
    return _tlv_text(tlvs, None, None) if full else _tlv_text(tlvs, _MAX_TEXT, _MAX_TLVS)


def _tlv_text(tlvs: Sequence[dict[str, Any]] | None, value: int | None, total: int | None) -> str:
    if not tlvs:
        return "-"
    return _short(", ".join(_one_tlv(t, value) for t in tlvs), total)


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
        if row.direction_unknown:  # the capture does not tell which side is the origin
            parts = [f"{hdr_fwd}/{fwd} one way", f"{hdr_rev}/{rev} back (direction unknown)"]
        else:
            parts = [f"{hdr_fwd}/{fwd} to origin", f"{hdr_rev}/{rev} to client"]
        problems = []
        if hdr_fwd < fwd or hdr_rev < rev:
            problems.append(f"{fwd + rev - hdr_fwd - hdr_rev} datagrams without SPP header")
        if row.mismatched:
            n = row.mismatched
            if row.direction_unknown:
                problems.append(f"{n} differ from the header sent the other way")
            else:
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


def _header_cell(row: FlowReport) -> str:
    first = row.first
    kinds = "+".join(row.kinds) or first.kind
    command = first.fields.get("command")
    return f"{kinds} {command}" if command and first.kind == "v2" else kinds


_COLUMNS = ("FRAME", "FLOW", "HEADER", "REAL CLIENT → DESTINATION", "TLVS", "VERDICT")
_FLOW, _HEADER, _CLIENT, _TLVS, _VERDICT = 1, 2, 3, 4, 5


def _cells(row: FlowReport, tlv_limits: tuple[int | None, int | None]) -> tuple[str, ...]:
    first = row.first
    cells = (
        str(first.frame),
        str(row.flow),
        _header_cell(row),
        _client(first),
        _tlv_text(first.fields.get("tlvs"), *tlv_limits),
        _verdict(row),
    )
    return tuple(_safe(cell) for cell in cells)


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _longest_word(texts: Sequence[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def _arrow_width(texts: Sequence[str]) -> int:
    """The width a column needs when its ``A → B`` cells break after the arrow."""
    widest = 1
    for text in texts:
        left, sep, right = text.partition(" → ")
        widest = max(widest, len(left + sep.rstrip()), len(right)) if sep else len(text)
    return widest


def _shrink(widths: list[int], floors: dict[int, int], excess: int) -> int:
    """Narrow the columns in ``floors`` (widest first, never below their floor) by ``excess``."""
    while excess > 0:
        candidates = [i for i, floor in floors.items() if widths[i] > floor]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def _fit(
    table: Sequence[Sequence[str]], width: int, columns: Sequence[int]
) -> tuple[list[int], bool]:
    """Column widths that fit ``width`` for ``columns``; ``False`` when they cannot."""
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    excess = sum(widths[i] for i in columns) + len(_GAP) * (len(columns) - 1) - width
    side = {
        i: min(widths[i], max(_MIN_SIDE, min(_longest_word([r[i] for r in table]), _MAX_WORD)))
        for i in (_TLVS, _VERDICT)
        if i in columns
    }
    excess = _shrink(widths, side, excess)
    pairs = [i for i in (_FLOW, _CLIENT) if i in columns]
    excess = _shrink(widths, {i: _arrow_width([r[i] for r in table]) for i in pairs}, excess)
    if side:
        return widths, excess <= 0
    header = {_HEADER: _longest_word([r[_HEADER] for r in table])}
    excess = _shrink(widths, header, excess)
    excess = _shrink(widths, {i: _longest_word([r[i] for r in table]) for i in pairs}, excess)
    return widths, excess <= 0


def _render(cells: Sequence[str], widths: Sequence[int], columns: Sequence[int]) -> list[str]:
    wrapped = [_wrap(cells[i], widths[i]) for i in columns]
    lines = []
    for n in range(max(len(w) for w in wrapped)):
        parts = []
        for k, i in enumerate(columns):
            text = wrapped[k][n] if n < len(wrapped[k]) else ""
            parts.append(text.rjust(widths[i]) if i == 0 else text.ljust(widths[i]))
        lines.append(_GAP.join(parts).rstrip())
    return lines


def _rows(table: Sequence[Sequence[str]], width: int | None) -> tuple[list[str], list[list[str]]]:
    """The heading line(s) and each row's lines, fitted to ``width``."""
    every = list(range(len(_COLUMNS)))
    if width is None:
        widths = [max(len(r[i]) for r in table) for i in every]
        return _render(table[0], widths, every), [_render(r, widths, every) for r in table[1:]]
    widths, fits = _fit(table, width, every)
    if fits:
        return _render(table[0], widths, every), [_render(r, widths, every) for r in table[1:]]
    # Too narrow for six columns: the TLVs and the verdict go on lines of their own.
    main = [0, _FLOW, _HEADER, _CLIENT]
    widths, _ = _fit(table, width, main)
    indent = " " * (widths[0] + len(_GAP))
    rows = []
    for cells in table[1:]:
        lines = _render(cells, widths, main)
        extra = [f"TLVs: {cells[_TLVS]}"] if cells[_TLVS] != "-" else []
        for text in [*extra, cells[_VERDICT]]:
            lines += textwrap.wrap(
                text,
                max(width, len(indent) + _MIN_SIDE),
                initial_indent=indent,
                subsequent_indent=indent + "  ",
                break_long_words=True,
                break_on_hyphens=False,
            )
        rows.append(lines)
    head = _render(table[0], widths, main)
    return [*head, indent + "TLVS, VERDICT"], rows


def format_table(
    report: Report,
    *,
    width: int | None = None,
    filtered: bool = False,
    sections: Sequence[tuple[str, Report, str | None]] | None = None,
) -> str:
    """The ``proxyproto dissect`` table: one row per connection/flow with a header.

    Args:
        report: What to print (for several files: everything, for the summary).
        width: Fit the table to this many columns (see the module docstring);
            ``None`` prints each row on one line, nothing shortened.
        filtered: A display filter chose the packets: the summary says so.
        sections: Several files: ``(name, report, error)`` each, printed as
            one section per file under a line naming it, with one summary.
    """
    tlv_limits = (None, None) if width is None else (_MAX_TEXT, _MAX_TLVS_FITTED)
    parts = sections if sections is not None else [("", report, None)]
    table: list[tuple[str, ...]] = [_COLUMNS]
    for _, part, _ in parts:
        table += [_cells(row, tlv_limits) for row in part.flows]
    head, rows = _rows(table, width)
    lines = list(head)
    it = iter(rows)
    for name, part, error in parts:
        if sections is not None:
            reason = error.removeprefix(f"{name}: ") if error else ""
            lines.append(f"{name}:" + (f" not dissected ({reason})" if error else ""))
            if not part.flows and not error:
                lines.append("  (no header)")
        for _ in part.flows:
            lines += next(it)
    lines.append("")
    summary = _summary(report, filtered, len(parts) if sections is not None else None)
    lines += [summary] if width is None else textwrap.wrap(summary, max(width, _MIN_SIDE))
    return "\n".join(lines)


def _summary(report: Report, filtered: bool, files: int | None) -> str:
    tcp = sum(1 for r in report.flows if r.flow.transport == "tcp")
    udp = len(report.flows) - tcp
    bad = sum(1 for r in report.flows if r.errors)
    total = sum(r.headers for r in report.flows)
    where = "in this capture" if files is None else f"in these {_plural(files, 'capture')}"
    matching = " matching the filter" if filtered else ""
    if not report.flows:
        return f"No PROXY v1, PROXY v2 or SPP header{matching} {where}."
    scope = "" if files is None else f"In {_plural(files, 'capture')}: "
    flows = f"{_plural(tcp, 'TCP connection')} and {_plural(udp, 'UDP flow')}"
    counts = f"({_plural(total, 'header')}, {_plural(bad, 'flow')} with errors)"
    if filtered:
        rest = "no other connection or flow matching the filter carries one."
    else:
        rest = "every other connection and flow carries none."
    return f"{scope}{flows}{matching} carry headers {counts}; {rest}"


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
        elapsed = time.monotonic() - self._start
        if fraction is None:
            line = f"dissecting… {elapsed:5.1f} s"
        else:
            done = int(fraction * self._width)
            line = f"[{'#' * done}{'.' * (self._width - done)}] {fraction:4.0%} {elapsed:5.1f} s"
        self.show(line)

    def show(self, line: str) -> None:
        """Draw ``line`` in place of the last one (on a terminal, once past ``delay``)."""
        if not self._enabled or time.monotonic() - self._start < self._delay:
            return
        self._stream.write("\r" + line)
        self._stream.flush()
        self._shown = True

    def close(self) -> None:
        """Erase the bar if it was drawn."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False
