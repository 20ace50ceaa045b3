"""The public API is exactly what `proxyproto_kaitai.__all__` pins; everything is documented."""

from __future__ import annotations

import inspect

import proxyproto_kaitai as pp

EXPECTED = sorted(
    [
        # entry points
        "parse", "detect", "Detection", "encode",
        "parse_v1", "parse_v2", "parse_spp", "encode_v1", "encode_v2", "encode_spp",
        "HeaderReader", "DEFAULT_MAX_SIZE", "crc32c", "to_json", "tlv_value", "encode_tlv",
        "ACCELERATED",
        # origin side (asyncio)
        "start_server", "create_datagram_endpoint", "HeaderPolicy", "ProxiedDatagramTransport",
        "DEFAULT_TRUSTED",
        # vendor TLVs, read on demand
        "vendor_fields", "VendorFields", "AwsSubtype", "AzureSubtype",
        # models
        "Header", "V1Header", "V2Header", "SppHeader", "IPAddress",
        "Command", "Family", "Transport", "V1Family",
        "Tlv", "TlvType", "AlpnTlv", "AuthorityTlv", "Crc32cTlv", "NoopTlv", "UniqueIdTlv",
        "SslTlv", "SslSubTlv", "SslSubtype", "SslClient", "NetnsTlv",
        "GcpTlv", "AwsTlv", "AzureTlv", "UnknownTlv",
        # errors
        "ProxyProtocolError", "IncompleteHeaderError", "InvalidHeaderError", "NoSignatureError",
        "HeaderTooLongError", "InvalidAddressError", "InvalidTLVError", "ChecksumError",
        "EncodeError",
        # constants
        "V1_MAX_LEN", "V2_MAX_LEN", "V2_SIGNATURE", "SPP_LEN", "SPP_MAGIC",
    ]
)  # fmt: skip


# The library's own modules (the CLI, `_cli` and `__main__`, is not the library API).
LIBRARY_MODULES = (
    "_accel", "_detect", "_errors", "_json", "_kaitai", "_model", "_origin", "_reader", "_spp",
    "_stream", "_tlv", "_v1", "_v2", "_vendor", "_version", "_wire",
)  # fmt: skip
# Those that apply the protocol's rules cite where the rules come from.
FORMAT_MODULES = (
    "_detect", "_model", "_origin", "_reader", "_spp", "_tlv", "_v1", "_v2", "_vendor", "_wire",
)  # fmt: skip


def test_all_is_pinned() -> None:
    assert sorted(pp.__all__) == EXPECTED
    assert len(set(pp.__all__)) == len(pp.__all__)
    for name in pp.__all__:
        assert hasattr(pp, name), name


def test_no_other_public_names() -> None:
    # Subpackages appear as attributes once imported by any test.
    public = {n for n in dir(pp) if not n.startswith("_")} - {
        "annotations",
        "generated",
        "dissector",
    }
    assert public == set(pp.__all__)


def test_public_callables_and_classes_have_docstrings() -> None:
    for name in pp.__all__:
        obj = getattr(pp, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert inspect.getdoc(obj), name
            if inspect.isfunction(obj):
                assert "Returns:" in (obj.__doc__ or ""), name


def test_constants() -> None:
    assert (pp.V1_MAX_LEN, pp.V2_MAX_LEN, pp.SPP_LEN) == (107, 65551, 38)
    assert pp.V2_SIGNATURE == b"\r\n\r\n\x00\r\nQUIT\n"
    assert pp.SPP_MAGIC == b"\x56\xec"


def test_module_docstrings_cite_the_spec() -> None:
    import importlib

    for name in LIBRARY_MODULES:
        module = importlib.import_module(f"proxyproto_kaitai.{name}")
        doc = module.__doc__ or ""
        assert doc.strip(), name
        if name in FORMAT_MODULES:
            assert "§" in doc or "SPEC_NOTES" in doc, name


def test_version() -> None:
    assert isinstance(pp.__version__, str) and pp.__version__[0].isdigit()
