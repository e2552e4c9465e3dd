"""The registry of source kinds, and one entry point for importing any source.

A *location* is what the user opened: an ``mlruns`` folder (or a folder holding
one), an MLflow SQLite database file, or a tracking server URL. Each kind is a
:class:`~desktop.services.source_kind.SourceKind` registered in :data:`KINDS`;
everything that depends on the kind (import, live refresh, artifacts) looks it up
here, by location (:func:`kind_for`) or by the name stored with a source
(:func:`kind_named`).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Generator

from desktop.core.views import SourceInfo
from desktop.services.import_pipeline import (
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_to_end,
)
from desktop.services.kinds.mlflow_db import MLFLOW_DATABASE
from desktop.services.kinds.mlruns import MLRUNS_FOLDER
from desktop.services.kinds.tracking_server import TRACKING_SERVER
from desktop.services.live import SourceWatcher
from desktop.services.source_kind import SourceKind
from desktop.sources.tracking_server.credentials import SessionCredentials
from desktop.store.database import Store

#: Every kind, in detection order: the first whose ``detect`` accepts a location
#: reads it. The ``mlruns`` folder claims whatever is left, so it comes last.
KINDS: tuple[SourceKind, ...] = (
    TRACKING_SERVER,
    MLFLOW_DATABASE,
    MLRUNS_FOLDER,
)


class UnknownSourceKind(LookupError):
    """A source kind no registered :class:`SourceKind` has (a store written by a
    newer version, or a kind missing from :data:`KINDS`)."""


def kind_named(name: str) -> SourceKind:
    """The kind stored as ``name``; :class:`UnknownSourceKind` if none is."""
    for kind in KINDS:
        if kind.name == name:
            return kind
    known = ", ".join(kind.name for kind in KINDS)
    raise UnknownSourceKind(f"unknown source kind {name!r} (known: {known})")


def kind_for(location: str) -> SourceKind:
    """The kind that reads ``location``."""
    for kind in KINDS:
        if kind.detect(location):
            return kind
    raise UnknownSourceKind(f"no source kind reads {location!r}")


def source_kind(location: str) -> str:
    """The name of the kind of source ``location`` names (see :func:`kind_for`)."""
    return kind_for(location).name


def normalize_location(location: str | os.PathLike[str]) -> str:
    """``location`` as stored: paths absolute, server URLs without credentials
    (a ``user:password@`` in one is kept in memory for this session only)."""
    text = os.fspath(location)
    return kind_for(text).normalize(text)


def import_source(
    store: Store,
    location: str | os.PathLike[str],
    options: ImportOptions | None = None,
    *,
    cancel: threading.Event | None = None,
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) any source: a generator that yields progress and returns
    the report (see :mod:`desktop.services.import_pipeline`)."""
    text = normalize_location(location)
    return kind_for(text).import_location(store, text, options, cancel=cancel)


def run_source_import(
    store: Store,
    location: str | os.PathLike[str],
    options: ImportOptions | None = None,
) -> ImportReport:
    """Run :func:`import_source` to the end, ignoring progress."""
    return run_to_end(import_source(store, location, options))


def is_missing(location: str) -> bool:
    """Whether a stored source is known to be gone (a folder or database file that
    no longer exists; a server URL never is: only connecting can tell)."""
    return kind_for(location).is_missing(location)


def make_watcher(
    store: Store, source: SourceInfo, session: SessionCredentials
) -> SourceWatcher:
    """The live-refresh watcher of a stored source (signing in with ``session``)."""
    return kind_named(source.kind).watcher(store, source, session)
