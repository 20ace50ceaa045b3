#!/usr/bin/env node
// style.mjs — checks .ksy files against the mechanical rules of the Kaitai
// Struct style guide and of kaitai_struct_formats, the repository the specs
// are written to be contributed to (spec/README.md, "Contributing upstream").
//
//   node spec/style.mjs [FILE.ksy...]          (default: every spec/*.ksy)
//
// Prints, per file, one line per rule ("ok" or "FAIL" with what is wrong),
// then `spec-style: N checks passed, M failed`; exits 1 if any failed, 2 on
// a usage error. tests/test_spec_style.py runs it (so `make test` does).
//
// Where each rule comes from (the tag printed after it):
//   guide     the KSY style guide, doc.kaitai.io/ksy_style_guide.html
//             (kaitai_struct_doc/ksy_style_guide.adoc, v0.7): General
//             formatting, Order of sections, Meta section, Documentation,
//             Sequence attributes, Instance attributes
//   ksf       kaitai_struct_formats itself: CONTRIBUTING.md (licence, compiles
//             with ksc) and _build/build-html (the licences its site accepts,
//             and the xref keys it can render: any other key stops the build)
//   project   this project's rules from issue 13 (no notes about compilers or
//             target languages in the text that lands in generated code;
//             doc-ref pinned to a revision, not a branch), and the places the
//             guide predates (`valid`, enum entries) filled in the way the
//             guide orders the neighbouring keys
//
// The lowest `ks-version` that compiles is found with the released npm builds
// of the compiler pinned in spec/package.json (0.7.1, 0.9.0, 0.10.0, 0.11.0):
// the declared version must compile with the oldest build at or above it
// (every language that build offers) and fail with the newest build below
// it, `ks-version` removed for both. 0.8 has no npm release, so a declared
// 0.8 is shown between 0.7 (fails) and 0.9 (compiles); what needs 0.8 is
// named by the compiler's release notes (verbose enums).
//
// The published KSY JSON schema (kaitai-io/ksy_schema) is not checked: no
// registry this project reaches serves a maintained copy (spec/README.md).

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const yaml = require("js-yaml");
const here = path.dirname(fileURLToPath(import.meta.url));

// --- the rule tables ---------------------------------------------------------

