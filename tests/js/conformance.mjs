#!/usr/bin/env node
// conformance.mjs — the generated JavaScript parsers against the shared test
// vectors: every PROXY v2 and SPP vector in tests/vectors/ must give the same
// verdict and the same fields as the Python side records in the vector.
//
//   node tests/js/conformance.mjs [--verbose] [VECTOR_DIR]
//
// For each vector of v2.json and spp.json:
//   * `kaitai_error` set (e.g. "ValidationNotEqualError", "EndOfStreamError"):
//     parsing must throw that error. The JS runtime's class names are those
//     of the Python runtime except EOFError, Python's EndOfStreamError.
//   * `kaitai_error` null: parsing must succeed, and the parsed object, mapped
//     to the header JSON of tests/vectors/README.md, must equal `expect`
//     (all of it for a valid vector; the keys it has for an invalid one,
//     whose fault only the library sees: CRC32C, stray tail...), CRC32C
//     `verified` included, computed here. The parser
//     must also stop at `expect.length` (v2) or keep the rest as the payload
//     (SPP), so the bytes after the header come back untouched.
// It prints one line per disagreement, then
//   js-conformance: N vectors agreed (v2 A, spp B), M disagreed
// and exits 1 if any vector disagreed or none was found. Vectors listed in
// KSY_BUGS (the same list as tests/test_generated.py's, which the pytest
// wrapper checks) must disagree: they are printed as `xfail`, and one that
// agrees is a disagreement, so the list cannot go stale.
//
// Runtime: the npm `kaitai-struct` package pinned in spec/package.json
// (installed by `make npm`). The generated files `require` it as
// 'kaitai-struct/KaitaiStream', which node would look up beside them, in
// generated/; they are loaded here with that one name bound to spec's copy.
// What the JSON needs beyond the parser is done here, as any host program
// would do it: CRC32C, address text, UTF-8 text, 64-bit GCP ids as BigInt.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const specRequire = createRequire(path.join(root, "spec", "package.json"));
const KaitaiStream = specRequire("kaitai-struct/KaitaiStream");

// --- loading the generated parsers -------------------------------------------

const loaded = new Map();

/** Load generated/javascript/NAME.js as CommonJS, with the runtime from spec/. */
function loadGenerated(name) {
  if (loaded.has(name)) return loaded.get(name);
  const file = path.join(root, "generated", "javascript", `${name}.js`);
  const module = { exports: {} };
  loaded.set(name, module.exports);
  const requireShim = (id) => {
    if (id === "kaitai-struct/KaitaiStream") return KaitaiStream;
    if (id.startsWith("./")) return loadGenerated(id.slice(2).replace(/\.js$/, ""));
    throw new Error(`${name}.js requires ${id}, which this test does not provide`);
  };
  const source = fs.readFileSync(file, "utf8");
  new Function("module", "exports", "require", `${source}\n//# sourceURL=${file}`)(
    module,
    module.exports,
    requireShim,
  );
  return module.exports;
}

const ProxyProtocolV2 = loadGenerated("ProxyProtocolV2").ProxyProtocolV2;
const SimpleProxyProtocol = loadGenerated("SimpleProxyProtocol").SimpleProxyProtocol;
// The vendor TLV specs: the custom range stays raw in the core spec, and a
// reader that knows the vendor applies that vendor's spec to the raw value.
const TlvGcp = loadGenerated("ProxyProtocolV2TlvGcp").ProxyProtocolV2TlvGcp;
const TlvAws = loadGenerated("ProxyProtocolV2TlvAws").ProxyProtocolV2TlvAws;
const TlvAzure = loadGenerated("ProxyProtocolV2TlvAzure").ProxyProtocolV2TlvAzure;

// --- reading the vectors (integers above 2^53 kept exact, as BigInt) ----------

/** JSON.parse, but integer literals too big for a double become BigInt. */
function parseJsonExact(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (/[-0-9]/.test(c)) {
      const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i));
      const lit = m[0];
      out += /^-?\d+$/.test(lit) && !Number.isSafeInteger(Number(lit)) ? `"\\u0000bigint:${lit}"` : lit;
      i += lit.length;
    } else {
      out += c;
      i += 1;
    }
  }
  return JSON.parse(out, (_k, v) => (typeof v === "string" && v.startsWith("\u0000bigint:") ? BigInt(v.slice(8)) : v));
}

