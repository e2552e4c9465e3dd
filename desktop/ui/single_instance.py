"""One app window per store: a second launch hands its paths to the first one.

The first launch locks ``<store>.lock`` (a ``QLockFile``, which notices locks left
by crashed processes) and listens on a local socket named after the user and the
store path. A later launch on the same store cannot take the lock; it connects,
sends its paths as one JSON line and waits for ``ok``. The first window then comes
to the front and imports them.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLockFile, QObject, Signal
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

MAX_MESSAGE = 1 << 20
ACK = b"ok\n"
ANSWER_TIMEOUT_MS = 30_000
"""How long a later launch waits for the first one to confirm (it may still be
opening its window: its event loop answers only once that is done)."""


def instance_key(store_path: Path | str) -> str:
    """The local-socket name for ``store_path`` (per user, per resolved path)."""
    resolved = str(Path(store_path).expanduser().resolve())
    digest = hashlib.sha256(f"{getpass.getuser()}\0{resolved}".encode()).hexdigest()
    return f"mlflow-desktop-{digest[:20]}"


def absolute_paths(paths: list[str]) -> list[str]:
    """Paths made absolute for another process (URLs are kept as they are)."""
    return [p if "://" in p else os.path.abspath(os.path.expanduser(p)) for p in paths]


class SingleInstance(QObject):
    """The single-instance guard of one store."""

    paths_received = Signal(list)
    """Emitted in the first instance with the paths a later launch handed over."""

    def __init__(self, store_path: Path | str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path).expanduser().resolve()
        self.key = instance_key(self.store_path)
        self._lock = QLockFile(f"{self.store_path}.lock")
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytearray] = {}

    # -- first instance ------------------------------------------------
    def claim(self) -> bool:
        """Become the store's instance; False when another process holds it."""
        self.store_path.parent.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):
            return False
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(self.key)  # a socket left by a crash; we own it now
        if server.listen(self.key):
            server.newConnection.connect(self._accept)
            self._server = server
        return True

    @property
    def listening(self) -> bool:
        """Whether later launches can reach this instance."""
        return self._server is not None and self._server.isListening()

    def release(self) -> None:
        """Stop listening and unlock the store."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer += bytes(socket.readAll().data())
        if len(buffer) > MAX_MESSAGE:
            socket.abort()
            return
        if b"\n" not in buffer:
            return
        line = bytes(buffer[: buffer.index(b"\n")])
        try:
            message = json.loads(line)
            paths = [str(p) for p in message.get("paths", [])]
        except (ValueError, AttributeError, TypeError):
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        socket.disconnectFromServer()
        self.paths_received.emit(paths)

    # -- later instances ------------------------------------------------
    def hand_over(self, paths: list[str], timeout_ms: int | None = None) -> bool:
        """Send ``paths`` to the store's running instance; True once it confirmed."""
        timeout_ms = ANSWER_TIMEOUT_MS if timeout_ms is None else timeout_ms
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if not socket.waitForConnected(min(timeout_ms, 2000)):
            return False
        socket.write(json.dumps({"paths": absolute_paths(paths)}).encode() + b"\n")
        socket.waitForBytesWritten(timeout_ms)
        reply = b""
        while ACK not in reply and socket.waitForReadyRead(timeout_ms):
            reply += bytes(socket.readAll().data())
        socket.abort()
        return ACK in reply

    def owner(self) -> str:
        """Who holds the store's lock, for messages (``process 123 on host``)."""
        info = self._lock.getLockInfo()  # (pid, host, app); older bindings add ok
        pid, host, app = info[-3:] if isinstance(info, tuple) else (0, "", "")
        translate = QCoreApplication.translate
        if not pid:
            return translate("Startup", "another program")
        return translate("Startup", "{0} (process {1} on {2})").format(
            app or "mlflow-desktop",
            pid,
            host or translate("Startup", "this computer"),
        )


class FileOpenRelay(QObject):
    """Turns macOS "Open with" / Dock drops on the running app into paths."""

    paths_received = Signal(list)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = event.file() or event.url().toString()
            if path:
                self.paths_received.emit([path])
                return True
        return False


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` un-minimised, raised and (where allowed) focused."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()
