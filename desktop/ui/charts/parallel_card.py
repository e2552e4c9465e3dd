"""A parallel-coordinates card: the compare dialog's section over the runs in view."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from desktop.analysis.chart_cards import CardSpec
from desktop.ui.charts.card import TALL_CARD_HEIGHT, ChartCard, ChartRuns
from desktop.ui.compare.parallel import ParallelCoordinatesSection

PARALLEL_MIN_WIDTH = 640


class _Section(ParallelCoordinatesSection):
    """The compare section, opening on the card's saved axes."""

    def __init__(self, card: ParallelCard) -> None:
        super().__init__(card)
        self.card = card

    def rebuild(self) -> None:
        super().rebuild()
        axes = [a for a in self.card.spec.axes if a in set(self.runs.variable_ids())]
        if axes:
            self.set_axes(axes)


class ParallelCard(ChartCard):
    """One axis per param and metric, one line per run; drag along an axis to
    keep a range, then select the kept runs in the table."""

    spec_changed = Signal(object)
    """The card's axes changed: ``(card)``."""
    select_runs = Signal(list)
    """Run row ids kept by the ranges, to select in the runs table."""

    def __init__(self, spec: CardSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.set_title(self.tr("Parallel coordinates"))
        self.setFixedHeight(TALL_CARD_HEIGHT)
        self.setMinimumWidth(PARALLEL_MIN_WIDTH)  # the axis list beside the plot
        self.section = _Section(self)
        self.body.addWidget(self.section)
        self.section.chooser.changed.connect(self._on_axes_changed)
        self.section.select_runs_requested.connect(self.select_runs)

    def set_runs(self, runs: ChartRuns) -> None:
        """Draw these runs (built when the card is first shown)."""
        self.section.set_runs(runs.runs)

    def _on_axes_changed(self) -> None:
        axes = tuple(self.section.axis_ids())
        if axes != self.spec.axes:
            self.spec = replace(self.spec, axes=axes)
            self.spec_changed.emit(self)
