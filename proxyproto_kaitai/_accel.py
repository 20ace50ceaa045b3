"""Which implementation runs: the compiled twins (Cython) or the pure modules.

Some pure-Python modules have a *twin*: the same source file compiled with
Cython into an extension module under a private name (`TWINS`, the one table of
them; ``setup.py`` reads it from this file and builds them). The pure modules
always stay, unchanged, as the fallback.

The choice is made once, when this module is imported:

- ``PROXYPROTO_KAITAI_PURE=1`` in the environment forces the pure modules;
- otherwise every twin of `TWINS` must be an extension module that loads into
  this interpreter; if one is missing or does not load (a pure wheel, a checkout
  built without a C compiler, a build for another Python), the pure modules run.

`ACCELERATED` says which, `REASON` why. `twin` hands out a compiled module,
importing it on first use. This is a leaf module: it imports nothing of the
library, so that any module of the library can import it. Checking a twin
loads its shared object but does not run its module code (`_loadable`).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
from types import ModuleType
from typing import Final

__all__ = ["ACCELERATED", "PURE_ENV", "REASON", "TWINS", "twin"]

#: Set to ``"1"`` to run the pure modules even when the twins are built.
PURE_ENV: Final = "PROXYPROTO_KAITAI_PURE"

#: The compiled twins: extension module -> the source file it is compiled
#: from, relative to the root of the checkout. The module names are fixed:
#: ``twin("v2")`` is ``proxyproto_kaitai._cy_v2``. A twin may have C
#: declarations for Cython in ``proxyproto_kaitai/_cy_NAME.pxd``. ``setup.py``
#: and the Makefile read this literal (with `ast`): keep it a plain dict of strings.
TWINS: Final[dict[str, str]] = {
    "proxyproto_kaitai._cy_stream": "proxyproto_kaitai/_stream.py",
    "proxyproto_kaitai._cy_kaitai": "proxyproto_kaitai/_kaitai.py",
    "proxyproto_kaitai._cy_proxy_protocol_v2": "generated/python/proxy_protocol_v2.py",
    "proxyproto_kaitai._cy_simple_proxy_protocol": "generated/python/simple_proxy_protocol.py",
    "proxyproto_kaitai._cy_proxy_protocol_v2_tlv_gcp": (
        "generated/python/proxy_protocol_v2_tlv_gcp.py"
    ),
    "proxyproto_kaitai._cy_proxy_protocol_v2_tlv_aws": (
        "generated/python/proxy_protocol_v2_tlv_aws.py"
    ),
    "proxyproto_kaitai._cy_proxy_protocol_v2_tlv_azure": (
        "generated/python/proxy_protocol_v2_tlv_azure.py"
    ),
    "proxyproto_kaitai._cy_v1": "proxyproto_kaitai/_v1.py",
    "proxyproto_kaitai._cy_v2": "proxyproto_kaitai/_v2.py",
    "proxyproto_kaitai._cy_spp": "proxyproto_kaitai/_spp.py",
    "proxyproto_kaitai._cy_detect": "proxyproto_kaitai/_detect.py",
}

_PREFIX: Final = "proxyproto_kaitai._cy_"


def _loadable(name: str) -> str | None:
    """``None`` if the extension module ``name`` loads here, else why not.

    Finds it as ``import`` would, then creates the module object without
    executing it: that loads the shared object and checks it was built for
    this interpreter, but runs none of its code, so it imports nothing (the
    twins are Cython modules with multi-phase initialisation, PEP 489).
    """
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError) as exc:  # pragma: no cover - a broken package
        return f"{name}: {type(exc).__name__}: {exc}"
    if spec is None:
        return f"{name}: not built"
    if not isinstance(spec.loader, importlib.machinery.ExtensionFileLoader):
        return f"{name}: {spec.origin} is not an extension module"
    try:
        spec.loader.create_module(spec)
    except Exception as exc:  # any failure to load means: do not use the twins
        return f"{name}: does not load: {type(exc).__name__}: {exc}"
    return None


def _decide() -> tuple[bool, str]:
    if os.environ.get(PURE_ENV) == "1":
        return False, f"forced by {PURE_ENV}=1"
    problems = [p for p in map(_loadable, TWINS) if p is not None]
    if not problems:
        return True, f"all {len(TWINS)} compiled twins load"
    if len(problems) == len(TWINS) and all(p.endswith(": not built") for p in problems):
        return False, "not built (no compiled twin next to the package)"
    return False, f"incomplete accelerator ({len(problems)} of {len(TWINS)}): " + "; ".join(
        problems
    )


#: ``True`` when the compiled twins run, ``False`` when the pure modules do.
#: REASON: why, in a few words.
ACCELERATED, REASON = _decide()


def twin(name: str) -> ModuleType | None:
    """The compiled twin ``name`` (``"v2"``: ``proxyproto_kaitai._cy_v2``) when
    `ACCELERATED`, else ``None``. Imported on first use.

    Raises:
        ValueError: ``name`` is not in `TWINS`.
    """
    module = _PREFIX + name
    if module not in TWINS:
        known = ", ".join(m.removeprefix(_PREFIX) for m in TWINS)
        raise ValueError(f"no compiled twin {name!r} (known: {known})")
    if not ACCELERATED:
        return None
    return importlib.import_module(module)
