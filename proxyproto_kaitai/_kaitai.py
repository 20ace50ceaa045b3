"""Runs the Kaitai-generated parsers and maps their failures; nothing else.

Owns the library's private copies of the modules generated from
``spec/proxy_protocol_v2.ksy``, ``spec/simple_proxy_protocol.ksy`` and the
vendor TLV specs ``spec/proxy_protocol_v2_tlv_*.ksy``: the same
generated code as the package `proxyproto_kaitai.generated` (which stays
stock and is tested as such), loaded a second time under private names with
`proxyproto_kaitai._stream.Stream` in place of the runtime's
``KaitaiStream(BytesIO(...))``. With the compiled accelerator
(`proxyproto_kaitai._accel`), the copies are its compiled twins of the same
generated files.

`run_v2`, `run_spp` and `run_value` (a vendor TLV spec on a TLV's raw value)
return the generated root object, or raise `Fault`,
which says where the generated parser stopped: which stream (the root, the
body, a TLV's value), at which absolute offset, what it asked for, and the
root object with the fields read before the failure. The format modules
(`proxyproto_kaitai._v2`, `_spp`) turn that into the library's exceptions;
no bytes are parsed twice.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from kaitaistruct import EndOfStreamError, ValidationFailedError

import proxyproto_kaitai.generated as generated

from . import _accel, _stream

#: The stream module in use: its compiled twin when accelerated.
stream_module = _accel.twin("stream") or _stream
Stream: type[_stream.Stream] = stream_module.Stream
SubStream: type[_stream.SubStream] = stream_module.SubStream
identity = stream_module.identity

__all__ = [
    "Fault",
    "Stream",
    "aws_module",
    "azure_module",
    "gcp_module",
    "run_spp",
    "run_v2",
    "run_value",
    "spp_module",
    "stream_module",
    "v2_module",
]


def _private_copy(name: str) -> ModuleType:
    """The generated module ``name`` loaded under a private name, on our stream.

    Compiled twin when accelerated; else the stock source file executed again
    as ``proxyproto_kaitai._kaitai_<name>``.
    """
    module = _accel.twin(name)
    if module is None:
        source = Path(generated.__file__).resolve().parent / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"{__package__}._kaitai_{name}", source)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    module.KaitaiStream = SubStream  # type: ignore[attr-defined]
    module.BytesIO = identity  # type: ignore[attr-defined]
    return module


v2_module = _private_copy("proxy_protocol_v2")
spp_module = _private_copy("simple_proxy_protocol")
#: The vendor TLV specs, applied on demand to a custom-range TLV's raw value.
gcp_module = _private_copy("proxy_protocol_v2_tlv_gcp")
aws_module = _private_copy("proxy_protocol_v2_tlv_aws")
azure_module = _private_copy("proxy_protocol_v2_tlv_azure")
_V2 = v2_module.ProxyProtocolV2
_SPP = spp_module.SimpleProxyProtocol


class _V2Root(_V2):  # type: ignore[misc, valid-type]
    """The generated root type, built without reading, so that a failed read
    keeps the fields read before it (`Fault.root`)."""

    def __init__(self, io: _stream.Stream) -> None:
        self._io = io
        self._parent = None
        self._root = self


class _SppRoot(_SPP):  # type: ignore[misc, valid-type]
    def __init__(self, io: _stream.Stream) -> None:
        self._io = io
        self._parent = None
        self._root = self


class Fault(Exception):
    """Where a generated parser stopped (internal; never leaves the library).

    Attributes:
        root: The root object, with the fields read before the failure.
        eos: ``True`` when a read ran past the end of a stream, ``False``
            for a failed ``valid``/``contents`` check.
        depth: The failing stream: 0 the input, 1 a substream of it (the v2
            body), 2 a substream of that (a TLV's value).
        base: Absolute offset of the failing stream's first byte.
        size: The failing stream's size.
        at: Position in that stream where the failing read began.
        mark: Where the last item of a ``repeat: eos`` list began in that
            stream, or -1 if it read no list.
        need: The bytes the failing read asked for.
        index: For a failed check, the index of the root ``seq`` field.
        actual: For a failed check, the value read.
    """

    def __init__(self, root: Any, *, eos: bool) -> None:
        super().__init__("generated parser stopped")
        self.root = root
        self.eos = eos
        self.depth = 0
        self.base = 0
        self.size = 0
        self.at = 0
        self.mark = -1
        self.need = 0
        self.index = -1
        self.actual: Any = None


def _eos(root: Any, run: Any) -> Fault:
    """The fault of a read that ran past the end of the stream ``run.failed``."""
    fault = Fault(root, eos=True)
    failed = run.failed
    fault.depth = failed.depth
    fault.base = failed.base
    fault.size = failed.size()
    fault.at = run.at
    fault.mark = failed.mark
    fault.need = run.need
    return fault


def _check(root: Any, exc: ValidationFailedError) -> Fault:
    """The fault of a failed ``valid``/``contents`` check of a root ``seq`` field."""
    fault = Fault(root, eos=False)
    fault.index = int(str(exc.src_path).rsplit("/", 1)[1])
    fault.actual = getattr(exc, "actual", None)
    return fault


def run_v2(data: bytes) -> Any:
    """Run the generated PROXY v2 parser on ``data`` (exact `bytes`); return its root."""
    io = Stream(data)
    root = _V2Root(io)
    run = io.begin()
    try:
        root._read()
    except EndOfStreamError:
        raise _eos(root, run) from None
    except ValidationFailedError as exc:
        raise _check(root, exc) from None
    finally:
        Stream.end()
    return root


def run_spp(data: bytes) -> Any:
    """Run the generated SPP parser on ``data`` (exact `bytes`); return its root.

    The SPP spec reads no substream, so its run needs no thread context
    (`Stream.begin`); ``tests/test_kaitai.py`` checks the generated code for it.
    """
    io = Stream(data)
    root = _SppRoot(io)
    try:
        root._read()
    except EndOfStreamError:
        raise _eos(root, io.run) from None
    except ValidationFailedError as exc:
        raise _check(root, exc) from None
    return root


def run_value(cls: Any, data: bytes) -> Any:
    """Run the generated root type ``cls`` of a vendor TLV spec on ``data`` (exact `bytes`).

    Returns the object, its ``_io`` left where the parser stopped. Like SPP, the
    vendor specs read no substream, so the run needs no thread context
    (``tests/test_kaitai.py`` checks the generated code for it).

    Raises:
        Fault: The parser ran out of bytes (``eos``) or failed a check;
            ``root`` is ``None``.
    """
    io = Stream(data)
    try:
        return cls(io)
    except EndOfStreamError:
        raise _eos(None, io.run) from None
    except ValidationFailedError as exc:
        raise _check(None, exc) from None
