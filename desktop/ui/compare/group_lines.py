"""Group means in the compare dialog's metric charts: one line per group of runs,
with a band (min to max, or ±1 standard deviation) drawn under it.

The mean lines go through :func:`add_lines` like runs' lines (so the crosshair,
the readout and the legend work on groups); the bands are kept beside them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor, QPainterPath
from PySide6.QtWidgets import QGraphicsPathItem

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


def band_path(curve: GroupCurve) -> QPainterPath:
    """The outline of a group's band: along its highs, back along its lows.

    A plain value (no widget): it can be built on a worker thread.
    """
    if not len(curve.x):
        return QPainterPath()
    x = np.concatenate([curve.x, curve.x[::-1]]).astype(np.float64)
    y = np.concatenate([curve.high, curve.low[::-1]]).astype(np.float64)
    path = pg.arrayToQPath(x, y, connect="all")
    path.closeSubpath()
    return path


def add_group_lines(
    chart: Chart,
    curves: Sequence[GroupCurve],
    colors: Sequence[QColor],
    paths: Sequence[QPainterPath] | None = None,
    total: int | None = None,
) -> list[QGraphicsPathItem | None]:
    """Draw each group's band, then its mean line over it; the bands, in order.

    ``paths``: the bands' outlines (:func:`band_path`), when made beforehand;
    ``total``: how many groups the chart gets in all, when drawn in parts.
    """
    if paths is None:
        paths = [band_path(c) for c in curves]
    bands: list[QGraphicsPathItem | None] = []
    for curve, color, path in zip(curves, colors, paths, strict=True):
        if not len(curve.x):
            bands.append(None)
            continue
        fill = QColor(color)
        fill.setAlpha(BAND_ALPHA)
        band = QGraphicsPathItem(path)
        band.setBrush(pg.mkBrush(fill))
        band.setPen(pg.mkPen(None))
        band.setZValue(-1)  # under the lines
        chart.plot.addItem(band)
        bands.append(band)
    means = [
        History(chart.key, np.arange(len(c.x)), np.zeros(len(c.x), np.int64), c.mean)
        for c in curves
    ]
    xs = [c.x if len(c.x) else None for c in curves]
    add_lines(chart, means, xs, colors, 0.0, total)
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
