"""The batch row encoder equals the one-history-at-a-time reference exactly."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.core.records import MetricHistory, RunRecord
from desktop.sources.mlruns.metrics import build_history
from desktop.store.run_rows import encode_runs, history_row, summary_row


def _history(rng: np.random.Generator, key: str) -> MetricHistory:
    n = int(rng.integers(1, 40))
    kind = rng.integers(0, 6)
    steps = np.arange(n, dtype=np.int64)
    if kind == 1:
        steps = rng.integers(-5, 5, n).astype(np.int64)  # unsorted, duplicates
    elif kind == 2:
        steps = steps * 10 + 3
    ts = 1_750_000_000_000 + np.sort(rng.integers(0, 10**6, n)).astype(np.int64)
    if kind == 3:
        ts = ts // 1000  # seconds, scaled by build_history
    elif kind == 4:
        ts[-1] += 10**12  # too wide for int32 offsets
    values = rng.normal(size=n)
    if kind == 5:
        values[rng.random(n) < 0.4] = np.nan
        if rng.random() < 0.3:
            values[:] = np.nan
    elif rng.random() < 0.2:
        values[0] = -0.0
        values[-1] = 0.0
    return build_history(key, (ts, values, steps))


def _record(run_id: str, histories: list[MetricHistory]) -> RunRecord:
    return RunRecord(
        run_id=run_id,
        experiment_id="1",
        run_name="r",
        status="FINISHED",
        lifecycle_stage="active",
        start_time=1,
        end_time=2,
        deleted_time=None,
        user_id="u",
        artifact_uri=None,
        artifact_root=None,
        params={"lr": "0.1", "name": "x", "inf": "inf"},
        tags={"mlflow.parentRunId": "p", "t": "v"},
        metrics=histories,
        stamp="s",
        location=f"/m/1/{run_id}",
    )


def _same(a: tuple, b: tuple) -> bool:
    return len(a) == len(b) and all(
        (
            isinstance(x, float)
            and isinstance(y, float)
            and math.isnan(x)
            and math.isnan(y)
        )
        or (x == y and type(x) is type(y))
        for x, y in zip(a, b, strict=True)
    )


@pytest.mark.parametrize("seed", range(20))
def test_batch_encoding_equals_reference(seed: int) -> None:
    rng = np.random.default_rng(seed)
    records = [
        _record(
            f"run{i}", [_history(rng, f"m{j}") for j in range(int(rng.integers(0, 6)))]
        )
        for i in range(8)
    ]
    rows = encode_runs(records)
    want_summaries = [
        (r.run_id, *summary_row(0, h)[1:]) for r in records for h in r.metrics
    ]
    want_histories = [
        (r.run_id, *history_row(0, h)[1:]) for r in records for h in r.metrics
    ]
    assert len(rows.summaries) == len(want_summaries)
    for got, want in zip(rows.summaries, want_summaries, strict=True):
        assert _same(got, want), (got, want)
    assert rows.histories == want_histories
    assert rows.points == sum(len(h) for r in records for h in r.metrics)
    assert rows.params[:3] == [
        ("run0", "lr", "0.1", 0.1),
        ("run0", "name", "x", None),
        ("run0", "inf", "inf", None),
    ]
    assert rows.runs[0][11] == "p"  # parent run id from the tag


def test_nan_next_to_infinity_keeps_the_infinity_as_min() -> None:
    values = np.array([np.nan, np.inf])
    history = MetricHistory("k", np.arange(2), np.array([5, 6]), values, 1)
    (summary,) = encode_runs([_record("r", [history])]).summaries
    assert summary[6] == math.inf  # min_value
    assert summary[7] == 1  # its step
