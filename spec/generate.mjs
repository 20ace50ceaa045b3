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

const README = `# generated/

Everything in this folder is **written by \`make generate\`; do not edit**.
Change the \`.ksy\` files in [\`../spec/\`](../spec/) (or the generator,
\`spec/generate.mjs\`) and run \`make generate\`; \`make check-generated\`
(part of \`make check\` and CI) fails when this folder is out of date.

| folder | what |
| --- | --- |
| \`python/\` | installed as the package \`proxyproto_kaitai.generated\` |
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
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.mkdirSync(outdir, { recursive: true });

  const gvVersion = graphvizVersion();
  const written = await compileAll({ ...OPTIONS, targets: [...codeTargets, "graphviz"], outdir, files: specs });
  renderSvgs(written.filter((f) => f.endsWith(".dot")));

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
    diagrams: { renderer: "dot -Tsvg", graphviz: gvVersion, font: "DejaVu Serif (Debian fonts-dejavu-core)" },
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
