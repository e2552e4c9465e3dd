"""Grouping runs in the table: the Group by menu, group rows with counts and metric
summaries, unfolding them, sorting by the group mean, comparing groups' runs."""

from __future__ import annotations

import statistics

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMenu

from desktop.core.columns import Column
from desktop.ui.main_window import MainWindow
from desktop.ui.run_name_delegate import ARROW
from desktop.ui.runs_model import FOLD_ROLE
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")
ACC = Column("metric", "acc")
NAME = Column("attribute", "run_name")
MODEL = Column("param", "model")


@pytest.fixture(scope="module")
def search_store(tmp_path_factory, store_template, search_mlruns):
    base = tmp_path_factory.mktemp("groups-gui")
    return prepared_store(store_template, base / "store.db", search_mlruns)


@pytest.fixture(scope="module")
def acc_by_model(search_mlruns):
    """MLflow's latest ``acc`` of the active runs, by their ``model`` param."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=search_mlruns.as_uri())
    [experiment] = client.search_experiments(filter_string="name = 'search'")
    found: dict[str, list[float]] = {}
    for run in client.search_runs([experiment.experiment_id], max_results=1000):
        found.setdefault(run.data.params["model"], []).append(run.data.metrics["acc"])
    return found


def open_window(qtbot, store) -> MainWindow:
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    wait_for_runs(qtbot, win, 39)
    win.runs.set_columns([NAME, ACC, MODEL])
    return win


def choose(menu: QMenu, *path: str) -> None:
    """Pick a menu entry as the user does (opening submenus on the way)."""
    for text in path:
        menu.aboutToShow.emit()
        action = next(a for a in menu.actions() if a.text() == text)
        if action.menu() is None:
            action.trigger()
            return
        menu = action.menu()
    raise AssertionError(f"{path} is a menu")


def labels(win) -> list[str]:
    model = win.runs.model
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


@pytest.fixture
def store(search_store, tmp_path):
    opened = fresh_store(search_store, tmp_path / "store.db")
    yield opened
    opened.close()


@pytest.fixture
def win(qtbot, store):
    window = open_window(qtbot, store)
    yield window
    window.importer.cancel()
    window.importer.wait()


def test_group_rows_count_and_sum_up_the_runs(qtbot, win, acc_by_model):
    panel = win.runs
    assert panel.group_button.text() == "Group by ▾"
    choose(panel.group_menu, "Param", "model")
    expected = {f"model: {m}  ({len(v)})" for m, v in acc_by_model.items()}
    qtbot.waitUntil(lambda: set(labels(win)) == expected, timeout=10000)
    assert panel.group_button.text() == "Grouped by model ▾"
    assert "39 of 39 runs" in win.counts_label.text()  # runs, not rows
    model = panel.model
    for row, label in enumerate(labels(win)):
        name = label.split(": ")[1].split("  (")[0]
        values = acc_by_model[name]
        cell = model.index(row, 1)
        mean, _, spread = str(cell.data()).partition("  ")
        assert float(mean) == pytest.approx(statistics.fmean(values), rel=1e-3)
        assert spread == f"[{min(values):.3g}, {max(values):.3g}]"
        assert "Standard deviation" in cell.data(Qt.ItemDataRole.ToolTipRole)
        assert model.index(row, 2).data() == name  # the grouping column's value
        assert model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole) is None


def test_a_group_unfolds_to_its_runs(qtbot, win, acc_by_model):
    panel = win.runs
    choose(panel.group_menu, "Param", "model")
    qtbot.waitUntil(lambda: len(labels(win)) == len(acc_by_model), timeout=10000)
    view = panel.table.frozen if panel.table.frozen_shown() else panel.table
    rect = view.visualRect(panel.model.index(0, 0))
    depth, state = panel.model.index(0, 0).data(FOLD_ROLE)
    assert (depth, state) == (0, False)
    arrow = QPoint(rect.left() + ARROW // 2, rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=arrow)
    size = int(labels(win)[0].rsplit("(", 1)[1].rstrip(")"))
    qtbot.waitUntil(lambda: len(labels(win)) == len(acc_by_model) + size)
    first_run = panel.model.index(1, 0)
    assert first_run.data(FOLD_ROLE) == (1, None)
    qtbot.waitUntil(lambda: panel.model.row_data(1) is not None)
    group_name = labels(win)[0].split(": ")[1].split("  (")[0]
    assert panel.model.index(1, 2).data() == group_name


def test_groups_sort_by_their_mean(qtbot, win, acc_by_model):
    panel = win.runs
    choose(panel.group_menu, "Param", "model")
    qtbot.waitUntil(lambda: len(labels(win)) == len(acc_by_model), timeout=10000)
    header = panel.table.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    best_first = sorted(
        acc_by_model, key=lambda m: statistics.fmean(acc_by_model[m]), reverse=True
    )
    qtbot.waitUntil(
        lambda: (
            [label.split(": ")[1].split("  (")[0] for label in labels(win)]
            == best_first
        ),
        timeout=10000,
    )


def test_selected_groups_compare_their_runs(qtbot, win, acc_by_model):
    panel = win.runs
    choose(panel.group_menu, "Param", "model")
    qtbot.waitUntil(lambda: len(labels(win)) == len(acc_by_model), timeout=10000)
    panel.table.selectRow(0)
    assert panel.compare_button.isEnabled()  # a group of several runs
    size = int(labels(win)[0].rsplit("(", 1)[1].rstrip(")"))
    with qtbot.waitSignal(panel.compare_requested) as blocker:
        qtbot.mouseClick(panel.compare_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0]) == size
    assert all(pk >= 0 for pk in blocker.args[0])
    assert f"{size} selected" in win.counts_label.text()


def test_two_levels_and_back_to_runs(qtbot, win, acc_by_model):
    panel = win.runs
    status = Column("attribute", "status")
    panel.set_columns([NAME, ACC, MODEL, status])  # both grouping columns shown
    choose(panel.group_menu, "Param", "model")
    qtbot.waitUntil(lambda: len(labels(win)) == len(acc_by_model), timeout=10000)
    choose(panel.group_menu, "Then by", "Status")
    qtbot.waitUntil(lambda: panel.group_button.text() == "Grouped by model, Status ▾")
    panel.grab()  # every cell painted: the outer groups have no status
    assert panel.model.index(0, 3).data() == ""
    panel.set_all_unfolded(True)
    qtbot.waitUntil(lambda: any(label.startswith("Status: ") for label in labels(win)))
    inner = labels(win).index(next(x for x in labels(win) if x.startswith("Status: ")))
    status_text = labels(win)[inner].split(": ")[1].split("  (")[0]
    assert panel.model.index(inner, 3).data() == status_text
    assert (
        panel.model.index(inner, 2).data()
        == labels(win)[0].split(": ")[1].split("  (")[0]
    )
    panel.grab()
    choose(panel.group_menu, "No grouping")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 39)
    assert panel.model.tree() is None


def test_the_grouping_is_remembered_per_experiment(qtbot, store, acc_by_model):
    first = open_window(qtbot, store)
    choose(first.runs.group_menu, "Param", "model")
    qtbot.waitUntil(lambda: len(labels(first)) == len(acc_by_model), timeout=10000)
    first.close()
    again = MainWindow(store, Settings())
    qtbot.addWidget(again)
    again.show()
    wait_for_runs(qtbot, again, 39)
    qtbot.waitUntil(lambda: len(labels(again)) == len(acc_by_model), timeout=10000)
    assert again.runs.group_button.text() == "Grouped by model ▾"
