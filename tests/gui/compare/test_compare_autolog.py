"""Compare on what people log: autologged estimators, a grid search, hand logging.

Five runs of ``churn`` (two forests, two logistic regressions, one hand-logged
run) share almost no params: the plots must open on ``max_depth`` against
``roc_auc``, print numbers as they are and leave autolog constants out.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

pytestmark = pytest.mark.slow  # sklearn autolog writes the runs

FIVE = ["rf-depth-3", "rf-depth-None", "logreg-C0.01", "logreg-C10", "lgbm-hand-0"]
TOP_LEVEL = [
    *(f"rf-depth-{d}" for d in (3, 6, None)),
    *(f"logreg-C{c}" for c in ("0.01", "0.1", "10")),
    "grid-rf",
    *(f"lgbm-hand-{i}" for i in range(3)),
]


def _tick_strings(axis) -> list[str]:
    """The tick labels an axis draws over its current range."""
    lo, hi = axis.range
    strings = []
    for spacing, values in axis.tickValues(lo, hi, axis.size().height()):
        strings += axis.tickStrings(values, axis.autoSIPrefixScale, spacing)
    return strings


def test_parallel_opens_on_the_shared_varying_param_then_metrics(open_autolog, qtbot):
    dialog = open_autolog(FIVE)
    section = dialog.show_section("parallel")
    qtbot.waitUntil(section.is_built)
    axes = section.axis_ids()
    assert axes[0] == "param:max_depth"  # in 3 of 5 runs, 3 / None / -1
    assert axes[1] == "metric:roc_auc"  # the metric with a known direction
    assert all(a.startswith("metric:") for a in axes[1:])
    assert "param:random_state" not in axes  # 0 vs None: only tells estimators
    assert "param:C" not in axes  # in 2 of 5 runs
    assert section.item.titles()[0] == "max_depth"
    # None is a category, drawn between the numbers' categories and labelled.
    assert section.scales[0].categories == ("-1", "3", "None")
    assert section.color_combo.currentData() == "metric:roc_auc"
    # A param ticked later still goes left of the metrics.
    section.chooser.set_checked("param:C", True)
    assert section.axis_ids()[:2] == ["param:max_depth", "param:C"]
    assert section.item.titles()[1] == "C"


def test_many_axes_titles_never_overlap_and_keep_full_names(open_autolog, qtbot):
    dialog = open_autolog(TOP_LEVEL)
    section = dialog.show_section("parallel")
    qtbot.waitUntil(section.is_built)
    keys = dialog.runs.param_keys
    section.set_axes([f"param:{k}" for k in keys] + ["metric:roc_auc"])
    qtbot.waitUntil(lambda: len(section.axis_ids()) == len(keys) + 1)
    dialog.grab()  # lay out at 1366 px
    titles = section.item.title_items()
    rects = section.item.title_rects()
    assert rects[-1].right() <= section.graphics.width()
    for (i, a), (j, b) in itertools.combinations(enumerate(rects), 2):
        assert not a.intersects(b), (section.item.titles()[i], section.item.titles()[j])
    names = [v.label for v in section.variables]
    assert [t.toolTip() for t in titles] == names
    assert any("…" in t for t in section.item.titles())  # long names elided
    assert "intercept_scaling" in names


def test_scatter_opens_on_the_pair_plotting_most_runs_without_si_scaling(
    open_autolog, qtbot
):
    dialog = open_autolog(FIVE)
    section = dialog.show_section("scatter")
    qtbot.waitUntil(section.is_built)
    assert section.x_combo.currentData() == "param:max_depth"
    assert section.y_combo.currentData() == "metric:roc_auc"
    # No numeric param differs among the three plotted runs: no colour.
    assert section.color_combo.currentData() == ""
    assert section.status.text() == "3 runs plotted; 2 lack a value"
    dialog.grab()  # lay out and draw the axes
    left = section.plot.getAxis("left")
    assert "roc_auc" in left.labelString()
    assert "x0.0" not in left.labelString()
    ticks = _tick_strings(left)
    assert ticks
    assert all(0.5 < float(t) <= 1.0 for t in ticks)
    # C spans three decades: log x is suggested; 0.1 is drawn at 0.1.
    section.x_combo.setCurrentIndex(section.x_combo.findData("param:C"))
    dialog.grab()
    bottom = section.plot.getAxis("bottom")
    assert "x0.0" not in bottom.labelString()
    _, xs, _ = section.plotted()
    assert sorted(xs) == [0.01, 10.0]


def test_log_suggested_for_c_when_it_opens_on_it(open_autolog, qtbot):
    dialog = open_autolog(["logreg-C0.01", "logreg-C0.1", "logreg-C10"])
    section = dialog.show_section("scatter")
    qtbot.waitUntil(section.is_built)
    assert section.x_combo.currentData() == "param:C"
    assert section.log_x.isChecked()
    dialog.grab()
    bottom = section.plot.getAxis("bottom")
    assert "x0.0" not in bottom.labelString()
    ticks = _tick_strings(bottom)
    assert {"0.01", "0.1", "1", "10"} <= set(ticks)  # plain numbers, no "10¹"
    assert max(float(t) for t in ticks) <= 10


def test_importance_leaves_constants_out_and_prints_plain_zeroes(open_autolog, qtbot):
    dialog = open_autolog(TOP_LEVEL)
    section = dialog.show_section("importance")
    assert section.metric_combo.currentData() == "roc_auc"
    qtbot.waitUntil(lambda: section.result is not None, timeout=120_000)
    assert section.ranked_params() == ["max_depth"]
    left_out = section.left_out_keys()
    for key in ("random_state", "n_jobs", "tol", "fit_intercept", "C"):
        assert key in left_out
    assert section.left_out.text().startswith(f"Left out {len(left_out)} params: ")
    assert "random_state" in section.left_out.toolTip()
    assert "constant" in section.left_out.text()
    ((key, importance, corr),) = section.score_labels()
    assert key == "max_depth"
    assert importance == "1.00"
    assert corr != "n/a"  # numbers among "None" still correlate
    assert "random forest" in section.graphics.toolTip()


def test_importance_says_when_runs_are_too_few(open_autolog, qtbot):
    dialog = open_autolog(["rf-depth-3", "logreg-C10", "lgbm-hand-0"])
    section = dialog.show_section("importance")
    qtbot.waitUntil(lambda: section.result is not None, timeout=120_000)
    assert section.ranked_params() == []
    assert "at least 5" in section.message.text()
    assert not section.graphics.isVisible()
    assert not section.scroll.isVisible()  # no empty chart box either


def test_the_sort_metric_drives_every_tab(open_autolog, qtbot):
    dialog = open_autolog(FIVE, sort_metric="training_log_loss")
    parallel = dialog.show_section("parallel")
    qtbot.waitUntil(parallel.is_built)
    assert "metric:training_log_loss" in parallel.axis_ids()
    assert parallel.color_combo.currentData() == "metric:training_log_loss"
    scatter = dialog.show_section("scatter")
    qtbot.waitUntil(scatter.is_built)
    assert scatter.y_combo.currentData() == "metric:training_log_loss"
    curves = dialog.show_section("curves")
    assert curves.metric_keys()[0] == "training_log_loss"
    importance = dialog.show_section("importance")
    assert importance.metric_combo.currentData() == "training_log_loss"
    assert np.isfinite(dialog.runs.metric("training_log_loss").values).sum() == 4
