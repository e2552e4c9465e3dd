"""The store's stable id: a UUID kept inside it, so UI settings follow the store."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

STORE_ID = "store_id"


def stored_id(connection: sqlite3.Connection) -> str | None:
    """The store's id as stored; ``None`` when it is missing or empty."""
    row = connection.execute(
        "SELECT value FROM store_info WHERE key = ?", (STORE_ID,)
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def read_store_id(connection: sqlite3.Connection) -> str:
    """This store's id, made once (by its migration, or here if it went missing:
    the caller commits)."""
    value = stored_id(connection)
    if value is None:
        import uuid  # rare: the start-up glance imports this module

        value = str(uuid.uuid4())
        connection.execute(
            "INSERT INTO store_info (key, value) VALUES (?, ?)", (STORE_ID, value)
        )
    return value


def store_id(engine: Engine) -> str:
    """:func:`read_store_id` through a SQLAlchemy engine."""
    with engine.begin() as conn:
        driver = conn.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return read_store_id(driver)


def experiments_key(conn: Connection, experiment_pks: Sequence[int]) -> str:
    """A stable key for a set of experiments: their sources and MLflow ids.

    Row numbers change when a source is removed and imported again; the source's
    location and the experiment id do not.
    """
    from sqlalchemy import select

    from desktop.store.schema import Experiment, Source

    rows = conn.execute(
        select(Source.location, Experiment.experiment_id)
        .join(Source, Source.id == Experiment.source_id)
        .where(Experiment.id.in_(list(experiment_pks)))
    ).all()
    names = sorted(f"{location}\x1f{ident}" for location, ident in rows)
    return hashlib.sha1("\x1e".join(names).encode()).hexdigest()[:16]
