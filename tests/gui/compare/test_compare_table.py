"""The compare dialog opens on MLflow runs; its table shows and marks differences."""

from __future__ import annotations

import csv
import math

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from desktop.analysis.compare_table import Direction
from desktop.services.catalog import Catalog
from desktop.services.importing import source_name
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.compare.table_model import BEST, DIFFER, RAW_ROLE
from desktop.ui.settings import Settings

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees

NAMES = ["a-run-00", "a-run-01", "a-run-02", "b-run-00"]


def _run_by_name(client, written, name):
    run_id = next(w.run_id for w in written if w.name == name)
    return client.get_run(run_id)


def test_dialog_paints_loading_state_then_fills(qtbot, compare_store, analysis_process):
    store, pk_by_name = compare_store
    dialog = CompareDialog(
        Catalog(store),
        [pk_by_name[n] for n in NAMES],
        Settings(),
        analysis=analysis_process,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.objectName() == "compareDialog"
    assert not dialog.isModal()
    # Before the worker reports, the loading page is what the user sees.
    assert dialog.stack.currentIndex() == 0
    assert dialog.loading_label.isVisible()
    assert dialog.busy.isVisible()
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.tabs, timeout=15000)
    assert dialog.windowTitle() == "Comparing 4 runs from 2 experiments"
    assert dialog.findChild(object, "compareTable") is dialog.table
    assert dialog.table.isVisible()
    # Plot sections are made on demand and carry their object names.
    for attribute, name in (
        ("parallel", "parallelCoordinates"),
        ("scatter", "scatterPlot"),
        ("curves", "metricCurves"),
        ("importance", "paramImportance"),
    ):
        section = getattr(dialog, attribute)
        assert dialog.findChild(object, name) is section
        assert not section.isVisible()


def test_several_dialogs_open_at_once(qtbot, open_dialog):
    first = open_dialog(NAMES[:2])
    second = open_dialog(NAMES)
    assert first.isVisible()
    assert second.isVisible()
    assert first.windowTitle() == "Comparing 2 runs from 1 experiment"
    assert second.windowTitle() == "Comparing 4 runs from 2 experiments"


def test_differences_only_hides_exactly_the_equal_rows(
    qtbot, open_dialog, mlflow_client, compare_mlruns
):
    _, written = compare_mlruns
    dialog = open_dialog(NAMES)
    section = dialog.table
    runs = [_run_by_name(mlflow_client, written, n) for n in NAMES]

    def differing(kind: str, values) -> set[str]:
        keys = set().union(*(v.keys() for v in values))
        return {
            f"{kind}:{k}" for k in keys if len({repr(v.get(k)) for v in values}) > 1
        }

    params = [r.data.params for r in runs]
    metrics = [r.data.metrics for r in runs]
    tags = [
        {k: v for k, v in r.data.tags.items() if k != "mlflow.runName"} for r in runs
    ]
    all_ids = (
        {f"param:{k}" for k in params[0]}
        | {f"metric:latest:{k}" for m in metrics for k in m}
        | {f"tag:{k}" for t in tags for k in t}
    )
    expected = (
        differing("param", params)
        | {f"metric:latest:{k[7:]}" for k in differing("metric", metrics)}
        | differing("tag", tags)
        # Two experiments, different start times; status, user, duration, source
        # are the same for all four runs.
        | {"fact:experiment", "fact:start_time"}
        | {"fact:run_id"}  # always shown, to tell the runs apart
    )
    assert "param:batch_size" not in expected  # the data has equal rows to hide
    assert "metric:latest:constant" not in expected

    shown = {r.id for r in section.model.rows()}
    assert all_ids <= shown
    qtbot.mouseClick(section.diff_only, Qt.MouseButton.LeftButton)
    assert section.diff_only.isChecked()
    assert {r.id for r in section.model.rows()} == expected
    qtbot.mouseClick(section.diff_only, Qt.MouseButton.LeftButton)
    assert {r.id for r in section.model.rows()} == shown


