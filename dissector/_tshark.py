"""The fast path: dissect a capture file with one streamed ``tshark -T fields`` run.

Owns the tshark command line, the pre-selection display filter, reading
tshark's output into `._engine`, tshark's errors and the progress poller.
It does not decide where headers are (`._engine` does) and knows nothing of
pyshark (`._dissector`).

Why it is fast (measured in ``tests/bench_dissect.py``): pyshark's PDML mode
parses XML for every field of every packet (~600 packets/s). Here tshark
prints only the ~17 fields the engine needs, and a display filter keeps only
the packets that can matter:

* TCP packets with SYN, FIN or RST;
* TCP segments at the very start of a byte stream (relative ``tcp.seq`` 1)
  whose first byte can begin a PROXY signature (``P`` or ``\\r``): any other
  first byte means the stream carries no header;
* TCP segments that start within the first `HORIZON` bytes of a stream
  (headers split over several segments, stacked headers);
* every UDP datagram (the first one of a flow decides SPP; replies count).

The engine's decisions only depend on those packets, except for a stream
whose header runs past `HORIZON` (rare: a v2 header with a client
certificate). The moment the engine sees one (at frame N, the header still
open at the horizon), the first pass stops and a second one reads the file
again (tshark cannot seek) with a filter whose size does not depend on the
capture: frames after N as a full scan would (`continuation`), and up to N
only the streams then still open,
which are read again from their start (`Engine.replay`). So the result is a
full scan's, and the cost is never much more than a full scan's: the part
up to N is dissected once more but printed only for those few streams.
Findings from the second pass come after the others.

A display filter never joins these passes (it would drop packets a header
needs): it runs in a tshark of its own beside them (`_FilterPass`), which
says which findings to report. ``-`` reads the capture from standard input,
in one pass without pre-selection.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal

from proxyproto_kaitai._wire import SPP_MAGIC, V1_MAGIC, V2_SIGNATURE

from ._engine import DissectorError, Engine
from ._findings import Finding, Report
from ._spp_rule import SppRule

__all__ = [
    "FIELDS",
    "HORIZON",
    "CaptureError",
    "FileDissection",
    "TsharkNotFoundError",
    "continuation",
    "dissect_file",
    "find_tshark",
    "lua_plugin_path",
    "prefilter",
    "stream_set",
]

#: TCP segments starting this many bytes or more into a stream are left out of
#: the first pass (a header longer than this triggers a second pass).
HORIZON = 1024

#: The fields printed by tshark, in column order.
FIELDS = (
    "frame.number",
    "frame.protocols",
    "ip.src",
    "ip.dst",
    "ipv6.src",
    "ipv6.dst",
    "tcp.stream",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.seq",
    "tcp.flags",
    "tcp.len",
    "tcp.payload",
    "udp.stream",
    "udp.srcport",
    "udp.dstport",
    "udp.length",
    "udp.payload",
    "tcp.seq_raw",
)

_COLUMNS = len(FIELDS)

#: Preferences the engine relies on, forced whatever the user's profile says.
PREFS = (
    "tcp.analyze_sequence_numbers:TRUE",
    "tcp.relative_sequence_numbers:TRUE",
    "ip.defragment:TRUE",
    "ipv6.defragment:TRUE",
)

#: The fast path also skips tshark's own TCP reassembly (the engine does its
#: own), unless the Lua plugin is loaded: it needs it for split headers.
FAST_PREFS = ("tcp.desegment_tcp_streams:FALSE",)

_NOT_ICMP = "not icmp and not icmpv6"

INSTALL_HINT = (
    "install Wireshark's command-line tools (Debian/Ubuntu: apt-get install tshark; "
    "Fedora: dnf install wireshark-cli; macOS: brew install wireshark) "
    "or give the path to tshark"
)

# Capture file formats (not PROXY protocol bytes): the pcap magic numbers,
# as written little- and big-endian (microsecond and nanosecond variants),
# and pcapng's Section Header Block type and byte-order magic.
_PCAP_LE = (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1")
_PCAP_BE = (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d")
_PCAPNG_SHB = b"\x0a\x0d\x0d\x0a"
_PCAPNG_LE = b"\x4d\x3c\x2b\x1a"

# Link-layer types (pcap LINKTYPE_*) that cannot carry IP, by number: a
# capture whose every interface has one of these is refused up front.
_NON_IP_LINKTYPES = {
    147: "USER0",
    148: "USER1",
    149: "USER2",
    150: "USER3",
    151: "USER4",
    152: "USER5",
    153: "USER6",
    154: "USER7",
    155: "USER8",
    156: "USER9",
    157: "USER10",
    158: "USER11",
    159: "USER12",
    160: "USER13",
    161: "USER14",
    162: "USER15",
    187: "BLUETOOTH_HCI_H4",
    189: "USB_LINUX",
    195: "IEEE802_15_4_WITHFCS",
    201: "BLUETOOTH_HCI_H4_WITH_PHDR",
    220: "USB_LINUX_MMAPPED",
    227: "CAN_SOCKETCAN",
    249: "USBPCAP",
    251: "BLUETOOTH_LE_LL",
    254: "BLUETOOTH_LINUX_MONITOR",
    256: "BLUETOOTH_LE_LL_WITH_PHDR",
    266: "DBUS",
}


class CaptureError(Exception):
    """The capture cannot be read at all (missing, not a capture, no IP in it)."""


class TsharkNotFoundError(CaptureError):
    """tshark is not installed (or not where we were told)."""


def find_tshark(tshark_path: str | os.PathLike[str] | None = None) -> str:
    """Return the tshark executable to run.

    Args:
        tshark_path: An explicit path; else ``$PROXYPROTO_TSHARK``; else ``tshark``
            on ``PATH``.

    Raises:
        TsharkNotFoundError: With a hint on how to install it.
    """
    chosen = tshark_path or os.environ.get("PROXYPROTO_TSHARK")
    if chosen:
        path = Path(chosen)
        if path.is_file() and os.access(path, os.X_OK):
            return str(path)
        raise TsharkNotFoundError(f"tshark not found at {chosen}: {INSTALL_HINT}")
    found = shutil.which("tshark")
    if found is None:
        raise TsharkNotFoundError(f"tshark not found on PATH: {INSTALL_HINT}")
    return found


def lua_plugin_path() -> Path:
    """The Wireshark plugin shipped with the package (``dissector/proxyproto.lua``).

    Raises:
        DissectorError: The file is missing from this installation.
    """
    path = Path(str(resources.files("proxyproto_kaitai.dissector") / "proxyproto.lua"))
    if not path.is_file():
        raise DissectorError(f"the Wireshark plugin is not installed: {path} is missing")
    return path


def lua_args() -> list[str]:
    """The tshark arguments that load `lua_plugin_path`."""
    return ["-X", f"lua_script:{lua_plugin_path()}"]


def prefilter(horizon: int = HORIZON) -> str:
    """The display filter that keeps only the packets the engine can use."""
    v1, v2 = V1_MAGIC[0], V2_SIGNATURE[0]  # "P" and "\r": the byte a header starts with
    tcp = (
        "(tcp.flags & 0x007) or (tcp.len > 0 and ((tcp.seq == 1 and "
        f"(tcp.payload[0] == {v1:02x} or tcp.payload[0] == {v2:02x})) or "
        f"(tcp.seq > 1 and tcp.seq <= {horizon})))"
    )
    return f"{_NOT_ICMP} and ({tcp} or udp)"


def stream_set(streams: set[int], limit: int = 64) -> str:
    """``tcp.stream in {…}`` with at most ``limit`` ranges, whatever ``len(streams)``.

    Runs of consecutive ids become ``a..b``; past ``limit`` runs, the
    smallest gaps are closed, so the set may hold streams not asked for
    (the reader skips them).
    """
    ids = sorted(streams)
    runs: list[list[int]] = []
    for i in ids:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    if len(runs) > limit:
        gaps = sorted(range(1, len(runs)), key=lambda k: runs[k][0] - runs[k - 1][1])
        keep = sorted(gaps[len(runs) - limit :])  # the largest gaps stay gaps
        merged, start = [], 0
        for k in [*keep, len(runs)]:
            merged.append([runs[start][0], runs[k - 1][1]])
            start = k
        runs = merged
    items = ", ".join(str(a) if a == b else f"{a}..{b}" for a, b in runs)
    return f"tcp.stream in {{{items}}}"


def continuation(after: int, replay: set[int]) -> str:
    """The second pass's filter: a full scan after frame ``after``, ``replay`` up to it.

    Past ``after`` it keeps every TCP and UDP packet (as ``--full-scan``);
    up to ``after``, every packet of the ``replay`` streams that can matter
    (SYN/FIN/RST or data). Its length is bounded (`stream_set`).
    """
    later = f"frame.number > {after} and (tcp or udp)"
    if not replay:
        return f"{_NOT_ICMP} and {later}"
    earlier = (
        f"frame.number <= {after} and {stream_set(replay)} and ((tcp.flags & 0x007) or tcp.len > 0)"
    )
    return f"{_NOT_ICMP} and (({later}) or ({earlier}))"


def _combine(user: str | None, ours: str) -> str:
    return ours if not user else f"({user}) and ({ours})"


def _linktypes(path: Path) -> set[int] | None:
    """Link-layer types of a pcap or pcapng file, or ``None`` if it is neither."""
    try:
        with path.open("rb") as f:
            head = f.read(1 << 16)
    except OSError:
        return None
    if len(head) >= 24 and head[:4] in _PCAP_LE:
        return {int.from_bytes(head[20:24], "little") & 0x0FFFFFFF}
    if len(head) >= 24 and head[:4] in _PCAP_BE:
        return {int.from_bytes(head[20:24], "big") & 0x0FFFFFFF}
    if head[:4] != _PCAPNG_SHB or len(head) < 12:
        return None
    order: Literal["little", "big"] = "little" if head[8:12] == _PCAPNG_LE else "big"
    types: set[int] = set()
    pos = 0
    while pos + 12 <= len(head):
        btype = int.from_bytes(head[pos : pos + 4], order)
        blen = int.from_bytes(head[pos + 4 : pos + 8], order)
        if blen < 12:
            return None
        if btype == 1:  # Interface Description Block
            types.add(int.from_bytes(head[pos + 8 : pos + 10], order))
        elif btype in (2, 3, 6):  # packets: every interface is described before
            break
        pos += blen
    return types or None


def _check_capture(path: Path) -> None:
    if not path.exists():
        raise CaptureError(f"{path}: no such file")
    if path.is_dir():
        raise CaptureError(f"{path}: is a directory, not a capture file")
    if not os.access(path, os.R_OK):
        raise CaptureError(f"{path}: permission denied")
    if path.stat().st_size == 0:
        raise CaptureError(f"{path}: empty file, not a capture")
    types = _linktypes(path)
    if types and all(t in _NON_IP_LINKTYPES for t in types):
        names = ", ".join(f"{_NON_IP_LINKTYPES[t]} ({t})" for t in sorted(types))
        raise CaptureError(
            f"{path}: link-layer type {names} carries no IP packets: nothing to dissect"
        )


def _tshark_message(stderr: str) -> str:
    lines = [
        line.strip()
        for line in stderr.splitlines()
        if line.strip() and not line.startswith("Running as user")
    ]
    if not lines:
        return ""
    first = re.sub(r'^The file ".*" ', "the file ", lines[0].removeprefix("tshark: "))
    if len(lines) == 1:
        return first
    return f"{first.removesuffix('.')} {' '.join(lines[1:])}"


# Messages tshark prints when it stops in the middle of a file it could start.
_DAMAGE = ("cut short", "damaged or corrupt", "bad record", "can't be read", "read error")


# How long the main thread sleeps at a time while it waits for a thread of ours.
_JOIN_SLICE = 0.05


def join_thread(thread: threading.Thread, timeout: float | None = None) -> None:
    """``thread.join(timeout)``, slept in short slices.

    A signal with a Python handler runs on the main thread only, and only
    when it runs Python code. A process that has used pyshark keeps one for
    SIGCHLD (asyncio's SafeChildWatcher, installed with SA_RESTART): a main
    thread asleep in one long join, a wait that the kernel restarts, never
    runs it, and Python 3.11 then lets a thread under a C tracer (coverage, a
    profiler) spin on the pending signal without making progress; if the main
    thread is waiting for that very thread, forever.
    """
    end = None if timeout is None else time.monotonic() + timeout
    while thread.is_alive():
        left = _JOIN_SLICE if end is None else min(_JOIN_SLICE, end - time.monotonic())
        if left <= 0:
            return
        thread.join(left)


class _Progress(threading.Thread):
    """Polls how far tshark has read the file (Linux ``/proc``) for a callback."""

    def __init__(self, pid: int, path: Path, callback: Callable[[float | None], None]) -> None:
        super().__init__(daemon=True)
        self._pid = pid
        self._path = str(path.resolve())
        self._size = max(path.stat().st_size, 1)
        self._callback = callback
        self._stop_event = threading.Event()

    def stop(self) -> None:
        self._stop_event.set()
        join_thread(self)

    def _fd(self) -> str | None:
        fd_dir = Path(f"/proc/{self._pid}/fd")
        try:
            for entry in fd_dir.iterdir():
                try:
                    if os.readlink(entry) == self._path:
                        return entry.name
                except OSError:
                    continue
        except OSError:
            return None
        return None

    def run(self) -> None:
        fd: str | None = None
        while not self._stop_event.wait(0.2):
            fraction: float | None = None
            if fd is None:
                fd = self._fd()
            if fd is not None:
                try:
                    info = Path(f"/proc/{self._pid}/fdinfo/{fd}").read_text()
                    pos = int(info.split("pos:", 1)[1].split()[0])
                    fraction = min(pos / self._size, 1.0)
                except (OSError, IndexError, ValueError):
                    fraction = 1.0  # tshark has closed the file: it read all of it
            self._callback(fraction)


class FileDissection:
    """Iterating over it runs tshark and yields each `Finding` as it completes.

    After the iteration, `report` holds every finding and the per-flow
    summaries, both in capture order (by frame); if tshark stopped early on
    a damaged file, `Report.damage` says why, and everything read before
    that point is still in the report.
    Built by `dissect_file` or directly, with the same arguments.

    Raises (when iterated):
        CaptureError: The file cannot be read at all.
        TsharkNotFoundError: tshark is missing.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        display_filter: str | None = None,
        load_lua_plugin: bool = False,
        prefilter: bool = True,
        tshark_path: str | os.PathLike[str] | None = None,
        max_header_size: int | None = None,
        verify_crc: bool = True,
        max_stack: int | None = None,
        progress: Callable[[float | None], None] | None = None,
        keep_findings: bool = True,
        spp_rule: SppRule | None = None,
    ) -> None:
        self.path = Path(path)
        #: ``-``: the capture comes on standard input (``tcpdump -w - | …``).
        self.stdin = str(path) == "-"
        self.name = "standard input" if self.stdin else str(path)
        self.display_filter = display_filter
        self.load_lua_plugin = load_lua_plugin
        self.prefilter = prefilter
        self.tshark_path = tshark_path
        self.progress = progress
        self.keep_findings = keep_findings
        kwargs: dict[str, Any] = {"spp_rule": spp_rule}
        if max_header_size is not None:
            kwargs["max_header_size"] = max_header_size
        if max_stack is not None:
            kwargs["max_stack"] = max_stack
        self.engine = Engine(verify_crc=verify_crc, **kwargs)
        self.report = Report(flows=self.engine.reports)
        self.commands: list[list[str]] = []
        self._matcher: _FilterPass | None = None
        self._proc: subprocess.Popen[bytes] | None = None  # the pass running now

    def command(self, display_filter: str, *, first_frame: bool = False) -> list[str]:
        """The tshark command line of one pass (the capture's own fields, no Lua).

        ``first_frame`` also prints frame 1 whatever the filter, so that the
        reader can tell a file that is not a capture.
        """
        cmd = [find_tshark(self.tshark_path), "-n", "-r", "-" if self.stdin else str(self.path)]
        for pref in PREFS + FAST_PREFS:
            cmd += ["-o", pref]
        # tshark also reads files that are not captures, as media: a MIME file
        # (PNG, a pcapng cut in its section header, …), MP4 (some text). The
        # first frame is always printed so that the reader can tell.
        shown = display_filter
        if first_frame:
            shown = f"({display_filter}) or (frame.number == 1 and {_NOT_ICMP})"
        cmd += ["-Y", shown, "-T", "fields", "-E", "occurrence=l"]
        for name in FIELDS:
            cmd += ["-e", name]
        return cmd

    def filter_command(self) -> list[str]:
        """The tshark command line that finds what the user's display filter matches.

        It prints the frame number and stream of every matching TCP packet and
        of every matching UDP datagram that may start with a header; the Lua
        plugin is loaded when asked for or when the filter names it (with TCP
        reassembly on, which the plugin needs for split headers).
        """
        user = str(self.display_filter)
        cmd = [find_tshark(self.tshark_path), "-n", "-r", str(self.path)]
        for pref in PREFS:
            cmd += ["-o", pref]
        if self.load_lua_plugin or _NAMES_PLUGIN.search(user):
            cmd += lua_args()
        v2, spp = V2_SIGNATURE[0], SPP_MAGIC[0]
        anchors = f"tcp or (udp and (udp.payload[0] == {v2:02x} or udp.payload[0] == {spp:02x}))"
        cmd += ["-Y", f"({user}) and ({anchors})", "-T", "fields", "-E", "occurrence=l"]
        for name in ("frame.number", "tcp.stream", "udp.stream"):
            cmd += ["-e", name]
        return cmd

    def __iter__(self) -> Iterator[Finding]:
        find_tshark(self.tshark_path)
        if self.stdin and self.display_filter:
            # The filter needs a pass of its own over the same packets, and a
            # pipe can be read once: keep a copy.
            with tempfile.NamedTemporaryFile(prefix="proxyproto-", suffix=".pcap") as copy:
                shutil.copyfileobj(sys.stdin.buffer, copy)
                copy.flush()
                self.path, self.stdin = Path(copy.name), False
                try:
                    yield from self
                except CaptureError as exc:  # name the input, not the copy
                    raise type(exc)(str(exc).replace(copy.name, self.name)) from exc
                finally:
                    self.path, self.stdin = Path("-"), True
            return
        if not self.stdin:
            _check_capture(self.path)
        matcher = self._matcher = _FilterPass(self) if self.display_filter else None
        try:
            if matcher is None:
                yield from self._dissect()
            else:
                # What the filter matches is only known at the end: findings wait.
                found = list(self._dissect())
                kept = matcher.select(found, self.report, self.engine.aliases)
                if self.keep_findings:
                    self.report.findings[:] = kept
                yield from kept
        finally:
            if matcher is not None:
                matcher.stop()
        # Iteration yields findings as they complete; the report lists them in
        # capture order, whatever pass found them.
        self.report.findings.sort(key=lambda f: (f.frame, f.stack))
        self.report.flows.sort(key=lambda r: r.first.frame)

    def _dissect(self) -> Iterator[Finding]:
        """The capture's passes, without the user's display filter."""
        engine = self.engine
        fast = self.prefilter and not self.stdin  # a pipe cannot be read twice
        if fast:
            engine.horizon = HORIZON
            first = prefilter(HORIZON)
        else:
            first = f"{_NOT_ICMP} and (tcp or udp)"
        stop = yield from self._pass(first, stop_on_deferral=fast)
        if stop is not None:
            # A header runs past the horizon: read on as a full scan would.
            replay = engine.deferred | engine.live_streams()
            engine.replay(replay)
            yield from self._pass(continuation(stop, replay), upto=stop, only=replay)
        engine.finish()
        yield from self._drain()

    def _drain(self) -> Iterator[Finding]:
        out = self.engine.out
        if out:
            if self.keep_findings:
                self.report.findings.extend(out)
            yield from out
            out.clear()

    def _pass(
        self,
        display_filter: str,
        *,
        stop_on_deferral: bool = False,
        upto: int = 0,
        only: set[int] | None = None,
    ) -> Generator[Finding, None, int | None]:
        """One tshark run; returns the frame it stopped after (a deferral) or ``None``."""
        cmd = self.command(display_filter, first_frame=True)
        self.commands.append(cmd)
        self.report.passes += 1
        with tempfile.TemporaryFile(mode="w+b") as errfile:
            try:
                proc = subprocess.Popen(
                    cmd,
                    stdin=subprocess.PIPE if self.stdin else subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=errfile,
                    bufsize=1 << 16,
                )
            except OSError as exc:
                raise _exec_error(cmd[0], exc) from exc
            self._proc = proc
            pump = _Pump(proc) if self.stdin else None
            poller = None
            if self.progress is not None and not self.stdin:
                poller = _Progress(proc.pid, self.path, self.progress)
                poller.start()
            try:
                assert proc.stdout is not None
                stop = yield from self._read(proc.stdout, stop_on_deferral, upto, only)
                if stop is not None:
                    return stop  # tshark is killed below: what it would say is moot
                rc = proc.wait()
                if self._matcher is not None and self._matcher.error is not None:
                    raise self._matcher.error  # it ended this pass: the filter is bad
                if pump is not None and pump.wait() == 0:
                    raise CaptureError(f"{self.name}: empty, not a capture")
            finally:
                if poller is not None:
                    poller.stop()
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
                if proc.stdout is not None:
                    proc.stdout.close()
            errfile.seek(0)
            stderr = errfile.read().decode("utf-8", "replace")
        if rc != 0:
            message = _tshark_message(stderr) or f"tshark exited with status {rc}"
            if any(word in message for word in _DAMAGE):
                if self.report.damage is None:
                    self.report.damage = message
                return None
            raise CaptureError(f"{self.name}: {message}")
        return None

    def _check_display_filter(self) -> None:
        """Raise a clear error if the user's display filter is what tshark refused."""
        cmd = [find_tshark(self.tshark_path), "-n", "-r", str(self.path), "-c", "1"]
        if self.load_lua_plugin or _NAMES_PLUGIN.search(str(self.display_filter)):
            cmd += lua_args()
        cmd += ["-Y", str(self.display_filter), "-T", "fields", "-e", "frame.number"]
        done = subprocess.run(cmd, capture_output=True, stdin=subprocess.DEVNULL, check=False)
        if done.returncode != 0:
            lines = [  # the first line says what is wrong; tshark then echoes the filter
                line.strip().removeprefix("tshark: ")
                for line in done.stderr.decode("utf-8", "replace").splitlines()
                if line.strip() and not line.startswith("Running as user")
            ]
            why = lines[0] if lines else f"tshark exited with status {done.returncode}"
            raise CaptureError(f"bad display filter {self.display_filter!r}: {why}")

    def _read(
        self,
        stdout: IO[bytes],
        stop_on_deferral: bool = False,
        upto: int = 0,
        only: set[int] | None = None,
    ) -> Generator[Finding, None, int | None]:
        """Feed tshark's lines to the engine; yield findings as they complete.

        With ``stop_on_deferral``, return the frame after which the engine
        deferred a stream (the caller then reads on without the
        pre-selection). Up to frame ``upto``, only TCP streams in ``only``
        are fed (the rest was read before).
        """
        engine = self.engine
        tcp, udp = engine.tcp, engine.udp
        out = engine.out
        deferred = engine.deferred
        keep = self.report.findings if self.keep_findings else None
        fromhex = bytes.fromhex
        for raw in stdout:
            cols = raw.decode("ascii", "replace").rstrip("\r\n").split("\t")
            if len(cols) != _COLUMNS:
                continue
            if cols[0] == "1" and (not cols[1] or cols[1].startswith("mime_dlt")):
                raise CaptureError(f"{self.name}: not a capture file ({_media(cols[1])})")
            if upto and _earlier_elsewhere(cols, upto, only):
                continue
            src, dst = cols[2], cols[3]
            if cols[4] and (not src or cols[1].rfind(":ipv6") > cols[1].rfind(":ip:")):
                src, dst = cols[4], cols[5]
            if not src:
                continue
            is_tcp = bool(cols[6])
            if is_tcp and cols[13]:  # tunnelled: the innermost transport wins
                is_tcp = cols[1].rfind(":tcp") > cols[1].rfind(":udp")
            try:
                if is_tcp:
                    tcp(
                        int(cols[0]),
                        int(cols[6]),
                        src,
                        int(cols[7]),
                        dst,
                        int(cols[8]),
                        int(cols[9]),
                        int(cols[10], 16),
                        int(cols[11]),
                        fromhex(cols[12]),
                        int(cols[18]) if cols[18] else None,
                    )
                elif cols[13]:
                    udp(
                        int(cols[0]),
                        int(cols[13]),
                        src,
                        int(cols[14]),
                        dst,
                        int(cols[15]),
                        max(int(cols[16]) - 8, 0),
                        fromhex(cols[17]),
                    )
            except ValueError:
                continue  # a field tshark could not fill (a malformed packet)
            if out:
                if keep is not None:
                    keep.extend(out)
                yield from out
                out.clear()
            if stop_on_deferral and deferred:
                return int(cols[0])
        return None


