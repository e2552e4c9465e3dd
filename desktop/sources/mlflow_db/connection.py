"""Open an MLflow SQLite database strictly read-only, next to a live writer.

Rules (mlflow-formats.md §3):

* A database in rollback-journal mode (what MLflow itself writes) is opened in
  place with ``mode=ro``: SQLite creates no file for it and each of our statements
  holds its shared lock only while it runs, so a training process keeps writing.
* A database in WAL mode whose ``-wal`` and ``-shm`` files exist (a writer has it
  open) is opened in place the same way and reads alongside the writer. Its
  ``-shm`` index is opened read-only (``readonly_shm=1``): SQLite then reads the
  WAL into private memory instead of writing read marks into the shared index, so
  no byte or timestamp of any file changes. What remains: SQLite still takes
  POSIX advisory locks on the files (they change no content or time), and while
  a read holds its lock the writer cannot checkpoint the WAL back to its start;
  in the same process a connection that already opened the ``-shm`` for writing
  shares it (the tests' in-process writers do; a training process does not).
* A WAL database without them (e.g. left by ``mlflow migrate-filestore``) would
  make SQLite *create* them next to the source, and a database that cannot be
  opened in place (read-only folder, hot journal) is refused by SQLite: both are
  read from a private snapshot copy in a temporary folder instead.
* When the last writer of a WAL database closes, SQLite checkpoints it and
  deletes ``-wal`` and ``-shm``; a reader opened in place sees that before its
  next statement (which would fail, leaving an empty ``-wal`` behind) and moves
  to a snapshot copy. So does a reader whose statement still loses that race
  ("unable to open database file"), or meets an index a writer is rebuilding
  that it may not write ("attempt to write a readonly database").

Every connection sets ``query_only``, a busy timeout, and registers ``crc()`` for
the change stamps. Busy errors are retried (:func:`retrying`).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, TypeVar
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import NullPool

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.mlflow_db.cells import tolerant_text
from desktop.sources.safe_files import copy_regular, read_head

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
RETRY_SECONDS = 60.0
_SIDE_FILES = ("-wal", "-journal")
# What reading a WAL database in place can fail with while its writer opens or
# closes it: SQLITE_CANTOPEN, and the SQLITE_READONLY_* codes of an -shm index
# that needs a recovery or an initialisation a read-only reader may not do.
_LOST_IN_PLACE = (
    "unable to open database file",
    "attempt to write a readonly database",
)

T = TypeVar("T")
Rows = Callable[..., list[tuple]]
"""``rows(sql, params=())``: every row of one statement (:meth:`ReadOnlyDb.rows`)."""


class SqlReader(Protocol):
    """What the reader needs of a database: :class:`ReadOnlyDb` for ``mlflow.db``,
    :class:`~desktop.sources.team_db.connection.TeamDb` for PostgreSQL/MySQL."""

    path: str
    reading: tuple[str, str]

    def read(self, work: Callable[[Connection], T]) -> T: ...

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]: ...


class _WriterLeft(Exception):
    """The WAL side files of a database read in place are gone."""


class DbOpenError(Exception):
    """The file cannot be opened as an SQLite database; the message says why."""


def is_sqlite_file(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is an existing file that starts with the SQLite header."""
    try:  # a FIFO or device is refused, never opened to wait
        return read_head(os.fspath(path), len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_wal_mode(path: str) -> bool:
    """Whether the database header says WAL (file format versions 2)."""
    header = read_head(path, 20)
    return len(header) == 20 and header[18] == 2 and header[19] == 2


def _crc(value: object) -> int:
    if value is None:
        return 0
    data = value if isinstance(value, bytes) else str(value).encode("utf-8", "replace")
    return zlib.crc32(data)


def _prepare(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA query_only=1")
    connection.create_function("crc", 1, _crc, deterministic=True)


def _file_state(path: str) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class ReadOnlyDb:
    """An SQLAlchemy engine over an MLflow database that never writes next to it.

    ``snapshot`` tells whether a private copy is read (see the module docstring).
    Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.path.abspath(os.fspath(path))
        self.snapshot = False
        self._tempdir: str | None = None
        if not os.path.isfile(self.path):
            raise DbOpenError("file not found")
        if not is_sqlite_file(self.path):
            raise DbOpenError("not an SQLite database")
        self._wal = is_wal_mode(self.path)
        in_place = not self._wal or all(
            os.path.exists(self.path + suffix) for suffix in ("-wal", "-shm")
        )
        self.engine: Engine | None = None
        # The file the engine reads and its open mode (the snapshot copy is ours).
        self.reading: tuple[str, str] = (self.path, "ro")
        if in_place:
            try:
                self.engine = self._open(self.path, mode="ro")
            except DBAPIError:
                self.engine = None
        if self.engine is None:
            self.engine = self._open_snapshot()

    @classmethod
    def reopen(cls, reading: tuple[str, str]) -> ReadOnlyDb:
        """Another reader of what an open :class:`ReadOnlyDb` reads (its ``reading``).

        For worker processes; closing it leaves the file (and any snapshot) alone.
        """
        db = cls.__new__(cls)
        db.path, db.reading = reading[0], reading
        db.snapshot, db._tempdir = False, None
        db._wal = is_wal_mode(reading[0])
        try:
            db.engine = cls._open(reading[0], mode=reading[1])
        except DBAPIError as exc:
            if not (db._in_place_wal() and _lost_in_place(exc)):
                raise
            db.engine = db._open_snapshot()
        return db

    # -- opening ---------------------------------------------------------------
    @staticmethod
    def _open(path: str, *, mode: str) -> Engine:
        uri = f"file:{quote(path)}?mode={mode}"
        if mode == "ro":  # open -shm read-only: no read marks written into it
            uri += "&readonly_shm=1"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
            )

        engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)
        event.listen(engine, "connect", lambda conn, _record: _prepare(conn))
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        except BaseException:
            engine.dispose()
            raise
        return engine

    def _open_snapshot(self) -> Engine:
        from multiprocessing.util import Finalize

        self._tempdir = tempfile.mkdtemp(prefix="mlflow-desktop-db-")
        # Also removed when a worker process exits without closing its reader.
        Finalize(self, shutil.rmtree, args=(self._tempdir, True), exitpriority=0)
        self.snapshot = True
        copy = os.path.join(self._tempdir, os.path.basename(self.path))
        try:
            names = ("", *_SIDE_FILES)
            for _attempt in range(5):
                before = [_file_state(self.path + suffix) for suffix in names]
                for suffix, state in zip(names, before, strict=True):
                    if os.path.exists(copy + suffix):
                        os.remove(copy + suffix)
                    if state is not None:
                        copy_regular(self.path + suffix, copy + suffix)
                after = [_file_state(self.path + suffix) for suffix in names]
                if before == after:
                    break
                time.sleep(0.2)
            else:
                raise DbOpenError("the database kept changing while it was copied")
            # The copy is ours: SQLite may recover its journal or WAL in place.
            self.reading = (copy, "rw")
            return self._open(copy, mode="rw")
        except OSError as exc:
            self.close()
            raise DbOpenError(
                f"cannot copy for reading: {exc.strerror or exc}"
            ) from exc
        except DBAPIError as exc:
            self.close()
            raise DbOpenError(describe_error(exc)) from exc
        except BaseException:
            self.close()
            raise

    # -- reading ---------------------------------------------------------------
    def read(self, work: Callable[..., T]) -> T:
        """Run ``work(connection)`` on a fresh connection, retrying while busy."""
        assert self.engine is not None

        def attempt() -> T:
            if self._writer_left():
                raise _WriterLeft
            with self.engine.connect() as conn:  # type: ignore[union-attr]
                return work(conn)

        try:
            return retrying(attempt)
        except _WriterLeft:
            pass
        except (OperationalError, sqlite3.OperationalError) as exc:
            if not (self._in_place_wal() and _lost_in_place(exc)):
                raise
        self.engine.dispose()
        self.engine = None
        self.engine = self._open_snapshot()
        return retrying(attempt)

    def _writer_left(self) -> bool:
        """Whether a WAL database read in place lost its side files to a closing writer.

        Checked before each connection: opening one then would create an empty
        ``-wal`` next to the database (a writer closing in between still can).
        """
        return self._in_place_wal() and not all(
            os.path.exists(self.path + s) for s in ("-wal", "-shm")
        )

    def _in_place_wal(self) -> bool:
        return self._wal and self.reading == (self.path, "ro")

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Every row of one statement as plain tuples, retrying while busy.

        The statement is its own read transaction: its shared lock lasts only
        while it runs. Rows come straight from the driver (no SQLAlchemy rows:
        metric histories have millions of them).
        """
        return self.read(lambda conn: fetch_all(conn, sql, params))

    def close(self) -> None:
        """Release the connections and delete the snapshot copy, if any."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
        if self._tempdir is not None:
            shutil.rmtree(self._tempdir, ignore_errors=True)
            self._tempdir = None

    def __enter__(self) -> ReadOnlyDb:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _lost_in_place(exc: BaseException) -> bool:
    text = str(getattr(exc, "orig", exc))
    return any(message in text for message in _LOST_IN_PLACE)


def fetch_all(conn: Connection, sql: str, params: Sequence = ()) -> list[tuple]:
    """Run ``sql`` on the driver connection under ``conn`` and fetch every row."""
    driver = conn.connection.driver_connection
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        return cursor.execute(sql, tuple(params)).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" not in str(exc):
            raise
        # Invalid UTF-8 in a text cell: read again, decoding it tolerantly (the
        # plain factory is kept otherwise: it is much faster).
        driver.text_factory = tolerant_text  # type: ignore[union-attr]
        try:
            return cursor.execute(sql, tuple(params)).fetchall()
        finally:
            driver.text_factory = str  # type: ignore[union-attr]
    finally:
        cursor.close()


def is_busy(exc: BaseException) -> bool:
    """Whether an error means another connection holds a lock right now."""
    text = str(getattr(exc, "orig", exc)).lower()
    return isinstance(exc, OperationalError | sqlite3.OperationalError) and (
        "locked" in text or "busy" in text
    )


def retrying(attempt: Callable[[], T], *, seconds: float = RETRY_SECONDS) -> T:
    """Call ``attempt`` until it does not fail with a busy error (up to ``seconds``)."""
    deadline = time.monotonic() + seconds
    delay = 0.05
    while True:
        try:
            return attempt()
        except (OperationalError, sqlite3.OperationalError) as exc:
            if not is_busy(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 1.0)


def chunked(items: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most ``size`` items (for SQL ``IN`` lists)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def describe_error(exc: BaseException) -> str:
    """A short, user-facing description of a database error."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip() or type(orig).__name__
    if "file is not a database" in text or "malformed" in text:
        return QT_TRANSLATE_NOOP(
            "Import", "the database file is damaged or truncated ({0})"
        ).format(text)
    return text
