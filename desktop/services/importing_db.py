"""Import an MLflow SQLite database (``mlflow.db``) into the store, incrementally.

The reader plugs into the shared pipeline (:mod:`desktop.services.import_pipeline`):
batched writes, ``cancel`` honoured between batches, one report. The database is
opened strictly read-only (:mod:`desktop.sources.mlflow_db.connection`) and read
with short statements, so a training process writing to it is never blocked for
long. Per-run stamps computed in SQL let a re-import skip every run that did not
change; runs and experiments gone from the database are removed. A database that
cannot be read leaves what the store holds untouched.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable, Collection, Generator, Iterator
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import (
    ExperimentRecord,
    LoggedModelRecord,
    Problem,
)
from desktop.core.registry import RegisteredModelRecord
from desktop.services.db_batches import (
    DbRunTask,
    RowBatch,
    read_db_row_batch,
    read_row_batch,
)
from desktop.services.import_pipeline import (
    ImportContext,
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_pipeline,
    run_to_end,
)
from desktop.services.worker_pool import WorkerPool, map_batches
from desktop.sources.mlflow_db.connection import (
    DbOpenError,
    ReadOnlyDb,
    SqlReader,
    describe_error,
)
from desktop.sources.mlflow_db.experiments import read_experiments, read_logged_models
from desktop.sources.mlflow_db.registry import read_registry
from desktop.sources.mlflow_db.runs import artifact_root_of
from desktop.sources.mlflow_db.schema import DbSchema, NotMlflowDatabase, probe_schema
from desktop.sources.mlflow_db.stamps import RunHead, list_runs
from desktop.store import queries
from desktop.store.database import Store

MLFLOW_DB = "mlflow-db"
DEFAULT_BATCH_RUNS = 250
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
    batch_runs: int = DEFAULT_BATCH_RUNS,
    runs: Collection[str] | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) an MLflow SQLite tracking database.

    ``full`` re-reads every run instead of only those whose stamps changed. More
    than a few batches of ``batch_runs`` runs are read by ``workers`` processes
    (default: one per core). ``runs`` limits the refresh to these run ids (live
    refresh): only they are checked, updated or removed.
    """
    options = ImportOptions(
        full=full, workers=workers, batch_runs=batch_runs, runs=runs
    )
    return run_pipeline(
        store,
        MLFLOW_DB,
        read_mlflow_db,
        os.fspath(path),
        options,
        default_batch_runs=DEFAULT_BATCH_RUNS,
        cancel=cancel,
    )


def read_mlflow_db(context: ImportContext) -> Generator[ImportProgress, None, None]:
    """Read an MLflow SQLite database into the store (opened strictly read-only)."""
    db_path = context.report.root = os.path.abspath(context.location)
    problems = context.problems
    try:
        db = ReadOnlyDb(db_path)
    except DbOpenError as exc:
        problems.append(Problem(db_path, str(exc)))
        return
    with db:
        yield ImportProgress("scan", 0, 0, db_path)
        try:
            listing = list_database(db, db_path, context.options.runs)
        except NotMlflowDatabase as exc:
            problems.append(Problem(db_path, exc.args[0]))
        except DBAPIError as exc:
            problems.append(
                Problem(
                    db_path,
                    QT_TRANSLATE_NOOP("Import", "cannot read the database: {0}").format(
                        describe_error(exc)
                    ),
                )
            )
        else:
            db_dir = os.path.dirname(db_path)
            yield from import_listing(
                context,
                db,
                listing,
                name=db_source_name(db_path),
                artifact_root=lambda head: artifact_root_of(head, db_dir),
            )


@dataclass(slots=True)
class _Listing:
    """What one import reads up front: schema, experiments, runs, logged models."""

    schema: DbSchema
    experiments: list[ExperimentRecord]
    heads: list[RunHead]
    models: dict[str, list[LoggedModelRecord]]
    # None: the registry could not be read (registry_error says why).
    registry: list[RegisteredModelRecord] | None
    registry_error: str | None = None


