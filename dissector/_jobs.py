"""Many captures at once: one unit of work per file, one merged report.

Owns splitting ``proxyproto dissect A B …`` into per-file work, running it
on several processes and merging the results. It does not dissect (that is
`dissect_file`) and does not print (`._report`, the CLI).

The two halves are plain functions so that any scheduler can run them:

* `dissect_one` takes a path and the `dissect_file` options and returns a
  `FileResult`: the file's `Report` with every finding and flow naming the
  file, or the reason the file could not be read. It never raises for a
  problem with the file (a missing file, not a capture, tshark missing), and
  its result pickles, so a process pool, or one task per file on a cluster,
  can call it as it is.
* `merge` puts results together in the order of the files given, whoever
  computed them and in whatever order they finished: the merged report is
  the same as dissecting the files one by one.

`dissect_many` runs `dissect_one` on a process pool (default: one process
per core) and yields the results in file order as they become available.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from ._engine import DissectorError
from ._findings import Report
from ._tshark import CaptureError, dissect_file

__all__ = ["FileResult", "MergedReport", "default_jobs", "dissect_many", "dissect_one", "merge"]


@dataclass(frozen=True, slots=True)
class FileResult:
    """What dissecting one capture file gave.

    Attributes:
        file: The path, as given.
        report: Everything found, each finding and flow with ``file`` set;
            empty when the file could not be read.
        error: ``None``, or the one-line reason the file could not be read at
            all (it names the file). A file read only up to some damage has
            no error: its `Report.damage` says why it stopped.
    """

    file: str
    report: Report
    error: str | None = None

    @property
    def ok(self) -> bool:
        """The file was read to its end."""
        return self.error is None and self.report.damage is None

    def problem(self) -> str | None:
        """The one line to tell the user about this file, if any (it names the file)."""
        if self.error is not None:
            return self.error
        if self.report.damage is not None:
            damage = self.report.damage.rstrip(".")
            return f"{self.file}: {damage}; everything before that point is reported"
        return None


def _named(message: str, path: str) -> str:
    return message if path in message else f"{path}: {message}"


def dissect_one(path: str | os.PathLike[str], **options: Any) -> FileResult:
    """Dissect one capture file; problems with the file go into the result.

    Args:
        path: The capture file.
        **options: Keyword arguments of `dissect_file` (``display_filter``,
            ``load_lua_plugin``, ``prefilter``, ``tshark_path``, ``verify_crc``, …).

    Returns:
        A `FileResult`. Even an internal error is put in it (as "internal
        error …; please report it"), so one file never costs the others;
        only an interrupt (KeyboardInterrupt, SystemExit) is raised.
    """
    name = os.fspath(path)
    try:
        report = dissect_file(name, **options)
    except (CaptureError, DissectorError) as exc:
        return FileResult(name, Report(), _named(str(exc), name))
    except OSError as exc:
        return FileResult(name, Report(), _named(exc.strerror or str(exc), name))
    except Exception as exc:  # a bug: this file's result says so, the others still count
        detail = f"internal error ({type(exc).__name__}: {exc}); please report it"
        return FileResult(name, Report(), f"{name}: {detail}")
    findings = [dataclasses.replace(f, file=name) for f in report.findings]
    for row in report.flows:
        row.file = name
        row.first = dataclasses.replace(row.first, file=name)
    report.findings = findings
    return FileResult(name, report)


@dataclass(slots=True)
class MergedReport:
    """Several files' results as one report.

    Attributes:
        files: One `FileResult` per file, in the order the files were given.
        report: Every finding and flow of every file, file by file (each
            names its file), and within a file in capture order.
    """

    files: list[FileResult] = field(default_factory=list)
    report: Report = field(default_factory=Report)

    @property
    def problems(self) -> list[str]:
        """One line per file that could not be read, or only up to some damage."""
        return [p for r in self.files if (p := r.problem()) is not None]

    def to_json(self) -> dict[str, Any]:
        """The document ``proxyproto dissect A B … --format json`` prints."""
        return {
            "files": [
                {
                    "file": r.file,
                    "error": r.error,
                    "damage": r.report.damage,
                    "headers": len(r.report.findings),
                    "flows": len(r.report.flows),
                }
                for r in self.files
            ],
            "headers": [f.to_json() for f in self.report.findings],
            "flows": [r.to_json() for r in self.report.flows],
        }


def merge(results: Iterable[FileResult]) -> MergedReport:
    """One report from per-file results, in the order of ``results``."""
    merged = MergedReport()
    for result in results:
        merged.files.append(result)
        merged.report.findings += result.report.findings
        merged.report.flows += result.report.flows
        merged.report.passes += result.report.passes
    return merged


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return max(os.cpu_count() or 1, 1)


def _quit(signum: int, _frame: FrameType | None) -> None:
    # A worker told to stop leaves quietly; unwinding kills its tshark.
    raise SystemExit(128 + signum)


def _worker_init() -> None:
    signal.signal(signal.SIGINT, _quit)
    signal.signal(signal.SIGTERM, _quit)


def _run(task: tuple[str, dict[str, Any]]) -> FileResult:
    path, options = task
    return dissect_one(path, **options)


def dissect_many(
    paths: Sequence[str | os.PathLike[str]], *, jobs: int | None = None, **options: Any
) -> Iterator[FileResult]:
    """Dissect several files on ``jobs`` processes; yield each result in file order.

    ``jobs`` defaults to `default_jobs`; with one job (or one file) everything
    runs in this process. Closing the iterator early (or an interrupt)
    terminates the workers and their tshark processes.
    """
    names = [os.fspath(p) for p in paths]
    workers = min(jobs or default_jobs(), len(names))
    if workers <= 1:
        for name in names:
            yield dissect_one(name, **options)
        return
    # Workers come from a fork server, not a fork of this process: a fork of
    # a process with threads (a progress bar, a Dask client, the caller's
    # own) can inherit a lock held by one of them and hang.
    pool = multiprocessing.get_context("forkserver").Pool(workers, initializer=_worker_init)
    done = False
    try:
        yield from pool.imap(_run, [(name, options) for name in names], chunksize=1)
        done = True
    finally:
        if done:  # every worker is idle: let them exit
            pool.close()
        else:  # closed early or interrupted: stop the workers and their tshark
            pool.terminate()
        pool.join()