// guide, "Meta section": top-level key order (tags: kaitai_struct_formats's
// site reads meta/tags; the guide does not list it, kept after xref).
const META_ORDER = ["id", "title", "application", "file-extension", "xref", "tags", "license", "ks-version", "imports", "encoding", "endian", "bit-endian"];
const META_INNER = ["encoding", "endian", "bit-endian"]; // intermediate meta: defaults only, alphabetical
const RESERVED = ["ks-debug", "ks-opaque-types"];
// guide, "Order of sections in a type spec": meta, doc, doc-ref, seq, then
// instances/types/enums in any order (params, which the guide does not list,
// before seq, as kaitai_struct_formats writes it).
const TYPE_HEAD = ["meta", "doc", "doc-ref", "params", "seq"];
const TYPE_TAIL = ["instances", "types", "enums"];
// guide, "Sequence attributes" (`valid`, newer than the guide: after the
// type-related keys, before `process`; `repeat-*` share one rank).
const ATTR_ORDER = [
  "id", "-orig-id", "size", "size-eos", "type", "enum", "contents", "pad-right", "terminator", "include",
  "consume", "eos-error", "encoding", "valid", "process", "repeat", "repeat-expr|repeat-eos|repeat-until", "if", "doc", "doc-ref",
];
// guide, "Instance attributes": -orig-id, io, pos or value, then the rest as in a seq attribute.
const INSTANCE_ORDER = ["-orig-id", "io", "pos|value", ...ATTR_ORDER.filter((k) => k !== "id" && k !== "-orig-id")];
const ENUM_ENTRY_ORDER = ["id", "-orig-id", "doc", "doc-ref"];
// ksf, _build/build-html: VALID_LICENSES and the xref keys xref_url() knows.
const KSF_LICENSES = ["CC0-1.0", "MIT", "Unlicense", "WTFPL"];
const KSF_XREF = ["forensicswiki", "iso", "justsolve", "loc", "mime", "pronom", "rfc", "wikidata"];
const WIDTH = 80;
const IDENT = /^[a-z][a-z0-9_]*$/;
// project: words that make a doc or comment a note about compilers or targets.
const COMPILER_WORDS = /\b(compiler|ksc|Nim|Rust|Golang|Java|JavaScript|Python|Lua|Ruby|PHP|Perl|C\+\+|C#|C Sharp)\b|\bGo\b/;
const MOVING_REF = /\/(blob|tree|raw)\/(master|main|HEAD)\//;
// The released npm builds of the compiler, oldest first: package -> version.
const COMPILERS = [
  ["kaitai-struct-compiler-0.7", "0.7"],
  ["kaitai-struct-compiler-0.9", "0.9"],
  ["kaitai-struct-compiler-0.10", "0.10"],
  ["kaitai-struct-compiler", "0.11"],
];

// --- helpers -----------------------------------------------------------------

const isMap = (x) => x !== null && typeof x === "object" && !Array.isArray(x);

/** Rank of `key` in an order table whose entries may be "a|b" alternatives; -1 if absent. */
function rank(order, key) {
  return order.findIndex((o) => o.split("|").includes(key));
}

/** Keys out of order (or not in the table, unless `-`-prefixed): one message or null. */
function orderProblem(keys, order, where) {
  const unknown = keys.filter((k) => rank(order, k) < 0 && !k.startsWith("-"));
  if (unknown.length) return `${where}: key(s) not allowed here: ${unknown.join(", ")}`;
  const ranked = keys.filter((k) => rank(order, k) >= 0);
  for (let i = 1; i < ranked.length; i++) {
    if (rank(order, ranked[i]) < rank(order, ranked[i - 1])) {
      return `${where}: ${ranked[i]} comes after ${ranked[i - 1]} (order: ${order.filter((o) => o.split("|").some((k) => keys.includes(k))).join(", ")})`;
    }
  }
  return null;
}

function versionKey(v) {
  return String(v).split(".").map(Number);
}

function compareVersions(a, b) {
  const [x, y] = [versionKey(a), versionKey(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] || 0) - (y[i] || 0);
    if (d) return d;
  }
  return 0;
}

/** Every type spec of a file: [path, spec], the top level first. */
function typeSpecs(spec) {
  const out = [];
  const walk = (where, t) => {
    out.push([where, t]);
    if (isMap(t.types)) for (const [name, sub] of Object.entries(t.types)) if (isMap(sub)) walk(`${where}types/${name}/`, sub);
  };
  walk("/", spec);
  return out;
}

/** Every doc / doc-ref string of a spec, with where it is. */
function docs(spec) {
  const out = [];
  const visit = (where, node) => {
    if (Array.isArray(node)) node.forEach((v, i) => visit(`${where}${i}/`, v));
    else if (isMap(node)) {
      for (const [k, v] of Object.entries(node)) {
        if ((k === "doc" || k === "doc-ref") && typeof v === "string") out.push([`${where}${k}`, k, v]);
        else if (k === "doc-ref" && Array.isArray(v)) v.forEach((r, i) => out.push([`${where}${k}/${i}`, k, String(r)]));
        else visit(`${where}${k}/`, v);
      }
    }
  };
  visit("/", spec);
  return out;
}

/** Every key anywhere in a parsed YAML tree, with its path. */
function allKeys(node, where = "/", out = []) {
  if (Array.isArray(node)) node.forEach((v, i) => allKeys(v, `${where}${i}/`, out));
  else if (isMap(node)) {
    for (const [k, v] of Object.entries(node)) {
      out.push([`${where}${k}`, k]);
      allKeys(v, `${where}${k}/`, out);
    }
  }
  return out;
}

