"""The main window driven like a user: drop, select, sort, filter, compare."""

from __future__ import annotations

import math

import pytest
from mlflow import MlflowClient
from PySide6.QtCore import QMimeData, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMenu

from desktop.app import create_window
from desktop.core.columns import Column
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.experiment_tree import ID_ROLE
from desktop.ui.runs_model import RunsTableModel
from tests.gui.conftest import wait_for_runs

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def drop_folder(win, path):
    """Drag a folder from a file manager and drop it on the window."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = win.rect().center()
    enter = QDragEnterEvent(
        pos,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos.toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(win, drop)


def import_by_drop(qtbot, win, path):
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        drop_folder(win, path)
    report = blocker.args[0]
    qtbot.waitUntil(
        lambda: any(
            report.root
            == win.experiments.proxy.index(r, 0).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(win.experiments.proxy.rowCount())
        )
    )
    # The tree, then the runs and their columns, reload after an import.
    qtbot.waitUntil(lambda: not win.is_busy(), timeout=15000)
    return report


def tree_items(win):
    proxy = win.experiments.proxy
    items = {}
    for row in range(proxy.rowCount()):
        source = proxy.index(row, 0)
        items[source.data()] = [
            proxy.index(r, 0, source).data() for r in range(proxy.rowCount(source))
        ]
    return items


def click_experiment(qtbot, win, name_prefix):
    tree = win.experiments.tree
    proxy = win.experiments.proxy
    qtbot.waitUntil(
        lambda: any(
            str(v).startswith(name_prefix)
            for names in tree_items(win).values()
            for v in names
        ),
        timeout=10000,
    )
    for row in range(proxy.rowCount()):
        source = proxy.index(row, 0)
        for child_row in range(proxy.rowCount(source)):
            index = proxy.index(child_row, 0, source)
            if str(index.data()).startswith(name_prefix):
                tree.scrollTo(index)
                rect = tree.visualRect(index)
                qtbot.mouseClick(
                    tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
                )
                return index.data(ID_ROLE)
    raise AssertionError(f"no experiment {name_prefix!r} in {tree_items(win)}")


def column_of(win, title):
    model = win.runs.model
    for col in range(model.columnCount()):
        if model.headerData(col, Qt.Orientation.Horizontal) == title:
            return col
    raise AssertionError(f"no column {title!r}")


def click_header(qtbot, win, title):
    header = win.runs.table.horizontalHeader()
    col = column_of(win, title)
    win.runs.table.scrollTo(win.runs.model.index(0, col))
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(x, header.height() // 2),
    )


def shown_names(win):
    model = win.runs.model
    return [model.row_data(r).run_name for r in range(model.rowCount())]


def test_drop_select_sort_filter_compare(qtbot, window, search_mlruns):
    report = import_by_drop(qtbot, window, search_mlruns.parent)  # contains mlruns/
    assert report.runs_total == 40
    assert tree_items(window) == {"project": ["Default  (0)", "search  (40)"]}

    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)  # the deleted run is hidden
    assert "39 of 39 runs" in window.counts_label.text()

    # One click on the accuracy header: the best run comes first, then the next.
    click_header(qtbot, window, "acc")
    wait_for_runs(qtbot, window, 39)
    client = MlflowClient(tracking_uri=search_mlruns.as_uri())
    exp = client.get_experiment_by_name("search").experiment_id
    best = client.search_runs([exp], order_by=["metrics.acc DESC"], max_results=3)
    assert shown_names(window)[:3] == [r.info.run_name for r in best]

    # Filter: the rows are exactly what MLflow's search_runs returns.
    text = "metrics.acc > 0.4 and params.model = 'rf'"
    qtbot.keyClicks(window.runs.filter_edit, text)
    expected = client.search_runs(
        [exp], filter_string=text, order_by=["metrics.acc DESC"], max_results=100
    )
    wait_for_runs(qtbot, window, len(expected))
    assert shown_names(window) == [r.info.run_name for r in expected]
    assert not window.runs.filter_error.isVisible()

    # Select two rows (click, Ctrl+click) and press Compare.
    table = window.runs.table
    assert not window.runs.compare_button.isEnabled()
    for row, modifier in (
        (0, Qt.KeyboardModifier.NoModifier),
        (1, Qt.KeyboardModifier.ControlModifier),
    ):
        rect = table.visualRect(window.runs.model.index(row, 2))
        qtbot.mouseClick(
            table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center()
        )
    assert window.runs.compare_button.isEnabled()
    assert "2 selected" in window.counts_label.text()
    with qtbot.waitSignal(window.runs.compare_requested) as blocker:
        qtbot.mouseClick(window.runs.compare_button, Qt.MouseButton.LeftButton)
    assert len(blocker.args[0]) == 2
    dialogs = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, CompareDialog) and w.isVisible()
    ]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.objectName() == "compareDialog"
    assert not dialog.isModal()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
    assert dialog.windowTitle() == "Comparing 2 runs from 1 experiment"
    assert [r.run_name for r in dialog.runs.runs] == shown_names(window)[:2]
    # Brushing's "Select in runs table" selects the kept runs in the main window.
    window.runs.table.clearSelection()
    parallel = dialog.show_section("parallel")
    qtbot.waitUntil(lambda: "metric:acc" in parallel.axis_ids(), timeout=10000)
    parallel.set_brush("metric:acc", -1.0, 2.0)  # a range holding every run
    assert parallel.select_button.isEnabled()
    qtbot.mouseClick(parallel.select_button, Qt.MouseButton.LeftButton)
    assert window.runs.selected_pks() == set(blocker.args[0])
    # Back in the main window, Ctrl+D opens a second, independent dialog.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.runs.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: (
            sum(
                isinstance(w, CompareDialog) and w.isVisible()
                for w in QApplication.topLevelWidgets()
            )
            == 2
        )
    )


def test_checkboxes_follow_the_selection_and_tick_runs(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    model, table = window.runs.model, window.runs.table
    for row in (3, 5):
        rect = table.visualRect(model.index(row, 0))
        # The checkbox sits at the left of the first cell.
        qtbot.mouseClick(
            table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=QPoint(rect.left() + 10, rect.center().y()),
        )
    assert model.checked() == {model.pk_at(3), model.pk_at(5)}
    assert window.runs.selected_pks() == model.checked()
    assert window.compare_action.isEnabled()


def test_a_syntax_error_is_shown_inline(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    qtbot.keyClicks(window.runs.filter_edit, "metrics.acc > 'high'")
    qtbot.waitUntil(window.runs.filter_error.isVisible)
    assert "expected a number" in window.runs.filter_error.text()
    assert window.runs.model.rowCount() == 39  # the last good result stays
    window.runs.filter_edit.clear()
    qtbot.keyClicks(window.runs.filter_edit, "lgbm")  # plain text: run names
    wait_for_runs(qtbot, window, 14)
    assert not window.runs.filter_error.isVisible()
    assert all(n.startswith("LGBM_lr_") for n in shown_names(window))


def test_filter_to_this_value_from_the_context_menu(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    col = column_of(window, "model")
    model = window.runs.model
    value = model.row_data(0).params["model"]
    table = window.runs.table
    table.scrollTo(model.index(0, col))
    pos = table.visualRect(model.index(0, col)).center()

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == "Filter to this value")
        action.trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    table.customContextMenuRequested.emit(pos)
    assert window.runs.filter_edit.text() == f"params.model = '{value}'"
    wait_for_runs(qtbot, window)
    names = {model.row_data(r).params["model"] for r in range(model.rowCount())}
    assert names == {value}


def test_show_deleted_and_top_level_toggles(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    qtbot.mouseClick(window.runs.show_deleted, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, window, 40)
    deleted = [
        r
        for r in range(40)
        if window.runs.model.row_data(r).lifecycle_stage == "deleted"
    ]
    assert len(deleted) == 1


def test_cells_show_status_icons_struck_out_deleted_runs_and_right_aligned_numbers(
    qtbot, window, search_mlruns
):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    qtbot.mouseClick(window.runs.show_deleted, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, window, 40)
    model = window.runs.model
    qtbot.waitUntil(lambda: all(model.index(r, 0).data() for r in range(40)))
    stages = [model.row_data(r).lifecycle_stage for r in range(40)]
    deleted, alive = stages.index("deleted"), stages.index("active")
    font, color = Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ForegroundRole
    assert model.index(deleted, 0).data(font).strikeOut()
    assert model.index(deleted, 0).data(color).color().name() == "#8a8f98"
    assert model.index(alive, 0).data(font) is None
    assert model.index(alive, 0).data(color) is None
    columns = model.columns()
    status = columns.index(Column("attribute", "status"))
    icon = model.index(alive, status).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()
    assert model.index(alive, 0).data(Qt.ItemDataRole.DecorationRole) is None
    metric = next(i for i, c in enumerate(columns) if c.kind == "metric")
    param = next(i for i, c in enumerate(columns) if c.kind == "param")
    align = Qt.ItemDataRole.TextAlignmentRole
    assert (
        Qt.AlignmentFlag(model.index(0, metric).data(align))
        & Qt.AlignmentFlag.AlignRight
    )
    assert model.index(0, param).data(align) is None


def test_nested_runs_show_their_parent(qtbot, window, tmp_path):
    import os

    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow

    root = tmp_path / "mlruns"
    mlflow.set_tracking_uri(root.as_uri())
    mlflow.set_experiment("nested")
    with (
        mlflow.start_run(run_name="parent"),
        mlflow.start_run(run_name="child", nested=True),
    ):
        mlflow.log_metric("m", 1.0)
    mlflow.set_tracking_uri(None)
    import_by_drop(qtbot, window, root)
    click_experiment(qtbot, window, "nested")
    wait_for_runs(qtbot, window, 2)
    model = window.runs.model
    assert shown_names(window) == ["parent"]  # the child folded under it
    assert model.index(0, 0).data() == "parent  (1)"
    # Shown flat (View ▸ Child runs under parents off), each child says whose it is.
    window.runs.nested.trigger()  # View ▸ Child runs under parents
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    texts = {model.index(r, 0).data() for r in range(2)}
    assert texts == {"parent", "↳ child"}
    child_row = next(r for r in range(2) if model.index(r, 0).data() == "↳ child")
    assert "Parent run: parent" in model.index(child_row, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )
    qtbot.mouseClick(window.runs.top_level, Qt.MouseButton.LeftButton)
    wait_for_runs(qtbot, window, 1)
    assert shown_names(window) == ["parent"]


def test_models_pass_the_qt_model_tester(qtmodeltester, qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    assert isinstance(window.runs.model, RunsTableModel)
    qtmodeltester.check(window.runs.model)
    qtmodeltester.check(window.experiments.model)


def test_layout_and_columns_persist_across_launches(qtbot, store, search_mlruns):
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings import Settings

    first = MainWindow(store, Settings())
    qtbot.addWidget(first)
    first.show()
    import_by_drop(qtbot, first, search_mlruns)
    click_experiment(qtbot, first, "search")
    wait_for_runs(qtbot, first, 39)
    columns = [c for c in first.runs.model.columns() if c.key != "team"]
    kept = [c for c in columns if c.kind != "param"]
    first.runs.set_columns(kept)
    first.runs.show_run(first.runs.model.run_pks()[0])  # the dock opens
    assert first.detail.isVisible()
    first.detail.toggleViewAction().trigger()  # View ▸ Run details: close the dock
    assert first.detail.isHidden()
    qtbot.waitUntil(lambda: first.minimumSize().width() <= 800)
    first.resize(780, 560)  # the offscreen screen is 800 x 600
    size = (first.width(), first.height())
    assert size[1] == 560
    first.close()

    second = MainWindow(store, Settings())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.runs.experiment_pks != ())
    wait_for_runs(qtbot, second, 39)
    assert [c.id for c in second.runs.model.columns()] == [c.id for c in kept]
    assert (second.width(), second.height()) == size
    assert second.detail.isHidden()


def test_create_window_imports_the_given_folder(qtbot, tmp_path, search_mlruns):
    win = create_window([str(search_mlruns), "--store", str(tmp_path / "s.db")])
    qtbot.addWidget(win)
    win.show()
    with qtbot.waitSignal(win.import_finished, timeout=60000) as blocker:
        pass
    assert blocker.args[0].runs_total == 40
    wait_for_runs(qtbot, win)
    qtbot.waitUntil(lambda: win.runs.model.rowCount() == 39)
    win.importer.wait()
    win.store.close()


def test_metric_cells_format_nan_and_sort_missing_last(qtbot, window, search_mlruns):
    import_by_drop(qtbot, window, search_mlruns)
    click_experiment(qtbot, window, "search")
    wait_for_runs(qtbot, window, 39)
    click_header(qtbot, window, "loss")
    wait_for_runs(qtbot, window, 39)
    col = column_of(window, "loss")
    model = window.runs.model
    texts = [model.index(r, col).data() for r in range(39)]
    numbers = [t for t in texts if t not in ("", "NaN")]
    assert [float(t) for t in numbers] == sorted(float(t) for t in numbers)
    assert texts[: len(numbers)] == numbers  # NaN and missing come last
    assert "NaN" in texts
    assert math.isnan(model.row_data(texts.index("NaN")).metrics["loss"][0])


@pytest.mark.parametrize("bad", ["not-a-folder.txt"])
def test_dropping_a_file_is_ignored(qtbot, window, tmp_path, bad):
    path = tmp_path / bad
    path.write_text("x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(
        window.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    assert not window.importer.is_running()
    assert QDialog is not None


def test_a_tree_that_cannot_be_loaded_is_reported(qtbot, window, monkeypatch):
    from desktop.store import queries

    def unreadable(_conn):
        raise OSError("disk I/O error")

    monkeypatch.setattr(queries, "list_sources", unreadable)
    window.reload_tree()
    qtbot.waitUntil(lambda: "disk I/O error" in window.statusBar().currentMessage())
    assert "could not be loaded" in window.statusBar().currentMessage()
    assert not window.is_busy()
