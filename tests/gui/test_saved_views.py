"""Saved views: the filter, sort, columns and grouping kept under a name, switched
from the Views menu, remembered across launches, deleted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMenu

from desktop.core.columns import Column
from desktop.core.saved_view import SavedView, replace_view
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")
NAME = Column("attribute", "run_name")
ACC = Column("metric", "acc")
LOSS = Column("metric", "loss")
MODEL = Column("param", "model")


@pytest.fixture(scope="module")
def search_store(tmp_path_factory, store_template, search_mlruns):
    base = tmp_path_factory.mktemp("views-gui")
    return prepared_store(store_template, base / "store.db", search_mlruns)


@pytest.fixture
def store(search_store, tmp_path):
    opened = fresh_store(search_store, tmp_path / "store.db")
    yield opened
    opened.close()


def open_window(qtbot, store) -> MainWindow:
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    wait_for_runs(qtbot, win, 39)
    return win


def entries(menu: QMenu) -> list[str]:
    menu.aboutToShow.emit()
    return [a.text() for a in menu.actions() if a.text()]


def choose(menu: QMenu, *path: str) -> None:
    for text in path:
        menu.aboutToShow.emit()
        action = next(a for a in menu.actions() if a.text() == text)
        if action.menu() is None:
            action.trigger()
            return
        menu = action.menu()


def save_as(qtbot, win, monkeypatch, name: str) -> None:
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: (name, True))
    )
    choose(win.runs.views_menu, "Save view as…")


def sort_by(qtbot, win, column: int) -> None:
    header = win.runs.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def test_a_saved_view_comes_back_from_the_menu(qtbot, store, monkeypatch):
    win = open_window(qtbot, store)
    panel = win.runs
    panel.set_columns([NAME, ACC, MODEL])
    sort_by(qtbot, win, 1)
    qtbot.keyClicks(panel.filter_edit, "params.model = 'rf'")
    qtbot.keyClick(panel.filter_edit, Qt.Key.Key_Return)
    choose(panel.group_menu, "Param", "model")
    wait_for_runs(qtbot, win)
    found = panel.model.match_count()
    save_as(qtbot, win, monkeypatch, "rf by acc")
    assert entries(panel.views_menu)[1] == "rf by acc"
    # Everything changed...
    panel.set_columns([NAME, LOSS])
    panel.filter_edit.clear()
    choose(panel.group_menu, "No grouping")
    sort_by(qtbot, win, 1)
    wait_for_runs(qtbot, win, 39)
    # ...and back from the menu.
    choose(panel.views_menu, "rf by acc")
    wait_for_runs(qtbot, win, found)
    assert panel.filter_edit.text() == "params.model = 'rf'"
    assert panel.model.columns() == [NAME, ACC, MODEL]
    assert panel.group_by == (MODEL,)
    assert panel.sort_key == ACC.sort_key(True)
    assert panel.table.horizontalHeader().sortIndicatorSection() == 1
    panel.views_menu.aboutToShow.emit()
    checked = [a.text() for a in panel.views_menu.actions() if a.isChecked()]
    assert checked == ["rf by acc"]


def test_views_last_across_launches_and_can_be_deleted(qtbot, store, monkeypatch):
    first = open_window(qtbot, store)
    first.runs.set_columns([NAME, LOSS])
    save_as(qtbot, first, monkeypatch, "losses")
    first.runs.set_columns([NAME, ACC])
    save_as(qtbot, first, monkeypatch, "accuracy")
    save_as(qtbot, first, monkeypatch, "losses")  # same name: replaced in place
    first.close()
    again = open_window(qtbot, store)
    assert entries(again.runs.views_menu)[1:3] == ["losses", "accuracy"]
    choose(again.runs.views_menu, "Delete view", "losses")
    assert "losses" not in entries(again.runs.views_menu)
    # Also in View ▸ Saved views.
    view_menu = again.view_menu
    assert again.runs.views_menu.menuAction() in view_menu.actions()


def test_damaged_views_are_skipped():
    good = SavedView("a", "metrics.acc > 0.5", ("metric:latest:acc", True))
    assert SavedView.from_json(good.to_json()) == good
    for bad in (
        None,
        [],
        {"name": ""},
        {"name": "x", "sort": "acc"},
        {"name": "x", "columns": "all"},
        {"name": 3},
    ):
        assert SavedView.from_json(bad) is None
    views = replace_view([SavedView("a"), SavedView("b")], SavedView("a", "x"))
    assert [(v.name, v.filter) for v in views] == [("a", "x"), ("b", "")]


def test_a_view_keeps_the_charts_cards(qtbot, store, monkeypatch):
    from desktop.analysis.chart_cards import CardKind, CardSpec

    win = open_window(qtbot, store)
    panel = win.runs
    qtbot.mouseClick(panel.views.charts_button, Qt.MouseButton.LeftButton)
    charts = panel.views.charts
    qtbot.waitUntil(lambda: not charts.is_loading(), timeout=15000)
    first = [c.spec for c in charts.cards]
    assert first
    save_as(qtbot, win, monkeypatch, "default cards")
    charts.add_spec(CardSpec(CardKind.BAR, "acc"))
    charts.remove_card(charts.cards[0])
    assert [c.spec for c in charts.cards] != first
    choose(panel.views_menu, "default cards")
    qtbot.waitUntil(lambda: [c.spec for c in charts.cards] == first, timeout=15000)