# The Lua plugin's protocol names, as words of a display filter.
_NAMES_PLUGIN = re.compile(r"(?<![\w.])proxyproto(?:_track)?(?![\w])")


def _exec_error(program: str, exc: OSError) -> CaptureError:
    """Why tshark could not be started: missing (with the install hint) or else."""
    if exc.errno in (errno.ENOENT, errno.EACCES, errno.ENOEXEC):
        return TsharkNotFoundError(f"cannot run {program}: {exc.strerror}; {INSTALL_HINT}")
    return CaptureError(f"cannot run {program}: {exc.strerror or exc}")


class _Pump(threading.Thread):
    """Copies our standard input to tshark's, counting the bytes (tshark takes none as fine).

    A daemon thread: if tshark stops early while the producer keeps writing,
    nobody waits for it.
    """

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        super().__init__(daemon=True)
        self._proc = proc
        self.copied = 0
        self.start()

    def run(self) -> None:
        sink = self._proc.stdin
        assert sink is not None
        try:
            while chunk := os.read(sys.stdin.fileno(), 1 << 16):
                sink.write(chunk)
                self.copied += len(chunk)
        except (OSError, ValueError):
            pass  # tshark stopped reading (an error, or killed): it says why
        finally:
            with contextlib.suppress(OSError):
                sink.close()

    def wait(self) -> int:
        """Wait for the copy to end; return how many bytes went through."""
        join_thread(self)
        return self.copied


