"""The model registry of mlruns folders and MLflow databases written by real
MLflow: what the store holds equals what MlflowClient reads, re-imports and live
refresh follow changes, bad files are problems."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.importing_db import run_db_import
from desktop.services.store_actions import remove_source
from desktop.services.watching import MlrunsWatcher
from tests.conftest import fresh_store
from tests.mlflow_registry import WrittenRegistry, write_registry
from tests.registry.registry_compare import client_view, store_view

pytestmark = pytest.mark.usefixtures("in_process_imports")


@pytest.fixture(scope="module")
def written_folder(tmp_path_factory) -> tuple[Path, WrittenRegistry]:
    """An mlruns folder with a registry, written once (never modified)."""
    root = tmp_path_factory.mktemp("registry-folder") / "mlruns"
    return root, write_registry(root.as_uri())


@pytest.fixture(scope="module")
def written_db(tmp_path_factory) -> tuple[Path, WrittenRegistry]:
    """An mlflow.db with a registry, written once (never modified)."""
    folder = tmp_path_factory.mktemp("registry-db")
    db = folder / "mlflow.db"
    cwd = os.getcwd()
    os.chdir(folder)  # its artifacts go to ./mlruns here, not the test's cwd
    try:
        return db, write_registry(f"sqlite:///{db}")
    finally:
        os.chdir(cwd)


@pytest.fixture
def catalog(tmp_path, store_template) -> Iterator[Catalog]:
    store = fresh_store(store_template, tmp_path / "store.db")
    yield Catalog(store)
    store.close()


def _copy_folder(written: tuple[Path, WrittenRegistry], tmp_path: Path) -> Path:
    target = tmp_path / "project" / "mlruns"
    shutil.copytree(written[0], target, symlinks=True)
    return target


def _client(uri: str):
    import mlflow
    from mlflow import MlflowClient

    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    mlflow.set_tracking_uri(uri)
    return MlflowClient(tracking_uri=uri)


def test_folder_registry_equals_mlflow_client(written_folder, catalog) -> None:
    root, _written = written_folder
    report = run_import(catalog.store, root)
    assert report.problems == []
    assert report.registered_models == 3
    expected = client_view(root.as_uri())
    assert store_view(catalog) == expected
    assert sorted(expected) == ["churn-model", "empty-model", "fraud-model"]
    churn = expected["churn-model"]
    assert churn["aliases"] == {"champion": 3, "challenger": 2}
    assert churn["versions"][2]["stage"] == "Staging"


def test_database_registry_equals_mlflow_client(written_db, catalog) -> None:
    db, _written = written_db
    before = db.read_bytes()
    report = run_db_import(catalog.store, db)
    assert report.problems == []
    assert report.registered_models == 3
    assert store_view(catalog) == client_view(f"sqlite:///{db}")
    assert db.read_bytes() == before  # strictly read-only


def test_run_shows_the_versions_it_produced(written_folder, catalog) -> None:
    root, written = written_folder
    run_import(catalog.store, root)
    by_run = {}
    for run_name, run_id in written.runs.items():
        (pk,) = [
            v.run_pk
            for m in catalog.registered_models()
            for v in catalog.model_versions(m.source_id, m.name)
            if v.run_id == run_id
        ][:1]
        overview = catalog.run_overview(pk)
        assert overview is not None
        assert overview.detail.run_id == run_id
        by_run[run_name] = [
            (v.model_name, v.version, v.aliases) for v in overview.model_versions
        ]
    assert by_run == {
        "train-1": [("churn-model", 1, ()), ("fraud-model", 1, ())],
        "train-2": [("churn-model", 2, ("challenger",))],
        "train-3": [("churn-model", 3, ("champion",))],
    }


def test_registry_follows_reimports_and_goes_with_its_source(
    written_folder, catalog, tmp_path
) -> None:
    root = _copy_folder(written_folder, tmp_path)
    report = run_import(catalog.store, root)
    client = _client(root.as_uri())
    rid = written_folder[1].runs["train-1"]
    client.create_model_version("churn-model", f"runs:/{rid}/model", run_id=rid)
    client.set_registered_model_alias("churn-model", "champion", "4")
    client.delete_registered_model("empty-model")
    run_import(catalog.store, root)  # incremental: no run changed
    assert store_view(catalog) == client_view(root.as_uri())
    churn = {m.name: m for m in catalog.registered_models()}["churn-model"]
    assert churn.latest is not None
    assert churn.latest.version == 4
    assert churn.latest.aliases == ("champion",)
    assert "empty-model" not in {m.name for m in catalog.registered_models()}

    assert report.source_id is not None
    remove_source(catalog, report.source_id)
    assert catalog.registered_models() == []
    with catalog.store.engine.connect() as conn:
        for table in ("model_versions", "model_version_tags", "registered_model_tags"):
            assert conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() == 0


def test_live_refresh_sees_a_changed_registry(
    written_folder, catalog, tmp_path
) -> None:
    root = _copy_folder(written_folder, tmp_path)
    run_import(catalog.store, root)
    watcher = MlrunsWatcher(catalog.store, str(root))
    assert watcher.poll().empty
    client = _client(root.as_uri())
    client.set_registered_model_alias("fraud-model", "prod", "1")
    client.set_registered_model_tag("fraud-model", "owner", "risk")
    changes = watcher.poll()
    assert changes.registry
    assert not changes.runs
    watcher.apply(changes)
    fraud = {m.name: m for m in catalog.registered_models()}["fraud-model"]
    assert fraud.aliases == {"prod": 1}
    assert fraud.tags == {"owner": "risk"}
    assert watcher.poll().empty


def test_a_corrupt_version_file_is_a_problem_and_the_rest_imports(
    written_folder, catalog, tmp_path
) -> None:
    root = _copy_folder(written_folder, tmp_path)
    bad = root / "models" / "churn-model" / "version-2" / "meta.yaml"
    bad.write_text("version: [2\nrun_id: {oops", encoding="utf-8")
    report = run_import(catalog.store, root)
    assert [p.path for p in report.problems] == [str(bad)]
    assert "invalid YAML" in report.problems[0].message
    models = {m.name: m for m in catalog.registered_models()}
    assert sorted(models) == ["churn-model", "empty-model", "fraud-model"]
    versions = catalog.model_versions(models["churn-model"].source_id, "churn-model")
    assert [v.version for v in versions] == [3, 1]
    # The app stored the problem for the source, as for any other bad file.
    with catalog.store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT path FROM source_problems").all()
    assert stored == [(str(bad),)]


def test_old_database_without_aliases_or_registry(
    written_db, catalog, tmp_path
) -> None:
    """Databases of MLflow before 2.3 have no alias table; before 1.x's registry
    migration, no registry tables at all."""
    db = tmp_path / "old" / "mlflow.db"
    db.parent.mkdir()
    shutil.copy2(written_db[0], db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE registered_model_aliases")
    run_db_import(catalog.store, db)
    churn = {m.name: m for m in catalog.registered_models()}["churn-model"]
    assert churn.aliases == {}
    assert churn.version_count == 3
    with sqlite3.connect(db) as conn:
        for table in (
            "model_version_tags",
            "registered_model_tags",
            "model_versions",
            "registered_models",
        ):
            conn.execute(f"DROP TABLE {table}")
    report = run_db_import(catalog.store, db)
    assert report.problems == []
    assert report.registered_models == 0
    assert catalog.registered_models() == []


def test_database_live_refresh_sees_a_changed_registry(
    written_db, catalog, tmp_path
) -> None:
    from desktop.services.live import DatabaseWatcher

    db = tmp_path / "live" / "mlflow.db"
    db.parent.mkdir()
    shutil.copy2(written_db[0], db)
    first = run_db_import(catalog.store, db)
    assert first.registry_changed
    assert not run_db_import(catalog.store, db).registry_changed  # nothing new
    watcher = DatabaseWatcher(catalog.store, str(db))
    watcher.apply(watcher.poll())  # the first poll checks everything
    client = _client(f"sqlite:///{db}")
    client.set_registered_model_alias("fraud-model", "prod", "1")
    changes = watcher.poll()
    assert not changes.empty
    assert not changes.full  # a cheap refresh of the changed runs (none)
    report = watcher.apply(changes)
    assert report.registry_changed
    assert report.runs_read == 0
    fraud = {m.name: m for m in catalog.registered_models()}["fraud-model"]
    assert fraud.aliases == {"prod": 1}


def test_a_meta_file_linked_outside_the_folder_is_not_read(
    written_folder, catalog, tmp_path
) -> None:
    root = _copy_folder(written_folder, tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    version = root / "models" / "fraud-model" / "version-1" / "meta.yaml"
    outside.write_bytes(version.read_bytes())
    version.unlink()
    version.symlink_to(outside)
    report = run_import(catalog.store, root)
    assert [(p.path, p.message) for p in report.problems] == [
        (str(version), "link points outside the source folder; skipped")
    ]
    fraud = {m.name: m for m in catalog.registered_models()}["fraud-model"]
    assert fraud.version_count == 0


def test_an_unreadable_registry_in_a_database_keeps_the_runs(
    written_db, catalog, tmp_path
) -> None:
    """A registry table of an unexpected shape is a problem; the runs import and
    the registry stored before is kept."""
    db = tmp_path / "odd" / "mlflow.db"
    db.parent.mkdir()
    shutil.copy2(written_db[0], db)
    run_db_import(catalog.store, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE model_versions")
        conn.execute("CREATE TABLE model_versions (version INTEGER)")
    report = run_db_import(catalog.store, db)
    assert report.runs_total == 3
    assert len(report.problems) == 1
    assert report.problems[0].path == str(db)
    assert report.problems[0].message.startswith("model registry: cannot read")
    assert {m.name for m in catalog.registered_models()} == {
        "churn-model",
        "empty-model",
        "fraud-model",
    }
