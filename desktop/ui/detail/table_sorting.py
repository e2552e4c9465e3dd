"""Sorting a logged table on a worker thread, so that a click on a header of a
table of a million rows never freezes the window.

A header click asks the model to sort; the model (``sorts_on_worker``) passes
the request here instead. The order is computed on the pool
(:func:`desktop.services.table_order.sort_rows`) while the old order stays on
screen and the header's indicator keeps naming it; the new order replaces it in
one step. A newer click cancels an older sort; a new table (another run, another
file) drops the sort of the old one.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QTableView

from desktop.core.gc_tuning import collection_paused
from desktop.core.thread_switching import fast_thread_switching
from desktop.services.table_order import SortCancelled, SortResult, sort_rows
from desktop.ui.workers import AFTER_REPAINT_MS, LatestOnly

if TYPE_CHECKING:
    from desktop.ui.detail.logged_table_view import CellsModel

log = logging.getLogger("mlflow_desktop")


class TableSorter(QObject):
    """Sorts ``model`` (shown by ``table``) in the background on header clicks."""

    busy_changed = Signal(bool)
    """Whether a sort is being computed (the old order is still shown)."""
    sorted = Signal(int, object)
    """A new order is shown: ``(column, Qt.SortOrder)``."""

    def __init__(self, table: QTableView, model: CellsModel) -> None:
        super().__init__(table)
        self._table = table
        self._model = model
        self._job = LatestOnly(self)
        self._job.finished.connect(self._on_sorted)
        self._job.failed.connect(self._on_failed)
        self._pending: tuple[int, Qt.SortOrder] | None = None
        self._generation = 0  # of the model's rows: a reset drops older sorts
        self._cancel = threading.Event()
        box = self._cancel_box = [self._cancel]
        # Closing the dock mid-sort stops the computation too.
        self.destroyed.connect(lambda *_args: box[0].set())
        model.sorts_on_worker = True
        model.sort_requested.connect(self.request)
        model.modelAboutToBeReset.connect(self._on_reset)
        model.modelReset.connect(self._show_indicator)

    def is_busy(self) -> bool:
        """Whether a sort is being computed."""
        return self._pending is not None

    def pending(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and direction being computed, if any."""
        return self._pending

    def request(self, column: int, order: Qt.SortOrder) -> None:
        """Sort by ``column`` in ``order`` (replacing a sort under way)."""
        model = self._model
        wanted = (column, Qt.SortOrder(order))
        if not 0 <= column < model.columnCount():
            self._show_indicator()
            return
        if wanted == self._pending:
            self._show_indicator()
            return
        self._stop()
        if wanted == model.sorted_by:  # back to what is shown: nothing to do
            self._set_pending(None)
            self._show_indicator()
            return
        cancel = self._cancel
        rows, ranks = model.rows, model.ranks(column)
        generation = self._generation
        descending = wanted[1] == Qt.SortOrder.DescendingOrder

        def work() -> tuple[int, SortResult]:
            # Cells hold no reference cycles, and the GUI thread gets the
            # interpreter lock back sooner while this runs.
            with collection_paused(), fast_thread_switching():
                return generation, sort_rows(rows, column, descending, cancel, ranks)

        self._set_pending(wanted)
        self._show_indicator()
        # After the click's own repaint (see AFTER_REPAINT_MS); a newer request
        # meanwhile cancels this one, which then stops at its first check.
        QTimer.singleShot(AFTER_REPAINT_MS, self, lambda: self._job.submit(work))

    def _stop(self) -> None:
        """Cancel the sort under way (its result, if it comes, is dropped)."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._cancel_box[0] = self._cancel

    def _set_pending(self, pending: tuple[int, Qt.SortOrder] | None) -> None:
        was = self._pending is not None
        self._pending = pending
        if was != (pending is not None):
            self.busy_changed.emit(pending is not None)

    def _show_indicator(self) -> None:
        """Let the header name the order shown (not one being computed)."""
        header = self._table.horizontalHeader()
        shown = self._model.sorted_by or (-1, Qt.SortOrder.AscendingOrder)
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) == shown:
            return
        blocked = header.blockSignals(True)  # the view would sort again
        header.setSortIndicator(*shown)
        header.blockSignals(blocked)

    def _on_reset(self) -> None:
        self._generation += 1
        self._stop()
        self._set_pending(None)

    def _on_sorted(self, outcome: tuple[int, SortResult]) -> None:
        generation, result = outcome
        if generation != self._generation or self._pending is None:
            return
        order = Qt.SortOrder.AscendingOrder
        if result.descending:
            order = Qt.SortOrder.DescendingOrder
        if (result.column, order) != self._pending:
            return
        self._model.apply_order(result)
        self._set_pending(None)
        self._show_indicator()
        self.sorted.emit(result.column, order)

    def _on_failed(self, exc: Exception) -> None:
        if isinstance(exc, SortCancelled):
            return
        log.warning("sorting a logged table failed: %r", exc)
        self._set_pending(None)
        self._show_indicator()
