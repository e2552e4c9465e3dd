"""The reader of ``mlruns`` folders, plugged into the shared import pipeline.

:func:`import_mlruns` imports a folder incrementally and cancellably (see
:mod:`desktop.services.import_pipeline`). Runs and experiments are removed from the
store only when their folders are really gone (a folder that cannot be read keeps
its stored copy).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem
from desktop.services.import_pipeline import (
    ImportContext,
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_pipeline,
    run_to_end,
)
from desktop.services.source_locations import is_unread_tracking_uri
from desktop.services.worker_pool import (
    WorkerPool,
    map_batches,
)
from desktop.sources.mlruns.experiments import (
    ExperimentFolder,
    find_root,
    list_experiment_dirs,
    looks_like_mlruns,
    read_experiment,
    read_logged_models,
)
from desktop.sources.mlruns.registry import read_registry
from desktop.sources.mlruns.stamps import check_batch
from desktop.sources.mlruns.tasks import RunTask
from desktop.store.database import Store
from desktop.store.run_rows import RunRows

MLRUNS = "mlruns"
DEFAULT_BATCH_RUNS = 500
_CHECK_BATCH = 250  # stamps per job: ~15 ms of work


def import_mlruns(
    store: Store,
    path: str | os.PathLike[str],
    *,
    cancel: threading.Event | None = None,
    workers: int | None = None,
    full: bool = False,
    batch_runs: int = 500,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) an ``mlruns`` folder or a folder that contains one.

    ``full`` re-reads every run instead of only those whose folders changed.
    """
    options = ImportOptions(full=full, workers=workers, batch_runs=batch_runs)
    return run_pipeline(
        store,
        MLRUNS,
        read_mlruns,
        os.fspath(path),
        options,
        default_batch_runs=DEFAULT_BATCH_RUNS,
        cancel=cancel,
    )


