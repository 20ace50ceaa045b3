--[[
proxyproto.lua: a Wireshark / tshark dissector for the PROXY protocol
(version 1 text line, version 2 binary header) and Cloudflare Spectrum's
Simple Proxy Protocol (SPP, UDP only).

  Specs:   HAProxy doc/proxy-protocol.txt (v1 §2.1, v2 §2.2)
           https://github.com/haproxy/haproxy/blob/master/doc/proxy-protocol.txt
           https://developers.cloudflare.com/spectrum/reference/simple-proxy-protocol-header/
  Needs:   Wireshark / tshark 4.0 or later (Lua 5.2: no bit operators, bit32 is used;
           on Lua 5.3+ builds the native operators are used instead).
  Load:    copy this file into the personal Lua plugins folder (`tshark -G folders`,
           "Personal Lua Plugins"), or run `tshark -X lua_script:proxyproto.lua ...`.
  Docs:    dissector/README.md (fields, preferences, living beside the built-in `proxy`).
  Project: proxyproto_kaitai. Field names mirror the library's header JSON
           (tests/vectors/README.md) and the .ksy ids in spec/.

What it does
  * PROXY v1 and v2 at the start of a TCP stream (heuristic `proxyproto_tcp`, or a
    port given in the preferences / "Decode As"), reassembling a header split over
    segments; the bytes after the header go to the next dissector (by port, then
    heuristics, then data).
  * PROXY v2 in UDP datagrams and SPP datagrams in both directions (heuristic
    `proxyproto_udp`, with plausibility checks for SPP), payload handed on.
  * Every TLV in wire order, SSL sub-TLVs nested inside the SSL TLV only, cloud
    TLVs (GCP 0xE0, AWS 0xEA, Azure 0xEE) decoded, CRC32C verified.
  * Expert info for every malformed case, saying what is wrong and where
    ("[field len_value, offset 29]": the field as named in the .ksy / library).
  * The real client as generated fields (`proxyproto.client_addr`, ...) on every
    later packet of the TCP stream or UDP flow (post-dissector `proxyproto_track`).
]]

-- luacheck: read globals get_version set_plugin_info Proto ProtoField ProtoExpert Field
-- luacheck: read globals DissectorTable Dissector Pref base expert register_postdissector
-- luacheck: read globals DESEGMENT_ONE_MORE_SEGMENT Address TreeItem Tvb TvbRange Column
-- luacheck: read globals gui_enabled ByteArray

local PLUGIN_VERSION = "0.1.0"

-- --- Version check (fail loudly at load, never while dissecting) ---------------------

do
    local major = tonumber(string.match(get_version(), "^(%d+)%."))
    if not major or major < 4 then
        error(string.format("proxyproto.lua needs Wireshark 4.0 or later; this is %s",
                            tostring(get_version())))
    end
    assert(ProtoExpert and ProtoExpert.new, "proxyproto.lua: ProtoExpert API missing")
    assert(DissectorTable.try_heuristics, "proxyproto.lua: DissectorTable.try_heuristics missing")
end

-- Loaded twice (installed in the plugins folder and also given with -X lua_script:, as
-- pyshark users may do)? All Lua plugins share one Lua state: the first copy stays
-- registered and this one steps aside instead of failing on the duplicate Proto.
if rawget(_G, "proxyproto_lua_loaded") then
    return
end
rawset(_G, "proxyproto_lua_loaded", PLUGIN_VERSION)

if set_plugin_info then
    set_plugin_info({
        version = PLUGIN_VERSION,
        description = "PROXY protocol v1/v2 and Cloudflare Spectrum SPP",
        repository = "proxyproto_kaitai (dissector/proxyproto.lua)",
    })
end

-- Lua 5.2 (Wireshark 4.0-4.2) has bit32 and no bit operators. Newer Wireshark builds
-- use Lua 5.3/5.4, where bit32 may be gone: compile the operators from a string there,
-- so this file stays valid Lua 5.2.
local bits = rawget(_G, "bit32")
if not bits then
    local chunk = load([[return {
        band = function(a, b) return a & b end,
        bxor = function(a, b, ...)
            local r = a ~ b
            for i = 1, select("#", ...) do r = r ~ select(i, ...) end
            return r & 0xFFFFFFFF
        end,
        rshift = function(a, n) return (a & 0xFFFFFFFF) >> n end,
        lshift = function(a, n) return (a << n) & 0xFFFFFFFF end,
    }]])
    bits = chunk and chunk()
end
assert(bits, "proxyproto.lua: neither bit32 nor Lua 5.3 bit operators are available")
local band, bxor, rshift, lshift = bits.band, bits.bxor, bits.rshift, bits.lshift
local sbyte, schar, sfmt, ssub = string.byte, string.char, string.format, string.sub
local mmin = math.min

-- --- Wireshark API functions, bound once --------------------------------------------------
-- Cost model (tshark 4.0, callgrind): every call from Lua into Wireshark costs a few
-- thousand instructions, and `obj:method(...)` first runs the userdata's C `__index` to find
-- the method, which is a third to a half of that. The hot paths call the class functions
-- directly (`ti_add(tree, ...)` is `tree:add(...)`), read each `pinfo` attribute once, and
-- make no call at all where plain Lua on a string of the bytes will do.
local function method(class, name)
    local f = type(class) == "table" and rawget(class, name)
    if type(f) == "function" then return f end
    return function(obj, ...) return obj[name](obj, ...) end   -- not expected; still correct
end
local ti_add, ti_add_le = method(TreeItem, "add"), method(TreeItem, "add_le")
local ti_set_generated = method(TreeItem, "set_generated")
local ti_set_text, ti_append_text = method(TreeItem, "set_text"), method(TreeItem, "append_text")
local ti_tvb_expert = method(TreeItem, "add_tvb_expert_info")
local ti_proto_expert = method(TreeItem, "add_proto_expert_info")
local tvb_len, tvb_raw = method(Tvb, "len"), method(Tvb, "raw")
local range_ipv4, range_ipv6 = method(TvbRange, "ipv4"), method(TvbRange, "ipv6")
local range_tvb = method(TvbRange, "tvb")
local col_set, col_fence = method(Column, "set"), method(Column, "fence")
local dissector_call = method(Dissector, "call")

-- --- The registry: names and numbers from the .ksy enums ---------------------------------

