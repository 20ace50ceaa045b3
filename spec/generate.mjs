#!/usr/bin/env node
// generate.mjs — rebuilds the project's `generated/` tree from `spec/*.ksy`.
//
//   node spec/generate.mjs OUTDIR        (make generate: OUTDIR = generated)
//
// OUTDIR is wiped first, so nothing stale survives. Then, for every spec:
//   OUTDIR/<language>/   the compiler's output for every programming language
//                        it offers (see ksc.mjs for the options supplied here)
//   OUTDIR/python/__init__.py   makes the Python output the package
//                        `proxyproto_kaitai.generated` (see pyproject.toml)
//   OUTDIR/python/registry.py   the enums of proxy_protocol_v2.ksy and of the
//                        vendor TLV specs as Python enum classes (Command,
//                        Family, Transport, TlvType, SslSubtype, SslClient,
//                        AwsSubtype, AzureSubtype) and VENDOR_TLV_TYPES, for
//                        the library
//   OUTDIR/lua/proxyproto_registry.lua   the same as a Lua table (value ->
//                        name per enum), for the Wireshark Lua plugin
//                        (both: see REGISTRY below; read with js-yaml, the
//                        generator fails if an enum or -orig-id it needs is gone)
//                        Both also hold the SPP detection rule of
//                        spec/spp_detection.json, with the magic, the length and
//                        the field offsets of simple_proxy_protocol.ksy
//                        (SPP_DETECTION / spp_detection; see SPP DETECTION below)
//   OUTDIR/graphviz/     the compiler's diagram source (.dot) and the same
//                        diagram rendered by Graphviz (`dot -Tsvg`, .svg)
//   OUTDIR/README.md     "written by make generate; do not edit"
//   OUTDIR/MANIFEST.json the compiler version and the sha256 of every input
//                        and output, so a reader can tell what made what
// The Makefile byte-compiles the Python output afterwards. Output depends on
// nothing but the inputs, the pinned compiler and, for the SVG files, Debian
// bookworm's graphviz (2.42.2) with the DejaVu Serif font of fonts-dejavu-core,
// so `make check-generated` can regenerate into a temporary folder and compare.
//
// SVG determinism: Graphviz sizes every table cell from the metrics of the
// font that fontconfig picks for "Times", so the same .dot gives a different
// SVG on a machine with other fonts installed. `dot` is therefore run with a
// private fontconfig setup that can see one font file only (DejaVu Serif,
// from the Debian package fonts-dejavu-core, which every graphviz install
// pulls in) and maps every font name to it. DejaVu Serif is wider than the
// Times that a browser usually draws the SVG with, so the text always fits.

import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { compileAll, compilerVersion, codeTargets } from "./ksc.mjs";

const require = createRequire(import.meta.url);
const yaml = require("js-yaml");

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

// Options the npm build lacks and the JVM compiler has (TOOLCHAIN.md §1.1).
export const OPTIONS = {
  pythonPackage: ".",
  goPackage: "proxyproto",
  javaPackage: "io.github.proxyproto_kaitai",
};

// The one font the diagrams are laid out with (see the header comment).
const FONT_DIR = "/usr/share/fonts/truetype/dejavu";
const FONT_FILES = ["DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf"];
const GRAPHVIZ_HINT = "install Debian's graphviz and fonts-dejavu-core (apt-get install graphviz fonts-dejavu-core)";

function graphvizVersion() {
  const r = spawnSync("dot", ["-V"], { encoding: "utf8" });
  if (r.error || r.status !== 0) throw new Error(`cannot run Graphviz's dot (${r.error ? r.error.code : r.stderr.trim()}): ${GRAPHVIZ_HINT}`);
  const m = /version (\S+)/.exec(r.stderr);
  return m ? m[1] : r.stderr.trim();
}

