"""Ranges for charts of lone points and flat lines."""

from __future__ import annotations

import numpy as np

from desktop.analysis.chart_range import flat_x_range, flat_y_range
from desktop.analysis.curves import XAxis


def test_a_lone_point_gets_whole_non_negative_steps_or_a_minute():
    assert flat_x_range([np.array([0.0])], XAxis.STEP) == (0.0, 2.0)
    assert flat_x_range([np.array([7.0]), np.array([7.0])], XAxis.STEP) == (6.0, 8.0)
    assert flat_x_range([np.array([0.0])], XAxis.RELATIVE_TIME) == (0.0, 2.0)
    assert flat_x_range([np.array([1e9])], XAxis.WALL_TIME) == (1e9 - 30, 1e9 + 30)


def test_spread_values_keep_the_automatic_range():
    assert flat_x_range([np.array([0.0]), np.array([1.0])], XAxis.STEP) is None
    assert flat_x_range([np.array([])], XAxis.STEP) is None
    assert flat_y_range([np.array([0.5, 0.7])]) is None


def test_a_flat_value_gets_a_tenth_either_side():
    assert flat_y_range([np.array([0.93, np.nan])]) == (0.93 - 0.093, 0.93 + 0.093)
    assert flat_y_range([np.array([0.0])]) == (-1.0, 1.0)
