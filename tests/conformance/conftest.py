"""Fixtures: sources read both by MLflow and by our importer, of every kind.

A *case* is one source imported into a fresh store, plus an MLflow client on (a
copy of) the same source. Cases are built once per session and shared: ``mlruns``
folders here, MLflow databases in ``tests/db/db_cases.py``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.import_pipeline import ImportOptions
from desktop.services.importing import run_import
from desktop.services.sources import run_source_import
from desktop.store.database import open_store
from tests.conformance.conformance_compare import (
    Case,
    Expected,
    Imported,
    client_artifacts,
    restore_run_subfolders,
    tree_digest,
)
from tests.conformance.conformance_writer import Written, write_store
from tests.db.db_cases import CASES as DB_CASES
from tests.db.db_cases import build_case
from tests.db.db_compare import ExpectedDb
from tests.server.mlflow_server import MlflowServer
from tests.team_db.fixtures import FAMILIES as TEAM_FAMILIES
from tests.team_db.fixtures import OLD_SAMPLES, old_team_db, written_team_db
from tests.team_db.servers import content_digest

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = ("sample_mlruns", "sample_mlruns_v1", "sample_mlruns_v2")
CASES = ("generated", *SAMPLES)


@pytest.fixture(scope="session", autouse=True)
def _mlflow_environment() -> Iterator[None]:
    """Let MLflow 3.13+ open file stores, and keep it off the network."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
        patch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
        patch.setenv("DO_NOT_TRACK", "true")
        yield


@pytest.fixture(scope="session")
def written(tmp_path_factory: pytest.TempPathFactory) -> Written:
    """The FileStore written by MLflow itself (see ``conformance_writer``)."""
    base = tmp_path_factory.mktemp("generated")
    return write_store(base / "mlruns", base / "staging")


@pytest.fixture(scope="session")
def case_cache() -> Iterator[dict[str, Case]]:
    """Cases built so far, by name (their stores are closed at the end)."""
    cache: dict[str, Case] = {}
    yield cache
    for case in cache.values():
        case.store.close()


def _build(
    name: str, cache: dict[str, Case], factory: pytest.TempPathFactory, request
) -> Case:
    if name in cache:
        return cache[name]
    from mlflow import MlflowClient

    base = factory.mktemp(name)
    written = None
    if name == "generated":
        written = request.getfixturevalue("written")
        source = oracle = written.root
    else:
        # Never point MLflow (or the importer) at tests/data itself.
        source = base / "pristine" / "mlruns"
        oracle = base / "oracle" / "mlruns"
        shutil.copytree(DATA / name, source)
        shutil.copytree(DATA / name, oracle)
        restore_run_subfolders(oracle)
    store = open_store(base / "store.db")
    before = tree_digest(source)
    report = run_import(store, source)
    untouched = tree_digest(source) == before
    assert report.source_id is not None, report.problems
    case = Case(
        name=name,
        source=source,
        oracle_root=oracle,
        expected=Expected(MlflowClient(tracking_uri=oracle.as_uri()), oracle),
        imported=Imported(store, report.source_id),
        report=report,
        store=store,
        untouched=untouched,
        written=written,
    )
    cache[name] = case
    return case


@pytest.fixture(scope="session", params=CASES)
def case(
    request, case_cache: dict[str, Case], tmp_path_factory: pytest.TempPathFactory
) -> Case:
    """Each folder in turn: the generated store, then the real samples."""
    return _build(request.param, case_cache, tmp_path_factory, request)


@pytest.fixture(scope="session", params=SAMPLES)
def sample_case(
    request, case_cache: dict[str, Case], tmp_path_factory: pytest.TempPathFactory
) -> Case:
    """Only the real samples copied from ``tests/data``."""
    return _build(request.param, case_cache, tmp_path_factory, request)


@pytest.fixture(scope="session")
def generated(
    request, case_cache: dict[str, Case], tmp_path_factory: pytest.TempPathFactory
) -> Case:
    """Only the store written by MLflow for these tests."""
    return _build("generated", case_cache, tmp_path_factory, request)