/** Render every `.dot` file to an `.svg` beside it, with the pinned font. */
function renderSvgs(dotFiles) {
  for (const f of FONT_FILES) {
    if (!fs.existsSync(path.join(FONT_DIR, f))) throw new Error(`${path.join(FONT_DIR, f)} is missing: ${GRAPHVIZ_HINT}`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "proxyproto-fontconfig-"));
  try {
    fs.mkdirSync(path.join(tmp, "fonts"));
    for (const f of FONT_FILES) fs.symlinkSync(path.join(FONT_DIR, f), path.join(tmp, "fonts", f));
    const conf = path.join(tmp, "fonts.conf");
    fs.writeFileSync(conf, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${path.join(tmp, "fonts")}</dir>
  <cachedir>${path.join(tmp, "cache")}</cachedir>
  <match target="pattern">
    <edit name="family" mode="assign" binding="strong"><string>DejaVu Serif</string></edit>
  </match>
</fontconfig>
`);
    const env = { ...process.env, FONTCONFIG_FILE: conf };
    delete env.FONTCONFIG_PATH;
    for (const dot of dotFiles) {
      const r = spawnSync("dot", ["-Tsvg", dot], { env, encoding: "utf8", maxBuffer: 64 << 20 });
      if (r.error || r.status !== 0) {
        throw new Error(`dot -Tsvg ${dot} failed: ${r.error ? r.error.message : r.stderr.trim()}`);
      }
      // ksc 0.11 draws edges from a value instance's "<name>_type" port,
      // which its tables do not define; Graphviz then attaches the edge to
      // the node itself and warns. The drawing is right: drop that warning.
      const other = r.stderr.split("\n").filter((l) => l && !/^Warning: node \S+, port \S+ unrecognized$/.test(l));
      if (other.length) process.stderr.write(`${other.join("\n")}\n`);
      fs.writeFileSync(dot.replace(/\.dot$/, ".svg"), r.stdout);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function sha256(file) {
  return crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

function listFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "__pycache__") out.push(...listFiles(p));
    } else out.push(p);
  }
  return out.sort();
}

// --- the registry tables (generated/python/registry.py, generated/lua/proxyproto_registry.lua)
//
// The numbered things of PROXY v2 (commands, families, transports, TLV types,
// SSL sub-types and client flags, cloud sub-types) are defined once, in the
// `enums:` of the specs: proxy_protocol_v2.ksy for the protocol's own, and
// each vendor TLV spec for its TLV type (an enum `pp2_type` of one entry)
// and its sub-types. They are written out again as Python enums for the
// library and as a Lua table for the Wireshark plugin. Nothing here repeats a
// number or a name of a .ksy: this table only says which enum becomes which
// class and how its member names are made.
//   enumId: the enum, merged from every spec of REGISTRY_SPECS that has it
//         (at least one must; a value defined twice is an error)
//   name: "orig" = the entry's `-orig-id` without `prefix` (the entry must
//         have one); "id" = the entry's `id`, upper-cased
//   kind: the Python base class; an IntFlag also gets `NONE = 0x00` (no flag
//         set) in Python; the Lua table holds the .ksy entries only
//   lua:  the key of the enum's table in the Lua module
const REGISTRY_CORE = "proxy_protocol_v2.ksy";
// The vendor TLV specs: their `pp2_type` entries are the VENDOR_TLV_TYPES.
const REGISTRY_VENDORS = ["proxy_protocol_v2_tlv_gcp.ksy", "proxy_protocol_v2_tlv_aws.ksy", "proxy_protocol_v2_tlv_azure.ksy"];
const REGISTRY_SPECS = [REGISTRY_CORE, ...REGISTRY_VENDORS];
const REGISTRY = [
  { enumId: "command_enum", cls: "Command", kind: "IntEnum", name: "orig", prefix: "", lua: "command" },
  { enumId: "address_family", cls: "Family", kind: "IntEnum", name: "orig", prefix: "AF_", lua: "family" },
  { enumId: "transport_protocol", cls: "Transport", kind: "IntEnum", name: "id", prefix: "", lua: "transport" },
  { enumId: "pp2_type", cls: "TlvType", kind: "IntEnum", name: "orig", prefix: "PP2_TYPE_", lua: "tlv_type" },
  { enumId: "pp2_subtype_ssl", cls: "SslSubtype", kind: "IntEnum", name: "orig", prefix: "PP2_SUBTYPE_SSL_", lua: "ssl_subtype" },
  { enumId: "pp2_client", cls: "SslClient", kind: "IntFlag", name: "orig", prefix: "PP2_CLIENT_", lua: "ssl_client" },
  { enumId: "pp2_subtype_aws", cls: "AwsSubtype", kind: "IntEnum", name: "orig", prefix: "PP2_SUBTYPE_AWS_", lua: "aws_subtype" },
  { enumId: "pp2_subtype_azure", cls: "AzureSubtype", kind: "IntEnum", name: "orig", prefix: "PP2_SUBTYPE_AZURE_", lua: "azure_subtype" },
];
// The TLV types HAProxy's doc/proxy-protocol.txt §2.2.8 leaves to custom
// use (PP2_TYPE_MIN_CUSTOM .. PP2_TYPE_MAX_CUSTOM): a protocol fact, not an
// enum of a .ksy. Every vendor spec's type must lie in it.
const CUSTOM_TLV_MIN = 0xe0;
const CUSTOM_TLV_MAX = 0xef;
const VENDOR_TLV_ENUM = "pp2_type";
const PY_WIDTH = 100; // ruff's line-length (pyproject.toml)

/** A number as the generated files write it: 0x + at least two hex digits. */
function hex(n, upper) {
  const digits = n.toString(16).padStart(2, "0");
  return `0x${upper ? digits.toUpperCase() : digits}`;
}

/** A .ksy `doc` as comment text: the first paragraph on one line ("" if none). */
function docText(doc) {
  if (typeof doc !== "string") return "";
  return doc.trim().split(/\n\s*\n/)[0].replace(/\s+/g, " ");
}

/** Word-wrap `text` into comment lines "<indent># ..." no wider than `width`. */
function commentLines(text, indent, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent.length + 2 + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l) => `${indent}# ${l}`);
}

/** A spec's path relative to the checkout, with "/" (for messages and the generated files). */
function specRel(file) {
  return path.relative(root, path.join(here, file)).split(path.sep).join("/");
}

/** The `enums:` of one spec (an empty object if it has none). */
function specEnums(file) {
  const full = path.join(here, file);
  const spec = yaml.load(fs.readFileSync(full, "utf8"), { filename: full });
  const enums = spec && spec.enums;
  if (enums !== undefined && (!enums || typeof enums !== "object")) throw new Error(`${specRel(file)}: enums: is not a mapping`);
  return enums || {};
}

/**
 * Read the enums REGISTRY names from REGISTRY_SPECS; every problem is thrown
 * as one Error naming the spec, the enum and the entry. Returns, per REGISTRY
 * row, its members { value, name, origId, doc, spec } in ascending value
 * order and the specs it was read from.
 */
function readRegistry() {
  const enumsOf = new Map(REGISTRY_SPECS.map((file) => [file, specEnums(file)]));
  return REGISTRY.map((row) => {
    const files = REGISTRY_SPECS.filter((file) => enumsOf.get(file)[row.enumId] !== undefined);
    if (!files.length) {
      throw new Error(`enum ${row.enumId} is in none of ${REGISTRY_SPECS.map(specRel).join(", ")} (spec/generate.mjs REGISTRY makes class ${row.cls} from it)`);
    }
    const members = [];
    for (const file of files) {
      const where = specRel(file);
      const entries = enumsOf.get(file)[row.enumId];
      if (!entries || typeof entries !== "object") throw new Error(`${where}: enums/${row.enumId} is not a mapping`);
      for (const [key, entry] of Object.entries(entries)) {
        // js-yaml gives the keys as decimal strings (`0x21:` becomes "33").
        const value = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : /^0x[0-9a-f]+$/i.test(key) ? parseInt(key, 16) : NaN;
        if (!Number.isSafeInteger(value)) throw new Error(`${where}: enums/${row.enumId}/${key}: key is not a non-negative integer`);
        const at = `${where}: enums/${row.enumId}/${hex(value, false)}`;
        const e = typeof entry === "string" ? { id: entry } : entry || {};
        if (typeof e.id !== "string") throw new Error(`${at}: entry has no id`);
        const origId = e["-orig-id"];
        if (origId !== undefined && (typeof origId !== "string" || /[\r\n]/.test(origId))) {
          throw new Error(`${at} (${e.id}): -orig-id must be a one-line string`);
        }
        let name;
        if (row.name === "id") name = e.id.toUpperCase();
        else if (typeof origId !== "string") {
          throw new Error(`${at} (${e.id}): no -orig-id, which spec/generate.mjs REGISTRY needs for the name in ${row.cls}`);
        } else if (!origId.startsWith(row.prefix) || origId.length === row.prefix.length) {
          throw new Error(`${at} (${e.id}): -orig-id ${origId} does not start with ${row.prefix} (spec/generate.mjs REGISTRY)`);
        } else name = origId.slice(row.prefix.length);
        if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`${at} (${e.id}): ${name} is not an UPPER_CASE name`);
        const twice = members.find((m) => m.value === value);
        if (twice) throw new Error(`${at} (${e.id}): value also defined in ${specRel(twice.spec)}`);
        members.push({ value, name, origId: typeof origId === "string" ? origId : null, doc: docText(e.doc), spec: file });
      }
    }
    members.sort((a, b) => a.value - b.value);
    const where = files.map(specRel).join(", ");
    if (row.kind === "IntFlag") {
      if (members.some((m) => m.value === 0)) throw new Error(`${where}: enums/${row.enumId}: a flag enum has no entry 0 (NONE is added)`);
      for (const m of members) {
        if (m.value & (m.value - 1)) throw new Error(`${where}: enums/${row.enumId}/${hex(m.value, false)}: a flag is a single bit`);
      }
    }
    const names = new Set(row.kind === "IntFlag" ? ["NONE"] : []);
    for (const m of members) {
      if (names.has(m.name)) throw new Error(`${where}: enums/${row.enumId}: two members named ${m.name} in ${row.cls}`);
      names.add(m.name);
    }
    if (!members.length) throw new Error(`${where}: enums/${row.enumId} is empty`);
    if (row.enumId === VENDOR_TLV_ENUM) {
      for (const m of members) {
        const vendor = REGISTRY_VENDORS.includes(m.spec);
        const custom = m.value >= CUSTOM_TLV_MIN && m.value <= CUSTOM_TLV_MAX;
        if (vendor !== custom) {
          throw new Error(
            `${specRel(m.spec)}: enums/${row.enumId}/${hex(m.value, false)}: ${vendor ? "a vendor TLV type must lie" : "only a vendor spec may define a type"} in the custom range ${hex(CUSTOM_TLV_MIN, false)}-${hex(CUSTOM_TLV_MAX, false)}`,
          );
        }
      }
    }
    return { ...row, members, files };
  });
}

/** The pp2_type entries of the vendor specs (all in the custom range: readRegistry checks it). */
function vendorTlvs(tables) {
  const t = tables.find((x) => x.enumId === VENDOR_TLV_ENUM);
  return t.members.filter((m) => REGISTRY_VENDORS.includes(m.spec));
}

/** "a.ksy", "a.ksy and b.ksy", "a.ksy, b.ksy and c.ksy" (paths relative to the checkout). */
function specList(files) {
  const rel = files.map(specRel);
  return rel.length < 2 ? rel.join("") : `${rel.slice(0, -1).join(", ")} and ${rel[rel.length - 1]}`;
}

// --- SPP DETECTION: the rule for "this datagram / this flow is SPP" (spec/spp_detection.json)
//
// The rule's parameters (which address classes are plausible, and whether a
// class decides alone) are data in spec/spp_detection.json; the wire layout it
// applies to (magic, header length, field offsets) is read from the SPP spec,
// so nothing of the .ksy is repeated. Both are written into the two registry
// files, for the capture dissector (proxyproto_kaitai.dissector) and the
// Wireshark plugin. The JSON's "doc" holds the algorithm.
const SPP_KSY = "simple_proxy_protocol.ksy";
const SPP_JSON = "spp_detection.json";
// The .ksy seq ids the rule reads, in wire order; the header ends where `payload` starts.
const SPP_FIELDS = ["magic", "client_addr", "proxy_addr", "client_port", "proxy_port"];

/** An IPv6 address as 16 bytes (hex groups, at most one "::", an optional dotted IPv4 tail), or null. */
function ipv6Bytes(text) {
  let head = text;
  const tail = [];
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (dotted) {
    const octets = dotted.slice(2).map(Number);
    if (octets.some((o, i) => o > 255 || String(o) !== dotted[2 + i])) return null;
    head = dotted[1].endsWith("::") ? dotted[1] : dotted[1].slice(0, -1);
    tail.push((octets[0] << 8) | octets[1], (octets[2] << 8) | octets[3]);
  }
  const halves = head.split("::");
  if (halves.length > 2) return null;
  const groups = (part) => (part === "" ? [] : part.split(":"));
  const parts = halves.map(groups);
  for (const g of parts.flat()) if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
  const words = parts.map((p) => p.map((g) => parseInt(g, 16)));
  const have = words.flat().length + tail.length;
  let all;
  if (halves.length === 2) {
    if (have > 7) return null;
    all = [...words[0], ...new Array(8 - have).fill(0), ...words[1], ...tail];
  } else {
    if (have !== 8) return null;
    all = [...words[0], ...tail];
  }
  return all.flatMap((w) => [w >> 8, w & 0xff]);
}

/** "ADDR/N" -> { text, bytes (the first ceil(N/8) bytes), length: N }; throws on anything else. */
function parsePrefix(text, where) {
  const m = typeof text === "string" ? /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/.exec(text) : null;
  const bytes = m && ipv6Bytes(m[1]);
  const length = m ? Number(m[2]) : NaN;
  if (!bytes || !(length >= 0 && length <= 128)) throw new Error(`${where}: ${JSON.stringify(text)} is not an IPv6 prefix ADDR/N`);
  for (let bit = length; bit < 128; bit++) {
    if (bytes[bit >> 3] & (0x80 >> (bit & 7))) throw new Error(`${where}: ${text} has bits set past /${length}`);
  }
  return { text, bytes: bytes.slice(0, Math.ceil(length / 8)), length };
}

/** Whether prefix `inner` lies inside prefix `outer` (its first outer.length bits are outer's). */
function covers(outer, inner) {
  if (inner.length < outer.length) return false;
  for (let bit = 0; bit < outer.length; bit++) {
    const mask = 0x80 >> (bit & 7);
    if ((outer.bytes[bit >> 3] & mask) !== (inner.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** Fail unless `obj` is a mapping with exactly the keys `keys`. */
function exactKeys(obj, keys, where) {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new Error(`${where} is not an object`);
  const have = Object.keys(obj).sort();
  const want = [...keys].sort();
  if (have.join() !== want.join()) throw new Error(`${where}: keys ${have.join(", ")}; expected ${want.join(", ")}`);
}

/** The SPP wire layout of simple_proxy_protocol.ksy: magic, header length, offsets and sizes. */
function sppLayout() {
  const where = specRel(SPP_KSY);
  const full = path.join(here, SPP_KSY);
  const spec = yaml.load(fs.readFileSync(full, "utf8"), { filename: full });
  const seq = (spec && spec.seq) || [];
  const layout = {};
  let offset = 0;
  for (const [i, id] of SPP_FIELDS.entries()) {
    const f = seq[i];
    if (!f || f.id !== id) throw new Error(`${where}: seq[${i}] is not ${id} (spec/generate.mjs SPP_FIELDS)`);
    let size;
    if (Array.isArray(f.contents)) size = f.contents.length;
    else if (Number.isInteger(f.size)) size = f.size;
    else if (f.type === "u2") size = 2;
    else throw new Error(`${where}: seq/${id}: no fixed size (contents, size or u2)`);
    layout[id] = { offset, size };
    if (id === "magic") {
      if (!f.contents.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) throw new Error(`${where}: seq/magic: contents are not bytes`);
      layout.magic.bytes = f.contents;
    }
    offset += size;
  }
  if (!seq[SPP_FIELDS.length] || seq[SPP_FIELDS.length].id !== "payload") throw new Error(`${where}: the header does not end with payload`);
  if (layout.magic.size !== 2 || layout.client_addr.size !== 16 || layout.proxy_addr.size !== 16) {
    throw new Error(`${where}: a 2-byte magic and 16-byte addresses expected`);
  }
  return { ...layout, headerLength: offset };
}

/** spec/spp_detection.json, checked, with the layout of the .ksy. */
function readSppDetection() {
  const where = specRel(SPP_JSON);
  const rule = JSON.parse(fs.readFileSync(path.join(here, SPP_JSON), "utf8"));
  exactKeys(rule, ["doc", "ports_nonzero", "address_classes"], where);
  if (!Array.isArray(rule.doc) || !rule.doc.every((l) => typeof l === "string" && !/[\r\n]/.test(l))) {
    throw new Error(`${where}: doc is not a list of lines`);
  }
  if (typeof rule.ports_nonzero !== "boolean") throw new Error(`${where}: ports_nonzero is not a boolean`);
  if (!Array.isArray(rule.address_classes) || !rule.address_classes.length) throw new Error(`${where}: address_classes is empty`);
  const names = new Set();
  const classes = rule.address_classes.map((c, i) => {
    const at = `${where}: address_classes[${i}]`;
    exactKeys(c, ["name", "doc", "prefix", "exclude", "decides_alone"], at);
    if (typeof c.name !== "string" || !/^[a-z][a-z0-9_]*$/.test(c.name) || names.has(c.name)) throw new Error(`${at}: name must be a new snake_case name`);
    names.add(c.name);
    if (typeof c.doc !== "string" || /[\r\n]/.test(c.doc)) throw new Error(`${at}: doc is not one line`);
    if (typeof c.decides_alone !== "boolean") throw new Error(`${at}: decides_alone is not a boolean`);
    if (!Array.isArray(c.exclude)) throw new Error(`${at}: exclude is not a list`);
    const prefix = parsePrefix(c.prefix, `${at}.prefix`);
    const exclude = c.exclude.map((e, j) => {
      const p = parsePrefix(e, `${at}.exclude[${j}]`);
      if (!covers(prefix, p)) {
        throw new Error(`${at}.exclude[${j}]: ${e} is not inside ${c.prefix}`);
      }
      return p;
    });
    return { name: c.name, doc: c.doc, prefix, exclude, decidesAlone: c.decides_alone };
  });
  return { doc: rule.doc, portsNonzero: rule.ports_nonzero, classes, layout: sppLayout() };
}

/** SPP_DETECTION for registry.py: a dict literal in ruff's format (one item a line). */
function pythonSppDetection(spp) {
  const l = spp.layout;
  const q = (t) => JSON.stringify(t);
  const out = [
    ...commentLines(
      `The SPP detection rule of ${specRel(SPP_JSON)} (its "doc" holds the algorithm), with the magic, ` +
        `the header length and the 0-based field offsets of ${specRel(SPP_KSY)}: when a UDP datagram, and ` +
        "a UDP flow, is taken to carry SPP in unknown traffic. Prefixes are IPv6 ADDR/N text.",
      "",
      PY_WIDTH,
    ),
    "SPP_DETECTION = {",
    `    "magic": ${hex((l.magic.bytes[0] << 8) | l.magic.bytes[1], true)},`,
    `    "header_length": ${l.headerLength},`,
  ];
  for (const id of SPP_FIELDS.slice(1)) out.push(`    "${id}_offset": ${l[id].offset},`);
  out.push(`    "ports_nonzero": ${spp.portsNonzero ? "True" : "False"},`, '    "address_classes": (');
  for (const c of spp.classes) {
    out.push("        {", `            "name": ${q(c.name)},`, `            "prefix": ${q(c.prefix.text)},`);
    if (c.exclude.length) {
      out.push('            "exclude": (');
      for (const e of c.exclude) out.push(`                ${q(e.text)},`);
      out.push("            ),");
    } else out.push('            "exclude": (),');
    out.push(`            "decides_alone": ${c.decidesAlone ? "True" : "False"},`, "        },");
  }
  out.push("    ),", "}");
  return out;
}

/** A byte string as a Lua literal of \xNN escapes. */
function luaBytes(bytes) {
  return `"${bytes.map((b) => `\\x${b.toString(16).padStart(2, "0")}`).join("")}"`;
}

/** spp_detection for proxyproto_registry.lua. */
function luaSppDetection(spp) {
  const l = spp.layout;
  const out = [
    `    -- The SPP detection rule of ${specRel(SPP_JSON)} (its "doc" holds the algorithm) with the`,
    `    -- layout of ${specRel(SPP_KSY)}. Offsets are 0-based (string.sub wants offset + 1); a`,
    "    -- prefix is { the first ceil(N/8) bytes of ADDR, N }: an address lies in it when its first",
    "    -- N bits are those bytes' first N bits.",
    "    spp_detection = {",
    `        magic = ${hex((l.magic.bytes[0] << 8) | l.magic.bytes[1], false)},`,
    `        header_length = ${l.headerLength},`,
  ];
  for (const id of SPP_FIELDS.slice(1)) out.push(`        ${id}_offset = ${l[id].offset},`);
  out.push(`        ports_nonzero = ${spp.portsNonzero},`, "        address_classes = {");
  for (const c of spp.classes) {
    out.push("            {", `                name = "${c.name}",`);
    out.push(`                prefix = { ${luaBytes(c.prefix.bytes)}, ${c.prefix.length} }, -- ${c.prefix.text}`);
    if (c.exclude.length) {
      out.push("                exclude = {");
      for (const e of c.exclude) out.push(`                    { ${luaBytes(e.bytes)}, ${e.length} }, -- ${e.text}`);
      out.push("                },");
    } else out.push("                exclude = {},");
    out.push(`                decides_alone = ${c.decidesAlone},`, "            },");
  }
  out.push("        },", "    },");
  return out;
}

/** generated/python/registry.py: one enum class per REGISTRY row, in ruff's format. */
function pythonRegistry(tables, spp) {
  const out = [
    '"""The PROXY v2 registry: the enums of the PROXY v2 specs as Python enums.',
    "",
    ...commentLines(
      `Generated from ${specList(REGISTRY_SPECS)} (and SPP_DETECTION from ${specRel(SPP_JSON)} and ${specRel(SPP_KSY)}) by \`make generate\`; do not edit.`,
      "",
      PY_WIDTH,
    ).map(
      (l) => l.slice(2),
    ),
    '"""',
    "",
    "from __future__ import annotations",
    "",
    "import enum",
  ];
  for (const t of tables) {
    out.push("", "", `class ${t.cls}(enum.${t.kind}):`);
    const doc = commentLines(`Enum \`${t.enumId}\` of ${specList(t.files)}.`, "    ", PY_WIDTH - 6).map((l) => l.slice(6));
    if (doc.length === 1) out.push(`    """${doc[0]}"""`, "");
    else out.push(`    """${doc[0]}`, ...doc.slice(1).map((l) => `    ${l}`), '    """', "");
    const members = t.kind === "IntFlag" ? [{ value: 0, name: "NONE", origId: null, doc: "No flag set." }, ...t.members] : t.members;
    for (const m of members) {
      if (m.doc) out.push(...commentLines(m.doc, "    ", PY_WIDTH));
      out.push(`    ${m.name} = ${hex(m.value, true)}${m.origId ? `  # ${m.origId}` : ""}`);
    }
  }
  const tlv = tables.find((x) => x.enumId === VENDOR_TLV_ENUM);
  const vendor = vendorTlvs(tables);
  out.push(
    "",
    "",
    ...commentLines(
      `The ${tlv.cls} values of the vendor TLV specs, in the range ${hex(CUSTOM_TLV_MIN, true)}-${hex(CUSTOM_TLV_MAX, true)} that ` +
        "the spec leaves to custom use (doc/proxy-protocol.txt section 2.2.8): the cloud vendors' TLVs.",
      "",
      PY_WIDTH,
    ),
  );
  if (vendor.length) {
    out.push(`VENDOR_TLV_TYPES: frozenset[${tlv.cls}] = frozenset(`, "    {");
    for (const m of vendor) out.push(`        ${tlv.cls}.${m.name},`);
    out.push("    }", ")");
  } else out.push(`VENDOR_TLV_TYPES: frozenset[${tlv.cls}] = frozenset()`);
  out.push("", "", ...pythonSppDetection(spp));
  // __all__ in the order ruff's RUF022 wants: constants, then classes.
  const all = ["SPP_DETECTION", "VENDOR_TLV_TYPES", ...tables.map((t) => t.cls).sort()];
  out.push("", "__all__ = [", ...all.map((n) => `    "${n}",`), "]");
  return `${out.join("\n")}\n`;
}

/** generated/lua/proxyproto_registry.lua: `return { <lua key> = { [value] = "NAME" } }`. */
function luaRegistry(tables, spp) {
  const out = [
    "-- proxyproto_registry.lua: the PROXY v2 registry, the enums of the PROXY v2 specs,",
    "-- for the Wireshark Lua plugin: one table per enum, value -> name (names as in",
    "-- proxyproto_kaitai.generated.registry; the .ksy's -orig-id in the comments),",
    `-- and vendor_tlv_types: the ${tables.find((x) => x.enumId === VENDOR_TLV_ENUM).lua} values of the vendor TLV specs` +
      ` (custom range ${hex(CUSTOM_TLV_MIN, false)}-${hex(CUSTOM_TLV_MAX, false)}).`,
    ...commentLines(
      `Generated from ${specList(REGISTRY_SPECS)} (and spp_detection from ${specRel(SPP_JSON)} and ${specRel(SPP_KSY)}) by \`make generate\`; do not edit.`,
      "",
      80,
    ).map(
      (l) => `--${l.slice(1)}`,
    ),
    `-- spp_detection: the SPP detection rule of ${specRel(SPP_JSON)} (the algorithm is in its "doc").`,
    "-- Load: local registry = require(\"proxyproto_registry\") (or dofile); it sets no globals.",
    "return {",
  ];
  for (const t of tables) {
    out.push(`    ${t.lua} = {`);
    for (const m of t.members) out.push(`        [${hex(m.value, false)}] = "${m.name}",${m.origId ? ` -- ${m.origId}` : ""}`);
    out.push("    },");
  }
  out.push("    vendor_tlv_types = {");
  for (const m of vendorTlvs(tables)) out.push(`        [${hex(m.value, false)}] = true, -- ${m.name}`);
  out.push("    },", ...luaSppDetection(spp), "}");
  return `${out.join("\n")}\n`;
}

/** Write both registry files into OUTDIR (python/ and lua/ exist by then). */
function writeRegistries(outdir, tables, spp) {
  fs.writeFileSync(path.join(outdir, "python", "registry.py"), pythonRegistry(tables, spp));
  fs.writeFileSync(path.join(outdir, "lua", "proxyproto_registry.lua"), luaRegistry(tables, spp));
}

const README = `# generated/

Everything in this folder is **written by \`make generate\`; do not edit**.
Change the \`.ksy\` files in [\`../spec/\`](../spec/) (or the generator,
\`spec/generate.mjs\`) and run \`make generate\`; \`make check-generated\`
(part of \`make check\` and CI) fails when this folder is out of date.

| path | what |
| --- | --- |
| \`python/\` | installed as the package \`proxyproto_kaitai.generated\` |
| \`python/registry.py\` | the enums of \`spec/proxy_protocol_v2.ksy\` and the vendor TLV specs \`spec/proxy_protocol_v2_tlv_*.ksy\` as Python enum classes (\`proxyproto_kaitai.generated.registry\`; the library re-exports them), and \`SPP_DETECTION\`, the SPP detection rule of \`spec/spp_detection.json\` |
| \`lua/proxyproto_registry.lua\` | the same enums as one Lua table, value -> name, and \`spp_detection\`, for the Wireshark Lua plugin |
| \`graphviz/\` | diagrams of each format: the compiler's \`.dot\` and its SVG rendering (\`dot -Tsvg\`) |
| every other folder | the compiler's output for that language |

\`MANIFEST.json\` records the compiler version and the sha256 of every input
and output.
`;

async function main() {
  const outdir = process.argv[2];
  if (!outdir || process.argv.length > 3) {
    process.stderr.write("usage: node spec/generate.mjs OUTDIR\n");
    process.exit(2);
  }
  const specs = fs.readdirSync(here).filter((f) => f.endsWith(".ksy")).sort().map((f) => path.join(here, f));
  // Read before OUTDIR is wiped: a missing enum or -orig-id leaves it as it was.
  const registry = readRegistry();
  const spp = readSppDetection();
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });

  const gvVersion = graphvizVersion();
  const written = await compileAll({ ...OPTIONS, targets: [...codeTargets, "graphviz"], outdir, files: specs });
  renderSvgs(written.filter((f) => f.endsWith(".dot")));

  fs.writeFileSync(
    path.join(outdir, "python", "__init__.py"),
    '"""Kaitai Struct parsers generated from spec/*.ksy by `make generate`. Do not edit."""\n',
  );
  writeRegistries(outdir, registry, spp);
  fs.writeFileSync(path.join(outdir, "README.md"), README);

  const rel = (p) => path.relative(root, p).split(path.sep).join("/");
  const relOut = (p) => path.relative(outdir, p).split(path.sep).join("/");
  const manifest = {
    generator: "spec/generate.mjs",
    compiler: { name: "kaitai-struct-compiler", version: compilerVersion, source: "npm" },
    diagrams: { renderer: "dot -Tsvg", graphviz: gvVersion, font: "DejaVu Serif (Debian fonts-dejavu-core)" },
    options: OPTIONS,
    inputs: Object.fromEntries([...specs, path.join(here, SPP_JSON)].map((f) => [rel(f), sha256(f)])),
    outputs: Object.fromEntries(listFiles(outdir).map((f) => [relOut(f), sha256(f)])),
  };
  fs.writeFileSync(path.join(outdir, "MANIFEST.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`generate.mjs: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
