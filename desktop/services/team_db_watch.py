"""Live refresh of a team database: the ``mlflow.db`` watcher on a server session.

The poll runs one short statement (:mod:`desktop.sources.team_db.watch`) on a
connection kept open between polls; when its answer changes, the runs table is
compared and only new, changed and unfinished runs are re-read, as for
``mlflow.db`` (:class:`~desktop.services.live.DatabaseWatcher`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from sqlalchemy.exc import DBAPIError

from desktop.services.import_pipeline import ImportReport
from desktop.services.importing_team_db import open_team_db, run_team_db_import
from desktop.services.live import DatabaseWatcher
from desktop.sources.mlflow_db.connection import SqlReader
from desktop.sources.mlflow_db.schema import NotMlflowDatabase, probe_schema
from desktop.sources.team_db.connection import TeamDb
from desktop.sources.team_db.watch import fingerprint
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store.database import Store

RETRY_SECONDS = 30.0
"""After a failed poll (server down, password refused), wait this long before
connecting again."""


class TeamDbWatcher(DatabaseWatcher):
    """Watches a PostgreSQL or MySQL/MariaDB tracking database by polling."""

    def __init__(
        self, store: Store, url: str, session: SessionCredentials, **kwargs
    ) -> None:
        super().__init__(store, url, **kwargs)
        self.session = session
        self._db: TeamDb | None = None
        self._unreadable: tuple | None = None  # the last failure, while backing off
        self._retry_at = 0.0

    def _connection(self) -> TeamDb:
        if self._db is None:
            self._db = open_team_db(self.path, self.session)
        return self._db

    def _fingerprint(self) -> tuple:
        if self._unreadable is not None and self._clock() < self._retry_at:
            return self._unreadable  # no sign-in attempt at every tick
        try:
            db = self._connection()
            if self._schema is None:
                self._schema = db.read(probe_schema)
            found = fingerprint(db.rows, self._schema)
        except (DBAPIError, NotMlflowDatabase, OSError) as exc:
            self.close()  # reconnect later; the import reports the error
            self._unreadable = ("unreadable", type(exc).__name__)
            self._retry_at = self._clock() + RETRY_SECONDS
            return self._unreadable
        self._unreadable = None
        return found

    def _open(self) -> AbstractContextManager[SqlReader]:
        return nullcontext(self._connection())

    def _import(self, runs: frozenset[str] | None) -> ImportReport:
        if runs is None:
            return run_team_db_import(self.store, self.path, session=self.session)
        return run_team_db_import(
            self.store, self.path, runs=runs, session=self.session
        )

    def close(self) -> None:
        """Release the polling connection."""
        if self._db is not None:
            self._db.close()
            self._db = None
