"""A group's mean curve with its band, from histories MLflow wrote, checked against
the per-step statistics of what ``MlflowClient.get_metric_history`` returns."""

from __future__ import annotations

import math
import os
import statistics

import numpy as np
import pytest

from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band, group_curve
from desktop.core.views import History, RunScope
from desktop.services.catalog import Catalog
from tests.conftest import fresh_store, prepared_store

SEEDS = (0, 1, 2)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, store_template):
    """Three seeds of one config; seed 2 stops early and logs a NaN at step 3."""
    os.environ["MLFLOW_ALLOW_FILE_STORE"] = "true"
    from mlflow import MlflowClient
    from mlflow.entities import Metric

    base = tmp_path_factory.mktemp("seeds")
    client = MlflowClient(tracking_uri=(base / "mlruns").as_uri())
    exp = client.create_experiment("seeds")
    ids = []
    for seed in SEEDS:
        run = client.create_run(exp, run_name=f"seed-{seed}")
        steps = range(6 if seed == 2 else 10)
        metrics = [
            Metric(
                "val_loss",
                math.nan if (seed, step) == (2, 3) else 1 / (1 + step) + 0.05 * seed,
                1_750_000_000_000 + 1000 * step + seed,
                step,
            )
            for step in steps
        ]
        client.log_batch(run.info.run_id, metrics=metrics)
        ids.append(run.info.run_id)
    made = prepared_store(store_template, base / "store.db", base / "mlruns")
    return client, ids, made


@pytest.fixture
def histories(seeded, tmp_path):
    _client, ids, made = seeded
    store = fresh_store(made, tmp_path / "store.db")
    catalog = Catalog(store)
    experiments = tuple(e.pk for e in catalog.sources_and_experiments()[1])
    found = catalog.search(RunScope(experiments), None, None, [])
    order = {run_id: at for at, run_id in enumerate(ids)}
    rows = found.page.rows
    pks = sorted(rows, key=lambda pk: order[rows[pk].run_id])
    found = catalog.histories_of_runs(pks, ["val_loss"])
    yield [found[pk, "val_loss"] for pk in pks]
    store.close()


def _mlflow_by_step(client, ids) -> dict[int, list[float]]:
    by_step: dict[int, list[float]] = {}
    for run_id in ids:
        for m in client.get_metric_history(run_id, "val_loss"):
            if math.isfinite(m.value):
                by_step.setdefault(m.step, []).append(m.value)
    return by_step


def test_the_mean_and_range_per_step_are_mlflows(seeded, histories):
    client, ids, _ = seeded
    expected = _mlflow_by_step(client, ids)
    curve = group_curve(histories)
    assert curve.x.tolist() == sorted(expected)
    for at, step in enumerate(curve.x.astype(int).tolist()):
        values = expected[step]
        assert curve.runs[at] == len(values)
        assert curve.mean[at] == pytest.approx(statistics.fmean(values))
        assert (curve.low[at], curve.high[at]) == (min(values), max(values))
    assert curve.runs.tolist()[:6] == [3, 3, 3, 2, 3, 3]  # the NaN is left out
    assert curve.runs.tolist()[6:] == [2, 2, 2, 2]  # seed 2 stopped


def test_the_std_band_is_one_sample_deviation(seeded, histories):
    client, ids, _ = seeded
    expected = _mlflow_by_step(client, ids)
    curve = group_curve(histories, band=Band.STD)
    for at, step in enumerate(curve.x.astype(int).tolist()):
        values = expected[step]
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        assert curve.high[at] - curve.mean[at] == pytest.approx(spread)
        assert curve.mean[at] - curve.low[at] == pytest.approx(spread)


def test_time_axes_put_a_step_at_its_mean_time(histories):
    curve = group_curve(histories, axis=XAxis.WALL_TIME)
    # Seeds reached step 0 at +0, +1 and +2 ms: their mean, in seconds.
    assert curve.x[0] == pytest.approx(1_750_000_000.001)


def test_no_history_gives_an_empty_curve():
    empty = History("m", np.empty(0, int), np.empty(0, int), np.empty(0))
    assert len(group_curve([]).x) == 0
    assert len(group_curve([empty]).mean) == 0
