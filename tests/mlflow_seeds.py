"""Runs of two learning rates over three seeds, written by the real MLflow.

For comparing groups: grouped by ``lr``, each group holds three seeds. Every
run logs a ``val_loss`` history and shares ``optimizer``; ``acc`` is missing from
one run, ``team`` differs within a group and one run failed.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

RATES = ("0.1", "0.01")
SEEDS = (0, 1, 2)
STEPS = 8
MISSING_ACC = ("0.01", 2)
"""The run (lr, seed) that never logged ``acc``."""
FAILED = ("0.1", 1)


def write_seed_runs(mlruns: Path):
    """Write the runs under ``mlruns``; return ``(client, experiment id)``."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param, RunTag

    client = MlflowClient(tracking_uri=mlruns.as_uri())
    exp = client.create_experiment("seeds")
    for rate in RATES:
        for seed in SEEDS:
            run = client.create_run(exp, run_name=f"lr{rate}-s{seed}")
            stamp = 1_750_000_000_000
            metrics = [
                Metric(
                    "val_loss",
                    math.exp(-float(rate) * 10 * step) + 0.01 * seed * seed,
                    stamp + step,
                    step,
                )
                for step in range(STEPS)
            ]
            if (rate, seed) != MISSING_ACC:
                acc = 0.9 - float(rate) + 0.013 * seed * seed
                metrics.append(Metric("acc", acc, stamp, 0))
            team = "vision" if rate == "0.1" or seed == 0 else "nlp"
            client.log_batch(
                run.info.run_id,
                metrics=metrics,
                params=[
                    Param("lr", rate),
                    Param("seed", str(seed)),
                    Param("optimizer", "adam"),
                ],
                tags=[RunTag("team", team)],
            )
            status = "FAILED" if (rate, seed) == FAILED else "FINISHED"
            client.set_terminated(run.info.run_id, status)
    return client, exp
