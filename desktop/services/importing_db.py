"""Import an MLflow SQLite database (``mlflow.db``) into the store, incrementally.

Same protocol as :func:`~desktop.services.importing.import_mlruns`: a generator that
yields :class:`ImportProgress` and returns an :class:`ImportReport`, writes in
batches (one transaction each), and honours ``cancel`` between batches. The
database is opened strictly read-only (:mod:`desktop.sources.mlflow_db.connection`)
and read with short statements, so a training process writing to it is never
blocked for long. Per-run stamps computed in SQL let a re-import skip every run
that did not change; runs and experiments gone from the database are removed.
A database that cannot be read leaves what the store holds untouched.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Collection, Generator, Iterator
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from desktop.core.gc_tuning import collection_paused
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import (
    ExperimentRecord,
    LoggedModelRecord,
    Problem,
)
from desktop.services.db_batches import (
    DbRunTask,
    RowBatch,
    read_db_row_batch,
    read_row_batch,
)
from desktop.services.importing import (
    ImportCancelled,
    ImportProgress,
    ImportReport,
    note_stopped,
    write_batch,
)
from desktop.services.worker_pool import WorkerPool, map_batches
from desktop.sources.mlflow_db.connection import (
    DbOpenError,
    ReadOnlyDb,
    describe_error,
)
from desktop.sources.mlflow_db.experiments import read_experiments, read_logged_models
from desktop.sources.mlflow_db.runs import artifact_root_of
from desktop.sources.mlflow_db.schema import DbSchema, NotMlflowDatabase, probe_schema
from desktop.sources.mlflow_db.stamps import RunHead, list_runs
from desktop.store import queries
from desktop.store.database import Store
from desktop.store.writer import StoreWriter, ensure_source

MLFLOW_DB = "mlflow-db"
# Beyond this many batches, worker processes read while this process writes.
_PARALLEL_BATCHES = 4


def db_source_name(db_path: str) -> str:
    """A short name for a database source: ``<parent folder>/<file name>``."""
    folder = os.path.basename(os.path.dirname(db_path))
    name = os.path.basename(db_path)
    return f"{folder}/{name}" if folder else name


def import_mlflow_db(
    store: Store,
    path: str | os.PathLike[str],
    *,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    full: bool = False,
    batch_runs: int = 250,
    runs: Collection[str] | None = None,
    **_ignored: object,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) an MLflow SQLite tracking database.

    ``full`` re-reads every run instead of only those whose stamps changed. More
    than a few batches of ``batch_runs`` runs are read by ``workers`` processes
    (default: one per core). ``runs`` limits the refresh to these run ids (live
    refresh): only they are checked, updated or removed. Other keyword options
    belong to other importers and are ignored.
    """
    started = time.perf_counter()
    db_path = os.path.abspath(os.fspath(path))
    report = ImportReport(None, db_path)
    cancel = cancel or threading.Event()
    try:
        db = ReadOnlyDb(db_path)
    except DbOpenError as exc:
        report.problems.append(Problem(db_path, str(exc)))
        report.seconds = time.perf_counter() - started
        return report
    with db:
        yield ImportProgress("scan", 0, 0, db_path)
        try:
            listing = _list(db, db_path, runs)
        except NotMlflowDatabase as exc:
            report.problems.append(Problem(db_path, exc.args[0]))
        except DBAPIError as exc:
            report.problems.append(
                Problem(
                    db_path,
                    QT_TRANSLATE_NOOP("Import", "cannot read the database: {0}").format(
                        describe_error(exc)
                    ),
                )
            )
        else:
            try:
                with collection_paused():  # many rows, no reference cycles
                    return (
                        yield from _import(
                            store,
                            db,
                            listing,
                            report,
                            cancel,
                            _Options(full, batch_runs, workers, runs),
                            started,
                        )
                    )
            except Exception as exc:
                note_stopped(exc, report)
                raise
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True, slots=True)
class _Options:
    full: bool
    batch_runs: int
    workers: int | None
    only: Collection[str] | None  # the run ids to refresh, or None for all


@dataclass(slots=True)
class _Listing:
    """What one import reads up front: schema, experiments, runs, logged models."""

    schema: DbSchema
    experiments: list[ExperimentRecord]
    heads: list[RunHead]
    models: dict[str, list[LoggedModelRecord]]


def _list(db: ReadOnlyDb, db_path: str, only: Collection[str] | None) -> _Listing:
    schema = db.read(probe_schema)
    return _Listing(
        schema,
        read_experiments(db.rows, schema, db_path),
        list_runs(db.rows, schema, None if only is None else sorted(only)),
        read_logged_models(db.rows, schema, db_path),
    )


