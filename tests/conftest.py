"""Shared fixtures: sample stores copied from the repo and a fresh local store."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete

from desktop.services import worker_pool
from desktop.services.analysis_process import AnalysisProcess
from desktop.store.database import Store, open_store
from desktop.store.schema import StoreInfo
from desktop.store.store_info import STORE_ID

DATA = Path(__file__).parent / "data"
# MLflow databases imported once per session: the database tests and the
# conformance suite of every source kind share them.
pytest_plugins = ("tests.db.db_cases", "tests.team_db.fixtures")
# Fixtures that start real ``mlflow server`` processes, or PostgreSQL and
# MariaDB servers (tens of seconds each).
SLOW_FIXTURES = frozenset(
    {
        "server_data",
        "secured_server",
        "mlruns_server",
        "pg_server",
        "mariadb_server",
        "team_written",
        "proxied_team",
    }
)


@pytest.hookimpl(tryfirst=True)  # before ``-m`` selects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use a real MLflow server are ``slow``."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


CLOUD_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_CA_BUNDLE",
    "MLFLOW_S3_ENDPOINT_URL",
    "MLFLOW_S3_IGNORE_TLS",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "AZURE_STORAGE_CONNECTION_STRING",
    "AZURE_STORAGE_ACCESS_KEY",
)


@pytest.fixture(scope="session", autouse=True)
def _no_cloud_credentials(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No cloud credentials or endpoints from the machine (``~/.aws``, instance
    metadata): runs with artifacts in buckets fail fast, offline, unless a test
    points them at its own S3 server."""
    nowhere = tmp_path_factory.mktemp("no-aws") / "absent"
    with pytest.MonkeyPatch.context() as patch:
        for name in CLOUD_VARIABLES:
            patch.delenv(name, raising=False)
        patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        patch.setenv("AWS_CONFIG_FILE", str(nowhere))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(nowhere))
        if "MLFLOW_DESKTOP_CACHE" not in os.environ:  # not the user's cache
            patch.setenv("MLFLOW_DESKTOP_CACHE", str(nowhere.with_name("cache")))
        yield


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty store file without a store id, made once per session:
    copying it is much faster than running the migrations for every test."""
    path = tmp_path_factory.mktemp("store-template") / "store.db"
    made = open_store(path)
    with made.engine.begin() as conn:
        conn.execute(delete(StoreInfo).where(StoreInfo.key == STORE_ID))
    made.close()
    assert not path.with_name("store.db-wal").exists()
    return path


def fresh_store(template: Path, path: Path) -> Store:
    """A copy of the store file ``template`` at ``path``, opened (from
    :func:`store_template`, it gets its own id as ``open_store`` gives one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    return open_store(path)


def prepared_store(template: Path, path: Path, mlruns: Path | str) -> Path:
    """A closed store file at ``path`` with ``mlruns`` imported, for a module's
    tests to open copies of with :func:`fresh_store` (importing again for every
    test cost about a second each)."""
    from desktop.services.importing import run_import

    made = fresh_store(template, path)
    report = run_import(made, str(mlruns))
    made.close()
    assert report.source_id is not None, report.problems
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.fixture
def store(tmp_path: Path, store_template: Path) -> Iterator[Store]:
    """A fresh, migrated local store in a temporary folder."""
    opened = fresh_store(store_template, tmp_path / "store.db")
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def compare_written(tmp_path_factory: pytest.TempPathFactory):
    """``(mlruns folder, written runs)``: the two compare experiments written by
    MLflow (see tests/analysis/mlflow_data.py), shared by the analysis and the
    compare-dialog tests (never modified)."""
    from tests.analysis.mlflow_data import write_compare_store

    root = tmp_path_factory.mktemp("analysis-compare") / "mlruns"
    return root, write_compare_store(root)


@pytest.fixture
def sample_mlruns(tmp_path: Path) -> Path:
    """A private copy of the MLflow 3.17.2 sample ``mlruns`` folder."""
    target = tmp_path / "project" / "mlruns"
    shutil.copytree(DATA / "sample_mlruns", target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def analysis_process() -> Iterator[AnalysisProcess]:
    """An analysis process shared by a test module (scikit-learn loads once), stopped
    after it: other tests check that imports leave no child processes behind."""
    process = AnalysisProcess()
    yield process
    process.shutdown()


@pytest.fixture
def qtmodeltester(qtmodeltester):
    """pytest-qt's model tester, whose trace (thousands of ``modeltest:`` lines)
    goes to a DEBUG logger: pytest shows it under "Captured log" of a failing test
    only, instead of printing it."""
    trace = logging.getLogger("modeltest")
    trace.setLevel(logging.DEBUG)
    qtmodeltester._debug = trace.debug
    return qtmodeltester


@pytest.fixture
def in_process_imports(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports in this process start no worker processes (as on a one-core machine).

    For modules that import many small trees: a pool's start, warm-up and shutdown
    cost about a second per import there, and so few runs are read in this process
    anyway. Pools are tested where they matter (tests/services/test_worker_pool.py,
    the kill, cancel and orphan tests, tests/db/test_db_parallel.py, big imports).
    """
    monkeypatch.setattr(worker_pool, "usable_cores", lambda: 1)
