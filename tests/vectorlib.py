"""Loads the shared test vectors in ``tests/vectors/`` (schema in its README).

Every Python test that needs vectors goes through here, so the files are read
and checked in one place. Paths are relative to this file, never to the
current directory.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

VECTOR_DIR = Path(__file__).parent / "vectors"
SCHEMA = "proxyproto-vectors/1"
FORMATS = ("v1", "v2", "spp")
RESULTS = ("valid", "invalid", "incomplete")

Vector = dict[str, Any]


@cache
def load(fmt: str) -> tuple[Vector, ...]:
    """Return the vectors of one format (``"v1"``, ``"v2"`` or ``"spp"``), checked."""
    path = VECTOR_DIR / f"{fmt}.json"
    if not path.exists():
        return ()
    doc = json.loads(path.read_text(encoding="utf-8"))
    if doc.get("schema") != SCHEMA or doc.get("format") != fmt:
        raise ValueError(f"{path}: expected schema {SCHEMA!r} and format {fmt!r}")
    seen: set[str] = set()
    for v in doc["vectors"]:
        vid = v["id"]
        if vid in seen:
            raise ValueError(f"{path}: duplicate id {vid!r}")
        seen.add(vid)
        if not vid.startswith(f"{fmt}/"):
            raise ValueError(f"{path}: id {vid!r} must start with {fmt}/")
        if v["result"] not in RESULTS:
            raise ValueError(f"{path}: {vid}: result must be one of {RESULTS}")
        bytes.fromhex(v["hex"])
    return tuple(doc["vectors"])


def all_vectors() -> tuple[Vector, ...]:
    """Every vector of every format."""
    return tuple(v for fmt in FORMATS for v in load(fmt))


def data(vector: Vector) -> bytes:
    """The vector's input bytes."""
    return bytes.fromhex(vector["hex"])


def params(vectors: tuple[Vector, ...]) -> list[Any]:
    """``pytest.mark.parametrize`` arguments with the vector ids as test ids."""
    import pytest

    return [pytest.param(v, id=v["id"]) for v in vectors]