def list_database(
    db: SqlReader, db_path: str, only: Collection[str] | None
) -> _Listing:
    """Schema, experiments, run heads (of ``only``), logged models and registry."""
    schema = db.read(probe_schema)
    listing = _Listing(
        schema,
        read_experiments(db.rows, schema, db_path),
        list_runs(db.rows, schema, None if only is None else sorted(only)),
        read_logged_models(db.rows, schema, db_path),
        None,
    )
    try:  # a registry that cannot be read does not stop the runs
        listing.registry = read_registry(db.rows, schema)
    except (DBAPIError, sqlite3.Error) as exc:
        listing.registry_error = QT_TRANSLATE_NOOP(
            "Import", "model registry: cannot read the database: {0}"
        ).format(describe_error(exc))
    return listing


def import_listing(
    context: ImportContext,
    db: SqlReader,
    listing: _Listing,
    *,
    name: str,
    artifact_root: Callable[[RunHead], str | None],
    parallel: bool = True,
) -> Generator[ImportProgress, None, None]:
    """Import what :func:`list_database` found: changed runs only (unless
    ``full``), in batches (worker processes when ``parallel`` and many), then
    remove what is gone. ``name`` is the source's display name."""
    store, options, report = context.store, context.options, context.report
    experiments, models, schema = listing.experiments, listing.models, listing.schema
    heads = listing.heads
    db_path = report.root
    problems = report.problems
    report.experiments = len(experiments)
    source_id = context.open_source(name)
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

    roots: dict[str, str | None] = {}
    stamps: dict[str, str] = {}
    tasks: list[RunHead] = []
    for head in heads:
        root = roots[head.run_id] = artifact_root(head)
        stamp = stamps[head.run_id] = head.stamp(root)
        old = stored.get(head.run_id)
        if old is not None and not options.full and old[1] == stamp:
            report.runs_unchanged += 1
        else:
            tasks.append(head)
    report.runs_total = len(heads)
    yield ImportProgress("read", 0, len(tasks), db_path)

    with context.transaction() as writer:
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
        if listing.registry is not None:
            report.registry_changed = writer.replace_registry(listing.registry)
            report.registered_models = len(listing.registry)
        else:  # keep what was stored
            problems.append(Problem(db_path, listing.registry_error or ""))

    existing = {run_id: pk for run_id, (pk, _stamp) in stored.items()}
    jobs = [
        DbRunTask(db.reading, schema, db_path, h, roots[h.run_id], stamps[h.run_id])
        for h in tasks
    ]
    done = 0
    for rows, batch_problems, count in _read_batches(
        db, jobs, options.workers if parallel else 1, context.batch_runs
    ):
        problems.extend(batch_problems)
        context.write_rows(rows, experiment_pks, existing)
        done += count
        yield ImportProgress("read", done, len(tasks), db_path)
        context.check_cancel()

    yield ImportProgress("finish", done, len(tasks), db_path)
    present = {h.run_id for h in heads}
    checked = stored.keys() if options.runs is None else options.runs
    vanished = [
        stored[run_id][0]
        for run_id in checked
        if run_id in stored and run_id not in present
    ]
    context.finish(
        experiment_pks.values(),
        vanished_runs=vanished,
        gone_experiments=[
            pk for exp_id, pk in stored_experiments.items() if exp_id not in known
        ],
        # Runs removed: their experiments' keys may have gone with them.
        stale=experiment_pks.values() if vanished else (),
        # A partial refresh knows only its runs' problems.
        replace_problems=options.runs is None,
    )


def _read_batches(
    db: SqlReader, jobs: list[DbRunTask], workers: int | None, batch_runs: int
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


def run_db_import(store: Store, path: str | os.PathLike[str], **kwargs) -> ImportReport:
    """Run :func:`import_mlflow_db` to the end, ignoring progress."""
    return run_to_end(import_mlflow_db(store, path, **kwargs))
