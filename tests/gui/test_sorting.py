"""Header clicks put the best run on top; a metric's direction is the user's to flip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from tests.gui.conftest import wait_for_runs
from tests.gui.test_main_window import click_experiment, click_header, shown_names

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

# name: (start offset in s, val_auc, accuracy, val_loss)
RUNS = {
    "beta": (1, 0.80, 0.70, 0.40),
    "Alpha": (2, 0.95, 0.60, 0.30),
    "Gamma": (3, 0.70, 0.90, 0.10),
    "delta": (4, 0.85, 0.80, 0.20),
}


def write_models_mlruns(root: Path, name: str = "models") -> Path:
    """A file store (MLflow's format) with one experiment of four scored runs."""
    exp = root / "7"
    exp.mkdir(parents=True)
    (exp / "meta.yaml").write_text(
        f"artifact_location: {exp.as_uri()}\ncreation_time: 1700000000000\n"
        f"experiment_id: '7'\nlast_update_time: 1700000000000\n"
        f"lifecycle_stage: active\nname: {name}\n"
    )
    for index, (run_name, (offset, auc, acc, loss)) in enumerate(RUNS.items()):
        run_id = f"a{index:031x}"
        run = exp / run_id
        for sub in ("metrics", "params", "tags"):
            (run / sub).mkdir(parents=True)
        start = 1_700_000_000_000 + offset * 1000
        (run / "meta.yaml").write_text(
            f"artifact_uri: {(run / 'artifacts').as_uri()}\nend_time: {start + 9}\n"
            f"entry_point_name: ''\nexperiment_id: '7'\nlifecycle_stage: active\n"
            f"run_id: {run_id}\nrun_name: {run_name}\nsource_name: ''\n"
            f"source_type: 4\nsource_version: ''\nstart_time: {start}\nstatus: 3\n"
            "tags: []\nuser_id: tester\n"
        )
        (run / "tags" / "mlflow.runName").write_text(run_name)
        (run / "params" / "depth").write_text(str(index))
        for key, value in (("val_auc", auc), ("accuracy", acc), ("val_loss", loss)):
            (run / "metrics" / key).write_text(f"{start} {value} 0\n")
    return root


def ranked(metric: int, *, highest_first: bool) -> list[str]:
    """Run names ordered by a column of :data:`RUNS`."""
    return sorted(RUNS, key=lambda n: RUNS[n][metric], reverse=highest_first)


def open_window(qtbot, store) -> MainWindow:
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    return win


def show_models(qtbot, win, root: Path) -> None:
    """Import ``root`` (first time only) and click its experiment in the tree."""
    if not win.runs.experiment_pks:
        with qtbot.waitSignal(win.import_finished, timeout=60_000):
            win.import_paths([str(root)])
    click_experiment(qtbot, win, "models")
    wait_for_runs(qtbot, win, len(RUNS))


def close(win: MainWindow) -> None:
    win.close()
    win.importer.wait()


@pytest.fixture
def models(tmp_path):
    return write_models_mlruns(tmp_path / "mlruns")


def right_click_header(qtbot, win, title: str, entry: str) -> None:
    """Right-click a runs-table header and choose ``entry`` in its menu."""
    header = win.runs.table.horizontalHeader()
    section = next(
        c
        for c in range(win.runs.model.columnCount())
        if win.runs.model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    win.runs.table.scrollTo(win.runs.model.index(0, section))
    pos = QPoint(
        header.sectionViewportPosition(section) + header.sectionSize(section) // 2,
        header.height() // 2,
    )
    chosen = []

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == entry)
        chosen.append(action.isChecked())
        action.trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, header.viewport().mapToGlobal(pos)
    )
    QApplication.sendEvent(header.viewport(), event)
    assert chosen == [False], "the menu did not open, or the entry was checked"


def compare_every_run(qtbot, win) -> CompareDialog:
    """Select every run, click Compare and wait for the filled dialog."""
    win.runs.table.selectAll()
    qtbot.mouseClick(win.runs.compare_button, Qt.MouseButton.LeftButton)
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, CompareDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15_000)
    return dialog


@pytest.mark.parametrize(
    ("title", "metric", "highest_first"),
    [("val_auc", 1, True), ("accuracy", 2, True), ("val_loss", 3, False)],
)
def test_one_click_on_a_metric_header_puts_the_best_run_on_top(
    qtbot, store, models, title, metric, highest_first
):
    win = open_window(qtbot, store)
    show_models(qtbot, win, models)
    click_header(qtbot, win, title)
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(metric, highest_first=highest_first)
    click_header(qtbot, win, title)  # a second click: the worst on top
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(metric, highest_first=not highest_first)
    close(win)


