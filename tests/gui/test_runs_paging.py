"""The runs table loads its rows in the background: scrolling, refreshing, copying."""

from __future__ import annotations

import threading

import pytest
import yaml
from mlflow import MlflowClient
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from sqlalchemy import event

from desktop.ui.runs_model import PAGE
from tests.benchmarks.synthetic import Shape, generate
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import import_by_drop

RUNS = 4 * PAGE + 37  # several pages, the last one partial (a few are deleted)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def many_runs(tmp_path_factory):
    """One experiment of RUNS MLflow-format runs."""
    shape = Shape(
        experiments=1, runs_per_experiment=RUNS, params=3, metrics=2, steps=3, tags=4
    )
    return generate(shape, tmp_path_factory.mktemp("paging") / "mlruns")


@pytest.fixture
def shown(qtbot, window, many_runs):
    """The window with the runs imported and shown."""
    import_by_drop(qtbot, window, many_runs)
    qtbot.waitUntil(lambda: window.runs.model.rowCount() > 4 * PAGE)
    wait_for_runs(qtbot, window)
    return window


@pytest.fixture
def gui_queries(shown):
    """SQL statements the store runs on the GUI thread, from now on."""
    gui = threading.get_ident()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if threading.get_ident() == gui:
            statements.append(statement)

    event.listen(shown.store.engine, "before_cursor_execute", record)
    yield statements
    event.remove(shown.store.engine, "before_cursor_execute", record)


def _source_name(root, model, row) -> str:
    """The run name MLflow wrote for the run shown at ``row``."""
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    run_id = next(
        line.split(": ", 1)[1] for line in tooltip.splitlines() if "Run ID" in line
    )
    (meta,) = root.glob(f"*/{run_id}/meta.yaml")
    return yaml.safe_load(meta.read_text())["run_name"]


def _shown_name(model, row) -> str:
    text = model.index(row, 0).data() or ""
    return text.removeprefix("↳ ")


def test_scrolling_to_the_end_loads_rows_off_the_gui_thread(
    qtbot, shown, gui_queries, many_runs
):
    table, model = shown.runs.table, shown.runs.model
    last = model.rowCount() - 1
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)
    assert table.currentIndex().row() == last
    qtbot.waitUntil(lambda: bool(model.index(last, 0).data()), timeout=10000)
    for row in (last, last - PAGE // 2, last - PAGE):
        table.scrollTo(model.index(row, 0))
        qtbot.waitUntil(lambda row=row: bool(_shown_name(model, row)))
        assert _shown_name(model, row) == _source_name(many_runs, model, row)
    assert gui_queries == []


def test_copy_takes_every_selected_row_even_those_never_shown(qtbot, shown):
    table, model = shown.runs.table, shown.runs.model
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    qtbot.waitUntil(lambda: bool(QGuiApplication.clipboard().text()))
    lines = QGuiApplication.clipboard().text().splitlines()
    assert len(lines) == model.rowCount() + 1
    column = lines[0].split("\t").index("Run Name")
    names = [line.split("\t")[column].removeprefix("↳ ") for line in lines[1:]]
    assert all(names)
    assert names[-1] == _shown_name(model, model.rowCount() - 1)


def test_a_refresh_keeps_rows_on_screen_until_the_new_values_arrive(
    qtbot, shown, many_runs, monkeypatch
):
    model = shown.runs.model
    top_pk = model.pk_at(0)
    old_name = _shown_name(model, 0)
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    client = MlflowClient(tracking_uri=many_runs.as_uri())
    run_id = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).split("Run ID: ")[1]
    client.set_tag(run_id.splitlines()[0], "mlflow.runName", "renamed-by-mlflow")
    # What the first cell shows while the folder is imported again.
    seen: list[str] = []
    timer = QTimer(shown)
    timer.setInterval(5)
    timer.timeout.connect(lambda: seen.append(_shown_name(model, model.row_of(top_pk))))
    timer.start()
    import_by_drop(qtbot, shown, many_runs)
    qtbot.waitUntil(
        lambda: _shown_name(model, model.row_of(top_pk)) == "renamed-by-mlflow"
    )
    timer.stop()
    assert old_name in seen
    assert "" not in seen  # never blank in between
