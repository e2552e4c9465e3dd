"""Small things users notice (issue 15): the run detail dock shows the selected
run or nothing and stays where the user put it; the sample project opens on the
experiment the README shows; a source shows all its runs; counts are plural."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.ui import i18n
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.experiment_tree import ID_ROLE
from desktop.ui.help import ShortcutsDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs
from tests.gui.test_window_layout import (
    README_RUN,
    click_row,
    column_of,
    open_window,
    row_named,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

CHURN = "고객_이탈_예측"
"""The sample experiment the README shows (it has the most recent runs)."""


def tree_index(win, text: str):
    proxy = win.experiments.proxy
    for row in range(proxy.rowCount()):
        parent = proxy.index(row, 0)
        if str(parent.data()) == text:
            return parent
        for child in range(proxy.rowCount(parent)):
            index = proxy.index(child, 0, parent)
            if str(index.data()).startswith(text + "  ("):
                return index
    raise AssertionError(f"{text} is not in the tree")


def click_tree(qtbot, win, text: str) -> None:
    tree, index = win.experiments.tree, tree_index(win, text)
    tree.scrollTo(index)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
    )
    wait_for_runs(qtbot, win)


def test_switching_experiments_drops_the_run_from_the_dock(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    click_row(qtbot, win, 0)
    assert win.detail.overview is not None
    click_tree(qtbot, win, "Kiwi_Project_RF")
    assert win.runs.model.rowCount() == 6
    assert win.detail.run_pk is None
    assert win.detail.message.isVisible()


def test_filtering_out_the_run_drops_it_from_the_dock(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    click_row(qtbot, win, 0)
    qtbot.keyClicks(win.runs.filter_edit, "no_run_is_called_this")
    qtbot.waitUntil(lambda: win.runs.model.rowCount() == 0)
    qtbot.waitUntil(lambda: win.detail.run_pk is None)
    assert win.detail.message.isVisible()


def test_the_menu_and_shortcut_list_say_run_details(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    click_row(qtbot, win, 0)
    assert win.detail.windowTitle() != "Run details"  # the dock names the run
    assert win.detail.toggleViewAction().text() == "Run details"
    dialog = ShortcutsDialog(win)
    qtbot.addWidget(dialog)
    assert any(action == "Run details" for _where, action, _keys in dialog.rows())


def test_dock_and_splitter_sizes_are_remembered(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    click_row(qtbot, win, 0)
    win.resizeDocks([win.detail], [420], Qt.Orientation.Horizontal)
    win.splitter.setSizes([200, win.splitter.width() - 200])
    qtbot.waitUntil(lambda: win.detail.width() == 420)
    tree_width = win.experiments.width()
    win.close()

    again = MainWindow(store, Settings())
    qtbot.addWidget(again)
    again.show()
    wait_for_runs(qtbot, again)
    qtbot.waitUntil(lambda: again.runs.model.row_data(0) is not None)
    again.resize(win.size())  # the offscreen screen (800x600) clamped it
    assert again.detail.isHidden()  # no run picked yet
    click_row(qtbot, again, 0)
    assert again.detail.width() == 420
    assert again.experiments.width() == tree_width


def test_a_closed_dock_stays_closed_until_reopened(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    click_row(qtbot, win, 0)
    win.detail.toggleViewAction().trigger()  # View ▸ Run details
    assert win.detail.isHidden()
    click_row(qtbot, win, 1)
    assert win.detail.isHidden()
    win.detail.toggleViewAction().trigger()
    assert win.detail.isVisible()


def test_the_sample_project_opens_on_the_experiment_with_the_newest_run(qtbot, window):
    qtbot.waitUntil(window.welcome_shown)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, window)
    qtbot.waitUntil(lambda: window.runs.model.match_count() == 44)
    selected = window.experiments.selected_experiments()
    assert selected == [tree_index(window, CHURN).data(ID_ROLE)]


def test_a_source_node_shows_all_its_runs(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    source = str(win.experiments.proxy.index(0, 0).data())
    click_tree(qtbot, win, source)
    qtbot.waitUntil(lambda: win.runs.model.match_count() == 50)


@pytest.fixture
def english(qapp):
    """The app's English catalog (plural forms) installed, as at start-up."""
    assert i18n.install_translators(i18n.ENGLISH) == ["mlflow_desktop_en.qm"]
    yield
    i18n.install_translators(i18n.ENGLISH)


def test_counts_say_one_run_and_two_runs(qtbot, store, english):
    win = open_window(qtbot, store, (1366, 768))
    table, ctrl = win.runs.table, Qt.KeyboardModifier.ControlModifier
    click_row(qtbot, win, 0)
    qtbot.keyClick(table, Qt.Key.Key_C, ctrl)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "Copied 1 run")
    center = table.visualRect(win.runs.model.index(1, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, ctrl, center)
    qtbot.keyClick(table, Qt.Key.Key_C, ctrl)
    qtbot.waitUntil(lambda: win.statusBar().currentMessage() == "Copied 2 runs")


def test_a_run_reads_the_same_in_the_table_the_details_and_compare(qtbot, store):
    win = open_window(qtbot, store, (1366, 768))
    model, horizontal = win.runs.model, Qt.Orientation.Horizontal
    row = row_named(win, README_RUN)
    click_row(qtbot, win, row)
    shown = {}
    for key in ("start_time", "duration"):
        column = column_of(win, key)
        shown[key] = (
            model.headerData(column, horizontal),
            model.index(row, column).data(),
        )

    page = win.detail.overview_page
    for key, field in (("start_time", "start"), ("duration", "duration")):
        label = page.form.labelForField(page.fields[field]).text()
        assert (label, page.fields[field].text()) == shown[key]

    table = win.runs.table
    other = table.visualRect(model.index(row + 1, 1)).center()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, ctrl, other)
    qtbot.mouseClick(win.runs.compare_button, Qt.MouseButton.LeftButton)
    windows = QApplication.topLevelWidgets()
    dialogs = [w for w in windows if isinstance(w, CompareDialog)]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
    compared = dialog.table.model
    for key in ("start_time", "duration"):
        section = compared.section_of(f"fact:{key}")
        title = compared.headerData(section, Qt.Orientation.Vertical)
        assert (title, compared.index(section, 0).data()) == shown[key]
    # "Source" is the script in the table and the details; Compare's row for the
    # imported folder has a name of its own.
    titles = {
        compared.headerData(r, Qt.Orientation.Vertical)
        for r in range(compared.rowCount())
    }
    assert "Source" not in titles
    assert "Imported from" in titles
    dialog.close()
