"""Nested runs in the runs table: folded under their parents, unfolded by clicks
and keys, sorted by family, kept visible as context by filters."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog

from desktop.core.columns import Column
from desktop.ui.main_window import MainWindow
from desktop.ui.run_name_delegate import ARROW, INDENT
from desktop.ui.runs_model import FOLD_ROLE
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.mlflow_nested_runs import write_nested_store

pytestmark = pytest.mark.usefixtures("in_process_imports")
ACC = Column("metric", "val_acc")
NAME = Column("attribute", "run_name")
TOP_LEVEL_BY_ACC = ["sweep", "lonely", "baseline", "sweep-b"]


@pytest.fixture(scope="module")
def nested_store(tmp_path_factory, store_template):
    """A store file with the ``tuning`` experiment imported, and run ids by name."""
    base = tmp_path_factory.mktemp("nested-gui")
    ids = write_nested_store(base / "mlruns")
    return prepared_store(store_template, base / "store.db", base / "mlruns"), ids


@pytest.fixture
def win(qtbot, nested_store, tmp_path):
    """The window on the nested runs, sorted by ``val_acc`` (best first)."""
    store = fresh_store(nested_store[0], tmp_path / "store.db")
    window = MainWindow(store, Settings())
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    wait_for_runs(qtbot, window, 13)
    window.runs.set_columns([NAME, ACC])
    header = window.runs.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: names(window) == TOP_LEVEL_BY_ACC, timeout=10000)
    yield window
    window.importer.cancel()
    window.importer.wait()
    store.close()


def names(win) -> list[str]:
    model = win.runs.model
    rows = [model.row_data(r) for r in range(model.rowCount())]
    return [r.run_name if r is not None else "?" for r in rows]


def cell(win, name: str, column: int, role=Qt.ItemDataRole.DisplayRole):
    model = win.runs.model
    return model.index(names(win).index(name), column).data(role)


def click_arrow(qtbot, win, name: str) -> None:
    """Click the fold arrow in front of a run's name, where the user sees it."""
    table, model = win.runs.table, win.runs.model
    view = table.frozen if table.frozen_shown() else table
    index = model.index(names(win).index(name), 0)
    depth, _ = index.data(FOLD_ROLE)
    rect = view.visualRect(index)
    pos = QPoint(rect.left() + depth * INDENT + ARROW // 2, rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def click_name(qtbot, win, name: str) -> None:
    table, model = win.runs.table, win.runs.model
    view = table.frozen if table.frozen_shown() else table
    rect = view.visualRect(model.index(names(win).index(name), 0))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(rect.right() - 8, rect.center().y()),
    )


def test_children_are_folded_under_their_parents_with_counts(qtbot, win):
    assert cell(win, "sweep", 0) == "sweep  (7)"
    assert cell(win, "sweep-b", 0) == "sweep-b  (2)"
    assert cell(win, "lonely", 0) == "lonely"
    assert cell(win, "sweep", 0, FOLD_ROLE) == (0, False)
    assert cell(win, "lonely", 0, FOLD_ROLE) == (0, None)
    assert "7 runs below" in cell(win, "sweep", 0, Qt.ItemDataRole.ToolTipRole)
    # The status bar counts every run found, folded or not.
    assert "13 of 13 runs" in win.counts_label.text()


def test_a_folded_parent_shows_its_best_descendants_value(qtbot, win):
    # sweep logs no val_acc: it sits first for fold-1's 0.93, and says so.
    assert cell(win, "sweep", 1) == "0.93"
    assert cell(win, "sweep", 1, Qt.ItemDataRole.FontRole).italic()
    tip = cell(win, "sweep", 1, Qt.ItemDataRole.ToolTipRole)
    assert "Best of the 7 runs below: fold-1" in tip
    # sweep-b's own 0.75 is not its family's best (b-1, 0.79).
    assert cell(win, "sweep-b", 1) == "0.79"
    assert "own value: 0.75" in cell(win, "sweep-b", 1, Qt.ItemDataRole.ToolTipRole)
    assert cell(win, "lonely", 1) == "0.83"
    assert not cell(win, "lonely", 1, Qt.ItemDataRole.FontRole)
    # Unfolded, the parent shows its own value again.
    click_arrow(qtbot, win, "sweep-b")
    qtbot.waitUntil(lambda: "b-1" in names(win))
    assert cell(win, "sweep-b", 1) == "0.75"


