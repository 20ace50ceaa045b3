"""Live capture for ``proxyproto live``: tshark on an interface, stopped cleanly.

Owns the live tshark process: its command line, watching it start, and
stopping it so that nothing is left behind. The packets are read exactly as
the file fast path reads them (`FileDissection`'s columns and reader, one
home for that), so a malformed packet is skipped, never the end of the
capture: tshark prints only the ~18 fields the engine needs, and a line that
does not decode or parse is dropped.

Stopping. tshark runs in a session of its own, with ``dumpcap`` (which it
starts) in the same process group, so a Ctrl-C on the terminal reaches only
us. `LiveDissection.stop` (safe to call from a signal handler) sends tshark
SIGTERM: it stops dumpcap, prints the packets it still holds and exits;
reading carries on to the end of its output, so everything captured is
reported. If tshark has not exited `STOP_GRACE` seconds later, the whole
process group is killed. On Linux tshark also gets SIGTERM if this process
dies first (``PR_SET_PDEATHSIG``, set by util-linux's ``setpriv``).

`dissect_live` in `._dissector` runs this with a Ctrl-C handler around it;
the CLI runs it with its own signal handlers.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import IO

from ._findings import Finding, Report
from ._tshark import (
    _NAMES_PLUGIN,
    _NOT_ICMP,
    FAST_PREFS,
    INSTALL_HINT,
    CaptureError,
    FileDissection,
    TsharkNotFoundError,
    _combine,
    _tshark_message,
    join_thread,
    lua_args,
)

__all__ = ["STOP_GRACE", "LiveDissection"]

#: Seconds tshark is given to exit after SIGTERM before its process group is killed.
STOP_GRACE = 5.0

# What tshark prints on stderr once dumpcap is capturing, and other lines
# that are not an error.
_STARTED = b"Capturing on "
_START_CHECK = 0.3
_CHATTER = re.compile(r"(Capturing on |\d+ packets? captured|tshark:\s*$|Running as user)")


def _wait_exit(pid: int, timeout: float | None) -> bool:
    """Wait until the child ``pid`` has exited, without reaping it; ``False`` on timeout."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        flags = os.WEXITED | os.WNOWAIT | (0 if deadline is None else os.WNOHANG)
        try:
            if os.waitid(os.P_PID, pid, flags) is not None:
                return True
        except ChildProcessError:  # already reaped
            return True
        if deadline is not None and time.monotonic() >= deadline:
            return False
        threading.Event().wait(0.02)


