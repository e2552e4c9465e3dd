"""One entry point for importing any kind of source into the store.

A *location* is what the user opened: an ``mlruns`` folder (or a folder holding
one), an MLflow SQLite database file, or a tracking server URL. :func:`import_source`
picks the importer and has the same generator protocol as each of them: it yields
:class:`~desktop.services.importing.ImportProgress` and returns an
:class:`~desktop.services.importing.ImportReport`.
"""

from __future__ import annotations

import os
from collections.abc import Generator

from desktop.services.importing import ImportProgress, ImportReport, import_mlruns
from desktop.services.importing_db import MLFLOW_DB, import_mlflow_db
from desktop.services.importing_server import SERVER, import_server, take_url_secret
from desktop.sources.tracking_server.credentials import is_server_url
from desktop.store.database import Store

MLRUNS = "mlruns"


def source_kind(location: str) -> str:
    """The kind of source ``location`` names (``mlruns`` for anything else).

    An existing file is an MLflow SQLite database (``mlflow-db``): a file that
    lacks the SQLite header goes there too, to be reported as not a database.
    An ``http(s)://`` URL is a tracking server (``server``).
    """
    if is_server_url(location):
        return SERVER
    if os.path.isfile(location):
        return MLFLOW_DB
    return MLRUNS


def normalize_location(location: str | os.PathLike[str]) -> str:
    """``location`` as stored: paths absolute, server URLs without credentials
    (a ``user:password@`` in one is kept in memory for this session only)."""
    text = os.fspath(location)
    if is_server_url(text):
        return take_url_secret(text)
    if "://" in text:
        return text
    return os.path.abspath(text)


def import_source(
    store: Store, location: str | os.PathLike[str], **options
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) any source; ``options`` go to the matching importer.

    ``artifacts`` (list artifacts during the sync) concerns servers only: local
    sources always have their artifacts listed.
    """
    text = normalize_location(location)
    if source_kind(text) == SERVER:
        return (yield from import_server(store, text, **options))
    options.pop("artifacts", None)
    if source_kind(text) == MLFLOW_DB:
        return (yield from import_mlflow_db(store, text, **options))
    return (yield from import_mlruns(store, text, **options))


def run_source_import(
    store: Store, location: str | os.PathLike[str], **options
) -> ImportReport:
    """Run :func:`import_source` to the end, ignoring progress."""
    generator = import_source(store, location, **options)
    while True:
        try:
            next(generator)
        except StopIteration as stop:
            return stop.value


def is_missing(location: str) -> bool:
    """Whether a local source (folder or database file) no longer exists.

    A server URL is never called missing here: only trying to connect can tell.
    """
    if is_server_url(location) or "://" in location:
        return False
    return not os.path.exists(location)
