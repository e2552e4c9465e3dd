"""An ``mlruns`` folder (MLflow's FileStore), or a folder that holds one."""

from __future__ import annotations

import os

from desktop.services.importing import (
    DEFAULT_BATCH_RUNS,
    MLRUNS,
    read_mlruns,
    source_name,
)
from desktop.services.source_kind import SourceKind
from desktop.services.watching import MlrunsWatcher


def _claims(location: str) -> bool:
    """Whatever no other kind claims is read as a folder (a missing one is
    reported as not found): this kind is registered last."""
    return True


def _normalize(location: str) -> str:
    """An absolute path; a URL of another scheme is kept, to be reported."""
    return location if "://" in location else os.path.abspath(location)


def _is_missing(location: str) -> bool:
    return "://" not in location and not os.path.exists(location)


MLRUNS_FOLDER = SourceKind(
    name=MLRUNS,
    detect=_claims,
    reader=read_mlruns,
    watcher=lambda store, source, _session: MlrunsWatcher(store, source.id),
    display_name=source_name,
    normalize=_normalize,
    is_missing=_is_missing,
    default_batch_runs=DEFAULT_BATCH_RUNS,
)
