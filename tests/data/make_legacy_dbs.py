"""Write a small MLflow SQLite tracking database with an OLD mlflow release.

The tests read these databases to prove that every schema from MLflow 1.x on
imports. Run it once per release in a throw-away environment; the committed
``tests/data/legacy_dbs/*`` were made from the repo root with (Python 3.11; the
pins keep each release importable there)::

    uv run --no-project --python 3.11 --with 'mlflow==1.0.0' \
        --with 'sqlalchemy<1.4' --with 'alembic<1.5' --with 'setuptools<70' \
        --with 'protobuf<3.21' \
        python tests/data/make_legacy_dbs.py tests/data/legacy_dbs/mlflow-1.0.0
    uv run --no-project --python 3.11 --with 'mlflow==1.30.1' \
        --with 'sqlalchemy<2' --with 'setuptools<70' \
        python tests/data/make_legacy_dbs.py tests/data/legacy_dbs/mlflow-1.30.1
    uv run --no-project --python 3.11 --with 'mlflow==2.22.0' \
        --with 'sqlalchemy<2.0.36' \
        python tests/data/make_legacy_dbs.py tests/data/legacy_dbs/mlflow-2.22.0

(1.0.0 also needs ``PROTOCOL_BUFFERS_PYTHON_IMPLEMENTATION=python``.)

The output folder (which must not exist) receives ``mlflow.db`` and, as MLflow's
default artifact root, ``mlruns/`` with one small artifact per run that logs one.
The script uses only client calls that exist in the release it runs under.
"""

from __future__ import annotations

import math
import os
import sys
import warnings
from pathlib import Path

T0 = 1_600_000_000_000  # explicit metric timestamps (ms)


def _version(mlflow) -> tuple[int, int]:
    major, minor = mlflow.__version__.split(".")[:2]
    return int(major), int(minor)


def _create_run(client, version, experiment_id, name, parent=None):
    tags = {}
    if parent is not None:
        tags["mlflow.parentRunId"] = parent
    if version >= (1, 28):
        run = client.create_run(experiment_id, tags=tags, run_name=name)
    else:  # before 1.28 the name lived only in the mlflow.runName tag
        tags["mlflow.runName"] = name
        run = client.create_run(experiment_id, tags=tags)
    return run.info.run_id


def main(out: str) -> None:
    """Write ``out/mlflow.db`` (and ``out/mlruns``) with the installed mlflow."""
    target = Path(out).resolve()
    target.mkdir(parents=True)
    os.chdir(target)  # the default artifact root is ./mlruns
    warnings.simplefilter("ignore")
    import mlflow
    from mlflow.tracking import MlflowClient

    version = _version(mlflow)
    client = MlflowClient(tracking_uri=f"sqlite:///{target / 'mlflow.db'}")
    scratch = target / "scratch"
    scratch.mkdir()
    notes = scratch / "notes.txt"
    notes.write_text(f"written by mlflow {mlflow.__version__}\n", encoding="utf-8")

    exp = client.create_experiment("legacy")
    if hasattr(client, "set_experiment_tag"):
        client.set_experiment_tag(exp, "team", "old-timers")
    parent = _create_run(client, version, exp, "parent")
    client.log_param(parent, "lr", "0.01")
    client.log_param(parent, "optimizer", "sgd")
    client.set_tag(parent, "stage", "first")
    client.set_tag(parent, "stage", "edited later")
    for step in range(12):
        client.log_metric(parent, "loss", 1.0 / (step + 1), T0 + step * 10, step)
        client.log_metric(parent, "acc", step / 12, T0 + step * 10, step)
    if version >= (1, 1):  # NaN and infinities are accepted from 1.1 on
        client.log_metric(parent, "huge", math.inf, T0, 0)
        client.log_metric(parent, "huge", -math.inf, T0 + 1, 1)
        client.log_metric(parent, "odd", math.nan, T0, 0)
        client.log_metric(parent, "odd", 2.5, T0 + 1, 1)
    else:  # 1.0 defaults the timestamp to *seconds*
        client.log_metric(parent, "default_time", 0.5)
    client.log_artifact(parent, str(notes))
    client.set_terminated(parent, "FINISHED")

    failed = _create_run(client, version, exp, "child-failed", parent)
    client.log_param(failed, "fold", "1")
    client.log_metric(failed, "loss", 0.7, T0 + 500, 0)
    client.set_terminated(failed, "FAILED")
    if version >= (1, 4):  # KILLED is allowed from 1.4 on
        killed = _create_run(client, version, exp, "child-killed", parent)
        client.set_terminated(killed, "KILLED")
    running = _create_run(client, version, exp, "still-running")
    client.log_metric(running, "loss", 3.0, T0 + 900, 0)
    gone = _create_run(client, version, exp, "deleted-run")
    client.log_param(gone, "x", "1")
    client.set_terminated(gone)
    client.delete_run(gone)

    if version >= (2, 4):  # datasets and inputs
        import pandas as pd

        frame = pd.DataFrame({"a": [1, 2, 3], "y": [0, 1, 0]})
        dataset = mlflow.data.from_pandas(frame, source="/data/old.csv", name="old")
        mlflow.set_tracking_uri(f"sqlite:///{target / 'mlflow.db'}")
        with mlflow.start_run(experiment_id=exp, run_name="with-dataset"):
            mlflow.log_input(dataset, context="training")
            mlflow.log_metric("rmse", 0.5, step=0)

    doomed_exp = client.create_experiment("deleted-experiment")
    doomed = _create_run(client, version, doomed_exp, "doomed")
    client.log_metric(doomed, "m", 1.0, T0, 0)
    client.set_terminated(doomed)
    client.delete_experiment(doomed_exp)

    notes.unlink()
    scratch.rmdir()
    print(f"mlflow {mlflow.__version__}: wrote {target / 'mlflow.db'}")


if __name__ == "__main__":
    main(sys.argv[1])
