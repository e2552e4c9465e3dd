"""Where the app keeps its files (kept light: imported by ``--help``)."""

from __future__ import annotations

import os
from pathlib import Path

STORE_ENV = "MLFLOW_DESKTOP_STORE"


def default_store_path() -> Path:
    """``$MLFLOW_DESKTOP_STORE`` or ``store.db`` in the user data directory."""
    env = os.environ.get(STORE_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # 20-50 ms: not for ``--version`` or ``--help``

    return Path(platformdirs.user_data_dir("mlflow-desktop", appauthor=False)) / (
        "store.db"
    )