def test_clicking_the_arrow_unfolds_children_in_sort_order(qtbot, win):
    click_arrow(qtbot, win, "sweep")
    qtbot.waitUntil(lambda: "trial-1" in names(win))
    assert names(win) == [
        "sweep",
        "trial-1",  # folded itself: fold-0 and fold-1 under it
        "trial-4",
        "trial-2",
        "trial-0",
        "trial-3",
        "lonely",
        "baseline",
        "sweep-b",
    ]
    assert cell(win, "trial-4", 0) == "trial-4"  # no ↳: indented instead
    assert cell(win, "trial-4", 0, FOLD_ROLE) == (1, None)
    assert win.runs.selected_pks() == set()  # the click folds, it does not select
    click_arrow(qtbot, win, "trial-1")
    qtbot.waitUntil(lambda: "fold-1" in names(win))
    assert names(win)[1:4] == ["trial-1", "fold-1", "fold-0"]
    assert cell(win, "fold-1", 0, FOLD_ROLE) == (2, None)
    click_arrow(qtbot, win, "sweep")
    qtbot.waitUntil(lambda: names(win) == TOP_LEVEL_BY_ACC)
    # Unfolded again, trial-1 is still unfolded.
    click_arrow(qtbot, win, "sweep")
    qtbot.waitUntil(lambda: "fold-0" in names(win))


def test_keys_fold_unfold_and_climb_to_the_parent(qtbot, win):
    table = win.runs.table
    click_name(qtbot, win, "sweep-b")
    assert table.currentIndex().column() == 0
    qtbot.keyClick(table, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: names(win)[-2:] == ["b-1", "b-0"])
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert win.runs.selected_pks() == {win.runs.model.pk_at(names(win).index("b-1"))}
    qtbot.keyClick(table, Qt.Key.Key_Left)  # a child: to its parent
    assert table.currentIndex().row() == names(win).index("sweep-b")
    qtbot.keyClick(table, Qt.Key.Key_Left)  # the parent: folds
    assert names(win) == TOP_LEVEL_BY_ACC
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    assert "b-0" in names(win)
    qtbot.keyClick(table, Qt.Key.Key_Minus)
    assert names(win) == TOP_LEVEL_BY_ACC


def test_a_filter_keeps_the_parents_of_matching_runs_as_context(qtbot, win):
    win.runs.filter_edit.setFocus()
    qtbot.keyClicks(win.runs.filter_edit, "metrics.val_acc > 0.9")
    qtbot.keyClick(win.runs.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: names(win) == ["sweep", "trial-1"], timeout=10000)
    # sweep did not match: grey, and says why it is there.
    assert cell(win, "sweep", 0, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(win, "trial-1", 0, Qt.ItemDataRole.ForegroundRole) is None
    tip = cell(win, "sweep", 0, Qt.ItemDataRole.ToolTipRole)
    assert "Shown because runs below it match the filter" in tip
    assert "2 of 13 runs" in win.counts_label.text()
    click_arrow(qtbot, win, "trial-1")
    qtbot.waitUntil(lambda: names(win) == ["sweep", "trial-1", "fold-1"])
    click_arrow(qtbot, win, "sweep")  # context can be folded too
    qtbot.waitUntil(lambda: names(win) == ["sweep"])


def test_a_run_opened_by_link_unfolds_its_parents(qtbot, win):
    click_name(qtbot, win, "sweep")
    children = win.detail.overview_page.fields["children"]
    qtbot.waitUntil(lambda: "trial-1" in children.text())
    rows = win.catalog.row_page(win.runs.model.matched_pks(), [NAME]).rows
    fold_0 = next(pk for pk, row in rows.items() if row.run_name == "fold-0")
    win.detail.run_link_activated.emit(fold_0)  # as a click on a run link does
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {fold_0})
    assert names(win)[:4] == ["sweep", "trial-1", "fold-1", "fold-0"]


def test_export_writes_the_folded_runs_too(
    qtbot, win, tmp_path, monkeypatch, nested_store
):
    target = tmp_path / "runs.csv"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(target), "CSV (*.csv)")),
    )
    qtbot.mouseClick(win.runs.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0)
    qtbot.waitUntil(lambda: "runs written" in win.statusBar().currentMessage())
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert {r["run_id"] for r in rows} == set(nested_store[1].values())


def test_child_runs_can_be_shown_flat(qtbot, win):
    win.runs.nested.trigger()  # View ▸ Child runs under parents
    qtbot.waitUntil(lambda: win.runs.model.rowCount() == 13)
    assert win.runs.model.tree() is None
    assert cell(win, "fold-1", 0) == "↳ fold-1"
    assert cell(win, "sweep", 1) == ""  # its own (no) value
    assert not Settings().flag("nested_runs", True)  # remembered
