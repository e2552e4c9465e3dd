"""An exception in a slot reaches the user once as a message, always as a log line."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QCoreApplication, QTimer

from desktop.ui.error_hook import LOG_NAME, install_error_hook


def test_slot_and_thread_exceptions_are_logged_and_shown_once(qtbot, tmp_path) -> None:
    shown: list[str] = []
    previous = sys.excepthook, threading.excepthook
    relay = install_error_hook(
        tmp_path, lambda summary, _details: shown.append(summary)
    )
    try:

        def broken_slot() -> None:
            raise ValueError("the slot failed")

        QTimer.singleShot(0, broken_slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
        assert shown == ["ValueError: the slot failed"]

        def broken_thread() -> None:
            raise KeyError("in a thread")

        thread = threading.Thread(target=broken_thread)
        thread.start()
        thread.join(timeout=10)
        qtbot.waitUntil(lambda: relay.logged == 2, timeout=10_000)
        QCoreApplication.processEvents()  # the queued signal: still one dialog
        assert shown == ["ValueError: the slot failed"]
    finally:
        sys.excepthook, threading.excepthook = previous
    log = (tmp_path / LOG_NAME).read_text(encoding="utf-8")
    assert "ValueError: the slot failed" in log
    assert "KeyError: 'in a thread'" in log
    assert "Traceback" in log
