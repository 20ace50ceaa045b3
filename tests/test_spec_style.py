"""The specs pass the Kaitai style checks of ``spec/style.mjs``, and the checks catch faults.

``spec/style.mjs`` checks every ``spec/*.ksy`` against the mechanical rules of
the KSY style guide and of kaitai_struct_formats (its header lists them and
where each comes from; ``spec/README.md`` too), including that ``ks-version``
is the lowest version the released npm builds of the compiler can compile.
Here it runs on the real specs (all must pass; ``pytest -s`` shows its
report), then on small specs that each break one rule, to show that the rule
is really checked.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "spec"
STYLE = SPEC / "style.mjs"


def _node() -> str:
    node = shutil.which("node")
    why = None
    if node is None:
        why = "node is not installed (apt-get install nodejs)"
    elif not (SPEC / "node_modules" / "kaitai-struct-compiler-0.7").is_dir():
        why = "spec/node_modules lacks the pinned compilers: run `make npm`"
    if why is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why} (required when CI=true)")
        pytest.skip(why)
    assert node is not None
    return node


def _run(*files: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [_node(), str(STYLE), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return proc.returncode, proc.stdout


def _report(out: str) -> dict[str, dict[str, bool]]:
    """file -> rule -> passed, from the checker's output."""
    report: dict[str, dict[str, bool]] = {}
    current: dict[str, bool] = {}
    for line in out.splitlines():
        if line.startswith("spec-style:"):
            continue
        if not line.startswith(" "):
            current = report.setdefault(Path(line).parent.name or Path(line).name, {})
        elif line.startswith(("  ok    ", "  FAIL  ")):
            rule = line[8:].rsplit(" [", 1)[0]
            current[rule] = line.startswith("  ok")
    return report


def test_the_specs_pass_every_check() -> None:
    code, out = _run()
    print(out)
    assert code == 0, out
    files = sorted(p.name for p in SPEC.glob("*.ksy"))
    assert [line for line in out.splitlines() if line.endswith(".ksy")] == [
        f"spec/{f}" for f in files
    ]
    assert out.rstrip().endswith("0 failed")
    assert "FAIL" not in out
    # The ks-version of every spec was compiled with the npm builds around it.
    assert out.count("meta/ks-version is the lowest version that compiles") == len(files)


GOOD = """\
meta:
  id: style_case
  title: A format to test the style checker
  license: CC0-1.0
  ks-version: '0.8'
  endian: be
doc: |
  A test format whose doc is long enough to need two lines at eighty columns,
  which makes it a literal block.
doc-ref: https://example.org/spec/v1 section 2
seq:
  - id: magic
    contents: [0x01, 0x02]
    doc: The magic.
  - id: len_body
    type: u2
  - id: body
    size: len_body
    type: chunk
types:
  chunk:
    seq:
      - id: kind
        type: u1
        enum: kind_enum
enums:
  kind_enum:
    1:
      id: first
      -orig-id: FIRST
"""

