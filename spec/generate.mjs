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
//   OUTDIR/graphviz/     the compiler's diagram source (.dot)
//   OUTDIR/README.md     "written by make generate; do not edit"
//   OUTDIR/MANIFEST.json the compiler version and the sha256 of every input
//                        and output, so a reader can tell what made what
// The Makefile byte-compiles the Python output afterwards. Output depends on
// nothing but the inputs and the pinned compiler, so `make check-generated`
// can regenerate into a temporary folder and compare.

import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileAll, compilerVersion, codeTargets } from "./ksc.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

// Options the npm build lacks and the JVM compiler has (TOOLCHAIN.md §1.1).
export const OPTIONS = {
  pythonPackage: ".",
  goPackage: "proxyproto",
  javaPackage: "io.github.proxyproto_kaitai",
};

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

const README = `# generated/

Everything in this folder is **written by \`make generate\`; do not edit**.
Change the \`.ksy\` files in [\`../spec/\`](../spec/) (or the generator,
\`spec/generate.mjs\`) and run \`make generate\`; \`make check-generated\`
(part of \`make check\` and CI) fails when this folder is out of date.

| folder | what |
| --- | --- |
| \`python/\` | installed as the package \`proxyproto_kaitai.generated\` |
| \`graphviz/\` | diagrams of each format (\`.dot\`) |
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
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });

  await compileAll({ ...OPTIONS, targets: [...codeTargets, "graphviz"], outdir, files: specs });

  fs.writeFileSync(
    path.join(outdir, "python", "__init__.py"),
    '"""Kaitai Struct parsers generated from spec/*.ksy by `make generate`. Do not edit."""\n',
  );
  fs.writeFileSync(path.join(outdir, "README.md"), README);

  const rel = (p) => path.relative(root, p).split(path.sep).join("/");
  const relOut = (p) => path.relative(outdir, p).split(path.sep).join("/");
  const manifest = {
    generator: "spec/generate.mjs",
    compiler: { name: "kaitai-struct-compiler", version: compilerVersion, source: "npm" },
    options: OPTIONS,
    inputs: Object.fromEntries(specs.map((f) => [rel(f), sha256(f)])),
    outputs: Object.fromEntries(listFiles(outdir).map((f) => [relOut(f), sha256(f)])),
  };
  fs.writeFileSync(path.join(outdir, "MANIFEST.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((e) => {
  process.stderr.write(`generate.mjs: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
});
