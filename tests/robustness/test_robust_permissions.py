"""Unreadable files and folders: reported by path, stored data kept.

Tests run as root, which ignores mode bits, so each import runs in a subprocess
that has dropped CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (see
``restricted_import``); every test checks that the restriction really held.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desktop.services.importing import run_import
from desktop.store.database import Store
from tests.robustness.robust_helpers import (
    MlflowTree,
    restricted_import,
    run_detail,
    run_dir,
    source_id_of,
    store_state,
)

pytestmark = pytest.mark.usefixtures("in_process_imports")  # small trees


def messages_for(result: dict, path: Path) -> list[str]:
    """Messages of the child's reported problems about ``path``."""
    return [message for where, message in result["problems"] if Path(where) == path]


def test_unreadable_param_file(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A param file without read permission is reported; the run imports."""
    local_store.close()
    secret = run_dir(mlflow_tree, "alpha") / "params" / "batch"
    secret.chmod(0)

    result = restricted_import(mlflow_tree.root, tmp_path / "store.db", probe=secret)

    assert result["probe_denied"] is True
    assert any("permission" in m for m in messages_for(result, secret))
    assert result["runs_read"] == 4
    source = source_id_of(local_store, mlflow_tree.root)
    detail = run_detail(local_store, source, mlflow_tree.runs["alpha"])
    assert detail.params == {"lr": "0.1"}
    assert sorted(detail.metrics) == ["acc", "loss"]
    assert detail.tags["team"] == "vision"


def test_unreadable_metrics_folder(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A metrics folder that cannot be listed is reported; params and tags import."""
    local_store.close()
    metrics = run_dir(mlflow_tree, "alpha") / "metrics"
    metrics.chmod(0)

    result = restricted_import(
        mlflow_tree.root, tmp_path / "store.db", probe=metrics / "loss"
    )

    assert result["probe_denied"] is True
    assert any("permission" in m for m in messages_for(result, metrics))
    source = source_id_of(local_store, mlflow_tree.root)
    detail = run_detail(local_store, source, mlflow_tree.runs["alpha"])
    assert detail.params == {"lr": "0.1", "batch": "32"}
    assert detail.metrics == {}
    beta = run_detail(local_store, source, mlflow_tree.runs["beta"])
    assert beta.metrics["loss"].latest == 0.5


def test_unreadable_run_folder_keeps_stored_copy(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A run folder that becomes unreadable is reported and its stored copy kept."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    local_store.close()
    folder = run_dir(mlflow_tree, "alpha")
    folder.chmod(0)

    result = restricted_import(
        mlflow_tree.root, tmp_path / "store.db", probe=folder / "meta.yaml"
    )

    assert result["probe_denied"] is True
    assert any(
        Path(where).is_relative_to(folder) and "permission" in message
        for where, message in result["problems"]
    ), result["problems"]
    assert result["runs_removed"] == 0
    assert store_state(local_store, first.source_id) == before


def test_unreadable_experiment_folder_keeps_stored_copy(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """An experiment folder that becomes unreadable keeps its experiment and runs."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    local_store.close()
    folder = mlflow_tree.root / mlflow_tree.other_experiment_id
    folder.chmod(0)

    result = restricted_import(
        mlflow_tree.root, tmp_path / "store.db", probe=folder / "meta.yaml"
    )

    assert result["probe_denied"] is True
    assert result["experiments_removed"] == 0
    assert result["runs_removed"] == 0
    assert store_state(local_store, first.source_id) == before
    # The problem names the folder and says why (not "no meta.yaml").
    assert any(
        Path(where).is_relative_to(folder) and "permission" in message.lower()
        for where, message in result["problems"]
    ), result["problems"]


def test_unreadable_root_keeps_everything(
    mlflow_tree: MlflowTree, local_store: Store, tmp_path: Path
) -> None:
    """A source root that cannot be listed any more loses nothing in the store."""
    first = run_import(local_store, mlflow_tree.root)
    before = store_state(local_store, first.source_id)
    local_store.close()
    mlflow_tree.root.chmod(0)
    try:
        result = restricted_import(
            mlflow_tree.root,
            tmp_path / "store.db",
            probe=mlflow_tree.root / "0" / "meta.yaml",
        )
    finally:
        os.chmod(mlflow_tree.root, 0o755)

    assert result["probe_denied"] is True
    assert store_state(local_store, first.source_id) == before
    # The problem names the root and says why (not "not an MLflow folder").
    assert any(
        Path(where) == mlflow_tree.root and "permission" in message.lower()
        for where, message in result["problems"]
    ), result["problems"]
