"""The model registry of a live tracking server, synced through the REST API:
what the store holds equals what MlflowClient reads from the same server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.catalog import Catalog
from desktop.services.importing_server import run_server_import
from tests.conftest import fresh_store
from tests.mlflow_registry import WrittenRegistry, write_registry
from tests.registry.registry_compare import client_view, store_view
from tests.server.mlflow_server import MlflowServer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def registry_server(tmp_path_factory) -> Iterator[tuple[MlflowServer, WrittenRegistry]]:
    """A server of its own (the shared one's experiments are counted elsewhere),
    with the registry written through its REST API."""
    server = MlflowServer(tmp_path_factory.mktemp("mlflow-registry")).start()
    try:
        yield server, write_registry(server.url)
    finally:
        server.kill()


@pytest.fixture
def catalog(tmp_path: Path, store_template: Path) -> Iterator[Catalog]:
    store = fresh_store(store_template, tmp_path / "store.db")
    yield Catalog(store)
    store.close()


def test_server_registry_equals_mlflow_client(registry_server, catalog) -> None:
    server, written = registry_server
    report = run_server_import(catalog.store, server.url)
    assert report.problems == []
    assert report.registered_models == 3
    assert store_view(catalog) == client_view(server.url)
    # Versions link to the synced runs that produced them.
    churn = {m.name: m for m in catalog.registered_models()}["churn-model"]
    assert churn.latest is not None
    assert churn.latest.run_id == written.runs["train-3"]
    assert churn.latest.run_name == "train-3"
    assert churn.latest.run_pk is not None


def test_server_registry_follows_changes(registry_server, catalog) -> None:
    from mlflow import MlflowClient

    server, _written = registry_server
    run_server_import(catalog.store, server.url)
    client = MlflowClient(tracking_uri=server.url)
    client.set_registered_model_alias("fraud-model", "prod", "1")
    try:
        run_server_import(catalog.store, server.url)
        fraud = {m.name: m for m in catalog.registered_models()}["fraud-model"]
        assert fraud.aliases == {"prod": 1}
        assert store_view(catalog) == client_view(server.url)
    finally:
        client.delete_registered_model_alias("fraud-model", "prod")
