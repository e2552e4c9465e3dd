"""The runs area's Table / Charts switch: a stack of the runs table and the charts
view, two toggle buttons and a View-menu action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QStackedWidget,
    QToolButton,
    QWidget,
)

if TYPE_CHECKING:
    from desktop.ui.charts.view import ChartsView
    from desktop.ui.runs_view import RunsPanel

CHARTS_FLAG = "runs_charts"
"""The settings flag remembering that the charts were shown."""
SHORTCUT = "Ctrl+Shift+G"


class RunsViewSwitch(QObject):
    """Shows the runs table or the charts view in the runs panel."""

    def __init__(self, panel: RunsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.stack = QStackedWidget(panel)
        self.stack.setObjectName("runsStack")
        self.stack.addWidget(panel.table)
        # Made when first shown: plotting (pyqtgraph) loads after the first paint.
        self.charts: ChartsView | None = None

        self.buttons = QWidget(panel)
        self.table_button = QToolButton(self.buttons)
        self.table_button.setObjectName("showTableButton")
        self.table_button.setText(self.tr("Table"))
        self.table_button.setToolTip(self.tr("Show the runs as a table"))
        self.charts_button = QToolButton(self.buttons)
        self.charts_button.setObjectName("showChartsButton")
        self.charts_button.setText(self.tr("Charts"))
        self.charts_button.setToolTip(
            self.tr("Show charts of every run the filter shows ({0})").format(
                QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
            )
        )
        group = QButtonGroup(self.buttons)
        group.setExclusive(True)
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        for button in (self.table_button, self.charts_button):
            button.setCheckable(True)
            group.addButton(button)
            row.addWidget(button)
        self.table_button.setChecked(True)

        self.action = QAction(self.tr("Charts view"), panel)
        self.action.setObjectName("chartsViewAction")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setToolTip(self.tr("Switch between the runs table and charts"))
        self.action.toggled.connect(self.show_charts)
        self.charts_button.toggled.connect(self.show_charts)
        self.table_button.toggled.connect(lambda on: self.show_charts(not on))
        # A saved view keeps the cards and whether they are shown.
        panel.view_parts["charts"] = (self._view_part, self._apply_view_part)
        if panel.settings.flag(CHARTS_FLAG, False):  # once the window has painted
            QTimer.singleShot(0, self.stack, lambda: self.show_charts(True))

    def show_charts(self, on: bool) -> None:
        """Show the charts (``True``) or the table."""
        for widget in (self.action, self.charts_button, self.table_button):
            widget.blockSignals(True)
        self.action.setChecked(on)
        self.charts_button.setChecked(on)
        self.table_button.setChecked(not on)
        for widget in (self.action, self.charts_button, self.table_button):
            widget.blockSignals(False)
        if self.is_charts() != on:
            self.stack.setCurrentWidget(self._charts() if on else self.panel.table)
            self.panel.settings.set_flag(CHARTS_FLAG, on)

    def _charts(self) -> ChartsView:
        if self.charts is None:
            from desktop.ui.charts.view import ChartsView

            self.charts = ChartsView(self.panel)
            self.stack.addWidget(self.charts)
        return self.charts

    def _view_part(self) -> dict[str, object]:
        panel = self.panel
        cards = (
            self.charts.view_part()
            if self.charts is not None
            else panel.settings.chart_layout(panel.layout_scope())
        )
        return {"cards": cards, "shown": self.is_charts()}

    def _apply_view_part(self, value: object) -> None:
        if not isinstance(value, dict):
            return  # a damaged view
        cards = value.get("cards")
        if isinstance(cards, dict):
            if self.charts is not None:
                self.charts.apply_view_part(cards)
            else:  # read when the charts are first shown
                panel = self.panel
                panel.settings.save_chart_layout(panel.layout_scope(), cards)
        self.show_charts(bool(value.get("shown")))

    def is_charts(self) -> bool:
        """Whether the charts view is shown."""
        return self.charts is not None and self.stack.currentWidget() is self.charts
