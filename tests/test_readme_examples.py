"""The ``## Library usage`` examples of README.md run, in order, in one namespace."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"


def _examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Library usage\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_there_are_examples() -> None:
    assert len(_examples()) >= 4


def test_examples_run() -> None:
    namespace: dict[str, object] = {"__name__": "readme"}
    for block in _examples():
        exec(compile(block, str(README), "exec"), namespace)
