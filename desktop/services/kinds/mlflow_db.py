"""An MLflow SQLite tracking database (``mlflow.db``), read strictly read-only."""

from __future__ import annotations

from desktop.services.importing_db import (
    DEFAULT_BATCH_RUNS,
    MLFLOW_DB,
    db_source_name,
    read_mlflow_db,
)
from desktop.services.kinds.detection import claims_file
from desktop.services.live import DatabaseWatcher
from desktop.services.source_kind import SourceKind

MLFLOW_DATABASE = SourceKind(
    name=MLFLOW_DB,
    detect=claims_file,
    reader=read_mlflow_db,
    watcher=lambda store, source, _session: DatabaseWatcher(store, source.location),
    display_name=db_source_name,
    default_batch_runs=DEFAULT_BATCH_RUNS,
)
