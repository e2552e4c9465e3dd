"""Runs written by real MLflow for the analysis and compare-loading tests."""

from __future__ import annotations

import pytest

from tests.analysis.mlflow_data import write_compare_store


@pytest.fixture(scope="session")
def compare_written(tmp_path_factory):
    """``(mlruns folder, written runs)`` of the two compare experiments."""
    root = tmp_path_factory.mktemp("analysis-compare") / "mlruns"
    return root, write_compare_store(root)
