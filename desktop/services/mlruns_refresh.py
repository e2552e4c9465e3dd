"""Targeted refresh of an imported ``mlruns`` folder: re-read only named runs.

Where :func:`desktop.services.importing.import_mlruns` walks the whole tree,
:func:`refresh_runs` re-reads just the run folders it is given (and, optionally, a
few experiment folders' metadata), removes the runs whose folders are gone, and
writes everything in one transaction. A live-refresh cycle with one changed run
costs a few milliseconds. Runs of experiments the store does not know yet, or of a
source not imported yet, fall back to a full (incremental) import.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable

from sqlalchemy import select

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import run_import
from desktop.services.mlruns_batches import read_row_batch
from desktop.services.worker_pool import WorkerPool, map_batches
from desktop.sources.mlruns.experiments import (
    find_root,
    read_experiment,
    read_logged_models,
)
from desktop.sources.mlruns.registry import read_registry
from desktop.sources.mlruns.tasks import RunTask
from desktop.store.batching import chunks
from desktop.store.database import Store, driver_connection
from desktop.store.run_rows import RunRows
from desktop.store.schema import Experiment, Run, Source
from desktop.store.writer import StoreWriter


def refresh_runs(
    store: Store,
    path: str | os.PathLike[str],
    runs: Iterable[str],
    *,
    experiments: Iterable[str] = (),
    registry: bool = False,
) -> ImportReport:
    """Re-read the run folders ``runs`` (and experiment folders ``experiments``,
    and the model registry when ``registry``).

    A run whose folder is gone is removed from the store; one that cannot be read
    keeps its stored copy (its problems are in the report, not stored).
    """
    started = time.perf_counter()
    root = find_root(os.fspath(path))
    run_dirs = sorted({os.path.normpath(os.fspath(r)) for r in runs})
    exp_dirs = sorted({os.path.normpath(os.fspath(e)) for e in experiments})
    with store.engine.connect() as conn:
        source_id = conn.scalar(select(Source.id).where(Source.location == root))
        if source_id is None:
            return run_import(store, root)
        experiment_pks = dict(
            conn.execute(
                select(Experiment.experiment_id, Experiment.id).where(
                    Experiment.source_id == source_id
                )
            ).all()
        )
        stored: dict[str, tuple[int, str]] = {}
        wanted_dirs = set(run_dirs)
        names = [os.path.basename(d) for d in run_dirs]
        for chunk in chunks(names, 500):  # by run id: indexed, unlike location
            for location, pk, run_id in conn.execute(
                select(Run.location, Run.id, Run.run_id).where(
                    Run.source_id == source_id, Run.run_id.in_(chunk)
                )
            ):
                if location in wanted_dirs:
                    stored[location] = (pk, run_id)
    report = ImportReport(source_id, root)
    wanted = {os.path.basename(os.path.dirname(d)) for d in run_dirs}
    wanted |= {os.path.basename(d) for d in exp_dirs}
    if not wanted <= experiment_pks.keys():
        return run_import(store, root)  # a new experiment: look at everything

    problems = report.problems
    folders = [read_experiment(d, root, problems.append) for d in exp_dirs]
    present = [d for d in run_dirs if os.path.isdir(d)]
    gone = [stored[d][0] for d in run_dirs if d not in present and d in stored]
    tasks = [
        RunTask(d, os.path.basename(os.path.dirname(d)), os.path.dirname(d), root)
        for d in present
    ]
    rows = RunRows()
    with WorkerPool() as pool:
        for _start, (batch_rows, batch_problems, _count) in map_batches(
            read_row_batch, tasks, pool=pool
        ):
            rows.extend(batch_rows)
            problems.extend(batch_problems)

    with store.engine.begin() as conn:
        writer = StoreWriter(driver_connection(conn), source_id)
        touched = set()
        for folder in folders:
            if folder is None:
                continue
            pk = writer.upsert_experiment(folder.record)
            models = read_logged_models(
                folder.path, folder.record.experiment_id, root, problems.append
            )
            writer.replace_logged_models(pk, models)
            report.logged_models += len(models)
        if registry:
            models_read = read_registry(root, problems.append)
            report.registry_changed = writer.replace_registry(models_read)
            report.registered_models = len(models_read)
        existing = _run_pks(conn, source_id, rows.run_ids)
        # Key lists only change when a run comes, goes or gains/loses a key (a
        # metric append, the usual live change, keeps them).
        before = _keys(conn, list(existing.values()))
        writer.write_rows(rows, experiment_pks, existing)
        after = _keys(conn, list(existing.values()))
        touched |= {
            experiment_pks[row[1]]
            for row in rows.runs
            if row[0] not in existing or before != after
        }
        touched |= {
            experiment_pks[os.path.basename(os.path.dirname(d))]
            for d in run_dirs
            if d not in present and d in stored
        }
        writer.delete_runs(gone)
        writer.refresh_experiment_keys(sorted(touched))
        report.seconds = time.perf_counter() - started
        writer.mark_synced(int(time.time() * 1000), report.seconds)
    report.experiments = sum(f is not None for f in folders)
    report.runs_total = len(run_dirs)
    report.runs_read = len(rows)
    report.runs_removed = len(gone)
    report.metric_points = rows.points
    return report


def _keys(conn, run_pks: list[int]) -> set[tuple]:
    """The (run, kind, key, param value) facts experiment key lists count."""
    found: set[tuple] = set()
    for chunk in chunks(run_pks, 300):
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.exec_driver_sql(
                f"SELECT run_pk, 'p', key, value FROM params WHERE run_pk IN ({marks}) "
                f"UNION ALL SELECT run_pk, 't', key, NULL FROM tags "
                f"WHERE run_pk IN ({marks}) "
                f"UNION ALL SELECT run_pk, 'm', key, NULL FROM metric_summaries "
                f"WHERE run_pk IN ({marks})",
                tuple(chunk) * 3,
            ).all()
        )
    return found


def _run_pks(conn, source_id: int, run_ids: list[str]) -> dict[str, int]:
    pks: dict[str, int] = {}
    for chunk in chunks(run_ids, 500):
        pks.update(
            conn.execute(
                select(Run.run_id, Run.id).where(
                    Run.source_id == source_id, Run.run_id.in_(chunk)
                )
            ).all()
        )
    return pks
