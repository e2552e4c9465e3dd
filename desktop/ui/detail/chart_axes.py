"""An x axis of steps: ticks only at whole steps, numbers as they are."""

from __future__ import annotations

import pyqtgraph as pg


class StepAxis(pg.AxisItem):
    """Bottom axis for training steps: never a tick at step 2.5."""

    def __init__(self, orientation: str = "bottom", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self.enableAutoSIPrefix(False)

    def tickSpacing(self, minVal: float, maxVal: float, size: float):
        levels = [
            (spacing, offset)
            for spacing, offset in super().tickSpacing(minVal, maxVal, size)
            if spacing >= 1
        ]
        return levels or [(1.0, 0.0)]
