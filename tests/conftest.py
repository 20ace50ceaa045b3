"""Shared pytest configuration: the run header states how many shared vectors exist."""

from __future__ import annotations

import vectorlib


def pytest_report_header() -> str:
    counts = {fmt: len(vectorlib.load(fmt)) for fmt in vectorlib.FORMATS}
    detail = ", ".join(f"{fmt} {n}" for fmt, n in counts.items())
    return f"shared test vectors: {sum(counts.values())} ({detail})"
