"""Fixtures of the robustness suite: real-mlflow stores, sample copies, big trees."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store.database import Store
from tests.conftest import fresh_store
from tests.robustness.robust_helpers import (
    SAMPLE,
    MlflowTree,
    build_mlflow_tree,
    write_big_tree,
)

BIG_RUNS = 2400  # several write batches of 500 runs: a kill lands mid-import
MEDIUM_RUNS = 600  # enough for the process pool (>= 400 runs to read)


@pytest.fixture(autouse=True)
def _allow_file_store(monkeypatch: pytest.MonkeyPatch) -> None:
    """MLflow 3.13+ refuses file stores without this."""
    monkeypatch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")


@pytest.fixture
def local_store(tmp_path: Path, store_template: Path) -> Iterator[Store]:
    """A fresh local store (``tmp_path/store.db``)."""
    store = fresh_store(store_template, tmp_path / "store.db")
    yield store
    store.close()


@pytest.fixture
def sample_root(tmp_path: Path) -> Path:
    """A private copy of the MLflow 3.17.2 sample ``mlruns``."""
    target = tmp_path / "sample" / "mlruns"
    shutil.copytree(SAMPLE, target, symlinks=True)
    return target


@pytest.fixture(scope="session")
def mlflow_template(tmp_path_factory: pytest.TempPathFactory) -> MlflowTree:
    """A small store written once by the real mlflow client (never modified)."""
    base = tmp_path_factory.mktemp("template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_ALLOW_FILE_STORE", "true")
        return build_mlflow_tree(base / "mlruns", base / "scratch")


@pytest.fixture
def mlflow_tree(mlflow_template: MlflowTree, tmp_path: Path) -> MlflowTree:
    """A private copy of the mlflow-written store, with a client bound to it."""
    from mlflow.tracking import MlflowClient

    root = tmp_path / "src" / "mlruns"
    shutil.copytree(mlflow_template.root, root, symlinks=True)
    return MlflowTree(
        root,
        MlflowClient(tracking_uri=root.as_uri()),
        mlflow_template.experiment_id,
        mlflow_template.other_experiment_id,
        dict(mlflow_template.runs),
    )


@pytest.fixture(scope="session")
def big_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A FileStore tree of ``BIG_RUNS`` runs, shared (never modified) by the session."""
    root = tmp_path_factory.mktemp("big") / "mlruns"
    write_big_tree(root, BIG_RUNS)
    return root, BIG_RUNS


@pytest.fixture(scope="session")
def medium_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A FileStore tree of ``MEDIUM_RUNS`` runs, shared (never modified)."""
    root = tmp_path_factory.mktemp("medium") / "mlruns"
    write_big_tree(root, MEDIUM_RUNS, seed=11)
    return root, MEDIUM_RUNS
