"""Compare-table rows: differences, best values, directions, CSV."""

from __future__ import annotations

import math

import pytest

from desktop.analysis.compare_table import (
    Direction,
    best_indices,
    build_rows,
    csv_value,
    guess_direction,
    table_csv_rows,
    values_differ,
    visible_rows,
)
from desktop.analysis.run_set import RunSet
from tests.analysis.records import metric, run


@pytest.mark.parametrize(
    ("key", "direction"),
    [
        ("loss", Direction.LOWER),
        ("val/loss", Direction.LOWER),
        ("train_error", Direction.LOWER),
        ("RMSE", Direction.LOWER),
        ("val_mae", Direction.LOWER),
        ("wer", Direction.LOWER),
        ("inference_latency_ms", Direction.LOWER),
        ("perplexity", Direction.LOWER),
        ("accuracy", Direction.HIGHER),
        ("f1", Direction.HIGHER),
        ("val/auc", Direction.HIGHER),
        ("reward", Direction.HIGHER),
    ],
)
def test_direction_is_guessed_from_the_name(key, direction):
    assert guess_direction(key) is direction


def test_values_differ_treats_nan_as_equal_and_missing_as_a_value():
    assert not values_differ(["a", "a", "a"])
    assert values_differ(["a", "a", None])
    assert not values_differ([math.nan, math.nan])
    assert values_differ([1.0, math.nan])
    assert not values_differ([None, None])
    assert values_differ(["1", 1.0])


def test_best_indices_follow_the_direction_and_skip_non_finite():
    values = [0.5, None, 0.2, math.nan, 0.2, math.inf]
    assert best_indices(values, Direction.LOWER) == {2, 4}
    assert best_indices(values, Direction.HIGHER) == {0}
    assert best_indices([0.3, 0.3], Direction.HIGHER) == frozenset()  # a tie of all
    assert best_indices([0.3, None], Direction.HIGHER) == frozenset()  # one value


def _runs() -> RunSet:
    runs = [
        run(
            1,
            "alpha",
            params={"lr": "0.1", "bs": "32"},
            tags={"team": "a"},
            metrics={
                "loss": metric("loss", 0.5, lo=0.4, hi=2.0),
                "acc": metric("acc", 0.7),
            },
        ),
        run(
            2,
            "beta",
            params={"lr": "0.01", "bs": "32"},
            tags={"team": "a"},
            metrics={
                "loss": metric("loss", 0.3, lo=0.3, hi=1.5),
                "acc": metric("acc", 0.7),
            },
            experiment=8,
        ),
        run(
            3,
            "gamma",
            params={"lr": "0.01", "bs": "32", "extra": "x"},
            tags={"team": "a", "mlflow.runName": "gamma"},
            metrics={"loss": metric("loss", 0.9, lo=0.1, hi=0.9)},
        ),
    ]
    return RunSet(runs, {7: "exp-7", 8: "exp-8"}, {1: "src", 2: "src", 3: "src"})


def test_rows_mark_differences_and_best_values():
    rows = {r.id: r for r in build_rows(_runs())}
    assert not rows["param:bs"].differs
    assert rows["param:lr"].differs
    assert rows["param:extra"].values == (None, None, "x")
    assert rows["param:extra"].differs
    assert rows["metric:latest:loss"].best == {1}
    assert rows["metric:latest:acc"].values == (0.7, 0.7, None)
    assert rows["metric:latest:acc"].differs
    assert rows["metric:latest:acc"].best == frozenset()
    assert not rows["tag:team"].differs
    assert "tag:mlflow.runName" not in rows
    assert rows["fact:experiment"].values == ("exp-7", "exp-8", "exp-7")
    assert rows["fact:duration"].values == (60_000, 60_000, 60_000)
    assert not rows["fact:source"].differs


def test_min_max_rows_and_direction_overrides():
    rows = build_rows(
        _runs(),
        metric_fields=("latest", "min", "max"),
        directions={"loss": Direction.HIGHER},
    )
    by_id = {r.id: r for r in rows}
    assert by_id["metric:min:loss"].values == (0.4, 0.3, 0.1)
    assert by_id["metric:max:loss"].values == (2.0, 1.5, 0.9)
    assert by_id["metric:latest:loss"].best == {2}  # now higher is better
    assert by_id["metric:min:loss"].best == {0}
    order = [r.id for r in rows if r.kind == "metric"]
    assert order[:3] == ["metric:latest:acc", "metric:min:acc", "metric:max:acc"]


def test_differences_only_keeps_exactly_the_differing_rows():
    rows = build_rows(_runs())
    shown = visible_rows(rows, differences_only=True)
    # Run ids differ by nature: kept to name the runs, never marked as differing.
    assert {r.id for r in shown} == {r.id for r in rows if r.differs} | {"fact:run_id"}
    assert not next(r for r in rows if r.id == "fact:run_id").differs
    assert "param:bs" not in {r.id for r in shown}
    assert visible_rows(rows, differences_only=False) == rows


def test_csv_rows_in_both_orientations():
    runs = _runs()
    rows = visible_rows(build_rows(runs), differences_only=True)
    wide = table_csv_rows(rows, runs, transposed=False)
    assert wide[0] == ["field", "run-1", "run-2", "run-3"]
    assert wide[1] == ["run_name", "alpha", "beta", "gamma"]
    lr = next(r for r in wide if r[0] == "params.lr")
    assert lr == ["params.lr", "0.1", "0.01", "0.01"]
    long = table_csv_rows(rows, runs, transposed=True)
    assert long[0][:3] == ["run_id", "run_name", "experiment"]
    assert [r[1] for r in long[1:]] == ["alpha", "beta", "gamma"]
    loss = long[0].index("metrics.loss")
    assert [float(r[loss]) for r in long[1:]] == [0.5, 0.3, 0.9]
    start = next(r for r in build_rows(runs) if r.key == "start_time")
    assert csv_value(start, 1_750_000_000_000).startswith("2025-06-1")
    duration = next(r for r in build_rows(runs) if r.key == "duration")
    assert csv_value(duration, 1500) == "1.5"
