"""Live capture on ``lo`` with `dissect_live` (127.0.0.1 only, bounded loops)."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest
from proxyproto_kaitai.dissector import CaptureError, dissect_live
from test_dissect_support import LoopbackTraffic, require_tshark

pytestmark = pytest.mark.tshark


def _can_capture() -> None:
    require_tshark()
    if os.geteuid() != 0 and os.environ.get("CI") != "true":  # pragma: no cover
        pytest.skip("capturing on lo needs root (or dumpcap capabilities)")


def test_live_capture_bounded_by_time() -> None:
    _can_capture()
    traffic = LoopbackTraffic(interval=0.2, limit=60)
    traffic.start()
    start = time.monotonic()
    try:
        report = dissect_live("lo", timeout=3, bpf_filter=f"tcp port {traffic.port}")
    finally:
        traffic.finish()
    assert time.monotonic() - start < 15
    assert report.findings, "no header seen on lo"
    assert all(f.ok and f.kind == "v1" for f in report.findings)
    assert {f.fields["src_port"] for f in report.findings} <= set(traffic.sent)
    assert {f.flow.src_port for f in report.findings} <= set(traffic.sent)


def test_live_capture_bounded_by_count() -> None:
    _can_capture()
    traffic = LoopbackTraffic(interval=0.2, limit=60)
    traffic.start()
    seen: list[int] = []
    try:
        report = dissect_live(
            "lo",
            count=12,
            timeout=20,
            bpf_filter=f"tcp port {traffic.port}",
            on_finding=lambda f: seen.append(f.frame),
        )
    finally:
        traffic.finish()
    assert report.findings and seen == [f.frame for f in report.findings]
    assert max(seen) <= 12


def test_unknown_interface() -> None:
    require_tshark()
    with pytest.raises(CaptureError, match="no such interface"):
        dissect_live("no-such-if0", count=1, timeout=1)


def _live_tsharks() -> list[str]:
    """The tshark/dumpcap processes capturing on an interface (``-i``) now."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if argv and os.path.basename(argv[0]) in (b"tshark", b"dumpcap") and b"-i" in argv:
            found.append(b" ".join(argv).decode(errors="replace"))
    return found


def test_ctrl_c_ends_the_capture_with_its_report_and_nothing_left() -> None:
    _can_capture()
    assert not _live_tsharks()
    traffic = LoopbackTraffic(interval=0.2, limit=60)
    traffic.start()
    # Ctrl-C two seconds in: the report so far comes back, tshark and dumpcap are gone.
    timer = threading.Timer(2.5, os.kill, (os.getpid(), signal.SIGINT))
    previous = signal.getsignal(signal.SIGINT)
    start = time.monotonic()
    timer.start()
    try:
        report = dissect_live("lo", timeout=30, bpf_filter=f"tcp port {traffic.port}")
    finally:
        timer.cancel()
        traffic.finish()
    assert time.monotonic() - start < 15
    assert report.findings and all(f.ok and f.kind == "v1" for f in report.findings)
    assert signal.getsignal(signal.SIGINT) is previous
    assert not _live_tsharks()
