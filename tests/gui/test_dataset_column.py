"""The runs table's Dataset column, driven as a user drives it."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from desktop.ui.dialogs import ColumnChooserDialog
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import (
    click_experiment,
    click_header,
    column_of,
    import_by_drop,
)
from tests.mlflow_datasets import RUNS, write_dataset_runs


@pytest.fixture(scope="module")
def dataset_mlruns(tmp_path_factory):
    """``(mlruns folder, run ids by name)`` written by MLflow."""
    root = tmp_path_factory.mktemp("gui-datasets") / "mlruns"
    _exp, ids = write_dataset_runs(root.as_uri())
    return root, ids


def _cells(win, col) -> dict[str, str]:
    model = win.runs.model
    return {
        model.row_data(r).run_name: model.index(r, col).data()
        for r in range(model.rowCount())
    }


def test_the_dataset_column_shows_sorts_and_filters(qtbot, window, dataset_mlruns):
    root, _ids = dataset_mlruns
    import_by_drop(qtbot, window, root)
    click_experiment(qtbot, window, "datasets")
    wait_for_runs(qtbot, window, len(RUNS))
    col = column_of(window, "Dataset")  # shown by default: these runs have inputs
    model = window.runs.model
    tip = model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "datasets.name"
    cells = _cells(window, col)
    assert cells["train-and-eval"] in ("train, eval", "eval, train")
    assert cells["no-context"] == "Holdout"
    assert cells["no-datasets"] == ""

    click_header(qtbot, window, "Dataset")  # A to Z, runs without inputs last
    wait_for_runs(qtbot, window, len(RUNS))
    shown = [model.index(r, col).data() for r in range(model.rowCount())]
    assert shown[-1] == ""
    assert shown[:-1] == sorted(shown[:-1], key=str.lower)

    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    text = "datasets.context = 'evaluation' or datasets.name = 'Holdout'"
    qtbot.keyClicks(window.runs.filter_edit, text)
    wait_for_runs(qtbot, window, 2)
    assert not window.runs.filter_error.isVisible()
    client = MlflowClient(tracking_uri=root.as_uri())
    experiment = client.get_experiment_by_name("datasets").experiment_id
    expected = {
        r.info.run_name
        for clause in text.split(" or ")
        for r in client.search_runs([experiment], filter_string=clause)
    }
    assert set(_cells(window, col)) == expected == {"train-and-eval", "no-context"}


def test_the_column_chooser_lists_and_hides_the_dataset_column(
    qtbot, window, dataset_mlruns
):
    root, _ids = dataset_mlruns
    import_by_drop(qtbot, window, root)
    click_experiment(qtbot, window, "datasets")
    wait_for_runs(qtbot, window, len(RUNS))
    listed = []

    def untick_in_dialog():
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ColumnChooserDialog) and w.isVisible()
        )
        for row in range(dialog.list.count()):
            item = dialog.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == "dataset:name":
                listed.append(item.text())
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    QTimer.singleShot(100, untick_in_dialog)
    qtbot.mouseClick(window.runs.columns_button, Qt.MouseButton.LeftButton)
    assert listed == ["Dataset    dataset"]
    titles = [
        window.runs.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.runs.model.columnCount())
    ]
    assert "Dataset" not in titles
