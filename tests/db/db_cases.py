"""Fixtures of MLflow databases: MLflow-written ones, samples, old schemas.

A *case* is one ``mlflow.db`` imported into a fresh store, plus an MLflow client on
(a copy of) the same database. Cases are built once per session and shared by the
database tests and the conformance suite of every kind (``tests/conformance``), so
this module is a plugin of the root ``conftest.py``.
"""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.importing_db import run_db_import
from desktop.store.database import open_store
from tests.conformance.conformance_compare import Imported, tree_digest
from tests.db.db_compare import DbCase, ExpectedDb
from tests.db.db_writer import WrittenDb, write_db

DATA = Path(__file__).resolve().parents[1] / "data"
LEGACY = ("mlflow-1.0.0", "mlflow-1.30.1", "mlflow-2.22.0")
SAMPLES = ("sqlite_sample", "migrated", *LEGACY)
CASES = ("generated", *SAMPLES)


@pytest.fixture(scope="session")
def written_db(tmp_path_factory: pytest.TempPathFactory) -> WrittenDb:
    """The database written by MLflow itself for these tests (never modified)."""
    return write_db(tmp_path_factory.mktemp("written") / "project")


def copy_sample(name: str, target: Path) -> tuple[Path, str]:
    """Copy a sample database (with its artifact folder) below ``target``.

    Returns the database path and the name of the folder, next to it, that holds
    the artifacts of runs whose recorded folder is missing (mlflow-formats.md §2.7).
    """
    if name == "sqlite_sample":
        shutil.copytree(DATA / "sqlite_sample", target)
        return target / "mlflow.db", "mlruns"
    if name == "migrated":  # its URIs point into .../sample_mlruns/
        target.mkdir(parents=True)
        shutil.copy2(DATA / "migrated_from_filestore.db", target / "mlflow.db")
        shutil.copytree(DATA / "sample_mlruns", target / "sample_mlruns")
        return target / "mlflow.db", "sample_mlruns"
    shutil.copytree(DATA / "legacy_dbs" / name, target)
    return target / "mlflow.db", "mlruns"


def upgraded_copy(db: Path, target: Path) -> Path:
    """A copy of an old database upgraded to this MLflow's schema (for the oracle)."""
    from mlflow.store.db.utils import _upgrade_db
    from sqlalchemy import create_engine

    target.mkdir(parents=True)
    copy = target / "mlflow.db"
    shutil.copy2(db, copy)
    engine = create_engine(f"sqlite:///{copy}")
    try:
        with warnings.catch_warnings():  # MLflow's old migrations warn on SA 2
            warnings.simplefilter("ignore")
            _upgrade_db(engine)
    finally:
        engine.dispose()
    return copy


@pytest.fixture(scope="session")
def db_case_cache() -> Iterator[dict[str, DbCase]]:
    """Cases built so far, by name (their stores are closed at the end)."""
    cache: dict[str, DbCase] = {}
    yield cache
    for case in cache.values():
        case.store.close()


def build_case(
    name: str, cache: dict[str, DbCase], factory: pytest.TempPathFactory, request
) -> DbCase:
    """Import one database into a fresh store and bind MLflow to (a copy of) it."""
    if name in cache:
        return cache[name]
    from mlflow import MlflowClient

    base = factory.mktemp(f"db-{name}")
    if name == "generated":
        written: WrittenDb = request.getfixturevalue("written_db")
        source, fallback = written.path, "mlruns"
        oracle = source
    else:
        source, fallback = copy_sample(name, base / "pristine")
        oracle_db, _ = copy_sample(name, base / "oracle")
        oracle = (
            upgraded_copy(oracle_db, base / "upgraded") if name in LEGACY else oracle_db
        )
    store = open_store(base / "store.db")
    before = tree_digest(source.parent)
    report = run_db_import(store, source)
    untouched = tree_digest(source.parent) == before
    assert report.source_id is not None, report.problems
    client = MlflowClient(tracking_uri=f"sqlite:///{oracle}")
    case = DbCase(
        name=name,
        source=source,
        expected=ExpectedDb(client, source.parent, fallback),
        imported=Imported(store, report.source_id),
        report=report,
        store=store,
        untouched=untouched,
    )
    cache[name] = case
    return case


@pytest.fixture(scope="session", params=CASES)
def db_case(request, db_case_cache, tmp_path_factory) -> DbCase:
    """Each database in turn: MLflow-written, the real samples, old schemas."""
    return build_case(request.param, db_case_cache, tmp_path_factory, request)


@pytest.fixture(scope="session")
def generated_case(request, db_case_cache, tmp_path_factory) -> DbCase:
    """Only the database written by MLflow for these tests."""
    return build_case("generated", db_case_cache, tmp_path_factory, request)


@pytest.fixture
def db_copy(written_db: WrittenDb, tmp_path: Path) -> WrittenDb:
    """A private copy of the MLflow-written database and its artifacts."""
    project = tmp_path / "project"
    shutil.copytree(written_db.path.parent, project)
    return WrittenDb(project / "mlflow.db", written_db.written, dict(written_db.runs))
