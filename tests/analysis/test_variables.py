"""Params and metrics as per-run columns; the run set and its preferences."""

from __future__ import annotations

import math

import numpy as np

from desktop.analysis.run_set import RunSet
from desktop.analysis.variables import metric_variable, param_variable, parse_number
from tests.analysis.records import metric, run


def test_numeric_params_parse_and_missing_is_nan():
    variable = param_variable("lr", ["0.1", None, "1e-3", " 2 "])
    assert not variable.is_categorical
    np.testing.assert_array_equal(variable.values, [0.1, math.nan, 1e-3, 2.0])
    assert variable.text(2) == "0.001"
    assert variable.text(1) == ""
    assert variable.varies


def test_one_word_makes_a_param_categorical():
    variable = param_variable("depth", ["3", "None", "5"])
    assert variable.categories == ("3", "5", "None")
    np.testing.assert_array_equal(variable.values, [0, 2, 1])
    assert variable.text(1) == "None"
    assert parse_number("nan") is None
    assert parse_number("inf") is None


def test_varies_counts_missing_as_different():
    assert not param_variable("bs", ["32", "32"]).varies
    assert param_variable("bs", ["32", None]).varies
    assert not param_variable("bs", [None, None]).varies


def test_metric_fields_and_non_finite_values():
    runs = [
        run(1, "a", metrics={"loss": metric("loss", 0.5, lo=0.1, hi=0.9)}),
        run(2, "b", metrics={"loss": metric("loss", math.inf)}),
        run(3, "c"),
    ]
    np.testing.assert_array_equal(
        metric_variable("loss", runs).values, [0.5, math.nan, math.nan]
    )
    np.testing.assert_array_equal(
        metric_variable("loss", runs, "min").values[:1], [0.1]
    )
    assert metric_variable("loss", runs, "max").label == "loss (max)"
    assert metric_variable("loss", runs, "max").id == "metric:max:loss"


def test_run_set_keys_names_and_preferred_metrics():
    runs = [
        run(
            1,
            "",
            params={"b": "1"},
            metrics={
                "zeta": metric("zeta", 1.0),
                "const": metric("const", 1.0),
                "val/loss": metric("val/loss", 0.4),
            },
        ),
        run(
            2,
            "two",
            params={"a": "x"},
            metrics={
                "zeta": metric("zeta", 2.0),
                "const": metric("const", 1.0),
                "val/loss": metric("val/loss", 0.2),
            },
            experiment=9,
        ),
    ]
    runs_set = RunSet(runs, {7: "seven", 9: "nine"}, {1: "s1", 2: "s2"})
    assert runs_set.param_keys == ["a", "b"]
    assert runs_set.names == ["run-1"[:8], "two"]
    assert runs_set.experiment_pks == [7, 9]
    assert runs_set.experiment_name(1) == "nine"
    assert runs_set.preferred_metrics() == ["val/loss", "zeta", "const"]
    assert runs_set.variable("metric:min:zeta").field == "min"
    assert runs_set.variable("param:a").categories == ("x",)
    assert runs_set.variable_ids() == [
        "param:a",
        "param:b",
        "metric:const",
        "metric:val/loss",
        "metric:zeta",
    ]
