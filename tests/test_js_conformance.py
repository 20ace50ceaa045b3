"""The generated JavaScript parsers agree with the Python side on every vector.

Runs ``node tests/js/conformance.mjs`` (which loads ``generated/javascript``
with the ``kaitai-struct`` runtime pinned in ``spec/package.json``) and checks
that it agreed on every PROXY v2 and SPP vector in ``tests/vectors/``: the
same verdict (parses / which Kaitai error) and the same header JSON. The
vectors it lists as known ``.ksy`` bugs must be exactly the ones
``tests/test_generated.py`` marks xfail for the Python parsers.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import test_generated
import vectorlib

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "js" / "conformance.mjs"
RUNTIME = ROOT / "spec" / "node_modules" / "kaitai-struct" / "package.json"
XFAIL = re.compile(r"^js-conformance: known \.ksy bugs \(xfail\): (.*)$", re.M)
SUMMARY = re.compile(
    r"^js-conformance: (\d+) vectors agreed \(v2 (\d+), spp (\d+)\), (\d+) disagreed$", re.M
)


def _missing(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (required when CI=true)")
    pytest.skip(why)


def test_javascript_parsers_agree_on_every_vector(capsys: pytest.CaptureFixture[str]) -> None:
    v2, spp = len(vectorlib.load("v2")), len(vectorlib.load("spp"))
    if v2 + spp == 0:
        _missing("no v2/spp vectors in tests/vectors/")
    node = shutil.which("node")
    if node is None:
        _missing("node is not installed")
    if not RUNTIME.exists():
        _missing("the kaitai-struct npm runtime is not installed: run `make npm`")
    assert node is not None
    proc = subprocess.run(
        [node, str(SCRIPT), str(vectorlib.VECTOR_DIR)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = proc.stdout + proc.stderr
    summary = SUMMARY.search(proc.stdout)
    assert summary is not None, output
    with capsys.disabled():
        print(f"\n[{summary.group(0)}]")
    assert proc.returncode == 0, output
    agreed, agreed_v2, agreed_spp, disagreed = map(int, summary.groups())
    assert disagreed == 0, output
    xfail = XFAIL.search(proc.stdout)
    known = set(xfail.group(1).split()) if xfail else set()
    assert known == set(test_generated.KSY_BUGS), "KSY_BUGS differ between JS and Python"
    expected_v2 = v2 - sum(k.startswith("v2/") for k in known)
    expected_spp = spp - sum(k.startswith("spp/") for k in known)
    assert (agreed_v2, agreed_spp) == (expected_v2, expected_spp), output
    assert agreed == expected_v2 + expected_spp
