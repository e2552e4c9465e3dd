"""Group means in the compare dialog's metric charts: one line per group of runs,
with a band (min to max, or ±1 standard deviation) drawn under it.

The mean lines go through :func:`add_lines` like runs' lines (so the crosshair,
the readout and the legend work on groups); the bands are kept beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band, GroupCurve, group_curve
from desktop.core.views import History
from desktop.ui.compare.curve_charts import Chart, add_lines

BAND_ALPHA = 50


def group_curves(
    key: str,
    groups: Mapping[str, Sequence[int]],
    histories: Mapping[tuple[int, str], History],
    axis: XAxis,
    band: Band,
    smoothing: float,
) -> list[GroupCurve]:
    """Each group's curve of metric ``key``, in the order of ``groups``."""
    return [
        group_curve(
            [h for pk in members if (h := histories.get((pk, key))) is not None],
            axis,
            band,
            smoothing,
        )
        for members in groups.values()
    ]


def add_group_lines(
    chart: Chart, curves: Sequence[GroupCurve], colors: Sequence[QColor]
) -> list[pg.FillBetweenItem | None]:
    """Draw each group's band, then its mean line over it; the bands, in order."""
    bands: list[pg.FillBetweenItem | None] = []
    for curve, color in zip(curves, colors, strict=True):
        if not len(curve.x):
            bands.append(None)
            continue
        # Plain curves: their path needs no view (PlotDataItems clip to one).
        low = pg.PlotCurveItem(curve.x, curve.low, pen=None)
        high = pg.PlotCurveItem(curve.x, curve.high, pen=None)
        fill = QColor(color)
        fill.setAlpha(BAND_ALPHA)
        band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(fill))
        chart.plot.addItem(band)
        bands.append(band)
    means = [
        History(chart.key, np.arange(len(c.x)), np.zeros(len(c.x), np.int64), c.mean)
        for c in curves
    ]
    add_lines(chart, means, [c.x if len(c.x) else None for c in curves], colors, 0.0)
    return bands


def csv_group_rows(
    keys: Sequence[str],
    names: Sequence[str],
    curves_by_key: Mapping[str, Sequence[GroupCurve]],
) -> list[list[object]]:
    """Every charted group point: group, metric, x, mean, band, runs."""
    rows: list[list[object]] = [["group", "metric", "x", "mean", "low", "high", "runs"]]
    for key in keys:
        for name, curve in zip(names, curves_by_key.get(key, ()), strict=False):
            rows.extend(
                [name, key, x, repr(m), repr(lo), repr(hi), n]
                for x, m, lo, hi, n in zip(
                    curve.x.tolist(),
                    curve.mean.tolist(),
                    curve.low.tolist(),
                    curve.high.tolist(),
                    curve.runs.tolist(),
                    strict=True,
                )
            )
    return rows
