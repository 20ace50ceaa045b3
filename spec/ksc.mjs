#!/usr/bin/env node
// ksc.mjs — command-line front end for the npm build of the Kaitai Struct
// compiler, which ships only a programmatic API (no `bin`).
//
//   node spec/ksc.mjs -t python,javascript -d generated [options] spec/*.ksy
//
// Options
//   -t, --target LANGS       comma-separated targets, or `all` (every programming
//                            language the compiler offers: not construct, graphviz
//                            or html)
//   -d, --outdir DIR         output root; each target goes to DIR/<target>/
//   --python-package PKG     like the JVM compiler's option: rewrite the
//                            generated top-level `import x` of another spec
//                            into `from PKG import x` (`.` for relative)
//   --go-package NAME        add `package NAME` to Go output (the npm build
//                            emits none), after its `// Code generated ...
//                            DO NOT EDIT.` line, and write it to DIR/go/NAME/
//   --java-package NAME      add `package NAME;` to Java output (after its
//                            header comment) and write it to
//                            DIR/java/<NAME as path>/
//   -I, --import-path DIR    where absolute imports (`/net/x`) are looked up
//   --verbose                list every file written
//
// Everything the npm build gets wrong is handled here, so the output can be
// used as is (see ../shared/TOOLCHAIN.md §1): output names starting with "/",
// keyword identifiers that compile to broken code (callers byte-compile the
// Python output), and YAML integers above 2^53 that js-yaml silently rounds
// (rejected here unless quoted). All specs are compiled in one process:
// loading the 6 MB compiler bundle is most of the cost.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const yaml = require("js-yaml");
const ksc = require("kaitai-struct-compiler");

const NOT_CODE = new Set(["construct", "graphviz", "html"]);

function usage(msg) {
  process.stderr.write(`ksc.mjs: ${msg}\nusage: node spec/ksc.mjs -t LANGS -d OUTDIR [options] FILE.ksy...\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { targets: [], outdir: null, files: [], importPaths: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => (i + 1 < argv.length ? argv[++i] : usage(`${a} needs a value`));
    if (a === "-t" || a === "--target") opts.targets.push(...next().split(","));
    else if (a === "-d" || a === "--outdir") opts.outdir = next();
    else if (a === "--python-package") opts.pythonPackage = next();
    else if (a === "--go-package") opts.goPackage = next();
    else if (a === "--java-package") opts.javaPackage = next();
    else if (a === "-I" || a === "--import-path") opts.importPaths.push(next());
    else if (a === "--verbose") opts.verbose = true;
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (!opts.outdir) usage("no output directory (-d)");
  if (!opts.files.length) usage("no .ksy files");
  if (!opts.targets.length) usage("no targets (-t)");
  if (opts.targets.includes("all")) {
    opts.targets = ksc.languages.filter((l) => !NOT_CODE.has(l));
  }
  for (const t of opts.targets) {
    if (!ksc.languages.includes(t)) usage(`unknown target ${t}; the compiler offers ${ksc.languages.join(",")}`);
  }
  return opts;
}

// js-yaml turns integers beyond 2^53 into rounded doubles without a word.
function checkBigIntegers(node, where, file) {
  if (typeof node === "number" && Number.isInteger(node) && !Number.isSafeInteger(node)) {
    throw new Error(`${file}: ${where}: integer ${node} is above 2^53 and would be rounded; quote it ('0x...')`);
  }
  if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) checkBigIntegers(v, `${where}/${k}`, file);
  }
}

function loadYaml(file) {
  const text = fs.readFileSync(file, "utf8");
  const spec = yaml.load(text, { filename: file });
  checkBigIntegers(spec, "", file);
  return spec;
}

function makeImporter(topDir, importPaths) {
  return {
    importYaml(name, mode) {
      const bases = mode === "abs" ? importPaths : [topDir];
      for (const base of bases) {
        const candidate = path.join(base, `${name}.ksy`);
        if (fs.existsSync(candidate)) return Promise.resolve(loadYaml(candidate));
      }
      return Promise.reject(new Error(`cannot resolve ${mode} import '${name}' (looked in ${bases.join(", ")})`));
    },
  };
}

// Put a package clause where the JVM compiler puts it: after the leading
// "generated file" comment, so that Go tools still recognise the file as
// generated (the `// Code generated ... DO NOT EDIT.` line must come before
// any code), then a blank line, then the rest.
function afterHeaderComment(text, clause) {
  const m = /^(?:\/\/[^\n]*\n)+\n*/.exec(text);
  const head = m ? `${m[0].trimEnd()}\n\n` : "";
  return `${head}${clause}\n\n${text.slice(m ? m[0].length : 0)}`;
}

function postProcess(lang, fileName, source, opts) {
  let name = fileName.replace(/^\/+/, "");
  let text = source;
  if (lang === "python" && opts.pythonPackage) {
    const pkg = opts.pythonPackage;
    text = text.replace(/^import ([a-z_][a-z0-9_]*)$/gm, (line, mod) =>
      mod === "kaitaistruct" || !opts.pythonModules.has(mod) ? line : `from ${pkg} import ${mod}`);
  }
  if (lang === "go" && opts.goPackage) {
    text = afterHeaderComment(text, `package ${opts.goPackage}`);
    name = path.join(opts.goPackage, name);
  }
  if (lang === "java" && opts.javaPackage) {
    text = afterHeaderComment(text, `package ${opts.javaPackage};`);
    name = path.join(...opts.javaPackage.split("."), name);
  }
  return [name, text];
}

/**
 * Compile `opts.files` for every target in `opts.targets` into
 * `opts.outdir/<target>/`. Returns the list of files written; throws an
 * Error naming the spec and target on the first compile failure.
 */
export async function compileAll(opts) {
  if (opts.goPackage && !/^[a-z_][a-z0-9_]*$/.test(opts.goPackage)) {
    throw new Error(`--go-package ${opts.goPackage}: not a Go package name (lower case, digits, _)`);
  }
  if (opts.javaPackage && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(opts.javaPackage)) {
    throw new Error(`--java-package ${opts.javaPackage}: not a Java package name`);
  }
  const specs = opts.files.map((f) => [f, loadYaml(f)]);
  opts.pythonModules = new Set(specs.map(([, s]) => s.meta && s.meta.id));
  const written = [];
  const errors = [];
  for (const lang of opts.targets) {
    for (const [file, spec] of specs) {
      let out;
      try {
        out = await ksc.compile(lang, spec, makeImporter(path.dirname(file), opts.importPaths || []), false);
      } catch (e) {
        // The compiler names the top-level file "(main)"; say which one it was.
        const msg = (e && e.message ? e.message : String(e)).replace(/\(main\)/g, file);
        errors.push(`${lang}: ${msg}`);
        continue;
      }
      for (const [fileName, source] of Object.entries(out)) {
        const [name, text] = postProcess(lang, fileName, source, opts);
        const dest = path.join(opts.outdir, lang, name);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, text.endsWith("\n") ? text : `${text}\n`);
        written.push(dest);
      }
    }
  }
  if (errors.length) throw new Error(errors.join("\n"));
  return written;
}

export const compilerVersion = ksc.version;
export const codeTargets = ksc.languages.filter((l) => !NOT_CODE.has(l));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const written = await compileAll(opts);
  if (opts.verbose) for (const f of written) process.stdout.write(`${f}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    process.stderr.write(`ksc.mjs: ${e && e.message ? e.message : e}\n`);
    process.exit(1);
  });
}
