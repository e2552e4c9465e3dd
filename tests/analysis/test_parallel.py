"""Parallel-coordinates geometry: scales, brushing, polylines, colour bins."""

from __future__ import annotations

import math

import numpy as np
import pytest

from desktop.analysis.parallel import (
    axis_scale,
    brush_mask,
    can_log,
    colour_bins,
    log_ticks,
    nearest_line,
    nice_ticks,
    polylines,
    unit_matrix,
)
from desktop.analysis.variables import Variable, param_variable


def numeric(values) -> Variable:
    return Variable("metric", "m", np.array(values, dtype=float))


def test_linear_scale_maps_the_range_to_the_unit_interval():
    scale = axis_scale(numeric([2.0, 4.0, math.nan, 10.0]))
    np.testing.assert_allclose(
        scale.to_unit(np.array([2.0, 4.0, math.nan, 10.0])), [0, 0.25, math.nan, 1]
    )
    assert scale.from_unit(0.25) == pytest.approx(4.0)
    ticks = scale.ticks()
    assert ticks[0] == (0.0, "2")
    assert ticks[-1] == (1.0, "10")
    assert (0.25, "4") in ticks


def test_log_scale_only_when_every_value_is_positive():
    variable = numeric([1e-4, 1e-3, 1e-1])
    assert can_log(variable)
    scale = axis_scale(variable, log=True)
    assert scale.log
    np.testing.assert_allclose(scale.to_unit(variable.values), [0, 1 / 3, 1])
    assert scale.from_unit(1 / 3) == pytest.approx(1e-3)
    assert [label for _, label in scale.ticks()] == ["0.0001", "0.001", "0.01", "0.1"]
    with_zero = numeric([0.0, 1.0, 10.0])
    assert not can_log(with_zero)
    assert not axis_scale(with_zero, log=True).log


def test_categorical_axis_spaces_categories_evenly_in_sorted_order():
    variable = param_variable("opt", ["sgd", "adam", None, "rmsprop", "adam"])
    assert variable.categories == ("adam", "rmsprop", "sgd")
    scale = axis_scale(variable, log=True)  # log is ignored for categories
    assert not scale.log
    np.testing.assert_allclose(scale.to_unit(variable.values), [1, 0, math.nan, 0.5, 0])
    assert scale.ticks() == [(0.0, "adam"), (0.5, "rmsprop"), (1.0, "sgd")]


def test_numeric_categories_sort_by_value():
    variable = param_variable("depth", ["10", "9", "auto", "100"])
    assert variable.categories == ("9", "10", "100", "auto")


def test_constant_axis_sits_in_the_middle():
    scale = axis_scale(numeric([3.0, 3.0, math.nan]))
    np.testing.assert_allclose(
        scale.to_unit(np.array([3.0, 3.0, math.nan])), [0.5, 0.5, math.nan]
    )
    one = axis_scale(param_variable("x", ["a", "a"]))
    np.testing.assert_allclose(one.to_unit(np.array([0.0, 0.0])), [0.5, 0.5])


def test_nice_ticks_are_round_numbers_inside_the_range():
    assert nice_ticks(0.0, 1.0) == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert nice_ticks(3.2, 47.0) == [10.0, 20.0, 30.0, 40.0]
    assert log_ticks(2e-5, 3e-1) == [1e-4, 1e-3, 1e-2, 1e-1]


def test_brushes_and_together_and_missing_values_fall_outside():
    matrix = np.array([[0.1, 0.9], [0.5, 0.5], [0.6, math.nan], [0.9, 0.2]])
    np.testing.assert_array_equal(brush_mask(matrix, {}), [True] * 4)
    np.testing.assert_array_equal(brush_mask(matrix, {0: (0.7, 0.4)}), [0, 1, 1, 0])
    np.testing.assert_array_equal(
        brush_mask(matrix, {0: (0.4, 0.7), 1: (0.0, 0.6)}), [0, 1, 0, 0]
    )


def test_polylines_join_points_within_a_run_only():
    matrix = np.array([[0.1, 0.2, 0.3], [0.4, math.nan, 0.6], [0.7, 0.8, 0.9]])
    x, y, connect = polylines(matrix, np.array([0, 1]))
    np.testing.assert_array_equal(x, [0, 1, 2, 0, 1, 2])
    np.testing.assert_array_equal(y, [0.1, 0.2, 0.3, 0.4, 0.0, 0.6])
    np.testing.assert_array_equal(connect, [1, 1, 0, 0, 0, 0])


def test_unit_matrix_has_a_column_per_axis():
    variables = [numeric([1.0, 3.0]), param_variable("o", ["b", "a"])]
    scales = [axis_scale(v) for v in variables]
    np.testing.assert_allclose(unit_matrix(variables, scales), [[0, 1], [1, 0]])


def test_colour_bins_cover_the_range():
    bins = colour_bins(np.array([0.0, 0.5, 1.0, math.nan]), 0.0, 1.0, 4)
    np.testing.assert_array_equal(bins, [0, 2, 3, -1])
    np.testing.assert_array_equal(
        colour_bins(np.array([2.0, 2.0]), 2.0, 2.0, 4), [2, 2]
    )


def test_nearest_line_interpolates_between_axes():
    matrix = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.2]])
    run, distance = nearest_line(matrix, 0.5, 0.52, np.arange(3))
    assert run in (0, 1)
    assert distance == pytest.approx(0.02)
    assert nearest_line(matrix, 0.0, 0.21, np.arange(3))[0] == 2
    assert nearest_line(matrix, 0.0, 0.21, np.array([0, 1]))[0] == 0
    assert nearest_line(matrix, 1.5, 0.5, np.arange(3)) == (-1, math.inf)
