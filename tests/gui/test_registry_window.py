"""The model registry window and the run overview's "Registered as" links, driven
like a user on a registry written by real MLflow."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMenu

from desktop.ui.main_window import MainWindow
from desktop.ui.registry_window import RegistryWindow
from desktop.ui.settings import Settings
from tests.conftest import fresh_store, prepared_store
from tests.gui.conftest import wait_for_runs
from tests.gui.test_run_detail import select_run
from tests.mlflow_registry import write_registry


@pytest.fixture(scope="module")
def registry_store(store_template, tmp_path_factory):
    """A store with an mlruns folder holding a registry imported, made once."""
    base = tmp_path_factory.mktemp("gui-registry")
    root = base / "project" / "mlruns"
    written = write_registry(root.as_uri())
    return prepared_store(store_template, base / "store.db", root), written


@pytest.fixture
def registry_view(qtbot, registry_store, tmp_path):
    path, written = registry_store
    store = fresh_store(path, tmp_path / "store.db")
    win = MainWindow(store, Settings())
    qtbot.addWidget(win)
    win.show()
    wait_for_runs(qtbot, win, count=3)
    yield win, written
    win.importer.cancel()
    win.importer.wait()
    store.close()


def _cells(table, row: int) -> list[str]:
    model = table.model()
    return [str(model.index(row, c).data()) for c in range(model.columnCount())]


def _column(table, title: str) -> int:
    model = table.model()
    titles = [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
    ]
    return titles.index(title)


def _open_registry(qtbot, win) -> RegistryWindow:
    win.registry_action.trigger()
    registry = win.registry_window
    assert registry is not None
    qtbot.waitUntil(lambda: registry.isVisible() and not registry.is_busy())
    return registry


def test_registry_lists_models_and_versions(qtbot, registry_view) -> None:
    win, _written = registry_view
    registry = _open_registry(qtbot, win)
    models = registry.model_table
    qtbot.waitUntil(lambda: models.model().rowCount() == 3)
    names = [_cells(models, r)[0] for r in range(3)]
    assert names == ["churn-model", "empty-model", "fraud-model"]
    churn = dict(zip(_headers(models), _cells(models, 0), strict=True))
    assert churn["Versions"] == "3"
    assert churn["Latest version"] == "v3"
    assert churn["Aliases"] == "@challenger → v2, @champion → v3"
    assert churn["Tags"] == "task=classification, team=growth"
    assert churn["Description"] == "Predicts which customers leave."
    assert registry.count_label.text() == "Models: 3 of 3"

    # The first model's versions show, newest first.
    versions = registry.version_table
    qtbot.waitUntil(lambda: versions.model().rowCount() == 3)
    assert "churn-model" in registry.versions_title.text()
    rows = [
        dict(zip(_headers(versions), _cells(versions, r), strict=True))
        for r in range(3)
    ]
    assert [r["Version"] for r in rows] == ["v3", "v2", "v1"]
    assert [r["Aliases"] for r in rows] == ["@champion", "@challenger", ""]
    assert [r["Stage"] for r in rows] == ["—", "Staging", "—"]
    assert [r["Source run"] for r in rows] == ["train-3", "train-2", "train-1"]
    assert rows[0]["Tags"] == "validated=yes"

    # Filtering narrows the models; picking another shows its versions.
    registry.filter_edit.setText("fraud")
    assert registry.count_label.text() == "Models: 1 of 3"
    rect = models.visualRect(models.model().index(0, 0))
    qtbot.mouseClick(models.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: "fraud-model" in registry.versions_title.text())
    qtbot.waitUntil(lambda: versions.model().rowCount() == 1)
    assert _cells(versions, 0)[_column(versions, "Source run")] == "train-1"


def _headers(table) -> list[str]:
    model = table.model()
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(model.columnCount())
    ]


def test_clicking_a_source_run_selects_it_in_the_main_window(
    qtbot, registry_view
) -> None:
    win, written = registry_view
    # Another experiment is shown: the link must switch to the run's experiment.
    assert win.experiments.select_experiment(_experiment_pk(win, "Default"))
    wait_for_runs(qtbot, win, count=0)
    registry = _open_registry(qtbot, win)
    versions = registry.version_table
    qtbot.waitUntil(lambda: versions.model().rowCount() == 3)
    cell = versions.visualRect(
        versions.model().index(1, _column(versions, "Source run"))
    )
    qtbot.mouseClick(versions.viewport(), Qt.MouseButton.LeftButton, pos=cell.center())
    wait_for_runs(qtbot, win, count=3)
    pk = _run_pk(win, "train-2")
    qtbot.waitUntil(lambda: win.runs.selected_pks() == {pk})
    qtbot.waitUntil(
        lambda: (
            win.detail.overview is not None
            and win.detail.overview.detail.run_id == written.runs["train-2"]
        )
    )
    assert win.detail.isVisible()


def test_run_overview_links_to_its_registered_versions(qtbot, registry_view) -> None:
    win, _written = registry_view
    select_run(qtbot, win, "train-1")
    page = win.detail.overview_page
    assert page.field_text("models") == "churn-model v1, fraud-model v1"
    select_run(qtbot, win, "train-3")
    assert page.field_text("models") == "churn-model v3 (champion)"
    select_run(qtbot, win, "train-2")
    assert page.field_text("models") == "churn-model v2 (challenger)"

    # The link opens the registry on that model and version.
    label = page.fields["models"]
    (href,) = re.findall(r"href='([^']+)'", label.text())
    label.linkActivated.emit(href)
    registry = win.registry_window
    assert registry is not None
    versions = registry.version_table
    qtbot.waitUntil(lambda: versions.model().rowCount() == 3 and not registry.is_busy())
    assert "churn-model" in registry.versions_title.text()
    assert versions.currentIndex().row() == 1  # v2
    assert registry.open_run_button.isEnabled()


def test_a_run_without_versions_hides_the_row(qtbot, registry_view, tmp_path) -> None:
    win, _written = registry_view
    select_run(qtbot, win, "train-1")
    page = win.detail.overview_page
    assert page.fields["models"].isVisibleTo(page)
    # Forget the registry (as after an import of a source without one).
    with win.store.begin() as conn:
        conn.execute("DELETE FROM registered_models")
    win.detail.refresh()
    qtbot.waitUntil(lambda: not page.fields["models"].isVisibleTo(page))


def _experiment_pk(win, name: str) -> int:
    tree = win.experiments
    for row in range(tree.proxy.rowCount()):
        parent = tree.proxy.index(row, 0)
        for child in range(tree.proxy.rowCount(parent)):
            index = tree.proxy.index(child, 0, parent)
            if str(index.data()).startswith(name + "  ("):
                return index.data(Qt.ItemDataRole.UserRole + 2)
    raise AssertionError(f"no experiment {name}")


def _run_pk(win, name: str) -> int:
    model = win.runs.model
    for row in range(model.rowCount()):
        data = model.row_data(row)
        if data is not None and data.run_name == name:
            return data.pk
    raise AssertionError(f"{name} not in the table")


@pytest.mark.parametrize("kind", ["folder", "database"])
def test_live_refresh_shows_a_changed_registry(
    qtbot, fast_ticks, window, tmp_path, kind
) -> None:
    """MLflow registers a new version while the app is open: the registry window
    and the run overview follow without a manual refresh."""
    import mlflow
    from mlflow import MlflowClient

    if kind == "folder":
        location = tmp_path / "project" / "mlruns"
        uri = location.as_uri()
    else:
        location = tmp_path / "project" / "mlflow.db"
        location.parent.mkdir(parents=True)
        uri = f"sqlite:///{location}"
    written = write_registry(uri)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.import_paths([str(location)])
    wait_for_runs(qtbot, window, count=3)
    select_run(qtbot, window, "train-2")
    page = window.detail.overview_page
    assert page.field_text("models") == "churn-model v2 (challenger)"
    registry = _open_registry(qtbot, window)
    qtbot.waitUntil(lambda: registry.model_table.model().rowCount() == 3)

    mlflow.set_tracking_uri(uri)
    client = MlflowClient(tracking_uri=uri)
    rid = written.runs["train-2"]
    client.create_model_version("churn-model", f"runs:/{rid}/model", run_id=rid)
    client.set_registered_model_alias("churn-model", "champion", "4")

    def followed() -> None:
        cells = dict(
            zip(
                _headers(registry.model_table),
                _cells(registry.model_table, 0),
                strict=True,
            )
        )
        assert cells["Latest version"] == "v4"
        assert cells["Aliases"] == "@challenger → v2, @champion → v4"
        assert page.field_text("models") == (
            "churn-model v4 (champion), churn-model v2 (challenger)"
        )
        assert registry.version_table.model().rowCount() == 4

    qtbot.waitUntil(followed, timeout=20000)


def test_hostile_names_and_descriptions_are_shown_as_text(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    """Anyone who can register a model chooses its name and description: they
    are shown as written, never read as HTML (an <img> could read local files)."""
    import mlflow
    from mlflow import MlflowClient

    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
    root = tmp_path / "project" / "mlruns"
    uri = root.as_uri()
    mlflow.set_tracking_uri(uri)
    client = MlflowClient(tracking_uri=uri)
    client.create_experiment("hostile")
    name = "<b>bold<b> & <img src='x.png'>"
    description = "<h1>big</h1><img src='file:///etc/hostname'>"
    client.create_registered_model(name, description=description)
    with qtbot.waitSignal(window.import_finished, timeout=60000):
        window.import_paths([str(root)])
    registry = _open_registry(qtbot, window)
    qtbot.waitUntil(lambda: registry.model_table.model().rowCount() == 1)
    shown = name
    index = registry.model_table.model().index(0, 0)
    assert index.data() == shown
    tooltip = str(index.data(Qt.ItemDataRole.ToolTipRole))
    assert "<img" not in tooltip
    assert "&lt;img" in tooltip
    qtbot.waitUntil(
        lambda: (
            shown in registry.versions_title.text()
            or "&lt;b&gt;" in registry.versions_title.text()
        )
    )
    assert "<b>bold</b>" not in registry.versions_title.text()
    assert registry.description_label.text() == description
    assert registry.description_label.textFormat() == Qt.TextFormat.PlainText


def test_a_sources_context_menu_opens_its_registered_models(
    qtbot, registry_view
) -> None:
    win, _written = registry_view
    tree = win.experiments.tree
    source = tree.model().index(0, 0)
    pos = tree.visualRect(source).center()

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        action = next(a for a in menu.actions() if a.text() == "Registered models…")
        action.trigger()
        menu.close()

    QTimer.singleShot(200, choose)
    tree.customContextMenuRequested.emit(pos)
    qtbot.waitUntil(lambda: win.registry_window is not None)
    registry = win.registry_window
    qtbot.waitUntil(lambda: not registry.is_busy() and bool(registry.versions))
    assert registry.isVisible()
    assert "churn-model" in registry.versions_title.text()