def _import(
    store: Store,
    db: ReadOnlyDb,
    listing: _Listing,
    report: ImportReport,
    cancel: threading.Event,
    options: _Options,
    started: float,
) -> Generator[ImportProgress, None, ImportReport]:
    full, batch_runs = options.full, options.batch_runs
    experiments, models, schema = listing.experiments, listing.models, listing.schema
    heads = listing.heads
    db_path = report.root
    problems = report.problems
    report.experiments = len(experiments)
    source_id = _ensure_source(store, db_path)
    report.source_id = source_id
    known = {e.experiment_id for e in experiments}
    orphans = [h for h in heads if h.experiment_id not in known]
    for head in orphans:
        problems.append(
            Problem(
                db_path,
                QT_TRANSLATE_NOOP(
                    "Import",
                    "runs: run {0} belongs to experiment {1}, which does not "
                    "exist; skipped",
                ).format(head.run_id, head.experiment_id),
            )
        )
    heads = [h for h in heads if h.experiment_id in known]

    with store.engine.connect() as conn:
        stored, stored_experiments = queries.stored_runs(conn, source_id)

    db_dir = os.path.dirname(db_path)
    roots: dict[str, str | None] = {}
    stamps: dict[str, str] = {}
    tasks: list[RunHead] = []
    for head in heads:
        root = roots[head.run_id] = artifact_root_of(head, db_dir)
        stamp = stamps[head.run_id] = head.stamp(root)
        old = stored.get(head.run_id)
        if old is not None and not full and old[1] == stamp:
            report.runs_unchanged += 1
        else:
            tasks.append(head)
    report.runs_total = len(heads)
    yield ImportProgress("read", 0, len(tasks), db_path)

    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        experiment_pks = {
            e.experiment_id: writer.upsert_experiment(e) for e in experiments
        }
        for experiment in experiments:
            exp_models: list[LoggedModelRecord] = models.get(
                experiment.experiment_id, []
            )
            report.logged_models += len(exp_models)
            writer.replace_logged_models(
                experiment_pks[experiment.experiment_id], exp_models
            )

    existing = {run_id: pk for run_id, (pk, _stamp) in stored.items()}
    jobs = [
        DbRunTask(db.reading, schema, db_path, h, roots[h.run_id], stamps[h.run_id])
        for h in tasks
    ]
    done = 0
    touched: set[int] = set()  # experiments whose runs were written
    try:
        for rows, batch_problems, count in _read_batches(
            db, jobs, options.workers, batch_runs
        ):
            problems.extend(batch_problems)
            report.metric_points += write_batch(
                store, source_id, rows, experiment_pks, existing, touched
            )
            report.runs_read += len(rows)
            done += count
            yield ImportProgress("read", done, len(tasks), db_path)
            if cancel.is_set():
                raise ImportCancelled
    except (ImportCancelled, GeneratorExit) as exc:
        report.cancelled = True
        report.seconds = time.perf_counter() - started
        if isinstance(exc, GeneratorExit):
            raise
        return report

    yield ImportProgress("finish", done, len(tasks), db_path)
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        present = {h.run_id for h in heads}
        checked = stored.keys() if options.only is None else options.only
        vanished = [
            stored[run_id][0]
            for run_id in checked
            if run_id in stored and run_id not in present
        ]
        writer.delete_runs(vanished)
        report.runs_removed = len(vanished)
        gone = [pk for exp_id, pk in stored_experiments.items() if exp_id not in known]
        writer.delete_experiments(gone)
        report.experiments_removed = len(gone)
        # Keys of experiments whose runs changed, and of any left without keys by
        # an import that was cancelled or killed after writing runs.
        stale = set(experiment_pks.values()) if vanished else touched
        stale |= set(writer.experiments_without_keys())
        writer.refresh_experiment_keys(sorted(stale & set(experiment_pks.values())))
        if options.only is None:  # a partial refresh knows only its runs' problems
            writer.replace_problems(problems)
        report.seconds = time.perf_counter() - started
        writer.mark_synced(int(time.time() * 1000), report.seconds)
    return report


def _read_batches(
    db: ReadOnlyDb, jobs: list[DbRunTask], workers: int | None, batch_runs: int
) -> Iterator[RowBatch]:
    """Read and encode the runs in batches: in worker processes when there are many
    (each reads from its own connection while this process writes), else here."""
    with WorkerPool(workers) as pool:
        if not pool.parallel or len(jobs) <= _PARALLEL_BATCHES * batch_runs:
            for start in range(0, len(jobs), batch_runs):
                yield read_row_batch(db, jobs[start : start + batch_runs])
            return
        batches = map_batches(
            read_db_row_batch,
            jobs,
            pool=pool,
            batch_size=batch_runs,
            parallel_threshold=0,
        )
        try:
            for _start, batch in batches:
                yield batch
        finally:
            batches.close()


def _ensure_source(store: Store, db_path: str) -> int:
    with store.engine.begin() as conn:
        return ensure_source(conn, MLFLOW_DB, db_path, db_source_name(db_path))


def run_db_import(store: Store, path: str | os.PathLike[str], **kwargs) -> ImportReport:
    """Run :func:`import_mlflow_db` to the end, ignoring progress."""
    generator = import_mlflow_db(store, path, **kwargs)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
