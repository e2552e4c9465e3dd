"""Live refresh: a training process writes while the app is open; the app follows.

A separate Python process logs with the real ``mlflow`` package (to an ``mlruns``
folder and to an ``mlflow.db``); nobody touches the app, and the runs table, the
metric chart and the run's status catch up on their own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from mlflow import MlflowClient

from tests.gui.conftest import FAST_TICK_MS, wait_for_runs
from tests.gui.test_main_window import click_experiment
from tests.gui.test_run_detail import select_run

WRITER = """
import sys
from mlflow import MlflowClient

uri, run_id, experiment_id = sys.argv[1:4]
client = MlflowClient(tracking_uri=uri)
for step in range(10, 20):
    client.log_metric(run_id, "acc", 0.5 + step / 100, step=step)
late = client.create_run(experiment_id, run_name="late-arrival")
client.log_metric(late.info.run_id, "acc", 0.1, step=0)
client.set_terminated(late.info.run_id)
client.set_terminated(run_id, "FINISHED")
"""


def write_training(uri: str) -> tuple[str, str]:
    """A finished baseline and a RUNNING run with ten ``acc`` points."""
    client = MlflowClient(tracking_uri=uri)
    experiment_id = client.create_experiment("live")
    baseline = client.create_run(experiment_id, run_name="baseline")
    client.log_metric(baseline.info.run_id, "acc", 0.4, step=0)
    client.set_terminated(baseline.info.run_id)
    training = client.create_run(experiment_id, run_name="training")
    for step in range(10):
        client.log_metric(training.info.run_id, "acc", 0.5 + step / 100, step=step)
    return training.info.run_id, experiment_id


@pytest.fixture
def file_store(tmp_path, monkeypatch):
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    root = tmp_path / "project" / "mlruns"
    root.mkdir(parents=True)
    uri = root.as_uri()
    run_id, experiment_id = write_training(uri)
    return str(root), uri, run_id, experiment_id


@pytest.fixture
def db_store(tmp_path):
    path = tmp_path / "project" / "mlflow.db"
    path.parent.mkdir(parents=True)
    uri = f"sqlite:///{path}"
    run_id, experiment_id = write_training(uri)
    return str(path), uri, run_id, experiment_id


@pytest.mark.slow  # a writer process with real MLflow
@pytest.mark.parametrize("source", ["file_store", "db_store"])
def test_changes_written_by_another_process_appear(
    qtbot, fast_ticks, window, source, request
):
    location, uri, run_id, experiment_id = request.getfixturevalue(source)
    assert window.live_refresh_action.isChecked()  # on by default
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.import_paths([location])
    click_experiment(qtbot, window, "live")
    wait_for_runs(qtbot, window, 2)
    select_run(qtbot, window, "training")
    chart = window.detail.metrics_page.chart
    qtbot.waitUntil(lambda: len(chart.histories().get("acc", ())) == 10, timeout=10000)
    assert "RUNNING" in window.detail.overview_page.field_text("status")

    env = dict(os.environ, MLFLOW_ALLOW_FILE_STORE="true")
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, uri, run_id, experiment_id], env=env
    )
    qtbot.waitUntil(lambda: writer.poll() is not None, timeout=120000)
    assert writer.returncode == 0

    # No click, no refresh: the table, the chart and the status follow.
    wait_for_runs(qtbot, window, 3, timeout=20000)
    names = {
        window.runs.model.row_data(row).run_name
        for row in range(window.runs.model.rowCount())
        if window.runs.model.row_data(row)
    }
    assert "late-arrival" in names
    qtbot.waitUntil(lambda: len(chart.histories().get("acc", ())) == 20, timeout=20000)
    _x, y = chart.curve("acc").getData()
    assert y[-1] == pytest.approx(0.69)
    qtbot.waitUntil(
        lambda: "FINISHED" in window.detail.overview_page.field_text("status"),
        timeout=20000,
    )


def test_live_refresh_can_be_switched_off(qtbot, fast_ticks, window, file_store):
    location, uri, _run_id, experiment_id = file_store
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.import_paths([location])
    click_experiment(qtbot, window, "live")
    wait_for_runs(qtbot, window, 2)
    window.live_refresh_action.trigger()  # View ▸ Live refresh, off
    assert not window.live_refresh.is_enabled()
    assert not window.settings.flag("live_refresh", True)

    client = MlflowClient(tracking_uri=uri)
    client.create_run(experiment_id, run_name="unseen")
    # A negative check needs time: ten ticks would have passed.
    qtbot.wait(10 * FAST_TICK_MS)
    assert window.runs.model.rowCount() == 2

    window.live_refresh_action.trigger()  # on again
    wait_for_runs(qtbot, window, 3, timeout=20000)


@pytest.mark.parametrize(
    ("apply_seconds", "most", "least"), [(0.2, 0.3, 2), (0.0, 0.1, 20)]
)
def test_an_expensive_source_gets_at_most_a_quarter_of_the_time(
    qtbot, store, file_store, monkeypatch, apply_seconds, most, least
):
    """A source whose refresh takes long (a big database that training keeps
    changing) is polled less often; cheap sources are still polled every tick."""
    from desktop.services import live_poller
    from desktop.services.catalog import Catalog
    from desktop.services.import_pipeline import ImportReport
    from desktop.services.live import Due
    from desktop.services.sources import run_source_import
    from desktop.ui import live_refresh

    run_source_import(store, file_store[0])
    cycles: list[tuple[float, float]] = []

    class AlwaysChanged:
        def poll(self) -> Due:
            return Due(empty=False)

        def apply(self, _changes: Due) -> ImportReport:
            started = time.monotonic()
            time.sleep(apply_seconds)
            cycles.append((started, time.monotonic()))
            return ImportReport(None, file_store[0])

    monkeypatch.setattr(live_poller, "make_watcher", lambda *_: AlwaysChanged())
    refresh = live_refresh.LiveRefresh(Catalog(store), tick_ms=20)
    began = time.monotonic()
    refresh.set_enabled(True)
    # Enough cycles that the share of busy time is measured over whole rests (at
    # 0.2 s a cycle: a cycle, then at least 0.8 s of rest, four times).
    qtbot.waitUntil(lambda: len(cycles) >= max(least, 4), timeout=30000)
    refresh.shutdown()
    qtbot.waitUntil(lambda: not refresh.is_busy())
    busy = sum(end - start for start, end in cycles)
    assert len(cycles) >= least
    assert busy / (time.monotonic() - began) <= most
