"""Import an ``mlruns`` folder into the store, incrementally and cancellably.

:func:`import_mlruns` is a generator: it yields :class:`ImportProgress` records and
returns an :class:`ImportReport`. It writes in batches, each in its own transaction,
so a crash or kill loses at most the batch in flight and never what was stored
before. Runs and experiments are removed from the store only when their folders are
really gone (a folder that cannot be read keeps its stored copy).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Generator
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop.core.enums import TERMINATED_STATUSES
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.core.records import Problem
from desktop.services.mlruns_batches import read_row_batch
from desktop.sources.mlruns.experiments import (
    ExperimentFolder,
    find_root,
    list_experiment_dirs,
    looks_like_mlruns,
    read_experiment,
    read_logged_models,
)
from desktop.sources.mlruns.reader import read_runs
from desktop.sources.mlruns.runs import RunTask
from desktop.store.database import Store
from desktop.store.run_rows import RunRows
from desktop.store.schema import Experiment, Run
from desktop.store.writer import StoreWriter, ensure_source


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import is: ``phase`` is ``scan``, ``read`` or ``finish``."""

    phase: str
    done: int
    total: int
    current: str = ""


@dataclass(slots=True)
class ImportReport:
    """What an import did."""

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
    problems: list[Problem] = field(default_factory=list)
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def imported_anything(self) -> bool:
        """Whether the source contributed any experiment to the store."""
        return self.source_id is not None and self.experiments > 0


