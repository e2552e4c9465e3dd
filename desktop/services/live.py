"""Watchers for live refresh, one per source kind, behind one small protocol.

``poll()`` is cheap and never writes; ``apply(changes)`` brings the store up to
date with what the poll found. :func:`make_watcher` picks the watcher for a source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from desktop.core.views import SourceInfo
from desktop.services.importing import ImportReport
from desktop.services.importing_db import MLFLOW_DB, run_db_import
from desktop.services.importing_server import SERVER, run_server_import
from desktop.services.watching import MlrunsWatcher
from desktop.sources.mlflow_db.watch import fingerprint
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


class DatabaseWatcher:
    """Watches an MLflow SQLite database through its file fingerprint.

    The first poll always re-imports (incrementally), so changes made between the
    import and the start of watching are not missed.
    """

    def __init__(self, store: Store, path: str) -> None:
        self.store = store
        self.path = path
        self._seen: tuple | None = None

    def poll(self) -> Due:
        """Whether the database (or its write-ahead log) changed since last apply."""
        return Due(fingerprint(self.path) == self._seen)

    def apply(self, changes: Due) -> ImportReport:
        """Re-import incrementally; writes that land meanwhile show next poll."""
        seen = fingerprint(self.path)
        report = run_db_import(self.store, self.path)
        self._seen = seen
        return report


class ServerWatcher:
    """A tracking server has no cheap change signal: each poll is a re-sync.

    The caller decides how often to poll (a configurable interval); the sync is
    incremental, so only runs whose stamps changed fetch their histories.
    """

    def __init__(self, store: Store, url: str) -> None:
        self.store = store
        self.url = url

    def poll(self) -> Due:
        """Always due: the caller paces server polls."""
        return Due(False)

    def apply(self, changes: Due) -> ImportReport:
        """Sync the server incrementally."""
        return run_server_import(self.store, self.url)


def make_watcher(store: Store, source: SourceInfo) -> SourceWatcher:
    """The watcher for a stored source."""
    if source.kind == MLFLOW_DB:
        return DatabaseWatcher(store, source.location)
    if source.kind == SERVER:
        return ServerWatcher(store, source.location)
    return MlrunsWatcher(store, source.id)
