"""The runs charts view: a grid of chart cards over every run the filter shows.

It follows the runs panel: the runs its search found (folded or not), their
selection (highlighted lines), the experiments' layout scope (cards remembered per
experiment and store). Everything is read on the worker pool: first the runs
(params, metric summaries), then the line cards' histories one metric at a time,
so the first charts show while the others load; a newer filter cancels the reads.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.chart_cards import (
    GRID_COLUMNS,
    CardKind,
    CardSize,
    CardSpec,
    ChartsLayout,
    default_cards,
    rows_of,
)
from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band
from desktop.analysis.run_set import RunSet
from desktop.core.row_pages import HistoryKey
from desktop.core.views import History
from desktop.ui.charts.add_dialog import AddChartDialog
from desktop.ui.charts.bar_card import BarCard
from desktop.ui.charts.card import CARD_HEIGHT, ChartCard, ChartRuns, LineOptions
from desktop.ui.charts.line_card import LineCard
from desktop.ui.charts.loading import LoadCancelled, read_histories
from desktop.ui.charts.parallel_card import ParallelCard
from desktop.ui.charts.scatter_card import ScatterCard
from desktop.ui.compare.curve_charts import x_axis_combo
from desktop.ui.i18n import describe
from desktop.ui.run_colors import run_colors
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.ui.runs_view import RunsPanel

RELOAD_DELAY_MS = 120
"""A burst of searches (typing in the filter, an import) reloads once."""
REFRESH_DELAY_MS = 1500
"""Curves extended by a live refresh are read again this long after."""


class ChartsView(QWidget):
    """Chart cards over the runs the runs panel's search found."""

    loaded = Signal()
    """Every card is drawn with the current runs."""

    def __init__(self, panel: RunsPanel) -> None:
        super().__init__(panel)
        self.setObjectName("chartsView")
        self.panel = panel
        self.layout_state: ChartsLayout | None = None
        self.cards: list[ChartCard] = []
        self.runs: ChartRuns | None = None
        self.histories: dict[HistoryKey, History] = {}
        self._scope = ""
        self._pks: tuple[int, ...] | None = None
        self._group_by: tuple = ()
        self._generation = -1
        self._stale = True
        self._loading_key: str | None = None
        self._loaded_keys: set[str] = set()
        self._cancel = threading.Event()
        self._runs_job = LatestOnly(self)
        self._runs_job.finished.connect(self._on_runs)
        self._runs_job.failed.connect(self._on_failed)
        self._history_job = LatestOnly(self)
        self._history_job.finished.connect(self._on_histories)
        self._history_job.failed.connect(self._on_failed)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)

        self.x_combo = x_axis_combo(self, "chartsXAxis")
        self.x_combo.currentIndexChanged.connect(self._on_x_axis)
        self.smoothing = QSlider(Qt.Orientation.Horizontal, self)
        self.smoothing.setObjectName("chartsSmoothing")
        self.smoothing.setRange(0, 99)
        self.smoothing.setMinimumWidth(50)
        self.smoothing.setMaximumWidth(140)
        self.smoothing.valueChanged.connect(self._on_smoothing)
        self.smoothing_label = QLabel("0.00", self)
        self.log_y = QCheckBox(self.tr("Log y"), self)
        self.log_y.setObjectName("chartsLogY")
        self.log_y.toggled.connect(self._on_log_y)
        self.band_combo = QComboBox(self)  # shown while the table groups the runs
        self.band_combo.setObjectName("chartsBand")
        self.band_combo.addItem(self.tr("Band: min to max"), Band.RANGE.value)
        self.band_combo.addItem(self.tr("Band: ±1 std"), Band.STD.value)
        self.band_combo.setToolTip(
            self.tr("What the band around each group's mean spans")
        )
        self.band_combo.hide()
        self.band_combo.currentIndexChanged.connect(self._on_band)
        self.add_button = QPushButton(self.tr("+ Add chart"), self)
        self.add_button.setObjectName("chartsAdd")
        self.add_button.clicked.connect(self.add_chart)
        self.reset_button = QPushButton(self.tr("Reset"), self)
        self.reset_button.setObjectName("chartsReset")
        self.reset_button.setToolTip(self.tr("One chart per metric, as at first"))
        self.reset_button.clicked.connect(self.reset_layout)
        self.status = QLabel(self)
        self.status.setObjectName("chartsStatus")
        self.status.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        # It gives way when the window is narrow (the window's least width).
        self.status.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )
        self.progress = QProgressBar(self)
        self.progress.setObjectName("chartsProgress")
        self.progress.setMaximumWidth(140)
        self.progress.setMinimumWidth(40)
        self.progress.setTextVisible(False)
        self.progress.hide()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel(self.tr("x axis"), self))
        controls.addWidget(self.x_combo)
        controls.addWidget(QLabel(self.tr("Smoothing"), self))
        controls.addWidget(self.smoothing)
        controls.addWidget(self.smoothing_label)
        controls.addWidget(self.log_y)
        controls.addWidget(self.band_combo)
        controls.addWidget(self.status, 1)
        controls.addWidget(self.progress)
        controls.addWidget(self.reset_button)
        controls.addWidget(self.add_button)

        self.grid_widget = QWidget(self)
        self.grid_widget.setObjectName("chartsGrid")
        self.grid = QGridLayout(self.grid_widget)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(8)
        for column in range(GRID_COLUMNS):
            self.grid.setColumnStretch(column, 1)
        self.add_card = QPushButton(self.tr("+ Add chart"), self.grid_widget)
        self.add_card.setObjectName("chartsAddCard")
        self.add_card.setFixedHeight(CARD_HEIGHT // 2)
        self.add_card.clicked.connect(self.add_chart)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setObjectName("chartsScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(self.grid_widget)
        self.scroll_area.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.scroll_area, 1)

        panel.model.modelReset.connect(self._on_runs_changed)
        panel.table.selectionModel().selectionChanged.connect(self._on_selection)
        run_colors().moved.connect(self._on_colors_moved)

    # -- following the runs panel ----------------------------------------------------
    def _on_colors_moved(self, run_ids: list[str]) -> None:
        """Runs compared side by side changed colour: draw them in it here too."""
        runs = self.runs
        if runs is None or not set(run_ids) & {r.run_id for r in runs.runs.runs}:
            return
        runs.colors[:] = run_colors().colors(r.run_id for r in runs.runs.runs)
        for card in self.cards:
            if isinstance(card, LineCard):
                card.redraw()
            else:
                card.set_runs(runs)
        self._on_selection()

    def _on_runs_changed(self) -> None:
        """The panel's search result (or the store) changed: reload if it differs."""
        model = self.panel.model
        same_runs = (
            tuple(model.matched_pks()) == self._pks
            and self.panel.layout_scope() == self._scope
            and self.panel.group_by == self._group_by  # lines per group
        )
        if same_runs and model.generation == self._generation:
            return
        self._stale = True
        # The same runs in a changed store (live refresh): new points, read
        # again at most every REFRESH_DELAY_MS; another search at once.
        self._reload_timer.setInterval(
            REFRESH_DELAY_MS if same_runs else RELOAD_DELAY_MS
        )
        if self.isVisible():
            self._reload_timer.start()

    def showEvent(self, event: QShowEvent) -> None:
        """Load on first show and when the runs changed while hidden."""
        super().showEvent(event)
        if self._stale:
            self._reload_timer.start()
        else:
            self._on_selection()  # selected while the table was shown

    def is_loading(self) -> bool:
        """Whether runs or histories are still being read."""
        return (
            self._stale
            or self._reload_timer.isActive()
            or self._runs_job.is_busy()
            or self._loading_key is not None
            or any(
                (c.raster is not None and c.raster.is_busy()) or c.is_averaging()
                for c in self.line_cards()
            )
        )

    def reload(self) -> None:
        """Read the runs the panel's search found, then draw them."""
        self._stale = False
        if not self.panel.experiment_pks:
            return
        model = self.panel.model
        self._pks = tuple(model.matched_pks())
        self._group_by = self.panel.group_by
        self._generation = model.generation
        scope = self.panel.layout_scope()
        if scope != self._scope:
            self._scope = scope
            self.layout_state = ChartsLayout.from_json(
                self.panel.settings.chart_layout(scope)
            )
            self._show_options()
        self._cancel.set()  # an older read stops between two chunks
        self._cancel = threading.Event()
        self._loading_key = None
        self.histories = {}
        self._loaded_keys = set()
        pks, catalog = list(self._pks), self.panel.catalog
        count = len(pks)
        self.status.setText(
            self.tr("Reading {0} runs…", "", count).format(f"{count:,}")
        )
        self.progress.setRange(0, 0)
        self.progress.show()
        self._runs_job.submit(lambda: catalog.run_set(pks))

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, LoadCancelled):
            return
        self._loading_key = None
        self.progress.hide()
        self.status.setText(
            self.tr("Could not read the runs: {0}").format(describe(exc))
        )

    def _on_runs(self, runs: RunSet) -> None:
        colors = run_colors().colors(r.run_id for r in runs.runs)
        self.runs = ChartRuns.of(runs, colors, self.panel.model.group_members())
        self.band_combo.setVisible(self.runs.groups is not None)
        if self.layout_state is None and len(runs):  # none of a search still empty
            self.layout_state = ChartsLayout(self._defaults(runs))
        self._show_count()
        self._build_cards()
        self._load_next()

    def _show_count(self) -> None:
        count = len(self.runs.runs) if self.runs is not None else 0
        self.status.setText(
            self.tr("{0} runs", "", count).format(f"{count:,}")
            if count
            else self.tr("No runs to chart")
        )

    def _defaults(self, runs: RunSet) -> list[CardSpec]:
        lengths = {k: runs.history_length(k) for k in runs.metric_keys}
        preferred = runs.preferred_metrics() if len(runs) else []
        return default_cards(lengths, preferred)

    # -- cards ---------------------------------------------------------------------
    def _build_cards(self) -> None:
        """Make the cards of the layout (reusing those of the same spec)."""
        state = self.layout_state or ChartsLayout()
        old = self.cards
        self.cards = []
        for spec in state.cards:
            card = next((c for c in old if c.spec == spec), None)
            if card is not None:
                old.remove(card)
            else:
                card = self._new_card(spec)
            self.cards.append(card)
        for card in old:
            card.setParent(None)
            card.deleteLater()
        if self.runs is not None:
            for card in self.cards:
                card.set_runs(self.runs)
        self._relayout()
        self._on_selection()

    def _new_card(self, spec: CardSpec) -> ChartCard:
        card: ChartCard
        if spec.kind is CardKind.LINE:
            card = LineCard(spec, self._line_options(), self.grid_widget)
        elif spec.kind is CardKind.BAR:
            card = BarCard(spec, self.grid_widget)
        elif spec.kind is CardKind.SCATTER:
            card = ScatterCard(spec, self.grid_widget)
        else:
            card = ParallelCard(spec, self.grid_widget)
            card.spec_changed.connect(self._on_spec_changed)
            card.select_runs.connect(lambda pks: self.panel.select_runs(set(pks)))
        card.move_requested.connect(self.move_card)
        card.resize_requested.connect(self.resize_card)
        card.remove_requested.connect(self.remove_card)
        card.card_dropped.connect(self._on_card_dropped)
        card.run_clicked.connect(self.panel.show_run)
        return card

    def _line_options(self) -> LineOptions:
        return LineOptions(
            XAxis(self.x_combo.currentData()),
            self.smoothing.value() / 100,
            self.log_y.isChecked(),
            Band(self.band_combo.currentData()),
        )

    def _relayout(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0)
        rows = rows_of([c.spec for c in self.cards])
        for row, placed in enumerate(rows):
            for index, column, span in placed:
                self.grid.addWidget(
                    self.cards[index], row, column, 1, span, Qt.AlignmentFlag.AlignTop
                )
        used = sum(span for _, _, span in rows[-1]) if rows else GRID_COLUMNS
        row = len(rows) - 1 if used + 2 <= GRID_COLUMNS else len(rows)
        self.grid.addWidget(
            self.add_card,
            row,
            used if row < len(rows) else 0,
            1,
            2,
            Qt.AlignmentFlag.AlignTop,
        )
        self.grid.setRowStretch(len(rows) + 1, 1)
        for index, card in enumerate(self.cards):
            card.set_position(index, len(self.cards))

    def _save(self) -> None:
        state = self.layout_state
        if state is not None and self._scope:
            state.cards = [c.spec for c in self.cards]
            self.panel.settings.save_chart_layout(self._scope, state.to_json())

    def card_specs(self) -> list[CardSpec]:
        """The cards shown, in order."""
        return [c.spec for c in self.cards]

    def move_card(self, card: ChartCard, offset: int) -> None:
        """Move a card left (-1) or right (1) in the grid."""
        index = self.cards.index(card)
        target = index + offset
        if not 0 <= target < len(self.cards):
            return
        self.cards.insert(target, self.cards.pop(index))
        self._relayout()
        self._save()

    def _on_card_dropped(self, target: ChartCard, token: str) -> None:
        """A card dragged onto ``target`` takes its place."""
        card = next((c for c in self.cards if c.drag_token == token), None)
        if card is not None and target in self.cards:
            self.move_card(card, self.cards.index(target) - self.cards.index(card))

    def resize_card(self, card: ChartCard, size: CardSize) -> None:
        """Make a card a third, half or all of the grid's width."""
        card.set_spec(card.spec.resized(size))
        self._relayout()
        self._save()

    def remove_card(self, card: ChartCard) -> None:
        """Take a card out of the grid."""
        self.cards.remove(card)
        card.setParent(None)
        card.deleteLater()
        self._relayout()
        self._save()

    def add_spec(self, spec: CardSpec) -> ChartCard:
        """Add a card at the end of the grid and draw it."""
        card = self._new_card(spec)
        self.cards.append(card)
        if self.layout_state is None:
            self.layout_state = ChartsLayout([])
        if self.runs is not None:
            card.set_runs(self.runs)
            self._feed(card)
        self._relayout()
        self._save()
        self._on_selection()
        self._load_next()
        QTimer.singleShot(0, self, lambda: self.scroll_area.ensureWidgetVisible(card))
        return card

    def add_chart(self) -> None:
        """Ask which chart to add (the "+ Add chart" buttons)."""
        runs = self.runs.runs if self.runs is not None else RunSet([], {}, {})
        dialog = AddChartDialog(runs.metric_keys, runs.param_keys, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.add_spec(dialog.spec())

    def reset_layout(self) -> None:
        """Back to one card per metric."""
        if self.runs is None:
            return
        state = self.layout_state or ChartsLayout()
        state.cards = self._defaults(self.runs.runs)
        self.layout_state = state
        self._build_cards()
        self._save()
        self._load_next()

    def view_part(self) -> object:
        """The cards, as a saved view keeps them."""
        if self.layout_state is not None and self._scope == self.panel.layout_scope():
            return self.layout_state.to_json()
        return self.panel.settings.chart_layout(self.panel.layout_scope())

    def apply_view_part(self, value: object) -> None:
        """Show the cards a saved view kept."""
        if not isinstance(value, dict):
            return  # not a layout (a damaged view)
        scope = self.panel.layout_scope()
        self.panel.settings.save_chart_layout(scope, value)
        if self._scope != scope:
            return  # read with the runs
        self.layout_state = ChartsLayout.from_json(value)
        self._show_options()
        self._build_cards()
        self._load_next()

    def _on_spec_changed(self, _card: ChartCard) -> None:
        self._save()

    # -- histories -----------------------------------------------------------------
    def _feed(self, card: ChartCard) -> None:
        key = card.wants_histories()
        if key is not None and key in self._loaded_keys and isinstance(card, LineCard):
            card.set_histories(self.histories)

    def _load_next(self) -> None:
        """Read the next metric some line card waits for (one at a time)."""
        if self._loading_key is not None or self.runs is None:
            return
        wanted = [k for c in self.cards if (k := c.wants_histories()) is not None]
        missing = list(dict.fromkeys(k for k in wanted if k not in self._loaded_keys))
        for card in self.cards:
            self._feed(card)
        keys = {c.spec.metric for c in self.cards if c.spec.kind is CardKind.LINE}
        if not missing:
            self.progress.hide()
            self._show_count()
            self.loaded.emit()
            return
        done = len(keys & self._loaded_keys)
        self.progress.setRange(0, len(keys))
        self.progress.setValue(done)
        self.progress.show()
        self.status.setText(
            self.tr("Loading curves: {0} of {1} metrics").format(done + 1, len(keys))
        )
        key = missing[0]
        self._loading_key = key
        catalog, pks, cancel = self.panel.catalog, self.runs.runs.pks, self._cancel
        self._history_job.submit(lambda: read_histories(catalog, pks, key, cancel))

    def _on_histories(self, result: tuple[str, dict[HistoryKey, History]]) -> None:
        key, found = result
        if key != self._loading_key:
            return
        self.histories.update(found)
        self._loaded_keys.add(key)
        self._loading_key = None
        self._load_next()

    # -- options -------------------------------------------------------------------
    def _show_options(self) -> None:
        """Show the remembered x axis, smoothing and log y (without saving them)."""
        state = self.layout_state or ChartsLayout()
        for widget, setter in (
            (
                self.x_combo,
                lambda: self.x_combo.setCurrentIndex(
                    max(0, self.x_combo.findData(state.x_axis.value))
                ),
            ),
            (
                self.smoothing,
                lambda: self.smoothing.setValue(round(state.smoothing * 100)),
            ),
            (self.log_y, lambda: self.log_y.setChecked(state.log_y)),
            (
                self.band_combo,
                lambda: self.band_combo.setCurrentIndex(
                    max(0, self.band_combo.findData(state.band.value))
                ),
            ),
        ):
            widget.blockSignals(True)
            setter()
            widget.blockSignals(False)
        self.smoothing_label.setText(f"{state.smoothing:.2f}")
        for card in self.line_cards():
            card.options = self._line_options()
            card.redraw()

    def line_cards(self) -> list[LineCard]:
        """The line cards, in order."""
        return [c for c in self.cards if isinstance(c, LineCard)]

    def _remember_options(self) -> None:
        state = self.layout_state
        if state is None:
            return
        options = self._line_options()
        self.layout_state = replace(
            state,
            x_axis=options.x_axis,
            smoothing=options.smoothing,
            log_y=options.log_y,
            band=options.band,
        )
        self._save()

    def _on_x_axis(self, _index: int) -> None:
        axis = XAxis(self.x_combo.currentData())
        for card in self.line_cards():
            card.options.x_axis = axis
            card.redraw()
        self._remember_options()

    def _on_smoothing(self, value: int) -> None:
        self.smoothing_label.setText(f"{value / 100:.2f}")
        for card in self.line_cards():
            card.set_smoothing(value / 100)
        self._remember_options()

    def _on_band(self, _index: int) -> None:
        band = Band(self.band_combo.currentData())
        for card in self.line_cards():
            card.options.band = band
            if card.group_names() is not None or card.is_averaging():
                card.redraw()
        self._remember_options()

    def _on_log_y(self, on: bool) -> None:
        for card in self.line_cards():
            card.set_log_y(on)
        self._remember_options()

    # -- selection -----------------------------------------------------------------
    def _on_selection(self, *_args) -> None:
        """Highlight the selected (ticked) runs in every card."""
        runs = self.runs
        if runs is None or not self.isVisible():
            return
        index = runs.index
        selected = sorted(index[pk] for pk in self.panel.selected_pks() if pk in index)
        for card in self.cards:
            card.set_highlight(selected)
