"""An MLflow SQLite tracking database (``mlflow.db``), read strictly read-only."""

from __future__ import annotations

import os

from desktop.services.importing_db import (
    DEFAULT_BATCH_RUNS,
    MLFLOW_DB,
    db_source_name,
    read_mlflow_db,
)
from desktop.services.live import DatabaseWatcher
from desktop.services.source_kind import SourceKind


def _claims(location: str) -> bool:
    """An existing file: a file without the SQLite header is claimed too, to be
    reported as not a database."""
    return os.path.isfile(location)


MLFLOW_DATABASE = SourceKind(
    name=MLFLOW_DB,
    detect=_claims,
    reader=read_mlflow_db,
    watcher=lambda store, source, _session: DatabaseWatcher(store, source.location),
    display_name=db_source_name,
    default_batch_runs=DEFAULT_BATCH_RUNS,
)
