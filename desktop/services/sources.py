"""The registry of source kinds, and one entry point for importing any source.

A *location* is what the user opened: an ``mlruns`` folder (or a folder holding
one), an MLflow SQLite database file, or a tracking server URL. Each kind is a
:class:`~desktop.services.source_kind.SourceKind` registered in :data:`KINDS`;
everything that depends on the kind (import, live refresh, artifacts) looks it up
here, by location (:func:`kind_for`) or by the name stored with a source
(:func:`kind_named`). A built-in kind is registered as a :class:`LazyKind`: its
module, and the reader stack that module imports, loads when the kind is used.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from desktop.services.import_pipeline import (
    ImportOptions,
    ImportProgress,
    ImportReport,
    run_to_end,
)
from desktop.services.kinds.detection import (
    claims_anything,
    claims_file,
    is_server_url,
    is_team_db_url,
)
from desktop.services.source_kind import SourceKind
from desktop.services.source_locations import tracking_uri_path

if TYPE_CHECKING:
    from desktop.core.views import SourceInfo
    from desktop.services.live import SourceWatcher
    from desktop.sources.tracking_server.credentials import SessionCredentials
    from desktop.store.database import Store


@dataclass(frozen=True, slots=True)
class LazyKind:
    """A kind known by its stored name and its ``detect`` (the kind's own, cheap),
    whose :class:`SourceKind` is ``module``'s attribute ``attribute``."""

    name: str
    detect: Callable[[str], bool]
    module: str
    attribute: str

    def load(self) -> SourceKind:
        """The kind, its module imported on the first call."""
        kind = getattr(importlib.import_module(self.module), self.attribute)
        if not isinstance(kind, SourceKind) or (kind.name, kind.detect) != (
            self.name,
            self.detect,
        ):
            raise TypeError(f"{self.module}.{self.attribute} is not kind {self.name}")
        return kind


#: Every kind, in detection order: the first whose ``detect`` accepts a location
#: reads it. The ``mlruns`` folder claims whatever is left, so it comes last.
KINDS: tuple[SourceKind | LazyKind, ...] = (
    LazyKind(
        "server",
        is_server_url,
        "desktop.services.kinds.tracking_server",
        "TRACKING_SERVER",
    ),
    LazyKind(
        "team-db", is_team_db_url, "desktop.services.kinds.team_db", "TEAM_DATABASE"
    ),
    LazyKind(
        "mlflow-db", claims_file, "desktop.services.kinds.mlflow_db", "MLFLOW_DATABASE"
    ),
    LazyKind(
        "mlruns", claims_anything, "desktop.services.kinds.mlruns", "MLRUNS_FOLDER"
    ),
)


def _loaded(entry: SourceKind | LazyKind) -> SourceKind:
    return entry.load() if isinstance(entry, LazyKind) else entry


class UnknownSourceKind(LookupError):
    """A source kind no registered :class:`SourceKind` has (a store written by a
    newer version, or a kind missing from :data:`KINDS`)."""


def kind_named(name: str) -> SourceKind:
    """The kind stored as ``name``; :class:`UnknownSourceKind` if none is."""
    for entry in KINDS:
        if entry.name == name:
            return _loaded(entry)
    known = ", ".join(kind.name for kind in KINDS)
    raise UnknownSourceKind(f"unknown source kind {name!r} (known: {known})")


def kind_for(location: str) -> SourceKind:
    """The kind that reads ``location``."""
    for entry in KINDS:
        if entry.detect(location):
            return _loaded(entry)
    raise UnknownSourceKind(f"no source kind reads {location!r}")


def source_kind(location: str) -> str:
    """The name of the kind of source ``location`` names (see :func:`kind_for`)."""
    return kind_for(location).name


def normalize_location(location: str | os.PathLike[str]) -> str:
    """``location`` as stored: paths absolute, server URLs without credentials
    (a ``user:password@`` in one is kept in memory for this session only)."""
    text = os.fspath(location)
    local = tracking_uri_path(text)  # sqlite:///mlflow.db, file:///…/mlruns
    if local is not None:
        text = os.path.abspath(local)
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
