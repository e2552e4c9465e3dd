"""The metrics tab: a searchable summary table whose selection is plotted."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from desktop.core.formatting import format_number
from desktop.core.views import History, MetricValue
from desktop.ui.detail.searchable_table import Row, SearchableTable
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog
    from desktop.ui.detail.metric_chart import MetricChart


POINTS_COLUMN = 7


class MetricsPage(QWidget):
    """Metric summaries (latest, min, max with their steps) and their curves."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricsTab")
        self.catalog = catalog
        self.table = SearchableTable(
            "metrics",
            [
                self.tr("Metric"),
                self.tr("Latest"),
                self.tr("Step"),
                self.tr("Min"),
                self.tr("Min step"),
                self.tr("Max"),
                self.tr("Max step"),
                self.tr("Points"),
            ],
            self.tr("Search metrics"),
            parent=self,
        )
        self.table.model.horizontalHeaderItem(POINTS_COLUMN).setToolTip(
            self.tr(
                "Points in the stored history. A point logged twice with the same "
                "step, timestamp and value counts once (MLflow 3's log_model "
                "repeats step-0 lines in mlruns folders; MLflow's database keeps "
                "one too)."
            )
        )
        # The chart (pyqtgraph) is built when the tab is first shown or asked for.
        self._chart: MetricChart | None = None
        self._pending: tuple[dict[str, History], bool] = ({}, False)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(QWidget(self))
        self.splitter.setSizes([180, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._run_pk: int | None = None
        self._wanted: list[str] = []
        self._loader = LatestOnly(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self.table.selection_changed.connect(self._on_selection)

    @property
    def chart(self) -> MetricChart:
        """The curves of the selected metrics (built on first use)."""
        return self._build_chart()

    def _build_chart(self) -> MetricChart:
        if self._chart is None:
            from desktop.ui.detail.metric_chart import MetricChart

            self._chart = MetricChart(self)
            self.splitter.replaceWidget(1, self._chart).deleteLater()
            histories, keep_view = self._pending
            self._chart.set_histories(histories, keep_view=keep_view)
        return self._chart

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._build_chart()

    def _show_histories(
        self, histories: dict[str, History], keep_view: bool = False
    ) -> None:
        if self._chart is None and not self.isVisible():
            self._pending = (histories, keep_view)
        else:
            self.chart.set_histories(histories, keep_view=keep_view)

    def show_metrics(self, run_pk: int, metrics: dict[str, MetricValue]) -> None:
        """Show a run's metrics; keep the plotted keys the run also has."""
        same_run = run_pk == self._run_pk
        self._run_pk = run_pk
        keep = [k for k in self._wanted if k in metrics]
        rows = [_row(m) for m in sorted(metrics.values(), key=lambda m: m.key)]
        self.table.tree.selectionModel().blockSignals(True)
        self.table.set_rows([(None, rows)])
        if not keep and metrics:
            keep = [_first_curve(metrics)]
        self.table.select_keys(keep)
        self.table.tree.selectionModel().blockSignals(False)
        self._plot(keep, keep_view=same_run)

    def clear(self) -> None:
        """Show nothing (no run selected)."""
        self._run_pk = None
        self.table.set_rows([])
        self._show_histories({})

    def is_loading(self) -> bool:
        """Whether histories are still being read."""
        return self._loader.is_busy()

    def _on_selection(self, keys: list[str]) -> None:
        self._wanted = keys
        self._plot(keys, keep_view=False)

    def _plot(self, keys: list[str], keep_view: bool) -> None:
        if self._run_pk is None or not keys:
            self._show_histories({})
            return
        catalog, pk, wanted = self.catalog, self._run_pk, list(keys)
        self._loader.submit(
            lambda: (pk, keep_view, catalog.metric_histories(pk, wanted))
        )

    def _on_loaded(self, result) -> None:
        pk, keep_view, histories = result
        if pk == self._run_pk:
            self._show_histories(histories, keep_view)

    def _on_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.chart.set_histories({})
        self.chart.empty.setText(
            self.tr("Could not load the history: {0}").format(message)
        )


def _first_curve(metrics: dict[str, MetricValue]) -> str:
    """The metric to plot first: the first (by name) with a history, if any."""
    keys = sorted(metrics)
    return next((k for k in keys if metrics[k].count > 1), keys[0])


def _row(m: MetricValue) -> Row:
    def num(value: float | None) -> float:
        return -math.inf if value is None or math.isnan(value) else value

    return Row(
        m.key,
        (
            m.key,
            _full(m.latest),
            str(m.step),
            _full(m.min),
            _step(m.min_step),
            _full(m.max),
            _step(m.max_step),
            f"{m.count:,}",
        ),
        (
            m.key.casefold(),
            num(m.latest),
            m.step,
            num(m.min),
            -1 if m.min_step is None else m.min_step,
            num(m.max),
            -1 if m.max_step is None else m.max_step,
            m.count,
        ),
    )


def _full(value: float | None) -> str:
    return format_number(value) if value is not None else "—"


def _step(step: int | None) -> str:
    return "—" if step is None else str(step)