def read_mlruns(context: ImportContext) -> Generator[ImportProgress, None, None]:
    """Read an ``mlruns`` folder (or one that holds one) into the store."""
    store, cancel, options = context.store, context.cancel, context.options
    if is_unread_tracking_uri(context.location):
        context.report.root = context.location
        why = QT_TRANSLATE_NOOP(
            "Problems",
            "a tracking URI this app does not read (such as SQL Server or Databricks):"
            " open the team's tracking server (http://…), its PostgreSQL or "
            "MySQL/MariaDB database, an mlflow.db file or an mlruns folder",
        )
        context.report.problems.append(Problem(context.location, why))
        return
    root = context.report.root = find_root(context.location)
    report = context.report
    problems = report.problems
    if not os.path.isdir(root) or not looks_like_mlruns(root):
        if not os.path.isdir(root):
            why = QT_TRANSLATE_NOOP("Problems", "folder not found")
        elif _unlistable(root):
            why = QT_TRANSLATE_NOOP("Problems", "permission denied")
        elif os.path.splitext(root)[1].lower() in (".db", ".sqlite", ".sqlite3"):
            why = QT_TRANSLATE_NOOP(
                "Problems",
                "a folder, not an MLflow database file (mlflow.db is a file), and "
                "no MLflow tracking folder either",
            )
        else:
            why = QT_TRANSLATE_NOOP(
                "Problems",
                "not an MLflow tracking folder (no experiment folders with meta.yaml)",
            )
        problems.append(Problem(root, why))
        return

    yield ImportProgress("scan", 0, 0, root)
    with WorkerPool(options.workers) as pool:
        # The workers start while this process looks at the store and the folder.
        pool.start()
        source_id = context.open_source(source_name(root))
        stored, known, stored_experiments = _stored_state(store, source_id)
        if options.full or not stored:
            from desktop.services.mlruns_batches import warm_up

            pool.warm(warm_up)  # a first import: load the reader in the workers
            known = []
        existing = {run_id: pk for run_id, (pk, _location) in stored.items()}
        # Runs imported before are read again only when their stamp changed. The
        # checks run in the workers while this process scans the folder.
        stamped = {stored[name][1] for _dir, name, _stamp in known}
        checks = map_batches(
            check_batch,
            known,
            pool=pool,
            batch_size=_CHECK_BATCH,
            parallel_threshold=2 * _CHECK_BATCH * pool.workers,
            per_worker=None,
        )
        try:
            exp_dirs = list_experiment_dirs(root, problems.append)
            folders: list[ExperimentFolder] = []
            for index, exp_dir in enumerate(exp_dirs or []):
                folder = read_experiment(exp_dir, root, problems.append)
                if folder is not None:
                    folders.append(folder)
                if index % 20 == 0:
                    yield ImportProgress("scan", index, len(exp_dirs or []), exp_dir)
                context.check_cancel()
            report.experiments = len(folders)

            to_read: list[RunTask] = []
            # Listed runs whose stored copy is being checked, by folder.
            checked: dict[str, tuple[str, str]] = {}
            seen_runs: set[str] = set()
            for folder in folders:
                exp_id, exp_dir = folder.record.experiment_id, folder.path
                for run_dir in folder.run_dirs:
                    run_id = run_dir[len(exp_dir) + 1 :]
                    seen_runs.add(run_id)
                    if run_dir in stamped and stored[run_id][1] == run_dir:
                        checked[run_dir] = (exp_id, exp_dir)
                    else:
                        to_read.append(RunTask(run_dir, exp_id, exp_dir, root))
            total = report.runs_total = len(to_read) + len(checked)
            yield ImportProgress("read", 0, total, root)

            with context.transaction() as writer:
                experiment_pks = {
                    f.record.experiment_id: writer.upsert_experiment(f.record)
                    for f in folders
                }
                for folder in folders:
                    models = read_logged_models(
                        folder.path, folder.record.experiment_id, root, problems.append
                    )
                    report.logged_models += len(models)
                    writer.replace_logged_models(
                        experiment_pks[folder.record.experiment_id], models
                    )
                registry = read_registry(root, problems.append)
                report.registry_changed = writer.replace_registry(registry)
                report.registered_models = len(registry)

            done = 0
            for start, changed in checks:
                batch = known[start : start + _CHECK_BATCH]
                changed_here = set(changed)
                for i, (exp_dir, name, _stamp) in enumerate(batch):
                    run_dir = os.path.join(exp_dir, name)
                    listed = checked.get(run_dir)
                    if listed is None:
                        continue  # gone, or moved and read anew
                    if i in changed_here:
                        to_read.append(RunTask(run_dir, *listed, root))
                    else:
                        report.runs_unchanged += 1
                        done += 1
                yield ImportProgress("read", done, total, batch[0][0])
                context.check_cancel()

            pending = RunRows()
            if to_read:  # the readers (and numpy) load only to read runs
                from desktop.services.mlruns_batches import read_row_batch

                batches = map_batches(read_row_batch, to_read, pool=pool)
                try:
                    for _start, (rows, batch_problems, count) in batches:
                        problems.extend(batch_problems)
                        pending.extend(rows)
                        done += count
                        if len(pending) >= context.batch_runs:
                            context.write_rows(pending, experiment_pks, existing)
                            pending = RunRows()
                        yield ImportProgress("read", done, total, rows.last_location)
                        context.check_cancel()
                finally:
                    batches.close()
            context.write_rows(pending, experiment_pks, existing)
        finally:
            checks.close()

    yield ImportProgress("finish", done, total, root)
    listed = {f.record.experiment_id for f in folders if f.listed}
    # A run is gone only when its experiment was listed and its folder is absent.
    gone_runs = [
        (pk, os.path.basename(os.path.dirname(location)))
        for run_id, (pk, location) in stored.items()
        if run_id not in seen_runs
    ]
    vanished = [pk for pk, exp_id in gone_runs if exp_id in listed]
    stale = (
        {experiment_pks[e] for _pk, e in gone_runs if e in experiment_pks}
        if vanished
        else set()
    )
    gone: list[int] | None = None
    if exp_dirs is not None and not cancel.is_set():
        found = {f.record.experiment_id for f in folders}
        found |= {os.path.basename(d) for d in exp_dirs}
        gone = [pk for exp_id, pk in stored_experiments.items() if exp_id not in found]
    context.finish(
        experiment_pks.values(),
        vanished_runs=vanished,
        gone_experiments=gone,
        stale=stale,
    )


def _stored_state(
    store: Store, source_id: int
) -> tuple[dict[str, tuple[int, str]], list[tuple[str, str, str]], dict[str, int]]:
    """What the store holds of a source.

    The runs (row id and folder by run id), the stamped runs as ``(experiment
    folder, run folder name, stamp)`` sorted by folder, and the experiments.
    """
    with store.begin() as conn:
        rows = conn.execute(
            "SELECT run_id, id, location, stamp FROM runs WHERE source_id = ? "
            "ORDER BY location",
            (source_id,),
        ).fetchall()
        experiments = dict(
            conn.execute(
                "SELECT experiment_id, id FROM experiments WHERE source_id = ?",
                (source_id,),
            ).fetchall()
        )
    runs = {run_id: (pk, location) for run_id, pk, location, _stamp in rows}
    known = []
    for _run_id, _pk, location, stamp in rows:
        if stamp:
            experiment_dir, _, name = location.rpartition(os.sep)
            known.append((experiment_dir, name, stamp))
    return runs, known, experiments


def _unlistable(path: str) -> bool:
    try:
        os.listdir(path)
    except PermissionError:
        return True
    except OSError:
        return False
    return False


def source_name(root: str) -> str:
    """A short name for a source: the project folder for ``.../project/mlruns``."""
    base = os.path.basename(root.rstrip(os.sep))
    if base == "mlruns":
        return os.path.basename(os.path.dirname(root.rstrip(os.sep))) or root
    return base or root


def run_import(store: Store, path: str | os.PathLike[str], **kwargs) -> ImportReport:
    """Run :func:`import_mlruns` to the end, ignoring progress."""
    return run_to_end(import_mlruns(store, path, **kwargs))
