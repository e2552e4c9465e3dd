"""The compare dialog's store reads, checked against what MLflow reads back."""

from __future__ import annotations

import os

import numpy as np
import pytest

from desktop.services.catalog import Catalog
from desktop.services.importance_reads import importance_of_experiments
from desktop.services.importing import run_import
from desktop.store import queries


@pytest.fixture
def imported(store, compare_written):
    root, written = compare_written
    run_import(store, root)
    with store.engine.connect() as conn:
        experiments = {e.name: e.pk for e in queries.list_experiments(conn)}
        pks = queries.run_pks(conn, list(experiments.values()))
        names = {d.run_name: d.pk for d in queries.run_details(conn, pks)}
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=root.as_uri())
    return store, experiments, names, written, client


def test_run_set_keeps_the_order_and_names_experiments_and_sources(imported):
    store, _, names, _, _ = imported
    order = ["b-run-03", "a-run-07", "a-run-01"]
    runs = Catalog(store).run_set([names[n] for n in order])
    assert runs.names == order
    assert [runs.experiment_name(i) for i in range(3)] == [
        "compare-b",
        "compare-a",
        "compare-a",
    ]
    assert len(runs.experiment_pks) == 2
    with store.engine.connect() as conn:
        (source,) = queries.list_sources(conn)
    assert source.name
    assert [runs.source_name(i) for i in range(3)] == [source.name] * 3
    assert runs.param_keys == sorted(
        ["driver", "noise_a", "lr", "optimizer", "batch_size", "seed"]
    )


def test_histories_of_many_runs_equal_mlflows(imported):
    store, _, names, written, client = imported
    chosen = [w for w in written if w.name.startswith("a-run-0")]
    pks = [names[w.name] for w in chosen]
    histories = Catalog(store).histories_of_runs(pks, ["loss", "val_loss", "missing"])
    for w in chosen:
        for key in ("loss", "val_loss"):
            stored = histories.get((names[w.name], key))
            expected = client.get_metric_history(w.run_id, key)
            if not expected:
                assert stored is None
                continue
            np.testing.assert_array_equal(stored.steps, [m.step for m in expected])
            np.testing.assert_array_equal(
                stored.timestamps, [m.timestamp for m in expected]
            )
            np.testing.assert_array_equal(stored.values, [m.value for m in expected])
    assert not any(key == "missing" for _, key in histories)


def test_params_with_metric_cover_every_active_run_of_the_experiments(imported):
    store, experiments, _, written, client = imported
    with store.engine.connect() as conn:
        params, values = queries.params_with_metric(
            conn, [experiments["compare-a"]], "val_loss"
        )
    expected = [w for w in written if "val_loss" in w.latest]
    assert len(params) == len(expected) == 10
    by_driver = {w.params["driver"]: w for w in expected}
    for p, value in zip(params, values, strict=True):
        w = by_driver[p["driver"]]
        assert p == client.get_run(w.run_id).data.params
        assert value == w.latest["val_loss"]


def test_importance_over_experiments_ranks_the_driver_first(imported, analysis_process):
    store, experiments, _, _, _ = imported
    pks = list(experiments.values())
    result = importance_of_experiments(Catalog(store), pks, "score", analysis_process)
    assert result.runs_used == 25
    assert result.scores[0].key == "driver"
    assert result.scores[0].correlation > 0.99