-- `generated/lua/proxyproto_registry.lua`, written by `make generate` from spec/*.ksy, is
-- the one home of the TLV, SSL and vendor names and numbers. It is found by one rule, the
-- checkout's layout: `../generated/lua/` next to the folder of this file. The wheel keeps
-- that layout (proxyproto_kaitai/dissector/ and proxyproto_kaitai/generated/lua/), and so
-- does `make install-lua` (<plugins>/proxyproto.lua and <plugins>/../generated/lua/: the
-- table stays out of the plugins folder, where Wireshark would run every .lua file, in
-- subfolders too, as a plugin). dissector/README.md, "Install", says why.
local registry
do
    local info = debug and debug.getinfo and debug.getinfo(1, "S")
    local src = info and info.source or ""
    local dir = src:match("^@(.*)[/\\][^/\\]*$") or "."
    local path = dir .. "/../generated/lua/proxyproto_registry.lua"
    -- Wireshark's loadfile raises (rather than returning nil) when the file is missing.
    local ok, chunk, err = pcall(loadfile, path)
    if not ok then chunk, err = nil, chunk end
    if not chunk then
        error(sfmt("proxyproto.lua: cannot load its registry table %s (%s); install the plugin"
                   .. " with `make install-lua` or load it from a checkout or the wheel"
                   .. " (dissector/README.md, Install)", path, tostring(err)), 0)
    end
    registry = chunk()
    assert(type(registry) == "table" and registry.tlv_type and registry.ssl_subtype,
           "proxyproto.lua: " .. path .. " is not the registry table")
end

-- value -> name tables, and name -> value for the ones the dissector acts on.
local COMMAND_NAMES, FAMILY_NAMES = registry.command, registry.family
local TRANSPORT_NAMES = registry.transport
local TLV_NAMES, SSL_SUB_NAMES = registry.tlv_type, registry.ssl_subtype
local AWS_SUBTYPES, AZURE_SUBTYPES = registry.aws_subtype, registry.azure_subtype

local function by_name(names, what)
    local t = {}
    for value, name in pairs(names) do t[name] = value end
    return setmetatable(t, { __index = function(_, k)
        error("proxyproto.lua: the registry has no " .. what .. " " .. tostring(k), 2)
    end })
end
local TLV = by_name(TLV_NAMES, "TLV type")
local SSL_SUB = by_name(SSL_SUB_NAMES, "SSL sub-TLV type")

-- TLVs whose value is text (spec §2.2.1 ALPN, §2.2.2 AUTHORITY, §2.2.8 NETNS), and the SSL
-- sub-TLVs that are text: all but CLIENT_CERT (DER).
local TEXT_TLVS = { [TLV.ALPN] = true, [TLV.AUTHORITY] = true, [TLV.NETNS] = true }
local TEXT_SUBS = {}
for value in pairs(SSL_SUB_NAMES) do
    if value ~= SSL_SUB.CLIENT_CERT then TEXT_SUBS[value] = true end
end

-- --- Wire constants (spec §2.1, §2.2; SPEC_NOTES §3, §4; proxyproto_kaitai/_wire.py) ----

local V1_MAGIC = "PROXY"
local V1_MAX_LEN = 107                        -- CRLF included
local V2_SIG = "\r\n\r\n\0\r\nQUIT\n"         -- 12 bytes, contains a NUL
local V2_FIXED_LEN = 16
local V2_MAX_LEN = V2_FIXED_LEN + 0xFFFF
local SPP_LEN = 38
local SPP_MAGIC = 0x56EC
local MAPPED_PREFIX = string.rep("\0", 10) .. "\255\255"
local UNIQUE_ID_MAX_LEN = 128
local SSL_FIXED_LEN = 5
local TLV_HEADER_LEN = 3
local BLOCK_LEN = { [0] = 0, [1] = 12, [2] = 36, [3] = 216 }

-- --- Protocols ---------------------------------------------------------------------------

local proto = Proto("proxyproto", "PROXY Protocol (v1/v2) and Cloudflare Spectrum SPP")
-- A post-dissector that only adds the real client (as `proxyproto` fields) to every
-- later packet of a tracked stream; disabling it in "Enabled Protocols" turns that off.
local track = Proto("proxyproto_track", "PROXY Protocol connection tracking")
-- The port wrapper: takes the tcp.port / udp.port entries of ports that have a dissector,
-- looks for a header at the start of each stream or datagram and gives everything else to
-- the port's own dissector (see `wrap_ports`; the `wrap_ports` preference turns it off).
local wrapper = Proto("proxyproto_port", "PROXY Protocol on ports that have a dissector")

-- --- Fields (one ordered list; `tshark -G fields` and the README table follow it) -------

local F = {}
local FIELD_LIST = {}
local function def(key, protofield)
    F[key] = protofield
    FIELD_LIST[#FIELD_LIST + 1] = protofield
end

-- Header JSON keys, for every kind.
def("kind", ProtoField.string("proxyproto.kind", "Kind", base.ASCII, "v1, v2 or spp"))
def("command", ProtoField.string("proxyproto.command", "Command", base.ASCII,
    "PROXY or LOCAL (v1 is always PROXY; absent for SPP)"))
def("family", ProtoField.string("proxyproto.family", "Family", base.ASCII,
    "v1: TCP4, TCP6 or UNKNOWN; v2: INET, INET6, UNIX or UNSPEC; SPP: INET or INET6"))
def("transport", ProtoField.string("proxyproto.transport", "Transport", base.ASCII,
    "STREAM, DGRAM or UNSPEC"))
def("src_addr", ProtoField.string("proxyproto.src_addr", "Source address", base.UNICODE,
    "As the header JSON prints it (SPP: the client)"))
def("dst_addr", ProtoField.string("proxyproto.dst_addr", "Destination address", base.UNICODE,
    "As the header JSON prints it (SPP: the proxy)"))
def("src_port", ProtoField.uint16("proxyproto.src_port", "Source port", base.DEC))
def("dst_port", ProtoField.uint16("proxyproto.dst_port", "Destination port", base.DEC))
def("src_ipv4", ProtoField.ipv4("proxyproto.src_ipv4", "Source IPv4 address"))
def("dst_ipv4", ProtoField.ipv4("proxyproto.dst_ipv4", "Destination IPv4 address"))
def("src_ipv6", ProtoField.ipv6("proxyproto.src_ipv6", "Source IPv6 address"))
def("dst_ipv6", ProtoField.ipv6("proxyproto.dst_ipv6", "Destination IPv6 address"))
def("length", ProtoField.uint32("proxyproto.length", "Header length", base.DEC,
    nil, nil, "Bytes of the header (v1: the line with CRLF; v2: 16 + len_body; SPP: 38)"))

-- v1
def("v1_unknown", ProtoField.string("proxyproto.v1.unknown", "Ignored text after UNKNOWN",
    base.ASCII))

-- v2 fixed part and address block
def("v2_signature", ProtoField.bytes("proxyproto.v2.signature", "Signature"))
def("v2_ver_cmd", ProtoField.uint8("proxyproto.v2.ver_cmd", "Version and command", base.HEX))
def("v2_version", ProtoField.uint8("proxyproto.v2.version", "Version", base.DEC, nil, 0xF0))
def("v2_command", ProtoField.uint8("proxyproto.v2.command", "Command", base.DEC,
    COMMAND_NAMES, 0x0F))
def("v2_fam", ProtoField.uint8("proxyproto.v2.fam", "Family and transport", base.HEX))
def("v2_family", ProtoField.uint8("proxyproto.v2.family", "Address family", base.DEC,
    FAMILY_NAMES, 0xF0))
def("v2_transport", ProtoField.uint8("proxyproto.v2.transport", "Transport protocol", base.DEC,
    TRANSPORT_NAMES, 0x0F))
def("v2_len_body", ProtoField.uint16("proxyproto.v2.len_body", "Length of the rest", base.DEC))
def("v2_addresses", ProtoField.bytes("proxyproto.v2.addresses", "Address block",
    base.NONE, "Skipped: the body of a family/transport pair without a layout"))

-- SPP
def("spp_magic", ProtoField.uint16("proxyproto.spp.magic", "Magic", base.HEX))

-- TLVs
def("tlv", ProtoField.none("proxyproto.tlv", "TLV"))
def("tlv_type", ProtoField.uint8("proxyproto.tlv.type", "Type", base.HEX, TLV_NAMES))
def("tlv_name", ProtoField.string("proxyproto.tlv.name", "Name", base.ASCII,
    "Spec name without PP2_TYPE_; absent when the type is not registered"))
def("tlv_length", ProtoField.uint16("proxyproto.tlv.length", "Length", base.DEC))
def("tlv_hex", ProtoField.bytes("proxyproto.tlv.hex", "Value (raw)"))
def("tlv_value", ProtoField.string("proxyproto.tlv.value", "Value", base.UNICODE,
    "ALPN, AUTHORITY, NETNS as text (absent if not UTF-8)"))
def("crc_value", ProtoField.uint32("proxyproto.tlv.crc32c.value", "Checksum", base.HEX))
def("crc_verified", ProtoField.bool("proxyproto.tlv.crc32c.verified", "CRC32C verified"))
def("crc_computed", ProtoField.uint32("proxyproto.tlv.crc32c.computed", "CRC32C computed",
    base.HEX))
def("ssl_client", ProtoField.uint8("proxyproto.tlv.ssl.client", "Client", base.HEX))
def("ssl_client_ssl", ProtoField.bool("proxyproto.tlv.ssl.client.ssl", "PP2_CLIENT_SSL", 8,
    nil, 0x01, "The client connected over TLS"))
def("ssl_client_cert_conn", ProtoField.bool("proxyproto.tlv.ssl.client.cert_conn",
    "PP2_CLIENT_CERT_CONN", 8, nil, 0x02, "The client sent a certificate on this connection"))
def("ssl_client_cert_sess", ProtoField.bool("proxyproto.tlv.ssl.client.cert_sess",
    "PP2_CLIENT_CERT_SESS", 8, nil, 0x04,
    "The client sent a certificate at least once in this TLS session"))
def("ssl_verify", ProtoField.uint32("proxyproto.tlv.ssl.verify", "Verify", base.DEC))
def("sub_tlv", ProtoField.none("proxyproto.tlv.ssl.sub_tlv", "SSL sub-TLV"))
def("sub_type", ProtoField.uint8("proxyproto.tlv.ssl.sub_tlv.type", "Type", base.HEX,
    SSL_SUB_NAMES))
def("sub_name", ProtoField.string("proxyproto.tlv.ssl.sub_tlv.name", "Name", base.ASCII))
def("sub_length", ProtoField.uint16("proxyproto.tlv.ssl.sub_tlv.length", "Length", base.DEC))
def("sub_hex", ProtoField.bytes("proxyproto.tlv.ssl.sub_tlv.hex", "Value (raw)"))
def("sub_value", ProtoField.string("proxyproto.tlv.ssl.sub_tlv.value", "Value", base.UNICODE))
def("gcp_value", ProtoField.uint64("proxyproto.tlv.gcp.value", "PSC connection id", base.DEC))
def("aws_subtype", ProtoField.uint8("proxyproto.tlv.aws.subtype", "Subtype", base.HEX,
    AWS_SUBTYPES))
def("aws_value", ProtoField.string("proxyproto.tlv.aws.value", "VPC endpoint id", base.ASCII))
def("azure_subtype", ProtoField.uint8("proxyproto.tlv.azure.subtype", "Subtype", base.HEX,
    AZURE_SUBTYPES))
def("azure_value", ProtoField.uint32("proxyproto.tlv.azure.value", "Private endpoint LINKID",
    base.DEC, nil, nil, "Little-endian on the wire"))

-- Conversation tracking (generated)
def("client_addr", ProtoField.string("proxyproto.client_addr", "Real client address",
    base.UNICODE, "From the PROXY/SPP header of this stream or flow"))
def("client_port", ProtoField.uint16("proxyproto.client_port", "Real client port", base.DEC))
def("client_ipv4", ProtoField.ipv4("proxyproto.client_ipv4", "Real client IPv4 address"))
def("client_ipv6", ProtoField.ipv6("proxyproto.client_ipv6", "Real client IPv6 address"))
def("header_frame", ProtoField.framenum("proxyproto.header_frame", "Header in frame",
    base.NONE))
def("flow_clients", ProtoField.uint32("proxyproto.flow_clients", "Real clients on this flow",
    base.DEC, nil, nil, "UDP: how many different clients the flow's headers named so far"
    .. " (more than one: a datagram without a header is not attributed)"))

proto.fields = FIELD_LIST

-- --- Expert info ----------------------------------------------------------------------

local E = {
    invalid = ProtoExpert.new("proxyproto.invalid", "Invalid header",
        expert.group.MALFORMED, expert.severity.ERROR),
    incomplete = ProtoExpert.new("proxyproto.incomplete",
        "Incomplete header (stream ended or could not be reassembled)",
        expert.group.REASSEMBLE, expert.severity.WARN),
    crc_mismatch = ProtoExpert.new("proxyproto.crc32c_mismatch", "CRC32C mismatch",
        expert.group.CHECKSUM, expert.severity.ERROR),
    no_header = ProtoExpert.new("proxyproto.no_header", "No PROXY protocol header",
        expert.group.PROTOCOL, expert.severity.WARN),
    unusual = ProtoExpert.new("proxyproto.unusual", "Unusual but valid header",
        expert.group.PROTOCOL, expert.severity.NOTE),
    stacked = ProtoExpert.new("proxyproto.stacked", "Another PROXY header follows",
        expert.group.PROTOCOL, expert.severity.NOTE),
    not_utf8 = ProtoExpert.new("proxyproto.not_utf8", "Text value is not valid UTF-8",
        expert.group.PROTOCOL, expert.severity.WARN),
    spp_missing = ProtoExpert.new("proxyproto.spp_missing",
        "Datagram of an SPP flow without the SPP header",
        expert.group.PROTOCOL, expert.severity.WARN),
    reassembled = ProtoExpert.new("proxyproto.reassembled",
        "Header reassembled by the plugin from out-of-order segments",
        expert.group.REASSEMBLE, expert.severity.NOTE),
    internal = ProtoExpert.new("proxyproto.internal_error", "proxyproto.lua internal error",
        expert.group.UNDECODED, expert.severity.ERROR),
}
proto.experts = { E.invalid, E.incomplete, E.crc_mismatch, E.no_header, E.unusual, E.stacked,
                  E.not_utf8, E.spp_missing, E.reassembled, E.internal }

-- --- Preferences ----------------------------------------------------------------------

local prefs = proto.prefs
prefs.enable_v1 = Pref.bool("Dissect PROXY v1", true,
    "Recognise PROXY v1 text lines at the start of TCP streams")
prefs.enable_v2 = Pref.bool("Dissect PROXY v2", true,
    "Recognise PROXY v2 binary headers at the start of TCP streams and in UDP datagrams")
prefs.enable_spp = Pref.bool("Dissect Cloudflare SPP", true,
    "Recognise Cloudflare Spectrum Simple Proxy Protocol headers in UDP datagrams")
prefs.spp_prefixes = Pref.string("SPP detection: more address prefixes", "",
    "IPv6 prefixes ADDR/N, comma-separated (IPv4 as ::ffff:a.b.c.d/N), tried after the shared"
    .. " rule's address classes: an SPP datagram whose two addresses lie in one of them is"
    .. " claimed at once (a test or lab network; spec/spp_detection.json)")
prefs.verify_crc32c = Pref.bool("Verify CRC32C", true,
    "Check the CRC32C TLV of PROXY v2 headers (expert info on mismatch)")
prefs.track_conversations = Pref.bool("Show the real client on every packet", true,
    "Add proxyproto.client_addr/client_port to every later packet of a TCP stream or UDP flow")
prefs.wrap_ports = Pref.bool("Look for headers on ports that have a dissector", true,
    "Wrap the dissector of every TCP/UDP port that has one (HTTP, TLS, DNS, ...): a header at"
    .. " the start of a stream or datagram is shown and the rest goes to that dissector")
prefs.tcp_ports = Pref.range("TCP ports", "",
    "TCP ports always dissected as PROXY (besides the heuristic); the payload goes to the"
    .. " dissector that had the port before", 65535)
prefs.udp_ports = Pref.range("UDP ports", "",
    "UDP ports always dissected as PROXY v2 / SPP (besides the heuristic)", 65535)

-- The values, copied at load, at every new dissection (proto.init) and on change
-- (proto.prefs_changed): reading `prefs.x` is a call into Wireshark each time.
local P = {}
local function read_prefs()
    P.enable_v1, P.enable_v2, P.enable_spp = prefs.enable_v1, prefs.enable_v2, prefs.enable_spp
    P.spp_prefixes, P.verify_crc32c = prefs.spp_prefixes, prefs.verify_crc32c
    P.track_conversations = prefs.track_conversations
    P.wrap_ports = prefs.wrap_ports
end
read_prefs()

-- --- Small helpers (pure Lua 5.2) ------------------------------------------------------

local function u16(s, i)   -- big-endian at 1-based index i
    return sbyte(s, i) * 256 + sbyte(s, i + 1)
end

local function ipv4_text(s)   -- 4-byte string
    return sfmt("%d.%d.%d.%d", sbyte(s, 1, 4))
end

-- IPv6 as Python's ipaddress prints it (RFC 5952), except that IPv4-mapped addresses
-- keep a dotted tail (`::ffff:192.0.2.1`), as the library's JSON does.
local function ipv6_text(s)   -- 16-byte string
    if ssub(s, 1, 12) == MAPPED_PREFIX then
        return "::ffff:" .. ipv4_text(ssub(s, 13, 16))
    end
    local g = {}
    for i = 1, 15, 2 do g[#g + 1] = u16(s, i) end
    local best, best_len, cur, cur_len = nil, 0, nil, 0
    for i = 1, 8 do
        if g[i] == 0 then
            if not cur then cur, cur_len = i, 0 end
            cur_len = cur_len + 1
            if cur_len > best_len then best, best_len = cur, cur_len end
        else
            cur = nil
        end
    end
    local function hexs(a, b)
        local t = {}
        for i = a, b do t[#t + 1] = sfmt("%x", g[i]) end
        return table.concat(t, ":")
    end
    if best_len < 2 then return hexs(1, 8) end
    return hexs(1, best - 1) .. "::" .. hexs(best + best_len, 8)
end

-- Length of the valid UTF-8 sequence starting at byte i of s (RFC 3629, as Python's
-- strict decoder), or nil.
local function utf8_seq(s, i)
    local c = sbyte(s, i)
    if c < 0x80 then return 1 end
    local n, lo, hi
    if c >= 0xC2 and c <= 0xDF then n, lo, hi = 2, 0x80, 0xBF
    elseif c == 0xE0 then n, lo, hi = 3, 0xA0, 0xBF
    elseif (c >= 0xE1 and c <= 0xEC) or c == 0xEE or c == 0xEF then n, lo, hi = 3, 0x80, 0xBF
    elseif c == 0xED then n, lo, hi = 3, 0x80, 0x9F
    elseif c == 0xF0 then n, lo, hi = 4, 0x90, 0xBF
    elseif c >= 0xF1 and c <= 0xF3 then n, lo, hi = 4, 0x80, 0xBF
    elseif c == 0xF4 then n, lo, hi = 4, 0x80, 0x8F
    else return nil end
    local c2 = sbyte(s, i + 1)
    if not c2 or c2 < lo or c2 > hi then return nil end
    for k = 2, n - 1 do
        local ck = sbyte(s, i + k)
        if not ck or ck < 0x80 or ck > 0xBF then return nil end
    end
    return n
end

local function is_utf8(s)
    if not s:find("[\128-\255]") then return true end
    local i, n = 1, #s
    while i <= n do
        local len = utf8_seq(s, i)
        if not len then return false end
        i = i + len
    end
    return true
end

-- Python's bytes.decode("utf-8", "backslashreplace").
local function utf8_backslash(s)
    if is_utf8(s) then return s end
    local out, i, n = {}, 1, #s
    while i <= n do
        local len = utf8_seq(s, i)
        if len then
            out[#out + 1] = ssub(s, i, i + len - 1)
            i = i + len
        else
            out[#out + 1] = sfmt("\\x%02x", sbyte(s, i))
            i = i + 1
        end
    end
    return table.concat(out)
end

-- Text for display: control bytes and invalid UTF-8 as \xNN.
local function printable(s)
    return (utf8_backslash(s):gsub("[%z\1-\31\127]", function(c)
        return sfmt("\\x%02x", sbyte(c))
    end))
end

-- Wire bytes in a message, as Python's repr() of bytes prints them (b'TC\xffP4'), the
-- library's wording: ASCII only, so every string the plugin writes stays valid UTF-8
-- (Lua's %q would copy bytes >= 0x80 and break -T json / -T fields output).
local REPR_ESC = { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }
local function py_repr(s)
    local q = (s:find("'", 1, true) and not s:find('"', 1, true)) and '"' or "'"
    local body = s:gsub("[%z\1-\31\39\92\127-\255]", function(c)
        if c == "'" then return q == "'" and "\\'" or c end
        return REPR_ESC[c] or sfmt("\\x%02x", sbyte(c))
    end)
    return "b" .. q .. body .. q
end

-- A sun_path as the header JSON prints it: up to the first NUL; abstract names as @name.
local function unix_text(s)
    if sbyte(s, 1) == 0 then
        return "@" .. utf8_backslash((ssub(s, 2):match("^[^%z]*")))
    end
    return utf8_backslash((s:match("^[^%z]*")))
end

-- CRC32C (Castagnoli, reflected 0x82F63B78), slicing-by-8: eight bytes per step with
-- two XOR calls (bit32.bxor takes many arguments) and one string.byte call, the bytes of
-- the CRC taken apart with arithmetic. A bit32 call per operation per byte cost about
-- 2,000 instructions a byte.
local crc32c
do
    local CRC_TABLE = {}
    for i = 0, 255 do
        local c = i
        for _ = 1, 8 do
            if band(c, 1) == 1 then c = bxor(rshift(c, 1), 0x82F63B78) else c = rshift(c, 1) end
        end
        CRC_TABLE[i] = c
    end
    local T0 = CRC_TABLE
    local T1, T2, T3, T4, T5, T6, T7 = {}, {}, {}, {}, {}, {}, {}
    do
        local prev = T0
        for _, t in ipairs({ T1, T2, T3, T4, T5, T6, T7 }) do
            for i = 0, 255 do
                local c = prev[i]
                t[i] = bxor(T0[c % 256], rshift(c, 8))
            end
            prev = t
        end
    end

    -- CRC32C of s with the 4 bytes at 1-based index `zero_at` counted as zeros.
    function crc32c(s, zero_at)
        if zero_at then
            s = ssub(s, 1, zero_at - 1) .. "\0\0\0\0" .. ssub(s, zero_at + 4)
        end
        local crc = 0xFFFFFFFF
        local n = #s
        local i = 1
        while i + 7 <= n do
            local b0, b1, b2, b3, b4, b5, b6, b7 = sbyte(s, i, i + 7)
            local x = bxor(crc, b0 + b1 * 0x100 + b2 * 0x10000 + b3 * 0x1000000)
            local x0 = x % 256
            x = (x - x0) / 256
            local x1 = x % 256
            x = (x - x1) / 256
            local x2 = x % 256
            local x3 = (x - x2) / 256
            crc = bxor(T7[x0], T6[x1], T5[x2], T4[x3], T3[b4], T2[b5], T1[b6], T0[b7])
            i = i + 8
        end
        while i <= n do
            local c0 = crc % 256
            crc = bxor(T0[bxor(c0, sbyte(s, i))], (crc - c0) / 256)
            i = i + 1
        end
        return bxor(crc, 0xFFFFFFFF)
    end
    assert(crc32c("123456789") == 0xE3069283, "proxyproto.lua: CRC32C self-test failed")
end

-- --- PROXY v1 grammar (spec §2.1; mirrors proxyproto_kaitai._v1) ----------------------

local v1_ipv6, v1_parse
do
    local V1_FIELDS = { "magic", "family", "src_addr", "dst_addr", "src_port", "dst_port" }
    local V1_FAMILIES = { "TCP4", "TCP6", "UNKNOWN" }
    local V1_MIN_FOR = { UNKNOWN = 15, TCP4 = 32, TCP6 = 22 }

    local function v1_fail(field, offset, msg)
        error({ proxyproto = true, field = field, offset = offset, msg = msg }, 0)
    end

    local function v1_octet(o)   -- a decimal octet without leading zeros, or nil
        if o == "" or #o > 3 or o:find("[^0-9]") or (#o > 1 and ssub(o, 1, 1) == "0") then
            return nil
        end
        local v = tonumber(o)
        return v <= 255 and v or nil
    end

    local function split(s, sep)   -- like Python's s.split(sep): empty pieces kept
        local parts = {}
        for p in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do parts[#parts + 1] = p end
        return parts
    end

    local function v1_ipv4(tok)   -- 4 raw bytes, or nil
        local parts = split(tok, ".")
        if #parts ~= 4 then return nil end
        local out = {}
        for i = 1, 4 do
            out[i] = v1_octet(parts[i])
            if not out[i] then return nil end
        end
        return schar(out[1], out[2], out[3], out[4])
    end

    -- Can `tok` still grow into a dotted quad? (each finished octet valid, at most 4)
    local function v1_ipv4_prefix(tok)
        if tok:find("[^0-9.]") then return false end
        local parts = split(tok, ".")
        if #parts > 4 then return false end
        for i = 1, #parts - 1 do
            if not v1_octet(parts[i]) then return false end
        end
        return parts[#parts] == "" or v1_octet(parts[#parts]) ~= nil
    end

    -- Python ipaddress.IPv6Address rules (no zone ids: the alphabet excludes '%').
    function v1_ipv6(tok)   -- 16 raw bytes, or nil
        if #tok < 2 or #tok > 45 or tok:find("[^0-9A-Fa-f:.]") then return nil end
        local parts = split(tok, ":")
        if #parts < 3 then return nil end
        if parts[#parts]:find(".", 1, true) then
            local v4 = v1_ipv4(table.remove(parts))
            if not v4 then return nil end
            parts[#parts + 1] = sfmt("%x", u16(v4, 1))
            parts[#parts + 1] = sfmt("%x", u16(v4, 3))
        end
        if #parts > 9 then return nil end
        local skip
        for i = 2, #parts - 1 do
            if parts[i] == "" then
                if skip then return nil end
                skip = i
            end
        end
        local hi, lo, skipped
        if skip then
            hi = skip - 1
            lo = #parts - skip
            if parts[1] == "" then
                hi = hi - 1
                if hi ~= 0 then return nil end
            end
            if parts[#parts] == "" then
                lo = lo - 1
                if lo ~= 0 then return nil end
            end
            skipped = 8 - (hi + lo)
            if skipped < 1 then return nil end
        else
            if #parts ~= 8 or parts[1] == "" or parts[#parts] == "" then return nil end
            hi, lo, skipped = #parts, 0, 0
        end
        local groups = {}
        local function hextet(p)
            if p == "" or #p > 4 or p:find("[^0-9A-Fa-f]") then return false end
            groups[#groups + 1] = tonumber(p, 16)
            return true
        end
        for i = 1, hi do if not hextet(parts[i]) then return nil end end
        for _ = 1, skipped do groups[#groups + 1] = 0 end
        for i = #parts - lo + 1, #parts do if not hextet(parts[i]) then return nil end end
        if #groups ~= 8 then return nil end
        local bytes = {}
        for i = 1, 8 do
            bytes[#bytes + 1] = schar(rshift(groups[i], 8), band(groups[i], 0xFF))
        end
        return table.concat(bytes)
    end

    local function v1_port(tok)
        if tok == "0" or (tok:match("^[1-9]%d*$") and #tok <= 5) then
            local v = tonumber(tok)
            if v <= 0xFFFF then return v end
        end
        return nil
    end

    -- Validates the line content (no CRLF), or an unfinished beginning of it. Fills
    -- `partial` (field -> { value, off, len }) with every token read, and returns the
    -- family token so far ("" if unknown). Raises a v1_fail error table on the first
    -- token that cannot be, or become, valid.
    local function v1_check(content, complete, partial)
        local tokens, offsets = {}, {}
        local at = 0
        for _, tok in ipairs(split(content, " ")) do
            tokens[#tokens + 1] = tok
            offsets[#offsets + 1] = at
            at = at + #tok + 1
        end
        local last = ""
        if not complete then
            last = table.remove(tokens)
            at = table.remove(offsets)
        end
        local family = ""
        for i0 = 0, #tokens - 1 do
            local tok = tokens[i0 + 1]
            if i0 == 0 then
                if tok ~= V1_MAGIC then     -- "PROXY" then something other than SP
                    v1_fail("magic", 5, "expected 'PROXY ', got " .. py_repr(ssub(tok, 1, 16)))
                end
            elseif i0 == 1 then
                local known = false
                for _, f in ipairs(V1_FAMILIES) do known = known or tok == f end
                if not known then
                    v1_fail("family", 6, "unknown protocol " .. py_repr(ssub(tok, 1, 16)))
                end
                family = tok
                partial.family = { value = tok, off = 6, len = #tok }
                if family == "UNKNOWN" then break end   -- anything may follow "UNKNOWN "
            else
                if i0 >= #V1_FIELDS then
                    v1_fail("dst_port", offsets[6], "extra data after the destination port")
                end
                local field = V1_FIELDS[i0 + 1]
                local value
                if i0 >= 4 then
                    value = v1_port(tok)
                elseif family == "TCP4" then
                    value = v1_ipv4(tok)
                else
                    value = v1_ipv6(tok)
                end
                if value == nil then
                    v1_fail(field, offsets[i0 + 1],
                            sfmt("invalid %s %s for %s", field, py_repr(ssub(tok, 1, 48)), family))
                end
                partial[field] = { value = value, off = offsets[i0 + 1], len = #tok }
            end
        end
        if complete then
            if family ~= "UNKNOWN" and #tokens < #V1_FIELDS then
                local field = V1_FIELDS[#tokens + 1]
                v1_fail(field, #content, "line ends before " .. field)
            end
            return family
        end
        local i0 = #tokens
        if family == "UNKNOWN" then return family end
        if i0 >= #V1_FIELDS then
            v1_fail("dst_port", offsets[6], "extra data after the destination port")
        end
        local ok
        if i0 == 0 then
            ok = ssub(V1_MAGIC, 1, #last) == last
        elseif i0 == 1 then
            ok = false
            for _, f in ipairs(V1_FAMILIES) do ok = ok or ssub(f, 1, #last) == last end
        elseif i0 < 4 then
            if family == "TCP4" then
                ok = v1_ipv4_prefix(last)
            else
                ok = #last <= 45 and not last:find("[^0-9A-Fa-f:.]")
            end
        else
            ok = last == "" or last == "0" or (last:match("^[1-9]%d*$") ~= nil and #last <= 5)
        end
        if not ok then
            local field = V1_FIELDS[i0 + 1]
            v1_fail(field, i0 == 0 and 5 or at,
                    sfmt("%s cannot start with %s", field, py_repr(ssub(last, 1, 48))))
        end
        return family
    end

    -- The tokens before a framing fault: raises on a bad token (the earlier fault),
    -- otherwise fills `partial`, the last token included when it is complete and valid.
    local function v1_scan(content, partial)
        v1_check(content, false, partial)
        pcall(v1_check, content, true, partial)
    end

    -- Parses the v1 line at the start of s. Returns one of
    --   { status = "ok", length = n, partial = fields }
    --   { status = "incomplete", needed = n }
    --   { status = "invalid", field = f, offset = o, msg = m, partial = fields or nil }
    function v1_parse(s, datagram)
        local partial = {}
        local ok, res = pcall(function()
            local n = #s
            local lf = s:find("\n", 1, true)
            if lf and lf > V1_MAX_LEN then lf = nil end
            local e = lf and lf - 1 or -1          -- 0-based offset of the LF, -1 if none
            if ssub(s, 1, 5) ~= V1_MAGIC then
                if ssub(V1_MAGIC, 1, n) == s and not datagram then
                    return { status = "incomplete", needed = 15 - n }
                end
                partial = nil
                v1_fail("magic", 0, "no 'PROXY' signature")
            end
            local head = (e < 0) and ssub(s, 1, V1_MAX_LEN) or ssub(s, 1, e)
            -- The one CR allowed is right before the LF (or, with no LF yet, the last byte).
            local crpos = head:find("\r", 1, true)
            local cr = crpos and crpos - 1 or -1
            if cr >= 0 and cr ~= #head - 1 then
                v1_scan(ssub(head, 1, cr), partial)
                v1_fail("line", cr, "CR not followed by LF")
            end
            if e >= 0 then
                if cr < 0 then
                    v1_scan(head, partial)
                    v1_fail("line", e, "LF without CR")
                end
                v1_check(ssub(head, 1, -2), true, partial)
                return { status = "ok", length = e + 1, partial = partial }
            end
            if #head >= V1_MAX_LEN then
                v1_scan(cr >= 0 and ssub(head, 1, cr) or head, partial)
                v1_fail("line", V1_MAX_LEN, sfmt("no CRLF within the first %d bytes", V1_MAX_LEN))
            end
            local needed
            if cr >= 0 then
                v1_check(ssub(head, 1, -2), true, partial)
                needed = 1
            else
                local family = v1_check(head, false, partial)
                needed = math.max(2, (V1_MIN_FOR[family] or 15) - #head)
            end
            if datagram then
                v1_fail("line", n, "the datagram ends before the line's CRLF")
            end
            return { status = "incomplete", needed = needed }
        end)
        if ok then return res end
        if type(res) == "table" and res.proxyproto then
            res.status = "invalid"
            res.partial = partial
            return res
        end
        error(res, 0)   -- a bug: let the dissector's pcall report it
    end
end

-- --- Tree helpers ---------------------------------------------------------------------

-- Whether the header being dissected gets all its tree items (R, set per header by
-- `wanted`). When nobody can see them (no tree: tshark's summary output; or an invisible
-- tree and no proxyproto field in any filter, column or output: Wireshark's first pass,
-- `-Y` on other fields, statistics), Wireshark fakes every item below the protocol item:
-- it returns the protocol item itself. The plugin then adds only the protocol item and
-- hangs the expert info on it, where the faked items would have put it; everything that
-- is not an item is done as before: columns, state, hand-off.
local R = true
local PROTO_HANDLE = nil   -- Dissector "proxyproto", for TreeItem.referenced
local ti_referenced = rawget(TreeItem, "referenced")

local function wanted(tree)
    if not ti_referenced or not PROTO_HANDLE then return true end
    return ti_referenced(tree, PROTO_HANDLE)
end

-- Is there a tree at all? The tree item Wireshark passes to a Lua dissector is a hidden
-- placeholder in the tree, or nothing when no tree is built.
local function has_tree(tree)
    local ok, hidden = pcall(function() return tree.hidden end)
    return not ok or hidden ~= false
end

-- A range for expert info at `offset` (clamped to the bytes we have).
local function where(tvb, offset, len)
    local n = tvb_len(tvb)
    if n == 0 then return tvb() end
    if offset >= n then return tvb(n - 1, 1) end
    len = len or 1
    if offset + len > n then len = n - offset end
    return tvb(offset, len)
end

local function fault(tree, tvb, field, offset, msg, len, ef)
    ti_tvb_expert(tree, ef or E.invalid, where(tvb, offset, len),
        sfmt("%s [field %s, offset %d]", msg, field, offset))
end

local function add_gen(tree, f, range, value, label)
    local item
    if label then
        item = ti_add(tree, f, range, value, label)
    else
        item = ti_add(tree, f, range, value)
    end
    ti_set_generated(item)
    return item
end

local function u32(s, i)   -- big-endian at 1-based index i
    local a, b, c, d = sbyte(s, i, i + 3)
    return ((a * 256 + b) * 256 + c) * 256 + d
end

-- --- PROXY v2 (spec §2.2) ---------------------------------------------------------------

-- The TLV framing, as the .ksy's parse meets it (spec §2.2; proxyproto_kaitai/_v2.py
-- `_raise_fault`): TLVs in wire order, each value read before the next TLV's header, so
-- the first of these in wire order is the fault the library reports: bytes too few for a
-- TLV header, a length past the end, a CRC32C value that is not 4 bytes, an SSL value
-- shorter than its fixed part, and the same framing inside the SSL value. Returns
-- { field, offset, msg, len } or nil. The rules checked after a clean parse (UNIQUE_ID
-- length, a second CRC32C, the checksum) come later, in wire order, as in the library.
local function framing_fault(s, pos, stop, sub)
    while pos < stop do
        local left = stop - pos
        if left < TLV_HEADER_LEN then
            return { field = sub and "sub_tlvs" or "tlvs", offset = pos, len = left,
                     msg = sub and sfmt("%d stray byte(s) after the last SSL sub-TLV", left)
                           or sfmt("%d stray byte(s) after the last TLV, too few for a TLV"
                                   .. " header", left) }
        end
        local t, l = sbyte(s, pos + 1), u16(s, pos + 2)
        if l > left - TLV_HEADER_LEN then
            return { field = "len_value", offset = pos + 1, len = 2,
                     msg = sub and sfmt("SSL sub-TLV says %d bytes, more than the %d left in"
                                        .. " the SSL TLV", l, left - TLV_HEADER_LEN)
                           or sfmt("TLV 0x%02x says %d bytes, only %d remain in the header",
                                   t, l, left - TLV_HEADER_LEN) }
        end
        if not sub and t == TLV.CRC32C and l ~= 4 then
            return { field = "len_value", offset = pos + 1, len = 2,
                     msg = sfmt("CRC32C value is %d bytes, not 4", l) }
        end
        if not sub and t == TLV.SSL then
            if l < SSL_FIXED_LEN then
                return { field = "len_value", offset = pos + 1, len = 2,
                         msg = sfmt("SSL TLV value is %d bytes, less than %d", l,
                                    SSL_FIXED_LEN) }
            end
            local f = framing_fault(s, pos + TLV_HEADER_LEN + SSL_FIXED_LEN,
                                    pos + TLV_HEADER_LEN + l, true)
            if f then return f end
        end
        pos = pos + TLV_HEADER_LEN + l
    end
    return nil
end

-- What the shared TLV walker puts in the tree for each level: top-level TLVs and SSL
-- sub-TLVs have the same type-length-value framing, and differ in names and fields only.
local TOP_LEVEL = { item = F.tlv, type = F.tlv_type, name = F.tlv_name, length = F.tlv_length,
                    hex = F.tlv_hex, value = F.tlv_value, names = TLV_NAMES,
                    label = "TLV", text = TEXT_TLVS }
local SSL_LEVEL = { item = F.sub_tlv, type = F.sub_type, name = F.sub_name,
                    length = F.sub_length, hex = F.sub_hex, value = F.sub_value,
                    names = SSL_SUB_NAMES, label = "SSL sub-TLV", text = TEXT_SUBS }

local decorate_tlv   -- the top level's per-type decoding, below

-- The one TLV walker: every TLV of s between the 0-based offsets pos and stop, in wire
-- order, duplicates kept, as items of `level` under tree; a TLV that runs past stop gets
-- an item with its type and length (the framing fault itself was reported already) and
-- ends the walk. Text values are shown when they are UTF-8, else flagged.
local function walk_tlvs(tree, tvb, s, pos, stop, level, r)
    while stop - pos >= TLV_HEADER_LEN do
        local left = stop - pos
        local t, l = sbyte(s, pos + 1), u16(s, pos + 2)
        local whole = l <= left - TLV_HEADER_LEN
        local name = level.names[t]
        local at = pos + TLV_HEADER_LEN
        local item, vr = tree, nil
        if R then
            item = ti_add(tree, level.item, tvb(pos, whole and TLV_HEADER_LEN + l or left))
            local rt = tvb(pos, 1)
            ti_add(item, level.type, rt)
            if name then add_gen(item, level.name, rt, name) end
            ti_add(item, level.length, tvb(pos + 1, 2))
            if whole then
                ti_set_text(item, sfmt("%s: %s (0x%02x), %d byte%s", level.label,
                                       name or "unknown", t, l, l == 1 and "" or "s"))
                vr = tvb(at, l)
                local hex = ti_add(item, level.hex, vr)
                if l == 0 then ti_set_text(hex, "Value (raw): (empty)") end
            end
        end
        if not whole then return end
        if level == TOP_LEVEL then r.tlv_names[#r.tlv_names + 1] = name or sfmt("0x%02x", t) end
        if level.text[t] then
            local value = ssub(s, at + 1, at + l)
            if is_utf8(value) then
                if R then
                    ti_add(item, level.value, vr, value)
                    ti_append_text(item, ": " .. value)
                end
            else
                ti_tvb_expert(item, E.not_utf8, vr or tvb(at, l),
                              sfmt("%s %s value is not valid UTF-8", level.label, name))
            end
        end
        if level == TOP_LEVEL then decorate_tlv(item, tvb, s, pos, t, l, vr, r) end
        pos = at + l
    end
end

-- The top level's values beyond the raw bytes: CRC32C (checked), SSL (client, verify and
-- its sub-TLVs, through the same walker), the vendor TLVs; and the rules the library
-- checks after a clean parse, in wire order.
decorate_tlv = function(item, tvb, s, pos, t, l, vr, r)
    local at = pos + TLV_HEADER_LEN
    if t == TLV.CRC32C then
        if l ~= 4 then r.invalid = true; return end   -- the framing fault, reported first
        if r.crc_seen then
            fault(item, tvb, "tlv_type", pos,
                  "more than one CRC32C TLV: the checksum is ambiguous", 1)
            r.invalid = true
        end
        r.crc_seen = true
        local stored = u32(s, at + 1)
        local vitem = R and ti_add(item, F.crc_value, vr)
        if P.verify_crc32c then
            local actual = crc32c(s, at + 1)
            local ok = actual == stored
            if R then
                add_gen(item, F.crc_verified, vr, ok)
                add_gen(item, F.crc_computed, vr, actual)
                ti_append_text(vitem, ok and " [correct]"
                               or sfmt(" [incorrect, should be 0x%08x]", actual))
            end
            if not ok then
                fault(item, tvb, "checksum", at,
                      sfmt("CRC32C mismatch: header says 0x%08x, bytes give 0x%08x",
                           stored, actual), 4, E.crc_mismatch)
                r.invalid = true
            end
        end
    elseif t == TLV.UNIQUE_ID then
        if l > UNIQUE_ID_MAX_LEN then
            fault(item, tvb, "len_value", pos + 1,
                  sfmt("UNIQUE_ID is %d bytes, more than the %d allowed", l, UNIQUE_ID_MAX_LEN), 2)
            r.invalid = true
        end
    elseif t == TLV.SSL then
        if l < SSL_FIXED_LEN then r.invalid = true; return end   -- the framing fault
        if R then
            local r1 = tvb(at, 1)
            local flags = ti_add(item, F.ssl_client, r1)
            ti_add(flags, F.ssl_client_ssl, r1)
            ti_add(flags, F.ssl_client_cert_conn, r1)
            ti_add(flags, F.ssl_client_cert_sess, r1)
            ti_add(item, F.ssl_verify, tvb(at + 1, 4))
        end
        walk_tlvs(item, tvb, s, at + SSL_FIXED_LEN, at + l, SSL_LEVEL, r)
    elseif not R then
        return   -- the rest only decorates the tree
    elseif t == TLV.GCP then
        if l == 8 then
            ti_add(item, F.gcp_value, vr)
            ti_append_text(item, ": " .. tostring(vr:uint64()))
        end
    elseif t == TLV.AWS then
        if l >= 1 then
            ti_add(item, F.aws_subtype, tvb(at, 1))
            local id = ssub(s, at + 2, at + l)
            if is_utf8(id) then
                ti_add(item, F.aws_value, tvb(at + 1, l - 1), id)
                ti_append_text(item, ": " .. id)
            end
        end
    elseif t == TLV.AZURE then
        if l == 5 then
            ti_add(item, F.azure_subtype, tvb(at, 1))
            ti_add_le(item, F.azure_value, tvb(at + 1, 4))
            local b0, b1, b2, b3 = sbyte(s, at + 2, at + 5)
            ti_append_text(item, sfmt(": LINKID %d", ((b3 * 256 + b2) * 256 + b1) * 256 + b0))
        end
    elseif SSL_SUB_NAMES[t] then
        ti_append_text(item, " (an SSL sub-TLV type outside an SSL TLV)")
    end
end

-- Dissects a v2 header at the start of tvb (n bytes). `datagram`: the bytes cannot grow.
-- Returns { status = "need" } when more stream bytes are needed, else a result table:
-- length (bytes of header shown), client (or nil), invalid (bool), summary (string).
local function dissect_v2(tvb, tree, datagram, can_desegment, n)
    local head = tvb_raw(tvb, 0, mmin(n, V2_FIXED_LEN))
    if n < V2_FIXED_LEN then
        -- Only the nibbles present can be judged; the rest needs more bytes.
        local bad_nibble = false
        if n >= 13 then
            local vc = sbyte(head, 13)
            bad_nibble = rshift(vc, 4) ~= 2 or band(vc, 15) > 1
        end
        if n >= 14 then
            local fam = sbyte(head, 14)
            bad_nibble = bad_nibble or rshift(fam, 4) > 3 or band(fam, 15) > 2
        end
        if not datagram and not bad_nibble and can_desegment then return { status = "need" } end
        if not bad_nibble then
            local all = tvb(0, n)
            local root = ti_add(tree, proto, all, "PROXY Protocol v2 (truncated)")
            if R then
                add_gen(root, F.kind, all, "v2")
                ti_add(root, F.v2_signature, tvb(0, mmin(n, 12)))
            end
            if datagram then
                local field = (n < 12 and "magic") or (n == 12 and "version")
                              or (n == 13 and "family") or "len_body"
                fault(root, tvb, field, n, sfmt(
                      "datagram ends inside the PROXY v2 fixed part (%d of 16 bytes)", n), 1,
                      E.invalid)
            else
                ti_tvb_expert(root, E.incomplete, all, sfmt(
                    "PROXY v2 fixed part: %d of 16 bytes (TCP reassembly off or stream ended)", n))
            end
            return { length = n, invalid = true, summary = "PROXY v2 (truncated)", root = root }
        end
        -- fall through with what we have: the bad nibble is reported below
    end
    local fixed = mmin(n, V2_FIXED_LEN)
    local vc = sbyte(head, 13)
    local fam = (n >= 14) and sbyte(head, 14) or nil
    local len_body = (n >= 16) and u16(head, 15) or nil
    local total = len_body and (V2_FIXED_LEN + len_body) or fixed
    local version, command = rshift(vc, 4), band(vc, 15)
    local family, transport
    if fam then family, transport = rshift(fam, 4), band(fam, 15) end
    local fixed_bad = version ~= 2 or command > 1
                      or (fam ~= nil and (family > 3 or transport > 2))

    if not fixed_bad and n < total then
        if not datagram and can_desegment then return { status = "need" } end
    end
    local shown = mmin(n, total)
    if fixed_bad then shown = fixed end
    local r = { invalid = false, tlv_names = {}, length = shown }
    local root = ti_add(tree, proto, tvb(0, shown))
    if R then
        local r_sig = tvb(0, 12)
        add_gen(root, F.kind, r_sig, "v2")
        ti_add(root, F.v2_signature, r_sig)
        local r12 = tvb(12, 1)
        local vci = ti_add(root, F.v2_ver_cmd, r12)
        ti_add(vci, F.v2_version, r12)
        ti_add(vci, F.v2_command, r12)
        if COMMAND_NAMES[command] then add_gen(root, F.command, r12, COMMAND_NAMES[command]) end
        if fam then
            local r13 = tvb(13, 1)
            local fi = ti_add(root, F.v2_fam, r13)
            ti_add(fi, F.v2_family, r13)
            ti_add(fi, F.v2_transport, r13)
            if FAMILY_NAMES[family] then add_gen(root, F.family, r13, FAMILY_NAMES[family]) end
            if TRANSPORT_NAMES[transport] then
                add_gen(root, F.transport, r13, TRANSPORT_NAMES[transport])
            end
        end
        if len_body then
            local r14 = tvb(14, 2)
            ti_add(root, F.v2_len_body, r14)
            add_gen(root, F.length, r14, total)
        end
    end
    r.root = root
    -- The fixed part, in the .ksy's order: version, command, family, transport.
    if version ~= 2 then
        fault(root, tvb, "version", 12, sfmt("PROXY v2 version %d is not 2", version))
    end
    if command > 1 then
        fault(root, tvb, "command", 12,
              sfmt("PROXY v2 command %d is neither LOCAL (0) nor PROXY (1)", command))
    end
    if fam and family > 3 then
        fault(root, tvb, "family", 13, sfmt("PROXY v2 address family %d is not defined", family))
    end
    if fam and transport > 2 then
        fault(root, tvb, "transport", 13,
              sfmt("PROXY v2 transport protocol %d is not defined", transport))
    end
    if fixed_bad then
        r.invalid = true
        r.data_only = true      -- the layout is unknown: do not offer the rest to a port
        r.summary = "PROXY v2 (invalid)"
        if R then ti_set_text(root, "PROXY Protocol v2 (invalid)") end
        return r
    end
    if n < total then
        if datagram then
            fault(root, tvb, "len_body", 14, sfmt("len says %d bytes follow, the datagram has %d",
                  len_body, n - V2_FIXED_LEN), 2)
        else
            ti_tvb_expert(root, E.incomplete, tvb(14, 2), sfmt(
                "PROXY v2 header: %d of %d bytes (TCP reassembly off or stream ended)", n, total))
        end
        r.invalid = true
        r.summary = "PROXY v2 (truncated)"
        if R then
            ti_set_text(root, sfmt("PROXY Protocol v2 (truncated: %d of %d bytes)", n, total))
        end
        return r
    end

    local s = (total > V2_FIXED_LEN) and tvb_raw(tvb, 0, total) or head
    local cname, fname = COMMAND_NAMES[command], FAMILY_NAMES[family]
    local src_text, dst_text, sport, dport
    -- A LOCAL header has no address block whatever its family: everything after the fixed
    -- part is TLVs, as HAProxy's receiver reads it (spec/.ksy `body_tlvs_only`). A PROXY
    -- header has the block of its fam byte; only the pairs the spec defines have a layout
    -- (0x00, 0x11, 0x12, 0x21, 0x22, 0x31, 0x32); for the others the body is skipped, as
    -- for UNSPEC (spec/.ksy: `body` left raw).
    local is_local = command == 0
    local has_layout = is_local or (family == 0) == (transport == 0)
    local block = is_local and 0 or BLOCK_LEN[family]
    local has_addresses = has_layout and block > 0
    local a = V2_FIXED_LEN
    local pos = V2_FIXED_LEN
    if not has_layout then
        if R and len_body > 0 then ti_add(root, F.v2_addresses, tvb(a, len_body)) end
        ti_tvb_expert(root, E.unusual, tvb(13, 1), sfmt(
            "Family/transport 0x%02x has no layout in the spec: the body is skipped and the"
            .. " real endpoints apply", fam))
        pos = total
    elseif has_addresses and len_body < block then
        fault(root, tvb, "addresses", V2_FIXED_LEN, sfmt(
              "len %d is too small for the %d-byte %s address block", len_body, block, fname),
              math.max(len_body, 1))
        r.invalid = true
        pos = total
    elseif has_addresses then
        pos = a + block
        if family == 1 then
            src_text, dst_text = ipv4_text(ssub(s, a + 1, a + 4)), ipv4_text(ssub(s, a + 5, a + 8))
            sport, dport = u16(s, a + 9), u16(s, a + 11)
            if R then
                local rs, rd = tvb(a, 4), tvb(a + 4, 4)
                ti_add(root, F.src_addr, rs, src_text)
                ti_add(root, F.src_ipv4, rs)
                ti_add(root, F.dst_addr, rd, dst_text)
                ti_add(root, F.dst_ipv4, rd)
                ti_add(root, F.src_port, tvb(a + 8, 2))
                ti_add(root, F.dst_port, tvb(a + 10, 2))
            end
            r.client = { addr = src_text, port = sport, af = 4 }
        elseif family == 2 then
            src_text = ipv6_text(ssub(s, a + 1, a + 16))
            dst_text = ipv6_text(ssub(s, a + 17, a + 32))
            sport, dport = u16(s, a + 33), u16(s, a + 35)
            if R then
                local rs, rd = tvb(a, 16), tvb(a + 16, 16)
                ti_add(root, F.src_addr, rs, src_text)
                ti_add(root, F.src_ipv6, rs)
                ti_add(root, F.dst_addr, rd, dst_text)
                ti_add(root, F.dst_ipv6, rd)
                ti_add(root, F.src_port, tvb(a + 32, 2))
                ti_add(root, F.dst_port, tvb(a + 34, 2))
            end
            r.client = { addr = src_text, port = sport, af = 6 }
        else
            src_text = unix_text(ssub(s, a + 1, a + 108))
            dst_text = unix_text(ssub(s, a + 109, a + 216))
            if R then
                ti_add(root, F.src_addr, tvb(a, 108), src_text)
                ti_add(root, F.dst_addr, tvb(a + 108, 108), dst_text)
            end
            r.client = { addr = src_text }
        end
    elseif is_local and family ~= 0 and len_body > 0 then
        ti_tvb_expert(root, E.unusual, tvb(13, 1), sfmt(
            "LOCAL header with family %s: LOCAL has no address block, the body holds TLVs only",
            fname))
    end
    -- TLVs, bounded by the end of the header (16 + len), never the payload. The framing
    -- fault (the library's first) goes on the root first; then the TLVs and their rules.
    r.total = total
    local framing = pos < total and framing_fault(s, pos, total, false)
    if framing then
        fault(root, tvb, framing.field, framing.offset, framing.msg, framing.len)
        r.invalid = true
    end
    walk_tlvs(root, tvb, s, pos, total, TOP_LEVEL, r)
    local where_text = ""
    if src_text then
        if sport then
            where_text = sfmt(", %s:%d → %s:%d", src_text, sport, dst_text, dport)
        else
            where_text = sfmt(", %s → %s", src_text, dst_text)
        end
    end
    r.summary = sfmt("PROXY v2 %s %s/%s%s", cname, fname, TRANSPORT_NAMES[transport], where_text)
    if #r.tlv_names > 0 then
        r.summary = r.summary .. " TLVs: " .. table.concat(r.tlv_names, ",")
    end
    if r.invalid then r.summary = r.summary .. " (invalid)" end
    if R then ti_set_text(root, "PROXY Protocol v2, " .. ssub(r.summary, 10)) end
    if command ~= 1 then r.client = nil end
    if command == 1 then r.dst_port = dport end
    return r
end

-- --- PROXY v1 ----------------------------------------------------------------------------

local V1_ADDR_FIELDS = { src = { F.src_addr, F.src_ipv4, F.src_ipv6 },
                         dst = { F.dst_addr, F.dst_ipv4, F.dst_ipv6 } }

-- Adds the v1 fields read so far (`partial` from v1_parse) to root; returns the client and
-- the address texts.
local function v1_fields(root, tvb, partial)
    local fam = partial.family
    if not fam then return nil end
    if R then
        local rf = tvb(fam.off, fam.len)
        ti_add(root, F.family, rf, fam.value)
        add_gen(root, F.transport, rf, "STREAM")
    end
    local v6 = fam.value == "TCP6"
    local texts = {}
    for _, key in ipairs({ "src", "dst" }) do
        local a = partial[key .. "_addr"]
        if a then
            local text = v6 and ipv6_text(a.value) or ipv4_text(a.value)
            texts[key] = text
            if R then
                local range = tvb(a.off, a.len)
                local fields = V1_ADDR_FIELDS[key]
                ti_add(root, fields[1], range, text)
                ti_add(root, v6 and fields[3] or fields[2], range,
                       v6 and Address.ipv6(text) or Address.ip(text))
            end
        end
    end
    if R then
        for _, key in ipairs({ "src_port", "dst_port" }) do
            local p = partial[key]
            if p then ti_add(root, F[key], tvb(p.off, p.len), p.value) end
        end
    end
    if texts.src and partial.src_port then
        return { addr = texts.src, port = partial.src_port.value, af = v6 and 6 or 4 }, texts
    end
    return nil, texts
end

local function dissect_v1(tvb, tree, datagram, can_desegment, n)
    local s = tvb_raw(tvb, 0, mmin(n, V1_MAX_LEN + 1))
    local res = v1_parse(s, datagram)
    if res.status == "incomplete" then
        if can_desegment then return { status = "need" } end
        local all = tvb(0, n)
        local root = ti_add(tree, proto, all, "PROXY Protocol v1 (incomplete)")
        if R then add_gen(root, F.kind, all, "v1") end
        ti_tvb_expert(root, E.incomplete, all, sfmt(
            "PROXY v1: no CRLF in %d bytes (TCP reassembly off or stream ended)", n))
        return { length = n, invalid = true, summary = "PROXY v1 (incomplete)", root = root }
    end
    if res.status == "invalid" then
        local shown = mmin(n, V1_MAX_LEN)
        local lf = s:find("\n", 1, true)
        if lf and lf <= V1_MAX_LEN then shown = lf end
        local root = ti_add(tree, proto, tvb(0, shown), "PROXY Protocol v1 (invalid)")
        if R then
            if res.partial then
                local r5 = tvb(0, 5)
                add_gen(root, F.kind, r5, "v1")
                ti_add(root, F.command, r5, "PROXY")
                v1_fields(root, tvb, res.partial)
            end
        end
        fault(root, tvb, res.field, res.offset, "Invalid PROXY v1 line: " .. res.msg)
        return { length = shown, invalid = true, summary = "PROXY v1 (invalid)", root = root }
    end
    local len = res.length
    local root = ti_add(tree, proto, tvb(0, len))
    if R then
        local r5 = tvb(0, 5)
        add_gen(root, F.kind, r5, "v1")
        ti_add(root, F.command, r5, "PROXY")
    end
    local client, texts = v1_fields(root, tvb, res.partial)
    if R then add_gen(root, F.length, tvb(0, len), len) end
    local r = { length = len, invalid = false, root = root, client = client,
                dst_port = res.partial.dst_port and res.partial.dst_port.value }
    local family = res.partial.family.value
    if family == "UNKNOWN" then
        local tail_at = 6 + #"UNKNOWN"          -- the byte after the token
        if R and tail_at < len - 2 then
            local range = tvb(tail_at + 1, len - 2 - tail_at - 1)
            ti_add(root, F.v1_unknown, range, printable(ssub(s, tail_at + 2, len - 2)))
        end
        r.summary = "PROXY v1 UNKNOWN"
        if R then ti_set_text(root, "PROXY Protocol v1, UNKNOWN") end
        return r
    end
    r.summary = sfmt("PROXY v1 %s %s:%d → %s:%d", family, texts.src, res.partial.src_port.value,
                     texts.dst, res.partial.dst_port.value)
    if R then ti_set_text(root, "PROXY Protocol v1, " .. ssub(r.summary, 10)) end
    return r
end

-- --- SPP (SPEC_NOTES §4) ------------------------------------------------------------------

local SPP_FIELDS = { { "client_addr", 2 }, { "proxy_addr", 18 }, { "client_port", 34 },
                     { "proxy_port", 36 } }

-- One SPP address: its text and whether it is IPv4-mapped; with R, the text field and the
-- typed one (IPv4 for an IPv4-mapped address, as the JSON shows it, else IPv6), whose
-- value (an Address) is returned too.
local function spp_addr(tree, tvb, s, at, f_addr, f_ipv4, f_ipv6, label)
    local raw = ssub(s, at + 1, at + 16)
    local mapped = ssub(raw, 1, 12) == MAPPED_PREFIX
    local text = mapped and ipv4_text(ssub(raw, 13, 16)) or ipv6_text(raw)
    local value
    if R then
        local range = tvb(at, 16)
        ti_add(tree, f_addr, range, text, label .. ": " .. text)
        if mapped then
            local r4 = tvb(at + 12, 4)
            value = range_ipv4(r4)
            ti_add(tree, f_ipv4, r4, value, label .. " (IPv4-mapped): " .. text)
        else
            value = range_ipv6(range)
            ti_add(tree, f_ipv6, range, value, label .. " (IPv6): " .. text)
        end
    end
    return text, mapped, value
end

-- `s`: the first min(n, 38) or more bytes of tvb.
local function dissect_spp(tvb, tree, s, n)
    local shown = tvb(0, mmin(n, SPP_LEN))
    local root = ti_add(tree, proto, shown)
    if R then
        local r_magic = tvb(0, 2)
        add_gen(root, F.kind, r_magic, "spp")
        ti_add(root, F.spp_magic, r_magic)
        add_gen(root, F.transport, r_magic, "DGRAM")
    end
    if n < SPP_LEN then
        local field, offset = "client_addr", 2
        for _, fo in ipairs(SPP_FIELDS) do
            if n < fo[2] + ((fo[2] >= 34) and 2 or 16) then field, offset = fo[1], fo[2]; break end
        end
        fault(root, tvb, field, offset, sfmt(
              "datagram of %d bytes is shorter than the %d-byte SPP header", n, SPP_LEN))
        if R then
            ti_set_text(root, sfmt("Simple Proxy Protocol (truncated: %d of %d bytes)", n, SPP_LEN))
        end
        return { length = n, invalid = true, summary = "SPP (truncated)", root = root }
    end
    local ctext, cm, cvalue = spp_addr(root, tvb, s, 2, F.src_addr, F.src_ipv4, F.src_ipv6,
                                       "Client address")
    local ptext, pm = spp_addr(root, tvb, s, 18, F.dst_addr, F.dst_ipv4, F.dst_ipv6,
                               "Proxy address")
    local cport, pport = u16(s, 35), u16(s, 37)
    if R then
        ti_add(root, F.src_port, tvb(34, 2), cport, "Client port: " .. cport)
        ti_add(root, F.dst_port, tvb(36, 2), pport, "Proxy port: " .. pport)
        add_gen(root, F.family, tvb(2, 32), (cm and pm) and "INET" or "INET6")
        add_gen(root, F.length, shown, SPP_LEN)
    end
    if cm ~= pm then
        ti_tvb_expert(root, E.unusual, tvb(2, 32),
            "SPP header mixes an IPv4-mapped and a native IPv6 address")
    end
    local fmt = cm and "%s:%d" or "[%s]:%d"
    local summary = sfmt("SPP client " .. fmt .. " via proxy " .. (pm and "%s:%d" or "[%s]:%d"),
                         ctext, cport, ptext, pport)
    if R then
        ti_set_text(root, "Simple Proxy Protocol (Cloudflare Spectrum), " .. ssub(summary, 5))
    end
    local client = { addr = ctext, port = cport, af = cm and 4 or 6 }
    if cm then client.ipv4 = cvalue else client.ipv6 = cvalue end   -- nil without R: made later
    return { length = SPP_LEN, invalid = false, summary = summary, root = root,
             client = client, dst_port = pport }
end

-- --- SPP detection: the shared rule (spec/spp_detection.json, its "doc" has the rule) -----

-- SPP has only a 2-byte magic, so heuristically found SPP needs addresses a Spectrum edge
-- can put there. The rule is data, generated into the registry table for this plugin and
-- into generated/python/registry.py for the capture dissector (dissector/_spp_rule.py), so
-- both claim the same datagrams; README "SPP detection: one rule for both tools".
local SPP_RULE = registry.spp_detection
assert(type(SPP_RULE) == "table" and SPP_RULE.magic == SPP_MAGIC
       and SPP_RULE.header_length == SPP_LEN,
       "proxyproto.lua: the registry table has no SPP detection rule for this layout")
local SPP_AT = { client_addr = SPP_RULE.client_addr_offset + 1,    -- 1-based, string.sub
                 proxy_addr = SPP_RULE.proxy_addr_offset + 1,
                 client_port = SPP_RULE.client_port_offset + 1,
                 proxy_port = SPP_RULE.proxy_port_offset + 1 }

-- Is the 16-byte address in the prefix { first ceil(N/8) bytes, N }?
local function in_prefix(addr, prefix)
    local nbits = prefix[2]
    local whole = math.floor(nbits / 8)
    if ssub(addr, 1, whole) ~= ssub(prefix[1], 1, whole) then return false end
    local rest = nbits - whole * 8
    if rest == 0 then return true end
    local mask = band(0xFF, lshift(0xFF, 8 - rest))
    return band(sbyte(addr, whole + 1), mask) == band(sbyte(prefix[1], whole + 1), mask)
end

-- The rule's address classes, then one class per prefix of the `spp_prefixes` preference
-- (deciding alone), compiled when the preference text changes.
local spp_class_cache = { text = nil, classes = nil }

local function spp_classes()
    local text = P.spp_prefixes or ""
    if spp_class_cache.text == text then return spp_class_cache.classes end
    local classes = {}
    for _, c in ipairs(SPP_RULE.address_classes) do classes[#classes + 1] = c end
    for item in text:gmatch("[^,%s]+") do
        local addr, len = item:match("^(.-)/(%d+)$")
        local raw = addr and v1_ipv6(addr)
        len = tonumber(len)
        if raw and len and len <= 128 then
            classes[#classes + 1] = { name = "preference " .. item, decides_alone = true,
                                      prefix = { ssub(raw, 1, math.ceil(len / 8)), len },
                                      exclude = {} }
        end
    end
    spp_class_cache.text, spp_class_cache.classes = text, classes
    return classes
end

-- The datagram part of the rule: the address class of the SPP header s starts with (s:
-- the first bytes of the datagram), or nil.
local function spp_evidence(s)
    if #s < SPP_LEN or u16(s, 1) ~= SPP_MAGIC then return nil end
    if SPP_RULE.ports_nonzero
       and (u16(s, SPP_AT.client_port) == 0 or u16(s, SPP_AT.proxy_port) == 0) then
        return nil
    end
    local client = ssub(s, SPP_AT.client_addr, SPP_AT.client_addr + 15)
    local proxy_addr = ssub(s, SPP_AT.proxy_addr, SPP_AT.proxy_addr + 15)
    for _, c in ipairs(spp_classes()) do
        if in_prefix(client, c.prefix) and in_prefix(proxy_addr, c.prefix) then
            local excluded = false
            for _, e in ipairs(c.exclude) do
                if in_prefix(client, e) or in_prefix(proxy_addr, e) then excluded = true; break end
            end
            if not excluded then return c end
        end
    end
    return nil
end

-- --- State ------------------------------------------------------------------------------

-- Field extractors are read only where a header may start or a tracked flow continues.
local f_tcp_stream = Field.new("tcp.stream")
local f_tcp_seq = Field.new("tcp.seq")
local f_tcp_payload = Field.new("tcp.payload")
local f_udp_stream = Field.new("udp.stream")

-- The value of the last occurrence of a field in this packet (the innermost TCP/UDP
-- header), without building a table.
local function last_of(...)
    local n = select("#", ...)
    if n == 0 then return nil end
    return (select(n, ...))
end

local function last_value(field)
    local fi = last_of(field())
    return fi and fi.value
end

-- A TCP stream whose first bytes are no PROXY header: its packets go straight on.
local NO_HEADER = { no_header = true }

local tcp_streams = {}    -- tcp.stream -> NO_HEADER, or the header's stream:
                          -- { dir, first, last, prefix, client, frame, hint, early }
local early = {}          -- tcp.stream -> { [dir] = { [rel. seq] = bytes }, size }: segments
                          -- seen before the stream's first byte (out of order), kept so that
                          -- a header whose start TCP does not hand on can still be completed
local udp_flows = {}      -- udp.stream -> { kind, hint, history = { {frame, client, count} } }
local frame_client = {}   -- frame number -> record with client and frame, or false
local spp_claimed = {}    -- frame number -> true: datagrams the SPP flow rule claimed after
                          -- a second one confirmed them (their flow's reference included)
local header_frames = {}  -- frame number -> true (frames whose tree shows a header)
local tracked = {}        -- src_port -> { [dst_port] = true }: port pairs (both orders) of
                          -- the streams and flows whose header carried a real client
local early_pairs = {}    -- the same for the streams with early segments
local saved_handles = { tcp = {}, udp = {} }   -- port -> dissector that had a tcp_ports /
                                               -- udp_ports port before
local wrapped = { tcp = {}, udp = {} }         -- port -> the port's own dissector, which the
                                               -- port wrapper calls (point 1 of the README)
local port_handles = { tcp = {}, udp = {} }    -- port -> dissector or false (cached per file)

local function pair_add(pairs, sp, dp)
    local t = pairs[sp]
    if not t then t = {}; pairs[sp] = t end
    t[dp] = true
    t = pairs[dp]
    if not t then t = {}; pairs[dp] = t end
    t[sp] = true
end

-- The post-dissector is registered when the first header with a real client is shown, or
-- the first early segment is kept, not at load: a Lua post-dissector is called for every
-- frame, which costs about a tenth of tshark's time on its own, and a capture without
-- PROXY traffic need not pay it. Frames before that have nothing to track; on a second
-- pass the header frames come again first. For tracking alone tshark registers it only
-- when it builds a tree (constant within a pass: with none, as for its summary output,
-- there is nothing to add to); Wireshark always, since any frame may be opened later.
local track_registered = false

local function start_tracking()
    track_registered = true
    local ok, err = pcall(register_postdissector, track)
    if not ok then error("cannot register the tracking post-dissector: " .. tostring(err), 0) end
end

-- Which direction of a TCP stream a packet travels in: by ports, and by address only
-- when both ports are equal (a string per packet would be costly).
local function dir_key(sp, dp, pinfo)
    if sp ~= dp then return sp end
    return tostring(pinfo.src)
end

-- --- Payload hand-off ---------------------------------------------------------------------

local data_dissector = Dissector.get("data")
local MY_NAME = tostring(Dissector.get("proxyproto") or "PROXYPROTO")
local WRAP_NAME = tostring(Dissector.get("proxyproto_port") or "PROXYPROTO_PORT")
local PORT_TABLES = { tcp = DissectorTable.get("tcp.port"), udp = DissectorTable.get("udp.port") }
local try_heuristics = DissectorTable.try_heuristics
local dt_get_dissector = method(DissectorTable, "get_dissector")
local dt_add = method(DissectorTable, "add")

-- The payload being handed on to the heuristics (frame, length, first bytes): our own
-- heuristics decline it, so that it is not taken for this stream's header. A mark rather
-- than a flag: a C exception thrown by another heuristic unwinds past pcall, and a stale
-- mark cannot match a later call.
local handoff_mark = nil

-- Wireshark moves a heuristic that accepted a packet to the front of its list. After
-- HTTP's heuristic took a request (behind a header, or anywhere), it is tried before ours
-- and takes the next v2 header whose segment ends like a request line ("... http/1.1", as
-- HAProxy's ALPN TLV does). So whenever another heuristic took a payload the plugin handed
-- on, the plugin's heuristic is moved back to the front: the heuristics are tried once
-- more on an empty buffer, which only the plugin's accepts, while `to_front` is set.
local to_front = false
local front_wanted = nil   -- "tcp" or "udp": move the heuristic to the front after this frame
local maybe_taken = false  -- this frame's payload, declined by the TCP heuristic, looked like
                           -- text another heuristic may take (the post-dissector checks)

local function heuristic_to_front(transport, tvb, pinfo, tree)
    to_front = true
    pcall(try_heuristics, transport, range_tvb(tvb(0, 0)), pinfo, tree)
    to_front = false
end

local function is_handoff(tvb, pinfo, n)
    local m = handoff_mark
    return m ~= nil and m.frame == pinfo.number and m.len == n
           and m.head == tvb_raw(tvb, 0, mmin(n, 16))
end

local function ours(d)
    local name = tostring(d)
    return name == MY_NAME or name == WRAP_NAME
end

-- The dissector a port has apart from this plugin, looked up once per file.
local function port_dissector(transport, port)
    local cache = port_handles[transport]
    local d = cache[port]
    if d == nil then
        d = saved_handles[transport][port] or wrapped[transport][port]
            or dt_get_dissector(PORT_TABLES[transport], port) or false
        if d and ours(d) then d = false end
        cache[port] = d
    end
    return d
end

-- Calls a port's own dissector on what TCP/UDP gave the wrapper, with TCP's
-- desegmentation service (Dissector:call lowers pinfo.can_desegment by one, as every
-- call does: without raising it first the next dissector could not ask for more data).
-- An exception in it is shown by Wireshark itself and must not become a Lua error.
local function call_port(d, tvb, pinfo, tree)
    local can = pinfo.can_desegment
    if can > 0 then pinfo.can_desegment = can + 1 end
    local ok, used = pcall(dissector_call, d, tvb, pinfo, tree)
    if not ok then return tvb_len(tvb) end
    return used
end

-- Hands tvb[offset:] (tvb has `total` bytes) to the next dissector: the dissector of `hint`
-- (the destination port in the header: the port the client asked for), then of the
-- packet's ports sp/dp (lower first, as TCP/UDP do), then the transport's heuristics, then
-- data. `data_only` goes straight to data (after an invalid fixed part the layout is
-- unknown).
local function handoff(tvb, offset, total, pinfo, tree, transport, data_only, hint, sp, dp, fnum)
    if offset >= total then return end
    local sub = (offset == 0) and tvb or range_tvb(tvb(offset))
    local is_tcp = transport == "tcp"
    local can = is_tcp and pinfo.can_desegment or 0
    local done = false
    if not data_only then
        local lo, hi = sp, dp
        if lo > hi then lo, hi = hi, lo end
        local first = hint or -1
        for i = 1, 3 do
            local port = (i == 1 and first) or (i == 2 and lo) or hi
            local d = port >= 0 and (i == 1 or (port ~= first and (i == 2 or port ~= lo)))
                      and port_dissector(transport, port)
            if d then
                -- Give the next dissector TCP's desegmentation service, as SOCKS does.
                if can > 0 then pinfo.can_desegment = 2 end
                local ok, used = pcall(dissector_call, d, sub, pinfo, tree)
                if not ok or (used and used > 0) then done = true; break end
            end
        end
        if not done then
            if can > 0 then pinfo.can_desegment = 2 end
            local len = total - offset
            handoff_mark = { frame = fnum or pinfo.number, len = len,
                             head = tvb_raw(sub, 0, mmin(len, 16)) }
            local ok, hit = pcall(try_heuristics, transport, sub, pinfo, tree)
            handoff_mark = nil
            done = ok and hit
            if done then
                -- At the end of the frame (the post-dissector), so that the frame's
                -- protocols do not list the plugin once more after the payload's.
                front_wanted = transport
                if not track_registered then start_tracking() end
            end
        end
    end
    if not done then pcall(dissector_call, data_dissector, sub, pinfo, tree) end
    if is_tcp and offset > 0 and can > 0 and pinfo.desegment_len > 0 then
        -- The next dissector counted from its own start; TCP counts from ours.
        pinfo.desegment_offset = pinfo.desegment_offset + offset
    end
end

-- The real client as generated fields; `frame` (the header's frame) on later packets only.
-- No range: Wireshark then uses offset 0, length 0 of this call's tvb, as tvb(0, 0) would.
-- The typed address is made on first use (kept in the client for the later packets).
local function add_client(tree, client, frame)
    if client.af and not (client.ipv4 or client.ipv6) then
        if client.af == 4 then
            client.ipv4 = Address.ip(client.addr)
        else
            client.ipv6 = Address.ipv6(client.addr)
        end
    end
    ti_set_generated(ti_add(tree, F.client_addr, client.addr))
    if client.port then ti_set_generated(ti_add(tree, F.client_port, client.port)) end
    if client.ipv4 then ti_set_generated(ti_add(tree, F.client_ipv4, client.ipv4)) end
    if client.ipv6 then ti_set_generated(ti_add(tree, F.client_ipv6, client.ipv6)) end
    if frame then ti_set_generated(ti_add(tree, F.header_frame, frame)) end
end

local dissect_stacked   -- below: a header right behind a header

-- After a header: columns, client fields, stacked headers, payload hand-off.
-- n: bytes in tvb; sp/dp: the packet's ports; s: the first bytes of tvb, if read already.
local function finish_header(tvb, pinfo, tree, r, label, transport, n, sp, dp, fnum)
    header_frames[fnum] = true
    if r.invalid then r.client = nil end   -- a receiver rejects it: no real client
    local cols = pinfo.cols
    cols.protocol = label
    local summary = r.summary
    local offset = r.length
    if offset < n and not r.data_only then
        local more, text = dissect_stacked(tvb, tree, r, offset, n, transport)
        offset = offset + more
        if text then summary = summary .. " | " .. text end
    end
    -- Fenced, so the payload's dissector appends its own summary after ours.
    local info = cols.info
    col_set(info, offset < n and (summary .. " ") or summary)
    col_fence(info)
    if r.client and P.track_conversations then
        if R then add_client(r.root, r.client, nil) end
        if not track_registered and (R or gui_enabled() or has_tree(tree)) then
            start_tracking()
        end
    end
    if offset < n then
        handoff(tvb, offset, n, pinfo, tree, transport, r.data_only, r.dst_port, sp, dp, fnum)
    end
end

-- Would the header's destination port pick another dissector than the packet's ports?
local function hint_matters(transport, hint, sp, dp)
    if not hint then return false end
    local d = port_dissector(transport, hint)
    if not d then return false end
    local lo, hi = sp, dp
    if lo > hi then lo, hi = hi, lo end
    local real = port_dissector(transport, lo) or port_dissector(transport, hi)
    return not real or tostring(real) ~= tostring(d)
end

-- --- TCP ------------------------------------------------------------------------------------

-- How a packet reached the plugin: the heuristic (a port without a dissector), the port
-- wrapper (a port with one), or "Decode As" / the port preferences (the port is PROXY).
local HEUR, WRAP, FORCED = 1, 2, 3

-- Can the stream's first bytes (head: the first min(n, 12)) be the start of a header?
-- One byte is enough to wait for more: a header split 1+rest is still a header.
local function could_start(head)
    local k = #head
    if k == 0 then return false end
    if P.enable_v2 and head == ssub(V2_SIG, 1, k) then return true end
    return P.enable_v1 and ssub(head, 1, 5) == ssub(V1_MAGIC, 1, mmin(k, 5))
end

-- prefix: the first min(n, 12) bytes of tvb.
local function new_stream(sid, prefix, sp, dp, fnum, pinfo)
    local st = { dir = dir_key(sp, dp, pinfo), first = fnum, prefix = prefix }
    tcp_streams[sid] = st
    early[sid] = nil
    return st
end

-- Does this call carry the start of the stream's header? True for the frame where the
-- header starts, the frames whose (reassembled) data TCP hands over until the header
-- is complete, and the same frames when re-dissected; the data must start with the
-- bytes first seen (an out-of-order segment that TCP did not reassemble does not).
local function header_call(st, tvb, n, sp, dp, fnum, pinfo)
    if fnum < st.first or (st.last ~= nil and fnum > st.last) or dir_key(sp, dp, pinfo) ~= st.dir then
        return false
    end
    local head = tvb_raw(tvb, 0, mmin(n, #st.prefix))
    return ssub(st.prefix, 1, #head) == head
end

-- What a packet that is not (part of) the header gets: the port's own dissector (wrapper),
-- the other heuristics (heuristic: false), or the next dissector (Decode As).
local function pass_tcp(tvb, pinfo, tree, mode, orig, n, hint)
    if mode == WRAP then return call_port(orig, tvb, pinfo, tree) end
    if mode == HEUR then return false end
    handoff(tvb, 0, n, pinfo, tree, "tcp", false, hint, pinfo.src_port, pinfo.dst_port)
    return n
end

-- The header at the start of a TCP stream direction (tvb starts at stream offset 0).
local function tcp_header(tvb, pinfo, tree, sid, st, n, sp, dp, fnum, mode, orig)
    R = wanted(tree)
    local can = pinfo.can_desegment > 0
    local head = tvb_raw(tvb, 0, mmin(n, 12))
    local r, label
    if P.enable_v2 and head == ssub(V2_SIG, 1, #head) then
        r, label = dissect_v2(tvb, tree, false, can, n), "PROXYv2"
    elseif P.enable_v1 and ssub(head, 1, 5) == ssub(V1_MAGIC, 1, mmin(n, 5)) then
        r, label = dissect_v1(tvb, tree, false, can, n), "PROXYv1"
    elseif mode == FORCED then
        local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (no header)")
        ti_proto_expert(root, E.no_header,
            "No PROXY v1/v2 header at the start of this TCP stream [field magic, offset 0]")
        st.last = fnum
        handoff(tvb, 0, n, pinfo, tree, "tcp", false, nil, sp, dp, fnum)
        return n
    else
        -- The first bytes began like a header and went on as something else.
        tcp_streams[sid] = NO_HEADER
        if mode == WRAP then return call_port(orig, tvb, pinfo, tree) end
        if not st.claimed then return false end
        -- The heuristic took the first segment to wait for more: hand it all on now.
        handoff(tvb, 0, n, pinfo, tree, "tcp", false, nil, sp, dp, fnum)
        return true
    end
    if r.status == "need" then
        st.claimed = true
        pinfo.desegment_offset = 0
        pinfo.desegment_len = DESEGMENT_ONE_MORE_SEGMENT
        return mode == HEUR or n
    end
    st.last = fnum
    if r.client and not r.invalid and not pinfo.visited then
        st.client, st.frame = r.client, fnum
        pair_add(tracked, sp, dp)
    end
    if hint_matters("tcp", r.dst_port, sp, dp) then
        -- Later segments must reach the same dissector as this payload: keep them.
        st.hint = r.dst_port
        pinfo.conversation = proto
    elseif mode == HEUR then
        -- A port without a dissector: later segments would go to TCP's heuristics, which
        -- reorder themselves (`heuristic_to_front`); they come here and are handed on.
        pinfo.conversation = proto
    end
    finish_header(tvb, pinfo, tree, r, label, "tcp", n, sp, dp, fnum)
    return mode == HEUR or n
end

-- A segment of a stream whose first byte has not been seen yet (TCP hands on an
-- out-of-order segment when `tcp.reassemble_out_of_order` is off, Wireshark's default,
-- and then never the earlier segment that fills the gap): kept, bounded by the longest
-- header, so that the post-dissector can complete a header from it (`complete_early`).
local EARLY_MAX = V2_MAX_LEN + 2048

local function keep_early(sid, seq, tvb, n, sp, dp, pinfo)
    if seq > V2_MAX_LEN then return end
    local e = early[sid]
    if not e then
        e = { size = 0 }
        early[sid] = e
    end
    if e.size + n > EARLY_MAX then return end
    local dir = dir_key(sp, dp, pinfo)
    local segs = e[dir]
    if not segs then segs = {}; e[dir] = segs end
    if segs[seq] then return end
    segs[seq] = tvb_raw(tvb, 0, n)
    e.size = e.size + n
    pair_add(early_pairs, sp, dp)
    if not track_registered then start_tracking() end
end

-- Every TCP payload that reaches the plugin, past the fast paths of the entry points.
-- st: the stream's state (nil while its first byte has not been seen).
local function tcp_segment(tvb, pinfo, tree, sid, st, mode, orig)
    local n = tvb_len(tvb)
    local sp, dp, fnum = pinfo.src_port, pinfo.dst_port, pinfo.number
    if st then
        if header_call(st, tvb, n, sp, dp, fnum, pinfo) then
            return tcp_header(tvb, pinfo, tree, sid, st, n, sp, dp, fnum, mode, orig)
        end
        return pass_tcp(tvb, pinfo, tree, mode, orig, n, st.hint)
    end
    if pinfo.visited then return pass_tcp(tvb, pinfo, tree, mode, orig, n) end
    -- Only the start of a stream can hold the header: relative sequence number 1, or 0
    -- for data on the SYN (TCP Fast Open, HAProxy's `tfo send-proxy`).
    local seq = last_value(f_tcp_seq)
    if seq == nil then return pass_tcp(tvb, pinfo, tree, mode, orig, n) end
    if seq > 1 then
        if mode ~= HEUR then keep_early(sid, seq, tvb, n, sp, dp, pinfo) end
        return pass_tcp(tvb, pinfo, tree, mode, orig, n)
    end
    local head = tvb_raw(tvb, 0, mmin(n, 12))
    if mode ~= FORCED and not could_start(head) then
        tcp_streams[sid] = NO_HEADER
        early[sid] = nil
        return pass_tcp(tvb, pinfo, tree, mode, orig, n)
    end
    st = new_stream(sid, head, sp, dp, fnum, pinfo)
    return tcp_header(tvb, pinfo, tree, sid, st, n, sp, dp, fnum, mode, orig)
end

-- "Decode As" and port-preference path: every segment of the stream comes here.
local function dissect_tcp(tvb, pinfo, tree)
    local sid = last_value(f_tcp_stream)
    if sid == nil then return pass_tcp(tvb, pinfo, tree, FORCED, nil, tvb_len(tvb)) end
    local st = tcp_streams[sid]
    if st == NO_HEADER then st = nil end
    return tcp_segment(tvb, pinfo, tree, sid, st, FORCED)
end

-- The heuristic, past the cheap first-byte test of its entry point.
-- No conversation dissector is set: after the header, TCP itself hands later segments to
-- the port's dissector (and its reassembly) as if we were not there.
local function heur_tcp(tvb, pinfo, tree, n)
    if is_handoff(tvb, pinfo, n) then return false end
    local sid = last_value(f_tcp_stream)
    if sid == nil then return false end
    local st = tcp_streams[sid]
    if st == NO_HEADER or (st and st.last and pinfo.number > st.last) then return false end
    return tcp_segment(tvb, pinfo, tree, sid, st, HEUR)
end

-- The port wrapper (tcp.port entries of ports that have a dissector). Once the stream's
-- start has passed, a packet costs a table look-up before the port's own dissector.
local function wrap_tcp(tvb, pinfo, tree)
    local orig = wrapped.tcp[pinfo.match_uint]
    if not orig then return 0 end
    local sid = last_value(f_tcp_stream)
    local st = sid ~= nil and tcp_streams[sid]
    if sid == nil or st == NO_HEADER or (st and st.last and pinfo.number > st.last) then
        return call_port(orig, tvb, pinfo, tree)
    end
    return tcp_segment(tvb, pinfo, tree, sid, st or nil, WRAP, orig)
end

-- The bytes from stream offset 0 that the early segments continue: the first payload
-- (`data`) and every kept segment that follows on without a gap.
local function early_bytes(e, dir, data)
    local segs = e and e[dir]
    if not segs then return data end
    local parts, at, total = { data }, 1 + #data, #data
    while total < EARLY_MAX do
        local seg = segs[at]
        if not seg then
            -- a kept segment that overlaps the end of what we have
            for seq, bytes in pairs(segs) do
                if seq < at and seq + #bytes > at then
                    seg = ssub(bytes, at - seq + 1)
                    break
                end
            end
            if not seg or #seg == 0 then break end
        end
        parts[#parts + 1] = seg
        at = at + #seg
        total = total + #seg
    end
    return table.concat(parts)
end

-- Is there a whole header at the start of s (the bytes of a stream's start)?
local function header_complete(s)
    if ssub(s, 1, 12) == V2_SIG then
        return #s >= V2_FIXED_LEN and #s >= V2_FIXED_LEN + u16(s, 15)
    end
    if ssub(s, 1, 5) == V1_MAGIC then
        local lf = s:find("\n", 1, true)
        return lf ~= nil or #s >= V1_MAX_LEN
    end
    return true   -- not a header: decided
end

-- Post-dissector part: the first segment of a stream that TCP gave to no dissector
-- because a later one came first (its bytes look like a retransmission to TCP). With the
-- kept segments behind it, the header is shown from a reassembled buffer ("PROXY header
-- (reassembled)") and the bytes after it go to the port's dissector, as TCP would have.
local function show_early(pinfo, tree, st, all, fnum, sp, dp)
    R = wanted(tree)
    local n = #all
    local rtvb = ByteArray.new(all, true):tvb("PROXY header (reassembled)")
    local r, label
    if ssub(all, 1, 12) == V2_SIG then
        r, label = dissect_v2(rtvb, tree, false, false, n), "PROXYv2"
    else
        r, label = dissect_v1(rtvb, tree, false, false, n), "PROXYv1"
    end
    if R then
        ti_tvb_expert(r.root, E.reassembled, rtvb(0, mmin(n, r.length)), sfmt(
            "Reassembled by the plugin from frame %d and the segments after it that came"
            .. " earlier (TCP does not put them in order: tcp.reassemble_out_of_order)", fnum))
    end
    if not pinfo.visited then
        st.last = fnum
        if r.client and not r.invalid then
            st.client, st.frame = r.client, fnum
            pair_add(tracked, sp, dp)
        end
    end
    finish_header(rtvb, pinfo, tree, r, label, "tcp", n, sp, dp, fnum)
end

local function complete_early(pinfo, tree)
    local sid = last_value(f_tcp_stream)
    if sid == nil then return end
    local fnum = pinfo.number
    local st = tcp_streams[sid]
    local sp, dp = pinfo.src_port, pinfo.dst_port
    if st and st ~= NO_HEADER and st.early and st.first == fnum then
        show_early(pinfo, tree, st, st.early, fnum, sp, dp)   -- the frame again
        return
    end
    local e = early[sid]
    if st or not e or pinfo.visited then return end
    local seq = last_value(f_tcp_seq)
    if seq == nil or seq > 1 then return end
    local fi = last_of(f_tcp_payload())
    if not fi then return end
    local all = early_bytes(e, dir_key(sp, dp, pinfo), tvb_raw(range_tvb(fi.range), 0))
    if not could_start(ssub(all, 1, 12)) then
        tcp_streams[sid] = NO_HEADER
        early[sid] = nil
        return
    end
    if not header_complete(all) then return end
    st = new_stream(sid, ssub(all, 1, 12), sp, dp, fnum, pinfo)
    st.early = all
    show_early(pinfo, tree, st, all, fnum, sp, dp)
end

-- --- Stacked headers ---------------------------------------------------------------------

-- Headers right behind the header (a proxy in front of a proxy: AWS NLB prepends its own):
-- each is shown as a header of its own, flagged `proxyproto.stacked` on the one before it,
-- and the bytes after the last go on. At most 8, the bytes of this packet only.
dissect_stacked = function(tvb, tree, r, offset, n, transport)
    local used, texts = 0, {}
    local prev = r.root
    for _ = 1, 8 do
        local at = offset + used
        local m = n - at
        if m < 5 then break end
        local head = tvb_raw(tvb, at, mmin(m, 12))
        local is_v2 = P.enable_v2 and head == V2_SIG
        if not is_v2 and not (P.enable_v1 and ssub(head, 1, 5) == V1_MAGIC) then break end
        ti_tvb_expert(prev, E.stacked, tvb(at, #head),
            "Another PROXY header follows this one (stacked proxies)")
        local sub = range_tvb(tvb(at))
        local datagram = transport == "udp"
        local r2
        if is_v2 then
            r2 = dissect_v2(sub, tree, datagram, false, m)
        else
            r2 = dissect_v1(sub, tree, datagram, false, m)
        end
        texts[#texts + 1] = r2.summary
        used = used + r2.length
        prev = r2.root
        if r2.data_only or r2.invalid then break end
    end
    return used, #texts > 0 and table.concat(texts, " | ") or nil
end

-- --- UDP ------------------------------------------------------------------------------------

-- history: every change of client on the flow, with the number of different clients the
-- flow's headers named up to then (several: a datagram without a header has no one client).
local function udp_flow(sid, kind)
    local fl = udp_flows[sid]
    if not fl then
        fl = { kind = kind, history = {}, seen = {}, count = 0 }
        udp_flows[sid] = fl
    end
    return fl
end

local function udp_record(sid, kind, client, fnum, sp, dp)
    local fl = udp_flow(sid, kind)
    if kind == "spp" or not fl.kind then fl.kind = kind end
    if client then
        local key = client.addr .. "|" .. tostring(client.port)
        if not fl.seen[key] then
            fl.seen[key] = true
            fl.count = fl.count + 1
        end
        local h = fl.history[#fl.history]
        if not h or h.client.addr ~= client.addr or h.client.port ~= client.port then
            fl.history[#fl.history + 1] = { frame = fnum, client = client, count = fl.count }
        elseif h.count ~= fl.count then
            h.count = fl.count
        end
        pair_add(tracked, sp, dp)
    end
end

local COLUMN_LABELS = { v1 = "PROXYv1", v2 = "PROXYv2", spp = "SPP" }

-- s: the first min(n, 50) bytes of tvb.
local function udp_header(tvb, pinfo, tree, kind, n, s)
    R = wanted(tree)
    local r
    if kind == "v2" then
        r = dissect_v2(tvb, tree, true, false, n)
    elseif kind == "v1" then
        r = dissect_v1(tvb, tree, true, false, n)
        ti_proto_expert(r.root, E.unusual, "PROXY v1 is defined for TCP only, not UDP")
    else
        r = dissect_spp(tvb, tree, s, n)
    end
    local sid = last_value(f_udp_stream)
    local sp, dp, fnum, visited = pinfo.src_port, pinfo.dst_port, pinfo.number, pinfo.visited
    if sid ~= nil and not visited then
        udp_record(sid, kind, not r.invalid and r.client or nil, fnum, sp, dp)
    end
    -- SPP flows carry the header in every datagram, both ways: keep the flow, so a
    -- datagram without it is flagged (proxyproto.spp_missing). Keep a v2 flow when the
    -- header's port picks the payload's dissector (headerless datagrams follow).
    local fl = sid ~= nil and udp_flows[sid]
    if kind == "spp" or (fl and hint_matters("udp", r.dst_port, sp, dp)) then
        if fl and not visited then fl.hint = r.dst_port end
        pinfo.conversation = proto
    end
    finish_header(tvb, pinfo, tree, r, COLUMN_LABELS[kind], "udp", n, sp, dp, fnum)
    return n
end

-- The flow part of the SPP rule, for a datagram that nobody said is SPP: a datagram whose
-- class decides alone is claimed; otherwise it becomes the flow's reference, and the flow
-- is SPP once a later datagram repeats the reference's addresses and ports. tshark shows
-- the reference unclaimed on its one pass; a later pass (Wireshark) claims it.
local function spp_flow_claims(pinfo, s)
    local c = spp_evidence(s)
    if not c then return false end
    if c.decides_alone then return true end
    local fnum = pinfo.number
    if pinfo.visited then return spp_claimed[fnum] == true end
    local sid = last_value(f_udp_stream)
    if sid == nil then return false end
    local fl = udp_flow(sid, nil)
    local ident = ssub(s, 3, SPP_LEN)
    if fl.spp_ref == ident or fl.spp_confirmed then
        if fl.spp_ref_frame then spp_claimed[fl.spp_ref_frame] = true end
        fl.spp_confirmed = true
        spp_claimed[fnum] = true
        return true
    end
    fl.spp_ref, fl.spp_ref_frame = ident, fnum
    return false
end

-- The kind of header at the start of a datagram of n bytes, and its first bytes.
local function udp_kind(tvb, heuristic, n, pinfo)
    if n < 2 then return nil end
    local s = tvb_raw(tvb, 0, mmin(n, SPP_LEN + 12))
    local b = sbyte(s, 1)
    if not heuristic and b == 0x50 and P.enable_v1 and n >= 5 and ssub(s, 1, 5) == V1_MAGIC then
        return "v1", s
    end
    if b == 0x0D and P.enable_v2 and n >= 12 and ssub(s, 1, 12) == V2_SIG then return "v2", s end
    if b == 0x56 and P.enable_spp then
        if heuristic then
            if n >= SPP_LEN and spp_flow_claims(pinfo, s) then return "spp", s end
        elseif u16(s, 1) == SPP_MAGIC then
            return "spp", s
        end
    end
    return nil
end

-- Conversation, "Decode As" and port-preference path.
local function dissect_udp(tvb, pinfo, tree)
    local n = tvb_len(tvb)
    local kind, s = udp_kind(tvb, false, n)
    if kind then return udp_header(tvb, pinfo, tree, kind, n, s) end
    local fl = udp_flows[last_value(f_udp_stream) or -1]
    if fl == nil then
        local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (no header)")
        ti_proto_expert(root, E.no_header,
            "No PROXY v2 or SPP header at the start of this datagram [field magic, offset 0]")
    elseif fl.kind == "spp" then
        local root = ti_add(tree, proto, tvb(0, 0), "Simple Proxy Protocol (header missing)")
        ti_proto_expert(root, E.spp_missing)
    end
    handoff(tvb, 0, n, pinfo, tree, "udp", false, fl and fl.hint, pinfo.src_port, pinfo.dst_port)
    return n
end

local function heur_udp(tvb, pinfo, tree, n)
    if is_handoff(tvb, pinfo, n) then return false end
    local kind, s = udp_kind(tvb, true, n, pinfo)
    if not kind then return false end
    udp_header(tvb, pinfo, tree, kind, n, s)
    return true
end

-- --- Entry points (every Lua error is caught and shown as expert info) -------------------

local function guarded(fn, tvb, pinfo, tree, ...)
    local ok, res = pcall(fn, tvb, pinfo, tree, ...)
    if ok then return res end
    local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (dissector error)")
    ti_proto_expert(root, E.internal, "proxyproto.lua internal error: " .. tostring(res))
    return false
end

function proto.dissector(tvb, pinfo, tree)
    local pt = pinfo.port_type
    local res
    if pt == 2 then
        res = guarded(dissect_tcp, tvb, pinfo, tree)
    elseif pt == 3 then
        res = guarded(dissect_udp, tvb, pinfo, tree)
    else
        return 0
    end
    if res == false then return tvb_len(tvb) end
    return res
end
PROTO_HANDLE = Dissector.get("proxyproto")

-- The port wrapper: ports that have a dissector (80 HTTP, 443 TLS, 53 DNS, ...) are tried
-- before any heuristic, so the plugin takes their tcp.port / udp.port entries and calls
-- the port's own dissector for everything that is not a header (README: "Ports that
-- have a dissector"). A second protocol, so that "Decode As proxyproto" stays
-- distinguishable from the wrapper; it adds no tree item of its own.
function wrapper.dissector(tvb, pinfo, tree)
    local pt = pinfo.port_type
    if pt == 2 then
        local ok, res = pcall(wrap_tcp, tvb, pinfo, tree)
        if ok then return res end
        local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (dissector error)")
        ti_proto_expert(root, E.internal, "proxyproto.lua internal error: " .. tostring(res))
        local orig = wrapped.tcp[pinfo.match_uint]
        return orig and call_port(orig, tvb, pinfo, tree) or 0
    elseif pt == 3 then
        local orig = wrapped.udp[pinfo.match_uint]
        if not orig then return 0 end
        local n = tvb_len(tvb)
        if n >= 12 then
            local b = tvb_raw(tvb, 0, 1)
            if b == "\r" or b == "\86" then
                local res = guarded(heur_udp, tvb, pinfo, tree, n)
                if res == true then return n end
            end
        end
        return call_port(orig, tvb, pinfo, tree)
    end
    return 0
end
WRAP_NAME = tostring(Dissector.get("proxyproto_port") or WRAP_NAME)

-- The heuristics are called for every TCP segment and UDP datagram that no port or
-- conversation dissector took: two calls into Wireshark (length, first byte) reject all
-- but the few that start like a header.
proto:register_heuristic("tcp", function(tvb, pinfo, tree)
    local n = tvb_len(tvb)
    if n < 1 then return to_front end
    local b = tvb_raw(tvb, 0, 1)
    if (b == "\r" or b == "P") and guarded(heur_tcp, tvb, pinfo, tree, n) == true then
        return true
    end
    -- Text like a request or a response line: another heuristic (HTTP's) may take it and
    -- move to the front; the post-dissector then moves ours back (`heuristic_to_front`).
    if b >= "A" and b <= "Z" then
        maybe_taken = true
        if not track_registered then start_tracking() end
    end
    return false
end)
proto:register_heuristic("udp", function(tvb, pinfo, tree)
    local n = tvb_len(tvb)
    if n < 12 then return n == 0 and to_front end   -- a v2 or SPP header needs more
    local b = tvb_raw(tvb, 0, 1)
    if b ~= "\r" and b ~= "\86" then return false end
    return guarded(heur_udp, tvb, pinfo, tree, n) == true
end)

-- Decode As (tcp.port / udp.port) and the port preferences.
DissectorTable.get("tcp.port"):add_for_decode_as(proto)
DissectorTable.get("udp.port"):add_for_decode_as(proto)

local registered = { tcp = "", udp = "" }

local function range_ports(text)
    local ports = {}
    for part in tostring(text or ""):gmatch("[^,%s]+") do
        local a, b = part:match("^(%d+)%-(%d+)$")
        a = tonumber(a or part)
        b = tonumber(b or a)
        if a and b then
            for p = a, math.min(b, 65535) do ports[#ports + 1] = p end
        end
    end
    return ports
end

local function register_ports(transport, text)
    local tbl = PORT_TABLES[transport]
    for _, port in ipairs(range_ports(registered[transport])) do
        local prev = saved_handles[transport][port]
        tbl:remove(port, proto)
        if prev then dt_add(tbl, port, prev) end
        saved_handles[transport][port] = nil
    end
    for _, port in ipairs(range_ports(text)) do
        local prev = wrapped[transport][port] or dt_get_dissector(tbl, port)
        if prev and not ours(prev) then saved_handles[transport][port] = prev end
        dt_add(tbl, port, proto)
    end
    registered[transport] = tostring(text or "")
    port_handles[transport] = {}
end

-- Wraps every port of tcp.port / udp.port that has a dissector other than ours (about
-- 570 TCP ports: 1..65535 asked one by one, a few hundredths of a second, as 4.0 has no
-- iterator), or with `wrap_ports` off puts the port's own dissector back. Run at load and
-- at every new dissection (Proto.init), where preferences and "Decode As" entries that
-- moved a port (they are applied after Lua scripts load) are wrapped again.
local wrap_state = nil

local function wrap_ports(on)
    for transport, tbl in pairs(PORT_TABLES) do
        local saved = wrapped[transport]
        for port = 1, 65535 do
            local d = dt_get_dissector(tbl, port)
            if d then
                local name = tostring(d)
                if on then
                    if name ~= WRAP_NAME and name ~= MY_NAME then
                        saved[port] = d
                        dt_add(tbl, port, wrapper)
                    end
                elseif name == WRAP_NAME and saved[port] then
                    dt_add(tbl, port, saved[port])
                    saved[port] = nil
                end
            end
        end
        if not on then wrapped[transport] = {} end
    end
    wrap_state = on
end

function proto.init()
    tcp_streams, early, udp_flows, frame_client, header_frames = {}, {}, {}, {}, {}
    spp_claimed = {}
    tracked, early_pairs = {}, {}
    read_prefs()
    if P.wrap_ports or wrap_state then wrap_ports(P.wrap_ports) end
    port_handles = { tcp = {}, udp = {} }
end

function proto.prefs_changed()
    read_prefs()
    if tostring(prefs.tcp_ports) ~= registered.tcp then register_ports("tcp", prefs.tcp_ports) end
    if tostring(prefs.udp_ports) ~= registered.udp then register_ports("udp", prefs.udp_ports) end
    if P.wrap_ports ~= wrap_state then wrap_ports(P.wrap_ports) end
    port_handles = { tcp = {}, udp = {} }
end

wrap_ports(P.wrap_ports)

-- --- Conversation tracking post-dissector ------------------------------------------------

-- The { client, frame, count } record (a TCP stream's state or a UDP flow's history entry)
-- that applies to frame n, or false. Derived from the state alone, so a frame first seen on
-- a later pass (Wireshark's details pane) gets the same answer as on the first.
local function client_for_frame(n)
    if header_frames[n] then return false end
    local sid = last_value(f_tcp_stream)
    if sid ~= nil then
        local st = tcp_streams[sid]
        if st and st ~= NO_HEADER and st.client and n > st.frame then return st end
        return false
    end
    sid = last_value(f_udp_stream)
    local fl = sid ~= nil and udp_flows[sid]
    if fl then
        local history = fl.history
        for i = #history, 1, -1 do
            if history[i].frame < n then return history[i] end
        end
    end
    return false
end

local function track_frame(pinfo, tree)
    local n = pinfo.number
    local info = frame_client[n]
    if info == nil then
        info = client_for_frame(n)
        -- A UDP flow whose headers named several clients (dnsdist: one header per query
        -- over one socket): a datagram without a header belongs to none of them for sure.
        if info and (info.count or 1) > 1 then info = { several = info.count } end
        frame_client[n] = info
    end
    if not info then return end
    if info.several then
        local root = ti_add(tree, proto, sfmt("PROXY Protocol: this UDP flow carries %d real"
            .. " clients so far; a datagram without a header is not attributed", info.several))
        ti_set_generated(root)
        if wanted(tree) then ti_set_generated(ti_add(root, F.flow_clients, info.several)) end
        return
    end
    local client = info.client
    if not client.label then
        client.label = sfmt("PROXY Protocol: real client %s%s (header in frame %d)", client.addr,
                            client.port and (":" .. client.port) or "", info.frame)
    end
    local root = ti_add(tree, proto, client.label)
    ti_set_generated(root)
    if wanted(tree) then add_client(root, client, info.frame) end   -- else faked onto root
end

function track.dissector(tvb, pinfo, tree)
    -- Called for every frame: one call into Wireshark (the source port) for most.
    if maybe_taken then
        maybe_taken = false
        -- Taken by another dissector if it set the Protocol column (TCP's own, else).
        if not front_wanted and tostring(pinfo.cols.protocol) ~= "TCP" then front_wanted = "tcp" end
    end
    if front_wanted then
        heuristic_to_front(front_wanted, tvb, pinfo, tree)
        front_wanted = nil
    end
    local sp = pinfo.src_port
    local by_dst = early_pairs[sp]
    if by_dst ~= nil and by_dst[pinfo.dst_port] then
        local ok, err = pcall(complete_early, pinfo, tree)
        if not ok then
            local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (dissector error)")
            ti_proto_expert(root, E.internal, "proxyproto.lua internal error: " .. tostring(err))
        end
    end
    by_dst = tracked[sp]
    if by_dst == nil or not by_dst[pinfo.dst_port] or not P.track_conversations then return 0 end
    local ok, err = pcall(track_frame, pinfo, tree)
    if not ok then
        local root = ti_add(tree, proto, tvb(0, 0), "PROXY Protocol (dissector error)")
        ti_proto_expert(root, E.internal, "proxyproto.lua internal error: " .. tostring(err))
    end
    return 0
end
