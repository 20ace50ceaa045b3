"""A short, deterministic pass of the fuzz target (the long run is ``make fuzz``)."""

from __future__ import annotations

import fuzz_parse


def test_seeds_and_mutations_raise_only_library_errors() -> None:
    assert fuzz_parse.run_plain(runs=3000, seconds=0, seed=7) == 3000