def test_differing_cells_and_best_values_are_marked(qtbot, open_dialog, compare_mlruns):
    _, written = compare_mlruns
    dialog = open_dialog(NAMES)
    model = dialog.table.model
    by_name = {w.name: w for w in written}

    def cell(row_id: str, name: str):
        return model.index(model.section_of(row_id), NAMES.index(name))

    # batch_size is equal everywhere: no highlight.
    assert (
        cell("param:batch_size", NAMES[0]).data(Qt.ItemDataRole.BackgroundRole) is None
    )
    # loss: lower is better, guessed from the name; score: higher is better.
    losses = {n: by_name[n].latest["loss"] for n in NAMES}
    scores = {n: by_name[n].latest["score"] for n in NAMES}
    best_loss, best_score = min(losses, key=losses.get), max(scores, key=scores.get)
    for name in NAMES:
        loss_bg = cell("metric:latest:loss", name).data(Qt.ItemDataRole.BackgroundRole)
        assert loss_bg == (BEST if name == best_loss else DIFFER)
        score = cell("metric:latest:score", name)
        assert (score.data(Qt.ItemDataRole.BackgroundRole) == BEST) == (
            name == best_score
        )
        assert math.isclose(score.data(RAW_ROLE), scores[name], rel_tol=1e-12)
    loss_row = model.section_of("metric:latest:loss")
    assert model.headerData(loss_row, Qt.Orientation.Vertical).endswith("↓")
    # The user flips loss to higher-is-better: the best mark moves.
    dialog.table.set_direction("loss", Direction.HIGHER)
    worst_loss = max(losses, key=losses.get)
    assert (
        cell("metric:latest:loss", worst_loss).data(Qt.ItemDataRole.BackgroundRole)
        == BEST
    )


def test_min_max_transpose_sort_copy_and_export(
    qtbot, open_dialog, compare_mlruns, tmp_path
):
    _, written = compare_mlruns
    dialog = open_dialog(NAMES)
    section = dialog.table
    qtbot.mouseClick(section.min_max, Qt.MouseButton.LeftButton)
    ids = {r.id for r in section.model.rows()}
    assert {"metric:min:loss", "metric:max:loss", "metric:latest:loss"} <= ids
    min_loss = next(r for r in section.model.rows() if r.id == "metric:min:loss")
    by_name = {w.name: w for w in written}
    assert min_loss.values == tuple(
        min(v for _, _, v in by_name[n].history["loss"]) for n in NAMES
    )

    qtbot.mouseClick(section.transpose, Qt.MouseButton.LeftButton)
    model = section.model
    assert model.rowCount() == len(NAMES)
    score_column = model.section_of("metric:latest:score")
    header = section.view.horizontalHeader()
    section.view.scrollTo(model.index(0, score_column))
    x = header.sectionViewportPosition(score_column) + 10
    qtbot.mouseClick(
        header.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(x, header.height() // 2),
    )
    shown = [model.headerData(r, Qt.Orientation.Vertical) for r in range(4)]
    # One click shows the best score first, as in the runs table.
    by_score = sorted(NAMES, key=lambda n: by_name[n].latest["score"], reverse=True)
    assert shown == by_score

    section.view.clearSelection()
    section.copy()
    text = QApplication.clipboard().text()
    assert all(name in text for name in NAMES)
    assert text.count("\n") == len(NAMES) + 1

    path = tmp_path / "table.csv"
    section.export_csv(str(path))
    with open(path, newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle))
    assert table[0][:2] == ["run_id", "run_name"]
    assert len(table) == len(NAMES) + 1
    column = table[0].index("metrics.score")
    for row in table[1:]:
        assert float(row[column]) == by_name[row[1]].latest["score"]


def test_run_ids_imported_from_and_the_whole_width(
    qtbot, open_dialog, mlflow_client, compare_mlruns
):
    _, written = compare_mlruns
    dialog = open_dialog(NAMES)
    dialog.resize(1280, 720)
    section = dialog.table
    model, view = section.model, section.view
    vertical = Qt.Orientation.Vertical
    titles = [model.headerData(r, vertical) for r in range(model.rowCount())]
    # A Run ID row, showing each column's run id.
    row = titles.index("Run ID")
    ids = [_run_by_name(mlflow_client, written, n).info.run_id for n in NAMES]
    assert [model.index(row, c).data() for c in range(len(NAMES))] == ids
    # The folder the runs came from is not called "Source" (that is the script).
    assert "Source" not in titles
    imported = titles.index("Imported from")
    root, _ = compare_mlruns
    assert model.index(imported, 0).data() == source_name(str(root))
    # Run ids always differ; they stay, unmarked, with differences only.
    qtbot.mouseClick(section.diff_only, Qt.MouseButton.LeftButton)
    row = model.section_of("fact:run_id")
    assert row >= 0
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) is None

    # The run columns share the whole width, and follow the dialog's size.
    def filled() -> bool:
        used = sum(view.columnWidth(c) for c in range(model.columnCount()))
        return abs(used - view.viewport().width()) <= 2

    qtbot.waitUntil(filled)
    dialog.resize(1600, 720)
    qtbot.waitUntil(filled)
