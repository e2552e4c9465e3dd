"""The metric-curves section: charts of chosen metrics, one line per run."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSlider,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.curves import XAxis
from desktop.analysis.defaults import chosen_metric, curve_metrics
from desktop.analysis.group_curves import Band, GroupCurve
from desktop.core.formatting import format_time
from desktop.core.row_pages import HistoryKey
from desktop.core.views import History
from desktop.services.catalog import Catalog
from desktop.ui.compare.chooser import VariableChooser
from desktop.ui.compare.curve_charts import (
    CHART_HEIGHT,
    Chart,
    add_lines,
    line_x,
    new_chart,
    readout,
    set_shown,
    set_smoothing,
    show_dots,
    x_axis_combo,
    x_span,
)
from desktop.ui.compare.export import ExportButton
from desktop.ui.compare.group_lines import add_group_lines, csv_group_rows, group_curves
from desktop.ui.compare.group_mode import group_colors, mode_combo
from desktop.ui.compare.run_legend import RunLegend
from desktop.ui.compare.section import Section
from desktop.ui.i18n import describe
from desktop.ui.plot_style import layout_widget
from desktop.ui.run_colors import run_colors
from desktop.ui.workers import LatestOnly

DEFAULT_CHARTS = 4
COLUMNS = 2


class MetricCurvesSection(Section):
    """Chosen metrics over steps or time, runs overlaid, with a crosshair."""

    def __init__(
        self,
        catalog: Catalog,
        parent: QWidget | None = None,
        groups: Mapping[str, Sequence[int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("metricCurves")
        self.catalog = catalog
        #: The groups of runs compared (from grouped rows of the runs table), by
        #: name; ``None``: runs only.
        self.groups = dict(groups) if groups else None
        self._group_curves: dict[str, list[GroupCurve]] = {}
        self._bands: dict[str, list] = {}
        self.histories: dict[HistoryKey, History] = {}
        self._loaded: set[str] = set()
        self._pending: str | None = None
        self.charts: list[Chart] = []
        self.colors: list[QColor] = []
        self._loader = LatestOnly(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_load_failed)

        self.chooser = VariableChooser(with_log=False, parent=self)
        self.chooser.setObjectName("curveMetrics")
        self.chooser.changed.connect(self._load)
        self.legend = RunLegend(self)
        self.legend.visibility_changed.connect(self._apply_visibility)
        self.readout_label = QLabel(self.tr("Hover a chart to read values"), self)
        self.readout_label.setObjectName("curveReadout")
        self.x_combo = x_axis_combo(self, "curveXAxis")
        self.x_combo.currentIndexChanged.connect(self._draw)
        self.smoothing = QSlider(Qt.Orientation.Horizontal, self)
        self.smoothing.setObjectName("curveSmoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setFixedWidth(140)
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.smoothing_label = QLabel("0.00", self)
        self.lines_combo = mode_combo(self, "curveLines", bands=True)
        self.lines_combo.setVisible(self.groups is not None)
        self.lines_combo.currentIndexChanged.connect(self._on_lines_changed)
        self.log_y = QCheckBox(self.tr("Log y"), self)
        self.log_y.setObjectName("curveLogY")
        self.log_y.toggled.connect(self._on_log_y)
        self.loading = QLabel(self.tr("Loading histories…"), self)
        self.loading.setObjectName("curveLoading")
        self.loading.hide()
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("curveCharts")
        self.graphics.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._proxy = pg.SignalProxy(
            self.graphics.scene().sigMouseMoved, rateLimit=60, slot=self._on_mouse
        )
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.graphics)
        self.export_button = ExportButton(
            "metric-curves", lambda: self.graphics.ci, self.csv_rows, self
        )
        self.export_button.setObjectName("curveExport")

        controls = QHBoxLayout()
        controls.addWidget(self.lines_combo)
        controls.addWidget(QLabel(self.tr("x axis"), self))
        controls.addWidget(self.x_combo)
        controls.addWidget(QLabel(self.tr("Smoothing"), self))
        controls.addWidget(self.smoothing)
        controls.addWidget(self.smoothing_label)
        controls.addWidget(self.log_y)
        controls.addWidget(self.loading)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addLayout(controls)
        middle_layout.addWidget(scroll, 1)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.readout_label)
        side_layout.addWidget(self.legend, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.chooser)
        splitter.addWidget(middle)
        splitter.addWidget(side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 820, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

    # -- public ------------------------------------------------------------------------
    def metric_keys(self) -> list[str]:
        """The charted metrics, in order."""
        return [i.partition(":")[2] for i in self.chooser.checked_ids()]

    def is_complete(self) -> bool:
        """Whether every chosen metric is loaded and charted."""
        return (
            not self.is_loading()
            and [c.key for c in self.charts]
            == [k for k in self.metric_keys() if k in self._loaded]
            == self.metric_keys()
        )

    def set_metrics(self, keys: list[str]) -> None:
        """Chart exactly these metrics."""
        self.chooser.blockSignals(True)
        for key in self.runs.metric_keys:
            self.chooser.set_checked(f"metric:{key}", key in keys)
        self.chooser.blockSignals(False)
        self._load()

    def is_loading(self) -> bool:
        """Whether histories are being read."""
        return self._loader.is_busy()

    def chart(self, key: str) -> Chart | None:
        """The chart of one metric."""
        return next((c for c in self.charts if c.key == key), None)

    def legend_names(self) -> list[str]:
        """The names the legend lists (runs, or groups while their means show)."""
        return self.legend.names()

    def bands(self, key: str) -> list:
        """The group bands drawn in metric ``key``'s chart (none for runs)."""
        return list(self._bands.get(key, []))

    def band(self) -> Band | None:
        """The band of the group means drawn (``None``: one line per run)."""
        chosen = self.lines_combo.currentData() if self.groups else ""
        return Band(chosen) if chosen else None

    def csv_rows(self) -> Iterator[list[object]]:
        """Every charted point: run, metric, step, timestamp, value (unsmoothed);
        with group means, group, metric, x, mean, band and runs."""
        if self.band() is not None and self.groups is not None:
            return iter(
                csv_group_rows(
                    self.metric_keys(), list(self.groups), dict(self._group_curves)
                )
            )
        runs, keys = self.runs, self.metric_keys()
        histories = dict(self.histories)
        names = runs.names

        def rows() -> Iterator[list[object]]:
            yield ["run_id", "run_name", "metric", "step", "timestamp", "value"]
            for key in keys:
                for i, run in enumerate(runs.runs):
                    history = histories.get((run.pk, key))
                    if history is None:
                        continue
                    for step, stamp, value in zip(
                        history.steps.tolist(),
                        history.timestamps.tolist(),
                        history.values.tolist(),
                        strict=True,
                    ):
                        yield [run.run_id, names[i], key, step, stamp, repr(value)]

        return rows()

    # -- building ----------------------------------------------------------------------
    def rebuild(self) -> None:
        """Refill the metric list (first metrics ticked) and the legend."""
        runs = self.runs
        self.histories.clear()
        self._loaded.clear()
        self._pending = None
        self.graphics.clear()
        self.charts = []
        self._set_legend()
        metric = chosen_metric(runs)
        chosen = [f"metric:{k}" for k in curve_metrics(runs, metric, DEFAULT_CHARTS)]
        listed = sorted(runs.metric_keys, key=lambda k: k != metric)  # it on top
        self.chooser.set_variables(
            [("metric", [(f"metric:{k}", k) for k in listed])], chosen
        )
        self._load()

    def _set_legend(self) -> None:
        """One entry per run, or per group while group means are drawn."""
        runs = self.runs
        if self.band() is not None and self.groups is not None:
            names = list(self.groups)
            self.colors = group_colors(names)
            self.legend.setHeaderLabels([self.tr("Group"), self.tr("Mean")])
            self.legend.set_runs(names, names, self.colors)
            return
        self.legend.setHeaderLabels([self.tr("Run"), self.tr("Value")])
        self.colors = run_colors().distinct([r.run_id for r in runs.runs])
        self.legend.set_runs(runs.names, [r.run_id for r in runs.runs], self.colors)

    def _on_lines_changed(self, _index: int) -> None:
        self._set_legend()
        self._draw()

    def _load(self) -> None:
        """Chart what is loaded; read the next missing metric (one at a time, so
        the first chart shows while the others load)."""
        self._sync_charts()
        missing = [k for k in self.metric_keys() if k not in self._loaded]
        if not missing:
            self._pending = None
            self.loading.hide()
            return
        self.loading.show()
        key = missing[0]
        if key == self._pending:
            return
        self._pending = key
        catalog, pks = self.catalog, self.runs.pks
        self._loader.submit(lambda: (key, catalog.histories_of_runs(pks, [key])))

    def _on_loaded(self, result: tuple[str, dict[HistoryKey, History]]) -> None:
        key, histories = result
        self.histories.update(histories)
        self._loaded.add(key)
        self._pending = None
        self._load()

    def _on_load_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._pending = None
        self.loading.setText(self.tr("Could not load histories: {0}").format(message))

    def _sync_charts(self) -> None:
        """Add charts for newly loaded metrics; rebuild when the list changed."""
        wanted = [k for k in self.metric_keys() if k in self._loaded]
        have = [c.key for c in self.charts]
        if wanted[: len(have)] == have:
            self._add_charts(wanted[len(have) :])
        else:
            self._draw()

    def _draw(self, *_args) -> None:
        """Rebuild every chart from the loaded histories."""
        self.graphics.clear()
        self.charts = []
        self._bands.clear()
        self._group_curves.clear()
        self._add_charts([k for k in self.metric_keys() if k in self._loaded])

    def _add_charts(self, keys: list[str]) -> None:
        """Append one chart per metric.

        The plots are laid out, ranged and linked before their lines go in, so
        each line computes its (clipped, downsampled) display data once.
        """
        if not keys:
            return
        axis = XAxis(self.x_combo.currentData())
        if (band := self.band()) is not None:
            self._add_group_charts(keys, axis, band)
            return
        runs = self.runs
        total = len(self.charts) + len(keys)
        self.graphics.setMinimumHeight(
            ((total + COLUMNS - 1) // COLUMNS) * CHART_HEIGHT
        )
        histories = {
            k: [self.histories.get((r.pk, k)) for r in runs.runs] for k in keys
        }
        xs = {
            k: [
                None if h is None else line_x(h, axis, run.start_time)
                for h, run in zip(histories[k], runs.runs, strict=True)
            ]
            for k in keys
        }
        shown = [x for chart in self.charts for x in chart.x]
        span = x_span(shown + [x for k in keys for x in xs[k]])
        added = []
        for key in keys:
            n = len(self.charts)
            chart = new_chart(key, axis)
            self.graphics.addItem(chart.plot, row=n // COLUMNS, col=n % COLUMNS)
            chart.plot.setLogMode(False, self.log_y.isChecked())
            if span is not None:  # set before linking: a new view has no geometry
                chart.plot.setXRange(*span, padding=0.02)
            if self.charts:
                chart.plot.setXLink(self.charts[0].plot)
            self.charts.append(chart)
            added.append(chart)
        if span is not None and shown and x_span(shown) != span:
            self.charts[0].plot.setXRange(*span, padding=0.02)
        smoothing = self.smoothing.value() / 100
        for chart in added:
            add_lines(
                chart, histories[chart.key], xs[chart.key], self.colors, smoothing
            )
        self._apply_visibility()

    def _add_group_charts(self, keys: list[str], axis: XAxis, band: Band) -> None:
        """One chart per metric with each group's mean line and band."""
        assert self.groups is not None
        smoothing = self.smoothing.value() / 100
        total = len(self.charts) + len(keys)
        self.graphics.setMinimumHeight(
            ((total + COLUMNS - 1) // COLUMNS) * CHART_HEIGHT
        )
        for key in keys:
            curves = group_curves(
                key, self.groups, self.histories, axis, band, smoothing
            )
            self._group_curves[key] = curves
            n = len(self.charts)
            chart = new_chart(key, axis)
            self.graphics.addItem(chart.plot, row=n // COLUMNS, col=n % COLUMNS)
            chart.plot.setLogMode(False, self.log_y.isChecked())
            span = x_span([c.x for c in curves])
            if span is not None:
                chart.plot.setXRange(*span, padding=0.02)
            if self.charts:
                chart.plot.setXLink(self.charts[0].plot)
            self.charts.append(chart)
            self._bands[key] = add_group_lines(chart, curves, self.colors)
        self._apply_visibility()

    # -- interaction -------------------------------------------------------------------
    def _on_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        if self.band() is not None:  # means of smoothed runs: drawn again
            self._draw()
            return
        raws = {chart.has_raw() for chart in self.charts} - {None}
        if (value > 0 and False in raws) or (value == 0 and True in raws):
            self._draw()  # add or remove the faint unsmoothed lines
            return
        for chart in self.charts:
            set_smoothing(chart, value / 100)

    def _on_log_y(self, on: bool) -> None:
        for chart in self.charts:
            chart.plot.setLogMode(False, on)

    def visible_runs(self) -> list[bool]:
        """Which runs are ticked in the legend."""
        return self.legend.visible_runs()

    def _apply_visibility(self) -> None:
        visible = self.visible_runs()
        for chart in self.charts:
            if chart.shown != visible:
                set_shown(chart, visible)
            for band, shown in zip(
                self._bands.get(chart.key, ()), visible, strict=False
            ):
                if band is not None:
                    band.setVisible(shown)

    def _on_mouse(self, event: tuple[QPointF]) -> None:
        pos = event[0]
        hovered = next(
            (c for c in self.charts if c.plot.vb.sceneBoundingRect().contains(pos)),
            None,
        )
        for chart in self.charts:
            chart.crosshair.setVisible(hovered is not None)
            if chart is not hovered:
                chart.dots.setData([], [])
        if hovered is None:
            return
        x = hovered.plot.vb.mapSceneToView(pos).x()
        for chart in self.charts:
            chart.crosshair.setPos(x)
        self.show_readout(hovered, x)

    def show_readout(self, chart: Chart, x: float) -> None:
        """Put every run's value of ``chart`` at ``x`` in the legend."""
        points = readout(chart, x)
        visible = self.visible_runs()
        show_dots(chart, points, self.colors, visible, self.log_y.isChecked())
        axis = XAxis(self.x_combo.currentData())
        where = (
            self.tr("step {0}").format(f"{x:,.0f}")
            if axis is XAxis.STEP
            else self.tr("{0:.1f} s").format(x)
            if axis is XAxis.RELATIVE_TIME
            else format_time(int(x * 1000))
        )
        self.readout_label.setText(self.tr("{0} at {1}").format(chart.key, where))
        self.legend.show_values([None if p is None else p[1] for p in points])
