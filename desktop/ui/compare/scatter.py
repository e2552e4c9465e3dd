"""The scatter section: any param or metric against another, coloured by a third
(a colour bar for numbers, a legend of categories for text such as an optimizer).

Given groups of runs it plots each group at its means, with error bars from
its runs' min to max or ±1 standard deviation, coloured as its curve.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)

from desktop.analysis.defaults import chosen_metric, scatter_defaults, suggests_log
from desktop.analysis.group_curves import Band
from desktop.analysis.group_set import GroupSet, group_scatter
from desktop.analysis.importance import correlation
from desktop.analysis.parallel import can_log
from desktop.analysis.run_set import RunSet
from desktop.analysis.variables import Variable
from desktop.ui.compare.export import ExportButton
from desktop.ui.compare.group_mode import colors_of, group_labels, mode_combo
from desktop.ui.compare.section import Section
from desktop.ui.plot_style import (
    TAB10,
    color_bar,
    color_map,
    layout_widget,
    muted,
    palette_colors,
    style_plot,
)

LEGEND_ROWS = 12
"""Categories named in the colour legend; the rest are counted."""
POINT_SIZE = 10
GROUP_POINT_SIZE = 14


class ScatterSection(Section):
    """Runs as points: x and y from any param or metric, colour from a third;
    or groups as points at their means, with error bars."""

    def __init__(
        self, parent=None, groups: Mapping[str, Sequence[int]] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scatterPlot")
        # Groups of the runs by name (None: runs only).
        self.groups = dict(groups) if groups else None
        self.group_set: GroupSet | None = None
        """The groups plotted, while the switch says group means."""
        self.error_bars: list[pg.ErrorBarItem] = []
        self.mode = mode_combo(self, "scatterMode", bands=True)
        self.mode.setVisible(self.groups is not None)
        self.mode.currentIndexChanged.connect(self._on_mode_changed)
        self.x_combo = self._combo("scatterX")
        self.y_combo = self._combo("scatterY")
        self.color_combo = self._combo("scatterColor")
        self.log_x = self._check(self.tr("Log x"), "scatterLogX")
        self.log_y = self._check(self.tr("Log y"), "scatterLogY")
        self.trend = self._check(self.tr("Trend line"), "scatterTrend")
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("scatterView")
        self.plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        style_plot(self.plot)
        for name in ("bottom", "left"):
            self.plot.getAxis(name).logTickStrings = _plain_log_ticks
        self.plot.setMenuEnabled(False)
        bg, _ = palette_colors()
        self.points = pg.ScatterPlotItem(
            size=10,
            pen=pg.mkPen(bg, width=1),
            hoverable=True,
            hoverSize=14,
            hoverPen=pg.mkPen(palette_colors()[1], width=2),
            tip=self._tip,
        )
        self.plot.addItem(self.points)
        self.trend_line = pg.PlotCurveItem(
            pen=pg.mkPen(muted(200), width=2, style=pg.QtCore.Qt.PenStyle.DashLine)
        )
        self.plot.addItem(self.trend_line)
        self.trend_label = pg.TextItem("", color=palette_colors()[1], anchor=(0, 0))
        self.trend_label.setParentItem(self.plot.getViewBox())
        self.trend_label.setPos(8, 4)
        self.bar = color_bar("", 0.0, 1.0)
        self.graphics.addItem(self.bar, row=0, col=1)
        backdrop = QColor(palette_colors()[0])
        self.legend = pg.LegendItem(
            labelTextColor=palette_colors()[1],
            brush=pg.mkBrush(backdrop),
            pen=pg.mkPen(muted(90)),
        )
        self.graphics.addItem(self.legend, row=0, col=2)  # beside the plot, on top
        self.legend.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.graphics.ci.layout.setAlignment(self.legend, Qt.AlignmentFlag.AlignTop)
        self.legend.hide()
        self.export_button = ExportButton(
            "scatter", lambda: self.graphics.ci, self.csv_rows, self
        )
        self.export_button.setObjectName("scatterExport")
        self.x: Variable | None = None
        self.y: Variable | None = None
        self.color: Variable | None = None
        self._shown = np.empty(0, dtype=np.int64)

        controls = QHBoxLayout()
        controls.addWidget(self.mode)
        labels = []
        for label, widget in (
            (self.tr("x"), self.x_combo),
            (self.tr("y"), self.y_combo),
            (self.tr("Colour"), self.color_combo),
        ):
            labels.append(QLabel(label, self))
            controls.addWidget(labels[-1])
            controls.addWidget(widget)
        self.color_label = labels[-1]
        for widget in (self.log_x, self.log_y, self.trend):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        self.status = QLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.graphics, 1)
        layout.addWidget(self.status)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setMinimumWidth(170)
        combo.currentIndexChanged.connect(self._redraw)
        return combo

    def _check(self, text: str, name: str) -> QCheckBox:
        check = QCheckBox(text, self)
        check.setObjectName(name)
        check.toggled.connect(self._redraw)
        return check

    # -- public ------------------------------------------------------------------------
    def plotted(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(run indices, x, y)`` of the points drawn, in value units."""
        x, y = self.points.getData()
        if self._log(self.log_x, self.x):
            x = 10.0**x
        if self._log(self.log_y, self.y):
            y = 10.0**y
        return self._shown.copy(), np.asarray(x), np.asarray(y)

    def items(self) -> RunSet | GroupSet:
        """What the points stand for: the groups, or the runs."""
        return self.runs if self.group_set is None else self.group_set

    def band(self) -> Band | None:
        """The error bars' span while groups are plotted (``None``: runs)."""
        chosen = self.mode.currentData() if self.groups else ""
        return Band(chosen) if chosen else None

    def csv_rows(self) -> list[list[object]]:
        """Run, x, y and colour value of every run; by group, each group's mean
        and the ends of its error bars for x and y."""
        if self.group_set is not None:
            return self._group_csv_rows(self.group_set)
        names = self.runs.names
        header: list[object] = ["run_id", "run_name"]
        used = [v for v in (self.x, self.y, self.color) if v is not None]
        header += [v.id for v in used]
        rows: list[list[object]] = [header]
        for i, run in enumerate(self.runs.runs):
            rows.append([run.run_id, names[i], *(v.text(i) for v in used)])
        return rows

    def _group_csv_rows(self, groups: GroupSet) -> list[list[object]]:
        band = self.band() or Band.RANGE
        used = [v for v in (self.x, self.y) if v is not None]
        header: list[object] = ["group", "runs"]
        for v in used:
            header += [f"{v.id} (mean)", f"{v.id} (low)", f"{v.id} (high)"]
        rows: list[list[object]] = [header]
        spreads = [groups.spread(v.id, band) for v in used]
        for g, name in enumerate(groups.names):
            row: list[object] = [name, groups.counts[g]]
            for v, (low, high) in zip(used, spreads, strict=True):
                row += [v.text(g), _number(low[g]), _number(high[g])]
            rows.append(row)
        return rows

    # -- building ----------------------------------------------------------------------
    def _on_mode_changed(self, _index: int) -> None:
        by_group = self.band() is not None
        if by_group == (self.group_set is not None):
            self._redraw()  # another band: the same points
        else:
            self.set_runs(self.runs)

    def rebuild(self) -> None:
        """Refill the choices: the strongest param plotting the most runs against
        the chosen metric, coloured by the next param; log where values span
        three decades. By group: a param the groups differ on against the
        metric, each group its own colour."""
        runs = self.runs
        by_group = self.groups is not None and self.band() is not None
        self.group_set = GroupSet(runs, self.groups) if by_group else None  # type: ignore[arg-type]
        self.color_label.setVisible(not by_group)
        self.color_combo.setVisible(not by_group)
        ids = runs.variable_ids()
        x_default, y_default, color_default = scatter_defaults(
            runs, chosen_metric(runs)
        )
        if self.group_set is not None:
            x_default, y_default = group_scatter(self.group_set, chosen_metric(runs))
            color_default = ""
        if not y_default:
            y_default = next((i for i in ids if i != x_default), x_default)
        for combo, choices, default, none in (
            (self.x_combo, ids, x_default, False),
            (self.y_combo, ids, y_default, False),
            (self.color_combo, ids, color_default, True),
        ):
            combo.blockSignals(True)
            combo.clear()
            if none:
                combo.addItem(self.tr("(none)"), "")
            for ident in choices:
                combo.addItem(self._label(ident), ident)
            combo.setCurrentIndex(max(0, combo.findData(default)))
            combo.blockSignals(False)
        for check, ident in ((self.log_x, x_default), (self.log_y, y_default)):
            check.blockSignals(True)
            check.setChecked(bool(ident) and suggests_log(self.items().variable(ident)))
            check.blockSignals(False)
        self._redraw()

    def _label(self, ident: str) -> str:
        kind, _, key = ident.partition(":")
        kind_name = self.tr("param") if kind == "param" else self.tr("metric")
        return f"{key}  ({kind_name})"

    def _variable(self, combo: QComboBox) -> Variable | None:
        ident = combo.currentData()
        return self.items().variable(ident) if ident else None

    def _log(self, check: QCheckBox, variable: Variable | None) -> bool:
        return check.isChecked() and variable is not None and can_log(variable)

    def _redraw(self, *_args) -> None:
        if not self.runs.runs:
            return
        self.x, self.y = self._variable(self.x_combo), self._variable(self.y_combo)
        self.color = self._variable(self.color_combo)
        if self.x is None or self.y is None:
            return
        self.log_x.setEnabled(can_log(self.x))
        self.log_y.setEnabled(can_log(self.y))
        log_x, log_y = self._log(self.log_x, self.x), self._log(self.log_y, self.y)
        xs = np.log10(self.x.values) if log_x else self.x.values
        ys = np.log10(self.y.values) if log_y else self.y.values
        shown = np.flatnonzero(np.isfinite(xs) & np.isfinite(ys))
        self._shown = shown
        groups = self.group_set
        self.points.setData(
            x=xs[shown],
            y=ys[shown],
            data=shown,
            brush=self._brushes(shown) if groups is None else self._group_brushes(),
            size=POINT_SIZE if groups is None else GROUP_POINT_SIZE,
        )
        self._draw_error_bars(xs, ys, shown, log_x, log_y)
        self.plot.setLogMode(False, False)
        for name, variable, log in (("bottom", self.x, log_x), ("left", self.y, log_y)):
            axis = self.plot.getAxis(name)
            axis.setLogMode(log)
            axis.setLabel(variable.label)
            axis.setTicks(_category_ticks(variable))
        self._draw_trend(xs[shown], ys[shown], log_x, log_y)
        self.plot.enableAutoRange()
        missing = len(self.items()) - shown.size
        if groups is not None:
            text = self.tr("{0} groups plotted", "", shown.size).format(shown.size)
        else:
            text = self.tr("{0} runs plotted", "", shown.size).format(shown.size)
        if missing:
            text += self.tr("; {0} lack a value").format(missing)
        self.status.setText(text)

    def _brushes(self, shown: np.ndarray) -> list:
        color = self.color
        self.legend.clear()
        self.legend.hide()
        if color is None:
            self.bar.hide()
            return [pg.mkBrush(QColor(TAB10[0]))] * shown.size
        if color.is_categorical:
            self.bar.hide()
            return self._category_brushes(color, shown)
        values = color.values
        finite = values[np.isfinite(values)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0, 1)
        self.bar.setLevels((lo, hi if hi > lo else lo + 1))
        self.bar.getAxis("left").setLabel(color.label)
        self.bar.show()
        cmap = color_map()
        unit = (values[shown] - lo) / (hi - lo) if hi > lo else np.full(shown.size, 0.5)
        colors = cmap.map(np.nan_to_num(unit, nan=0.0), mode="qcolor")
        grey = muted(120)
        return [
            pg.mkBrush(grey if not math.isfinite(values[i]) else c)
            for i, c in zip(shown, colors, strict=True)
        ]

    def _group_brushes(self) -> list:
        """Each group in its curve's colour, named in the legend."""
        groups = self.group_set
        assert groups is not None
        self.bar.hide()
        self.legend.clear()
        colors = colors_of(groups)
        pen = pg.mkPen(palette_colors()[0], width=1)
        for label, color in list(zip(group_labels(groups), colors, strict=True))[
            :LEGEND_ROWS
        ]:
            sample = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(color), pen=pen)
            self.legend.addItem(sample, label)
        if len(groups) > LEGEND_ROWS:
            more = len(groups) - LEGEND_ROWS
            self.legend.addItem(
                pg.ScatterPlotItem(size=0), self.tr("…and {0} more").format(more)
            )
        self.legend.setVisible(bool(len(groups)))
        return [pg.mkBrush(colors[int(g)]) for g in self._shown]

    def _draw_error_bars(
        self,
        xs: np.ndarray,
        ys: np.ndarray,
        shown: np.ndarray,
        log_x: bool,
        log_y: bool,
    ) -> None:
        """Each group's spread in x and y, in its colour (none for runs)."""
        for bar in self.error_bars:
            self.plot.removeItem(bar)
        self.error_bars = []
        groups, band = self.group_set, self.band()
        if groups is None or band is None or self.x is None or self.y is None:
            return
        x_lo, x_hi = _ends(groups, self.x, band, log_x)
        y_lo, y_hi = _ends(groups, self.y, band, log_y)
        colors = colors_of(groups)
        for g in shown.tolist():
            x, y = xs[g], ys[g]
            bar = pg.ErrorBarItem(
                x=np.array([x]),
                y=np.array([y]),
                left=np.array([_length(x - x_lo[g])]),
                right=np.array([_length(x_hi[g] - x)]),
                bottom=np.array([_length(y - y_lo[g])]),
                top=np.array([_length(y_hi[g] - y)]),
                pen=pg.mkPen(colors[g], width=2),
            )
            bar.setZValue(-1)  # under the points
            self.plot.addItem(bar)
            self.error_bars.append(bar)

    def error_bar_ends(self) -> dict[int, tuple[float, float, float, float]]:
        """By group index: the ends of its bars ``(x low, x high, y low, y high)``
        as drawn (in axis units: log10 on a log axis)."""
        ends = {}
        for g, bar in zip(self._shown.tolist(), self.error_bars, strict=False):
            opts = bar.opts
            x, y = float(opts["x"][0]), float(opts["y"][0])
            ends[g] = (
                x - float(opts["left"][0]),
                x + float(opts["right"][0]),
                y - float(opts["bottom"][0]),
                y + float(opts["top"][0]),
            )
        return ends

    def _category_brushes(self, color: Variable, shown: np.ndarray) -> list:
        """One colour per category, named in a legend (grey: no value)."""
        codes = color.values[shown]
        present = sorted({int(c) for c in codes if math.isfinite(c)})
        brushes = {
            c: pg.mkBrush(QColor(TAB10[n % len(TAB10)])) for n, c in enumerate(present)
        }
        grey = pg.mkBrush(muted(120))
        pen = pg.mkPen(palette_colors()[0], width=1)
        for code in present[:LEGEND_ROWS]:
            sample = pg.ScatterPlotItem(size=10, brush=brushes[code], pen=pen)
            self.legend.addItem(sample, color.categories[code])
        if len(present) > LEGEND_ROWS:
            more = len(present) - LEGEND_ROWS
            self.legend.addItem(
                pg.ScatterPlotItem(size=0),
                self.tr("…and {0} more").format(more),
            )
        self.legend.setVisible(bool(present))
        return [brushes.get(int(c), grey) if math.isfinite(c) else grey for c in codes]

    def legend_entries(self) -> list[str]:
        """The category names the legend shows, in order."""
        return [label.text for _sample, label in self.legend.items]

    def _draw_trend(self, xs: np.ndarray, ys: np.ndarray, log_x: bool, log_y: bool):
        self.trend_line.setData([], [])
        self.trend_label.setText("")
        numeric = not (self.x.is_categorical or self.y.is_categorical)
        if not self.trend.isChecked() or not numeric or xs.size < 2:
            self.trend.setEnabled(numeric)
            return
        self.trend.setEnabled(True)
        if np.ptp(xs) == 0:
            return
        slope, intercept = np.polyfit(xs, ys, 1)
        ends = np.array([xs.min(), xs.max()])
        self.trend_line.setData(ends, slope * ends + intercept)
        r = correlation(xs, ys)
        fit = (
            self.tr("log fit: slope {0:.4g}, r = {1}")
            if log_x or log_y
            else self.tr("fit: slope {0:.4g}, r = {1}")
        )
        self.trend_label.setText(
            fit.format(slope, self.tr("n/a") if r is None else f"{r:+.3f}")
        )

    def _tip(self, x: float, y: float, data: object) -> str:
        i = int(data)  # type: ignore[call-overload]
        if self.group_set is not None:
            return self._group_tip(self.group_set, i)
        names = self.runs.names
        lines = [names[i]]
        for variable in (self.x, self.y, self.color):
            if variable is not None:
                lines.append(f"{variable.label}: {variable.text(i) or '—'}")
        return "\n".join(lines)

    def _group_tip(self, groups: GroupSet, g: int) -> str:
        band = self.band() or Band.RANGE
        lines = [group_labels(groups)[g]]
        for variable in (self.x, self.y):
            if variable is None:
                continue
            text = variable.text(g) or "—"
            if not variable.is_categorical:
                low, high = groups.spread(variable.id, band)
                if not (math.isfinite(low[g]) and high[g] > low[g]):
                    pass
                elif band is Band.STD:
                    text += f" ± {(high[g] - low[g]) / 2:.6g}"
                else:
                    text += f"  [{low[g]:.6g}, {high[g]:.6g}]"
            lines.append(f"{variable.label}: {text}")
        return "\n".join(lines)


def _ends(
    groups: GroupSet, variable: Variable, band: Band, log: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Where a variable's error bars end, per group, in axis units."""
    low, high = groups.spread(variable.id, band)
    if log:
        with np.errstate(divide="ignore", invalid="ignore"):
            low, high = np.log10(low), np.log10(high)
    return low, high


def _length(value: float) -> float:
    """An error bar's length: 0 where it has none (or cannot be drawn)."""
    return float(value) if math.isfinite(value) and value > 0 else 0.0


def _number(value: float) -> str:
    return "" if not math.isfinite(value) else repr(float(value))


def _plain_log_ticks(values, _scale, _spacing) -> list[str]:
    """Log-axis ticks as the numbers they stand for (``0.01``, ``10``)."""
    return [f"{10.0**v:.4g}" for v in values]


def _category_ticks(variable: Variable) -> list | None:
    if not variable.is_categorical:
        return None
    return [list(enumerate(variable.categories))]
