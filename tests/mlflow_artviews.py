"""Runs written by real MLflow with logged tables, step images and shared files.

Experiment ``artviews`` holds runs ``alpha``, ``beta`` and ``gamma``:

- ``mlflow.log_table`` → ``eval/predictions.json`` (columns ``id``, ``text``,
  ``label``, ``score``); the runs share some ids, in different orders, and
  ``gamma`` lacks one and has one of its own;
- ``mlflow.log_image(key="samples", step=...)`` at :data:`STEPS` (differing per
  run), each step a solid colour from :func:`step_colour`; ``alpha`` also logs key
  ``attention/head 1`` (a slash and a space in the key);
- ``plots/confusion_matrix.png`` in every run (one colour per run) and
  ``data/summary.csv`` in ``alpha`` and ``beta``;
- ``alpha`` has ``eval/broken.json``, a table file cut short.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

RUNS = ("alpha", "beta", "gamma")
STEPS = {"alpha": (0, 5, 10), "beta": (0, 5, 10, 15), "gamma": (0, 3, 12)}
IDS = {
    "alpha": ["q1", "q2", "q3", "q4"],
    "beta": ["q3", "q1", "q4", "q2"],
    "gamma": ["q2", "q5", "q1", "q3"],
}
RUN_COLOURS = {"alpha": (200, 30, 30), "beta": (30, 160, 40), "gamma": (30, 60, 200)}
BROKEN_TABLE = '{"columns": ["id", "score"], "data": [["q1", 0.5], ["q2"'
IMAGE_SIDE = 48


def step_colour(run: str, step: int) -> tuple[int, int, int]:
    """The solid colour of ``run``'s ``samples`` image at ``step``."""
    base = RUN_COLOURS[run]
    return (base[0], (base[1] + 12 * step) % 256, base[2])


def score(run: str, query: str) -> float:
    """The score column of ``run``'s row ``query``."""
    return round(0.5 + 0.1 * RUNS.index(run) + 0.01 * int(query[1:]), 4)


@dataclass(frozen=True)
class ArtviewsStore:
    """What was written: the tracking URI and run ids by name."""

    uri: str
    run_ids: dict[str, str]


def write_artviews(
    uri: str, scratch: Path, artifact_location: str | None = None
) -> ArtviewsStore:
    """Log the runs of the module docstring to the tracking store ``uri``
    (``artifact_location``: where the experiment keeps artifacts, for a
    ``sqlite:`` store, whose default is a folder in the working directory)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow
    import numpy as np

    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri(uri)
    scratch.mkdir(parents=True, exist_ok=True)
    run_ids: dict[str, str] = {}
    try:
        if artifact_location is not None:
            mlflow.MlflowClient(uri).create_experiment(
                "artviews", artifact_location=artifact_location
            )
        experiment = mlflow.set_experiment("artviews")
        for index, name in enumerate(RUNS):
            with mlflow.start_run(
                experiment_id=experiment.experiment_id, run_name=name
            ) as run:
                run_ids[name] = run.info.run_id
                mlflow.log_param("lr", 0.01 * (index + 1))
                mlflow.log_metric("accuracy", 0.8 + index / 20)
                mlflow.log_table(
                    {
                        "id": IDS[name],
                        "text": [f"question {q[1:]} ({name})" for q in IDS[name]],
                        "label": [int(q[1:]) % 2 for q in IDS[name]],
                        "score": [score(name, q) for q in IDS[name]],
                    },
                    artifact_file="eval/predictions.json",
                )
                for step in STEPS[name]:
                    pixels = np.zeros((IMAGE_SIDE, IMAGE_SIDE, 3), dtype=np.uint8)
                    pixels[:, :] = step_colour(name, step)
                    mlflow.log_image(pixels, key="samples", step=step)
                if name == "alpha":
                    for step in (1, 2):
                        pixels = np.full((20, 30, 3), 40 * step, dtype=np.uint8)
                        mlflow.log_image(pixels, key="attention/head 1", step=step)
                    broken = scratch / "broken.json"
                    broken.write_text(BROKEN_TABLE)
                    mlflow.log_artifact(str(broken), "eval")
                matrix = np.zeros((60, 80, 3), dtype=np.uint8)
                matrix[:, :] = RUN_COLOURS[name]
                mlflow.log_image(matrix, artifact_file="plots/confusion_matrix.png")
                if name != "gamma":
                    mlflow.log_text(
                        f"metric,value\naccuracy,{0.8 + index / 20}\n",
                        "data/summary.csv",
                    )
    finally:
        mlflow.set_tracking_uri(previous)
    return ArtviewsStore(uri, run_ids)


_shared: dict[str, tuple[Path, ArtviewsStore]] = {}


def shared_artviews_mlruns(tmp_path_factory) -> tuple[Path, ArtviewsStore]:
    """``(mlruns folder, what was written)``, written once per test session."""
    if "mlruns" not in _shared:
        base = tmp_path_factory.mktemp("mlflow-artviews")
        root = base / "mlruns"
        _shared["mlruns"] = (root, write_artviews(root.as_uri(), base / "scratch"))
    return _shared["mlruns"]
