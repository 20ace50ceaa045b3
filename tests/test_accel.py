"""The compiled accelerator (`proxyproto_kaitai._accel`) and `_version`.

`make test` runs this file twice: with ``PROXYPROTO_KAITAI_PURE=1`` (the
twins are then checked as files: built, next to the package, not older than
their sources) and on the compiled path (then also imported and compared
with their pure modules). Where the twins are not built (no C compiler) the
checks that need them skip, saying so, except under ``CI=true``, where the
accelerator must be built and they fail instead.
"""

from __future__ import annotations

import ast
import importlib
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path, PurePosixPath

import pytest

import proxyproto_kaitai
from proxyproto_kaitai import _accel, _version

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(proxyproto_kaitai.__file__).resolve().parent
PREFIX = "proxyproto_kaitai._cy_"
SHORT = [name.removeprefix(PREFIX) for name in _accel.TWINS]
FORCED = f"forced by {_accel.PURE_ENV}=1"


def need_twins() -> dict[str, Path]:
    """Every twin's extension file, found as ``import`` would find it; skips
    (fails when CI=true) if one is not built."""
    found: dict[str, Path] = {}
    for name in _accel.TWINS:
        spec = importlib.util.find_spec(name)
        if spec is None or not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
            why = (
                f"the compiled twin {name} is not built, so the compiled path is not tested; "
                "`make accel` builds the twins (needs a C compiler and the Python headers)"
            )
            if os.environ.get("CI") == "true":
                pytest.fail(f"{why}: required when CI=true")
            pytest.skip(why)
        assert spec.origin is not None
        found[name] = Path(spec.origin).resolve()
    return found


def pure_module(source: str) -> str:
    """The pure module compiled from ``source`` (a path in `_accel.TWINS`)."""
    path = PurePosixPath(source).with_suffix("")
    if path.parts[:2] == ("generated", "python"):
        return f"proxyproto_kaitai.generated.{path.name}"
    return ".".join(path.parts)


def test_state() -> None:
    assert isinstance(_accel.ACCELERATED, bool)
    assert isinstance(_accel.REASON, str) and _accel.REASON
    if os.environ.get(_accel.PURE_ENV) == "1":
        assert (_accel.ACCELERATED, _accel.REASON) == (False, FORCED)


def test_twins_are_built_next_to_the_package_and_fresh() -> None:
    for name, path in need_twins().items():
        assert path.name.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)), path
        assert path.parent == PACKAGE_DIR, path
        # its source, and its C declarations (proxyproto_kaitai/_cy_NAME.pxd) if any
        sources = [ROOT / _accel.TWINS[name]]
        pxd = ROOT.joinpath(*name.split(".")).with_suffix(".pxd")
        if pxd.is_file():
            sources.append(pxd)
        for source in sources:
            assert path.stat().st_mtime >= source.stat().st_mtime, (
                f"{path.name} is older than {source.relative_to(ROOT)}: run `make accel`"
            )


def test_compiled_path_uses_the_twins() -> None:
    if not _accel.ACCELERATED:
        if _accel.REASON == FORCED:
            pytest.skip(f"{FORCED} in this run (make test checks the compiled path next)")
        need_twins()  # skips, or fails under CI=true
        pytest.fail(f"the twins are built but not used: {_accel.REASON}")
    files = need_twins()
    for short, (name, source) in zip(SHORT, _accel.TWINS.items(), strict=True):
        module = _accel.twin(short)
        assert module is not None and module.__name__ == name
        assert module.__file__ is not None and Path(module.__file__).resolve() == files[name]
        # The twin defines what its source defines (a check that it is not stale);
        # `annotations` is the __future__ import, a directive to Cython.
        pure = importlib.import_module(pure_module(source))
        assert {n for n in vars(module) if not n.startswith("_")} == {
            n for n in vars(pure) if not n.startswith("_") and n != "annotations"
        }


def test_pure_env_forces_the_pure_path() -> None:
    code = (
        "import proxyproto_kaitai._accel as a; "
        "print(a.ACCELERATED, a.twin('v2'), a.REASON, sep='|')"
    )
    env = {**os.environ, _accel.PURE_ENV: "1"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().split("|") == ["False", "None", FORCED]


def test_twin_rejects_unknown_names() -> None:
    with pytest.raises(ValueError, match="no compiled twin 'v3'"):
        _accel.twin("v3")
    with pytest.raises(ValueError):
        _accel.twin("proxyproto_kaitai._cy_v2")  # short names only


def test_twin_imports_on_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    need_twins()
    monkeypatch.setattr(_accel, "ACCELERATED", True)
    for short, name in zip(SHORT, _accel.TWINS, strict=True):
        module = _accel.twin(short)
        assert module is not None and module.__name__ == name
    monkeypatch.setattr(_accel, "ACCELERATED", False)
    assert _accel.twin("v2") is None


def test_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_accel.PURE_ENV, "1")
    assert _accel._decide() == (False, FORCED)
    monkeypatch.setenv(_accel.PURE_ENV, "0")  # only "1" forces
    monkeypatch.setattr(_accel, "_loadable", lambda name: None)
    assert _accel._decide() == (True, f"all {len(_accel.TWINS)} compiled twins load")
    monkeypatch.setattr(_accel, "_loadable", lambda name: f"{name}: not built")
    assert _accel._decide() == (False, "not built (no compiled twin next to the package)")
    monkeypatch.setattr(
        _accel, "_loadable", lambda name: f"{name}: not built" if name.endswith("_spp") else None
    )
    ok, reason = _accel._decide()
    assert not ok
    assert reason == (
        f"incomplete accelerator (1 of {len(_accel.TWINS)}): proxyproto_kaitai._cy_spp: not built"
    )


def test_decide_on_this_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_accel.PURE_ENV, raising=False)
    ok, reason = _accel._decide()
    if _accel.REASON != FORCED:
        assert (ok, reason) == (_accel.ACCELERATED, _accel.REASON)
    need_twins()
    assert ok, reason


def test_loadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _accel._loadable("proxyproto_kaitai._cy_nothing") == (
        "proxyproto_kaitai._cy_nothing: not built"
    )
    assert "is not an extension module" in str(_accel._loadable("proxyproto_kaitai._v2"))
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    (tmp_path / f"ppk_not_elf{suffix}").write_bytes(b"not a shared object\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert str(_accel._loadable("ppk_not_elf")).startswith(
        "ppk_not_elf: does not load: ImportError"
    )
    files = need_twins()
    for name in files:
        assert _accel._loadable(name) is None


@pytest.mark.parametrize("module", ["_accel.py", "_version.py"])
def test_leaf_module(module: str) -> None:
    """Imports only the standard library: any library module may import it."""
    tree = ast.parse((PACKAGE_DIR / module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module is not None, ast.unparse(node)
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in sys.stdlib_module_names | {"__future__"}, name


def test_setup_reads_the_one_table() -> None:
    out = subprocess.run(
        [sys.executable, "setup.py", "--twins"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines() == [f"{m}={s}" for m, s in _accel.TWINS.items()]


def test_version_is_the_one_in_pyproject() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _version.__version__ == project["version"]
