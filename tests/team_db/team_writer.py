"""Write a team tracking database on a real server with the real ``mlflow`` package.

The same nasty content as the ``mlflow.db`` of ``tests/db`` (params, metrics with
steps, tags, nested runs, deleted runs and experiments, datasets, a logged model,
a long history, a tag edited after the run ended), written through MLflow's own
SQL store on PostgreSQL or MariaDB.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path

from tests.conformance.conformance_writer import (
    Written,
    _deleted_experiment,
    _main_experiment,
    _renamed_experiment,
    _status_experiment,
)
from tests.db.db_writer import WrittenDb, _database_only


def write_team_db(uri: str, project: Path) -> WrittenDb:
    """Create MLflow's schema and runs at ``uri`` (artifacts in ``project/mlruns``)."""
    import mlflow

    project.mkdir(parents=True)
    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    written = Written(project / "mlruns")
    out = WrittenDb(project / "unused.db", written)
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
    return out
