"""The pyshark side: a `Dissector` for your own capture loop; and `dissect_live`.

Owns reading the few fields the engine needs out of a pyshark packet (in
PDML mode, the default, and in ``use_json=True`` mode: their field names and
missing-field behaviour differ, TOOLCHAIN §2.2). It does not decide where
headers are (`._engine` does). `dissect_live` is the one-call live capture:
`._live.LiveDissection` (tshark run and stopped cleanly), bounded.

pyshark is imported lazily: the rest of the package works without it.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ._engine import Engine
from ._findings import Finding, Report
from ._live import LiveDissection
from ._spp_rule import SppRule
from ._tshark import PREFS, find_tshark, lua_args

__all__ = ["Dissector", "dissect_live", "open_file_capture", "pyshark_options"]

_TRANSPORTS = ("tcp", "udp")
_NETWORKS = ("ip", "ipv6")


def _field(layer: Any, name: str) -> Any:
    """A field of a pyshark layer, or ``None`` (JSON layers raise, PDML ones do not)."""
    try:
        return layer.get_field(name)
    except AttributeError:
        return None


def _payload(layer: Any) -> bytes:
    value = _field(layer, "payload")
    if value is None:
        return b""
    try:  # PDML: the raw value, never abbreviated
        data = value.binary_value
        if isinstance(data, bytes):
            return data
    except (ValueError, AttributeError, TypeError):
        pass
    return bytes.fromhex(str(value).replace(":", ""))  # JSON: colon-separated hex


def _int(value: Any, base: int = 10) -> int:
    return int(str(value), base)


class Dissector:
    """Finds PROXY v1/v2 and SPP headers in packets you read with pyshark.

    Feed it every packet of a ``pyshark.FileCapture`` or ``LiveCapture``, in
    order, in PDML mode (the default) or ``use_json=True`` mode; it yields
    each header as soon as it is complete::

        import pyshark
        from proxyproto_kaitai.dissector import Dissector, pyshark_options

        dissector = Dissector()
        with pyshark.FileCapture("proxied.pcapng", **pyshark_options()) as cap:
            for packet in cap:
                for found in dissector.feed(packet):
                    print(found.frame, found.flow, found.fields["src_addr"], found.error)
        for found in dissector.finish():      # headers the capture cut short
            print(found.frame, found.error)

    A display filter on your capture is fine as long as it keeps every
    packet of the connections you care about. tshark's relative TCP
    sequence numbers must be on (the default; `pyshark_options` forces them).

    Args:
        max_header_size: The longest header accepted (default 65551).
        verify_crc: ``False`` reports CRC32C mismatches without failing the header.
        max_stack: How many stacked headers are read (default 2).
        spp_rule: The rule for finding SPP in UDP flows (default: the shipped
            ``spec/spp_detection.json``).
    """

    def __init__(
        self,
        *,
        max_header_size: int | None = None,
        verify_crc: bool = True,
        max_stack: int | None = None,
        spp_rule: SppRule | None = None,
    ) -> None:
        kwargs: dict[str, Any] = {"spp_rule": spp_rule}
        if max_header_size is not None:
            kwargs["max_header_size"] = max_header_size
        if max_stack is not None:
            kwargs["max_stack"] = max_stack
        self._engine = Engine(verify_crc=verify_crc, **kwargs)

    @property
    def report(self) -> Report:
        """Per-flow summaries so far (`Report.findings` is not kept here)."""
        return Report(flows=list(self._engine.reports))

    def _drain(self) -> list[Finding]:
        out = self._engine.out
        if not out:
            return []
        found = list(out)
        out.clear()
        return found

    def feed(self, packet: Any) -> list[Finding]:
        """Take one pyshark packet; return the headers it completed (often none).

        Packets that are not TCP or UDP over IP (or that are ICMP errors
        quoting a TCP/UDP header) are ignored.
        """
        layers = packet.layers
        names = [layer.layer_name.lower() for layer in layers]
        if "icmp" in names or "icmpv6" in names:
            return []
        t_idx = max((i for i, n in enumerate(names) if n in _TRANSPORTS), default=-1)
        if t_idx < 0:
            return []
        n_idx = max((i for i, n in enumerate(names[:t_idx]) if n in _NETWORKS), default=-1)
        if n_idx < 0:
            return []
        net, trans = layers[n_idx], layers[t_idx]
        try:
            frame = _int(packet.number)
            src, dst = str(_field(net, "src")), str(_field(net, "dst"))
            sport, dport = _int(_field(trans, "srcport")), _int(_field(trans, "dstport"))
            stream = _int(_field(trans, "stream"))
            payload = _payload(trans)
            if names[t_idx] == "tcp":
                seq = _int(_field(trans, "seq"))
                raw = _field(trans, "seq_raw")
                seq_raw = None if raw is None else _int(raw)
                flags = _int(_field(trans, "flags"), 16)
                seglen = _int(_field(trans, "len"))
            else:
                length = max(_int(_field(trans, "length")) - 8, 0)
        except ValueError:
            return []  # a field tshark could not fill: a malformed packet
        if names[t_idx] == "tcp":
            self._engine.tcp(
                frame, stream, src, sport, dst, dport, seq, flags, seglen, payload, seq_raw
            )
        else:
            self._engine.udp(frame, stream, src, sport, dst, dport, length, payload)
        return self._drain()

    def feed_tcp(
        self,
        *,
        frame: int,
        stream: int,
        src: str,
        sport: int,
        dst: str,
        dport: int,
        seq: int,
        flags: int,
        payload: bytes,
        seglen: int | None = None,
        seq_raw: int | None = None,
    ) -> list[Finding]:
        """Take one TCP segment from another packet source (tshark field semantics).

        ``seq`` is the relative sequence number (0 on the SYN) and ``stream``
        identifies the connection; ``seglen`` defaults to ``len(payload)``;
        ``seq_raw``, the absolute sequence number, lets a connection survive
        a SYN injected into it.
        """
        self._engine.tcp(
            frame,
            stream,
            src,
            sport,
            dst,
            dport,
            seq,
            flags,
            len(payload) if seglen is None else seglen,
            payload,
            seq_raw,
        )
        return self._drain()

    def feed_udp(
        self,
        *,
        frame: int,
        stream: int,
        src: str,
        sport: int,
        dst: str,
        dport: int,
        payload: bytes,
        length: int | None = None,
    ) -> list[Finding]:
        """Take one UDP datagram.

        ``length`` (the payload length on the wire) defaults to ``len(payload)``.
        """
        self._engine.udp(
            frame,
            stream,
            src,
            sport,
            dst,
            dport,
            len(payload) if length is None else length,
            payload,
        )
        return self._drain()

    def finish(self) -> list[Finding]:
        """The capture ended: return the headers left incomplete, as errors."""
        self._engine.finish()
        return self._drain()

    def dissect(self, packets: Iterable[Any]) -> Iterator[Finding]:
        """Feed every packet, then `finish`; yield the findings as they come."""
        for packet in packets:
            yield from self.feed(packet)
        yield from self.finish()


def pyshark_options(*, load_lua_plugin: bool = False) -> dict[str, Any]:
    """Keyword arguments for ``pyshark.FileCapture`` / ``LiveCapture``.

    They force the tshark preferences `Dissector` relies on (relative TCP
    sequence numbers, IP reassembly) and, with ``load_lua_plugin``, load
    ``proxyproto.lua`` so its ``proxyproto.*`` fields appear on the packets
    (``packet.proxyproto``) and can be used in ``display_filter``.
    """
    options: dict[str, Any] = {
        "override_prefs": dict(pref.split(":", 1) for pref in PREFS),
    }
    if load_lua_plugin:
        options["custom_parameters"] = lua_args()
    return options


def open_file_capture(
    path: str | os.PathLike[str],
    *,
    load_lua_plugin: bool = False,
    use_json: bool = False,
    tshark_path: str | None = None,
    **kwargs: Any,
) -> Any:
    """A ``pyshark.FileCapture`` set up for `Dissector` (see `pyshark_options`).

    Extra keyword arguments go to ``FileCapture`` (``display_filter``, …).
    """
    import pyshark

    options = pyshark_options(load_lua_plugin=load_lua_plugin)
    options.update(kwargs)
    return pyshark.FileCapture(
        str(path),
        keep_packets=False,
        use_json=use_json,
        tshark_path=find_tshark(tshark_path),
        **options,
    )


def dissect_live(
    interface: str,
    *,
    count: int | None = None,
    timeout: float | None = None,
    bpf_filter: str | None = None,
    display_filter: str | None = None,
    load_lua_plugin: bool = False,
    tshark_path: str | None = None,
    max_header_size: int | None = None,
    verify_crc: bool = True,
    on_finding: Callable[[Finding], None] | None = None,
) -> Report:
    """Capture on a network interface and dissect, until a bound or Ctrl-C.

    Stops after ``count`` packets, after ``timeout`` seconds, or on Ctrl-C
    (SIGINT, when called from the main thread), whichever comes first; what
    tshark captured up to then is still read and reported, and no tshark or
    dumpcap is left running. This is `LiveDissection` (what ``proxyproto
    live`` runs) with a Ctrl-C handler around it; for pyshark packets of
    your own, feed a ``pyshark.LiveCapture`` to a `Dissector`. Capturing
    needs the rights tshark/dumpcap needs.

    Args:
        interface: The interface name (``lo``, ``eth0``, …).
        count: Stop after this many captured packets.
        timeout: Stop after this many seconds.
        bpf_filter: A capture filter (``"tcp port 443 or udp"``).
        display_filter: A display filter applied to packets as they are
            captured (the packets it drops are not seen).
        load_lua_plugin: Load ``proxyproto.lua`` (automatic when the display
            filter names its fields).
        tshark_path: The tshark to run.
        max_header_size: The longest header accepted (default 65551).
        verify_crc: ``False`` reports CRC32C mismatches without failing the header.
        on_finding: Called with each finding as soon as it is complete.

    Returns:
        A `Report` with every finding.

    Raises:
        CaptureError: The interface does not exist or cannot be captured on.
        TsharkNotFoundError: tshark is missing.
    """
    run = LiveDissection(
        interface,
        count=count,
        timeout=timeout,
        bpf_filter=bpf_filter,
        display_filter=display_filter,
        load_lua_plugin=load_lua_plugin,
        tshark_path=tshark_path,
        max_header_size=max_header_size,
        verify_crc=verify_crc,
    )
    main = threading.current_thread() is threading.main_thread()
    saved = signal.signal(signal.SIGINT, lambda _sig, _frame: run.stop()) if main else None
    try:
        for finding in run:
            if on_finding is not None:
                on_finding(finding)
    finally:
        if main:
            signal.signal(signal.SIGINT, saved)
    return run.report
