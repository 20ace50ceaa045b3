"""One registry: the plugin's names and numbers come from the generated table (issue 11, point 7).

``generated/lua/proxyproto_registry.lua`` (``make generate``, from the ``.ksy``
enums) is the one home of the TLV, SSL and vendor names. The plugin loads it from
``../generated/lua/`` next to its own folder: the checkout, the wheel
(``proxyproto_kaitai/generated/lua/``) and ``make install-lua`` (outside the
plugins folder, where Wireshark would run it as a plugin) keep that layout.

* every value name tshark lists for the plugin's fields is the Python registry's
  (``proxyproto_kaitai.generated.registry``), and the plugin's source holds no
  table of names of its own;
* a changed table changes what tshark shows (a copy of the plugin with a table
  that renames a TLV and adds an SSL sub-TLV type);
* ``make install-lua`` into an empty HOME: Wireshark loads the plugin without
  ``-X``, and not the table; without the table the plugin stops with a clear error;
* an empty TLV value shows as empty, not ``<MISSING>``.

Skipped when tshark is missing, except under ``CI=true``, where that fails.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from proxyproto_kaitai.dissector.pcapwriter import CaptureWriter
from proxyproto_kaitai.generated import registry
from test_dissect_support import Tshark
from test_lua_plugin import LUA, ROOT, SIG, run_tshark

pytestmark = pytest.mark.tshark

TABLE = ROOT / "generated" / "lua" / "proxyproto_registry.lua"


def value_names(tshark: Tshark, lua: Path) -> dict[str, dict[int, str]]:
    """``tshark -G values``: field -> value -> name, for the plugin's fields."""
    out, _ = run_tshark(tshark, "-G", "values", "-X", f"lua_script:{lua}", check_lua=False)
    names: dict[str, dict[int, str]] = {}
    for line in out.splitlines():
        parts = line.split("\t")
        if parts[0] == "V" and parts[1].startswith("proxyproto."):
            names.setdefault(parts[1], {})[int(parts[2], 0)] = parts[3]
    return names


def test_value_names_are_the_registrys(tshark: Tshark) -> None:
    names = value_names(tshark, LUA)
    want = {
        "proxyproto.tlv.type": {int(t): t.name for t in registry.TlvType},
        "proxyproto.tlv.ssl.sub_tlv.type": {int(t): t.name for t in registry.SslSubtype},
        "proxyproto.tlv.aws.subtype": {int(t): t.name for t in registry.AwsSubtype},
        "proxyproto.tlv.azure.subtype": {int(t): t.name for t in registry.AzureSubtype},
        "proxyproto.v2.command": {int(t): t.name for t in registry.Command},
        "proxyproto.v2.family": {int(t): t.name for t in registry.Family},
        "proxyproto.v2.transport": {int(t): t.name for t in registry.Transport},
    }
    assert {k: names.get(k) for k in want} == want


def test_no_hand_kept_names_in_the_plugin() -> None:
    """No quoted registry name and no ``[0x..] = "NAME"`` table in proxyproto.lua."""
    text = LUA.read_text(encoding="utf-8")
    every = [*registry.TlvType, *registry.SslSubtype, *registry.AwsSubtype,
             *registry.AzureSubtype]  # fmt: skip
    quoted = [t.name for t in every if f'"{t.name}"' in text]
    assert not quoted, quoted
    assert not re.search(r'\[0x[0-9a-fA-F]+\]\s*=\s*"', text)


def _v2(tlvs: bytes) -> bytes:
    body = bytes([203, 0, 113, 7, 198, 51, 100, 20]) + struct.pack("!HH", 51234, 443) + tlvs
    return SIG + b"\x21\x11" + struct.pack("!H", len(body)) + body


def _tlv(kind: int, value: bytes) -> bytes:
    return struct.pack("!BH", kind, len(value)) + value


def _capture(path: Path) -> int:
    ssl = _tlv(0x20, b"\x01\x00\x00\x00\x00" + _tlv(0x29, b"x") + _tlv(0x22, b""))
    with CaptureWriter.open(path) as cap:
        conn = cap.tcp(("192.0.2.1", 40000), ("198.51.100.20", 9440))
        conn.handshake()
        (frame,) = conn.client_send(_v2(_tlv(0x04, b"") + ssl + _tlv(0x01, b"")))
        conn.close()
    return frame


