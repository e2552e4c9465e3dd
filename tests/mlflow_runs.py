"""A small file store written by real MLflow, shared by search and GUI tests."""

from __future__ import annotations

import math
import os
import random
from pathlib import Path


def write_search_store(root: Path, runs: int = 40) -> str:
    """Write ``runs`` runs with varied params, metrics and tags; return the exp id.

    Run ``i`` is named ``rf_max_depth_<i>`` (``LGBM_lr_<i>`` for every third run),
    ends FINISHED, FAILED or KILLED in turn, and run 11 is deleted. ``acc`` has two
    steps; ``loss`` is NaN for every fifth run and missing for some others.
    """
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("search")
    rng = random.Random(7)
    for i in range(runs):
        name = f"rf_max_depth_{i}" if i % 3 else f"LGBM_lr_{i}"
        run = client.create_run(exp, run_name=name, start_time=1_750_000_000_000 + i)
        rid = run.info.run_id
        client.log_param(rid, "max_depth", str(rng.choice([3, 9, 10, 12, 100])))
        client.log_param(rid, "model", rng.choice(["rf", "lgbm", "Rf_big"]))
        if i % 4:
            client.log_param(rid, "lr", rng.choice(["0.01", "0.05", "1e-3"]))
        client.log_metric(rid, "acc", rng.random(), step=0)
        client.log_metric(rid, "acc", rng.random(), step=1)
        if i % 5 == 0:
            client.log_metric(rid, "loss", math.nan)
        elif i % 7:
            client.log_metric(rid, "loss", rng.uniform(0, 2))
        client.set_tag(rid, "team", rng.choice(["vision", "Vision", "nlp"]))
        client.set_terminated(rid, ["FINISHED", "FAILED", "KILLED"][i % 3])
        if i == 11:
            client.delete_run(rid)
    return exp


LONG_PARAM = "layers=" + ",".join(str(n) for n in range(400))
DESCRIPTION = "# Best model\n\nTrained on **all** folds.\n\n- early stopping\n- AdamW"


def write_detail_store(root: Path) -> dict[str, str]:
    """Write a parent run with two children, for the run detail dock.

    The parent ``tuned`` has params (one 1,900 characters long), a 300-step ``loss``
    and ``acc`` with wall-clock timestamps, a Markdown description, git/source tags,
    a dataset input and stays RUNNING. Returns the run ids by name.
    """
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import pandas as pd
    from mlflow import MlflowClient
    from mlflow.data import from_pandas
    from mlflow.entities import DatasetInput, InputTag, Metric

    client = MlflowClient(tracking_uri=root.as_uri())
    exp = client.create_experiment("detail")
    parent = client.create_run(
        exp,
        run_name="tuned",
        start_time=1_750_000_000_000,
        tags={
            "mlflow.source.name": "train.py",
            "mlflow.source.type": "LOCAL",
            "mlflow.source.git.commit": "0123456789abcdef0123456789abcdef01234567",
            "mlflow.user": "jiwoo",
            "mlflow.note.content": DESCRIPTION,
            "team": "vision",
        },
    ).info.run_id
    client.log_param(parent, "lr", "0.001")
    client.log_param(parent, "optimizer", "adamw")
    client.log_param(parent, "architecture", LONG_PARAM)
    t0 = 1_750_000_000_000
    client.log_batch(
        parent,
        metrics=[
            Metric("loss", 2.0 / (1 + s) + 0.01 * math.sin(s), t0 + 1000 * s, s)
            for s in range(300)
        ]
        + [Metric("acc", 1 - 1.0 / (2 + s), t0 + 1000 * s + 7, s) for s in range(300)],
    )
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [0, 1, 0]})
    dataset = from_pandas(frame, source="data/train.csv", name="train-v3")
    client.log_inputs(
        parent,
        [
            DatasetInput(
                dataset._to_mlflow_entity(),
                [InputTag("mlflow.data.context", "training")],
            )
        ],
    )
    ids = {"tuned": parent}
    for i, name in enumerate(("fold-0", "fold-1")):
        child = client.create_run(
            exp,
            run_name=name,
            start_time=t0 + 10 + i,
            tags={"mlflow.parentRunId": parent},
        ).info.run_id
        client.log_metric(child, "loss", 0.5 + i, step=0)
        client.set_terminated(child, "FINISHED")
        ids[name] = child
    return ids
