"""GUI fixtures: offscreen Qt, private settings, a store, MLflow-written runs."""

from __future__ import annotations

import functools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.ui.gc_guard import GuiThreadCollector
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import SETTINGS_ENV, Settings
from tests.mlflow_runs import write_search_store


@pytest.fixture(scope="package", autouse=True)
def _collect_on_the_gui_thread(qapp):
    """As in the app: garbage is collected on the GUI thread only (installed once
    for the GUI tests: its removal collects everything, over 0.3 s each time)."""
    collector = GuiThreadCollector()
    yield
    collector.uninstall()


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    """Keep every test's UI settings in its own temporary .ini file."""
    path = tmp_path / "settings.ini"
    monkeypatch.setenv(SETTINGS_ENV, str(path))
    assert Settings()._s.fileName() == str(path)
    return path


@pytest.fixture(scope="session")
def search_mlruns(tmp_path_factory):
    """A 40-run experiment written by MLflow (see tests/mlflow_runs.py)."""
    root = tmp_path_factory.mktemp("gui-search") / "project" / "mlruns"
    write_search_store(root)
    return root


FAST_TICK_MS = 50


@pytest.fixture
def fast_ticks(monkeypatch) -> int:
    """Windows built after this fixture (list it before ``window``) poll their
    sources for live refresh every ``FAST_TICK_MS``, not every 2 s."""
    from desktop.ui import live_refresh

    # The window imports it when its store opens (after the first paint).
    monkeypatch.setattr(
        live_refresh,
        "LiveRefresh",
        functools.partial(live_refresh.LiveRefresh, tick_ms=FAST_TICK_MS),
    )
    return FAST_TICK_MS


@pytest.fixture
def window(qtbot, store):
    """A main window on an empty store, shown offscreen."""
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    yield win
    win.importer.cancel()
    win.importer.wait()


def wait_for_runs(qtbot, win, count=None, timeout=15000):
    """Wait until the window settled (an import and the reloads after it, the runs
    query) and the table found ``count`` runs (child runs may be folded away)."""
    panel = win.runs

    def ready():
        assert not win.is_busy()
        assert not panel.is_busy()
        if count is not None:
            assert panel.model.match_count() == count

    qtbot.waitUntil(ready, timeout=timeout)
