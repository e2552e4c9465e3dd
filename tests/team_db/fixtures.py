"""Session fixtures: real PostgreSQL and MariaDB servers, and MLflow-written team
databases on them, shared by the team database tests and the conformance suite
of every kind (a plugin of the root ``conftest.py``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.db.db_writer import WrittenDb
from tests.server.mlflow_server import MlflowServer
from tests.team_db.servers import (
    DbServer,
    MariaDbServer,
    PostgresServer,
    mariadb_binaries,
    pg_bindir,
)
from tests.team_db.team_writer import write_team_db

FAMILIES = ("postgresql", "mysql")


class TeamServer:
    """A running server (``info``) that can make databases."""

    def __init__(self, server: PostgresServer | MariaDbServer) -> None:
        self._server = server
        self.info: DbServer = server.start()

    def create_database(self, name: str, *, readable: bool = True) -> None:
        self._server.create_database(name, readable=readable)

    def stop(self) -> None:
        self._server.stop()


SKIP_ENV = "MLFLOW_DESKTOP_NO_TEAM_SERVERS"
"""Set (to anything) where no PostgreSQL or MariaDB server can be installed: their
tests are then skipped, saying so. Elsewhere a missing server fails the tests
(``.ci/run`` installs both), so a gap never passes as a skip."""


def _missing(what: str) -> None:
    message = f"{what} server binaries are not installed (.ci/run installs them)"
    if os.environ.get(SKIP_ENV):
        pytest.skip(f"{message}; {SKIP_ENV} is set")
    pytest.fail(f"{message}; set {SKIP_ENV} to skip these tests", pytrace=False)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TeamServer]:
    """A PostgreSQL server from the system's packages, on loopback."""
    if pg_bindir() is None:
        _missing("PostgreSQL")
    server = TeamServer(PostgresServer())
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[TeamServer]:
    """A MariaDB server from the system's packages, on loopback."""
    if mariadb_binaries() is None:
        _missing("MariaDB")
    server = TeamServer(MariaDbServer())
    try:
        yield server
    finally:
        server.stop()


def team_server(request, family: str) -> TeamServer:
    """The session's server of ``family``."""
    name = "pg_server" if family == "postgresql" else "mariadb_server"
    return request.getfixturevalue(name)


@dataclass
class TeamDbWritten:
    """A database MLflow wrote on a server, and what it wrote."""

    server: DbServer
    database: str
    written: WrittenDb

    @property
    def url(self) -> str:
        """What a user opens: the read-only role's URL, password included."""
        return self.server.reader_url(self.database)

    @property
    def admin_uri(self) -> str:
        return self.server.admin_uri(self.database)


@pytest.fixture(scope="session")
def team_db_cache() -> dict[str, TeamDbWritten]:
    return {}


def written_team_db(
    request, family: str, cache: dict[str, TeamDbWritten], factory
) -> TeamDbWritten:
    """MLflow's conformance content on ``family``'s server (written once)."""
    if family not in cache:
        server = team_server(request, family)
        server.create_database("conformance")
        base: Path = factory.mktemp(f"team-{family}")
        written = write_team_db(server.info.admin_uri("conformance"), base / "project")
        cache[family] = TeamDbWritten(server.info, "conformance", written)
    return cache[family]


@pytest.fixture(scope="session", params=FAMILIES)
def team_written(request, team_db_cache, tmp_path_factory) -> TeamDbWritten:
    """Each family's MLflow-written database in turn."""
    return written_team_db(request, request.param, team_db_cache, tmp_path_factory)


# -- old schemas ----------------------------------------------------------------------
OLD_SAMPLES = ("mlflow-1.0.0", "mlflow-1.30.1", "mlflow-2.22.0", "sqlite_sample")
"""The sample databases of ``tests/db`` put on the servers in their own schema. Not
``migrated`` (``mlflow migrate-filestore``'s): its FileStore experiment ids (18
digits) do not fit MLflow's ``INTEGER`` experiment id on PostgreSQL and MySQL."""


