"""Coverage-guided fuzz target for the whole parsing surface (atheris / libFuzzer).

Property, for any input bytes: `parse` (stream and datagram, with and without
CRC verification), `detect` and `HeaderReader` either return a header or raise
an `proxyproto_kaitai.ProxyProtocolError`; nothing else ever escapes. An
accepted header encodes, and the encoding parses back to an equal header.

Run it with ``make fuzz`` (``FUZZ_SECONDS=…`` or ``FUZZ_RUNS=…``); the seed
corpus is every shared vector (``tests/vectors/*.json``). Without atheris
installed, ``--runs N`` still works: it mutates the seeds with a fixed
random generator (no coverage guidance). ``tests/test_fuzz_harness.py`` runs
a short pass of that in the normal test suite.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import vectorlib

import proxyproto_kaitai as pp


def check(data: bytes) -> None:
    """The fuzz property for one input; raises AssertionError (or worse) on a bug."""
    pp.detect(data)
    pp.detect(data, datagram=True)
    for datagram in (False, True):
        for verify_crc in (True, False):
            try:
                header = pp.parse(data, datagram=datagram, verify_crc=verify_crc)
            except pp.IncompleteHeaderError as exc:
                assert not datagram, "a datagram cannot be incomplete"
                assert exc.needed is None or exc.needed >= 1
                continue
            except pp.InvalidHeaderError as exc:
                assert isinstance(exc.field, str) and exc.offset >= 0
                assert exc.partial is None or isinstance(exc.partial, dict)
                continue
            assert header.raw == data[: header.length]
            pp.to_json(header)
            crc_bad = any(isinstance(t, pp.Crc32cTlv) and not t.verified for t in header.tlvs)
            if not crc_bad:
                encoded = pp.encode(header)
                assert pp.parse(encoded, datagram=datagram) == header
    reader = pp.HeaderReader(max_size=600)
    try:
        for at in range(0, min(len(data), 700), 3):
            if reader.feed(data[at : at + 3]) is not None:
                break
    except pp.InvalidHeaderError:
        pass


def seeds() -> list[bytes]:
    return [vectorlib.data(v) for v in vectorlib.all_vectors()]


def _mutations(rng: random.Random, corpus: list[bytes]) -> Iterator[bytes]:
    while True:
        data = bytearray(rng.choice(corpus))
        for _ in range(rng.randint(1, 4)):
            op = rng.randrange(5)
            if op == 0 and data:
                data[rng.randrange(len(data))] = rng.randrange(256)
            elif op == 1:
                data.insert(rng.randint(0, len(data)), rng.randrange(256))
            elif op == 2 and data:
                del data[rng.randrange(len(data))]
            elif op == 3:
                data = data[: rng.randint(0, len(data))]
            else:
                other = rng.choice(corpus)
                at = rng.randint(0, len(data))
                data[at:at] = other[: rng.randint(0, len(other))]
        yield bytes(data)


def run_plain(runs: int, seconds: float, seed: int) -> int:
    """Mutation fuzzing without atheris; returns the number of inputs tried."""
    corpus = seeds()
    deadline = time.monotonic() + seconds if seconds else None
    count = 0
    for data in corpus:
        check(data)
        count += 1
    for data in _mutations(random.Random(seed), corpus):
        if (runs and count >= runs) or (deadline and time.monotonic() > deadline):
            break
        check(data)
        count += 1
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=0, help="stop after this many inputs")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long")
    parser.add_argument("--plain", action="store_true", help="do not use atheris")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        atheris = None
    if args.plain or atheris is None:
        start = time.monotonic()
        n = run_plain(args.runs, args.seconds, args.seed)
        print(f"fuzz (plain mutation): {n} inputs, {time.monotonic() - start:.0f} s, no failure")
        return 0
    # Under build/ (git-ignored): libFuzzer adds the inputs it finds interesting.
    corpus_dir = Path(__file__).parent.parent / "build" / "fuzz_corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    for i, data in enumerate(seeds()):
        (corpus_dir / f"seed-{i:04d}").write_bytes(data)
    argv = [sys.argv[0], str(corpus_dir), "-max_len=1024", f"-seed={args.seed}"]
    argv.append("-print_final_stats=1")
    if args.runs:
        argv.append(f"-runs={args.runs}")
    if args.seconds:
        argv.append(f"-max_total_time={int(args.seconds)}")
    if os.environ.get("FUZZ_JOBS"):
        argv.append(f"-jobs={os.environ['FUZZ_JOBS']}")
    atheris.instrument_all()
    atheris.Setup(argv, check)
    atheris.Fuzz()
    return 0  # pragma: no cover - atheris.Fuzz exits the process


if __name__ == "__main__":
    sys.exit(main())
