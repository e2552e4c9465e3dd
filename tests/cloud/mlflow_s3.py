"""An S3-compatible server on loopback (moto's server mode) and runs whose
artifacts real MLflow logged there.

The file store under ``<tmp>/mlruns`` holds experiment ``cloud`` with
``artifact_location="s3://mlflow-bucket/team/cloud"``; its run ``s3-run`` logged
files (``log_artifact``, ``log_text``, ``log_dict``, ``log_image``, a nested
folder) and an sklearn model (MLflow 3 ``log_model``, under ``models/<id>``);
run ``s3-many`` holds a folder of more files than one listing page.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BUCKET = "mlflow-bucket"
PREFIX = "team/cloud"
MANY_FILES = 1_100  # more than S3's 1,000 keys per listing page
NOTES = "S3 notes\n한국어 메모: 정확도 0.93\n"


@dataclass
class S3Runs:
    """What :func:`write_s3_runs` logged."""

    root: Path
    endpoint: str
    experiment_id: str
    run_id: str
    many_run_id: str
    model_id: str
    artifact_uri: str


class S3Server:
    """moto's S3 server in a thread of this process, on a free loopback port."""

    def __init__(self) -> None:
        from moto.server import ThreadedMotoServer

        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self._server.start()
        host, port = self._server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"
        self.client().create_bucket(Bucket=BUCKET)

    def client(self):
        """A boto3 client of the server (moto accepts any keys)."""
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="setup",
            aws_secret_access_key="setup",
        )

    def stop(self) -> None:
        """Stop serving."""
        self._server.stop()


def s3_variables(endpoint: str) -> dict[str, str]:
    """The environment MLflow and the app use to reach ``endpoint`` (fake keys)."""
    return {
        "MLFLOW_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing-key-id",
        "AWS_SECRET_ACCESS_KEY": "testing-secret-key",
        "AWS_DEFAULT_REGION": "us-east-1",
    }


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """``values`` set in ``os.environ`` for the block."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        for name, value in values.items():
            patch.setenv(name, value)
        yield


def write_s3_runs(root: Path, endpoint: str) -> S3Runs:
    """Log the runs of the module docstring (call inside :func:`environment` of
    :func:`s3_variables`)."""
    return write_runs(root, f"s3://{BUCKET}/{PREFIX}", endpoint)


def write_runs(
    root: Path,
    location: str,
    endpoint: str,
    many_files: int = MANY_FILES,
    name: str = "s3",
) -> S3Runs:
    """The runs of the module docstring, with the experiment's artifacts at
    ``location`` (any store MLflow writes: ``s3://``, ``gs://``, ``wasbs://``)
    and run names starting with ``name`` instead of ``s3``."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    import numpy as np
    import pandas as pd
    from mlflow import MlflowClient
    from sklearn.linear_model import LogisticRegression

    uri = root.as_uri()
    client = MlflowClient(tracking_uri=uri)
    exp = client.create_experiment("cloud", artifact_location=location)
    scratch = root.parent / "scratch"
    (scratch / "nested" / "deeper").mkdir(parents=True)
    (scratch / "config.yaml").write_text("lr: 0.01\nepochs: 30\n")
    (scratch / "nested" / "deeper" / "summary.txt").write_text("deeply nested\n")
    (scratch / "weights.bin").write_bytes(bytes(range(256)) * 4096)  # 1 MiB
    frame = pd.DataFrame(
        np.random.default_rng(0).normal(size=(40, 2)), columns=["a", "b"]
    )
    y = (frame["a"] > 0).astype(int)
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(uri)
    try:
        mlflow.set_experiment(experiment_id=exp)
        with mlflow.start_run(run_name=f"{name}-run") as run:
            mlflow.log_param("lr", 0.01)
            mlflow.log_artifact(str(scratch / "config.yaml"))
            mlflow.log_artifact(str(scratch / "weights.bin"), artifact_path="bin")
            mlflow.log_artifacts(str(scratch / "nested"), artifact_path="nested")
            mlflow.log_text(NOTES, "notes/notes.txt")
            mlflow.log_dict({"accuracy": 0.93, "epochs": 30}, "summary.json")
            image = np.zeros((48, 64, 3), dtype=np.uint8)
            image[:, :32] = (47, 127, 216)
            mlflow.log_image(image, "images/gradient.png")
            info = mlflow.sklearn.log_model(
                LogisticRegression().fit(frame, y),
                name="classifier",
                input_example=frame.head(2),
                pip_requirements=["mlflow", "scikit-learn"],
            )
        with mlflow.start_run(run_name=f"{name}-many") as many:
            many_dir = scratch / "many"
            many_dir.mkdir()
            for i in range(many_files):
                (many_dir / f"part_{i:05d}.txt").write_text(f"{i}\n")
            mlflow.log_artifacts(str(many_dir), artifact_path="many")
    finally:
        mlflow.set_tracking_uri(previous)
    return S3Runs(
        root,
        endpoint,
        exp,
        run.info.run_id,
        many.info.run_id,
        info.model_id,
        client.get_run(run.info.run_id).info.artifact_uri,
    )


def log_to_s3(tracking_uri: str, experiment: str, location: str) -> tuple[str, str]:
    """In the MLflow store at ``tracking_uri`` (a database, a server), a run of a
    new experiment whose artifacts go to ``location``; ``(run id, artifact URI)``."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=tracking_uri)
    exp = client.create_experiment(experiment, artifact_location=location)
    run = client.create_run(exp, run_name=experiment).info.run_id
    client.log_text(run, NOTES, "notes/notes.txt")
    client.log_dict(run, {"source": experiment}, "summary.json")
    client.set_terminated(run)
    return run, client.get_run(run).info.artifact_uri
