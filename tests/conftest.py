"""Shared fixtures: sample stores copied from the repo and a fresh local store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.analysis_process import AnalysisProcess
from desktop.store.database import Store, open_store

DATA = Path(__file__).parent / "data"
# MLflow databases imported once per session: the database tests and the
# conformance suite of every source kind share them.
pytest_plugins = ("tests.db.db_cases",)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated local store in a temporary folder."""
    opened = open_store(tmp_path / "store.db")
    yield opened
    opened.close()


@pytest.fixture
def sample_mlruns(tmp_path: Path) -> Path:
    """A private copy of the MLflow 3.17.2 sample ``mlruns`` folder."""
    target = tmp_path / "project" / "mlruns"
    shutil.copytree(DATA / "sample_mlruns", target, symlinks=True)
    return target


@pytest.fixture(scope="module")
def analysis_process() -> Iterator[AnalysisProcess]:
    """An analysis process shared by a test module (scikit-learn loads once), stopped
    after it: other tests check that imports leave no child processes behind."""
    process = AnalysisProcess()
    yield process
    process.shutdown()
