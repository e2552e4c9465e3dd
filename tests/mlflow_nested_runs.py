"""Nested runs written by real MLflow (``start_run(nested=True)``), as a sweep logs.

Experiment ``tuning`` in one ``mlruns`` folder, every run logging ``val_acc``
except ``sweep`` (a parent that logs only its search space):

- ``baseline`` 0.80 and ``lonely`` 0.83 (top level);
- ``sweep`` with children ``trial-0..4`` (0.70, 0.91, 0.85, 0.60, 0.88);
  ``trial-1`` has children ``fold-0`` 0.90 and ``fold-1`` 0.93;
- ``sweep-b`` 0.75 with children ``b-0`` 0.78 and ``b-1`` 0.79.

Start times follow the list (``baseline`` oldest), so the default order (newest
first) differs from every sort by ``val_acc``.
"""

from __future__ import annotations

import os
from pathlib import Path

ACC = {
    "baseline": 0.80,
    "trial-0": 0.70,
    "trial-1": 0.91,
    "fold-0": 0.90,
    "fold-1": 0.93,
    "trial-2": 0.85,
    "trial-3": 0.60,
    "trial-4": 0.88,
    "sweep-b": 0.75,
    "b-0": 0.78,
    "b-1": 0.79,
    "lonely": 0.83,
}
PARENT = {
    **{f"trial-{i}": "sweep" for i in range(5)},
    "fold-0": "trial-1",
    "fold-1": "trial-1",
    "b-0": "sweep-b",
    "b-1": "sweep-b",
}
"""Each nested run's parent, by run name."""


def write_nested_store(root: Path) -> dict[str, str]:
    """Write the ``tuning`` experiment under ``root``; return run ids by name."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow

    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(root.as_uri())
    ids: dict[str, str] = {}

    def run(name: str, nested: bool = False):
        active = mlflow.start_run(run_name=name, nested=nested)
        ids[name] = active.info.run_id
        if name in ACC:
            mlflow.log_metric("val_acc", ACC[name])
        return active

    try:
        mlflow.set_experiment("tuning")
        with run("baseline"):
            pass
        with run("sweep"):
            mlflow.log_param("space", "lr x depth")
            for i in range(5):
                with run(f"trial-{i}", nested=True):
                    mlflow.log_param("trial", i)
                    if i == 1:
                        for fold in range(2):
                            with run(f"fold-{fold}", nested=True):
                                mlflow.log_param("fold", fold)
        with run("sweep-b"):
            for i in range(2):
                with run(f"b-{i}", nested=True):
                    pass
        with run("lonely"):
            pass
    finally:
        mlflow.set_tracking_uri(previous)
        os.environ.pop("MLFLOW_EXPERIMENT_ID", None)
    return ids