@functools.cache
def _parent_death_prefix() -> tuple[str, ...]:
    """util-linux's ``setpriv --pdeathsig TERM --``, where it has that option.

    The child then gets SIGTERM when the thread that started it dies
    (``PR_SET_PDEATHSIG``, Linux), set between fork and exec by ``setpriv``
    itself: a Python ``preexec_fn`` could deadlock in a process with threads.
    """
    setpriv = shutil.which("setpriv") if sys.platform == "linux" else None
    if setpriv is None:
        return ()
    try:
        usage = subprocess.run(
            [setpriv, "--help"], capture_output=True, text=True, timeout=5, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    return (setpriv, "--pdeathsig", "TERM", "--") if "--pdeathsig" in usage else ()


class LiveDissection:
    """Iterating over it captures on an interface and yields each `Finding`.

    The capture ends after ``count`` packets, after ``timeout`` seconds, when
    `stop` is called (from a signal handler, another thread), or when tshark
    fails. Then the headers left incomplete are reported, as at the end of
    a file, and `report` holds everything found.

    Args:
        interface: The interface name (``lo``, ``eth0``, …).
        count: Stop after this many packets.
        timeout: Stop after this many seconds (whole seconds, rounded up).
        bpf_filter: A capture filter (``"tcp port 443 or udp"``).
        display_filter: A Wireshark display filter applied to the packets as
            they are captured (unlike a capture file's, where it selects what
            is reported): the packets it drops are not seen at all.
        load_lua_plugin: Load ``proxyproto.lua`` (automatic when the display
            filter names it, e.g. ``proxyproto.kind == "v1"``).
        tshark_path: The tshark to run.
        max_header_size: The longest header accepted (default 65551).
        verify_crc: ``False`` reports CRC32C mismatches without failing the header.
        max_stack: How many stacked headers are read (default 2).
        keep_findings: Keep every finding in `report` (else only the flows).
        on_start: Called once tshark says it is capturing.

    Raises (when iterated):
        CaptureError: tshark could not capture (no such interface, no rights).
        TsharkNotFoundError: tshark is missing.
    """

    def __init__(
        self,
        interface: str,
        *,
        count: int | None = None,
        timeout: float | None = None,
        bpf_filter: str | None = None,
        display_filter: str | None = None,
        load_lua_plugin: bool = False,
        tshark_path: str | os.PathLike[str] | None = None,
        max_header_size: int | None = None,
        verify_crc: bool = True,
        max_stack: int | None = None,
        keep_findings: bool = True,
        on_start: Callable[[], None] | None = None,
    ) -> None:
        self.interface = interface
        self.count = count
        self.timeout = timeout
        self.bpf_filter = bpf_filter
        self.display_filter = display_filter
        self.load_lua_plugin = load_lua_plugin
        self.on_start = on_start
        # The file fast path's reader and engine; its path is never read.
        self._reader = FileDissection(
            os.devnull,
            prefilter=False,
            tshark_path=tshark_path,
            max_header_size=max_header_size,
            verify_crc=verify_crc,
            max_stack=max_stack,
            keep_findings=keep_findings,
        )
        self.report: Report = self._reader.report
        self.stopped = False
        self.started = threading.Event()
        self._proc: subprocess.Popen[bytes] | None = None
        self._killer: threading.Timer | None = None
        self._exited = False
        self._stderr: collections.deque[bytes] = collections.deque(maxlen=50)

    def command(self) -> list[str]:
        """The tshark command line."""
        cmd = self._reader.command(_combine(self.display_filter, f"{_NOT_ICMP} and (tcp or udp)"))
        if self.load_lua_plugin or _NAMES_PLUGIN.search(self.display_filter or ""):
            # The plugin's fields for the filter; it reads split headers
            # through tshark's own reassembly, so that stays on.
            for pref in FAST_PREFS:
                at = cmd.index(pref)
                del cmd[at - 1 : at + 1]
            at = cmd.index("-Y")
            cmd[at:at] = lua_args()
        at = cmd.index("-r")
        live = ["-i", self.interface, "-l"]
        if self.bpf_filter:
            live += ["-f", self.bpf_filter]
        if self.count:
            live += ["-c", str(self.count)]
        if self.timeout is not None:
            live += ["-a", f"duration:{max(1, math.ceil(self.timeout))}"]
        cmd[at : at + 2] = live
        return cmd

    def stop(self) -> None:
        """End the capture: tshark is told to stop; what it captured is still read.

        Safe to call from a signal handler or another thread, and more than once.
        """
        self.stopped = True
        proc = self._proc
        if proc is None or self._exited:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGTERM)
        if self._killer is None:
            self._killer = threading.Timer(STOP_GRACE, self._kill_group, (proc,))
            self._killer.daemon = True
            self._killer.start()

    @staticmethod
    def _kill_group(proc: subprocess.Popen[bytes]) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)

    def _watch_stderr(self, proc: subprocess.Popen[bytes], stream: IO[bytes]) -> None:
        for line in stream:
            self._stderr.append(line)
            # tshark says it is capturing before dumpcap has opened the
            # interface and compiled the capture filter: give a failure time to show.
            if (
                not self.started.is_set()
                and line.startswith(_STARTED)
                and not _wait_exit(proc.pid, _START_CHECK)
            ):
                self.started.set()
                if self.on_start is not None:
                    self.on_start()

    def _end(self, proc: subprocess.Popen[bytes], *, early: bool) -> int:
        """Wait for tshark to exit (stopping it if need be), clear its group, reap it.

        It is reaped last: until then its process (group) id cannot be given
        to another process, so killing the group never hits a stranger.
        """
        if early:  # the consumer went away before the end of the capture
            self.stop()
        if not _wait_exit(proc.pid, STOP_GRACE):
            self.stop()
            if not _wait_exit(proc.pid, STOP_GRACE):
                self._kill_group(proc)
                _wait_exit(proc.pid, None)
        self._exited = True  # from here on stop() leaves it alone: it is about to be reaped
        killer = self._killer
        if killer is not None:
            killer.cancel()
            join_thread(killer)
        self._kill_group(proc)  # a dumpcap that tshark left behind
        return proc.wait()

    def _error(self, rc: int) -> CaptureError:
        """Why tshark failed, in one line."""
        lines = b"".join(self._stderr).decode("utf-8", "replace").splitlines()
        kept = [line for line in lines if not _CHATTER.match(line.strip())]
        message = _tshark_message("\n".join(kept)) or f"tshark exited with status {rc}"
        lower = message.lower()
        if "no such device" in lower or "there is no device" in lower:
            return CaptureError(f"no such interface: {self.interface}")
        if "invalid capture filter" in lower:
            reason = message.partition("(")[2].partition(")")[0] or message
            return CaptureError(f"bad capture filter {self.bpf_filter!r}: {reason}")
        if self.display_filter and not self.started.is_set() and "tshark: " not in message:
            reason = message.partition(" (")[0]
            return CaptureError(f"bad display filter {self.display_filter!r}: {reason}")
        return CaptureError(f"capture on {self.interface} failed: {message}")

    def __iter__(self) -> Iterator[Finding]:
        cmd = self.command()
        try:
            proc = subprocess.Popen(
                [*_parent_death_prefix(), *cmd],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as exc:
            raise TsharkNotFoundError(f"cannot run {cmd[0]}: {exc}; {INSTALL_HINT}") from exc
        self._proc = proc
        assert proc.stdout is not None and proc.stderr is not None
        watcher = threading.Thread(target=self._watch_stderr, args=(proc, proc.stderr), daemon=True)
        watcher.start()
        if self.stopped:  # stopped before it started
            self.stop()
        read_all = False
        try:
            yield from self._reader._read(proc.stdout)
            read_all = True
        finally:
            rc = self._end(proc, early=not read_all)
            join_thread(watcher, STOP_GRACE)
            proc.stdout.close()
            proc.stderr.close()
        if rc != 0 and not self.stopped:
            raise self._error(rc)
        self._reader.engine.finish()
        yield from self._reader._drain()
