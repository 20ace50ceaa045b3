"""The Wireshark plugin's fields on pyshark packets.

pyshark runs tshark; with ``custom_parameters=["-X", "lua_script:<path>"]`` tshark
loads ``proxyproto.lua`` and pyshark exposes its fields as the ``proxyproto``
layer (PDML mode: the ``proxyproto.`` prefix is stripped and dots become ``_``,
e.g. ``pkt.proxyproto.src_addr``, ``tlv_type``). The path is the installed copy,
found with ``importlib.resources`` on ``proxyproto_kaitai.dissector`` (the file is
package data in the wheel), which is what the Python dissector's Lua option uses.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

import pytest
import vectorlib
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from test_dissect_support import require_tshark

pytestmark = pytest.mark.tshark

V2_ID = "v2/ssl/followed-by-tlvs"
SPP_ID = "spp/inet/dns-query"


def _vector(vid: str) -> dict[str, object]:
    for v in vectorlib.all_vectors():
        if v["id"] == vid:
            return v
    pytest.skip(f"vector {vid} is not in tests/vectors")


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    require_tshark()
    # No personal plugin or preference may interfere with the tshark pyshark starts.
    monkeypatch.setenv("HOME", str(tmp_path))
    pcap = tmp_path / "pyshark.pcap"
    with CaptureWriter.open(pcap) as cap:
        conn = cap.tcp(("10.0.0.1", 40001), ("10.0.0.2", 9440))
        conn.handshake()
        conn.client_send(vectorlib.data(_vector(V2_ID)) + b"hello")
        conn.server_send(b"world")
        conn.close()
        cap.udp(("10.0.0.3", 5000), ("10.0.0.4", 9441), vectorlib.data(_vector(SPP_ID)))
    return pcap


def test_plugin_fields_on_pyshark_packets(capture: Path) -> None:
    import pyshark

    resource = importlib.resources.files("proxyproto_kaitai.dissector") / "proxyproto.lua"
    with importlib.resources.as_file(resource) as lua:
        cap = pyshark.FileCapture(str(capture), custom_parameters=["-X", f"lua_script:{lua}"])
        try:
            packets = list(cap)
        finally:
            cap.close()
    by_kind = {}
    tracked = []
    for pkt in packets:
        if "PROXYPROTO" not in pkt:
            continue
        layer = pkt.proxyproto
        kind = layer.get_field("kind")
        if kind is not None:
            by_kind[str(kind)] = (pkt, layer)
        else:
            tracked.append(layer)

    v2 = _vector(V2_ID)["expect"]
    assert isinstance(v2, dict)
    _, layer = by_kind["v2"]
    assert layer.get_field("src_addr") == v2["src_addr"]
    assert int(layer.get_field("src_port")) == v2["src_port"]
    types = [int(f.show, 0) for f in layer.get_field("tlv_type").all_fields]
    assert types == [t["type"] for t in v2["tlvs"]]

    spp = _vector(SPP_ID)["expect"]
    assert isinstance(spp, dict)
    pkt, layer = by_kind["spp"]
    assert layer.get_field("src_addr") == spp["src_addr"]
    assert int(layer.get_field("dst_port")) == spp["dst_port"]
    assert "DNS" in pkt  # the payload after the SPP header went on to its dissector

    # Conversation tracking: the later packets of the TCP stream carry the real client.
    assert tracked, "no later packet shows the real client"
    assert all(t.get_field("client_addr") == v2["src_addr"] for t in tracked)
