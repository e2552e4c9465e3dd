"""Metric histories survive the store's compact encoding exactly."""

from __future__ import annotations

import numpy as np
import pytest

from desktop.store import history_codec as codec


@pytest.mark.parametrize(
    "steps",
    [
        np.arange(5),
        np.array([0]),
        np.array([], dtype=np.int64),
        np.array([0, 2, 4]),
        np.array([-3, 0, 1]),
        np.array([1, 2, 3]),
        np.array([0, 1, 1, 2]),
        np.array([2**62, 2**62 + 1]),
    ],
)
def test_steps_round_trip(steps):
    steps = steps.astype(np.int64)
    blob = codec.encode_steps(steps)
    assert codec.decode_steps(blob, len(steps)).tolist() == steps.tolist()


def test_plain_step_sequences_take_no_space():
    assert codec.encode_steps(np.arange(1000)) == b""


@pytest.mark.parametrize(
    "timestamps",
    [
        [1_750_000_000_000, 1_750_000_000_500, 1_750_000_003_000],
        [1_750_000_000_000, 1_750_000_000_000 + 30 * 86_400_000],  # wider than int32
        [5, 3, 9],
        [],
    ],
)
def test_timestamps_round_trip(timestamps):
    ts = np.array(timestamps, dtype=np.int64)
    blob = codec.encode_timestamps(ts)
    assert codec.decode_timestamps(blob).tolist() == ts.tolist()


def test_close_timestamps_use_four_bytes_each():
    ts = 1_750_000_000_000 + np.arange(1000, dtype=np.int64) * 1000
    assert len(codec.encode_timestamps(ts)) == 1 + 8 + 4 * 1000


def test_values_keep_nan_and_infinities():
    values = np.array([0.1, np.nan, np.inf, -np.inf, -0.0, 1e-300])
    out = codec.decode_values(codec.encode_values(values))
    assert np.array_equal(out, values, equal_nan=True)
    assert np.signbit(out[4])
