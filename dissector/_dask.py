"""Capture archives past one machine: one Dask task per capture file.

Owns running `dissect_one` on a Dask ``distributed`` cluster: submitting one
task per file, collecting the results as files complete, turning a file whose
task failed (its workers died more often than the scheduler allows, or it
raised) into that file's error, and the notebook API (`findings_bag`,
`findings_frame`). It does not dissect (`dissect_one`), merge (`merge`) or
print (the CLI).

Files are read where they lie: a task carries the file's path or URL, never
its bytes. A plain path must name the same file on every worker (a shared
file system); a URL with a scheme (``s3://…``, ``gs://…``, ``file://…``) is
opened on the worker with fsspec (and the fsspec package of that scheme, such
as ``s3fs``) and copied to a temporary file there for tshark, which needs a
seekable file. Findings and errors name the file as given.

Dask retries a task whose worker was lost (up to the scheduler's
``distributed.scheduler.allowed-failures``, 3 by default); `dissect_one`
never raises for a problem with the file, so a task only fails for a lost
worker or a bug, and either way only that file's result says so.

Dask is the optional ``dask`` extra. This module imports it only when a
function here is called, and says which extra to install when it is missing
(`DaskNotInstalledError`); nothing else in the package imports this module
unless the cluster is asked for.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urlsplit

from ._findings import HEADER_KEYS, Report
from ._jobs import FileResult, MergedReport, dissect_one, merge
from ._report import ProgressBar

if TYPE_CHECKING:  # pragma: no cover - typing only
    import pandas
    from dask.bag import Bag
    from distributed import Client, Future

__all__ = [
    "INSTALL_HINT",
    "ClusterDissection",
    "ClusterError",
    "DaskNotInstalledError",
    "FilesProgress",
    "connect",
    "dissect_on_cluster",
    "findings_bag",
    "findings_frame",
]

INSTALL_HINT = "pip install 'proxyproto-kaitai[dask]'"

#: The columns of `findings_frame`, in the order of ``dissect --format jsonl``.
COLUMNS = ("file", *HEADER_KEYS, "frame", "flow", "direction", "error", "stack", "midstream")

# A URL for fsspec: a scheme of two or more characters, so a Windows drive
# letter (C://…) stays a path.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")
_COPY_CHUNK = 1 << 20


class DaskNotInstalledError(ImportError):
    """The cluster backend was asked for but Dask is not installed."""

    def __init__(self) -> None:
        super().__init__(f"Dask is not installed: {INSTALL_HINT}")


class ClusterError(Exception):
    """The Dask scheduler cannot be reached."""


def _distributed() -> Any:
    """The ``distributed`` module, or `DaskNotInstalledError`."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalledError() from exc
    return distributed


def connect(address: str) -> Client:
    """A `distributed.Client` on the scheduler at ``address`` (``tcp://HOST:PORT``).

    The connection timeout is Dask's ``distributed.comm.timeouts.connect``
    (30 s unless configured, e.g. ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT=5s``).

    Raises:
        DaskNotInstalledError: The ``dask`` extra is not installed.
        ClusterError: The scheduler cannot be reached (the message names it).
    """
    distributed = _distributed()
    try:
        client: Client = distributed.Client(address, set_as_default=False)
    except (OSError, ValueError) as exc:  # refused, timed out, not a scheduler address
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    return client


# --- on the worker ---------------------------------------------------------------------


def _relabel(result: FileResult, local: str, name: str) -> FileResult:
    """``result`` of the temporary copy ``local``, told as the file ``name``."""

    def told(text: str | None) -> str | None:
        return None if text is None else text.replace(local, name)

    report = result.report
    report.findings = [dataclasses.replace(f, file=name) for f in report.findings]
    for row in report.flows:
        row.file = name
        row.first = dataclasses.replace(row.first, file=name)
    report.damage = told(report.damage)
    return FileResult(name, report, told(result.error))