def test_a_changed_table_changes_the_names(tshark: Tshark, tmp_path: Path) -> None:
    """The plugin shows what the table next to it says (not a copy of its own)."""
    (tmp_path / "dissector").mkdir()
    (tmp_path / "generated" / "lua").mkdir(parents=True)
    lua = tmp_path / "dissector" / "proxyproto.lua"
    shutil.copy(LUA, lua)
    table = TABLE.read_text(encoding="utf-8")
    assert '[0x04] = "NOOP"' in table and '[0x28] = "CLIENT_CERT",' in table
    table = table.replace('[0x04] = "NOOP"', '[0x04] = "NOOP_RENAMED"')
    table = table.replace('[0x28] = "CLIENT_CERT",', '[0x28] = "CLIENT_CERT", [0x29] = "TEST_SUB",')
    (tmp_path / "generated" / "lua" / "proxyproto_registry.lua").write_text(table, "utf-8")
    pcap = tmp_path / "names.pcap"
    frame = _capture(pcap)
    for plugin, want in ((LUA, ["NOOP", "SSL", "ALPN"]),
                         (lua, ["NOOP_RENAMED", "SSL", "ALPN"])):  # fmt: skip
        out, _ = run_tshark(
            tshark, "-X", f"lua_script:{plugin}", "-r", str(pcap), "-Y", f"frame.number == {frame}",
            "-T", "fields", "-E", "occurrence=a",
            "-e", "proxyproto.tlv.name", "-e", "proxyproto.tlv.ssl.sub_tlv.name",
        )  # fmt: skip
        tlv_names, sub_names = out.rstrip("\n").split("\t")
        assert tlv_names.split(",") == want
        assert sub_names.split(",") == (["TEST_SUB", "CN"] if plugin == lua else ["CN"])


def test_empty_values_show_empty(tshark: Tshark, tmp_path: Path) -> None:
    pcap = tmp_path / "empty.pcap"
    frame = _capture(pcap)
    out, _ = run_tshark(tshark, "-X", f"lua_script:{LUA}", "-r", str(pcap),
                        "-Y", f"frame.number == {frame}", "-V")  # fmt: skip
    assert "<MISSING>" not in out
    assert out.count("Value (raw): (empty)") == 3  # NOOP, ALPN and the CN sub-TLV


def test_make_install_lua(tshark: Tshark, tmp_path: Path) -> None:
    """``make install-lua`` into an empty HOME: loaded without ``-X``, the table is not
    a plugin; the plugin alone stops with an error that says what is missing."""
    exe, env = tshark
    env = {**env, "HOME": str(tmp_path)}
    plugins = tmp_path / ".local" / "lib" / "wireshark" / "plugins"
    proc = subprocess.run(["make", "-s", "-C", str(ROOT), "install-lua",
                           f"LUA_PLUGIN_DIR={plugins}"], capture_output=True, text=True, env=env,
                          check=False, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert (plugins / "proxyproto.lua").is_file()
    assert (plugins.parent / "generated" / "lua" / "proxyproto_registry.lua").is_file()
    assert [p.name for p in plugins.rglob("*.lua")] == ["proxyproto.lua"]
    listing = subprocess.run([exe, "-G", "plugins"], capture_output=True, text=True, env=env,
                             check=True).stdout  # fmt: skip
    lua_plugins = [line.split("\t")[0] for line in listing.splitlines() if "lua script" in line]
    assert lua_plugins == ["proxyproto.lua"], listing
    protocols = subprocess.run([exe, "-G", "protocols"], capture_output=True, text=True,
                               env=env, check=True)  # fmt: skip
    assert "\tproxyproto\n" in protocols.stdout and "Lua" not in protocols.stderr
    (plugins.parent / "generated" / "lua" / "proxyproto_registry.lua").unlink()
    broken = subprocess.run([exe, "-G", "protocols"], capture_output=True, text=True, env=env,
                            check=False)  # fmt: skip
    assert "\tproxyproto\n" not in broken.stdout
    assert "cannot load its registry table" in broken.stderr, broken.stderr
