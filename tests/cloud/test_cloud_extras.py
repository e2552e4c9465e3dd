"""Runs whose artifacts are in Google Cloud Storage or Azure, read without their
optional client libraries: the Artifacts tab says which extra to install.

The store is written by real MLflow (creating runs does not contact the bucket).
The ``dev`` group installs both libraries (for the emulator tests), so the tests
hide them as an install without the extras would not find them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.sources.cloud import azure, gcs
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from desktop.ui import i18n
from desktop.ui.detail.artifacts_panel import ArtifactsPanel

LOCATIONS = {
    "gcs-run": "gs://team-bucket/mlflow/gcs",
    "wasbs-run": "wasbs://artifacts@teamaccount.blob.core.windows.net/mlflow/wasbs",
    "abfss-run": "abfss://lake@teamaccount.dfs.core.windows.net/mlflow/abfss",
}
HIDDEN = ("google.cloud.storage", "azure.storage.blob", "azure.identity")


@pytest.fixture(autouse=True)
def without_the_extras(monkeypatch):
    """The extras' libraries cannot be found (as without ``--extra``)."""
    find_spec = importlib.util.find_spec

    def hiding(name, *args, **kwargs):
        if name in HIDDEN:
            return None
        return find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", hiding)
    assert not gcs.available()
    assert not azure.available()


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Iterator[Store]:
    """A store with one run per cloud location, written by MLflow and imported."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root = tmp_path_factory.mktemp("cloud-extras") / "mlruns"
    client = MlflowClient(tracking_uri=root.as_uri())
    for name, location in LOCATIONS.items():
        exp = client.create_experiment(name, artifact_location=location)
        run = client.create_run(exp, run_name=name)
        client.log_param(run.info.run_id, "where", location)
    store = open_store(Path(root.parent) / "store.db")
    run_import(store, str(root))
    yield store
    store.close()


def run_pk(store: Store, name: str) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(Run.id).where(Run.run_name == name)).scalar_one()


@pytest.mark.parametrize(
    ("name", "extra", "service"),
    [
        ("gcs-run", "gcs", "Google Cloud Storage"),
        ("wasbs-run", "azure", "Azure Blob Storage"),
        ("abfss-run", "azure", "Azure Blob Storage"),
    ],
)
def test_the_root_names_the_extra_to_install(imported, name, extra, service):
    artifacts = Catalog(imported).run_artifacts(run_pk(imported, name))
    assert artifacts.root.uri.startswith(LOCATIONS[name])
    assert artifacts.root.path is None
    assert artifacts.remotes == {}
    assert f"uv sync --extra {extra}" in artifacts.root.problem
    assert f"Reading artifacts stored in {service}" in artifacts.root.problem


@pytest.fixture
def korean(qapp, monkeypatch):
    monkeypatch.setenv(i18n.LANG_ENV, "ko")
    i18n.install_translators(i18n.resolve_language(None))
    yield
    i18n.install_translators(i18n.ENGLISH)


def test_the_panel_says_which_extra_to_install_in_korean(qtbot, imported, korean):
    panel = ArtifactsPanel(Catalog(imported))
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.show()
    panel.set_run(run_pk(imported, "gcs-run"))
    qtbot.waitUntil(lambda: not panel.is_busy(), timeout=15000)
    text = panel.current_widget().text()
    assert "Google Cloud Storage에 저장된 아티팩트를 읽으려면" in text
    assert "uv sync --extra gcs" in text
    assert (
        panel.root_label.path()
        == LOCATIONS["gcs-run"] + "/" + panel.artifacts.run_id + "/artifacts"
    )