class ImportCancelled(Exception):
    """Raised inside the import when its cancel event is set."""


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
    started = time.perf_counter()
    root = find_root(os.fspath(path))
    report = ImportReport(None, root)
    problems = report.problems
    if not os.path.isdir(root) or not looks_like_mlruns(root):
        if not os.path.isdir(root):
            why = QT_TRANSLATE_NOOP("Problems", "folder not found")
        elif _unlistable(root):
            why = QT_TRANSLATE_NOOP("Problems", "permission denied")
        else:
            why = QT_TRANSLATE_NOOP(
                "Problems",
                "not an MLflow tracking folder (no experiment folders with meta.yaml)",
            )
        problems.append(Problem(root, why))
        report.seconds = time.perf_counter() - started
        return report
    cancel = cancel or threading.Event()

    yield ImportProgress("scan", 0, 0, root)
    source_id = _ensure_source(store, root)
    report.source_id = source_id
    exp_dirs = list_experiment_dirs(root, problems.append)
    folders: list[ExperimentFolder] = []
    for index, exp_dir in enumerate(exp_dirs or []):
        folder = read_experiment(exp_dir, root, problems.append)
        if folder is not None:
            folders.append(folder)
        if index % 20 == 0:
            yield ImportProgress("scan", index, len(exp_dirs or []), exp_dir)
        if cancel.is_set():
            break
    report.experiments = len(folders)

    with store.engine.connect() as conn:
        stored = {
            run_id: (pk, stamp, status, location)
            for run_id, pk, stamp, status, location in conn.execute(
                select(Run.run_id, Run.id, Run.stamp, Run.status, Run.location).where(
                    Run.source_id == source_id
                )
            )
        }
        stored_experiments = dict(
            conn.execute(
                select(Experiment.experiment_id, Experiment.id).where(
                    Experiment.source_id == source_id
                )
            ).all()
        )

    # Every run is a task; the readers skip those whose stored stamp still matches
    # (checking stamps is most of a re-import's work, so it is spread too).
    tasks: list[RunTask] = []
    seen_runs: set[str] = set()
    for folder in folders:
        for run_dir in folder.run_dirs:
            run_id = os.path.basename(run_dir)
            seen_runs.add(run_id)
            old = stored.get(run_id)
            known = old is not None and not full and old[3] == run_dir
            tasks.append(
                RunTask(
                    run_dir,
                    folder.record.experiment_id,
                    folder.path,
                    root,
                    known_stamp=old[1] if known else None,
                    known_deep=known and old[2] not in TERMINATED_STATUSES,
                )
            )
    report.runs_total = len(tasks)
    yield ImportProgress("read", 0, len(tasks), root)

    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        experiment_pks = {
            f.record.experiment_id: writer.upsert_experiment(f.record) for f in folders
        }
        for folder in folders:
            models = read_logged_models(
                folder.path, folder.record.experiment_id, root, problems.append
            )
            report.logged_models += len(models)
            writer.replace_logged_models(
                experiment_pks[folder.record.experiment_id], models
            )

    existing = {run_id: value[0] for run_id, value in stored.items()}
    touched: set[int] = set()
    pending = RunRows()
    done = 0
    try:
        batches = read_runs(tasks, workers=workers, job=read_row_batch)
        try:
            for rows, batch_problems, count in batches:
                problems.extend(batch_problems)
                report.runs_unchanged += rows.unchanged
                pending.extend(rows)
                done += count
                if len(pending) >= batch_runs:
                    _flush(store, source_id, pending, experiment_pks, existing, touched)
                    report.metric_points += pending.points
                    report.runs_read += len(pending)
                    pending = RunRows()
                yield ImportProgress("read", done, len(tasks), rows.last_location)
                if cancel.is_set():
                    raise ImportCancelled
        finally:
            batches.close()
        _flush(store, source_id, pending, experiment_pks, existing, touched)
        report.metric_points += pending.points
        report.runs_read += len(pending)
    except (ImportCancelled, GeneratorExit) as exc:
        report.cancelled = True
        report.seconds = time.perf_counter() - started
        if isinstance(exc, GeneratorExit):
            raise
        return report

    yield ImportProgress("finish", done, len(tasks), root)
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        listed = {f.record.experiment_id for f in folders if f.listed}
        # A run is gone only when its experiment was listed and its folder is absent.
        vanished = [
            pk
            for run_id, (pk, _stamp, _status, location) in stored.items()
            if run_id not in seen_runs
            and os.path.basename(os.path.dirname(location)) in listed
        ]
        writer.delete_runs(vanished)
        report.runs_removed = len(vanished)
        if vanished:
            touched |= {
                experiment_pks[os.path.basename(os.path.dirname(value[3]))]
                for run_id, value in stored.items()
                if run_id not in seen_runs
                and os.path.basename(os.path.dirname(value[3])) in experiment_pks
            }
        if exp_dirs is not None and not cancel.is_set():
            found = {f.record.experiment_id for f in folders}
            found |= {os.path.basename(d) for d in exp_dirs}
            gone = [
                pk for exp_id, pk in stored_experiments.items() if exp_id not in found
            ]
            writer.delete_experiments(gone)
            report.experiments_removed = len(gone)
        # Keys of experiments whose runs changed, and of any left without keys by
        # an import that was cancelled or killed after writing runs.
        stale = touched | set(writer.experiments_without_keys())
        writer.refresh_experiment_keys(sorted(stale & set(experiment_pks.values())))
        writer.replace_problems(problems)
        report.seconds = time.perf_counter() - started
        writer.mark_synced(int(time.time() * 1000), report.seconds)
    return report


def _flush(
    store: Store,
    source_id: int,
    rows: RunRows,
    experiment_pks: dict[str, int],
    existing: dict[str, int],
    touched: set[int],
) -> None:
    if not len(rows):
        return
    with store.engine.begin() as conn:
        writer = StoreWriter(conn, source_id)
        writer.write_rows(rows, experiment_pks, existing)
        changed = {experiment_pks[row[1]] for row in rows.runs}
        # Until the final refresh, missing keys mark these experiments as stale.
        writer.forget_experiment_keys(changed - touched)
        touched |= changed


def _ensure_source(store: Store, root: str) -> int:
    with store.engine.begin() as conn:
        return ensure_source(conn, "mlruns", root, source_name(root))


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
    generator = import_mlruns(store, path, **kwargs)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value
