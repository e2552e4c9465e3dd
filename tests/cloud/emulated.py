"""What the GCS and Azure emulator tests share: one parametrized fixture that
imports the runs MLflow logged to an emulator, and what a test needs to read
them back (MLflow's own listings, the kind's names)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.run_artifacts import RunArtifacts
from desktop.store.database import Store, open_store
from desktop.store.schema import Run
from tests.cloud.emulators import AZURE_CONTAINER, GCS_BUCKET
from tests.cloud.mlflow_s3 import S3Runs

KINDS = ("gcs", "azure")


@dataclass
class Emulated:
    """Runs MLflow logged to one emulator, imported into a local store."""

    kind: str
    runs: S3Runs
    store: Store

    @property
    def bucket(self) -> str:
        """The bucket (GCS) or container (Azure)."""
        return GCS_BUCKET if self.kind == "gcs" else AZURE_CONTAINER

    @property
    def run_name(self) -> str:
        return f"{self.kind}-run"

    @property
    def many_name(self) -> str:
        return f"{self.kind}-many"

    def load(self, name: str) -> RunArtifacts:
        """What the Artifacts tab loads for run ``name`` (through the catalog)."""
        artifacts = Catalog(self.store).run_artifacts(self.pk(name))
        assert artifacts is not None
        return artifacts

    def pk(self, name: str) -> int:
        with self.store.engine.connect() as conn:
            return conn.execute(select(Run.id).where(Run.run_name == name)).scalar_one()

    def mlflow(self):
        """MLflow's client of the runs' file store."""
        from mlflow import MlflowClient

        return MlflowClient(tracking_uri=self.runs.root.as_uri())


@pytest.fixture(scope="module", params=KINDS)
def emulated_store(request, tmp_path_factory) -> Iterator[tuple[str, S3Runs, Store]]:
    """Each emulator's runs imported once per module."""
    kind = request.param
    runs: S3Runs = request.getfixturevalue(f"{kind}_runs")
    store = open_store(tmp_path_factory.mktemp(f"{kind}-import") / "store.db")
    report = run_import(store, str(runs.root))
    assert report.source_id is not None, report.problems
    yield kind, runs, store
    store.close()


@pytest.fixture
def emulated(request, emulated_store) -> Emulated:
    """The module's emulated store, with the user's environment pointed at its
    emulator (``gcs_env`` or ``azure_env``) and a private download cache."""
    kind, runs, store = emulated_store
    request.getfixturevalue(f"{kind}_env")
    return Emulated(kind, runs, store)
