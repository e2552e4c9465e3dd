"""Old-schema team databases: MLflow's sample databases of every schema since 1.x,
put on the real PostgreSQL and MariaDB servers as old MLflow releases wrote them.

MLflow (every release since 1.0) creates a new database with its initial tables
(``mlflow.store.tracking.dbmodels.initial_models``) and then runs its alembic
migrations to its own head. The migrations ship in today's package unchanged, so
``initial tables + upgrade to revision R`` is the schema a release whose head was
``R`` made on that server: with PostgreSQL's and MySQL's own column types
(booleans, ``DOUBLE``, ``BIGINT``...), constraints and indexes. The sample's rows
(written by that release on SQLite) are then copied in, table by table, with
their values converted to the server's column types by SQLAlchemy.

No old ``mlflow`` wheel is needed: only the installed package's migrations.
"""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

from sqlalchemy import Boolean, MetaData, create_engine, select
from sqlalchemy.pool import NullPool

from tests.team_db.servers import DbServer, admin_engine

VERSION_TABLE = "alembic_version"


def schema_revision(sqlite_db: Path) -> str:
    """The alembic revision an ``mlflow.db`` was written at."""
    with sqlite3.connect(f"file:{sqlite_db}?mode=ro", uri=True) as conn:
        (revision,) = conn.execute(
            f"SELECT version_num FROM {VERSION_TABLE}"
        ).fetchone()
    return str(revision)


def create_schema(server: DbServer, database: str, revision: str) -> None:
    """MLflow's schema at ``revision`` in the (empty) ``database``, made as MLflow
    makes it: its initial tables, then its own migrations up to ``revision``."""
    from alembic import command
    from mlflow.store.db.utils import _get_alembic_config
    from mlflow.store.tracking.dbmodels.initial_models import Base as InitialBase

    engine = admin_engine(server, database)
    try:
        with warnings.catch_warnings():  # old migrations warn on SQLAlchemy 2
            warnings.simplefilter("ignore")
            InitialBase.metadata.create_all(engine)
            config = _get_alembic_config(server.admin_uri(database))
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, revision)
    finally:
        engine.dispose()


def copy_rows(sqlite_db: Path, server: DbServer, database: str) -> dict[str, int]:
    """Copy every MLflow table's rows from ``sqlite_db`` into ``database`` (same
    schema revision), replacing rows the migrations seeded; returns the row
    count of each table. A column the server's table lacks (a schema mismatch)
    fails."""
    source = create_engine(f"sqlite:///file:{sqlite_db}?mode=ro&uri=true",
                           poolclass=NullPool)  # fmt: skip
    target = admin_engine(server, database)
    counts: dict[str, int] = {}
    try:
        theirs, ours = MetaData(), MetaData()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs.reflect(source)
            ours.reflect(target)
        with source.connect() as read, target.begin() as write:
            if server.family == "mysql":  # as MLflow's own SQL store does: keep
                # experiment id 0 (AUTO_INCREMENT would renumber it)
                write.exec_driver_sql(
                    "SET SESSION sql_mode = "
                    "CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')"
                )
            for table in reversed(ours.sorted_tables):  # rows a migration seeded
                if table.name != VERSION_TABLE:
                    write.execute(table.delete())
            for table in ours.sorted_tables:
                if table.name == VERSION_TABLE:
                    continue
                old = theirs.tables.get(table.name)
                if old is None:
                    counts[table.name] = 0
                    continue
                extra = set(old.columns.keys()) - set(table.columns.keys())
                assert not extra, f"{table.name}: the server lacks {sorted(extra)}"
                names = [  # generated columns are the server's to compute
                    c.name
                    for c in old.columns
                    if table.columns[c.name].computed is None
                ]
                booleans = {
                    n for n in names if isinstance(table.columns[n].type, Boolean)
                }
                rows = [
                    {
                        n: (bool(v) if n in booleans and v is not None else v)
                        for n, v in zip(names, row, strict=True)
                    }
                    for row in read.execute(select(*(old.columns[n] for n in names)))
                ]
                if rows:
                    write.execute(table.insert(), rows)
                counts[table.name] = len(rows)
    finally:
        source.dispose()
        target.dispose()
    return counts


def load_sample(sqlite_db: Path, server: DbServer, database: str) -> str:
    """Put ``sqlite_db`` on ``server`` as ``database`` (created empty before), in
    the schema of its own revision; returns that revision."""
    revision = schema_revision(sqlite_db)
    create_schema(server, database, revision)
    copy_rows(sqlite_db, server, database)
    return revision


def upgrade_to_head(server: DbServer, database: str) -> None:
    """``mlflow db upgrade`` on ``database``: MLflow's own migrations to its head
    (what a team does before today's MLflow may read an old database)."""
    from mlflow.store.db.utils import _upgrade_db

    engine = admin_engine(server, database)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _upgrade_db(engine)
    finally:
        engine.dispose()
