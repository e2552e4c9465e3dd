"""Live refresh's poll cycle (no Qt): switched off, a cycle writes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from desktop.services.catalog import Catalog
from desktop.services.importing import run_import
from desktop.services.live_poller import LivePoller
from desktop.store import queries

DATA = Path(__file__).parents[1] / "data"


def _run_count(store) -> int:
    with store.engine.connect() as conn:
        experiments = queries.list_experiments(conn)
        return len(queries.run_pks(conn, [e.pk for e in experiments]))


def test_a_held_cycle_writes_nothing_and_the_next_one_catches_up(store, tmp_path):
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    root = tmp_path / "mlruns"
    shutil.copytree(DATA / "sample_mlruns", root, symlinks=True)
    run_import(store, root, workers=1)
    poller = LivePoller(Catalog(store))
    assert poller.cycle() == ([], [])  # watchers made; nothing new
    before = _run_count(store)

    client = MlflowClient(tracking_uri=root.as_uri())
    experiment = client.search_experiments()[0].experiment_id
    client.create_run(experiment, run_name="while-off")
    poller.held.set()  # View ▸ Live refresh switched off while a cycle runs
    assert poller.cycle() == ([], [])
    assert _run_count(store) == before

    poller.held.clear()  # on again: the same change is found and written
    reports, errors = poller.cycle()
    assert errors == []
    assert sum(r.runs_read for r in reports) == 1
    assert _run_count(store) == before + 1
