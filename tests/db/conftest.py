"""The database tests' fixtures live in ``db_cases`` (shared with the conformance
suite); here, what only these tests need."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session", autouse=True)
def _mlflow_environment() -> Iterator[None]:
    """Keep MLflow off the network."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MLFLOW_DISABLE_TELEMETRY", "true")
        patch.setenv("DO_NOT_TRACK", "true")
        yield
