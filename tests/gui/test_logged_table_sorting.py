"""Sorting a logged table written by real ``mlflow.log_table``, by clicking its
header: the order is computed on a worker (the old order and header indicator stay
until it is done), a newer click replaces an older sort, and another table or a
closed preview drops a sort under way."""

from __future__ import annotations

import math
import os
import random
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, Qt, QThreadPool

from desktop.services.logged_tables import read_logged_table
from desktop.ui.detail.logged_table_view import LoggedTablePreview

ROWS = 3000
COLUMNS = ["id", "score", "note"]


def _scores(count: int) -> list:
    """Numbers (ints and floats, ties), text and empty cells, mixed."""
    pick = random.Random(19)
    values: list = []
    for _ in range(count):
        kind = pick.random()
        if kind < 0.6:
            values.append(round(pick.uniform(-1, 1), 2))
        elif kind < 0.7:
            values.append(pick.randint(-2, 2))
        elif kind < 0.85:
            values.append(pick.choice(["high", "Low", "medium", "n/a"]))
        else:
            values.append(None)
    return values


@pytest.fixture(scope="module")
def logged(tmp_path_factory):
    """Two tables logged by MLflow into a file store: (columns, rows) of each."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    import mlflow

    base = tmp_path_factory.mktemp("logged-table-sorting")
    previous = mlflow.get_tracking_uri()
    mlflow.set_tracking_uri((base / "mlruns").as_uri())
    try:
        mlflow.set_experiment("sorting")
        with mlflow.start_run() as run:
            mlflow.log_table(
                {
                    "id": [f"row-{n:05d}" for n in range(ROWS)],
                    "score": _scores(ROWS),
                    "note": [f"Note {n % 7}" for n in range(ROWS)],
                },
                artifact_file="eval/big.json",
            )
            mlflow.log_table(
                {"id": ["b", "a"], "score": [2, 1], "note": ["x", "y"]},
                artifact_file="eval/small.json",
            )
        folder = Path(mlflow.get_run(run.info.run_id).info.artifact_uri[7:])
    finally:
        mlflow.set_tracking_uri(previous)
    tables = {}
    for name in ("big", "small"):
        table = read_logged_table(str(folder / "eval" / f"{name}.json"), name)
        tables[name] = (list(table.columns), table.rows)
    return tables


@pytest.fixture
def preview(qtbot, logged):
    widget = LoggedTablePreview()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    columns, rows = logged["big"]
    assert columns == COLUMNS
    widget.set_table(columns, rows, "info", "{}")
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone()


def click_header(qtbot, preview, column: int) -> None:
    header = preview.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))


def shown(preview, column: int) -> list:
    model = preview.model
    return [model.value(r, column) for r in range(model.rowCount())]


def expected_scores(rows, descending: bool) -> list:
    """The score column sorted as the table should show it: numbers, then text
    (case-folded), reversed for descending, stable; empty cells last."""
    values = [r[1] for r in rows]
    present = [v for v in values if v is not None]

    def key(value):
        if isinstance(value, str):
            return (1, 0.0, value.casefold())
        return (0, float(value), "")

    empty = [None] * (len(values) - len(present))
    return sorted(present, key=key, reverse=descending) + empty


def indicator(preview) -> tuple[int, Qt.SortOrder]:
    header = preview.table.horizontalHeader()
    return header.sortIndicatorSection(), header.sortIndicatorOrder()


def test_a_header_click_sorts_on_a_worker_keeping_the_old_order(
    qtbot, preview, logged
) -> None:
    _columns, rows = logged["big"]
    original = shown(preview, 0)
    with qtbot.waitSignal(preview.sorter.sorted, timeout=10_000) as sorted_:
        click_header(qtbot, preview, 1)
        # The click returned before the order was computed: the old order, the
        # old indicator and a "Sorting…" note are on screen meanwhile.
        assert preview.is_sorting()
        assert preview.sorting.isVisible()
        assert preview.sorting.text() == "Sorting…"
        assert shown(preview, 0) == original
        assert indicator(preview) == (-1, Qt.SortOrder.AscendingOrder)
    assert sorted_.args == [1, Qt.SortOrder.AscendingOrder]
    assert not preview.sorting.isVisible()
    assert shown(preview, 1) == expected_scores(rows, descending=False)
    assert indicator(preview) == (1, Qt.SortOrder.AscendingOrder)
    # Stable: equal scores keep the logged order (ids ascend within a tie).
    scores, ids = shown(preview, 1), shown(preview, 0)
    for a in range(len(scores) - 1):
        if scores[a] == scores[a + 1] or (scores[a] is None is scores[a + 1]):
            assert ids[a] < ids[a + 1]

    with qtbot.waitSignal(preview.sorter.sorted, timeout=10_000):
        click_header(qtbot, preview, 1)
        assert indicator(preview) == (1, Qt.SortOrder.AscendingOrder)
    assert shown(preview, 1) == expected_scores(rows, descending=True)
    assert shown(preview, 1)[-1] is None  # empty cells last in both directions
    assert indicator(preview) == (1, Qt.SortOrder.DescendingOrder)


def test_a_newer_click_replaces_a_sort_under_way(qtbot, preview) -> None:
    applied: list = []
    preview.sorter.sorted.connect(lambda *args: applied.append(args))
    click_header(qtbot, preview, 1)
    click_header(qtbot, preview, 2)  # before the first order came back
    assert preview.sorter.pending() == (2, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not preview.is_sorting(), timeout=10_000)
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the replaced sort's result, if any
    assert applied == [(2, Qt.SortOrder.AscendingOrder)]
    notes = shown(preview, 2)
    assert notes == sorted(notes, key=str.casefold)
    assert indicator(preview) == (2, Qt.SortOrder.AscendingOrder)


def test_the_selected_cell_follows_its_row(qtbot, preview) -> None:
    table, model = preview.table, preview.model
    rect = table.visualRect(model.index(3, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    chosen = model.value(3, 0)
    with qtbot.waitSignal(preview.sorter.sorted, timeout=10_000):
        click_header(qtbot, preview, 2)
    current = table.currentIndex()
    assert current.row() != 3
    assert model.value(current.row(), 0) == chosen
    assert [model.value(i.row(), 0) for i in table.selectedIndexes()] == [chosen]


def test_another_table_mid_sort_drops_the_old_sort(qtbot, preview, logged) -> None:
    applied: list = []
    preview.sorter.sorted.connect(lambda *args: applied.append(args))
    click_header(qtbot, preview, 1)
    assert preview.is_sorting()
    columns, rows = logged["small"]
    preview.set_table(columns, rows, "small", "{}")  # another run's table
    assert not preview.is_sorting()
    assert not preview.sorting.isVisible()
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()
    assert applied == []
    assert shown(preview, 0) == ["b", "a"]
    assert indicator(preview) == (-1, Qt.SortOrder.AscendingOrder)
    with qtbot.waitSignal(preview.sorter.sorted, timeout=10_000):
        click_header(qtbot, preview, 1)
    assert shown(preview, 0) == ["a", "b"]


def test_the_model_stays_valid_through_a_sort(qtbot, qtmodeltester, logged) -> None:
    """Qt's model checks hold while an order is applied (a small table with a
    gap row, as compare aligns them, sorted with the labels following)."""
    from desktop.ui.detail.logged_table_view import CellsModel

    columns, rows = logged["small"]
    model = CellsModel()
    model.reset(columns, [*rows, None], ["k1", "k2", "k3"])
    qtmodeltester.check(model, force_py=True)
    model.sort(1, Qt.SortOrder.DescendingOrder)  # (no sorter: sorts at once)
    assert [model.value(r, 0) for r in range(3)] == ["b", "a", None]
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert labels == ["k1", "k2", "k3"]
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [model.value(r, 0) for r in range(3)] == ["a", "b", None]
    labels = [model.headerData(r, Qt.Orientation.Vertical) for r in range(3)]
    assert labels == ["k2", "k1", "k3"]


def test_closing_the_preview_mid_sort_is_safe(qtbot, logged) -> None:
    widget = LoggedTablePreview()
    columns, rows = logged["big"]
    widget.set_table(columns, rows, "info", "{}")
    widget.show()
    qtbot.waitExposed(widget)
    click_header(qtbot, widget, 1)
    assert widget.is_sorting()
    with qtbot.waitSignal(widget.destroyed):
        widget.deleteLater()
    QThreadPool.globalInstance().waitForDone()
    QCoreApplication.processEvents()  # the result finds no owner: dropped


def test_nan_written_as_a_json_literal_sorts_with_the_empty_cells(qtbot) -> None:
    widget = LoggedTablePreview()
    qtbot.addWidget(widget)
    rows = [(1.0,), (math.nan,), (None,), (-1.0,)]
    widget.set_table(["v"], rows, "", "")
    widget.show()
    for order in ("ascending", "descending"):
        with qtbot.waitSignal(widget.sorter.sorted, timeout=10_000):
            click_header(qtbot, widget, 0)
        values = [widget.model.value(r, 0) for r in range(4)]
        expected = [-1.0, 1.0] if order == "ascending" else [1.0, -1.0]
        assert values[:2] == expected
        assert math.isnan(values[2])
        assert values[3] is None
