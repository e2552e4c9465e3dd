"""Runs with known params and metrics, written by real MLflow, for compare tests.

Two experiments: ``compare-a`` (20 runs) and ``compare-b`` (5 runs). In every run:

- ``driver`` (uniform 0..10) drives ``score = 3 * driver + noise(0.05)``;
- ``noise_a`` is uniform noise, ``lr`` log-uniform 1e-4..1e-1, ``optimizer`` one of
  adam/sgd/rmsprop; ``batch_size`` is always ``32`` and ``seed`` always ``7``;
- ``loss`` has 20 steps (``(1 + driver / 10) * exp(-0.1 * step)``), ``score`` 3 steps
  (the last is the value above), ``constant`` is 1.0; ``val_loss`` only in
  ``compare-a`` runs with an even index;
- tags ``team=vision`` (same everywhere) and ``note=run-<i>`` (all different).
"""

from __future__ import annotations

import math
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

BASE_MS = 1_760_000_000_000
LOSS_STEPS = 20


@dataclass
class WrittenRun:
    """What was logged to one run (the test oracle)."""

    run_id: str
    name: str
    experiment: str
    params: dict[str, str]
    latest: dict[str, float]
    tags: dict[str, str]
    history: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)


def write_compare_store(root: Path) -> list[WrittenRun]:
    """Write the two experiments under ``root`` (an ``mlruns`` folder)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric, Param, RunTag

    client = MlflowClient(tracking_uri=root.as_uri())
    rng = random.Random(11)
    written: list[WrittenRun] = []
    for experiment, count in (("compare-a", 20), ("compare-b", 5)):
        exp_id = client.create_experiment(experiment)
        for i in range(count):
            name = f"{experiment[-1]}-run-{i:02d}"
            start = BASE_MS + len(written) * 60_000
            run = client.create_run(exp_id, run_name=name, start_time=start)
            driver = rng.uniform(0, 10)
            params = {
                "driver": f"{driver:.6f}",
                "noise_a": f"{rng.uniform(0, 1):.6f}",
                "lr": f"{10 ** rng.uniform(-4, -1):.3g}",
                "optimizer": rng.choice(["adam", "sgd", "rmsprop"]),
                "batch_size": "32",
                "seed": "7",
            }
            score = 3 * driver + rng.gauss(0, 0.05)
            history: dict[str, list[tuple[int, int, float]]] = {
                "loss": [
                    (s, start + 1000 * (s + 1), (1 + driver / 10) * math.exp(-0.1 * s))
                    for s in range(LOSS_STEPS)
                ],
                "score": [
                    (0, start + 500, score / 3),
                    (1, start + 900, score / 2),
                    (2, start + 1500, score),
                ],
                "constant": [(0, start + 100, 1.0)],
            }
            if experiment == "compare-a" and i % 2 == 0:
                history["val_loss"] = [(0, start + 2000, 0.5 + driver / 20)]
            tags = {"team": "vision", "note": f"run-{i}"}
            metrics = [
                Metric(key, value, stamp, step)
                for key, points in history.items()
                for step, stamp, value in points
            ]
            client.log_batch(
                run.info.run_id,
                metrics=metrics,
                params=[Param(k, v) for k, v in params.items()],
                tags=[RunTag(k, v) for k, v in tags.items()],
            )
            client.set_terminated(run.info.run_id, "FINISHED", end_time=start + 30_000)
            written.append(
                WrittenRun(
                    run.info.run_id,
                    name,
                    experiment,
                    params,
                    {k: points[-1][2] for k, points in history.items()},
                    tags,
                    history,
                )
            )
    return written