def test_names_sort_a_to_z_and_started_newest_first(qtbot, store, models):
    win = open_window(qtbot, store)
    show_models(qtbot, win, models)
    click_header(qtbot, win, "Run Name")
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ["Alpha", "beta", "delta", "Gamma"]
    click_header(qtbot, win, "Started")
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(0, highest_first=True)
    close(win)


def test_a_flipped_direction_is_remembered_in_a_new_window(qtbot, store, models):
    win = open_window(qtbot, store)
    show_models(qtbot, win, models)
    right_click_header(qtbot, win, "val_auc", "Lower is better")
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(1, highest_first=False)
    close(win)

    again = open_window(qtbot, store)
    qtbot.waitUntil(lambda: not again.is_busy(), timeout=15_000)
    show_models(qtbot, again, models)
    click_header(qtbot, again, "Run Name")  # leave the remembered sort
    wait_for_runs(qtbot, again, len(RUNS))
    click_header(qtbot, again, "val_auc")
    wait_for_runs(qtbot, again, len(RUNS))
    assert shown_names(again) == ranked(1, highest_first=False)
    # The compare table marks the same run best: one notion of "better".
    again.runs.table.selectAll()
    with qtbot.waitSignal(again.runs.compare_requested):
        qtbot.mouseClick(again.runs.compare_button, Qt.MouseButton.LeftButton)
    (dialog,) = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, CompareDialog) and w.isVisible()
    ]
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15_000)
    # The plots open on the metric the runs table is sorted by.
    assert dialog.runs.sort_metric == "val_auc"
    importance = dialog.show_section("importance")
    assert importance.metric_combo.currentData() == "val_auc"
    row = next(r for r in dialog.table.model.rows() if r.key == "val_auc")
    names = dialog.table.model.runs.names
    assert {names[i] for i in row.best} == {ranked(1, highest_first=False)[0]}
    dialog.close()
    close(again)


def arrow_points_up(header, section: int) -> bool:
    """Read the sort arrow painted at the right end of a header section."""
    image = header.grab().toImage()
    right = header.sectionViewportPosition(section) + header.sectionSize(section)
    background = image.pixelColor(right - 3, 2).lightness()
    widths = [
        sum(
            abs(image.pixelColor(x, y).lightness() - background) > 60
            for x in range(max(0, right - 22), right - 1)
        )
        for y in range(image.height())
    ]
    span = right - 1 - max(0, right - 22)
    inked = [w for w in widths if 0 < w < span]  # not the header's border lines
    assert len(inked) >= 2, "no sort arrow painted"
    assert inked[0] != inked[-1]
    return inked[0] < inked[-1]


def test_the_sort_arrow_points_up_for_ascending_everywhere(qtbot, store, models):
    win = open_window(qtbot, store)
    show_models(qtbot, win, models)
    header = win.runs.table.horizontalHeader()
    click_header(qtbot, win, "Run Name")  # A to Z: ascending
    wait_for_runs(qtbot, win, len(RUNS))
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert arrow_points_up(header, header.sortIndicatorSection())
    click_header(qtbot, win, "val_auc")  # best first: the highest, descending
    wait_for_runs(qtbot, win, len(RUNS))
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert not arrow_points_up(header, header.sortIndicatorSection())

    # The compare table (runs as rows) draws the same arrows.
    dialog = compare_every_run(qtbot, win)
    table = dialog.table
    qtbot.mouseClick(table.transpose, Qt.MouseButton.LeftButton)
    compare_header = table.view.horizontalHeader()
    section = table.model.section_of("metric:latest:val_loss")
    table.view.scrollTo(table.model.index(0, section))
    x = compare_header.sectionViewportPosition(section) + 10
    qtbot.mouseClick(
        compare_header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(x, compare_header.height() // 2),
    )
    assert compare_header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert arrow_points_up(compare_header, section)
    dialog.close()
    close(win)


def test_a_direction_chosen_in_the_compare_table_sorts_the_runs_table(
    qtbot, store, models
):
    win = open_window(qtbot, store)
    show_models(qtbot, win, models)
    dialog = compare_every_run(qtbot, win)
    # Right-click the val_loss row's header and choose "Higher is better".
    table = dialog.table
    header = table.view.verticalHeader()
    row = table.model.section_of("metric:latest:val_loss")
    table.view.scrollTo(table.model.index(row, 0))
    pos = QPoint(header.width() // 2, header.sectionViewportPosition(row) + 5)

    def choose():
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        next(a for a in menu.actions() if a.text() == "Higher is better").trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    QApplication.sendEvent(
        header.viewport(),
        QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, pos, header.viewport().mapToGlobal(pos)
        ),
    )
    qtbot.waitUntil(lambda: table.model.direction("val_loss").value == "higher")
    dialog.close()

    click_header(qtbot, win, "val_loss")
    wait_for_runs(qtbot, win, len(RUNS))
    assert shown_names(win) == ranked(3, highest_first=True)
    close(win)