@dataclass
class OldTeamDb:
    """A sample database on a server in the schema its MLflow release wrote;
    ``oracle`` is a database MLflow of today reads: the same one when the sample
    is at today's schema, else a copy upgraded by MLflow's migrations."""

    server: DbServer
    database: str
    oracle: str
    revision: str
    sample: Path  # the sample's folder (its mlflow.db and mlruns)

    @property
    def url(self) -> str:
        """The read-only role's URL, password included."""
        return self.server.reader_url(self.database)

    @property
    def oracle_uri(self) -> str:
        return self.server.admin_uri(self.oracle)


@pytest.fixture(scope="session")
def old_team_db_cache() -> dict[tuple[str, str], OldTeamDb]:
    return {}


def old_team_db(request, family: str, sample: str) -> OldTeamDb:
    """``sample`` on ``family``'s server in its own schema (loaded once)."""
    from tests.db.db_cases import copy_sample
    from tests.team_db.old_schemas import load_sample, upgrade_to_head

    cache = request.getfixturevalue("old_team_db_cache")
    key = (family, sample)
    if key not in cache:
        server = team_server(request, family)
        factory = request.getfixturevalue("tmp_path_factory")
        db, _fallback = copy_sample(sample, factory.mktemp(f"old-{family}") / sample)
        database = "old_" + sample.replace("-", "_").replace(".", "_")
        server.create_database(database)
        revision = load_sample(db, server.info, database)
        oracle = database
        from mlflow.store.db.utils import _get_latest_schema_revision

        if revision != _get_latest_schema_revision():
            oracle = f"{database}_upgraded"
            server.create_database(oracle)
            load_sample(db, server.info, oracle)
            upgrade_to_head(server.info, oracle)
        cache[key] = OldTeamDb(server.info, database, oracle, revision, db.parent)
    return cache[key]


# -- artifacts a tracking server keeps ------------------------------------------------
NOTES = "hello from the team\n"
CURVE = "step,loss\n0,1.0\n1,0.5\n"


@dataclass
class ProxiedTeam:
    """A team database on PostgreSQL behind a real ``mlflow server`` that proxies
    the artifacts (``--artifacts-destination``): one finished run with files."""

    server: DbServer
    database: str
    tracking: MlflowServer
    experiment_id: str
    run_id: str

    @property
    def url(self) -> str:
        """The read-only role's URL of the database."""
        return self.server.reader_url(self.database)

    @property
    def artifacts(self) -> Path:
        """The server's artifact folder (its ``--artifacts-destination``)."""
        return self.tracking.folder / "artifacts"


@pytest.fixture(scope="session")
def proxied_team(pg_server, tmp_path_factory) -> Iterator[ProxiedTeam]:
    """MLflow logs through its tracking server; the database is PostgreSQL and the
    runs' artifact URIs are ``mlflow-artifacts:/...`` (started once: slow)."""
    from mlflow import MlflowClient

    pg_server.create_database("proxied")
    base = tmp_path_factory.mktemp("proxied")
    tracking = MlflowServer(
        base / "server", backend_uri=pg_server.info.admin_uri("proxied")
    )
    tracking.start()
    try:
        client = MlflowClient(tracking_uri=tracking.url)
        experiment = client.create_experiment("proxied")
        run = client.create_run(experiment, run_name="with-files").info.run_id
        files = base / "files"
        (files / "plots").mkdir(parents=True)
        (files / "notes.txt").write_text(NOTES, encoding="utf-8")
        (files / "plots" / "curve.csv").write_text(CURVE, encoding="utf-8")
        client.log_artifacts(run, str(files))
        client.log_metric(run, "loss", 0.5, step=1)
        client.set_terminated(run)
        yield ProxiedTeam(pg_server.info, "proxied", tracking, experiment, run)
    finally:
        tracking.kill()
