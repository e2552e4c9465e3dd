"""A file store written by real MLflow with every kind of artifact, for artifact tests.

Experiment ``artifacts`` holds:

- run ``demo`` with a PNG, a JPG, a GIF, a BMP and an SVG under ``images/``, a CSV of
  12,345 rows and a TSV under ``data/``, a nested ``reports/deep/nested/summary.txt``,
  a 3.6 MB ``logs/train.log``, a CP949 (Korean) text file, JSON, YAML, Markdown,
  HTML and binary files, links pointing outside the artifact folder (a file and a
  folder) and one staying inside, plus an sklearn model logged with MLflow 3's
  ``log_model`` (stored under ``<exp>/models/<id>/artifacts``);
- run ``legacy`` whose sklearn model (pickled) lives in its own artifacts and is
  listed in the MLflow 1.x/2.x ``mlflow.log-model.history`` tag, as MLflow 2 did it.

Experiment ``remote`` stores its artifacts in S3, so its run ``remote`` cannot be
shown offline.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

FEATURES = ("age", "income", "tenure")
REQUIREMENTS = ["mlflow", "scikit-learn"]
CSV_ROWS = 12_345
LOG_LINES = 45_000
KOREAN_TEXT = "한국어 텍스트 파일입니다.\n학습 로그: 정확도 0.93, 손실 0.12\n"
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="100" '
    'viewBox="0 0 160 100">'
    '<rect width="160" height="100" fill="#f3f6fb"/>'
    '<circle cx="50" cy="50" r="36" fill="#2f7fd8"/>'
    '<rect x="96" y="20" width="50" height="60" rx="6" fill="#2e9d4f"/>'
    "</svg>\n"
)
MARKDOWN = (
    "# Experiment notes\n\n"
    "The model reached **93% accuracy** on the validation split.\n\n"
    "- trained for 30 epochs\n- early stopping on `val_loss`\n\n"
    "See the [MLflow docs](https://mlflow.org/docs/latest/index.html).\n\n"
    "![remote chart](https://example.com/chart.png)\n\n"
    "| split | accuracy |\n|---|---|\n| train | 0.97 |\n| validation | 0.93 |\n"
)
HTML = (
    "<!DOCTYPE html>\n<html>\n<head><title>Report</title></head>\n<body>\n"
    "<h1>Evaluation report</h1>\n<p>Accuracy: 0.93</p>\n"
    "<script>document.title = 'executed';</script>\n</body>\n</html>\n"
)


SUMMARY = {
    "best_epoch": 27,
    "metrics": {"accuracy": 0.93, "f1": 0.91},
    "confusion": [[50, 3], [4, 43]],
    "notes": "minified on purpose",
}


@dataclass(frozen=True)
class ArtifactStore:
    """Where things are in the written store."""

    root: Path
    demo_run_id: str
    legacy_run_id: str
    remote_run_id: str
    model_id: str
    demo_artifacts: Path
    outside_file: Path


_shared: dict[str, ArtifactStore] = {}


def shared_artifact_store(tmp_path_factory) -> ArtifactStore:
    """The store written once per test session (MLflow is slow to import and log).

    Tests must not change it; copy it first.
    """
    if "store" not in _shared:
        root = tmp_path_factory.mktemp("mlflow-artifacts") / "project" / "mlruns"
        _shared["store"] = write_artifact_store(root)
    return _shared["store"]


def write_artifact_store(root: Path) -> ArtifactStore:
    """Write the store described in the module docstring under ``root``."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    import numpy as np
    import pandas as pd
    from mlflow import MlflowClient
    from sklearn.linear_model import LogisticRegression

    uri = root.as_uri()
    client = MlflowClient(tracking_uri=uri)
    exp = client.create_experiment("artifacts")
    X = np.random.default_rng(0).normal(size=(60, 3))
    y = (X[:, 0] + X[:, 1] > 0).astype(int)
    frame = pd.DataFrame(X, columns=list(FEATURES))
    model = LogisticRegression().fit(frame, y)

    demo = client.create_run(exp, run_name="demo").info.run_id
    _log_files(client, demo, root.parent / "scratch")
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(uri)
    try:
        # Another fixture's set_experiment() may still be the active one.
        mlflow.set_experiment(experiment_id=exp)
        with mlflow.start_run(run_id=demo):
            info = mlflow.sklearn.log_model(
                model,
                name="classifier",
                input_example=frame.head(3),
                pip_requirements=REQUIREMENTS,
            )
    finally:
        mlflow.set_tracking_uri(previous)
    client.set_terminated(demo)

    legacy = client.create_run(exp, run_name="legacy").info.run_id
    legacy_model = LogisticRegression().fit(X, y)
    _log_legacy_model(client, legacy, legacy_model, X, root.parent / "scratch")
    client.set_terminated(legacy)

    remote_exp = client.create_experiment(
        "remote", artifact_location="s3://ml-bucket/experiments/remote"
    )
    remote = client.create_run(remote_exp, run_name="remote").info.run_id
    client.set_terminated(remote)

    artifacts = _local(client.get_run(demo).info.artifact_uri)
    outside = root.parent / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("not for the artifact viewer\n", encoding="utf-8")
    os.symlink(secret, artifacts / "escape.txt")
    os.symlink(outside, artifacts / "escape_dir", target_is_directory=True)
    os.symlink("README.md", artifacts / "readme_link.md")
    return ArtifactStore(root, demo, legacy, remote, info.model_id, artifacts, secret)


