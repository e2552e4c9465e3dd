"""Make a store file ready to open: refuse foreign files, create new stores atomically.

A new store is built in a temporary file next to the target and linked into place
only once its schema is complete, so a kill at any moment leaves either no store or
a whole one (plus a temporary file the next start removes). A store that an older
version left half-created (tables but no schema revision and no data, after a kill)
is recognised and replaced. A file that is not a store (an MLflow ``mlflow.db``,
another program's database, any other file) is refused before anything opens it for
writing: it is never switched to WAL, migrated or otherwise changed.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from desktop.core.i18n import QT_TRANSLATE_NOOP

_HEADER = b"SQLite format 3\x00"
_SIDE_FILES = ("-wal", "-shm", "-journal")
# Tables of an MLflow tracking database that a store never has.
_MLFLOW_TABLES = {"metrics", "latest_metrics", "experiment_tags", "runs"}


class ForeignFileError(Exception):
    """The file given as the store is not an mlflow-desktop store."""


def prepare_store_file(path: Path, migrations: Path) -> None:
    """Refuse a foreign ``path``, replace a half-created one, create a missing one.

    Raises :class:`ForeignFileError` (with a message for the user) when ``path``
    is a folder or a file that is not a store; nothing is written to it then.
    """
    _remove_stale_temporaries(path)
    if path.is_dir():
        raise ForeignFileError(
            QT_TRANSLATE_NOOP(
                "Startup",
                "{0} is a folder, not a store file. Give the path of a store file "
                "(it is created if missing), e.g. {0}/store.db.",
            ).format(path)
        )
    if path.exists():
        if not _is_blank(path):
            return
        _remove_side_files(path)
    _create(path, migrations)


def _is_blank(path: Path) -> bool:
    """Whether ``path`` holds no store data: empty, or half-created by a kill.

    Raises :class:`ForeignFileError` for a file that is not a store.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_HEADER))
    except OSError:
        return False  # opening it reports why, as before
    if not header:
        return True  # an empty file: SQLite treats it as a new database
    if header != _HEADER:
        raise ForeignFileError(
            QT_TRANSLATE_NOOP(
                "Startup",
                "{0} is not an mlflow-desktop store (not an SQLite database); it "
                "was left untouched. If it is a damaged store, move it away and the "
                "app starts with a new, empty store; or open another store with "
                "--store.",
            ).format(path)
        )
    tables = _table_names(path, immutable=True)
    if tables is None:
        return False  # unreadable or damaged: opening it reports why
    if "sources" in tables and _has_revision(path):
        return False  # the usual case, told without loading the schema's module
    ours = _store_tables()
    if "sources" not in tables and tables - ours:
        if tables >= _MLFLOW_TABLES:
            why = QT_TRANSLATE_NOOP(
                "Startup",
                "{0} is an MLflow tracking database, not an mlflow-desktop store; "
                "it was left untouched. Import it instead (mlflow-desktop import "
                "{0}) and keep the store elsewhere (the default, or --store with a "
                "new file).",
            )
        else:
            why = QT_TRANSLATE_NOOP(
                "Startup",
                "{0} is another program's SQLite database, not an mlflow-desktop "
                "store; it was left untouched. Open another store with --store.",
            )
        raise ForeignFileError(why.format(path))
    if tables - ours:
        return False  # a newer version's store: the migration check says so
    return _holds_nothing(path)


def _holds_nothing(path: Path) -> bool:
    """Whether a file with only store tables has no revision and no rows.

    Read through SQLite (the write-ahead log included); a busy file is in use by
    a running app, so it is not blank.
    """
    try:
        conn = sqlite3.connect(path, timeout=2.0)
    except sqlite3.Error:
        return False
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%'"
            )
        ]
        if set(names) - _store_tables():
            return False  # not only store tables: opening it reports why
        for name in names:
            quoted = name.replace('"', '""')
            if conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchone():
                return False
        return True
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _has_revision(path: Path) -> bool:
    """Whether the file records a schema revision (read as :func:`_holds_nothing`
    reads, so a revision there means it would find a row)."""
    try:
        conn = sqlite3.connect(path, timeout=2.0)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT 1 FROM alembic_version LIMIT 1").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return row is not None


def _table_names(path: Path, *, immutable: bool) -> set[str] | None:
    """The table names in the main database file, read without writing anything."""
    uri = f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error:
        return None
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return {row[0] for row in rows}


def _store_tables() -> set[str]:
    from desktop.store.schema import Base

    return set(Base.metadata.tables) | {"alembic_version"}


def _create(path: Path, migrations: Path) -> None:
    """Build the schema in a temporary file, then move it to ``path`` atomically."""
    from alembic import command  # only when a store is created (start-up cost)
    from alembic.config import Config
    from sqlalchemy import create_engine, event

    temp = path.with_name(f".{path.name}.creating.{os.getpid()}.tmp")
    _remove_with_side_files(temp)
    try:
        engine = create_engine(f"sqlite:///{temp}")
        event.listen(engine, "connect", _creation_pragmas)
        try:
            config = Config()
            config.set_main_option("script_location", str(migrations))
            with engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        finally:
            engine.dispose()  # the last close checkpoints and removes the WAL
        with temp.open("rb+") as handle:
            os.fsync(handle.fileno())
        if path.exists():  # a blank file (checked by the caller): replace it
            os.replace(temp, path)
        else:
            try:
                os.link(temp, path)  # never over a store created meanwhile
            except FileExistsError:
                pass
            except OSError:  # no hard links here (some network or FAT drives)
                if not path.exists():
                    os.replace(temp, path)
        _sync_folder(path.parent)
    finally:
        _remove_with_side_files(temp)


def _creation_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA page_size=16384")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_side_files(path: Path) -> None:
    for suffix in _SIDE_FILES:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def _remove_with_side_files(path: Path) -> None:
    _remove_side_files(path)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove temporary stores left by creations that were killed."""
    prefix = f".{path.name}.creating."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return
    for name in names:
        if not (name.startswith(prefix) and name.endswith(".tmp")):
            continue
        pid = name[len(prefix) : -len(".tmp")]
        if pid.isdigit() and not _alive(int(pid)):
            _remove_with_side_files(path.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier attempt of this process
    if os.name == "nt":
        return True  # os.kill would end the process there: leave the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists (no permission to signal it)
    return True
