"""Composition root: QApplication, the store, the main window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.core.gc_tuning import freeze_startup_objects
from desktop.core.locations import default_store_path
from desktop.services.analysis_process import AnalysisProcess
from desktop.services.first_screen import FirstScreen
from desktop.sources.tracking_server import credentials
from desktop.startup_checks import open_store_checked, prepare_qt_platform
from desktop.store.peek import peek_store
from desktop.store.revision import StoreError
from desktop.ui.app_icon import app_icon
from desktop.ui.error_hook import install_error_hook
from desktop.ui.gc_guard import GuiThreadCollector
from desktop.ui.i18n import error_text, install_translators, resolve_language
from desktop.ui.main_window import MainWindow
from desktop.ui.settings import Settings
from desktop.ui.single_instance import (
    FileOpenRelay,
    SingleInstance,
    bring_to_front,
)
from desktop.ui.smoke import SMOKE_ENV, run_smoke_test
from desktop.ui.startup_probe import install_startup_probe, probe_requested
from desktop.ui.store_opening import StoreOpening
from desktop.ui.workers import lingering_threads


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
        app.setWindowIcon(app_icon())
        app.setDesktopFileName("mlflow-desktop")  # matches the .desktop file
        install_translators(resolve_language(Settings().language()))
    assert isinstance(app, QApplication)
    return app


def create_window(argv: Sequence[str] = ()) -> MainWindow:
    """Build the main window from command-line arguments, without the event loop.

    ``argv`` takes the same arguments as ``mlflow-desktop``: folders to import and
    ``--store DB``. Imports start in the background right away.
    """
    args = _parse(argv)
    application()
    store = open_store_checked(args.store)
    window = MainWindow(
        store,
        Settings(),
        analysis=AnalysisProcess(),
        credentials=credentials.SESSION,
        first_screen=FirstScreen(store.path, None),
    )
    if args.paths:
        window.import_paths(list(args.paths))
    return window


def open_window(
    argv: Sequence[str], failed: Callable[[StoreError], None]
) -> MainWindow:
    """The main window, painted before the store is open when a glance at the
    store allows (see :mod:`desktop.store.peek`); else as :func:`create_window`.

    ``failed`` hears when the store, opened after the first paint, cannot open.
    """
    args = _parse(argv)
    path = args.store or default_store_path()
    peek = peek_store(path)
    if peek is None:  # new, old or unusual: open (and check) it first
        return create_window(argv)
    first_screen = FirstScreen(peek.path, peek.signature)
    window = MainWindow(
        peek,
        Settings(),
        analysis=AnalysisProcess(),
        credentials=credentials.SESSION,
        first_screen=first_screen,
    )
    # A child of the window; with kept answers, it opens once their rows painted.
    StoreOpening(window, peek.path, failed, after_rows=first_screen.usable)
    if args.paths:
        window.import_paths(list(args.paths))
    return window


def show_startup_error(headline: str, text: str) -> None:
    """Say why the app cannot start: on stderr and in a dialog."""
    if sys.stderr is not None:
        print(f"mlflow-desktop: {text}", file=sys.stderr)
    box = QMessageBox(QMessageBox.Icon.Critical, "mlflow-desktop", headline)
    box.setObjectName("startupErrorBox")
    box.setInformativeText(text)
    box.exec()


def _receive_paths(window: MainWindow, paths: list[str]) -> None:
    bring_to_front(window)
    if paths:
        window.import_paths(paths)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the desktop app until its window closes.

    One window serves each store: launched again on the same store, the app hands
    its paths to the running window and exits with 0.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    args = _parse(argv)
    if not prepare_qt_platform():
        return 3
    app = application()
    # Uncaught exceptions: a log line and a dialog, never only a console trace.
    error_relay = install_error_hook()  # noqa: F841 - lives until main returns
    # Garbage (some of it owning Qt objects) is collected on this thread only.
    collector = GuiThreadCollector()
    try:
        if args.smoke_test or os.environ.get(SMOKE_ENV):
            freeze_startup_objects()
            return run_smoke_test(
                app, lambda path: create_window(["--store", str(path)])
            )
        instance = SingleInstance(args.store or default_store_path())
        if not instance.claim():
            if instance.hand_over(list(args.paths)):
                if sys.stdout is not None:
                    print(f"mlflow-desktop is already open on {instance.store_path}.")
                return 0
            show_startup_error(
                QCoreApplication.translate("Startup", "The store is in use"),
                QCoreApplication.translate(
                    "Startup",
                    "The store {0} is in use by {1}, which does not answer. Close that "
                    "program, or open another store with --store.",
                ).format(instance.store_path, instance.owner()),
            )
            return 4

        def cannot_open(exc: StoreError) -> None:
            show_startup_error(
                QCoreApplication.translate("Startup", "The store cannot be opened"),
                error_text(exc),
            )

        def cannot_open_later(exc: StoreError) -> None:
            cannot_open(exc)
            app.exit(2)

        try:
            window = open_window(argv, cannot_open_later)
        except StoreError as exc:
            instance.release()
            cannot_open(exc)
            return 2
        freeze_startup_objects()
        instance.paths_received.connect(lambda paths: _receive_paths(window, paths))
        relay = FileOpenRelay(app)
        relay.paths_received.connect(lambda paths: _receive_paths(window, paths))
        app.installEventFilter(relay)
        if probe_requested():
            install_startup_probe(window)
        window.show()
        code = app.exec()
        app.removeEventFilter(relay)
        if lingering_threads():
            # An import blocked in a system call ignored Cancel: end the process now
            # rather than destroy its running thread (Qt aborts) or wait for ever.
            # Its open transaction is rolled back when the store is next opened.
            instance.release()
            os._exit(code)
        if window.store is not None:
            window.store.close()
        instance.release()
        return code
    finally:
        collector.uninstall()  # main can be called again (tests)
