"""Open the local store: engine, connection pragmas and migrations on open.

Alembic (about a second to import) loads only when the store's revision is not
the newest one of the migration scripts: one query and a glance at the scripts'
headers tell.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desktop.core.locations import default_store_path
from desktop.store.creation import ForeignFileError, prepare_store_file
from desktop.store.revision import MIGRATIONS, StoreError, script_head

if TYPE_CHECKING:
    from alembic.config import Config


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=20000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.close()


def _alembic_config(script_location: Path) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(script_location))
    return config


class Store:
    """The local SQLite store: an engine plus a session factory."""

    def __init__(self, path: Path | str, *, migrations: Path = MIGRATIONS) -> None:
        self.path = Path(path).expanduser().resolve()
        self._migrations = migrations
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:  # before anything opens the file for writing
            prepare_store_file(self.path, migrations)
        except ForeignFileError as exc:
            raise StoreError(*exc.args) from exc
        self.engine: Engine = create_engine(f"sqlite:///{self.path}")
        event.listen(self.engine, "connect", _on_connect)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.backup_path: Path | None = None
        self._migrate()
        from desktop.store.store_info import store_id

        #: The id kept inside the store: what belongs to it (layouts, recent
        #: sources) is keyed by it. Read here, not by the window before it paints.
        self.id: str = store_id(self.engine)

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
        with self.engine.connect() as connection:
            try:
                return connection.exec_driver_sql(
                    "SELECT version_num FROM alembic_version"
                ).scalar()
            except OperationalError:  # no such table: a new store
                return None

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
        self.engine.dispose()


def open_store(path: Path | str | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``path`` or the default."""
    return Store(path if path is not None else default_store_path())
