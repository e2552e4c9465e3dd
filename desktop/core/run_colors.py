"""Each run's colour: a slot of one palette, chosen by the run's id, the same in
every view (the compare window, the charts view, their legends).

A slot comes from a hash of the run id, so it does not depend on which runs are
shown together. Two runs drawn side by side may hash to the same or to a look-alike
slot; :meth:`ColorSlots.assign` then moves the later one to the free slot that
stands out most, and the run keeps that slot in every view from then on (for the
session), so a moved run is still one colour everywhere.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterable, Sequence
from functools import cache

PALETTE: tuple[str, ...] = (
    # Tableau 10 first, then colours of the same lightness and strength picked to
    # stand apart from them and from each other (greedy, in CIELAB), readable on
    # light and dark plot backgrounds alike.
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
    "#687028",
    "#e0a060",
    "#00c898",
    "#f07080",
    "#108068",
    "#88b870",
    "#a85800",
    "#a8a8e8",
    "#a08000",
    "#3070d8",
    "#a05078",
    "#f07850",
    "#00b8f8",
    "#789820",
)

DISTINCT = 30.0
"""Colours closer than this (CIELAB ΔE) count as a clash among runs shown together."""


def preferred_slot(run_id: str) -> int:
    """The palette slot a run's id hashes to."""
    return zlib.crc32(run_id.encode("utf-8")) % len(PALETTE)


class ColorSlots:
    """Palette slots of runs: hashed from their ids unless moved apart once."""

    def __init__(self) -> None:
        self._moved: dict[str, int] = {}

    def slot(self, run_id: str) -> int:
        """The run's slot now."""
        moved = self._moved.get(run_id)
        return preferred_slot(run_id) if moved is None else moved

    def slots(self, run_ids: Iterable[str]) -> list[int]:
        """The runs' slots now, moving none (many runs: colours repeat)."""
        return [self.slot(r) for r in run_ids]

    def assign(self, run_ids: Sequence[str]) -> tuple[list[int], list[str]]:
        """Slots for runs drawn together, told apart, and the runs moved for it.

        In order, a run keeps its slot unless an earlier run has the same slot or
        one that looks alike (:data:`DISTINCT`); it then moves to the free slot
        farthest from those taken, if that looks less alike. With more runs than
        slots, repeats cannot be helped: beyond that nothing moves.
        """
        current = self.slots(run_ids)
        if len(set(run_ids)) > len(PALETTE):
            return current, []
        taken: list[int] = []
        moved: list[str] = []
        for run_id, slot in zip(run_ids, current, strict=True):
            if slot in taken or (taken and _nearest(slot, taken) < DISTINCT):
                free = [s for s in range(len(PALETTE)) if s not in taken]
                best = max(free, key=lambda s: (_nearest(s, taken), -s))
                if slot in taken or _nearest(best, taken) > _nearest(slot, taken):
                    slot = best
                    self._moved[run_id] = slot
                    moved.append(run_id)
            taken.append(slot)
        return taken, moved


def _nearest(slot: int, others: Sequence[int]) -> float:
    """How far a slot's colour is from the closest of ``others`` (ΔE)."""
    return min(_distance(slot, o) for o in others)


@cache
def _distance(a: int, b: int) -> float:
    return math.dist(_lab(PALETTE[a]), _lab(PALETTE[b]))


def _lab(color: str) -> tuple[float, float, float]:
    """CIELAB of an ``#rrggbb`` colour (D65)."""
    r, g, b = (_linear(int(color[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = (_f(t) for t in (x, y, z))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _f(t: float) -> float:
    return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116