class _FilterPass:
    """The user's display filter, run by its own tshark beside the dissection.

    The dissection reads every packet it needs, whatever the filter (so a
    filter never changes what is reassembled or how a header is read); this
    pass only tells which findings to report: a TCP header when the filter
    matches any packet of its connection, a UDP header when it matches the
    datagram that carried it.
    """

    def __init__(self, run: FileDissection) -> None:
        self.run = run
        self.cmd = run.filter_command()
        run.commands.append(self.cmd)
        self.tcp_streams: set[int] = set()
        self.udp_frames: set[int] = set()
        self.error: CaptureError | None = None
        self._stopping = False
        self._errfile = tempfile.TemporaryFile(mode="w+b")  # noqa: SIM115 - closed in stop()
        try:
            self.proc = subprocess.Popen(
                self.cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=self._errfile,
                bufsize=1 << 16,
            )
        except OSError as exc:
            self._errfile.close()
            raise _exec_error(self.cmd[0], exc) from exc
        self.thread = threading.Thread(target=self._collect, daemon=True)
        self.thread.start()

    def _collect(self) -> None:
        assert self.proc.stdout is not None
        tcp, udp = self.tcp_streams, self.udp_frames
        for raw in self.proc.stdout:
            cols = raw.decode("ascii", "replace").rstrip("\r\n").split("\t")
            if len(cols) != 3:
                continue
            frame, tcp_stream, udp_stream = cols
            try:
                if tcp_stream:
                    tcp.add(int(tcp_stream))
                elif udp_stream:
                    udp.add(int(frame))
            except ValueError:
                continue
        rc = self.proc.wait()
        if rc == 0 or self._stopping:
            return
        self._errfile.seek(0)
        lines = [
            line.strip().removeprefix("tshark: ")
            for line in self._errfile.read().decode("utf-8", "replace").splitlines()
            if line.strip() and not line.startswith("Running as user")
        ]
        first = lines[0] if lines else f"tshark exited with status {rc}"
        if any(word in first for word in _DAMAGE):
            return  # the dissection reports the damage
        try:  # tshark's words on the user's filter alone, not wrapped in ours
            self.run._check_display_filter()
        except CaptureError as exc:
            self.error = exc
        else:
            self.error = CaptureError(f"bad display filter {self.run.display_filter!r}: {first}")
        main = self.run._proc  # no need to read on: stop the dissection too
        if main is not None and main.poll() is None:
            main.kill()

    def select(
        self, found: list[Finding], report: Report, aliases: dict[int, int]
    ) -> list[Finding]:
        """Wait for the pass; the findings it matches (``report.flows`` cut to theirs)."""
        join_thread(self.thread)
        if self.error is not None:
            raise self.error
        streams = self.tcp_streams
        streams |= {old for new, old in aliases.items() if new in streams}
        frames = self.udp_frames

        def wanted(f: Finding) -> bool:
            if f.flow.transport == "tcp":
                return f.stream in streams
            return f.frame in frames

        kept = [f for f in found if wanted(f)]
        flows = {(f.flow.transport, f.stream) for f in kept}
        report.flows[:] = [r for r in report.flows if (r.flow.transport, r.stream) in flows]
        return kept

    def stop(self) -> None:
        """End tshark (if it still runs) and free what the pass holds."""
        self._stopping = True
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        join_thread(self.thread)
        self._errfile.close()