def _local(uri: str) -> Path:
    return Path(unquote(urlparse(uri).path))


def _log_files(client, run_id: str, scratch: Path) -> None:
    import numpy as np

    rows, cols = np.mgrid[0:96, 0:160]
    image = np.stack(
        [rows * 255 // 95, cols * 255 // 159, np.full_like(rows, 180)], axis=-1
    ).astype(np.uint8)
    for name in ("gradient.png", "photo.jpg", "anim.gif", "bitmap.bmp"):
        client.log_image(run_id, image, artifact_file=f"images/{name}")
    client.log_text(run_id, SVG, "images/diagram.svg")
    lines = ["step,loss,accuracy,split"]
    lines.append('0,1.0,0.5,"train, fold 1"')
    lines += [
        f"{i},{1 / (i + 1):.6f},{1 - 1 / (i + 2):.6f},train" for i in range(1, CSV_ROWS)
    ]
    client.log_text(run_id, "\n".join(lines) + "\n", "data/metrics.csv")
    tsv = ["feature\timportance"] + [f"f{i}\t{1 / (i + 1):.4f}" for i in range(50)]
    client.log_text(run_id, "\n".join(tsv) + "\n", "data/importance.tsv")
    client.log_text(run_id, "deeply nested\n", "reports/deep/nested/summary.txt")
    log = [
        f"2026-01-01 12:{i // 6000 % 60:02d}:{i // 100 % 60:02d} INFO step {i:06d} "
        f"loss={1 / (i + 1):.6f} acc={1 - 1 / (i + 2):.6f} lr=0.001"
        for i in range(LOG_LINES)
    ]
    client.log_text(run_id, "\n".join([*log, "END OF LOG"]) + "\n", "logs/train.log")
    client.log_dict(
        run_id,
        {"learning_rate": 0.001, "layers": [64, 32], "name": "모델"},
        "config/params.json",
    )
    client.log_dict(run_id, {"optimizer": "adam", "epochs": 30}, "config/settings.yaml")
    client.log_text(run_id, json.dumps(SUMMARY), "config/summary.json")
    client.log_text(run_id, MARKDOWN, "README.md")
    client.log_text(run_id, HTML, "report.html")
    scratch.mkdir(parents=True, exist_ok=True)
    korean = scratch / "korean_cp949.txt"
    korean.write_bytes(KOREAN_TEXT.encode("cp949"))
    client.log_artifact(run_id, str(korean), "notes")
    blob = scratch / "weights.bin"
    blob.write_bytes(bytes(range(256)) * 64)
    client.log_artifact(run_id, str(blob), "bin")
    empty = scratch / "empty.txt"
    empty.write_bytes(b"")
    client.log_artifact(run_id, str(empty), "notes")


def _log_legacy_model(client, run_id: str, model, X, scratch: Path) -> None:
    """Log a model the MLflow 1.x/2.x way: in the run's artifacts plus the
    ``mlflow.log-model.history`` tag (written by MLflow's own FileStore)."""
    import mlflow
    from mlflow.models import Model

    scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=scratch) as tmp:
        path = os.path.join(tmp, "model")
        mlflow.sklearn.save_model(
            model,
            path,
            serialization_format="cloudpickle",
            input_example=X[:2],
            pip_requirements=REQUIREMENTS,
        )
        client.log_artifacts(run_id, path, "model")
        saved = Model.load(path)
        saved.run_id = run_id
        saved.artifact_path = "model"
        client._record_logged_model(run_id, saved)
