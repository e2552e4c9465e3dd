"""Composition root: QApplication, the store, the main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.store.database import StoreError, open_store
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    from desktop.cli import build_gui_parser

    return build_gui_parser().parse_args(list(argv))


def application() -> QApplication:
    """The running QApplication, created on first use."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
        app.setApplicationName("mlflow-desktop")
        app.setOrganizationName("mlflow-desktop")
        app.setApplicationVersion(__version__)
        app.setStyle("Fusion")
    assert isinstance(app, QApplication)
    return app


def create_window(argv: Sequence[str] = ()) -> MainWindow:
    """Build the main window from command-line arguments, without the event loop.

    ``argv`` takes the same arguments as ``mlflow-desktop``: folders to import and
    ``--store DB``. Imports start in the background right away.
    """
    args = _parse(argv)
    application()
    store = open_store(args.store)
    window = MainWindow(store, Settings())
    if args.paths:
        window.import_paths(list(args.paths))
    return window


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app until its window closes."""
    app = application()
    try:
        window = create_window(sys.argv[1:] if argv is None else argv)
    except StoreError as exc:
        QMessageBox.critical(None, "mlflow-desktop", str(exc))
        return 2
    window.show()
    code = app.exec()
    window.store.close()
    return code
