"""Light and dark themes: View ▸ Theme, the system's scheme, plots that follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from desktop.ui import theme as theme_module
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.theme import Theme, apply_palette
from tests.gui.conftest import wait_for_runs


@pytest.fixture(autouse=True)
def light_afterwards():
    """Leave the application light for the tests that run after these."""
    yield
    apply_palette(False)


def window_color():
    return QApplication.palette().color(QPalette.ColorRole.Window)


def background(view):
    return view.backgroundBrush().color()


@pytest.fixture
def loaded(qtbot, window, search_mlruns):
    """The main window with the 40-run experiment shown."""
    with qtbot.waitSignal(window.import_finished, timeout=60_000):
        window.import_paths([str(search_mlruns)])
    qtbot.waitUntil(lambda: bool(window.runs.experiment_pks), timeout=15_000)
    wait_for_runs(qtbot, window, 39)
    return window


def chart_of(window):
    return window.detail.metrics_page.chart


def test_the_system_scheme_is_followed_by_default(qtbot, window, monkeypatch):
    assert window.theme.theme is Theme.SYSTEM
    assert window.theme_actions[Theme.SYSTEM].isChecked()
    assert window_color().lightness() > 128  # offscreen reports no dark scheme
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.waitUntil(lambda: window_color().lightness() < 128)
    assert window.theme.dark
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: False)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: window_color().lightness() > 128)


def test_a_chosen_theme_ignores_the_system(qtbot, window, monkeypatch):
    window.theme_actions[Theme.LIGHT].trigger()
    monkeypatch.setattr(theme_module, "system_prefers_dark", lambda: True)
    QGuiApplication.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    qtbot.wait(50)
    assert window_color().lightness() > 128


def test_dark_theme_changes_the_palette_and_the_plots(qtbot, loaded):
    window = loaded
    window.runs.show_run(window.runs.model.run_pks()[0])
    page = window.detail.metrics_page
    qtbot.waitUntil(lambda: not window.detail.is_loading(), timeout=15_000)
    page.table.select_keys(["acc"])
    chart = chart_of(window)
    qtbot.waitUntil(lambda: "acc" in chart.histories(), timeout=15_000)
    light_bg = background(chart.plot)
    assert light_bg.lightness() > 200
    axis = chart.plot.getPlotItem().getAxis("left")
    light_text = axis.textPen().color()

    window.theme_actions[Theme.DARK].trigger()
    assert window_color().lightness() < 80
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 60
    assert background(chart.plot).lightness() < 60
    assert axis.textPen().color().lightness() > light_text.lightness() + 100
    legend_label = chart.legend.items[0][1]
    assert "#e6e7ea" in legend_label.item.toHtml()
    assert Settings().theme() == "dark"

    window.theme_actions[Theme.LIGHT].trigger()
    assert background(chart.plot) == light_bg
    assert Settings().theme() == "light"


def test_open_compare_plots_follow_the_theme(qtbot, loaded):
    window = loaded
    window.runs.select_runs(set(window.runs.model.run_pks()[:5]))
    window.compare_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, CompareDialog) for w in window._dialogs))
    dialog = next(w for w in window._dialogs if isinstance(w, CompareDialog))
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15_000)
    graphics = dialog.show_section("parallel").graphics
    assert background(graphics).lightness() > 200
    window.set_theme(Theme.DARK)
    assert background(graphics).lightness() < 60
    scatter = dialog.show_section("scatter")  # built after the switch: dark too
    assert background(scatter.graphics).lightness() < 60


def test_the_saved_theme_is_applied_at_start(qtbot, store):
    settings = Settings()
    settings.set_theme("dark")
    win = MainWindow(store, settings)
    qtbot.addWidget(win)
    assert win.theme.theme is Theme.DARK
    assert win.theme_actions[Theme.DARK].isChecked()
    assert window_color().lightness() < 80
    assert background(chart_of(win).plot).lightness() < 60
