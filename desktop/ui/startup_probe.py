"""``MLFLOW_DESKTOP_STARTUP_PROBE=1``: say when the window first shows content, quit.

For the start-up benchmark (``tests/benchmarks/bench_startup.py``) and tests: once
the runs table has painted rows that hold data, or the welcome page has painted,
the app prints one line, ``startup-probe rows`` or ``startup-probe welcome``
(with the seconds since the process started, where the system tells), and exits
at once. The launching process times the whole process by that line.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "MLFLOW_DESKTOP_STARTUP_PROBE"
PROBE_PREFIX = "startup-probe"


def process_age() -> float | None:
    """Seconds since this process started (Linux only; ``None`` elsewhere)."""
    try:
        with open("/proc/self/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        with open("/proc/uptime", "rb") as uptime:
            now = float(uptime.read().split()[0])
        return now - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


class StartupProbe(QObject):
    """Watches paint events; reports the first one that shows content."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.reported = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.reported:
            what = self._content(watched)
            if what is not None:
                self.reported = True
                # Report once this paint is done (the filter runs before it).
                QTimer.singleShot(0, lambda: self._report(what))
        return False

    def _content(self, watched: QObject) -> str | None:
        window = self.window
        welcome = getattr(window, "welcome", None)
        if (
            isinstance(watched, QWidget)
            and welcome is not None
            and (watched is welcome or welcome.isAncestorOf(watched))
            and window.welcome_shown()  # type: ignore[attr-defined]
        ):
            return "welcome"
        runs = getattr(window, "runs", None)
        if runs is None or watched is not runs.table.viewport():
            return None
        model = runs.model
        first = model.index(0, 0)
        if model.rowCount() and model.data(first, Qt.ItemDataRole.DisplayRole):
            return "rows"
        return None

    def _report(self, what: str) -> None:
        age = process_age()
        detail = f" {age:.3f}" if age is not None else ""
        if sys.stdout is not None:
            print(f"{PROBE_PREFIX} {what}{detail}", flush=True)
        os._exit(0)  # the benchmark times start-up, not shutdown


def probe_requested() -> bool:
    """Whether the environment asks for the probe."""
    return bool(os.environ.get(PROBE_ENV))


def install_startup_probe(window: QWidget) -> StartupProbe:
    """Watch ``window`` until it shows rows or the welcome page, then exit."""
    return StartupProbe(window)
