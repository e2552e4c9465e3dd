"""Compact binary form of metric histories (one row per run and key).

Steps that are simply 0, 1, 2, ... are stored as an empty blob. Timestamps within
about 24 days of the first one are stored as int32 offsets from it (tag ``4``),
others as int64 (tag ``8``). Values are float64, NaN and infinities included. All
little-endian; decoding is a couple of ``numpy.frombuffer`` calls.
"""

from __future__ import annotations

import struct

import numpy as np

_INT32_SPAN = 2**31 - 1


def encode_steps(steps: np.ndarray) -> bytes:
    """Steps as bytes; empty when they are exactly ``0..n-1``."""
    n = steps.shape[0]
    if (
        n
        and steps[0] == 0
        and steps[-1] == n - 1
        and (n == 1 or bool((np.diff(steps) == 1).all()))
    ):
        return b""
    return steps.astype("<i8", copy=False).tobytes()


def decode_steps(blob: bytes, count: int) -> np.ndarray:
    """The inverse of :func:`encode_steps`."""
    if not blob and count:
        return np.arange(count, dtype=np.int64)
    return np.frombuffer(blob, dtype="<i8")


def encode_timestamps(timestamps: np.ndarray) -> bytes:
    """Timestamps as int32 offsets from the first when they fit, else int64."""
    if timestamps.shape[0] == 0:
        return b"\x08"
    base = int(timestamps.min())
    if int(timestamps.max()) - base <= _INT32_SPAN:
        offsets = (timestamps - base).astype("<i4")
        return b"\x04" + struct.pack("<q", base) + offsets.tobytes()
    return b"\x08" + timestamps.astype("<i8", copy=False).tobytes()


def decode_timestamps(blob: bytes) -> np.ndarray:
    """The inverse of :func:`encode_timestamps`."""
    if blob[:1] == b"\x04":
        (base,) = struct.unpack_from("<q", blob, 1)
        return np.frombuffer(blob, dtype="<i4", offset=9).astype(np.int64) + base
    return np.frombuffer(blob, dtype="<i8", offset=1)


def encode_values(values: np.ndarray) -> bytes:
    """Values as float64 bytes."""
    return values.astype("<f8", copy=False).tobytes()


def decode_values(blob: bytes) -> np.ndarray:
    """The inverse of :func:`encode_values`."""
    return np.frombuffer(blob, dtype="<f8")
