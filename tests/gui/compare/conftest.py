"""Compare-dialog fixtures: MLflow-written runs imported into a fresh store."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.store import queries
from desktop.ui.compare.dialog import CompareDialog
from desktop.ui.settings import Settings
from tests.conftest import fresh_store


@pytest.fixture(scope="session")
def compare_mlruns(compare_written):
    """``(mlruns folder, written runs)``: two experiments written by MLflow."""
    return compare_written


@pytest.fixture(scope="session")
def compare_template(compare_mlruns, store_template, tmp_path_factory):
    """``(store file, pk by name)``: a store with the compare runs imported, made
    once (each test opens a copy instead of importing them again)."""
    root, _ = compare_mlruns
    path = tmp_path_factory.mktemp("compare-store") / "store.db"
    made = fresh_store(store_template, path)
    run_import(made, root)
    with made.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in experiments])
        details = queries.run_details(conn, pks)
    made.close()
    assert not path.with_name("store.db-wal").exists()
    return path, {d.run_name: d.pk for d in details}


@pytest.fixture
def compare_store(tmp_path, compare_template):
    """A store with the compare runs imported; yields ``(store, pk by name)``."""
    template, pk_by_name = compare_template
    store = fresh_store(template, tmp_path / "compare" / "store.db")
    yield store, dict(pk_by_name)
    store.close()


@pytest.fixture
def open_dialog(qtbot, compare_store, analysis_process):
    """Open a compare dialog on runs given by name and wait until it is filled."""
    store, pk_by_name = compare_store

    def opener(names: list[str]) -> CompareDialog:
        dialog = CompareDialog(
            Catalog(store),
            [pk_by_name[n] for n in names],
            Settings(),
            analysis=analysis_process,
        )
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
        return dialog

    return opener


@pytest.fixture
def mlflow_client(compare_mlruns):
    """An ``MlflowClient`` reading the same file store (the oracle)."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root, _ = compare_mlruns
    return MlflowClient(tracking_uri=root.as_uri())


@pytest.fixture(scope="session")
def autolog_mlruns(tmp_path_factory):
    """An mlruns folder of autologged sklearn runs and hand-logged ones."""
    from tests.autolog_runs import write_autolog_store

    root = tmp_path_factory.mktemp("autolog") / "mlruns"
    write_autolog_store(root)
    return root


@pytest.fixture
def open_autolog(qtbot, store, autolog_mlruns, analysis_process):
    """Open a compare dialog at 1366x768 on autolog runs given by name."""
    run_import(store, autolog_mlruns)
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        pks = queries.run_pks(conn, [e.pk for e in experiments])
        pk_by_name = {d.run_name: d.pk for d in queries.run_details(conn, pks)}

    def opener(names: list[str], sort_metric: str | None = None) -> CompareDialog:
        pks = [pk_by_name[n] for n in names]
        extra = {"sort_metric": sort_metric} if sort_metric else {}
        dialog = CompareDialog(
            Catalog(store), pks, Settings(), analysis=analysis_process, **extra
        )
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        qtbot.waitUntil(lambda: not dialog.is_loading(), timeout=15000)
        return dialog

    return opener