/** A line of text that could be a YAML plain scalar on one line (conservative). */
function plainOk(text) {
  return text !== "" && !/^[-?:,[\]{}#&*!|>'"%@`\s]/.test(text) && !/: |\s#/.test(text) && !/[:\s]$/.test(text);
}

// --- the raw lines -------------------------------------------------------------

/**
 * The lines of a file, each { n, text, indent, scalar } where `scalar` is
 * the header line's number for the content lines of a block scalar (`|`,
 * `>`, with or without chomping indicator), else 0.
 */
function scanLines(text) {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const out = [];
  let block = null; // { header, indent }
  lines.forEach((raw, i) => {
    const indent = raw.length - raw.trimStart().length;
    const blank = raw.trim() === "";
    if (block && (blank || indent > block.indent)) {
      out.push({ n: i + 1, text: raw, indent, scalar: block.header, blank });
      return;
    }
    block = null;
    out.push({ n: i + 1, text: raw, indent, scalar: 0, blank });
    const m = /^(\s*)(- )?([^\s#][^:]*):\s+([|>][+-]?[0-9]?)\s*$/.exec(raw);
    if (m) block = { header: i + 1, indent: m[1].length + (m[2] ? 2 : 0) };
  });
  return out;
}

/** The column where a structural line's key starts (after "- "). */
function keyColumn(line) {
  return line.indent + (/^\s*- /.test(line.text) ? 2 : 0);
}

// --- the checks ------------------------------------------------------------------

/**
 * Check one file; returns [{ rule, source, problems: [...] }] (empty
 * problems: the rule holds).
 */
async function checkFile(file, compilers) {
  const results = [];
  const rule = (name, source, problems) => results.push({ rule: name, source, problems: problems.filter(Boolean) });
  const bytes = fs.readFileSync(file);
  const base = path.basename(file, ".ksy");

  // guide, General formatting: UTF-8, LF, trailing newline; one implicit document.
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    rule("UTF-8, LF line endings, a trailing newline", "guide", ["not UTF-8"]);
    return results;
  }
  rule("UTF-8, LF line endings, a trailing newline", "guide", [
    text.includes("\r") && "CR characters (use LF line endings)",
    !text.endsWith("\n") && "no newline at the end",
    text.startsWith("\ufeff") && "a byte order mark",
  ]);
  const lines = scanLines(text);
  rule("one implicit YAML document: no ---, no %YAML/%TAG directives", "guide",
    lines.filter((l) => !l.scalar && /^(---|\.\.\.|%)/.test(l.text)).map((l) => `line ${l.n}: ${l.text}`));

  let spec;
  try {
    spec = yaml.load(text, { filename: file });
  } catch (e) {
    rule("parses as YAML", "guide", [e.message.split("\n")[0]]);
    return results;
  }
  if (!isMap(spec) || !isMap(spec.meta)) {
    rule("a top-level type with meta", "guide", ["no top-level mapping with meta"]);
    return results;
  }

  // guide, General formatting: 2-space indent, sequences indented, block style.
  const structural = lines.filter((l) => !l.scalar && !l.blank && !/^\s*#/.test(l.text));
  const indentProblems = [];
  for (const l of lines) {
    if (/^\t| \t|\t /.test(l.text.slice(0, l.indent + 1))) indentProblems.push(`line ${l.n}: tab in the indentation`);
  }
  for (let i = 0; i < structural.length; i++) {
    const l = structural[i];
    if (l.indent % 2) indentProblems.push(`line ${l.n}: indented by ${l.indent}, not a multiple of 2`);
    const opens = /:\s*$/.test(l.text) || /^\s*- [^:]*:\s+[|>][+-]?[0-9]?\s*$/.test(l.text) || /:\s+[|>][+-]?[0-9]?\s*$/.test(l.text);
    const next = /:\s+[|>]/.test(l.text) ? lines.find((x) => x.scalar === l.n && !x.blank) : structural[i + 1];
    if (opens && next && next.indent !== keyColumn(l) + 2) {
      indentProblems.push(`line ${next.n}: indented by ${next.indent}, want ${keyColumn(l) + 2} (2 more than line ${l.n})`);
    }
  }
  rule("2-space indent; sequences indented under their key", "guide", indentProblems);
  rule("block style (flow only for a `contents` byte list)", "guide", structural
    .filter((l) => /^\s*(- )?([^\s:#][^:]*:\s+)?[[{]/.test(l.text) && !/^\s*(- )?contents:\s+\[/.test(l.text))
    .map((l) => `line ${l.n}: ${l.text.trim()}`));
  rule("maps in sequences start on the `-` line", "guide",
    structural.filter((l) => /^\s*-\s*$/.test(l.text)).map((l) => `line ${l.n}: a bare "-"`));

  // guide, Order of sections; Meta section.
  const orderProblems = [];
  for (const [where, t] of typeSpecs(spec)) {
    const keys = Object.keys(t);
    const head = keys.filter((k) => TYPE_HEAD.includes(k));
    const unknown = keys.filter((k) => !TYPE_HEAD.includes(k) && !TYPE_TAIL.includes(k) && !k.startsWith("-"));
    if (unknown.length) orderProblems.push(`${where}: key(s) not allowed in a type: ${unknown.join(", ")}`);
    const firstTail = keys.findIndex((k) => TYPE_TAIL.includes(k));
    if (firstTail >= 0 && keys.slice(firstTail).some((k) => TYPE_HEAD.includes(k))) orderProblems.push(`${where}: ${keys.join(", ")}: meta, doc, doc-ref, seq come before instances, types, enums`);
    const p = orderProblem(head, TYPE_HEAD, where);
    if (p) orderProblems.push(p);
    if (where !== "/" && "meta" in t && keys[0] !== "meta") orderProblems.push(`${where}: meta is not first`);
  }
  if (Object.keys(spec)[0] !== "meta") orderProblems.push("/: meta is not the first key");
  rule("sections in order: meta, doc, doc-ref, seq, then instances/types/enums", "guide", orderProblems);

  const meta = spec.meta;
  rule("meta keys in the guide's order", "guide", [orderProblem(Object.keys(meta), META_ORDER, "/meta")]);
  rule("meta/id is the file name", "guide", [meta.id !== base && `id ${meta.id} in ${base}.ksy`]);
  rule("meta has a title, application, file-extension or xref", "guide",
    [!["title", "application", "file-extension", "xref"].some((k) => k in meta) && "none of them"]);
  const xrefKeys = isMap(meta.xref) ? Object.keys(meta.xref) : [];
  rule("meta/xref keys in alphabetical order, each one the formats site renders", "guide, ksf", [
    "xref" in meta && !isMap(meta.xref) && "xref is not a mapping",
    xrefKeys.join() !== [...xrefKeys].sort().join() && `xref keys ${xrefKeys.join(", ")} are not in alphabetical order`,
    ...xrefKeys.filter((k) => !KSF_XREF.includes(k)).map((k) => `xref key ${k}: kaitai_struct_formats renders only ${KSF_XREF.join(", ")}`),
  ]);
  rule("meta/license is an SPDX licence id the formats site accepts", "guide, ksf",
    [!KSF_LICENSES.includes(meta.license) && `license ${JSON.stringify(meta.license)}: want one of ${KSF_LICENSES.join(", ")}`]);
  const innerMeta = typeSpecs(spec).slice(1).filter(([, t]) => isMap(t.meta));
  rule("intermediate meta holds defaults only (encoding, endian), alphabetical", "guide",
    innerMeta.map(([where, t]) => orderProblem(Object.keys(t.meta), META_INNER, `${where}meta`)));
  rule("no reserved keys (ks-debug, ks-opaque-types)", "guide",
    allKeys(spec).filter(([, k]) => RESERVED.includes(k)).map(([where]) => where));

  // guide, Documentation (text-level checks on the raw lines).
  const docProblems = [];
  const widthProblems = [];
  const oneLineProblems = [];
  for (const l of structural) {
    const m = /^(\s*)(- )?(doc|doc-ref): ?(.*)$/.exec(l.text);
    if (!m) continue;
    const value = m[4];
    if (/^["']/.test(value)) docProblems.push(`line ${l.n}: quoted ${m[3]} (write it unquoted, or as a | block)`);
    if (m[3] === "doc" && /^>/.test(value)) docProblems.push(`line ${l.n}: folded doc (>): use a literal block (|)`);
    if (m[3] === "doc" && !/^[|>]/.test(value) && l.text.length > WIDTH) {
      widthProblems.push(`line ${l.n}: ${l.text.length} columns; a doc that does not fit is a | block`);
    }
    if (m[3] === "doc" && /^\|/.test(value)) {
      const body = lines.filter((x) => x.scalar === l.n);
      for (const x of body) {
        // A line that is one word (a URL) cannot be wrapped.
        if (x.text.length > WIDTH && /\s/.test(x.text.trim())) widthProblems.push(`line ${x.n}: ${x.text.length} columns`);
      }
      const content = body.filter((x) => !x.blank).map((x) => x.text.trim());
      const one = `${l.text.slice(0, l.text.indexOf("doc:"))}doc: ${content[0] || ""}`;
      if (content.length === 1 && one.length <= WIDTH && plainOk(content[0])) {
        oneLineProblems.push(`line ${l.n}: fits on one line; write it as a plain single-line doc`);
      }
    }
  }
  rule("doc and doc-ref unquoted; multi-line doc as a literal | block", "guide", docProblems);
  rule(`doc lines wrapped at ${WIDTH} columns`, "guide", widthProblems);
  rule("a doc that fits on one line is a single plain line", "guide", oneLineProblems);

  // guide, Sequence attributes / Instance attributes; identifiers.
  const attrProblems = [];
  const idProblems = [];
  for (const [where, t] of typeSpecs(spec)) {
    if (where !== "/" && !IDENT.test(where.split("/").slice(-2)[0])) idProblems.push(`${where}: type name`);
    (Array.isArray(t.seq) ? t.seq : []).forEach((a, i) => {
      if (!isMap(a)) return;
      attrProblems.push(orderProblem(Object.keys(a), ATTR_ORDER, `${where}seq/${i}`));
      if (!("id" in a)) attrProblems.push(`${where}seq/${i}: no id`);
      else if (!IDENT.test(a.id)) idProblems.push(`${where}seq/${i}: id ${a.id}`);
    });
    for (const [name, inst] of Object.entries(isMap(t.instances) ? t.instances : {})) {
      if (!IDENT.test(name)) idProblems.push(`${where}instances/${name}`);
      if (isMap(inst)) attrProblems.push(orderProblem(Object.keys(inst), INSTANCE_ORDER, `${where}instances/${name}`));
    }
    for (const [name, entries] of Object.entries(isMap(t.enums) ? t.enums : {})) {
      if (!IDENT.test(name)) idProblems.push(`${where}enums/${name}`);
      for (const [value, e] of Object.entries(isMap(entries) ? entries : {})) {
        const id = isMap(e) ? e.id : e;
        if (typeof id !== "string" || !IDENT.test(id)) idProblems.push(`${where}enums/${name}/${value}: id ${id}`);
        if (isMap(e)) attrProblems.push(orderProblem(Object.keys(e), ENUM_ENTRY_ORDER, `${where}enums/${name}/${value}`));
      }
    }
  }
  rule("attribute, instance and enum entry keys in the guide's order", "guide, project", attrProblems);
  rule("identifiers in lower_snake_case", "guide", idProblems);

  // project (issue 13): no compiler notes in the text of generated code; pinned doc-refs.
  const notes = docs(spec).filter(([, k, v]) => k === "doc" && COMPILER_WORDS.test(v)).map(([where, , v]) => `${where}: "${v.match(COMPILER_WORDS)[0]}"`);
  notes.push(...lines.filter((l) => !l.scalar && /(^|\s)#/.test(l.text) && COMPILER_WORDS.test(l.text.slice(l.text.search(/(^|\s)#/)))).map((l) => `line ${l.n}: comment`));
  rule("no notes about compilers or target languages in docs and comments", "project", notes);
  rule("doc-ref pinned to a revision, not a moving branch", "project",
    docs(spec).filter(([, k, v]) => k === "doc-ref" && MOVING_REF.test(v)).map(([where, , v]) => `${where}: ${v}`));

  // guide, Meta section: ks-version is the lowest that compiles.
  const ks = await ksVersion(spec, meta["ks-version"], compilers);
  rule("meta/ks-version is the lowest version that compiles", "guide", ks.problems);
  results[results.length - 1].note = ks.note;
  return results;
}

/** The declared ks-version against the npm builds: { problems, note }. */
async function ksVersion(spec, declared, compilers) {
  if (typeof declared !== "string" || !/^\d+\.\d+$/.test(declared)) {
    return { problems: [`ks-version ${JSON.stringify(declared)}: want a quoted "MAJOR.MINOR" string`], note: "" };
  }
  const stripped = structuredClone(spec);
  delete stripped.meta["ks-version"];
  const atOrAbove = compilers.find((c) => compareVersions(c.version, declared) >= 0);
  const below = [...compilers].reverse().find((c) => compareVersions(c.version, declared) < 0);
  if (!atOrAbove) return { problems: [`no compiler at or above ${declared} to try`], note: "" };
  const problems = [];
  const notes = [];
  const failure = await compileAll(atOrAbove, stripped);
  if (failure) problems.push(`does not compile with ${atOrAbove.version}: ${failure}`);
  else notes.push(`compiles with ${atOrAbove.version}`);
  if (compareVersions(atOrAbove.version, declared) !== 0) notes.push(`${declared} has no npm build`);
  if (!below) notes.push("no older npm build to try");
  else if (await compileAll(below, stripped)) notes.push(`fails with ${below.version}`);
  else problems.push(`compiles with ${below.version} too: declare '${below.version}'`);
  return { problems, note: notes.join(", ") };
}

/** null if `spec` compiles for every language `c` offers, else the first error. */
async function compileAll(c, spec) {
  for (const lang of c.languages) {
    try {
      await c.compile(lang, structuredClone(spec));
    } catch (e) {
      return `${lang}: ${String((e && e.message) || e).split("\n")[0]}`;
    }
  }
  return null;
}

async function loadCompilers() {
  const out = [];
  for (const [pkg, version] of COMPILERS) {
    let mod;
    try {
      mod = require(pkg);
    } catch {
      throw new Error(`${pkg} is not installed: run \`make npm\` (npm ci in spec/)`);
    }
    const c = typeof mod === "function" ? new mod() : mod;
    out.push({ version, languages: c.languages, compile: (lang, spec) => c.compile(lang, spec, null, false) });
  }
  return out;
}

async function main() {
  const args = process.argv.slice(2);
  if (args.some((a) => a.startsWith("-"))) {
    process.stderr.write("usage: node spec/style.mjs [FILE.ksy...]\n");
    process.exit(2);
  }
  const files = args.length ? args : fs.readdirSync(here).filter((f) => f.endsWith(".ksy")).sort().map((f) => path.join(here, f));
  const compilers = await loadCompilers();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const results = await checkFile(file, compilers);
    process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
    for (const r of results) {
      if (r.problems.length) {
        failed++;
        process.stdout.write(`  FAIL  ${r.rule} [${r.source}]\n`);
        for (const p of r.problems) process.stdout.write(`        - ${p}\n`);
      } else {
        passed++;
        process.stdout.write(`  ok    ${r.rule} [${r.source}]${r.note ? ` (${r.note})` : ""}\n`);
      }
    }
  }
  process.stdout.write(`spec-style: ${passed} checks passed, ${failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`style.mjs: ${e && e.message ? e.message : e}\n`);
    process.exit(2);
  });
}
