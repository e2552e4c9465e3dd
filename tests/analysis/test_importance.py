"""Parameter importance: the driver ranks first, with clear messages otherwise."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from desktop.analysis.importance import (
    correlation,
    format_correlation,
    format_score,
    param_importance,
)


def _runs(n: int, seed: int = 3):
    rng = random.Random(seed)
    params, target = [], []
    for i in range(n):
        driver = rng.uniform(0, 10)
        opt = rng.choice(["adam", "sgd", "rmsprop"])
        params.append(
            {
                "driver": f"{driver:.5f}",
                "noise": f"{rng.random():.5f}",
                "optimizer": opt,
                "batch_size": "32",
                **({"rare": "1"} if i % 3 == 0 else {}),
            }
        )
        target.append(2 * driver + rng.gauss(0, 0.1))
    return params, np.array(target)


def test_the_driving_param_ranks_first_with_strong_correlation():
    params, target = _runs(40)
    result = param_importance(params, target, "score")
    assert result.message is None
    assert result.runs_used == 40
    assert result.scores[0].key == "driver"
    assert result.scores[0].importance > 0.6
    assert result.scores[0].correlation == pytest.approx(1.0, abs=0.02)
    assert sum(s.importance for s in result.scores) == pytest.approx(1.0)
    keys = [s.key for s in result.scores]
    assert "batch_size" not in keys  # constant params are dropped
    assert "rare" not in keys  # present in a third of the runs: left out
    assert result.screen.constant == ("batch_size",)
    assert result.screen.sparse == ("rare",)
    optimizer = next(s for s in result.scores if s.key == "optimizer")
    assert optimizer.categorical
    assert optimizer.correlation is None


def test_a_categorical_driver_is_found_through_one_hot_encoding():
    rng = random.Random(5)
    params, target = [], []
    effect = {"adam": 0.0, "sgd": 5.0, "rmsprop": 1.0}
    for _ in range(30):
        opt = rng.choice(list(effect))
        params.append({"optimizer": opt, "noise": f"{rng.random():.4f}"})
        target.append(effect[opt] + rng.gauss(0, 0.1))
    result = param_importance(params, np.array(target), "loss")
    assert result.scores[0].key == "optimizer"


def test_results_are_reproducible():
    params, target = _runs(25)
    first = param_importance(params, target, "m")
    assert param_importance(params, target, "m") == first


def test_too_few_runs_gives_a_message_and_no_scores():
    params, target = _runs(6)
    target[2:] = math.nan  # only two runs logged the metric
    result = param_importance(params, target, "acc")
    assert result.scores == ()
    assert result.runs_used == 2
    assert "at least 5" in result.message
    assert result.few_runs


def test_constant_metric_and_constant_params_give_messages():
    params, _ = _runs(8)
    assert "same in every run" in param_importance(params, np.ones(8), "m").message
    same = [{"a": "1"}] * 8
    result = param_importance(same, np.arange(8.0), "m")
    assert result.message.startswith("No param differs between these runs")


def test_correlation_and_format():
    x = np.array([1.0, 2.0, 3.0, math.nan, 5.0])
    assert correlation(x, -2 * x) == pytest.approx(-1.0)
    assert correlation(np.ones(5), x) is None
    assert correlation(x[:2], x[:2]) is None
    assert format_score(None) == "\u2013"
    assert format_score(0.12345) == "0.12"
    assert format_score(-0.0001) == "0.00"  # never "-0.000"
    assert format_correlation(-0.001) == "0.00"
    assert format_correlation(0.834) == "+0.83"


def test_numbers_among_categories_still_correlate():
    """``max_depth`` of 2..12 and one ``None`` is categorical, yet correlated."""
    rng = random.Random(2)
    params, target = [], []
    for i in range(20):
        depth = rng.randint(2, 12)
        params.append({"max_depth": "None" if i == 0 else str(depth)})
        target.append(0.1 if i == 0 else depth + rng.gauss(0, 0.05))
    result = param_importance(params, np.array(target), "auc")
    score = result.scores[0]
    assert score.key == "max_depth"
    assert score.categorical
    assert score.correlation == pytest.approx(1.0, abs=0.02)


def test_estimator_identifiers_are_left_out():
    """``random_state`` differs only because the estimators differ."""
    rf = {"max_depth": "3", "random_state": "0", "n_estimators": "5"}
    lr = {"C": "0.1", "random_state": "None", "max_depth": "4"}
    params = [{**rf, "max_depth": str(d)} for d in (2, 4, 6, 8)] + [
        {**lr, "max_depth": str(d)} for d in (3, 5, 7)
    ]
    target = np.array([0.2, 0.4, 0.6, 0.8, 0.3, 0.5, 0.7])
    result = param_importance(params, target, "auc")
    assert [s.key for s in result.scores] == ["max_depth"]
    assert result.screen.by_type == ("random_state",)
    assert result.screen.sparse == ("C",)
    assert result.screen.constant == ("n_estimators",)
