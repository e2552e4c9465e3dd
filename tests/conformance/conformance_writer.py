"""Write a small but nasty MLflow FileStore with the real ``mlflow`` package.

Everything goes through MLflow's own client API, so the folder is exactly what users
have on disk. Needs ``MLFLOW_ALLOW_FILE_STORE=true`` in the environment.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field
from pathlib import Path

KOREAN_EXPERIMENT = "고객_이탈_예측"
EXPERIMENT_NOTE = "# 설명\n고객 이탈 **예측** 실험.\n"
MULTILINE_TAG = "first line\nsecond line\n"
# ~5200 characters on 100 lines (MLflow accepts param values up to 6000).
LONG_VALUE = "\n".join(f"line {i:03d}: " + "x" * 41 for i in range(100))
# A realistic base time (ms), so explicit timestamps are never taken for seconds.
T0 = 1_760_000_000_000
PNG_PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d494844520000000100000001080600"
    "00001f15c4890000000d49444154789c6360000002000001e221bc33"
    "0000000049454e44ae426082"
)


@dataclass
class Written:
    """Ids of what :func:`write_store` created, by role."""

    root: Path
    experiments: dict[str, str] = field(default_factory=dict)
    runs: dict[str, str] = field(default_factory=dict)
    models: dict[str, str] = field(default_factory=dict)


def write_store(root: Path, staging: Path) -> Written:
    """Create an ``mlruns`` FileStore at ``root`` (must not exist yet) through MLflow.

    ``staging`` is a scratch folder for artifact files before they are logged.
    """
    import mlflow

    previous = mlflow.get_tracking_uri() if mlflow.is_tracking_uri_set() else None
    uri = root.resolve().as_uri()
    mlflow.set_tracking_uri(uri)
    out = Written(root)
    try:
        with warnings.catch_warnings():
            # MLflow's hints about the toy data set and model are noise here.
            warnings.simplefilter("ignore")
            client = mlflow.MlflowClient(tracking_uri=uri)
            _main_experiment(mlflow, client, out, staging)
            _status_experiment(client, out)
            _renamed_experiment(client, out)
            _deleted_experiment(client, out)
            out.experiments["default"] = "0"
    finally:
        while mlflow.active_run() is not None:
            mlflow.end_run("KILLED")
        mlflow.set_tracking_uri(previous)
    return out


def _main_experiment(mlflow, client, out: Written, staging: Path) -> None:
    """The Korean experiment: a parent run with everything, children, a model."""
    import pandas as pd
    from mlflow.entities import Metric
    from sklearn.linear_model import LogisticRegression

    exp = client.create_experiment(
        KOREAN_EXPERIMENT,
        tags={"team": "데이터팀", "mlflow.note.content": EXPERIMENT_NOTE},
    )
    out.experiments["korean"] = exp
    frame = pd.DataFrame({"a": [1, 2, 3], "b": [0.5, 1.5, 2.5], "y": [0, 1, 0]})
    dataset = mlflow.data.from_pandas(frame, source="/data/churn.csv", name="churn")
    with mlflow.start_run(experiment_id=exp, run_name="부모 실행") as parent:
        rid = parent.info.run_id
        out.runs["parent"] = rid
        mlflow.log_params(
            {
                "lr": 0.01,
                "epochs": 100,
                "long": LONG_VALUE,
                "설명": "한국어 값",
                "opt/name": "adam",
                "batch size": "32",
            }
        )
        mlflow.set_tags({"한글태그": "값", "multi": MULTILINE_TAG, "a/b": "1"})
        mlflow.log_input(dataset, context="training")
        metrics = [Metric("loss", 1.0 / (i + 1), T0 + i * 10, i) for i in range(120)]
        metrics += [Metric("train/acc", i / 10, T0 + i, i) for i in range(5)]
        metrics += [
            Metric("weird", math.nan, T0, 0),
            Metric("weird", math.inf, T0 + 1, 1),
            Metric("weird", -math.inf, T0 + 2, 2),
            Metric("neg_step", 1.5, T0, -5),
            Metric("neg_step", 2.5, T0 + 1, -1),
            # The same step twice with different timestamps.
            Metric("twice", 1.0, T0 + 5, 3),
            Metric("twice", 2.0, T0 + 9, 3),
            # Ties on (step, timestamp): MLflow keeps the first maximum in file
            # order, and NaN never compares greater.
            Metric("tie_nan_first", math.nan, T0, 7),
            Metric("tie_nan_first", 5.0, T0, 7),
            Metric("tie_nan_last", 5.0, T0, 7),
            Metric("tie_nan_last", math.nan, T0, 7),
            Metric("tie_nan_last", 7.0, T0, 7),
            Metric("last_is_nan", 1.0, T0, 0),
            Metric("last_is_nan", math.nan, T0 + 1, 1),
        ]
        client.log_batch(rid, metrics=metrics)
        for step in range(3):  # 5-field metric lines
            mlflow.log_metric("val_loss", 0.5 - step / 10, step=step, dataset=dataset)
        _log_artifacts(mlflow, staging)
        with mlflow.start_run(experiment_id=exp, run_name="child-ok", nested=True) as c:
            out.runs["child"] = c.info.run_id
            mlflow.log_param("fold", 1)
            mlflow.log_metric("loss", 0.3)
        with mlflow.start_run(
            experiment_id=exp, run_name="child-failed", nested=True
        ) as c:
            out.runs["child_failed"] = c.info.run_id
            mlflow.log_metric("loss", math.inf)
            mlflow.end_run("FAILED")
        # An MLflow 3 logged model; log_model re-logs the run's metrics at the
        # model's step, which duplicates a line in the run's metric file.
        model = LogisticRegression().fit(frame[["a", "b"]], frame["y"])
        info = mlflow.sklearn.log_model(
            model,
            name="churn_model",
            params={"C": "1.0", "solver": "lbfgs"},
            tags={"stage": "candidate"},
            pip_requirements=["scikit-learn"],
            serialization_format=mlflow.sklearn.SERIALIZATION_FORMAT_CLOUDPICKLE,
            step=119,
        )
        out.models["sklearn"] = info.model_id
        mlflow.log_metric("auc", 0.91, model_id=info.model_id, dataset=dataset)
        mlflow.log_metric("model_nan", math.nan, model_id=info.model_id)


def _status_experiment(client, out: Written) -> None:
    """Runs of every status, a deleted run, seconds timestamps, a model input."""
    from mlflow.entities import LoggedModelInput, Metric, Param, RunTag

    exp = client.create_experiment("statuses")
    out.experiments["statuses"] = exp
    for status in ("FINISHED", "FAILED", "KILLED"):
        run = client.create_run(exp, run_name=status.lower())
        client.log_metric(run.info.run_id, "m", 1.0, timestamp=T0, step=0)
        client.set_terminated(run.info.run_id, status=status)
        out.runs[status.lower()] = run.info.run_id
    running = client.create_run(exp, run_name="still-running")  # never terminated
    client.log_param(running.info.run_id, "p", "v")
    client.log_metric(running.info.run_id, "m", 2.0, timestamp=T0, step=1)
    out.runs["running"] = running.info.run_id
    scheduled = client.create_run(exp, run_name="scheduled")
    client.update_run(scheduled.info.run_id, status="SCHEDULED")
    out.runs["scheduled"] = scheduled.info.run_id
    gone = client.create_run(exp, run_name="deleted-run")
    client.log_batch(
        gone.info.run_id, params=[Param("x", "1")], tags=[RunTag("why", "mistake")]
    )
    client.set_terminated(gone.info.run_id)
    client.delete_run(gone.info.run_id)
    out.runs["deleted"] = gone.info.run_id
    # Timestamps in seconds, as MLflow 1.0 clients wrote them.
    legacy = client.create_run(exp, run_name="legacy-seconds")
    client.log_batch(
        legacy.info.run_id,
        metrics=[Metric("old", float(i), 1_500_000_000 + i, i) for i in range(3)],
    )
    client.set_terminated(legacy.info.run_id)
    out.runs["legacy_seconds"] = legacy.info.run_id
    # A model created outside any run, then used as a run input.
    external = client.create_logged_model(
        exp, name="external", params={"k": "v"}, tags={"owner": "me"}
    )
    client.finalize_logged_model(external.model_id, "READY")
    out.models["external"] = external.model_id
    consumer = client.create_run(exp, run_name="consumer")
    client.log_inputs(
        consumer.info.run_id, models=[LoggedModelInput(external.model_id)]
    )
    client.set_terminated(consumer.info.run_id)
    out.runs["consumer"] = consumer.info.run_id


def _renamed_experiment(client, out: Written) -> None:
    """Renaming snapshots the tags into meta.yaml; the tag deleted later is gone."""
    exp = client.create_experiment("before-rename", tags={"old": "1", "keep": "2"})
    client.rename_experiment(exp, "renamed")
    client.delete_experiment_tag(exp, "old")
    out.experiments["renamed"] = exp


def _deleted_experiment(client, out: Written) -> None:
    """An experiment moved to ``.trash`` with its (now deleted) run."""
    exp = client.create_experiment("to-be-deleted", tags={"bye": "soon"})
    doomed = client.create_run(exp, run_name="doomed")
    client.log_metric(doomed.info.run_id, "m", 3.0, timestamp=T0, step=0)
    client.set_terminated(doomed.info.run_id)
    client.delete_experiment(exp)
    out.experiments["deleted"] = exp
    out.runs["doomed"] = doomed.info.run_id


def _log_artifacts(mlflow, staging: Path) -> None:
    (staging / "reports" / "sub").mkdir(parents=True)
    (staging / "pixel.png").write_bytes(PNG_PIXEL)
    (staging / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (staging / "reports" / "sub" / "x.txt").write_text("깊은 파일\n", encoding="utf-8")
    (staging / "empty.txt").write_bytes(b"")
    mlflow.log_artifacts(str(staging))
