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


class TeamDbWatcher(DatabaseWatcher):
    """Watches a PostgreSQL or MySQL/MariaDB tracking database by polling."""

    def __init__(
        self, store: Store, url: str, session: SessionCredentials, **kwargs
    ) -> None:
        super().__init__(store, url, **kwargs)
        self.session = session
        self._db: TeamDb | None = None

    def _connection(self) -> TeamDb:
        if self._db is None:
            self._db = open_team_db(self.path, self.session)
        return self._db

    def _fingerprint(self) -> tuple:
        try:
            db = self._connection()
            if self._schema is None:
                self._schema = db.read(probe_schema)
            return fingerprint(db.rows, self._schema)
        except (DBAPIError, NotMlflowDatabase, OSError) as exc:
            self.close()  # reconnect next poll; the import reports the error
            return ("unreadable", type(exc).__name__)

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
