"""The bundled sample capture: up to date with its generator, and what ``make demo`` shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from proxyproto_kaitai.dissector import dissect_file
from proxyproto_kaitai.dissector._report import format_table
from proxyproto_kaitai.dissector.sample import SAMPLE_PATH, main, write_sample
from test_dissect_support import require_tshark


def test_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    out = tmp_path / "sample.pcap"
    assert main([str(out)]) == 0
    assert SAMPLE_PATH.is_file(), "run: python -m proxyproto_kaitai.dissector.sample"
    assert out.read_bytes() == SAMPLE_PATH.read_bytes(), (
        "dissector/samples/sample.pcap is stale: run python -m proxyproto_kaitai.dissector.sample"
    )
    assert write_sample(tmp_path / "again.pcap") == 73


@pytest.mark.tshark
def test_sample_dissection() -> None:
    require_tshark()
    report = dissect_file(SAMPLE_PATH)
    rows = [(r.flow.transport, "+".join(r.kinds), r.first.frame, r.errors) for r in report.flows]
    assert rows == [
        ("tcp", "v1", 4, 0),  # v1 TCP4
        ("tcp", "v1", 13, 0),  # v1 TCP6, split
        ("tcp", "v2", 21, 0),  # v2 with TLVs, out of order, retransmitted
        ("tcp", "v2", 30, 0),  # LOCAL
        ("tcp", "v2", 37, 1),  # bad CRC32C
        ("tcp", "v2+v1", 44, 0),  # stacked
        ("udp", "spp", 56, 1),  # SPP, one mismatched reply
        ("udp", "v2", 62, 0),  # Cloudflare style
        ("udp", "v2", 66, 0),  # every datagram
    ]
    rich = report.flows[2].first.fields
    assert [t["name"] for t in rich["tlvs"]] == [
        "ALPN",
        "AUTHORITY",
        "UNIQUE_ID",
        "SSL",
        "AWS",
        "CRC32C",
    ]
    assert rich["tlvs"][4]["value"] == "vpce-08d2bf15fac5001c9"  # after SSL: tshark 4.0 loses it
    spp = [f for f in report.findings if f.kind == "spp"]
    assert [f.direction for f in spp] == ["to_origin", "to_client"] * 3
    assert [f.ok for f in spp] == [True] * 5 + [False]
    assert [r.udp_mode for r in report.flows[7:]] == ["first", "every"]
    broken = report.flows[4].first
    assert broken.error is not None and "CRC32C" in broken.error
    assert broken.fields["src_addr"] == "203.0.113.9"
    table = format_table(report)
    assert "6 TCP connections and 3 UDP flows carry headers" in table
