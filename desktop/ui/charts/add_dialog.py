"""The "Add chart" dialog: a chart type and what it plots."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from desktop.analysis.chart_cards import STATS, CardKind, CardSize, CardSpec
from desktop.ui.charts.bar_card import stat_name
from desktop.ui.charts.card import size_name


class AddChartDialog(QDialog):
    """Choose a line, bar, scatter or parallel-coordinates chart and its variables."""

    def __init__(
        self,
        metrics: Sequence[str],
        params: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("addChartDialog")
        self.setWindowTitle(self.tr("Add chart"))
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("addChartKind")
        for kind, text in (
            (CardKind.LINE, self.tr("Line chart (a metric's history)")),
            (CardKind.BAR, self.tr("Bar chart (a value per run)")),
            (CardKind.SCATTER, self.tr("Scatter chart")),
            (CardKind.PARALLEL, self.tr("Parallel coordinates")),
        ):
            self.kind_combo.addItem(text, kind.value)
        self.metric_combo = QComboBox(self)
        self.metric_combo.setObjectName("addChartMetric")
        for key in metrics:
            self.metric_combo.addItem(key, key)
        self.stat_combo = QComboBox(self)
        self.stat_combo.setObjectName("addChartStat")
        for stat in STATS:
            self.stat_combo.addItem(stat_name(stat), stat)
        variables = [(f"metric:{k}", k) for k in metrics]
        variables += [(f"param:{k}", self.tr("{0} (param)").format(k)) for k in params]
        self.x_combo = QComboBox(self)
        self.x_combo.setObjectName("addChartX")
        self.y_combo = QComboBox(self)
        self.y_combo.setObjectName("addChartY")
        for combo in (self.x_combo, self.y_combo):
            for ident, text in variables:
                combo.addItem(text, ident)
        if params:  # a param against a metric, by default
            self.x_combo.setCurrentIndex(len(metrics))
        self.size_combo = QComboBox(self)
        self.size_combo.setObjectName("addChartSize")
        for size in CardSize:
            self.size_combo.addItem(size_name(size), size.value)
        self.size_combo.setCurrentIndex(1)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Chart"), self.kind_combo)
        self.form.addRow(self.tr("Metric"), self.metric_combo)
        self.form.addRow(self.tr("Value"), self.stat_combo)
        self.form.addRow(self.tr("x"), self.x_combo)
        self.form.addRow(self.tr("y"), self.y_combo)
        self.form.addRow(self.tr("Size"), self.size_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.form.addRow(buttons)
        self.setLayout(self.form)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self._on_kind()

    def _on_kind(self, *_args) -> None:
        kind = CardKind(self.kind_combo.currentData())
        for widget, kinds in (
            (self.metric_combo, (CardKind.LINE, CardKind.BAR)),
            (self.stat_combo, (CardKind.BAR,)),
            (self.x_combo, (CardKind.SCATTER,)),
            (self.y_combo, (CardKind.SCATTER,)),
        ):
            self.form.setRowVisible(widget, kind in kinds)
        if kind is CardKind.PARALLEL:
            self.size_combo.setCurrentIndex(2)
        ok = kind is CardKind.PARALLEL or (
            self.metric_combo.count() > 0
            if kind in (CardKind.LINE, CardKind.BAR)
            else self.x_combo.count() > 0
        )
        self.ok_button.setEnabled(ok)

    def spec(self) -> CardSpec:
        """The chart chosen."""
        kind = CardKind(self.kind_combo.currentData())
        size = CardSize(self.size_combo.currentData())
        if kind in (CardKind.LINE, CardKind.BAR):
            return CardSpec(
                kind,
                metric=self.metric_combo.currentData(),
                stat=self.stat_combo.currentData(),
                size=size,
            )
        if kind is CardKind.SCATTER:
            return CardSpec(
                kind,
                x=self.x_combo.currentData(),
                y=self.y_combo.currentData(),
                size=size,
            )
        return CardSpec(kind, size=size)
