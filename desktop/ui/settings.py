"""Typed access to the few UI settings kept in QSettings (never credentials)."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
SETTINGS_ENV = "MLFLOW_DESKTOP_SETTINGS"  # an .ini file instead of the default place


class Settings:
    """UI state: geometry, dock and header state, recent sources, column layouts."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        if qsettings is None:
            path = os.environ.get(SETTINGS_ENV)
            qsettings = (
                QSettings(path, QSettings.Format.IniFormat)
                if path
                else QSettings("mlflow-desktop", "mlflow-desktop")
            )
        self._s = qsettings

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def geometry(self) -> QByteArray | None:
        """The main window geometry."""
        return self._bytes("window/geometry")

    def window_state(self) -> QByteArray | None:
        """Dock and toolbar state of the main window."""
        return self._bytes("window/state")

    def splitter_state(self) -> QByteArray | None:
        """The tree/table splitter."""
        return self._bytes("window/splitter")

    def save_window(
        self, geometry: QByteArray, state: QByteArray, splitter: QByteArray
    ) -> None:
        """Remember the window's geometry, dock state and splitter."""
        self._s.setValue("window/geometry", geometry)
        self._s.setValue("window/state", state)
        self._s.setValue("window/splitter", splitter)

    def recent_sources(self) -> list[str]:
        """Recently opened folders, newest first."""
        raw = self._s.value("sources/recent", "[]")
        try:
            items = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            items = []
        return [str(i) for i in items][:MAX_RECENT]

    def add_recent_source(self, path: str) -> None:
        """Put ``path`` first in the recent sources."""
        items = [p for p in self.recent_sources() if p != path]
        self._s.setValue("sources/recent", json.dumps([path, *items][:MAX_RECENT]))

    def column_layout(self, scope: str) -> list[dict] | None:
        """The column layout saved for an experiment (or a set of them)."""
        raw = self._s.value(f"columns/{scope}")
        if not isinstance(raw, str):
            return None
        try:
            value = json.loads(raw)
        except ValueError:
            return None
        return value if isinstance(value, list) else None

    def save_column_layout(self, scope: str, layout: list[dict]) -> None:
        """Remember which columns an experiment shows, in which order and width."""
        self._s.setValue(f"columns/{scope}", json.dumps(layout))

    def flag(self, key: str, default: bool = False) -> bool:
        """A boolean view option."""
        value = self._s.value(f"view/{key}", default)
        return value in (True, "true", "1", 1)

    def set_flag(self, key: str, value: bool) -> None:
        """Store a boolean view option."""
        self._s.setValue(f"view/{key}", bool(value))

    def language(self) -> str:
        """The UI language chosen in View ▸ Language (``system`` by default)."""
        value = self._s.value("ui/language", "system")
        return value if isinstance(value, str) and value else "system"

    def set_language(self, language: str) -> None:
        """Remember the UI language (applied at the next start)."""
        self._s.setValue("ui/language", language)

    def theme(self) -> str:
        """The colour theme: ``system`` (the default), ``light`` or ``dark``."""
        value = self._s.value("view/theme", "system")
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, theme: str) -> None:
        """Remember the colour theme."""
        self._s.setValue("view/theme", theme)

    def server_refresh_seconds(self) -> int:
        """Seconds between live-refresh polls of a tracking server."""
        try:
            return max(5, int(self._s.value("live/server_seconds", 30)))
        except (TypeError, ValueError):
            return 30

    def set_server_refresh_seconds(self, seconds: int) -> None:
        """Remember the tracking-server poll interval."""
        self._s.setValue("live/server_seconds", int(seconds))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._s.sync()
