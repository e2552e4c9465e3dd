"""The charts view over more runs than the compare dialog draws one by one: lines
of a colour drawn together, painted as a picture of the view, still every run
hoverable and clickable."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from desktop.store.database import open_store
from desktop.ui.compare.curve_charts import MANY_RUNS
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.charts.test_charts_view import move_mouse, show_charts
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")

RUNS = MANY_RUNS + 20
STEPS = 12


@pytest.fixture(scope="module")
def many_template(tmp_path_factory, store_template):
    """A store with RUNS runs logged by MLflow: run ``i``'s ``level`` stays near
    ``i`` (lines apart), ``noise`` is random."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric

    base = tmp_path_factory.mktemp("charts-many")
    root = base / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    experiment = client.create_experiment("many")
    rng = np.random.default_rng(3)
    for i in range(RUNS):
        run = client.create_run(experiment, run_name=f"run-{i:03d}")
        metrics = [
            Metric(key, float(value), 1_760_000_000_000 + step, step)
            for key, values in (
                ("level", i + np.arange(STEPS) / (4 * STEPS)),
                ("noise", rng.random(STEPS)),
            )
            for step, value in enumerate(values)
        ]
        client.log_batch(run.info.run_id, metrics=metrics)
        client.set_terminated(run.info.run_id)
    return prepared_store(store_template, base / "store.db", root)


@pytest.fixture
def win(qtbot, tmp_path, many_template):
    fresh_store(many_template, tmp_path / "store.db").close()
    store = open_store(tmp_path / "store.db")
    window = MainWindow(store, Settings())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    wait_for_runs(qtbot, window, RUNS)
    yield window
    window.close()
    window.importer.cancel()
    window.importer.wait()
    store.close()


def test_many_runs_are_painted_as_a_picture_and_stay_clickable(qtbot, win):
    charts = show_charts(qtbot, win)
    card = next(c for c in charts.line_cards() if c.spec.metric == "level")
    assert card.curve_count() == RUNS
    assert card.raster is not None
    qtbot.waitUntil(lambda: card.raster.renders > 0, timeout=5000)
    runs = charts.runs
    target = runs.names.index("run-030")
    # The picture holds the run's line: its pixel at step 6 is painted.
    picture = card.raster.picture
    x, y = float(card.chart.x[target][6]), float(card.chart.y[target][6])
    rect = picture.rect
    column = int((x - rect.left()) / rect.width() * picture.image.width())
    row = int((y - rect.top()) / rect.height() * picture.image.height())
    painted = [
        picture.image.pixelColor(column, r).alpha()
        for r in range(max(0, row - 1), min(picture.image.height(), row + 2))
    ]
    assert max(painted) > 0
    # Hover and click find the run under the mouse among the grouped lines.
    scene = card.chart.plot.vb.mapViewToScene(QPointF(x, y))
    pos = card.graphics.mapFromScene(scene)
    move_mouse(card.graphics.viewport(), pos)
    qtbot.waitUntil(lambda: card.hover.text().startswith("run-030:"))
    qtbot.mouseClick(card.graphics.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    pk = runs.runs.pks[target]
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {pk})
    assert card.highlighted() == [target]
    # A filter leaves fewer lines.
    win.runs.filter_edit.setText("metrics.level < 10")
    qtbot.waitUntil(lambda: win.runs.model.match_count() == 10, timeout=10_000)
    qtbot.waitUntil(lambda: not charts.is_loading(), timeout=15_000)
    card = next(c for c in charts.line_cards() if c.spec.metric == "level")
    assert card.curve_count() == 10
    assert card.raster is None  # few runs: a line item each
