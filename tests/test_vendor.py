"""The cloud vendors' TLVs (`_vendor`): read on demand by the vendor specs, as before.

`proxyproto_kaitai._vendor.vendor_fields` runs ``spec/proxy_protocol_v2_tlv_*.ksy``
(through the library's Kaitai layer) on a `GcpTlv`, `AwsTlv` or `AzureTlv`
value. Here it is checked against the shared vectors and against `_oracle`,
the vendors' documented layouts written out by hand (SPEC_NOTES §3), which is
how the models decoded these values before the vendor specs existed: on every
value of a corpus of every length up to 11 bytes, the two agree.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
import vectorlib

import proxyproto_kaitai as pp
from proxyproto_kaitai import _accel, _kaitai, _vendor
from proxyproto_kaitai._vendor import VendorFields, vendor_fields
from proxyproto_kaitai._wire import AwsSubtype, AzureSubtype

V2 = vectorlib.load("v2")
VENDOR_CLASSES = (pp.GcpTlv, pp.AwsTlv, pp.AzureTlv)


def _oracle(cls: type, value: bytes) -> tuple[Any, Any] | None:
    """(subtype, value) as the vendors document the layouts, or None if not theirs."""
    if cls is pp.GcpTlv:
        return None if len(value) != 8 else (None, int.from_bytes(value, "big"))
    if cls is pp.AwsTlv:
        if not value:
            return None
        try:
            return value[0], value[1:].decode("utf-8")
        except UnicodeDecodeError:
            return value[0], None
    return None if len(value) != 5 else (value[0], int.from_bytes(value[1:], "little"))


def _corpus() -> list[bytes]:
    rng = random.Random(13)
    values = [b"", *(bytes([i]) for i in range(256))]
    values += [bytes(rng.randrange(256) for _ in range(n)) for n in range(2, 12) for _ in range(40)]
    values += [b"\x01vpce-08d2bf15fac5001c9", b"\x01" + "vpce-é".encode(), b"\x01\xff\xfe"]
    values += [b"\x02\x78\x56\x34\x12", b"\xff" * 8, bytes(9), b"\x01" + bytes(300)]
    return values


@pytest.mark.parametrize("cls", VENDOR_CLASSES, ids=lambda c: c.__name__)
def test_the_vendor_specs_read_what_the_vendors_document(cls: type) -> None:
    for value in _corpus():
        fields = vendor_fields(cls(value))
        want = _oracle(cls, value)
        assert (None if fields is None else (fields.subtype, fields.value)) == want, value.hex()


def _vendor_tlvs() -> list[Any]:
    out = []
    for v in V2:
        for t in v["expect"].get("tlvs", ()) if v["result"] == "valid" else ():
            if t["name"] in ("GCP", "AWS", "AZURE"):
                out.append(pytest.param(t, id=f"{v['id']}:{t['name']}"))
    return out


@pytest.mark.parametrize("expect", _vendor_tlvs())
def test_vector_vendor_tlvs(expect: dict[str, Any]) -> None:
    cls = {"GCP": pp.GcpTlv, "AWS": pp.AwsTlv, "AZURE": pp.AzureTlv}[expect["name"]]
    fields = vendor_fields(cls(bytes.fromhex(expect["hex"])))
    if fields is None:
        assert expect["value"] is None and expect.get("subtype") is None
    else:
        assert fields.value == expect["value"]
        assert fields.subtype == expect.get("subtype")


def test_vectors_have_each_vendor_and_a_malformed_one() -> None:
    names = [p.values[0]["name"] for p in _vendor_tlvs()]
    assert {"GCP", "AWS", "AZURE"} <= set(names)
    assert any(p.values[0]["value"] is None for p in _vendor_tlvs())


def test_subtypes_are_registry_members_when_registered() -> None:
    aws = vendor_fields(pp.AwsTlv.from_vpce_id("vpce-1"))
    assert aws is not None and aws.subtype is AwsSubtype.VPCE_ID
    azure = vendor_fields(pp.AzureTlv.from_link_id(7))
    assert azure == VendorFields(AzureSubtype.PRIVATEENDPOINT_LINKID, 7)
    assert azure is not None and azure.subtype is AzureSubtype.PRIVATEENDPOINT_LINKID
    other = vendor_fields(pp.AwsTlv(b"\x7fx"))
    assert other == VendorFields(0x7F, "x") and type(other.subtype) is int


def test_a_value_with_bytes_left_over_is_not_the_layout() -> None:
    assert vendor_fields(pp.GcpTlv(bytes(9))) is None
    assert vendor_fields(pp.AzureTlv(bytes(6))) is None
    assert vendor_fields(pp.GcpTlv(bytes(7))) is None  # too short: end of stream


def test_other_value_types() -> None:
    assert vendor_fields(pp.GcpTlv(bytearray(8))) == VendorFields(None, 0)  # type: ignore[arg-type]
    assert vendor_fields(pp.AwsTlv(memoryview(b"\x01a"))) == VendorFields(1, "a")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be bytes"):
        vendor_fields(pp.GcpTlv("12345678"))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "tlv", [pp.AlpnTlv(b"h2"), pp.UnknownTlv(0xE1, b"x"), b"\xe0\x00\x00", None]
)
def test_only_vendor_tlvs(tlv: Any) -> None:
    with pytest.raises(TypeError, match="not a vendor TLV"):
        vendor_fields(tlv)


def test_subclasses_are_read_too() -> None:
    class MyAws(pp.AwsTlv):
        pass

    assert vendor_fields(MyAws(b"\x01z")) == VendorFields(1, "z")


def test_the_json_keys_of_vendor_tlvs() -> None:
    assert pp.to_json(pp.GcpTlv(bytes(8)))["value"] == 0
    assert "subtype" not in pp.to_json(pp.GcpTlv(bytes(8)))
    js = pp.to_json(pp.AwsTlv(b"\x01\xff"))
    assert (js["subtype"], js["value"]) == (1, None) and type(js["subtype"]) is int
    js = pp.to_json(pp.AzureTlv(b"\x01\x00"))
    assert (js["subtype"], js["value"]) == (None, None)


def test_the_compiled_layer_runs_when_accelerated() -> None:
    want = _accel.twin("kaitai") or _kaitai
    assert _vendor._kaitai is want