def _dissect_url(url: str, options: dict[str, Any]) -> FileResult:
    """Copy ``url`` with fsspec to a temporary file on this worker, dissect that."""
    try:
        import fsspec
    except ImportError:
        return FileResult(url, Report(), f"{url}: reading a URL needs fsspec on the worker")
    suffix = PurePosixPath(urlsplit(url).path).suffix[:16]
    with tempfile.TemporaryDirectory(prefix="proxyproto-") as tmp:
        local = Path(tmp) / f"capture{suffix}"
        try:
            with fsspec.open(url, "rb") as src, local.open("wb") as dst:
                shutil.copyfileobj(src, dst, _COPY_CHUNK)
        except FileNotFoundError:
            return FileResult(url, Report(), f"{url}: no such file")
        except (OSError, ValueError, ImportError) as exc:  # no such scheme, its package missing
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            return FileResult(url, Report(), f"{url}: cannot be read: {reason}")
        return _relabel(dissect_one(local, **options), str(local), url)


def _dissect_task(path: str, options: dict[str, Any]) -> FileResult:
    """The task run on a worker for one file (a path or an fsspec URL)."""
    if _URL.match(path):
        return _dissect_url(path, options)
    return dissect_one(path, **options)


def _header_rows(path: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    return [f.to_json() for f in _dissect_task(path, options).report.findings]


# --- on the client -----------------------------------------------------------------------


def _failed(name: str, exc: BaseException) -> FileResult:
    """The result of a file whose task failed on the cluster."""
    distributed = _distributed()
    if isinstance(exc, distributed.KilledWorker):
        reason = (
            f"the Dask workers running it died {exc.allowed_failures + 1} times "
            f"(the last: {exc.last_worker.address}); see the worker logs"
        )
    else:
        reason = f"failed on the cluster: {type(exc).__name__}: {exc}"
    return FileResult(name, Report(), f"{name}: {reason}")


class FilesProgress(ProgressBar):
    """``files done / total`` on one line of a terminal; nothing when not a terminal."""

    def __init__(self, stream: TextIO, total: int) -> None:
        super().__init__(stream, delay=0)
        self._total = total

    def __call__(self, done: float | None) -> None:
        elapsed = time.monotonic() - self._start
        self.show(f"dissecting on the cluster: {done}/{self._total} files done, {elapsed:.1f} s")


class ClusterDissection:
    """Many capture files dissected on a Dask cluster, one task per file.

    Iterate to get each file's `FileResult` as its task completes (in the
    order they complete; within a file, findings stay in capture order);
    afterwards `merged` is the report of every file in the order given, the
    same as ``dissect_many`` gives on one machine. Leaving the loop early (or
    an interrupt) cancels the tasks not yet done.

    Args:
        paths: Capture files as the workers see them: paths or fsspec URLs.
        client: A `distributed.Client`.
        progress: Called with the number of files done, once before the first
            completes and after each one.
        **options: Keyword arguments of `dissect_file` (``display_filter``,
            ``load_lua_plugin``, ``prefilter``, ``tshark_path``, ``verify_crc``, …),
            sent to the workers: a ``tshark_path`` is a path on the workers.
    """

    def __init__(
        self,
        paths: Sequence[str | os.PathLike[str]],
        client: Client,
        *,
        progress: Callable[[int], None] | None = None,
        **options: Any,
    ) -> None:
        self.names = [os.fspath(p) for p in paths]
        self.client = client
        self.progress = progress
        self.options = options
        self._results: list[FileResult | None] = [None] * len(self.names)

    def __iter__(self) -> Iterator[FileResult]:
        distributed = _distributed()
        run = uuid.uuid4().hex
        # The tasks not yet collected (dropping a future lets the cluster forget its result).
        pending: dict[Future[FileResult], int] = {
            self.client.submit(
                _dissect_task, name, self.options, key=f"proxyproto-dissect-{run}-{i}"
            ): i
            for i, name in enumerate(self.names)
        }
        done = 0
        if self.progress is not None:
            self.progress(done)
        try:
            for future in distributed.as_completed(list(pending), loop=self.client.loop):
                index = pending.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # a lost worker, a bug: this file's error
                    result = _failed(self.names[index], exc)
                self._results[index] = result
                done += 1
                if self.progress is not None:
                    self.progress(done)
                yield result
        finally:
            if pending:
                self.client.cancel(list(pending))  # type: ignore[no-untyped-call]

    @property
    def merged(self) -> MergedReport:
        """Every file done so far, merged in the order the files were given."""
        return merge(r for r in self._results if r is not None)


def dissect_on_cluster(
    paths: Sequence[str | os.PathLike[str]], client: Client, **options: Any
) -> MergedReport:
    """Dissect capture files on a Dask cluster; one report, in file order.

    Args:
        paths: Capture files as the workers see them: paths or fsspec URLs.
        client: A `distributed.Client`.
        **options: Keyword arguments of `dissect_file`, as for `ClusterDissection`.

    Returns:
        The `MergedReport`: the same as ``merge(dissect_many(paths))`` on one
        machine, a file that failed on the cluster included with its error.

    Raises:
        DaskNotInstalledError: The ``dask`` extra is not installed.
    """
    run = ClusterDissection(paths, client, **options)
    for _ in run:
        pass
    return run.merged


def findings_bag(paths: Sequence[str | os.PathLike[str]], client: Client, **options: Any) -> Bag:
    """The headers in capture files as a Dask bag, computed on ``client``'s cluster.

    One partition per file; one element per header: the dict ``proxyproto
    dissect --format jsonl`` prints (``file`` first). The work starts at once
    (the bag is persisted on the cluster). A file that cannot be read gives
    no elements (`dissect_on_cluster` and `findings_frame` say why); a file
    whose workers all died fails the bag's computation, as in any Dask bag.

    Args:
        paths: Capture files as the workers see them: paths or fsspec URLs.
        client: A `distributed.Client`.
        **options: Keyword arguments of `dissect_file`.

    Raises:
        DaskNotInstalledError: The ``dask`` extra is not installed.
    """
    _distributed()
    import dask.bag

    names = [os.fspath(p) for p in paths]
    # Both are untyped in Dask 2026.8.
    bag = dask.bag.from_sequence(names, npartitions=max(len(names), 1))  # type: ignore[no-untyped-call]
    persisted: Bag = client.persist(bag.map(_header_rows, options).flatten())  # type: ignore[no-untyped-call]
    return persisted


def findings_frame(
    paths: Sequence[str | os.PathLike[str]], client: Client, **options: Any
) -> pandas.DataFrame:
    """The headers in capture files as a pandas DataFrame, dissected on a Dask cluster.

    One row per header, the keys of ``proxyproto dissect --format jsonl`` as
    columns (`COLUMNS`), files in the order given, headers in capture order.
    The columns hold the JSON values as objects: ``None`` where the JSON has
    ``null``, ``flow`` and ``tlvs`` as their dict and list (``frame.infer_objects()``
    gives numeric dtypes where a column has no ``None``). Files that could not be
    read, or only up to some damage, are in ``frame.attrs["problems"]`` (one
    line each, naming the file); ``frame.attrs["files"]`` has the per-file
    summary of ``--format json``.

    Args:
        paths: Capture files as the workers see them: paths or fsspec URLs.
        client: A `distributed.Client`.
        **options: Keyword arguments of `dissect_file`.

    Raises:
        DaskNotInstalledError: The ``dask`` extra (with pandas) is not installed.
    """
    try:
        import pandas
    except ImportError as exc:
        raise DaskNotInstalledError() from exc
    merged = dissect_on_cluster(paths, client, **options)
    found = [finding.to_json() for finding in merged.report.findings]
    columns = list(dict.fromkeys([*COLUMNS, *(key for row in found for key in row)]))
    rows = [[row.get(key) for key in columns] for row in found]
    # object columns keep the JSON values as they are (None stays None, ports stay int)
    frame = pandas.DataFrame(rows, columns=columns, dtype=object)
    frame.attrs["problems"] = merged.problems
    frame.attrs["files"] = merged.to_json()["files"]
    return frame
