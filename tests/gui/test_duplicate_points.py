"""MLflow 3's ``log_model`` repeats a run's step-0 metric line in an mlruns folder;
MLflow's file store returns the point twice, we keep it once (as MLflow's SQL store
does) and the "Points" column counts, and says, what we keep."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store import queries
from desktop.store.database import open_store
from desktop.ui.detail.metrics_page import POINTS_COLUMN, MetricsPage

WRITER = r"""
import json, sys
import mlflow
from mlflow import MlflowClient

class Echo(mlflow.pyfunc.PythonModel):
    def predict(self, context, model_input, params=None):
        return model_input

mlflow.set_tracking_uri(sys.argv[1])
with mlflow.start_run() as run:
    mlflow.log_metric("loss", 0.25)
    mlflow.log_metric("acc", 0.5, step=1)
    mlflow.log_metric("acc", 0.75, step=2)
    mlflow.pyfunc.log_model(name="model", python_model=Echo(), pip_requirements=[])
history = MlflowClient().get_metric_history(run.info.run_id, "loss")
print(json.dumps({
    "run_id": run.info.run_id,
    "experiment_id": run.info.experiment_id,
    "loss": [[m.step, m.timestamp, m.value] for m in history],
}))
"""


@pytest.fixture(scope="module")
def logged_model_run(tmp_path_factory) -> tuple[Path, dict]:
    """An mlruns folder where real MLflow 3 logged a metric, then a model."""
    root = tmp_path_factory.mktemp("dup-points") / "mlruns"
    # No MLFLOW_* left by tests that ran MLflow in this process (set_experiment
    # exports MLFLOW_EXPERIMENT_ID, an id this new folder does not have).
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLFLOW_")}
    env.update(MLFLOW_ALLOW_FILE_STORE="true", DO_NOT_TRACK="true")
    env["MLFLOW_DISABLE_TELEMETRY"] = "true"
    done = subprocess.run(
        [sys.executable, "-c", WRITER, root.as_uri()],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return root, json.loads(done.stdout.strip().splitlines()[-1])


def test_mlflow_repeats_the_point_and_we_keep_one(logged_model_run, qtbot) -> None:
    root, mlflow_view = logged_model_run
    lines = (
        (root / mlflow_view["experiment_id"] / mlflow_view["run_id"] / "metrics")
        .joinpath("loss")
        .read_text()
        .splitlines()
    )
    # What MLflow 3 wrote and what its file store returns: the same point twice.
    assert len(lines) == 2
    assert lines[0].split()[:3] == lines[1].split()[:3]
    assert len(mlflow_view["loss"]) == 2
    assert mlflow_view["loss"][0] == mlflow_view["loss"][1]

    store = open_store(root.parent / "store.db")
    try:
        run_import(store, root, workers=1)
        with store.engine.connect() as conn:
            (detail,) = queries.run_details(
                conn,
                queries.run_pks(conn, [e.pk for e in queries.list_experiments(conn)]),
            )
            history = queries.metric_histories(conn, detail.pk)["loss"]
        # Our decision: one point, the one that was logged.
        assert history.steps.tolist() == [mlflow_view["loss"][0][0]]
        assert history.timestamps.tolist() == [mlflow_view["loss"][0][1]]
        assert history.values.tolist() == [mlflow_view["loss"][0][2]]
        assert detail.metrics["loss"].count == 1

        page = MetricsPage(Catalog(store))
        qtbot.addWidget(page)
        page.show_metrics(detail.pk, detail.metrics)
        model = page.table.model
        points = {
            model.item(row, 0).text(): model.item(row, POINTS_COLUMN).text()
            for row in range(model.rowCount())
        }
        # acc has no line at the model's step (0) for log_model to repeat.
        assert points == {"acc": "2", "loss": "1"}
        tip = model.horizontalHeaderItem(POINTS_COLUMN).toolTip()
        assert "counts once" in tip
    finally:
        store.close()