function loadVectors(dir, fmt) {
  const file = path.join(dir, `${fmt}.json`);
  if (!fs.existsSync(file)) return [];
  const doc = parseJsonExact(fs.readFileSync(file, "utf8"));
  if (doc.schema !== "proxyproto-vectors/1" || doc.format !== fmt) {
    throw new Error(`${file}: expected schema proxyproto-vectors/1 and format ${fmt}`);
  }
  return doc.vectors;
}

// --- what a host program adds: text, addresses, CRC32C -----------------------

const hex = (bytes) => Buffer.from(bytes).toString("hex");

/** UTF-8 text, or null when the bytes are not valid UTF-8 (Python: decode("utf-8")). */
function utf8OrNull(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Python's bytes.decode("utf-8", "backslashreplace"): bad bytes as \xNN. */
function utf8BackslashReplace(bytes) {
  let out = "";
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const text = n && i + n <= bytes.length ? utf8OrNull(bytes.subarray(i, i + n)) : null;
    if (text === null) {
      out += `\\x${b.toString(16).padStart(2, "0")}`;
      i += 1;
    } else {
      out += text;
      i += n;
    }
  }
  return out;
}

/** A sun_path as the header JSON shows it: up to the first NUL; abstract as @name. */
function unixPath(bytes) {
  if (bytes.length && bytes[0] === 0) {
    const rest = bytes.subarray(1);
    const end = rest.indexOf(0);
    return `@${utf8BackslashReplace(end < 0 ? rest : rest.subarray(0, end))}`;
  }
  const end = bytes.indexOf(0);
  return utf8BackslashReplace(end < 0 ? bytes : bytes.subarray(0, end));
}

const ipv4Text = (b) => Array.from(b).join(".");

/**
 * IPv6 text as Python's ipaddress prints it (RFC 5952: lower case, the
 * longest run of zero groups as "::"), except that an IPv4-mapped address
 * keeps a dotted tail, `::ffff:192.0.2.1` (tests/vectors/README.md).
 */
function ipv6Text(b) {
  if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) {
    return `::ffff:${ipv4Text(b.subarray(12))}`;
  }
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16));
  // The longest run of zero groups (the first one on a tie), if longer than 1.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== "0") {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j += 1;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  if (bestLen < 2) return groups.join(":");
  const left = groups.slice(0, best).join(":");
  const right = groups.slice(best + bestLen).join(":");
  return `${left}::${right}`;
}

