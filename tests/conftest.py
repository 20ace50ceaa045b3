"""Shared pytest configuration: the run header (how many shared vectors exist) and the
``tshark`` fixture of the Lua plugin tests."""

from __future__ import annotations

import os

import pytest
import vectorlib
from test_dissect_support import Tshark, require_tshark


def pytest_report_header() -> str:
    counts = {fmt: len(vectorlib.load(fmt)) for fmt in vectorlib.FORMATS}
    detail = ", ".join(f"{fmt} {n}" for fmt, n in counts.items())
    return f"shared test vectors: {sum(counts.values())} ({detail})"


@pytest.fixture(scope="session")
def tshark(tmp_path_factory: pytest.TempPathFactory) -> Tshark:
    """tshark and an environment with an empty HOME (no personal plugin or preference),
    for the Lua plugin tests."""
    exe = require_tshark()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path_factory.mktemp("home"))
    return exe, env
