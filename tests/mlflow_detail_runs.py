"""Runs for the detail dock's charts and dataset fields, written by real MLflow."""

from __future__ import annotations

import os
from pathlib import Path

TRAIN_COLUMNS = {"tenure": "long", "monthly_charges": "double", "churned": "long"}


def write_chart_store(root: Path) -> dict[str, str]:
    """Write experiment ``charts``; return run ids by name.

    ``mixed`` logs single-point metrics that sort first (``accuracy``,
    ``auc``) and a 30-step ``loss``, and a pandas dataset input (context
    ``training``, targets ``churned``); ``single`` logs only ``accuracy`` = 0.93
    at step 0.
    """
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    import pandas as pd

    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(root.as_uri())
    try:
        mlflow.set_experiment("charts")
        frame = pd.DataFrame(
            {
                "tenure": [1, 24, 60, 5],
                "monthly_charges": [29.5, 56.0, 99.9, 70.1],
                "churned": [1, 0, 0, 1],
            }
        )
        ids = {}
        with mlflow.start_run(run_name="mixed") as run:
            mlflow.log_metric("accuracy", 0.91)
            mlflow.log_metric("auc", 0.88)
            for step in range(30):
                mlflow.log_metric("loss", 1.0 / (1 + step), step=step)
            dataset = mlflow.data.from_pandas(
                frame,
                source="s3://bucket/churn/train.csv",
                name="churn-train",
                targets="churned",
            )
            mlflow.log_input(dataset, context="training")
            ids["mixed"] = run.info.run_id
        with mlflow.start_run(run_name="single") as run:
            mlflow.log_metric("accuracy", 0.93)
            ids["single"] = run.info.run_id
        return ids
    finally:
        mlflow.set_tracking_uri(previous)
