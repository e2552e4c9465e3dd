"""Hand files to the operating system: open with the default application, reveal
in the file manager. Nothing here runs a file inside the app."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QDir, QObject, QProcess, QUrl
from PySide6.QtDBus import (
    QDBusConnection,
    QDBusMessage,
    QDBusPendingCallWatcher,
)
from PySide6.QtGui import QDesktopServices

# Files the system may run rather than show when "opened".
RISKY_EXTENSIONS = frozenset(
    {
        ".exe",
        ".bat",
        ".cmd",
        ".com",
        ".msi",
        ".ps1",
        ".vbs",
        ".js",
        ".jse",
        ".wsf",
        ".scr",
        ".lnk",
        ".jar",
        ".sh",
        ".bash",
        ".command",
        ".app",
        ".desktop",
        ".appimage",
        ".run",
        ".py",
        ".pyw",
    }
)


def is_risky_to_open(path: str) -> bool:
    """Whether opening ``path`` with the system may run it as a program."""
    if os.path.splitext(path)[1].lower() in RISKY_EXTENSIONS:
        return True
    return os.name != "nt" and os.path.isfile(path) and os.access(path, os.X_OK)


def open_with_system(path: str) -> bool:
    """Open a file or folder with the system's default application."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def reveal_in_file_manager(path: str, owner: QObject) -> None:
    """Show ``path`` selected in the file manager (its folder where that fails)."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    if sys.platform == "darwin":
        if QProcess.startDetached("open", ["-R", path])[0]:
            return
    elif os.name == "nt":
        native = QDir.toNativeSeparators(path)
        if QProcess.startDetached("explorer", ["/select,", native])[0]:
            return
    else:
        bus = QDBusConnection.sessionBus()
        if bus.isConnected():
            message = QDBusMessage.createMethodCall(
                "org.freedesktop.FileManager1",
                "/org/freedesktop/FileManager1",
                "org.freedesktop.FileManager1",
                "ShowItems",
            )
            message.setArguments([[QUrl.fromLocalFile(path).toString()], ""])
            watcher = QDBusPendingCallWatcher(bus.asyncCall(message, 3000), owner)

            def finished(call: QDBusPendingCallWatcher) -> None:
                if call.isError():
                    open_with_system(folder)
                call.deleteLater()

            watcher.finished.connect(finished)
            return
    open_with_system(folder)
