"""Team database benchmark: our direct read of a PostgreSQL tracking store against
a REST sync of the same data through ``mlflow server``.

Run from the repository root::

    uv run python -m tests.benchmarks.bench_team_db [shape options]

It starts a PostgreSQL server from the system's packages on loopback (a temp
folder, stopped at the end; see :mod:`tests.team_db.servers`), lets MLflow create
its schema there, and bulk-inserts the synthetic runs of
:mod:`tests.benchmarks.synthetic` (default 10 experiments x 1,000 runs = 10,000
runs, 5 metrics x 100 steps) exactly as ``SqlAlchemyStore.log_batch`` stores
them (the rows of :mod:`tests.benchmarks.bench_db`, sent with ``COPY``). Then:

(a) our direct import of ``postgresql://reader@...`` (a read-only role) into a
    fresh store, full metric histories;
(b) our re-import of the unchanged database (stamps only);
(c) our existing server import (REST) of ``mlflow server --backend-store-uri
    postgresql://...`` serving the same database into a fresh store, full
    histories;

and prints the times and the ratio (c) / (a). Use ``--runs-per-experiment`` and
``--steps`` for a smaller store.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import warnings
from pathlib import Path

from desktop.services.sources import run_source_import
from desktop.store.database import open_store
from tests.benchmarks.bench_db import _run_rows
from tests.benchmarks.synthetic import (
    add_shape_arguments,
    experiment_specs,
    iter_runs,
    shape_from_args,
)
from tests.team_db.servers import PostgresServer, pg_bindir

COLUMNS = {
    "runs": "run_uuid, name, source_type, source_name, entry_point_name, user_id, "
    "status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, "
    "experiment_id, deleted_time",
    "params": "key, value, run_uuid",
    "tags": "key, value, run_uuid",
    "metrics": "key, value, timestamp, run_uuid, step, is_nan",
    "latest_metrics": "key, value, timestamp, step, is_nan, run_uuid",
}


def write_pg(server: PostgresServer, database: str, shape, root: Path) -> None:
    """MLflow's schema (MLflow creates it), then the synthetic runs with COPY."""
    import psycopg
    from mlflow import MlflowClient

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        MlflowClient(tracking_uri=server.info.admin_uri(database)).search_experiments()
    with psycopg.connect(server.dsn(database)) as conn:
        # PostgreSQL's experiment_id is an int4: MLflow's random ids do not fit.
        for number, exp in enumerate(experiment_specs(shape), start=1):
            conn.execute(
                "INSERT INTO experiments (experiment_id, name, artifact_location, "
                "lifecycle_stage, creation_time, last_update_time) "
                "VALUES (%s, %s, %s, 'active', %s, %s)",
                (
                    number,
                    exp.name,
                    f"{root}/{exp.experiment_id}",
                    exp.creation_time,
                    exp.creation_time,
                ),
            )
            batch: dict[str, list[tuple]] = {table: [] for table in COLUMNS}
            for run in iter_runs(shape, exp):
                for table, rows in _run_rows(run, root).items():
                    if table == "runs":
                        rows = [(*r[:12], number, *r[13:]) for r in rows]
                    batch[table].extend(rows)
            with conn.cursor() as cursor:
                for table, columns in COLUMNS.items():
                    rows = batch[table]
                    if table in ("metrics", "latest_metrics"):  # is_nan: boolean
                        at = columns.split(", ").index("is_nan")
                        rows = [(*r[:at], bool(r[at]), *r[at + 1 :]) for r in rows]
                    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)
        conn.execute("ANALYZE")


def _timed(label: str, store_path: Path, location: str) -> tuple[float, object]:
    store = open_store(store_path)
    try:
        start = time.perf_counter()
        report = run_source_import(store, location)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    problems = report.problems[:3]
    print(
        f"  {label:<42} {seconds:8.2f} s   runs {report.runs_total:,} "
        f"({report.runs_read:,} read)   points {report.metric_points:,}"
        + (f"   problems: {problems}" if problems else "")
    )
    return seconds, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.bench_team_db", description=__doc__
    )
    add_shape_arguments(parser)
    args = parser.parse_args(argv)
    shape = shape_from_args(args)
    if pg_bindir() is None:
        print("PostgreSQL server binaries are not installed", file=sys.stderr)
        return 2
    from tests.server.mlflow_server import MlflowServer

    pg = PostgresServer()
    pg.start()
    try:
        pg.create_database("bench")
        with tempfile.TemporaryDirectory(prefix="bench-team-db-") as tmp:
            base = Path(tmp)
            print(f"shape: {shape.describe()}")
            start = time.perf_counter()
            write_pg(pg, "bench", shape, base / "mlruns")
            written = time.perf_counter() - start
            print(f"  {'write PostgreSQL (COPY)':<42} {written:8.2f} s")
            url = pg.info.reader_url("bench")
            direct, report = _timed(
                "(a) direct import, read-only role", base / "a.db", url
            )
            store = open_store(base / "a.db")
            try:
                start = time.perf_counter()
                again = run_source_import(store, url)
                reimport = time.perf_counter() - start
            finally:
                store.close()
            print(
                f"  {'(b) direct re-import, unchanged':<42} {reimport:8.2f} s   "
                f"{again.runs_unchanged:,} unchanged, {again.runs_read} read"
            )
            server = MlflowServer(
                base / "server", backend_uri=pg.info.admin_uri("bench")
            )
            server.start()
            try:
                rest, rest_report = _timed(
                    "(c) REST sync through mlflow server", base / "c.db", server.url
                )
            finally:
                server.kill()
            same = (report.runs_total, report.metric_points) == (
                rest_report.runs_total,
                rest_report.metric_points,
            )
            print(
                f"ratio REST sync / direct import: {rest / direct:.1f}x "
                f"(same runs and points: {same})"
            )
            return 0 if same else 1
    finally:
        pg.stop()


if __name__ == "__main__":
    sys.exit(main())