# case -> (the spec text, the rule that must fail)
CASES: dict[str, tuple[str, str]] = {
    "document_marker": ("---\n" + GOOD, "one implicit YAML document"),
    "crlf": (GOOD.replace("\n", "\r\n"), "UTF-8, LF line endings"),
    "no_final_newline": (GOOD.rstrip("\n"), "UTF-8, LF line endings"),
    "odd_indent": (  # the seq block indented by 3, which YAML accepts
        GOOD.split("seq:\n")[0]
        + "seq:\n"
        + "".join(
            f" {line}\n" for line in GOOD.split("seq:\n")[1].split("types:\n")[0].splitlines()
        )
        + "types:\n"
        + GOOD.split("types:\n")[1],
        "2-space indent",
    ),
    "flat_sequence": (  # the seq items not indented under their key, which YAML accepts
        GOOD.split("seq:\n")[0]
        + "seq:\n"
        + "".join(
            f"{line[2:]}\n" for line in GOOD.split("seq:\n")[1].split("types:\n")[0].splitlines()
        )
        + "types:\n"
        + GOOD.split("types:\n")[1],
        "2-space indent",
    ),
    "flow_mapping": (
        GOOD.replace("  endian: be", "  endian: be\n  xref: {rfc: 1}"),
        "block style",
    ),
    "bare_dash": (
        GOOD.replace("  - id: len_body\n", "  -\n    id: len_body\n"),
        "maps in sequences start",
    ),
    "doc_before_meta": (
        "doc: A first line.\n" + GOOD.replace("doc: |\n  A test", "x-doc: |\n  A test"),
        "sections in order",
    ),
    "meta_order": (
        GOOD.replace("  license: CC0-1.0\n", "").replace(
            "  id: style_case\n", "  id: style_case\n  license: CC0-1.0\n"
        ),
        "meta keys in the guide's order",
    ),
    "wrong_id": (GOOD.replace("id: style_case", "id: other_case"), "meta/id is the file name"),
    "xref_order": (
        GOOD.replace("  license:", "  xref:\n    rfc: 1\n    iso: '2'\n  license:"),
        "meta/xref",
    ),
    "xref_key": (
        GOOD.replace("  license:", "  xref:\n    spec: https://example.org\n  license:"),
        "meta/xref",
    ),
    "licence": (GOOD.replace("CC0-1.0", "GPL-3.0-or-later"), "meta/license"),
    "inner_meta": (
        GOOD.replace("  chunk:\n    seq:", "  chunk:\n    meta:\n      title: Inner\n    seq:"),
        "intermediate meta",
    ),
    "reserved_key": (
        GOOD.replace("  endian: be", "  endian: be\n  ks-debug: true"),
        "no reserved keys",
    ),
    "quoted_doc": (
        GOOD.replace("doc: The magic.", "doc: 'The magic.'"),
        "doc and doc-ref unquoted",
    ),
    "folded_doc": (
        GOOD.replace("doc: |\n  A test", "doc: >\n  A test"),
        "doc and doc-ref unquoted",
    ),
    "long_doc": (
        GOOD.replace(
            "doc: The magic.", "doc: The magic, " + "which is described at great length " * 2
        ),
        "wrapped at 80",
    ),
    "long_block_line": (
        GOOD.replace("which makes it a literal block.", "which makes it a literal block. " * 3),
        "wrapped at 80",
    ),
    "block_that_fits": (
        GOOD.replace("doc: The magic.", "doc: |\n      The magic."),
        "fits on one line",
    ),
    "attribute_order": (
        GOOD.replace(
            "  - id: len_body\n    type: u2\n",
            "  - id: len_body\n    doc: The length.\n    type: u2\n",
        ),
        "keys in the guide's order",
    ),
    "enum_entry_order": (
        GOOD.replace(
            "      id: first\n      -orig-id: FIRST", "      -orig-id: FIRST\n      id: first"
        ),
        "keys in the guide's order",
    ),
    "identifier": (
        GOOD.replace("id: len_body\n", "id: lenBody\n").replace("size: len_body", "size: lenBody"),
        "lower_snake_case",
    ),
    "compiler_note": (
        GOOD.replace("doc: The magic.", "doc: The magic (the Nim target needs this)."),
        "no notes about compilers",
    ),
    "compiler_comment": (
        GOOD.replace("\nseq:\n", "\n# a workaround for the compiler\nseq:\n"),
        "no notes about compilers",
    ),
    "moving_doc_ref": (
        GOOD.replace("https://example.org/spec/v1", "https://github.com/o/r/blob/master/spec.txt"),
        "doc-ref pinned",
    ),
    # GOOD needs 0.8 (verbose enum entries): 0.7 fails, 0.9 (no npm 0.8) compiles.
    "ks_version_too_high": (GOOD.replace("'0.8'", "'0.10'"), "ks-version is the lowest"),
    "ks_version_too_low": (
        GOOD.replace(
            "        enum: kind_enum\n",
            "        enum: kind_enum\n        valid:\n          in-enum: true\n",
        ),
        "ks-version is the lowest",
    ),
}


def test_each_rule_catches_its_fault(tmp_path: Path) -> None:
    files = []
    for case, (text, _rule) in CASES.items():
        folder = tmp_path / case
        folder.mkdir()
        (folder / "style_case.ksy").write_bytes(text.encode("utf-8"))
        files.append(folder / "style_case.ksy")
    good = tmp_path / "good"
    good.mkdir()
    (good / "style_case.ksy").write_text(GOOD, encoding="utf-8")
    code, out = _run(good / "style_case.ksy", *files)
    assert code == 1
    report = _report(out)
    assert all(report["good"].values()) and len(report["good"]) >= 20, out
    for case, (_text, rule) in CASES.items():
        failed = [r for r, ok in report[case].items() if not ok]
        assert any(r.startswith(rule) or rule in r for r in failed), (case, failed)
