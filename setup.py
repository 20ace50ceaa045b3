"""Builds the optional compiled accelerator; every other setting is in pyproject.toml.

The extension modules are the *twins*: pure-Python modules of the package
compiled by Cython under private names. Their one table is ``TWINS`` in
``proxyproto_kaitai/_accel.py`` (read here with `ast`, without importing the
package), which also decides at run time whether they are used.

- A twin may have C declarations next to the package, read by Cython only:
  ``proxyproto_kaitai/_cy_NAME.pxd`` (found through the module name; listed in
  ``depends``, so it is in the sdist and a change rebuilds the twin).
- The C files Cython writes go to the build directory (``build_temp``), never
  into the source tree.
- No C compiler, no Cython, or a twin that fails to compile: one warning line,
  and the package is built pure (a ``py3-none-any`` wheel); the accelerator
  never fails an install.
- ``PROXYPROTO_KAITAI_BUILD_PURE=1`` builds the pure package on purpose.
- A twin whose source file is missing is skipped with a warning (the package
  then runs pure: `_accel` needs every twin).

``python setup.py --twins`` prints the table as ``module=source`` lines, for
the Makefile.
"""

from __future__ import annotations

import ast
import os
import sys
from pathlib import Path
from typing import Any

TABLE = Path("proxyproto_kaitai") / "_accel.py"
BUILD_PURE_ENV = "PROXYPROTO_KAITAI_BUILD_PURE"
PACKAGE = "proxyproto_kaitai"

#: Cython compiler directives of every twin. ``annotation_typing=False``:
#: annotations are not types to Cython (``data: bytes`` must accept
#: ``bytearray`` as in the pure module).
DIRECTIVES = {
    "language_level": 3,
    "annotation_typing": False,
    "binding": False,
    "embedsignature": False,
}


def read_twins() -> dict[str, str]:
    """The ``TWINS`` literal of proxyproto_kaitai/_accel.py: module -> source file."""
    path = Path(__file__).resolve().parent / TABLE
    for node in ast.parse(path.read_text(encoding="utf-8"), str(path)).body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "TWINS":
            twins = ast.literal_eval(value)
            assert isinstance(twins, dict), "TWINS must be a dict literal"
            return twins
    raise SystemExit(f"setup.py: no TWINS table in {path}")


def warn(message: str) -> None:
    print(f"WARNING: proxyproto-kaitai: {message}", file=sys.stderr, flush=True)


if __name__ == "__main__" and sys.argv[1:] == ["--twins"]:
    print("\n".join(f"{module}={source}" for module, source in read_twins().items()))
    raise SystemExit(0)


from setuptools import Extension, setup  # noqa: E402 - not needed for --twins
from setuptools.command.build_ext import build_ext  # noqa: E402


def twin_extensions() -> list[Extension]:
    if os.environ.get(BUILD_PURE_ENV) == "1":
        print(f"proxyproto-kaitai: {BUILD_PURE_ENV}=1: building the pure-Python package")
        return []
    extensions = []
    for module, source in read_twins().items():
        if Path(source).is_file():
            pxd = Path(*module.split(".")).with_suffix(".pxd")
            depends = [pxd.as_posix()] if pxd.is_file() else []
            extensions.append(Extension(module, [source], depends=depends))
        else:
            warn(f"{source} does not exist: {module} is skipped (the package will run pure)")
    return extensions


class BuildTwins(build_ext):
    """`build_ext` for the twins: Cython into the build directory, then the C
    compiler; any failure falls back to the pure package (see the docstring
    of setup.py)."""

    def finalize_options(self) -> None:
        super().finalize_options()
        if self.parallel is None:  # compile the twins side by side
            self.parallel = os.cpu_count() or 1

    def run(self) -> None:
        if not self.extensions:
            super().run()
            return
        inplace = self.inplace  # setuptools' run() resets it while building
        try:
            self._cythonize()
            super().run()
        except Exception as exc:  # no compiler, no Cython, a compile error: stay pure
            detail = " ".join(str(exc).split()) or "no detail"
            warn(
                f"compiled accelerator not built ({type(exc).__name__}: {detail}); "
                "building the pure-Python package instead"
            )
            self._drop_twins(inplace)

    def build_extension(self, ext: Any) -> None:
        if self.compiler.compiler_type == "unix" and "-g0" not in ext.extra_compile_args:
            ext.extra_compile_args.append("-g0")  # no debug info: 1/5 of the size
        super().build_extension(ext)

    def _cythonize(self) -> None:
        from Cython.Build import cythonize

        compiled = cythonize(
            self.extensions,
            build_dir=os.path.join(self.build_temp, "cython"),
            compiler_directives=DIRECTIVES,
            include_path=["."],
            nthreads=self.parallel if isinstance(self.parallel, int) else 0,
            force=bool(self.force),
            quiet=True,
        )
        sources = {ext.name: ext.sources for ext in compiled}
        for ext in self.extensions:
            ext.sources = sources[ext.name]

    def _drop_twins(self, inplace: bool) -> None:
        """Remove every twin built so far, here and (in place) next to the
        package, so that none stays behind stale; build a pure package."""
        package_dir = self.get_finalized_command("build_py").get_package_dir(PACKAGE)
        for ext in self.extensions:
            filename = self.get_ext_filename(self.get_ext_fullname(ext.name))
            paths = [os.path.join(self.build_lib, filename)]
            if inplace:
                paths.append(os.path.join(package_dir, os.path.basename(filename)))
            for path in paths:
                if os.path.exists(path):
                    os.remove(path)
        self.extensions = []
        self.distribution.ext_modules = []
        wheel = self.distribution.command_obj.get("bdist_wheel")
        if wheel is not None:  # decided before the build; the wheel is pure now
            wheel.root_is_pure = True


setup(ext_modules=twin_extensions(), cmdclass={"build_ext": BuildTwins})
