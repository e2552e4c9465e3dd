"""The parameter-importance section: which params drive a chosen metric."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.defaults import chosen_metric
from desktop.analysis.importance import (
    MIN_RUNS,
    ImportanceResult,
    format_correlation,
    format_score,
    param_importance,
)
from desktop.services.analysis_process import AnalysisProcess
from desktop.services.catalog import Catalog
from desktop.services.importance_reads import importance_of_experiments
from desktop.ui.compare.export import ExportButton
from desktop.ui.compare.section import Section
from desktop.ui.i18n import describe, translated
from desktop.ui.plot_style import layout_widget, palette_colors, style_plot
from desktop.ui.workers import LatestOnly

ROW_PX = 28
MAX_ROW_PX = 56
IMPORTANCE_COLOR = QColor("#2f7fd8")
POSITIVE_COLOR = QColor("#2e9d4f")
NEGATIVE_COLOR = QColor("#d6453d")


class ParamImportanceSection(Section):
    """Random-forest importance and correlation of each param with a metric."""

    def __init__(
        self,
        catalog: Catalog,
        analysis: AnalysisProcess,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("paramImportance")
        self.catalog = catalog
        self.analysis = analysis
        self.result: ImportanceResult | None = None
        self._worker = LatestOnly(self)
        self._worker.finished.connect(self._on_result)
        self._worker.failed.connect(self._on_failed)
        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("importanceMetric")
        self.metric_combo.setMinimumWidth(200)
        self.metric_combo.currentIndexChanged.connect(self.compute)
        self.all_runs = QCheckBox(self.tr("Use all runs of their experiments"), self)
        self.all_runs.setObjectName("importanceAllRuns")
        self.all_runs.setToolTip(
            self.tr("Learn from every active run of the compared runs' experiments")
        )
        self.all_runs.toggled.connect(self.compute)
        self.message = QLabel(self)
        self.message.setObjectName("importanceMessage")
        self.message.setWordWrap(True)
        self.left_out = QLabel(self)
        self.left_out.setObjectName("importanceLeftOut")
        self.left_out.setWordWrap(True)
        self.graphics = layout_widget(self)
        self.graphics.setObjectName("importanceChart")
        self.importance_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=0)
        self.correlation_plot: pg.PlotItem = self.graphics.addPlot(row=0, col=1)
        for plot, title in (
            (self.importance_plot, self.tr("Importance")),
            (self.correlation_plot, self.tr("Correlation")),
        ):
            style_plot(plot)
            plot.setMenuEnabled(False)
            plot.setMouseEnabled(x=False, y=False)
            plot.hideButtons()
            plot.setTitle(title, color=palette_colors()[1], size="10pt", bold=True)
            plot.showGrid(x=True, y=False, alpha=0.15)
        self.correlation_plot.setYLink(self.importance_plot)
        self.correlation_plot.hideAxis("left")
        self.graphics.ci.layout.setColumnStretchFactor(0, 3)
        self.graphics.ci.layout.setColumnStretchFactor(1, 2)
        self.graphics.setToolTip(self._how())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.graphics)
        self.scroll = scroll
        self.export_button = ExportButton(
            "parameter-importance", lambda: self.graphics.ci, self.csv_rows, self
        )
        self.export_button.setObjectName("importanceExport")

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Metric"), self))
        controls.addWidget(self.metric_combo)
        controls.addWidget(self.all_runs)
        controls.addStretch(1)
        controls.addWidget(self.export_button)
        note = QLabel(
            self.tr(
                "Importance: share of a random forest's (scikit-learn, 100 trees) "
                "error reduction owed to each param. Correlation: Pearson, over "
                "the params' numeric values. Hover the chart for details."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setToolTip(self._how())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(controls)
        layout.addWidget(self.message)
        layout.addWidget(self.left_out)
        layout.addWidget(scroll, 1)
        layout.addStretch(0)
        layout.addWidget(note)

    # -- public ------------------------------------------------------------------------
    def is_busy(self) -> bool:
        """Whether a computation is running."""
        return self._worker.is_busy()

    def ranked_params(self) -> list[str]:
        """Param keys from the most to the least important, as drawn."""
        return [s.key for s in self.result.scores] if self.result else []

    def csv_rows(self) -> list[list[object]]:
        """Param, importance and correlation, most important first."""
        rows: list[list[object]] = [["param", "importance", "correlation", "kind"]]
        for s in self.result.scores if self.result else ():
            kind = "categorical" if s.categorical else "numeric"
            corr = "" if s.correlation is None else repr(s.correlation)
            rows.append([s.key, repr(s.importance), corr, kind])
        return rows

    def rebuild(self) -> None:
        """Offer the runs' metrics (the first one chosen) and compute."""
        self.metric_combo.blockSignals(True)
        self.metric_combo.clear()
        for key in self.runs.metric_keys:
            self.metric_combo.addItem(key, key)
        metric = chosen_metric(self.runs)
        if metric is not None:
            self.metric_combo.setCurrentIndex(self.metric_combo.findData(metric))
        self.metric_combo.blockSignals(False)
        self.compute()

    def _how(self) -> str:
        return self.tr(
            "A random forest (scikit-learn, 100 trees, leaves of two or more runs) "
            "learns the metric from the params; a param's importance is its share "
            "of the forest's error reduction, all summing to 1. Correlation is "
            "Pearson's r between the metric and a param's numeric values. Params "
            "that are constant, present in half the runs or fewer, or that only "
            "differ between estimator types are left out. At least {0} runs with "
            "the metric are needed."
        ).format(MIN_RUNS)

    def compute(self, *_args) -> None:
        """Start computing importance for the chosen metric and scope."""
        metric = self.metric_combo.currentData()
        self.left_out.clear()
        if not metric:
            self._show(None)
            self.message.setText(self.tr("These runs have no metrics."))
            return
        self.message.setText(
            self.tr("Computing…")
            if self.analysis.has_run(param_importance)
            else self.tr(
                "Computing… (loading scikit-learn the first time takes a while)"
            )
        )
        if self.all_runs.isChecked():
            catalog, experiments = self.catalog, self.runs.experiment_pks
            analysis = self.analysis
            self._worker.submit(
                lambda: importance_of_experiments(
                    catalog, experiments, metric, analysis
                )
            )
            return
        params = [dict(r.params) for r in self.runs.runs]
        target = self.runs.metric(metric).values.copy()
        analysis = self.analysis
        self._worker.submit(
            lambda: analysis.run(param_importance, params, target, metric)
        )

    # -- drawing -----------------------------------------------------------------------
    def _on_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.message.setText(
            self.tr("Could not compute importance: {0}").format(message)
        )

    def _on_result(self, result: ImportanceResult) -> None:
        self.result = result
        self.left_out.setText(self._left_out_text(result))
        self.left_out.setToolTip(", ".join(self.left_out_keys()))
        if result.message:
            self.message.setText(translated(result.message))
        elif result.few_runs:
            self.message.setText(
                self.tr(
                    "Based on only {0} runs: treat the ranking as a rough hint."
                ).format(result.runs_used)
            )
        else:
            self.message.setText(
                self.tr("Learned from {0} runs.", "", result.runs_used).format(
                    result.runs_used
                )
            )
        self._show(result)

    def _left_out_text(self, result: ImportanceResult) -> str:
        """Which params were left out and why (empty when none were)."""
        screen = result.screen
        parts = []
        for keys, text in (
            (screen.constant, self.tr("{0} constant")),
            (screen.sparse, self.tr("{0} present in half the runs or fewer")),
            (screen.by_type, self.tr("{0} differing only between estimator types")),
        ):
            if keys:
                parts.append(text.format(len(keys)))
        if not parts:
            return ""
        return self.tr("Left out {0} params: {1}.").format(
            screen.left_out, ", ".join(parts)
        )

    def left_out_keys(self) -> list[str]:
        """Param keys left out of the ranking, by reason in turn."""
        if self.result is None:
            return []
        screen = self.result.screen
        return [*screen.constant, *screen.sparse, *screen.by_type]

    def score_labels(self) -> list[tuple[str, str, str]]:
        """``(param, importance, correlation)`` as printed on the chart."""
        return [
            (s.key, format_score(s.importance), self._corr_text(s.correlation))
            for s in (self.result.scores if self.result else ())
        ]

    def _corr_text(self, value: float | None) -> str:
        text = format_correlation(value)
        return self.tr("n/a") if text is None else text

    def _show(self, result: ImportanceResult | None) -> None:
        for plot in (self.importance_plot, self.correlation_plot):
            plot.clear()
        scores = result.scores if result else ()
        n = len(scores)
        self.graphics.setMinimumHeight(max(220, n * ROW_PX + 80))
        self.graphics.setMaximumHeight(max(260, n * MAX_ROW_PX + 100))
        self.graphics.setVisible(bool(n))
        self.scroll.setVisible(bool(n))
        if not n:
            return
        ys = np.arange(n)[::-1].astype(float)
        labels = [(float(y), s.key) for y, s in zip(ys, scores, strict=True)]
        self.importance_plot.getAxis("left").setTicks([labels])
        importances = np.array([s.importance for s in scores])
        self.importance_plot.addItem(
            pg.BarGraphItem(
                x0=0,
                y=ys,
                height=0.62,
                width=importances,
                brush=IMPORTANCE_COLOR,
                pen=None,
            )
        )
        corr = np.array(
            [np.nan if s.correlation is None else s.correlation for s in scores]
        )
        has = np.isfinite(corr)
        colors = [POSITIVE_COLOR if c >= 0 else NEGATIVE_COLOR for c in corr[has]]
        if has.any():
            self.correlation_plot.addItem(
                pg.BarGraphItem(
                    x0=np.minimum(corr[has], 0),
                    y=ys[has],
                    height=0.62,
                    width=np.abs(corr[has]),
                    brushes=colors,
                    pen=None,
                )
            )
        fg = palette_colors()[1]
        for y, s in zip(ys, scores, strict=True):
            text = pg.TextItem(format_score(s.importance), color=fg, anchor=(0, 0.5))
            text.setPos(s.importance, y)
            self.importance_plot.addItem(text)
            label = self._corr_text(s.correlation)
            anchor = (0, 0.5) if (s.correlation or 0) >= 0 else (1, 0.5)
            text = pg.TextItem(label, color=fg, anchor=anchor)
            text.setPos(s.correlation or 0.0, y)
            self.correlation_plot.addItem(text)
        top = float(importances.max()) if n else 1.0
        self.importance_plot.setXRange(0, top * 1.25 or 1, padding=0)
        self.correlation_plot.addItem(
            pg.InfiniteLine(0, angle=90, pen=pg.mkPen(palette_colors()[1]))
        )
        self.correlation_plot.setXRange(-1.2, 1.2, padding=0)
        self.importance_plot.setYRange(-0.6, n - 0.4, padding=0)
