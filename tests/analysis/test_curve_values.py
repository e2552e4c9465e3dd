"""Reading a curve's value at a hovered x."""

from __future__ import annotations

import numpy as np

from desktop.analysis.curves import value_at


def test_value_at_picks_the_nearest_point_inside_the_range():
    x = np.array([0.0, 10.0, 20.0, 40.0])
    y = np.array([1.0, 2.0, 3.0, 4.0])
    assert value_at(x, y, 0.0) == (0.0, 1.0)
    assert value_at(x, y, 4.9) == (0.0, 1.0)
    assert value_at(x, y, 5.1) == (10.0, 2.0)
    assert value_at(x, y, 31.0) == (40.0, 4.0)
    assert value_at(x, y, 40.0) == (40.0, 4.0)
    assert value_at(x, y, 40.5) is None
    assert value_at(x, y, -1.0) is None
    assert value_at(np.array([]), np.array([]), 0.0) is None
