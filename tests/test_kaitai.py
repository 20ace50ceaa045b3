"""The thin Kaitai layer (`proxyproto_kaitai._kaitai`) and the tables that name .ksy fields."""

from __future__ import annotations

import re
from pathlib import Path

import kaitaistruct
import pytest
from proxyproto_kaitai.generated import proxy_protocol_v2 as stock_v2
from proxyproto_kaitai.generated import proxy_protocol_v2_tlv_aws as stock_aws
from proxyproto_kaitai.generated import proxy_protocol_v2_tlv_azure as stock_azure
from proxyproto_kaitai.generated import proxy_protocol_v2_tlv_gcp as stock_gcp
from proxyproto_kaitai.generated import simple_proxy_protocol as stock_spp

import proxyproto_kaitai as pp
from proxyproto_kaitai import _kaitai, _spp, _v2

SPEC = Path(__file__).parent.parent / "spec"


def _root_seq_ids(ksy: str) -> list[str]:
    """The ``id`` of each top-level ``seq`` entry (the part before ``types:``)."""
    text = (SPEC / ksy).read_text(encoding="utf-8")
    seq = text.split("\nseq:\n", 1)[1].split("\ntypes:\n", 1)[0]
    return re.findall(r"^  - id: (\w+)", seq, flags=re.M)


@pytest.mark.parametrize(
    ("ksy", "table"),
    [("proxy_protocol_v2.ksy", _v2.ROOT_SEQ), ("simple_proxy_protocol.ksy", _spp.ROOT_SEQ)],
)
def test_field_names_match_the_ksy(ksy: str, table: tuple[tuple[str, int], ...]) -> None:
    assert [name for name, _ in table] == _root_seq_ids(ksy)


def test_private_copies_use_our_stream_and_leave_the_stock_package_alone() -> None:
    assert _kaitai.v2_module is not stock_v2
    assert _kaitai.spp_module is not stock_spp
    assert _kaitai.v2_module.KaitaiStream is _kaitai.SubStream
    assert stock_v2.KaitaiStream is kaitaistruct.KaitaiStream
    assert stock_spp.BytesIO is kaitaistruct.BytesIO
    # The stock package still parses with the stock runtime.
    h = stock_v2.ProxyProtocolV2.from_bytes(pp.V2_SIGNATURE + b"\x20\x00\x00\x00")
    assert isinstance(h._io, kaitaistruct.KaitaiStream)


def test_fault_names_the_failing_stream_and_offset() -> None:
    # PROXY TCP4, 12-byte block, then a NOOP TLV at 28 that claims 9 bytes of 2.
    body = bytes(12) + b"\x04\x00\x09\xaa\xbb"
    data = pp.V2_SIGNATURE + b"\x21\x11" + len(body).to_bytes(2, "big") + body
    with pytest.raises(_kaitai.Fault) as info:
        _kaitai.run_v2(data)
    fault = info.value
    assert (fault.eos, fault.depth, fault.base, fault.size) == (True, 1, 16, len(body))
    assert (fault.mark, fault.at, fault.need) == (12, 15, 9)
    assert fault.root.len_body == len(body)


def test_fault_inside_a_tlv_value_knows_its_absolute_offset() -> None:
    # LOCAL: TLVs from 16. A NOOP (3 bytes), then a CRC32C TLV whose value is 2 bytes.
    body = b"\x04\x00\x00" + b"\x03\x00\x02\xab\xcd"
    data = pp.V2_SIGNATURE + b"\x20\x00" + len(body).to_bytes(2, "big") + body
    with pytest.raises(_kaitai.Fault) as info:
        _kaitai.run_v2(data)
    fault = info.value
    assert (fault.depth, fault.base, fault.size, fault.need) == (2, 16 + 6, 2, 4)


def test_a_parse_leaves_no_reference_to_its_bytes_behind() -> None:
    _kaitai.run_v2(pp.V2_SIGNATURE + b"\x20\x00\x00\x00")
    assert _kaitai.Stream(b"").run.last is None  # a fresh record has no stream yet
    assert _kaitai.stream_module._local.run is None


@pytest.mark.parametrize("stock", [stock_spp, stock_gcp, stock_aws, stock_azure])
def test_spp_and_vendor_specs_read_no_substream(stock: object) -> None:
    # run_spp and run_value skip the per-thread context that only substreams need.
    source = Path(stock.__file__).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "KaitaiStream(" not in source


VENDOR = [
    ("gcp_module", stock_gcp, "ProxyProtocolV2TlvGcp"),
    ("aws_module", stock_aws, "ProxyProtocolV2TlvAws"),
    ("azure_module", stock_azure, "ProxyProtocolV2TlvAzure"),
]


@pytest.mark.parametrize(("attr", "stock", "cls"), VENDOR)
def test_vendor_private_copies_use_our_stream(attr: str, stock: object, cls: str) -> None:
    private = getattr(_kaitai, attr)
    assert private is not stock and private.KaitaiStream is _kaitai.SubStream
    assert stock.KaitaiStream is kaitaistruct.KaitaiStream  # type: ignore[attr-defined]
    read = _kaitai.run_value(getattr(private, cls), bytes(range(1, 9)))
    assert isinstance(read._io, _kaitai.Stream)


@pytest.mark.parametrize(("attr", "stock", "cls"), VENDOR)
@pytest.mark.parametrize("size", range(10))
def test_run_value_matches_the_stock_parser(attr: str, stock: object, cls: str, size: int) -> None:
    """Same fields and stop position as the stock parser, or a Fault where it raises."""
    data = bytes(range(0xF0, 0xF0 + size))
    try:
        want = getattr(stock, cls).from_bytes(data)
    except kaitaistruct.EndOfStreamError as exc:
        with pytest.raises(_kaitai.Fault) as info:
            _kaitai.run_value(getattr(getattr(_kaitai, attr), cls), data)
        fault = info.value
        assert (fault.eos, fault.root, fault.depth, fault.base) == (True, None, 0, 0)
        assert (fault.size, fault.need) == (size, exc.bytes_needed)
        return
    got = _kaitai.run_value(getattr(getattr(_kaitai, attr), cls), data)
    assert got._io.pos() == want._io.pos()
    for name in ("subtype", "value"):
        assert getattr(got, name, None) == getattr(want, name, None), name


def test_run_value_reports_a_failed_check_as_a_fault() -> None:
    # run_value runs any spec that reads no substream; SPP's magic is a check.
    with pytest.raises(_kaitai.Fault) as info:
        _kaitai.run_value(_kaitai.spp_module.SimpleProxyProtocol, bytes(38))
    fault = info.value
    assert (fault.eos, fault.root, fault.index, fault.actual) == (False, None, 0, b"\x00\x00")
