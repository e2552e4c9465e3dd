"""Garbage collection on the GUI thread only (pyqtgraph's GarbageCollector idea).

Python's cyclic collector runs on whichever thread happens to allocate: a worker
thread's query can collect a cycle holding a Qt wrapper and destroy a QObject off
the GUI thread, which crashes (a segfault during "Garbage-collecting"). With
:class:`GuiThreadCollector` installed, automatic collection is off and a timer on
the GUI thread collects each generation when its count passes the threshold.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from desktop.core.gc_tuning import collect_on_gui_thread, is_paused


class GuiThreadCollector(QObject):
    """Collect garbage from a GUI-thread timer; create it on the GUI thread."""

    def __init__(self, interval_ms: int = 1000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        collect_on_gui_thread(True)
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        if is_paused():  # an import pauses collection: nothing to find there
            return
        threshold = gc.get_threshold()
        counts = gc.get_count()
        if counts[0] <= threshold[0]:
            return
        generation = 0
        if counts[1] > threshold[1]:
            generation = 2 if counts[2] > threshold[2] else 1
        gc.collect(generation)
        self.collections += 1

    def uninstall(self) -> None:
        """Stop the timer and give collection back to Python.

        What is pending is collected here first: an automatic collection that
        starts inside a Qt destructor (this object's own, say) and reaches a widget
        in a cycle deadlocks on Qt's signal-slot lock.
        """
        self.timer.stop()
        gc.collect()
        collect_on_gui_thread(False)
