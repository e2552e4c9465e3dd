"""Logged tables and step images of runs on a tracking server: listed through the
server, downloaded on demand, scrubbed in the Images tab and compared side by side."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from desktop.services.catalog import Catalog
from desktop.services.logged_tables import read_logged_table
from desktop.services.run_artifacts import RUN_ROOT
from desktop.services.run_files import local_file, run_files, step_images
from desktop.services.sources import run_source_import
from desktop.store import queries
from desktop.store.database import open_store
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.detail.step_images_view import StepImagesView
from desktop.ui.settings import Settings
from tests.mlflow_artviews import IDS, RUNS, STEPS, step_colour, write_artviews
from tests.server.mlflow_server import MlflowServer


@pytest.fixture(scope="module")
def artviews_server(tmp_path_factory):
    """A server of its own (the shared one's runs are counted by other tests)."""
    folder = tmp_path_factory.mktemp("artviews-server")
    server = MlflowServer(folder).start()
    try:
        written = write_artviews(server.url, folder / "scratch")
        yield server, written
    finally:
        server.kill()


@pytest.fixture
def synced(artviews_server, tmp_path):
    server, _ = artviews_server
    store = open_store(tmp_path / "store.db")
    run_source_import(store, server.url)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        details = queries.run_details(
            conn, queries.run_pks(conn, [e.pk for e in experiments])
        )
    yield store, {d.run_name: d.pk for d in details}
    store.close()


def test_server_runs_tables_and_images_through_the_server(synced) -> None:
    store, pks = synced
    catalog = Catalog(store)
    for name in RUNS:
        artifacts = catalog.run_artifacts(pks[name])
        assert RUN_ROOT in artifacts.remotes  # read through the server
        assert artifacts.logged_tables == {"eval/predictions.json"}
        assert step_images(artifacts)["samples"].steps == list(STEPS[name])
        files = run_files(artifacts)
        assert "plots/confusion_matrix.png" in files
        assert not any(p.startswith("images/") for p in files)
        path = local_file(artifacts, "eval/predictions.json")
        assert path.startswith(artifacts.root.path)  # the download cache
        table = read_logged_table(path, "eval/predictions.json")
        assert [r[0] for r in table.rows] == IDS[name]


def test_the_images_tab_and_compare_read_server_images(
    qtbot, synced, analysis_process
) -> None:
    store, pks = synced
    catalog = Catalog(store)
    view = StepImagesView(catalog)
    qtbot.addWidget(view)
    view.resize(700, 600)
    view.show()
    view.set_run(pks["beta"])
    qtbot.waitUntil(lambda: view.shown is not None, timeout=60000)
    assert view.shown.step == 15
    image = view.shown_image()
    assert image.pixelColor(5, 5) == QColor(*step_colour("beta", 15))
    view.slider.setFocus()
    qtbot.keyClick(view.slider, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: view.shown.step == 0, timeout=60000)
    assert view.shown_image().pixelColor(5, 5) == QColor(*step_colour("beta", 0))

    dialog = CompareDialog(
        catalog, [pks[n] for n in RUNS], Settings(), analysis=analysis_process
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=30000)
    section = dialog.show_section("artifacts")
    qtbot.waitUntil(lambda: section.scan is not None, timeout=60000)
    grid = section.images
    grid.key_combo.setCurrentIndex(grid.key_combo.findData("samples"))
    qtbot.waitUntil(lambda: grid.shown_steps() == [10, 15, 12], timeout=60000)
