"""What a package index shows (issue 10, point 12): README.pypi.md, the long description.

README.md is written for the checkout (relative links, an SVG, ``make``
steps); the long description is written for ``pip`` users. These tests keep
it so: pyproject.toml points at it, every link is absolute, nothing in it
needs the checkout, its Python example runs and its ``proxyproto`` command
lines are accepted by the command's own parser.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest

from proxyproto_kaitai._cli import _build_parser

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "README.pypi.md").read_text()


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", TEXT, re.DOTALL)


def test_pyproject_uses_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["readme"] == {"file": "README.pypi.md", "content-type": "text/markdown"}


def test_links_are_absolute_and_nothing_needs_the_checkout() -> None:
    links = re.findall(r"\]\(([^)]*)\)", TEXT) + re.findall(r'src="([^"]*)"', TEXT)
    assert links and all(link.startswith("https://") for link in links), links
    assert ".svg" not in TEXT and "![" not in TEXT
    assert not re.search(r"^\s*make\b", TEXT, re.MULTILINE)
    assert "dissector/samples" not in TEXT and ".venv" not in TEXT


def test_the_python_example_runs() -> None:
    library = _blocks("python")[0]
    assert "pp.parse" in library
    exec(compile(library, "README.pypi.md", "exec"), {})  # our own example


def _command_lines() -> list[list[str]]:
    lines = []
    for block in _blocks("sh"):
        for line in block.splitlines():
            for part in line.split(" | "):
                words = shlex.split(part, comments=True)
                if words and words[0] == "proxyproto":
                    lines.append(words[1:])
    return lines


@pytest.mark.parametrize("argv", _command_lines(), ids=" ".join)
def test_every_command_line_parses(argv: list[str]) -> None:
    parser = _build_parser()
    if argv == ["--version"]:
        with pytest.raises(SystemExit) as exit_info:
            parser.parse_args(argv)
        assert exit_info.value.code == 0
        return
    args = parser.parse_args(argv)
    assert args.command in {"dissect", "live", "build", "parse", "origin"}


def test_every_command_is_shown() -> None:
    shown = {argv[0] for argv in _command_lines()}
    assert shown >= {"dissect", "live", "build", "parse", "origin", "--version"}
