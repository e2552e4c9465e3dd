"""Open the local store: engine, connection pragmas and migrations on open.

Alembic (about a second to import) loads only when the store's revision is not
the newest one of the migration scripts: one query and a glance at the scripts'
headers tell. SQLAlchemy (a third of a second) loads on the first use of
:attr:`Store.engine`: opening a current store and :meth:`Store.begin` (plain
``sqlite3`` with the same pragmas, what imports write through) do without it.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.locations import default_store_path
from desktop.store.creation import ForeignFileError, prepare_store_file
from desktop.store.revision import MIGRATIONS, StoreError, script_head
from desktop.store.store_info import read_store_id

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=20000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def connect(path: Path | str) -> sqlite3.Connection:
    """A plain ``sqlite3`` connection to the store at ``path``, set up as the
    engine's connections are (same driver options and pragmas)."""
    connection = sqlite3.connect(path, check_same_thread=False)
    try:
        _on_connect(connection, None)
    except BaseException:
        connection.close()
        raise
    return connection


def driver_connection(connection: Connection) -> sqlite3.Connection:
    """The ``sqlite3`` connection under a SQLAlchemy one (in its transaction)."""
    driver = connection.connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def _alembic_config(script_location: Path) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


class Store:
    """The local SQLite store: an engine plus a session factory, made on first use,
    and plain ``sqlite3`` transactions (:meth:`begin`)."""

    def __init__(self, path: Path | str, *, migrations: Path = MIGRATIONS) -> None:
        self.path = Path(path).expanduser().resolve()
        self._migrations = migrations
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:  # before anything opens the file for writing
            prepare_store_file(self.path, migrations)
        except ForeignFileError as exc:
            raise StoreError(*exc.args) from exc
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._engine_lock = threading.Lock()
        self._idle: list[sqlite3.Connection] = []  # begin()'s, kept open as a pool
        self._idle_lock = threading.Lock()
        self.backup_path: Path | None = None
        self._migrate()
        with self.begin() as connection:
            #: The id kept inside the store: what belongs to it (layouts, recent
            #: sources) is keyed by it. Read here, not by the window before it
            #: paints.
            self.id: str = read_store_id(connection)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (SQLAlchemy loads on the first use)."""
        engine = self._engine
        if engine is None:
            with self._engine_lock:
                if self._engine is None:
                    from sqlalchemy import create_engine, event

                    made = create_engine(f"sqlite:///{self.path}")
                    event.listen(made, "connect", _on_connect)
                    self._engine = made
                engine = self._engine
        return engine

    @contextmanager
    def begin(self) -> Iterator[sqlite3.Connection]:
        """A plain ``sqlite3`` connection in one transaction, without SQLAlchemy:
        committed on success, rolled back (and closed) on error.

        Connections stay open for the next transaction until :meth:`close`, as the
        engine's pool keeps its own (so the write-ahead log is not checkpointed
        after every transaction).
        """
        with self._idle_lock:
            connection = self._idle.pop() if self._idle else None
        if connection is None:
            connection = connect(self.path)
        try:
            with connection:
                yield connection
        except BaseException:
            connection.close()
            raise
        with self._idle_lock:
            self._idle.append(connection)

    def _migrate(self) -> None:
        current = self._current_revision()
        if current is not None and current == script_head(self._migrations):
            return
        from alembic import command
        from alembic.script import ScriptDirectory

        config = _alembic_config(self._migrations)
        script = ScriptDirectory.from_config(config)
        if current == script.get_current_head():
            return
        if current is not None:
            try:
                script.get_revision(current)
            except Exception as exc:
                raise StoreError(
                    f"The store {self.path} was written by a newer version of "
                    f"mlflow-desktop (schema {current}). Update the app, or open "
                    "another store with --store."
                ) from exc
            self.backup_path = self.path.with_name(
                f"{self.path.name}.{current}.{time.strftime('%Y%m%d-%H%M%S')}.bak"
            )
            self._backup_to(self.backup_path)
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def _current_revision(self) -> str | None:
        """The store's schema revision (``None`` for a new store): one query."""
        try:
            with self.begin() as connection:
                found = connection.execute(
                    "SELECT version_num FROM alembic_version"
                ).fetchone()
        except sqlite3.OperationalError:  # no such table: a new store
            return None
        return None if found is None else found[0]

    def _backup_to(self, target: Path) -> None:
        raw = self.engine.raw_connection()
        try:
            with sqlite3.connect(target) as dest:
                raw.driver_connection.backup(dest)  # type: ignore[union-attr]
        finally:
            raw.close()
        shutil.copymode(self.path, target)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        """Release every pooled connection."""
        with self._idle_lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()
        if self._engine is not None:
            self._engine.dispose()


def open_store(path: Path | str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` or the default."""
    return Store(path if path is not None else default_store_path())
