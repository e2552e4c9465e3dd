"""The one import pipeline every source kind plugs its reader into.

:func:`run_pipeline` is a generator: it yields :class:`ImportProgress` records and
returns an :class:`ImportReport`. It owns what every kind does alike: the clock,
the cancel flag, garbage collection paused during the import, the cancelled
report, and, through :class:`ImportContext`, the source row, the batched writes
(each in its own transaction, so a crash or kill loses at most the batch in flight)
and the final step (removal of vanished runs and experiments, key lists, problems,
sync time). A kind's reader only reads its source and decides what changed. The
writes go through plain ``sqlite3`` (:meth:`~desktop.store.database.Store.begin`).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from desktop.core.gc_tuning import collection_paused
from desktop.core.records import Problem
from desktop.store.database import Store
from desktop.store.run_rows import RunRows
from desktop.store.writer import StoreWriter, ensure_source

if TYPE_CHECKING:
    from urllib3.util.retry import Retry

    from desktop.sources.tracking_server.credentials import SessionCredentials


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import is: ``phase`` is ``scan``, ``read`` or ``finish``."""

    phase: str
    done: int
    total: int
    current: str = ""


@dataclass(slots=True)
class ImportReport:
    """What an import did, for every source kind."""

    source_id: int | None
    root: str
    experiments: int = 0
    runs_total: int = 0
    runs_read: int = 0
    runs_unchanged: int = 0
    runs_removed: int = 0
    experiments_removed: int = 0
    metric_points: int = 0
    logged_models: int = 0
    #: Registered models read from the source's model registry.
    registered_models: int = 0
    #: Whether the stored model registry changed (live refresh shows it).
    registry_changed: bool = False
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0
    #: The import stopped on an error; ``runs_read`` of ``runs_total`` were read.
    failed: bool = False
    #: The source refused our credentials (a tracking server): sign in and retry.
    auth_failed: bool = False
    #: Why a sync could not start or go on (a tracking server's error), if it did not.
    server_error: str | None = None

    @property
    def imported_anything(self) -> bool:
        """Whether the source contributed any experiment to the store."""
        return self.source_id is not None and self.experiments > 0


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """How to import. Each field says which kinds read it; the others ignore it."""

    #: Re-read every run instead of only those whose stamps changed (all kinds).
    full: bool = False
    #: Reader processes (``mlruns`` folders, MLflow databases); ``None``: one per core.
    workers: int | None = None
    #: Runs per written batch; ``None``: the kind's ``default_batch_runs``.
    batch_runs: int | None = None
    #: Only these run ids are checked, updated or removed (live refresh of an
    #: MLflow database); ``None``: every run.
    runs: Collection[str] | None = None
    #: The HTTP retry policy of a tracking server (``None``: the client's default).
    retry: Retry | None = None
    #: Also list each run's artifacts on a tracking server (``import URL
    #: --artifacts``). Reserved: no kind reads it yet.
    list_artifacts: bool = False
    #: The session whose sign-ins a tracking server is synced with; ``None``: the
    #: app's (``credentials.SESSION``).
    credentials: SessionCredentials | None = None


class ImportCancelled(Exception):
    """Raised inside the import when its cancel event is set."""


class ImportReader(Protocol):
    """A kind's reader: reads ``context.location`` and writes through ``context``.

    It yields progress; it may raise :class:`ImportCancelled` (the pipeline marks
    the report cancelled) and returns nothing: ``context.report`` is the result.
    """

    def __call__(
        self, context: ImportContext
    ) -> Generator[ImportProgress, None, None]: ...


