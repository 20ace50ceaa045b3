"""The adapter's assumptions about the generated parsers (`proxyproto_kaitai._kaitai`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from proxyproto_kaitai.generated.simple_proxy_protocol import SimpleProxyProtocol

import proxyproto_kaitai as pp
from proxyproto_kaitai import _kaitai

SPEC = Path(__file__).parent.parent / "spec"


def _root_seq_ids(ksy: str) -> list[str]:
    """The ``id`` of each top-level ``seq`` entry (the part before ``types:``)."""
    text = (SPEC / ksy).read_text(encoding="utf-8")
    seq = text.split("\nseq:\n", 1)[1].split("\ntypes:\n", 1)[0]
    return re.findall(r"^  - id: (\w+)", seq, flags=re.M)


@pytest.mark.parametrize(
    ("ksy", "table"),
    [
        ("proxy_protocol_v2.ksy", _kaitai.ROOT_SEQ_V2),
        ("simple_proxy_protocol.ksy", _kaitai.ROOT_SEQ_SPP),
    ],
)
def test_field_names_match_the_ksy(ksy: str, table: tuple[tuple[str, int], ...]) -> None:
    assert [name for name, _ in table] == _root_seq_ids(ksy)


@pytest.mark.parametrize(
    "addr",
    [
        bytes(10) + b"\xff\xff" + bytes([192, 0, 2, 1]),
        bytes(12) + bytes([192, 0, 2, 1]),
        bytes(10) + b"\xff\xfe" + bytes(4),
        bytes.fromhex("20010db8000000000000000000000001"),
    ],
)
def test_spp_mapping_agrees_with_the_ksy_instance(addr: bytes) -> None:
    raw = b"\x56\xec" + addr + addr + b"\x00\x01\x00\x02"
    k = SimpleProxyProtocol.from_bytes(raw)
    h = pp.parse_spp(raw)
    assert (h.client_addr.version == 4) is bool(k.client_addr.is_ipv4_mapped)


def test_validation_errors_map_to_fields() -> None:
    sig = pp.V2_SIGNATURE
    cases = {
        b"\x11\x11\x00\x00": ("version", 12, {"kind": "v2"}),
        b"\x2f\x11\x00\x00": ("command", 12, {"kind": "v2"}),
        b"\x21\x41\x00\x00": ("family", 13, {"kind": "v2", "command": "PROXY"}),
        b"\x20\x13\x00\x00": (
            "transport",
            13,
            {"kind": "v2", "command": "LOCAL", "family": "INET"},
        ),
    }
    for tail, (field, offset, partial) in cases.items():
        with pytest.raises(pp.InvalidHeaderError) as info:
            pp.parse_v2(sig + tail)
        assert (info.value.field, info.value.offset, info.value.partial) == (field, offset, partial)
