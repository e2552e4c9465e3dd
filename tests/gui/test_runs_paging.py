"""The runs table loads its rows in the background: scrolling, refreshing, copying."""

from __future__ import annotations

import sys
import threading

import pytest
import yaml
from mlflow import MlflowClient
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from sqlalchemy import event

from desktop.core.columns import Column
from desktop.ui.main_window import MainWindow
from desktop.ui.runs_model import PAGE
from desktop.ui.settings import Settings
from tests.benchmarks.synthetic import Shape, generate
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import import_by_drop

RUNS = 4 * PAGE + 37  # several pages, the last one partial (a few are deleted)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(scope="module")
def many_runs(tmp_path_factory):
    """One experiment of RUNS MLflow-format runs."""
    shape = Shape(
        experiments=1, runs_per_experiment=RUNS, params=3, metrics=2, steps=3, tags=4
    )
    return generate(shape, tmp_path_factory.mktemp("paging") / "mlruns")


@pytest.fixture(scope="module")
def imported_store(many_runs, tmp_path_factory, store_template):
    """A store with ``many_runs`` imported, made once: each test opens a copy
    (importing the runs again for every test took about a second each)."""
    path = tmp_path_factory.mktemp("paging-store") / "store.db"
    return prepared_store(store_template, path, many_runs)


@pytest.fixture
def shown(qtbot, tmp_path, imported_store):
    """A window on (a copy of) the store with the runs imported, shown."""
    store = fresh_store(imported_store, tmp_path / "paged" / "store.db")
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.runs.model.rowCount() > 4 * PAGE)
    wait_for_runs(qtbot, win)
    yield win
    win.importer.cancel()
    win.importer.wait()
    store.close()


@pytest.fixture
def gui_queries(shown):
    """SQL statements the store runs on the GUI thread, from now on."""
    gui = threading.get_ident()
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        if threading.get_ident() == gui:
            statements.append(statement)

    event.listen(shown.store.engine, "before_cursor_execute", record)
    yield statements
    event.remove(shown.store.engine, "before_cursor_execute", record)


def _source_name(root, model, row) -> str:
    """The run name MLflow wrote for the run shown at ``row``."""
    tooltip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    run_id = next(
        line.split(": ", 1)[1] for line in tooltip.splitlines() if "Run ID" in line
    )
    (meta,) = root.glob(f"*/{run_id}/meta.yaml")
    return yaml.safe_load(meta.read_text())["run_name"]


def _shown_name(model, row) -> str:
    text = model.index(row, 0).data() or ""
    return text.removeprefix("↳ ")