class ImportContext:
    """One import's state, shared by the pipeline and a kind's reader.

    The reader sets ``report.root`` when it stores the source under another name
    than the location it was given, opens the source with :meth:`open_source`,
    writes with :meth:`transaction` and :meth:`write_rows`, and ends with
    :meth:`finish`.
    """

    def __init__(
        self,
        store: Store,
        kind: str,
        location: str,
        options: ImportOptions,
        batch_runs: int,
        cancel: threading.Event,
    ) -> None:
        self.store = store
        self.kind = kind
        self.location = location
        self.options = options
        self.batch_runs = batch_runs
        self.cancel = cancel
        self.started = time.perf_counter()
        self.report = ImportReport(None, location)
        #: Experiments whose runs this import wrote (their key lists are stale).
        self.touched: set[int] = set()

    @property
    def problems(self) -> list[Problem]:
        """The report's problems (append to add one)."""
        return self.report.problems

    def check_cancel(self) -> None:
        """Raise :class:`ImportCancelled` when the user asked to stop."""
        if self.cancel.is_set():
            raise ImportCancelled

    def elapsed(self) -> float:
        """Seconds since the import started."""
        return time.perf_counter() - self.started

    def open_source(
        self, name: str, also: Callable[[sqlite3.Connection], None] | None = None
    ) -> int:
        """The source row of ``report.root`` (created on first import), named
        ``name``; ``also`` runs in the same transaction (saving settings...)."""
        with self.store.begin() as conn:
            source_id = ensure_source(conn, self.kind, self.report.root, name)
            if also is not None:
                also(conn)
        self.report.source_id = source_id
        return source_id

    @contextmanager
    def transaction(self) -> Iterator[StoreWriter]:
        """A writer for the source, in one transaction."""
        assert self.report.source_id is not None, "open_source first"
        with self.store.begin() as conn:
            yield StoreWriter(conn, self.report.source_id)

    def write_rows(
        self, rows: RunRows, experiment_pks: dict[str, int], existing: dict[str, int]
    ) -> None:
        """Write encoded runs in one transaction and count them in the report."""
        assert self.report.source_id is not None, "open_source first"
        self.report.metric_points += write_batch(
            self.store,
            self.report.source_id,
            rows,
            experiment_pks,
            existing,
            self.touched,
        )
        self.report.runs_read += len(rows)

    def finish(
        self,
        experiment_pks: Iterable[int],
        *,
        vanished_runs: Collection[int] = (),
        gone_experiments: Collection[int] | None = (),
        stale: Iterable[int] = (),
        replace_problems: bool = True,
    ) -> None:
        """The last transaction of a complete import.

        Removes runs and experiments gone from the source (``gone_experiments``
        ``None``: the listing was incomplete, keep them), refreshes the key lists of
        ``stale`` experiments, of those the import wrote and of any left without
        keys by an earlier interrupted import (among ``experiment_pks``), stores the
        problems (unless the import saw only part of the source) and the sync time.
        """
        report = self.report
        with self.transaction() as writer:
            writer.delete_runs(vanished_runs)
            report.runs_removed = len(vanished_runs)
            if gone_experiments is not None:
                writer.delete_experiments(gone_experiments)
                report.experiments_removed = len(gone_experiments)
            keep = set(experiment_pks)
            refresh = set(stale) | self.touched | set(writer.experiments_without_keys())
            writer.refresh_experiment_keys(sorted(refresh & keep))
            if replace_problems:
                writer.replace_problems(report.problems)
            report.seconds = self.elapsed()
            writer.mark_synced(int(time.time() * 1000), report.seconds)


def run_pipeline(
    store: Store,
    kind: str,
    reader: ImportReader,
    location: str,
    options: ImportOptions,
    *,
    default_batch_runs: int,
    cancel: threading.Event | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import ``location`` with ``reader``, storing the source as ``kind``."""
    context = ImportContext(
        store,
        kind,
        location,
        options,
        options.batch_runs or default_batch_runs,
        cancel or threading.Event(),
    )
    report = context.report
    try:
        # Millions of rows and no reference cycles: collections would find nothing.
        with collection_paused():
            yield from reader(context)
    except ImportCancelled:
        report.cancelled = True
    except GeneratorExit:  # closed by the caller: what was written is kept
        report.cancelled = True
        report.seconds = context.elapsed()
        raise
    except Exception as exc:  # a full disk, a store gone read-only...
        report.seconds = context.elapsed()
        note_stopped(exc, report)
        raise
    if report.cancelled or not report.seconds:  # else: as ``finish`` stored it
        report.seconds = context.elapsed()
    return report


def note_stopped(exc: BaseException, report: ImportReport) -> None:
    """Attach to ``exc`` how far the import got (see :func:`stopped_report`)."""
    exc.import_report = report  # type: ignore[attr-defined]


def stopped_report(exc: BaseException) -> ImportReport | None:
    """The partial report of an import that ``exc`` stopped, if it has one:
    ``runs_read`` runs were written and ``runs_unchanged`` were up to date."""
    report = getattr(exc, "import_report", None)
    return report if isinstance(report, ImportReport) else None


def write_batch(
    store: Store,
    source_id: int,
    rows: RunRows,
    experiment_pks: dict[str, int],
    existing: dict[str, int],
    touched: set[int],
) -> int:
    """Write encoded runs in one transaction; returns the metric points written.

    Their experiments join ``touched``; until the import's final key refresh, their
    missing key lists mark them as stale (also if the import is killed).
    """
    if not len(rows):
        return 0
    with store.begin() as conn:
        writer = StoreWriter(conn, source_id)
        points = writer.write_rows(rows, experiment_pks, existing)
        changed = {experiment_pks[row[1]] for row in rows.runs}
        writer.forget_experiment_keys(changed - touched)
        touched |= changed
    return points


def run_to_end(
    generator: Generator[ImportProgress, None, ImportReport],
) -> ImportReport:
    """Run an import generator to the end, ignoring progress."""
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
