"""``mlflow-desktop --smoke-test``: start the real app, check what a bundle needs, quit.

Used by CI on the PyInstaller bundle (``QT_QPA_PLATFORM=offscreen``) and handy on a
user's machine. Everything happens in a temporary store and settings file: the
window opens and paints (reported with the time since the process started), the
store's migrations ran to the newest schema, the icon and translations load, the
bundled sample project imports, the parameter-importance forest (scikit-learn) and
curve smoothing compute, a metric chart (pyqtgraph, loaded on first use) draws,
and a reader worker process starts. Prints one line per check; exit code 0 only
when all pass.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QLibraryInfo,
    QObject,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication, QMainWindow

from desktop.resources import resource_path
from desktop.services.self_checks import (
    Check,
    check_analysis,
    check_s3_client,
    check_sample_project,
    check_store,
    check_worker_process,
)
from desktop.ui.startup_probe import process_age

SMOKE_ENV = "MLFLOW_DESKTOP_SMOKE_TEST"
PAINT_TIMEOUT_MS = 30_000


class _PaintWatcher(QObject):
    """Quits ``loop`` on the first paint event of the watched widget."""

    def __init__(self, loop: QEventLoop) -> None:
        super().__init__()
        self.loop = loop
        self.painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            self.loop.quit()
        return False


def _wait_for_paint(window: QMainWindow) -> Check:
    loop = QEventLoop()
    watcher = _PaintWatcher(loop)
    window.installEventFilter(watcher)
    started = time.perf_counter()
    window.show()
    QTimer.singleShot(PAINT_TIMEOUT_MS, loop.quit)
    if not watcher.painted:
        loop.exec()
    window.removeEventFilter(watcher)
    ms = (time.perf_counter() - started) * 1000
    detail = f"first paint after {ms:.0f} ms"
    age = process_age()
    if age is not None:
        detail += f", {age:.2f} s after launch"
    return "window", watcher.painted, detail


def _check_icon(app: QApplication) -> Check:
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    ok = {16, 32, 256} <= sizes
    return "icon", ok, "sizes " + ", ".join(str(s) for s in sorted(sizes))


def _check_translations() -> Check:
    from desktop.ui.i18n import catalog_path

    loaded: list[str] = []
    missing: list[str] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    wanted = [(qt_dir, "qtbase_ko.qm")]
    if resource_path("translations").is_dir():  # absent only in partial checkouts
        wanted.append((str(catalog_path("ko").parent), catalog_path("ko").name))
    for directory, name in wanted:
        (loaded if QTranslator().load(name, directory) else missing).append(name)
    detail = "loaded " + ", ".join(loaded)
    if len(wanted) == 1:
        detail += " (no app translations in this build)"
    if missing:
        detail += "; missing " + ", ".join(missing)
    return "translations", not missing, detail


def _check_chart(window: QMainWindow) -> Check:
    import numpy as np

    from desktop.core.views import History

    page = window.detail.metrics_page  # type: ignore[attr-defined]
    steps = np.arange(50, dtype=np.int64)
    history = History("loss", steps, steps * 1000, np.linspace(1.0, 0.1, 50))
    page.chart.set_histories({"loss": history})
    curve = page.chart.curve("loss")
    ok = curve is not None and len(curve.getData()[1]) == 50
    return "chart", ok, "pyqtgraph drew a 50-point curve"


def run_smoke_test(
    app: QApplication, make_window: Callable[[Path], QMainWindow]
) -> int:
    """Open the window from ``make_window(store_path)``, run the checks, quit."""
    with tempfile.TemporaryDirectory(prefix="mlflow-desktop-smoke-") as tmp:
        from desktop.ui.settings import SETTINGS_ENV

        os.environ[SETTINGS_ENV] = str(Path(tmp) / "settings.ini")
        started = time.perf_counter()
        window = make_window(Path(tmp) / "store.db")
        store = window.store  # type: ignore[attr-defined]
        checks: list[Check] = [_wait_for_paint(window)]
        for check in (
            lambda: check_store(store),
            lambda: _check_icon(app),
            _check_translations,
            lambda: check_sample_project(store),
            check_analysis,
            lambda: _check_chart(window),
            check_s3_client,
            check_worker_process,
        ):
            try:
                checks.append(check())
            except Exception as exc:  # report every failing check, not only the first
                name = getattr(check, "__name__", "check").lstrip("_")
                checks.append((name, False, f"{type(exc).__name__}: {exc}"))
        window.close()
        store.close()
        app.processEvents()
    seconds = time.perf_counter() - started
    failed = [name for name, ok, _ in checks if not ok]
    out = sys.stdout
    if out is not None:
        for name, ok, detail in checks:
            print(f"{'ok  ' if ok else 'FAIL'} {name}: {detail}", file=out)
        verdict = "passed" if not failed else "FAILED (" + ", ".join(failed) + ")"
        print(f"smoke test {verdict} in {seconds:.1f} s", file=out)
        out.flush()
    return 0 if not failed else 1