def _media(protocols: str) -> str:
    """What tshark took a file that is not a capture for (its first frame's protocols)."""
    if not protocols.startswith("mime_dlt"):
        return "tshark reads it as media, with no network protocol in it"
    kind = protocols.partition(":")[2].removeprefix("file-") or "unknown"
    cut = ", cut inside its section header" if kind == "pcapng" else ""
    return f"tshark reads it as a MIME file, {kind}{cut}"


def _earlier_elsewhere(cols: list[str], upto: int, only: set[int] | None) -> bool:
    """A line up to frame ``upto`` that is not of a stream in ``only`` (read before)."""
    try:
        if int(cols[0]) > upto:
            return False
        return not cols[6] or only is None or int(cols[6]) not in only
    except ValueError:
        return True


def dissect_file(
    path: str | os.PathLike[str],
    *,
    display_filter: str | None = None,
    load_lua_plugin: bool = False,
    prefilter: bool = True,
    tshark_path: str | os.PathLike[str] | None = None,
    max_header_size: int | None = None,
    verify_crc: bool = True,
    max_stack: int | None = None,
    progress: Callable[[float | None], None] | None = None,
    spp_rule: SppRule | None = None,
) -> Report:
    """Find every PROXY v1, PROXY v2 and SPP header in a capture file.

    Runs ``tshark -T fields`` (see the module docstring for why this is
    ~50x faster than a pyshark loop) and returns when the whole file is read.

    Args:
        path: A pcap or pcapng file (anything tshark reads), or ``"-"`` for
            standard input (read in one pass, as a full scan; kept in a
            temporary file when there is a display filter).
        display_filter: A Wireshark display filter: only the headers it
            matches are reported (a TCP header when it matches any packet of
            the connection, a UDP header when it matches the datagram), read
            exactly as without the filter (e.g. ``"ip.addr == 192.0.2.1"``,
            ``'proxyproto.kind == "v1"'``). It runs in a tshark of its own.
        load_lua_plugin: Load ``proxyproto.lua`` into the display filter's
            tshark, so the filter can use its ``proxyproto.*`` fields (done
            anyway when the filter names ``proxyproto``).
        prefilter: Let tshark drop packets that cannot matter (same result,
            faster). ``False`` reads every TCP and UDP packet.
        tshark_path: The tshark to run (default: ``$PROXYPROTO_TSHARK``, then ``PATH``).
        max_header_size: The longest header accepted (default 65551).
        verify_crc: ``False`` reports CRC32C mismatches without failing the header.
        max_stack: How many stacked headers are read (default 2).
        progress: Called about five times a second with the fraction of the
            file read (``None`` when unknown).
        spp_rule: The rule for finding SPP in UDP flows (default: the shipped
            ``spec/spp_detection.json``; tests add their own address classes).

    Returns:
        A `Report`: the findings, the per-flow summaries and, if tshark hit
        a damaged part of the file, `Report.damage`.

    Raises:
        CaptureError: The file cannot be read at all.
        TsharkNotFoundError: tshark is missing.
        DissectorError: ``load_lua_plugin`` but the plugin is not installed.
    """
    run = FileDissection(
        path,
        display_filter=display_filter,
        load_lua_plugin=load_lua_plugin,
        prefilter=prefilter,
        tshark_path=tshark_path,
        max_header_size=max_header_size,
        verify_crc=verify_crc,
        max_stack=max_stack,
        progress=progress,
        spp_rule=spp_rule,
    )
    for _ in run:
        pass
    return run.report
