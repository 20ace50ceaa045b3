"""The version of the installed distribution (a leaf module: stdlib only).

Read from the installed metadata, so pyproject.toml stays the one place it is
written; a checkout that is not installed reports ``"0+unknown"``.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

__all__ = ["__version__"]

try:
    __version__: str = version("proxyproto-kaitai")
except PackageNotFoundError:  # pragma: no cover - only in a checkout that is not installed
    __version__ = "0+unknown"
