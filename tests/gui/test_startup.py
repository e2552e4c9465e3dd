"""Start-up: the window is on screen before the tree, counts and rows load.

The GUI thread does no store query while the window is built and first painted;
the content arrives afterwards from the background. The start-up probe (what the
benchmark times) reports the first paint with content in a real launch.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from PySide6.QtCore import QEvent, QObject, QTimer
from sqlalchemy import event

from desktop.app import open_window
from desktop.services.importing import run_import
from desktop.startup_checks import open_store_checked
from desktop.store.peek import peek_store
from desktop.store.revision import StoreError
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.startup_probe import PROBE_ENV, PROBE_PREFIX
from tests.gui.conftest import wait_for_runs


class _FirstPaint(QObject):
    """Notes what the window held when it was first painted."""

    def __init__(self, window: MainWindow, painted: threading.Event) -> None:
        super().__init__()
        self.window = window
        self.painted = painted
        self.seen: tuple[int, int, str] | None = None

    def eventFilter(self, watched: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.Paint and self.seen is None:
            w = self.window
            self.seen = (
                w.runs.model.rowCount(),
                w.experiments.tree.model().rowCount(),
                w.counts_label.text(),
            )
            self.painted.set()
        return False


def test_the_window_paints_before_any_store_query_on_the_gui_thread(
    qtbot, store, search_mlruns
):
    run_import(store, search_mlruns, workers=1)
    gui_queries: list[str] = []
    painted = threading.Event()

    def on_query(_conn, _cursor, statement, *_args) -> None:
        if threading.current_thread() is threading.main_thread():
            if not painted.is_set():  # what the first paint would have waited on
                gui_queries.append(statement)
        else:  # background queries wait for the first paint: nothing can race it
            painted.wait(20)

    event.listen(store.engine, "before_cursor_execute", on_query)
    window = MainWindow(store, Settings())
    qtbot.addWidget(window)
    first = _FirstPaint(window, painted)
    window.installEventFilter(first)
    window.show()
    qtbot.waitUntil(lambda: first.seen is not None, timeout=10_000)
    window.removeEventFilter(first)
    assert gui_queries == []  # built and painted without waiting on the store
    assert first.seen == (0, 0, "")  # tree, rows and counts come after the paint
    wait_for_runs(qtbot, window, 39)
    assert window.experiments.tree.model().rowCount() > 0
    assert "39" in window.counts_label.text()
    window.importer.cancel()
    window.importer.wait()


def _launch(store_path, tmp_path) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        PROBE_ENV: "1",
        "MLFLOW_DESKTOP_SETTINGS": str(tmp_path / "launch.ini"),
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--store", str(store_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_the_probe_reports_the_welcome_page_of_an_empty_store(tmp_path, store):
    result = _launch(store.path, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{PROBE_PREFIX} welcome")


def test_the_probe_reports_the_first_rows(tmp_path, store, search_mlruns):
    run_import(store, search_mlruns, workers=1)
    result = _launch(store.path, tmp_path)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip()
    assert line.startswith(f"{PROBE_PREFIX} rows")
    if sys.platform.startswith("linux"):  # seconds since the process started
        assert 0 < float(line.split()[2]) < 300


def test_the_window_paints_from_a_glance_and_builds_its_panes_once_the_store_opens(
    qtbot, store, search_mlruns
):
    peek = peek_store(store.path)
    assert peek is not None
    assert peek.empty
    window = MainWindow(peek, Settings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.store is None
    assert window.welcome_shown()  # an empty store: the welcome page at once
    assert not window.refresh_action.isEnabled()  # nothing to refresh yet
    window.import_paths([str(search_mlruns)])  # before the store is open: waits
    assert not window.welcome_shown()
    with qtbot.waitSignal(window.store_attached):
        QTimer.singleShot(0, lambda: window.attach_store(store))
    assert window.refresh_action.isEnabled()
    wait_for_runs(qtbot, window, 39)  # the waiting folder was imported
    assert "39" in window.counts_label.text()
    window.importer.cancel()
    window.importer.wait()


def test_the_app_paints_first_then_opens_the_store_and_imports_the_paths(
    qtbot, store, search_mlruns
):
    errors: list[StoreError] = []
    argv = ["--store", str(store.path), str(search_mlruns)]
    window = open_window(argv, errors.append)
    qtbot.addWidget(window)
    assert window.store is None  # a glance was enough to build the window
    window.show()
    qtbot.waitUntil(lambda: window.store is not None, timeout=15_000)
    wait_for_runs(qtbot, window, 39)
    assert errors == []
    window.importer.cancel()
    window.importer.wait()
    window.store.close()


def test_a_store_that_cannot_open_after_the_paint_is_reported(
    qtbot, store, monkeypatch
):
    def refuse(_path):
        raise StoreError("the disk went away")

    monkeypatch.setattr("desktop.startup_checks.open_store_checked", refuse)
    errors: list[StoreError] = []
    window = open_window(["--store", str(store.path)], errors.append)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: errors != [], timeout=15_000)
    assert str(errors[0]) == "the disk went away"
    assert window.store is None
    assert window.welcome_shown()


def _table(window: MainWindow) -> list[list[str]]:
    model = window.runs.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _hold_the_store(monkeypatch) -> threading.Event:
    """Keep the store from opening until the returned event is set."""
    import desktop.ui.store_opening as opening

    release = threading.Event()
    real_open = opening._open

    def held(path):
        release.wait(30)
        return real_open(path)

    monkeypatch.setattr(opening, "_open", held)
    return release


def _launch_window(qtbot, store_path) -> MainWindow:
    errors: list[StoreError] = []
    window = open_window(["--store", str(store_path)], errors.append)
    qtbot.addWidget(window)
    window.show()
    return window


def _close(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.store is not None, timeout=15_000)
    wait_for_runs(qtbot, window)
    store = window.store
    window.close()
    store.close()


def test_a_launch_on_an_unchanged_store_shows_its_runs_before_the_store_opens(
    qtbot, store, search_mlruns, monkeypatch
):
    run_import(store, search_mlruns, workers=1)
    store.close()
    first = _launch_window(qtbot, store.path)
    qtbot.waitUntil(lambda: first.store is not None, timeout=15_000)
    wait_for_runs(qtbot, first, 39)
    shown, counts = _table(first), first.counts_label.text()
    _close(qtbot, first)

    release = _hold_the_store(monkeypatch)
    again = _launch_window(qtbot, store.path)
    qtbot.waitUntil(lambda: again.runs.model.rowCount() == 39, timeout=15_000)
    assert again.store is None  # the rows came before the store opened
    assert _table(again) == shown
    assert again.counts_label.text() == counts
    assert again.experiments.tree.model().rowCount() > 0
    assert not again.refresh_action.isEnabled()  # no import before the store
    release.set()
    qtbot.waitUntil(lambda: again.store is not None, timeout=15_000)
    wait_for_runs(qtbot, again, 39)  # read again from the store: the same
    assert _table(again) == shown
    _close(qtbot, again)


def test_a_launch_after_the_store_changed_waits_for_the_store(
    qtbot, store, search_mlruns, monkeypatch
):
    run_import(store, search_mlruns, workers=1)
    store.close()
    first = _launch_window(qtbot, store.path)
    _close(qtbot, first)
    changed = open_store_checked(store.path)
    run_import(changed, search_mlruns, workers=1)  # nothing new, but a sync
    changed.close()

    release = _hold_the_store(monkeypatch)
    again = _launch_window(qtbot, store.path)
    qtbot.waitUntil(lambda: again._tree_query.is_busy(), timeout=15_000)
    qtbot.waitExposed(again)
    assert again.runs.model.rowCount() == 0  # nothing from the old answers
    assert not again.stand_in.answered_early
    release.set()
    qtbot.waitUntil(lambda: again.store is not None, timeout=15_000)
    wait_for_runs(qtbot, again, 39)
    _close(qtbot, again)
