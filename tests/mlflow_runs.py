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
