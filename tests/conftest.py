"""Shared pytest configuration: the run header (how many shared vectors exist) and the
``tshark`` fixture of the Lua plugin tests."""

from __future__ import annotations

import pytest
import vectorlib
from test_dissect_support import Tshark, tshark_env


def pytest_report_header() -> str:
    counts = {fmt: len(vectorlib.load(fmt)) for fmt in vectorlib.FORMATS}
    detail = ", ".join(f"{fmt} {n}" for fmt, n in counts.items())
    return f"shared test vectors: {sum(counts.values())} ({detail})"


@pytest.fixture(scope="session")
def tshark(tmp_path_factory: pytest.TempPathFactory) -> Tshark:
    """tshark and its environment for the Lua plugin tests (`tshark_env`)."""
    return tshark_env(tmp_path_factory)
