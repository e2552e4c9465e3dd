"""Write an MLflow SQLite tracking database with the real ``mlflow`` package.

It holds the same nasty content as the FileStore of ``tests/conformance`` (written by
the same functions, through a ``sqlite:///`` tracking URI) plus what only a database
shows: a long history, a tag edited after the run ended, and a run whose ``name``
column is empty (as MLflow 1.29 and older wrote them).
"""

from __future__ import annotations

import contextlib
import sqlite3
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from tests.conformance.conformance_writer import (
    T0,
    Written,
    _deleted_experiment,
    _main_experiment,
    _renamed_experiment,
    _status_experiment,
)

LONG_STEPS = 5000


@dataclass
class WrittenDb:
    """The database, its artifact root and the ids :func:`write_db` created."""

    path: Path
    written: Written
    runs: dict[str, str] = field(default_factory=dict)

    @property
    def uri(self) -> str:
        return f"sqlite:///{self.path}"


def write_db(project: Path) -> WrittenDb:
    """Create ``project/mlflow.db`` (artifacts in ``project/mlruns``) through MLflow."""
    import mlflow

    project.mkdir(parents=True)
    db = project / "mlflow.db"
    uri = f"sqlite:///{db}"
    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    written = Written(project / "mlruns")
    out = WrittenDb(db, written)
    with contextlib.chdir(project), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mlflow.set_tracking_uri(uri)  # the default artifact root is ./mlruns
        try:
            client = mlflow.MlflowClient(tracking_uri=uri)
            _main_experiment(mlflow, client, written, project / "staging")
            _status_experiment(client, written)
            _renamed_experiment(client, written)
            _deleted_experiment(client, written)
            _database_only(client, out)
        finally:
            while mlflow.active_run() is not None:
                mlflow.end_run("KILLED")
            mlflow.set_tracking_uri(previous)
    written.experiments["default"] = "0"
    out.runs.update(written.runs)
    # An empty runs.name, as MLflow <= 1.29 left it (only the mlflow.runName tag).
    with contextlib.closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(
            "UPDATE runs SET name = '' WHERE run_uuid = ?", (out.runs["nameless"],)
        )
    return out


def _database_only(client, out: WrittenDb) -> None:
    from mlflow.entities import Metric

    exp = client.create_experiment("database-only", tags={"kind": "sql"})
    out.written.experiments["database_only"] = exp
    long = client.create_run(exp, run_name="long-history")
    points = [Metric("curve", 1.0 / (1 + s), T0 + s, s) for s in range(LONG_STEPS)]
    for start in range(0, LONG_STEPS, 1000):
        client.log_batch(long.info.run_id, metrics=points[start : start + 1000])
    client.set_terminated(long.info.run_id)
    out.runs["long"] = long.info.run_id
    edited = client.create_run(exp, run_name="tag-edited")
    client.set_tag(edited.info.run_id, "stage", "draft")
    client.set_terminated(edited.info.run_id)
    client.set_tag(edited.info.run_id, "stage", "final")
    out.runs["edited"] = edited.info.run_id
    nameless = client.create_run(exp, run_name="from-the-tag")
    client.log_param(nameless.info.run_id, "p", "1")
    client.set_terminated(nameless.info.run_id, "FINISHED")
    out.runs["nameless"] = nameless.info.run_id
