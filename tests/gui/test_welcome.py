"""The first-run page: shown on an empty store, its buttons, the sample project."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.resources import resource_path
from desktop.store import queries
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

SAMPLE = resource_path("sample_project", "mlruns")


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_an_empty_store_shows_the_welcome_page(qtbot, window):
    qtbot.waitUntil(window.welcome_shown)
    page = window.welcome
    assert page.isVisible()
    assert not window.splitter.isVisible()
    assert not window.detail.isVisible()  # nothing to detail yet
    assert page.drop_label.text() == "Drag an mlruns folder or mlflow.db here"
    assert page.open_folder_button.text() == "Open folder…"
    assert page.open_database_button.text() == "Open database…"
    assert page.connect_server_button.text() == "Connect to server…"
    assert page.sample_button.text() == "Open the sample project"
    assert page.sample_button.isVisible()
    assert not page.recent.isVisible()  # no recent sources yet


def test_the_buttons_trigger_the_window_actions(qtbot, window, monkeypatch):
    qtbot.waitUntil(window.welcome_shown)
    asked = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        staticmethod(lambda *a, **k: asked.append("folder") or ""),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        staticmethod(lambda *a, **k: asked.append("database") or ("", "")),
    )
    page = window.welcome
    with qtbot.waitSignal(window.open_action.triggered):
        click(qtbot, page.open_folder_button)
    with qtbot.waitSignal(window.open_database_action.triggered):
        click(qtbot, page.open_database_button)
    assert asked == ["folder", "database"]
    with qtbot.waitSignal(window.connect_server_action.triggered):
        click(qtbot, page.connect_server_button)
    qtbot.waitUntil(lambda: window.connect_dialog.isVisible())
    window.connect_dialog.reject()
    assert window.welcome_shown()  # nothing was opened


def test_the_sample_project_opens_from_the_welcome_page(qtbot, window):
    qtbot.waitUntil(window.welcome_shown)
    with qtbot.waitSignal(window.import_finished, timeout=120_000) as blocker:
        click(qtbot, window.welcome.sample_button)
    report = blocker.args[0]
    assert not report.problems
    assert report.experiments >= 2
    assert report.runs_total >= 50
    qtbot.waitUntil(lambda: not window.welcome_shown())
    assert window.splitter.isVisible()
    assert not window.detail.isVisible()  # it takes no room before a run is picked
    # The churn experiment (the newest runs) is picked and its runs are listed.
    qtbot.waitUntil(lambda: bool(window.runs.experiment_pks), timeout=15_000)
    with window.store.engine.connect() as conn:
        experiments = {e.pk: e for e in queries.list_experiments(conn)}
        sources = queries.list_sources(conn)
    assert [s.location for s in sources] == [str(SAMPLE)]
    (picked,) = window.runs.experiment_pks
    assert experiments[picked].name == "고객_이탈_예측"
    wait_for_runs(qtbot, window, experiments[picked].run_count)
    names = {
        window.runs.model.row_data(r).run_name
        for r in range(window.runs.model.rowCount())
        if window.runs.model.row_data(r) is not None
    }
    assert {"rf_max_depth_10", "lgbm_lr_0.05", "rf_oversampled"} <= names
    # The sample is read, never written to, and is not a "recent source".
    assert str(SAMPLE) not in window.settings.recent_sources()


def test_the_welcome_page_returns_when_the_last_source_is_removed(
    qtbot, window, search_mlruns, monkeypatch
):
    qtbot.waitUntil(window.welcome_shown)
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_paths([str(search_mlruns)])
    qtbot.waitUntil(lambda: not window.welcome_shown())
    with window.store.engine.connect() as conn:
        (source,) = queries.list_sources(conn)
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.Yes)
    )
    window.remove_source(source.id)
    qtbot.waitUntil(window.welcome_shown, timeout=15_000)
    # The removed folder is offered again under Recent sources.
    assert window.welcome.recent.isVisible()
    assert window.welcome.recent_locations() == [str(search_mlruns)]


def test_a_recent_source_reopens_with_one_click(qtbot, store, search_mlruns):
    settings = Settings()
    settings.add_recent_source(str(search_mlruns))
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.welcome_shown)
    assert win.welcome.recent_locations() == [str(search_mlruns)]
    item = win.welcome.recent.item(0)
    rect = win.welcome.recent.visualItemRect(item)
    with qtbot.waitSignal(win.import_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(
            win.welcome.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
        )
    assert blocker.args[0].runs_total == 40
    qtbot.waitUntil(lambda: not win.welcome_shown())
    win.importer.wait()


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_welcome_page_follows_the_theme(qtbot, store, theme, restore_palette):
    settings = Settings()
    settings.set_theme(theme)
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(win.welcome_shown)
    zone = win.welcome.drop_zone.grab().toImage()
    inside = zone.pixelColor(zone.width() // 2, 8)
    assert (inside.lightness() < 100) == (theme == "dark")


@pytest.fixture
def restore_palette():
    yield
    from desktop.ui.theme import apply_palette

    apply_palette(False)
