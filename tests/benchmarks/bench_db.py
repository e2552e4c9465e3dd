"""Database benchmark: importing an ``mlflow.db`` against MLflow's own read.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_db [shape options] [--data-dir DIR]

It writes an MLflow 3.17 SQLite database with the synthetic runs of
:mod:`tests.benchmarks.synthetic` (default 10 experiments x 1,000 runs, 5 metrics x
100 steps: 5 million metric rows). MLflow itself creates the schema (so every table,
index and column is the real 3.17 one); the rows are then inserted in bulk, exactly
as ``SqlAlchemyStore.log_batch`` stores them (``latest_metrics`` included), since
logging 10,000 runs through the client takes far too long. Then, on a warm page cache:

(a) ``import_mlflow_db`` into a fresh store (full metric histories);
(b) re-import of the unchanged database into the same store;
(c) ``MlflowClient.search_runs`` over every experiment, all pages of 1,000 runs
    (MLflow's own read of params, tags and latest metrics; no histories).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
import warnings
from contextlib import closing
from pathlib import Path

from desktop.services.importing_db import run_db_import
from desktop.store.database import open_store
from tests.benchmarks.synthetic import (
    STATUS_NAMES,
    RunSpec,
    Shape,
    add_shape_arguments,
    experiment_specs,
    iter_runs,
    shape_from_args,
)


def _mlflow_schema(db: Path) -> None:
    from mlflow import MlflowClient

    MlflowClient(tracking_uri=f"sqlite:///{db}").search_experiments()


def _run_rows(run: RunSpec, root: Path) -> dict[str, list[tuple]]:
    status = STATUS_NAMES[run.status]
    uri = f"{root}/{run.experiment_id}/{run.run_id}/artifacts"
    rows: dict[str, list[tuple]] = {
        "runs": [
            (
                run.run_id,
                run.run_name,
                "UNKNOWN",
                "",
                "",
                run.user_id,
                status,
                run.start_time,
                run.end_time,
                "",
                run.lifecycle_stage,
                uri,
                int(run.experiment_id),
                run.deleted_time,
            )
        ],
        "params": [(k, v, run.run_id) for k, v in run.params.items()],
        "tags": [(k, v, run.run_id) for k, v in run.tags.items()],
        "metrics": [],
        "latest_metrics": [],
    }
    for key, points in run.metrics.items():
        rows["metrics"].extend(
            (key, value, ts, run.run_id, step, 0) for ts, value, step in points
        )
        ts, value, step = max(points, key=lambda p: (p[2], p[0], p[1]))
        rows["latest_metrics"].append((key, value, ts, step, 0, run.run_id))
    return rows


INSERTS = {
    "runs": "INSERT INTO runs (run_uuid, name, source_type, source_name, "
    "entry_point_name, user_id, status, start_time, end_time, source_version, "
    "lifecycle_stage, artifact_uri, experiment_id, deleted_time) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "params": "INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)",
    "tags": "INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)",
    "metrics": "INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    "latest_metrics": "INSERT INTO latest_metrics (key, value, timestamp, step, "
    "is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)",
}


def write_db(shape: Shape, db: Path) -> None:
    """MLflow's schema, then the synthetic experiments and runs in bulk."""
    _mlflow_schema(db)
    root = db.parent / "mlruns"
    with closing(sqlite3.connect(db)) as conn, conn:
        for exp in experiment_specs(shape):
            conn.execute(
                "INSERT INTO experiments (experiment_id, name, artifact_location, "
                "lifecycle_stage, creation_time, last_update_time) "
                "VALUES (?, ?, ?, 'active', ?, ?)",
                (
                    int(exp.experiment_id),
                    exp.name,
                    f"{root}/{exp.experiment_id}",
                    exp.creation_time,
                    exp.creation_time,
                ),
            )
            batch: dict[str, list[tuple]] = {table: [] for table in INSERTS}
            for run in iter_runs(shape, exp):
                for table, rows in _run_rows(run, root).items():
                    batch[table].extend(rows)
            for table, sql in INSERTS.items():
                conn.executemany(sql, batch[table])


def search_all_runs(db: Path) -> int:
    """MLflow's read: ``search_runs`` over every experiment, all pages."""
    from mlflow import MlflowClient
    from mlflow.entities import ViewType

    client = MlflowClient(tracking_uri=f"sqlite:///{db}")
    ids = [e.experiment_id for e in client.search_experiments(view_type=ViewType.ALL)]
    count, token = 0, None
    while True:
        page = client.search_runs(
            ids, run_view_type=ViewType.ALL, max_results=1000, page_token=token
        )
        count += len(page)
        token = page.token
        if not token:
            return count


def main(argv: list[str] | None = None) -> int:
    """Write the database, time (a) (b) (c) and print the figures."""
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.bench_db")
    add_shape_arguments(parser)
    parser.add_argument("--data-dir", type=Path, help="work here (default: temp)")
    args = parser.parse_args(argv)
    shape = shape_from_args(args)
    warnings.simplefilter("ignore")
    base = args.data_dir or Path(tempfile.mkdtemp(prefix="bench-db-"))
    base.mkdir(parents=True, exist_ok=True)
    db = base / "project" / "mlflow.db"
    db.parent.mkdir(exist_ok=True)
    if not db.exists():
        started = time.perf_counter()
        write_db(shape, db)
        print(f"wrote {db} in {time.perf_counter() - started:.1f} s")
    print(f"shape: {shape.describe()}; {db.stat().st_size / 1e6:.0f} MB")
    db.read_bytes()  # warm the page cache, untimed

    store_path = base / "store.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store_path}{suffix}").unlink(missing_ok=True)
    store = open_store(store_path)
    try:
        started = time.perf_counter()
        first = run_db_import(store, db)
        import_s = time.perf_counter() - started
        started = time.perf_counter()
        again = run_db_import(store, db)
        reimport_s = time.perf_counter() - started
    finally:
        store.close()
    assert first.problems == [], first.problems
    assert again.problems == [], again.problems
    assert first.runs_read == shape.runs
    assert again.runs_read == 0

    started = time.perf_counter()
    found = search_all_runs(db)
    mlflow_s = time.perf_counter() - started
    assert found == shape.runs

    print(
        f"(a) import_mlflow_db:        {import_s:7.2f} s  ({first.runs_read:,} runs, "
        f"{first.metric_points:,} metric points)"
    )
    print(
        f"(b) unchanged re-import:     {reimport_s:7.2f} s  "
        f"({again.runs_unchanged:,} unchanged, {again.runs_read} read)"
    )
    print(
        f"(c) MlflowClient.search_runs: {mlflow_s:6.2f} s  ({found:,} runs, "
        "latest values only)"
    )
    print(f"a/c = {import_s / mlflow_s:.2f}   b/a = {reimport_s / import_s:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