def test_scrolling_to_the_end_loads_rows_off_the_gui_thread(
    qtbot, shown, gui_queries, many_runs
):
    table, model = shown.runs.table, shown.runs.model
    last = model.rowCount() - 1
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)
    assert table.currentIndex().row() == last
    qtbot.waitUntil(lambda: bool(model.index(last, 0).data()), timeout=10000)
    for row in (last, last - PAGE // 2, last - PAGE):
        table.scrollTo(model.index(row, 0))
        qtbot.waitUntil(lambda row=row: bool(_shown_name(model, row)))
        assert _shown_name(model, row) == _source_name(many_runs, model, row)
    assert gui_queries == []


def _copy(qtbot, table) -> list[list[str]]:
    """Press Ctrl+C on the table; the clipboard's lines, split into cells."""
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    qtbot.keyClick(table, Qt.Key.Key_C, CTRL)
    qtbot.waitUntil(lambda: bool(clipboard.text()), timeout=10000)
    return [line.split("\t") for line in clipboard.text().splitlines()]


def _cells(qtbot, table, row) -> list[str]:
    """The texts the table shows in ``row`` (scrolled into view first)."""
    model = table.model()
    table.scrollTo(model.index(row, 0))
    qtbot.waitUntil(lambda: bool(model.index(row, 0).data()))
    return [str(model.index(row, c).data() or "") for c in range(model.columnCount())]


def test_copy_takes_every_selected_row_off_the_gui_thread(qtbot, shown, gui_queries):
    table, model = shown.runs.table, shown.runs.model
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    lines = _copy(qtbot, table)

    assert gui_queries == []  # rows never shown were read by a pool job
    count = model.rowCount()
    assert shown.statusBar().currentMessage() == f"Copied {count:,} runs"
    assert len(lines) == count + 1
    titles = [
        model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(lines[0]))
    ]
    assert lines[0] == titles
    for row in (0, count // 2, count - 1):
        assert lines[row + 1] == _cells(qtbot, table, row)


def test_copy_takes_the_selected_rows_in_table_order(qtbot, shown):
    table, model = shown.runs.table, shown.runs.model
    for row, modifier in ((3, Qt.KeyboardModifier.NoModifier), (1, CTRL)):
        center = table.visualRect(model.index(row, 2)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, center)
    assert shown.runs.selected_rows() == [1, 3]

    lines = _copy(qtbot, table)

    assert lines[1:] == [_cells(qtbot, table, 1), _cells(qtbot, table, 3)]


def test_a_selection_of_every_row_survives_a_sort(qtbot, shown):
    table, model = shown.runs.table, shown.runs.model
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    first = model.pk_at(0)
    header = table.horizontalHeader()
    status = model.columns().index(Column("attribute", "status"))
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(header.sectionViewportPosition(status) + 5, header.height() // 2),
    )
    qtbot.waitUntil(lambda: model.pk_at(0) != first)
    wait_for_runs(qtbot, shown)

    assert shown.runs.selected_rows() == list(range(model.rowCount()))
    assert shown.counts_label.text().endswith(f"{model.rowCount():,} selected")
    # Restored as one block of rows, not a range per row (seconds at 100,000).
    assert len(table.selectionModel().selection()) == 1


def test_compare_takes_every_selected_run_in_table_order(qtbot, shown):
    table, model = shown.runs.table, shown.runs.model
    opened: list[list[int]] = []
    shown.runs.compare_requested.connect(opened.append)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(table, Qt.Key.Key_D, CTRL)

    assert opened == [model.run_pks()]


def test_selecting_every_row_does_not_make_the_header_ask_for_each_cell(qtbot, shown):
    table, model = shown.runs.table, shown.runs.model
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)
    assert len(shown.runs.selected_pks()) == model.rowCount()
    flags = type(model).flags.__code__
    asked: list[tuple[int, int]] = []

    def profile(frame, event, _arg) -> None:
        if event == "call" and frame.f_code is flags:
            index = frame.f_locals["index"]
            asked.append((index.row(), index.column()))

    sys.setprofile(profile)
    try:
        table.horizontalHeader().viewport().repaint()
    finally:
        sys.setprofile(None)

    # Qt's own header asks about every row of each column it paints (seconds for
    # 100,000 rows); ours at most about the rows on screen.
    last_shown = table.rowAt(table.viewport().height() - 1)
    assert max(row for row, _column in asked) <= last_shown


def test_a_refresh_keeps_rows_on_screen_until_the_new_values_arrive(
    qtbot, shown, many_runs, monkeypatch, request
):
    model = shown.runs.model
    top_pk = model.pk_at(0)
    old_name = _shown_name(model, 0)
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    client = MlflowClient(tracking_uri=many_runs.as_uri())
    run_id = model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole).split("Run ID: ")[1]
    run_id = run_id.splitlines()[0]
    client.set_tag(run_id, "mlflow.runName", "renamed-by-mlflow")
    # The folder is the module's (copying it costs seconds): the other tests
    # compare the shown names with it, so the name is set back afterwards.
    request.addfinalizer(lambda: client.set_tag(run_id, "mlflow.runName", old_name))
    # What the first cell shows while the folder is imported again.
    seen: list[str] = []
    timer = QTimer(shown)
    timer.setInterval(5)
    timer.timeout.connect(lambda: seen.append(_shown_name(model, model.row_of(top_pk))))
    timer.start()
    import_by_drop(qtbot, shown, many_runs)
    qtbot.waitUntil(
        lambda: _shown_name(model, model.row_of(top_pk)) == "renamed-by-mlflow"
    )
    timer.stop()
    assert old_name in seen
    assert "" not in seen  # never blank in between
