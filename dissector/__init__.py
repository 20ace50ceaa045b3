"""Find PROXY v1, PROXY v2 and Cloudflare SPP headers in packet captures.

The capture side of proxyproto_kaitai (issue 4). Headers are decoded by the
library (`proxyproto_kaitai.parse`); this package finds them: it follows TCP
connections and UDP flows, reassembles the start of each TCP client → server
stream, and reports every header with the flow and frame that carried it.

Three ways in:

* `dissect_file` — one call on a capture file. It runs a single streamed
  ``tshark -T fields`` pass with a pre-selection display filter (about as
  fast as tshark can read the file; ~50x a plain pyshark loop).
* `Dissector` — for your own ``pyshark.FileCapture`` / ``LiveCapture`` loop
  (PDML or ``use_json`` mode): ``for found in dissector.feed(packet): …``.
* `dissect_live` — capture on an interface, bounded by a packet count, a
  time limit and/or Ctrl-C (`LiveDissection`: tshark stopped cleanly).
* `findings_frame`, `findings_bag`, `dissect_on_cluster` — many files on a
  Dask cluster, one task per file (the ``dask`` extra; Dask is imported only
  when one of them is called).

Two more for the command line and for schedulers: `LiveDissection` runs
tshark on an interface itself and stops it cleanly (``proxyproto live``);
`dissect_one` dissects one file into a picklable `FileResult` that holds any
problem with the file instead of raising it, `merge` makes one `MergedReport`
of such results in file order, and `dissect_many` runs them on a process
pool (``proxyproto dissect A B … --jobs N``).

``load_lua_plugin=True`` (and `pyshark_options`) loads the Wireshark plugin
``proxyproto.lua`` shipped next to this module, so its ``proxyproto.*``
fields can be used in display filters and appear on pyshark packets.

Rules (TCP stream start only, midstream captures, SPP both ways, PROXY v2
over UDP on the first or on every datagram, stacked headers) are in
`proxyproto_kaitai.dissector._engine`; the JSON schema is in README.md.
Which UDP traffic is SPP is the shared rule of ``spec/spp_detection.json``
(`SppRule`; ``spp_rule=`` gives your own, e.g. with a test network's
`AddressClass`).
"""

from __future__ import annotations

from ._dask import dissect_on_cluster, findings_bag, findings_frame
from ._dissector import Dissector, dissect_live, open_file_capture, pyshark_options
from ._engine import DissectorError
from ._findings import Finding, Flow, FlowReport, Report
from ._jobs import FileResult, MergedReport, dissect_many, dissect_one, merge
from ._live import LiveDissection
from ._spp_rule import AddressClass, SppRule
from ._tshark import (
    CaptureError,
    FileDissection,
    TsharkNotFoundError,
    dissect_file,
    find_tshark,
    lua_plugin_path,
)

__all__ = [
    "AddressClass",
    "CaptureError",
    "Dissector",
    "DissectorError",
    "FileDissection",
    "FileResult",
    "Finding",
    "Flow",
    "FlowReport",
    "LiveDissection",
    "MergedReport",
    "Report",
    "SppRule",
    "TsharkNotFoundError",
    "dissect_file",
    "dissect_live",
    "dissect_many",
    "dissect_on_cluster",
    "dissect_one",
    "find_tshark",
    "findings_bag",
    "findings_frame",
    "lua_plugin_path",
    "merge",
    "open_file_capture",
    "pyshark_options",
]
