"""Column chooser, CSV export of the matching runs, removing a source."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop.ui.dialogs import ColumnChooserDialog
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import click_experiment, column_of, import_by_drop

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def _open(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)


def test_column_chooser_shows_a_metric_maximum_and_hides_a_param(
    qtbot, window, search_mlruns
):
    _open(qtbot, window, search_mlruns)

    def tick_in_dialog():
        dialog = next(
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, ColumnChooserDialog) and w.isVisible()
        )
        for row in range(dialog.list.count()):
            item = dialog.list.item(row)
            ident = item.data(Qt.ItemDataRole.UserRole)
            if ident == "metric:max:acc":
                item.setCheckState(Qt.CheckState.Checked)
            if ident == "param:lr":
                item.setCheckState(Qt.CheckState.Unchecked)
        dialog.accept()

    QTimer.singleShot(100, tick_in_dialog)
    qtbot.mouseClick(window.runs.columns_button, Qt.MouseButton.LeftButton)
    titles = [
        window.runs.model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(window.runs.model.columnCount())
    ]
    assert "acc (max)" in titles
    assert "lr" not in titles
    col = column_of(window, "acc (max)")
    row = window.runs.model.row_data(0)
    assert window.runs.model.index(0, col).data() == f"{row.metrics['acc'][2]:.6g}"


def test_export_writes_every_matching_run(
    qtbot, window, search_mlruns, tmp_path, monkeypatch
):
    _open(qtbot, window, search_mlruns)
    window.runs.filter_edit.setText("params.model = 'rf'")
    window.runs.requery()
    wait_for_runs(qtbot, window)
    expected = {
        window.runs.model.row_data(r).run_id
        for r in range(window.runs.model.rowCount())
    }
    target = tmp_path / "runs.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "CSV (*.csv)")),
    )
    qtbot.mouseClick(window.runs.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: target.exists() and target.stat().st_size > 0, timeout=15000
    )
    qtbot.waitUntil(lambda: "runs written" in window.statusBar().currentMessage())
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {r["run_id"] for r in rows} == expected
    assert all(r["params.model"] == "rf" for r in rows)


def test_removing_a_source_empties_the_tree_but_not_the_folder(
    qtbot, window, search_mlruns, monkeypatch
):
    _open(qtbot, window, search_mlruns)
    before = sorted(p.name for p in search_mlruns.rglob("*"))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes),
    )
    source_id = window.experiments.proxy.index(0, 0).data(Qt.ItemDataRole.UserRole + 2)
    window.experiments.remove_requested.emit(source_id)
    qtbot.waitUntil(lambda: window.experiments.proxy.rowCount() == 0, timeout=15000)
    assert sorted(p.name for p in search_mlruns.rglob("*")) == before