const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC32C (Castagnoli), as PP2_TYPE_CRC32C uses it. */
function crc32c(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC32C_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// --- the parsed objects, as header JSON --------------------------------------

const V2 = ProxyProtocolV2;
const V2_COMMAND = { CMD_LOCAL: "LOCAL", CMD_PROXY: "PROXY" };

function sslSubTlvJson(sub) {
  const out = {
    type: sub.subtype,
    name: V2.Pp2SubtypeSsl[sub.subtype] ?? null,
    length: sub.lenValue,
    hex: hex(sub.value),
  };
  if (sub.subtype >= V2.Pp2SubtypeSsl.VERSION && sub.subtype <= V2.Pp2SubtypeSsl.SIG_SCHEME) {
    out.value = utf8OrNull(sub.value);
  }
  return out;
}

/**
 * One TLV as header JSON. `header` is the whole header's bytes and `offset`
 * where this TLV's value starts in it, for the CRC32C check.
 */
function tlvJson(tlv, header, offset, problems) {
  const raw = tlv._raw_value ?? tlv.value; // bytes of the value, decoded or not
  const out = { type: tlv.tlvType, name: V2.Pp2Type[tlv.tlvType] ?? null, length: tlv.lenValue, hex: hex(raw) };
  const v = tlv.value;
  switch (tlv.tlvType) {
    case V2.Pp2Type.ALPN:
    case V2.Pp2Type.AUTHORITY:
    case V2.Pp2Type.NETNS:
      out.value = utf8OrNull(v);
      break;
    case V2.Pp2Type.CRC32C: {
      const zeroed = Uint8Array.from(header);
      zeroed.fill(0, offset, offset + 4);
      out.value = v.checksum;
      out.verified = crc32c(zeroed) === v.checksum;
      break;
    }
    case V2.Pp2Type.SSL: {
      // `client` is the flags byte; its flag instances must agree with its bits.
      const c = v.client;
      const flags = [v.isSsl, v.hasCertConn, v.hasCertSess];
      const bits = [V2.Pp2Client.SSL, V2.Pp2Client.CERT_CONN, V2.Pp2Client.CERT_SESS].map((f) => (c & f) !== 0);
      if (!Number.isInteger(c) || c < 0 || c > 0xff) problems.push(`SSL client ${c} is not a byte`);
      else if (!same(flags, bits)) problems.push(`SSL client ${c}: flags ${show(flags)}, bits say ${show(bits)}`);
      out.client = c;
      out.verify = v.verify;
      out.sub_tlvs = v.subTlvs.map(sslSubTlvJson);
      break;
    }
    default:
      break;
  }
  const vendor = VENDOR.get(tlv.tlvType);
  if (vendor) {
    // The core spec names no custom-range type: the vendor spec names its own.
    if (out.name !== null) problems.push(`TLV 0x${tlv.tlvType.toString(16)} is named ${out.name} by the core spec`);
    out.name = vendor.name;
    const layout = vendorLayout(vendor.spec, raw);
    if (vendor.spec !== TlvGcp) out.subtype = layout ? layout.subtype : null;
    if (!layout) out.value = null;
    else if (vendor.spec === TlvGcp) {
      // readU8be returns a double: exact only up to 2^53. A JS host reads
      // the 8 value bytes itself for the exact id; the parser's field must
      // be that id, rounded to a double.
      const exact = Buffer.from(raw).readBigUInt64BE(0);
      if (Number(exact) !== layout.value) problems.push(`GCP pscConnectionId ${layout.value} is not ${exact} as a double`);
      out.value = exact;
    } else if (vendor.spec === TlvAws) out.value = utf8OrNull(layout.value);
    else out.value = layout.value;
  }
  return out;
}

// Each vendor spec's TLV type, from its one-entry enum Pp2Type: type -> { spec, name }.
const VENDOR = new Map(
  [TlvGcp, TlvAws, TlvAzure].flatMap((spec) =>
    Object.entries(spec.Pp2Type)
      .filter(([k]) => !/^[0-9]+$/.test(k))
      .map(([name, type]) => [type, { spec, name }]),
  ),
);

/**
 * A vendor spec applied to a raw value, or null if the value is not its
 * layout: the host's rule of the vendor specs is that the value is exactly
 * the layout, so one that runs out (EOFError) or has bytes left over is not.
 */
function vendorLayout(spec, raw) {
  const io = new KaitaiStream(raw);
  let v;
  try {
    v = new spec(io);
  } catch (e) {
    if (e instanceof KaitaiStream.EOFError) return null;
    throw e;
  }
  return io.isEof() ? v : null;
}

// The body type of a PROXY header by the fam bytes the spec defines (0x00,
// 0x11, 0x12, 0x21, 0x22, 0x31, 0x32), with its address block's size; any
// other fam byte leaves the body raw bytes. A LOCAL body is always TLVs only,
// whatever its fam byte.
const BODY_TYPE = new Map([
  [0x00, [V2.BodyTlvsOnly, 0]],
  [0x11, [V2.BodyInet, 12]],
  [0x12, [V2.BodyInet, 12]],
  [0x21, [V2.BodyInet6, 36]],
  [0x22, [V2.BodyInet6, 36]],
  [0x31, [V2.BodyUnix, 216]],
  [0x32, [V2.BodyUnix, 216]],
]);

function v2Json(h, bytes, problems) {
  const local = h.command === V2.CommandEnum.CMD_LOCAL;
  // A receiver treats a PROXY fam byte outside the spec's table like UNSPEC
  // and does not interpret the body (SPEC_NOTES §2.1): no addresses, no TLVs.
  const [want, addrLen] = local ? BODY_TYPE.get(0x00) : (BODY_TYPE.get((h.family << 4) | h.transport) ?? [null, 0]);
  const b = h.body;
  const raw = b instanceof Uint8Array;
  if (want === null ? !raw : !(b instanceof want)) {
    const got = raw ? "raw bytes" : (b?.constructor?.name ?? typeof b);
    problems.push(`body is ${got}, the rules say ${want === null ? "raw bytes" : want.name}`);
  }
  let src = null;
  let dst = null;
  let sport = null;
  let dport = null;
  if (b instanceof V2.BodyInet) [src, dst] = [ipv4Text(b.srcAddr), ipv4Text(b.dstAddr)];
  else if (b instanceof V2.BodyInet6) [src, dst] = [ipv6Text(b.srcAddr), ipv6Text(b.dstAddr)];
  else if (b instanceof V2.BodyUnix) [src, dst] = [unixPath(b.srcAddr), unixPath(b.dstAddr)];
  if (b instanceof V2.BodyInet || b instanceof V2.BodyInet6) [sport, dport] = [b.srcPort, b.dstPort];
  const length = 16 + h.lenBody;
  const header = bytes.subarray(0, length);
  // Where each TLV's value starts: after the fixed part, the address block
  // and the previous TLVs (3 bytes of type and length each).
  let offset = 16 + addrLen;
  const tlvs = (raw ? [] : b.tlvs).map((t) => {
    const json = tlvJson(t, header, offset + 3, problems);
    offset += 3 + t.lenValue;
    return json;
  });
  if (h._io.pos !== length) problems.push(`parser stopped at ${h._io.pos}, header is ${length} bytes`);
  return {
    kind: "v2",
    command: V2_COMMAND[V2.CommandEnum[h.command]],
    family: V2.AddressFamily[h.family],
    transport: V2.TransportProtocol[h.transport],
    src_addr: src,
    src_port: sport,
    dst_addr: dst,
    dst_port: dport,
    length,
    tlvs,
  };
}

/** An SPP address is 16 bytes; IPv4-mapped (`00 * 10, ff ff`, then 4 bytes) means IPv4. */
const isIpv4Mapped = (b) => b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;

function sppJson(h, bytes, problems) {
  for (const [k, b] of [["clientAddr", h.clientAddr], ["proxyAddr", h.proxyAddr]]) {
    if (!(b instanceof Uint8Array) || b.length !== 16) problems.push(`${k} is not 16 bytes`);
  }
  // As tests/vectors/README.md prints them: IPv4-mapped as plain IPv4.
  const addr = (b) => (isIpv4Mapped(b) ? ipv4Text(b.subarray(12)) : ipv6Text(b));
  if (hex(h.payload) !== hex(bytes.subarray(38))) problems.push("payload is not the bytes after the 38-byte header");
  return {
    kind: "spp",
    command: null,
    family: isIpv4Mapped(h.clientAddr) && isIpv4Mapped(h.proxyAddr) ? "INET" : "INET6",
    transport: "DGRAM",
    src_addr: addr(h.clientAddr),
    src_port: h.clientPort,
    dst_addr: addr(h.proxyAddr),
    dst_port: h.proxyPort,
    length: 38,
    tlvs: [],
  };
}

// --- comparing ---------------------------------------------------------------

/** Integers compare by value whether Number or BigInt; everything else strictly. */
function same(a, b) {
  const isInt = (x) => typeof x === "bigint" || (typeof x === "number" && Number.isInteger(x));
  if (isInt(a) && isInt(b)) return BigInt(a) === BigInt(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return same(ka, kb) && ka.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

const show = (x) => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? `${v}n` : v));

/** The first difference between expected and actual, as text. */
function firstDifference(exp, act, where = "") {
  if (same(exp, act)) return null;
  if (exp && act && typeof exp === "object" && typeof act === "object" && Array.isArray(exp) === Array.isArray(act)) {
    if (Array.isArray(exp) && exp.length !== act.length) {
      return `${where || "/"}: ${exp.length} items expected, ${act.length} got: ${show(act)}`;
    }
    for (const k of new Set([...Object.keys(exp), ...Object.keys(act)])) {
      if (!(k in act)) return `${where}/${k}: missing (expected ${show(exp[k])})`;
      if (!(k in exp)) return `${where}/${k}: not expected (got ${show(act[k])})`;
      const d = firstDifference(exp[k], act[k], `${where}/${k}`);
      if (d) return d;
    }
  }
  return `${where || "/"}: expected ${show(exp)}, got ${show(act)}`;
}

// Vectors whose `kaitai_error` gives the spec's answer, which the generated
// parsers do not give today because of a bug in the .ksy (as in Python).
// Entries: [vector id, reason]. Empty: none known today.
const KSY_BUGS = new Map([]);

// JS runtime error class → the Python runtime's name used in `kaitai_error`.
const PY_ERROR = { EOFError: "EndOfStreamError" };

function check(fmt, v) {
  const bytes = Uint8Array.from(Buffer.from(v.hex, "hex"));
  const Parser = fmt === "v2" ? ProxyProtocolV2 : SimpleProxyProtocol;
  let parsed;
  try {
    parsed = new Parser(new KaitaiStream(bytes));
  } catch (e) {
    const got = PY_ERROR[e.name] ?? e.name ?? String(e);
    if (v.kaitai_error === got) return null;
    if (v.kaitai_error) return `expected ${v.kaitai_error}, got ${got}: ${e.message}`;
    return `expected to parse, got ${got}: ${e.message}`;
  }
  if (v.kaitai_error) return `expected ${v.kaitai_error}, but it parsed`;
  const problems = [];
  let json;
  try {
    json = fmt === "v2" ? v2Json(parsed, bytes, problems) : sppJson(parsed, bytes, problems);
  } catch (e) {
    return `parsed, but reading its fields threw ${e.name}: ${e.message}`;
  }
  if (problems.length) return problems.join("; ");
  if (v.expect === undefined || v.expect === null) {
    return v.result === "valid" ? "valid vector without `expect`" : null;
  }
  // A valid vector's expect is the whole header JSON; an invalid one's may
  // list only the fields that could still be read.
  const actual = v.result === "valid" ? json : Object.fromEntries(Object.keys(v.expect).map((k) => [k, json[k]]));
  return firstDifference(v.expect, actual);
}

function main() {
  const args = process.argv.slice(2);
  const verbose = args.includes("--verbose");
  const dirs = args.filter((a) => a !== "--verbose");
  if (dirs.length > 1 || args.some((a) => a.startsWith("-") && a !== "--verbose")) {
    process.stderr.write("usage: node tests/js/conformance.mjs [--verbose] [VECTOR_DIR]\n");
    process.exit(2);
  }
  const dir = dirs[0] ?? path.join(root, "tests", "vectors");
  const agreed = { v2: 0, spp: 0 };
  let disagreed = 0;
  const xfailed = [];
  for (const fmt of ["v2", "spp"]) {
    for (const v of loadVectors(dir, fmt)) {
      const why = check(fmt, v);
      if (KSY_BUGS.has(v.id)) {
        if (why === null) {
          disagreed += 1;
          process.stdout.write(`FAIL ${v.id}: listed in KSY_BUGS but agrees now: remove it there and in test_generated.py\n`);
        } else {
          xfailed.push(v.id);
          process.stdout.write(`xfail ${v.id}: ${KSY_BUGS.get(v.id)} (${why})\n`);
        }
      } else if (why === null) {
        agreed[fmt] += 1;
        if (verbose) process.stdout.write(`ok   ${v.id}\n`);
      } else {
        disagreed += 1;
        process.stdout.write(`FAIL ${v.id}: ${why}\n`);
      }
    }
  }
  const total = agreed.v2 + agreed.spp;
  if (xfailed.length) process.stdout.write(`js-conformance: known .ksy bugs (xfail): ${xfailed.join(" ")}\n`);
  process.stdout.write(
    `js-conformance: ${total} vectors agreed (v2 ${agreed.v2}, spp ${agreed.spp}), ${disagreed} disagreed\n`,
  );
  if (total + disagreed + xfailed.length === 0) process.stdout.write(`js-conformance: no v2/spp vectors found in ${dir}\n`);
  process.exit(disagreed === 0 && total > 0 ? 0 : 1);
}

main();
