"""What a comparison of heterogeneous runs opens on (metric, axes, scatter, log)."""

from __future__ import annotations

from dataclasses import replace

from desktop.analysis.defaults import (
    chosen_metric,
    curve_metrics,
    default_axes,
    scatter_defaults,
    suggests_log,
)
from desktop.analysis.run_set import RunSet
from desktop.analysis.variables import param_variable
from tests.analysis.records import metric, run

RF = {"random_state": "0", "n_jobs": "None", "bootstrap": "True"}
LR = {"random_state": "None", "n_jobs": "None", "tol": "0.0001"}


def _mixed() -> RunSet:
    """Two forests, three logistic regressions, two hand-logged runs."""
    runs = []
    for pk, (depth, auc) in enumerate((("3", 0.80), ("None", 0.95)), start=1):
        runs.append(
            run(
                pk,
                f"rf-{depth}",
                {**RF, "max_depth": depth},
                {"roc_auc": metric("roc_auc", auc), "zz_other": metric("zz_other", pk)},
            )
        )
    for pk, c in enumerate(("0.01", "0.1", "10"), start=3):
        runs.append(
            run(
                pk,
                f"lr-{c}",
                {**LR, "C": c, "max_depth": "2"},
                {
                    "roc_auc": metric("roc_auc", 0.7 + float(c) / 100),
                    "zz_other": metric("zz_other", pk),
                },
            )
        )
    for pk, lr in enumerate(("0.3", "0.003"), start=6):
        runs.append(
            run(
                pk,
                f"hand-{lr}",
                {"learning_rate": lr, "max_depth": "8"},
                {
                    "roc_auc": metric("roc_auc", 0.9),
                    "val_loss": metric("val_loss", 0.2),
                },
            )
        )
    return RunSet(runs, {}, {})


def test_the_metric_is_the_sort_metric_else_a_known_direction_in_most_runs():
    runs = _mixed()
    assert chosen_metric(runs) == "roc_auc"  # zz_other: direction unknown
    assert chosen_metric(runs, "zz_other") == "zz_other"
    assert chosen_metric(runs, "nonexistent") == "roc_auc"


def test_axes_are_varying_common_params_then_metrics():
    runs = _mixed()
    axes = default_axes(runs, "roc_auc")
    assert axes[0] == "param:max_depth"
    params = [a for a in axes if a.startswith("param:")]
    assert params == ["param:max_depth"]  # C, learning_rate: in few runs; ids out
    assert axes[len(params)] == "metric:roc_auc"


def test_scatter_pairs_the_param_plotting_the_most_runs_with_the_metric():
    runs = _mixed()
    x, y, colour = scatter_defaults(runs, "roc_auc")
    assert (x, y) == ("param:max_depth", "metric:roc_auc")
    assert colour == "param:C"  # numeric, in the most runs after max_depth


def test_log_suggested_over_three_decades_and_curves_start_with_the_metric():
    runs = _mixed()
    assert suggests_log(runs.param("C"))  # 0.01 .. 10
    assert not suggests_log(runs.param("learning_rate"))  # two decades
    assert curve_metrics(runs, "val_loss", 2)[0] == "val_loss"


def test_curves_chart_metrics_with_a_history_not_single_scores():
    """One-point scores (autolog) leave the curves once a metric has steps."""
    runs = _mixed()
    assert curve_metrics(runs, "roc_auc", 4) == ["roc_auc", "val_loss", "zz_other"]
    stepped = [
        replace(r, metrics={**r.metrics, "val_loss": replace(m, count=10)})
        if (m := r.metrics.get("val_loss"))
        else r
        for r in runs.runs
    ]
    stepped_runs = RunSet(stepped, {}, {})
    assert curve_metrics(stepped_runs, "roc_auc", 4) == ["roc_auc", "val_loss"]


def test_a_sweep_drawn_from_1e_4_to_1e_1_gets_a_log_axis():
    lr = param_variable("lr", ["0.00010003", "0.0021", "0.0999"])
    assert suggests_log(lr)
    assert not suggests_log(param_variable("lr", ["0.001", "0.1"]))
