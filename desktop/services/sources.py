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
from desktop.services.importing_server import SERVER, import_server
from desktop.services.source_locations import is_missing as is_missing  # re-export
from desktop.services.source_locations import normalize_location
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


def import_source(
    store: Store, location: str | os.PathLike[str], **options
) -> Generator[ImportProgress, None, ImportReport]:
    """Import (or refresh) any source; ``options`` go to the matching importer."""
    text = normalize_location(location)
    if source_kind(text) == SERVER:
        return (yield from import_server(store, text, **options))
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
