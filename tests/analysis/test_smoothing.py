"""Curve smoothing: TensorBoard's debiased moving average, without SciPy."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.signal import lfilter

from desktop.analysis.curves import ema


def _reference(values: np.ndarray, weight: float) -> np.ndarray:
    """The smoothing as SciPy computed it before (one ``lfilter``)."""
    finite = np.isfinite(values)
    x = values[finite]
    smoothed = lfilter([1.0 - weight], [1.0, -weight], x)
    out = values.copy()
    out[finite] = smoothed / (1.0 - weight ** np.arange(1, x.size + 1))
    return out


@pytest.mark.parametrize("weight", [0.01, 0.3, 0.6, 0.9, 0.99, 0.999])
@pytest.mark.parametrize("size", [1, 2, 7, 300, 100_003])
def test_ema_matches_the_scipy_filter(weight, size):
    rng = np.random.default_rng(size)
    values = rng.normal(size=size).cumsum() * 1e3 + 5.0
    expected = _reference(values, weight)
    got = ema(values, weight)
    scale = np.max(np.abs(values))
    assert np.max(np.abs(got - expected)) <= 1e-13 * scale


def test_ema_keeps_gaps_and_extremes():
    values = np.array([1.0, np.nan, 3.0, np.inf, 1e300, -1e300, 0.0, 2.0])
    got = ema(values, 0.5)
    assert np.isnan(got[1])
    assert got[3] == np.inf
    np.testing.assert_allclose(got, _reference(values, 0.5), rtol=1e-13)
    np.testing.assert_array_equal(ema(values, 0.0), values)
    np.testing.assert_array_equal(ema(np.zeros(5), 0.9), np.zeros(5))
    assert ema(np.array([]), 0.6).size == 0


def test_ema_of_a_constant_is_that_constant():
    np.testing.assert_allclose(ema(np.full(10_000, 7.5), 0.95), 7.5, rtol=1e-14)
