"""Watchers for live refresh, one per source kind, behind one small protocol.

``poll()`` is cheap and never writes; ``apply(changes)`` brings the store up to
date with what the poll found. Each source kind names its watcher
(:func:`desktop.services.sources.make_watcher` picks it).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.exc import DBAPIError

from desktop.core.enums import TERMINATED_STATUSES, run_status_name
from desktop.services.import_pipeline import ImportReport
from desktop.services.importing_db import run_db_import
from desktop.services.importing_server import run_server_import
from desktop.sources.mlflow_db.connection import DbOpenError, ReadOnlyDb, SqlReader
from desktop.sources.mlflow_db.schema import DbSchema, NotMlflowDatabase, probe_schema
from desktop.sources.mlflow_db.watch import fingerprint, run_states
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store.database import Store


class Changes(Protocol):
    """What a poll found; ``empty`` when there is nothing to apply."""

    @property
    def empty(self) -> bool: ...


class SourceWatcher(Protocol):
    """Polls one source and applies its changes to the store."""

    def poll(self) -> Changes: ...

    def apply(self, changes) -> ImportReport: ...


@dataclass(frozen=True, slots=True)
class Due:
    """A poll result that only says whether to re-import."""

    empty: bool


@dataclass(frozen=True, slots=True)
class DbChanges:
    """What a poll of a database found: nothing, some runs, or a full check due."""

    empty: bool
    full: bool = False
    runs: frozenset[str] = frozenset()
    fingerprint: tuple | None = None
    states: dict[str, tuple] | None = None  # the runs table when the poll looked


class DatabaseWatcher:
    """Watches an MLflow SQLite database through its file fingerprint.

    The first poll always re-imports (incrementally, every run checked), so changes
    made between the import and the start of watching are not missed. After that,
    a commit costs a few statements: the ``runs`` table is compared with the last
    poll's, and only runs that are not finished or whose row changed (new, renamed,
    finished, deleted, gone) are checked and refreshed. Edits that leave the
    ``runs`` row alone (a tag set on a finished run, a renamed experiment) are
    caught by a full check at most ``full_seconds`` after the last one.
    """

    def __init__(
        self,
        store: Store,
        path: str,
        *,
        full_seconds: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.path = path
        self.full_seconds = full_seconds
        self._clock = clock
        self._seen: tuple | None = None  # fingerprint at the last refresh
        self._checked: tuple | None = None  # ... at the last full check
        self._last_full = -math.inf
        self._states: dict[str, tuple] | None = None
        self._schema: DbSchema | None = None

    def poll(self) -> DbChanges:
        """Whether the database (or its write-ahead log) changed, and where."""
        now = self._fingerprint()
        full_due = self._clock() - self._last_full >= self.full_seconds
        if now != self._checked and (full_due or self._states is None):
            return DbChanges(False, full=True, fingerprint=now)
        if now == self._seen or self._states is None:
            return DbChanges(True)
        try:
            states = self._read_states()
        except (DbOpenError, DBAPIError, NotMlflowDatabase):
            return DbChanges(False, full=True, fingerprint=now)
        old = self._states
        runs = {r for r, state in states.items() if old.get(r) != state}
        runs |= old.keys() - states.keys()
        runs |= {
            r
            for r, state in states.items()
            if run_status_name(state[1]) not in TERMINATED_STATUSES
        }
        return DbChanges(False, runs=frozenset(runs), fingerprint=now, states=states)

    def apply(self, changes: DbChanges) -> ImportReport:
        """Refresh what the poll found; writes that land meanwhile show next poll."""
        if changes.full:
            try:
                states = self._read_states()
            except (DbOpenError, DBAPIError, NotMlflowDatabase):
                states = None
            report = self._import(None)
            self._states, self._last_full = states, self._clock()
            self._seen = self._checked = changes.fingerprint
            return report
        report = self._import(changes.runs)
        self._states, self._seen = changes.states, changes.fingerprint
        return report

    def _read_states(self) -> dict[str, tuple]:
        with self._open() as db:
            if self._schema is None:
                self._schema = db.read(probe_schema)
            return run_states(db.rows, self._schema)

    # -- what another database kind replaces (see team_db_watch) ---------------
    def _fingerprint(self) -> tuple:
        """A cheap value that changes when something was committed."""
        return fingerprint(self.path)

    def _open(self) -> AbstractContextManager[SqlReader]:
        return ReadOnlyDb(self.path)

    def _import(self, runs: frozenset[str] | None) -> ImportReport:
        """Refresh ``runs`` (``None``: check every run)."""
        if runs is None:
            return run_db_import(self.store, self.path)
        return run_db_import(self.store, self.path, runs=runs)


class ServerWatcher:
    """A tracking server has no cheap change signal: each poll is a re-sync.

    The caller decides how often to poll (a configurable interval); the sync is
    incremental, so only runs whose stamps changed fetch their histories.
    """

    def __init__(self, store: Store, url: str, session: SessionCredentials) -> None:
        self.store = store
        self.url = url
        self.session = session

    def poll(self) -> Due:
        """Always due: the caller paces server polls."""
        return Due(False)

    def apply(self, changes: Due) -> ImportReport:
        """Sync the server incrementally."""
        return run_server_import(self.store, self.url, session=self.session)
