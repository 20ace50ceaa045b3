"""The library's shape: no import cycle, one home for each wire constant.

Reads the source of every module of ``proxyproto_kaitai/`` with `ast`, so it
sees the imports inside functions too (a lazy import is still a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from proxyproto_kaitai._accel import TWINS as ACCEL_TWINS

PACKAGE = Path(__file__).resolve().parent.parent / "proxyproto_kaitai"
DISSECTOR = Path(__file__).resolve().parent.parent / "dissector"

# The compiled twins (proxyproto_kaitai/_accel.py) are built from these sources:
# an import of the twin is an import of its source module.
TWINS = {
    module.rsplit(".", 1)[1]: Path(source).stem
    for module, source in ACCEL_TWINS.items()
    if source.startswith("proxyproto_kaitai/")
}


def _module_name(path: Path) -> str:
    return path.stem if path.name != "__init__.py" else "__init__"


def _imports(path: Path) -> set[str]:
    """The sibling modules of ``proxyproto_kaitai`` that ``path`` imports, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
            elif node.level == 0 and node.module and node.module.startswith("proxyproto_kaitai."):
                found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("proxyproto_kaitai."):
                    found.add(alias.name.split(".")[1])
    modules = {_module_name(p) for p in PACKAGE.glob("*.py")}
    return {TWINS.get(name, name) for name in found} & modules


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.glob("*.py"))}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle_in_the_library() -> None:
    graph = _graph()
    assert "_v2" in graph and "_kaitai" in graph["_v2"]  # the reader sees real edges
    assert _cycle(graph) is None, " -> ".join(_cycle(graph) or [])


def test_the_cycle_finder_finds_cycles() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("module", ["_model", "_tlv"])
def test_models_import_no_parser_or_encoder(module: str) -> None:
    deps = _imports(PACKAGE / f"{module}.py")
    assert deps <= {"_errors", "_tlv", "_wire"}, deps


def test_kaitai_layer_knows_no_format_rules() -> None:
    deps = _imports(PACKAGE / "_kaitai.py")
    assert deps <= {"_accel", "_stream", "generated"}, deps


# Wire constants: the byte strings and numbers that only the protocol defines.
# Each may appear as a literal in _wire.py alone (in the library, the dissector
# and the CLI); everyone else imports it.
WIRE_LITERALS = {
    "v2 signature": ("\\r\\n\\r\\n\\x00\\r\\nQUIT\\n", "QUIT\\n"),
    "SPP magic": ("\\x56\\xec", "\\x56\\xEC"),
}


@pytest.mark.parametrize("name", sorted(WIRE_LITERALS))
def test_wire_constants_have_one_home(name: str) -> None:
    homes = []
    for path in [*PACKAGE.glob("*.py"), *DISSECTOR.glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        if any(lit in text for lit in WIRE_LITERALS[name]):
            homes.append(path.name)
    assert homes == ["_wire.py"], homes