@pytest.fixture(scope="session")
def mlruns_server(
    written: Written, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[MlflowServer]:
    """A real ``mlflow server`` on loopback serving a copy of the FileStore MLflow
    wrote (started once: tens of seconds)."""
    base = tmp_path_factory.mktemp("mlruns-server")
    served = base / "mlruns"
    shutil.copytree(written.root, served, symlinks=True)
    server = MlflowServer(base / "server", backend_uri=served.as_uri())
    server.start()
    try:
        yield server
    finally:
        server.kill()


class ExpectedServer(Expected):
    """What MLflow reads through the server: the server's reading is all a client
    sees, so a dataset-bound metric's steps are the ones the served FileStore reports
    (0, see :meth:`Expected.written_steps`), not the ones written in the file."""

    def written_steps(self, run, key: str, points: list) -> list[int]:
        return [m.step for m in points]

    def artifacts(self, run) -> list[tuple[str, int]]:
        """What MLflow lists through the server (its artifact proxy), recursively."""
        return client_artifacts(self.client, run.info.run_id)

    def model_fields(self) -> dict[str, dict]:
        """An unset ``source_run_id``/``model_type`` reaches MLflow's REST client as
        the protobuf default ``""``; we keep it unset, as MLflow reads the folder."""
        fields = super().model_fields()
        for model in fields.values():
            for name in ("source_run_id", "model_type"):
                model[name] = model[name] or None
        return fields


def _build_server(cache: dict[str, Case], request) -> Case:
    """The served FileStore synced into a fresh store; MLflow reads it through the
    same server."""
    if "server" in cache:
        return cache["server"]
    from mlflow import MlflowClient

    server = request.getfixturevalue("mlruns_server")
    factory = request.getfixturevalue("tmp_path_factory")
    served = Path(server.backend_uri.removeprefix("file://"))
    store = open_store(factory.mktemp("server-case") / "store.db")
    before = tree_digest(served)
    # With the listing stored (``import URL --artifacts``), as artifacts are compared.
    report = run_source_import(store, server.url, ImportOptions(list_artifacts=True))
    assert report.source_id is not None, report.problems
    case = Case(
        name="server",
        source=served,
        oracle_root=served,
        expected=ExpectedServer(MlflowClient(tracking_uri=server.url), served),
        imported=Imported(store, report.source_id),
        report=report,
        store=store,
        untouched=tree_digest(served) == before,
    )
    cache["server"] = case
    return case


class ExpectedTeamDb(ExpectedDb):
    """MLflow's view of a team database: artifacts are found where the recorded
    absolute path exists on this machine, nowhere else (no database folder to
    fall back on)."""

    def artifacts(self, run) -> list[tuple[str, int]]:
        from mlflow.utils.file_utils import local_file_uri_to_path

        recorded = local_file_uri_to_path(run.info.artifact_uri)
        if os.path.isabs(recorded) and os.path.isdir(recorded):
            return client_artifacts(self.client, run.info.run_id)
        return []


def _build_team(family: str, cache: dict[str, Case], request) -> Case:
    """A team database MLflow wrote on a real server, imported through the
    read-only role's URL; MLflow reads the same database."""
    key = f"team-db-{family}"
    if key in cache:
        return cache[key]
    from mlflow import MlflowClient

    factory = request.getfixturevalue("tmp_path_factory")
    team = written_team_db(
        request, family, request.getfixturevalue("team_db_cache"), factory
    )
    store = open_store(factory.mktemp(key) / "store.db")
    before = content_digest(team.server, team.database)
    report = run_source_import(store, team.url)
    assert report.source_id is not None, report.problems
    project = team.written.written.root.parent
    case = Case(
        name=key,
        source=project,
        oracle_root=project,
        expected=ExpectedTeamDb(
            MlflowClient(tracking_uri=team.admin_uri), project, "mlruns"
        ),
        imported=Imported(store, report.source_id),
        report=report,
        store=store,
        untouched=content_digest(team.server, team.database) == before,
    )
    cache[key] = case
    return case


def _build_old_team(family: str, sample: str, cache: dict[str, Case], request):
    """A sample database of an old schema on a real server, imported through the
    read-only role's URL; MLflow of today reads it (or, for an old schema, the
    copy its own migrations upgraded on the same server)."""
    key = f"team-db-{family}-{sample}"
    if key in cache:
        return cache[key]
    from mlflow import MlflowClient

    old = old_team_db(request, family, sample)
    factory = request.getfixturevalue("tmp_path_factory")
    store = open_store(factory.mktemp(key) / "store.db")
    before = content_digest(old.server, old.database)
    report = run_source_import(store, old.url)
    assert report.source_id is not None, report.problems
    case = Case(
        name=key,
        source=old.sample,
        oracle_root=old.sample,
        expected=ExpectedTeamDb(
            MlflowClient(tracking_uri=old.oracle_uri), old.sample, "mlruns"
        ),
        imported=Imported(store, report.source_id),
        report=report,
        store=store,
        untouched=content_digest(old.server, old.database) == before,
    )
    cache[key] = case
    return case


SERVER = "server"
TEAM_DB = "team-db"
OLD_TEAM_DB = "team-db-old"
KIND_CASES = [pytest.param(("mlruns", name), id=f"mlruns-{name}") for name in CASES]
# Old-schema databases: MLflow upgrades a copy of each (3-4 s) to read them. The
# oldest stays in the inner loop; the two between it and today's schema are slow.
SLOW_DB_CASES = frozenset({"mlflow-1.30.1", "mlflow-2.22.0"})
KIND_CASES += [
    pytest.param(
        ("mlflow-db", name),
        id=f"mlflow-db-{name}",
        marks=[pytest.mark.slow] if name in SLOW_DB_CASES else [],
    )
    for name in DB_CASES
]
# Through a real server (slow: see SLOW_FIXTURES in tests/conftest.py).
KIND_CASES += [
    pytest.param((SERVER, "generated"), id="server-generated", marks=pytest.mark.slow)
]


# Read directly from real PostgreSQL and MariaDB servers (slow: they start).
KIND_CASES += [
    pytest.param((TEAM_DB, family), id=f"team-db-{family}", marks=pytest.mark.slow)
    for family in TEAM_FAMILIES
]


# Every schema since MLflow 1.0 on both servers (slow: they start).
KIND_CASES += [
    pytest.param(
        (OLD_TEAM_DB, f"{family}:{sample}"),
        id=f"team-db-{family}-{sample}",
        marks=pytest.mark.slow,
    )
    for family in TEAM_FAMILIES
    for sample in OLD_SAMPLES
]


@pytest.fixture(scope="session", params=KIND_CASES)
def kind_case(
    request,
    case_cache: dict[str, Case],
    db_case_cache,
    tmp_path_factory: pytest.TempPathFactory,
):
    """Each source of each kind in turn: ``mlruns`` folders, databases, then the
    generated folder served by a tracking server."""
    kind, name = request.param
    if kind == "mlruns":
        return _build(name, case_cache, tmp_path_factory, request)
    if kind == SERVER:
        return _build_server(case_cache, request)
    if kind == TEAM_DB:
        return _build_team(name, case_cache, request)
    if kind == OLD_TEAM_DB:
        family, sample = name.split(":")
        return _build_old_team(family, sample, case_cache, request)
    return build_case(name, db_case_cache, tmp_path_factory, request)
