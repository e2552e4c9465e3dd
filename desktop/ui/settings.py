"""Typed access to the few UI settings kept in QSettings (never credentials)."""

from __future__ import annotations

import json
import os

from PySide6.QtCore import QByteArray, QSettings

from desktop.core.metric_direction import Direction
from desktop.core.saved_view import SavedView

MAX_RECENT = 10
SETTINGS_ENV = "MLFLOW_DESKTOP_SETTINGS"  # an .ini file instead of the default place


class Settings:
    """UI state: geometry, dock and header state, recent sources, column layouts.

    Window state, recent sources, column layouts and sorts belong to a store:
    :meth:`for_store` gives a view whose keys carry the store's stable id.
    """

    def __init__(
        self, qsettings: QSettings | None = None, *, store_id: str = ""
    ) -> None:
        if qsettings is None:
            path = os.environ.get(SETTINGS_ENV)
            qsettings = (
                QSettings(path, QSettings.Format.IniFormat)
                if path
                else QSettings("mlflow-desktop", "mlflow-desktop")
            )
        self._s = qsettings
        self.store_id = store_id

    def for_store(self, store_id: str) -> Settings:
        """These settings, with store-owned state kept under ``store_id``."""
        return Settings(self._s, store_id=store_id)

    def _own(self, key: str) -> str:
        """A key of state that belongs to the store (unscoped without a store)."""
        return f"stores/{self.store_id}/{key}" if self.store_id else key

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._s.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def _window(self, key: str) -> QByteArray | None:
        # A store opened for the first time starts from the last window seen.
        return self._bytes(self._own(key)) or self._bytes(key)

    def geometry(self) -> QByteArray | None:
        """The main window geometry."""
        return self._window("window/geometry")

    def window_state(self) -> QByteArray | None:
        """Dock and toolbar state of the main window."""
        return self._window("window/state")

    def splitter_state(self) -> QByteArray | None:
        """The tree/table splitter."""
        return self._window("window/splitter")

    def save_window(
        self, geometry: QByteArray, state: QByteArray, splitter: QByteArray
    ) -> None:
        """Remember the window's geometry, dock state and splitter."""
        for key, value in (
            ("window/geometry", geometry),
            ("window/state", state),
            ("window/splitter", splitter),
        ):
            self._s.setValue(self._own(key), value)
            self._s.setValue(key, value)  # where the next new store starts

    def recent_sources(self) -> list[str]:
        """Recently opened folders, newest first."""
        key = self._own("sources/recent")
        if not self._s.contains(key):
            key = "sources/recent"  # kept before stores had ids
        raw = self._s.value(key, "[]")
        try:
            items = json.loads(raw) if isinstance(raw, str) else []
        except ValueError:
            items = []
        return [str(i) for i in items][:MAX_RECENT]

    def add_recent_source(self, path: str) -> None:
        """Put ``path`` first in the recent sources."""
        items = [p for p in self.recent_sources() if p != path]
        self._set_recent([path, *items])

    def remove_recent_source(self, path: str) -> None:
        """Forget ``path`` in the recent sources."""
        self._set_recent([p for p in self.recent_sources() if p != path])

    def _set_recent(self, items: list[str]) -> None:
        self._s.setValue(self._own("sources/recent"), json.dumps(items[:MAX_RECENT]))

    def _json(self, key: str) -> object:
        raw = self._s.value(key)
        if not isinstance(raw, str):
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def column_layout(self, scope: str) -> list[dict] | None:
        """The column layout saved for an experiment (or a set of them)."""
        value = self._json(self._own(f"columns/{scope}"))
        return value if isinstance(value, list) else None

    def save_column_layout(self, scope: str, layout: list[dict]) -> None:
        """Remember which columns an experiment shows, in which order and width."""
        self._s.setValue(self._own(f"columns/{scope}"), json.dumps(layout))

    def chart_layout(self, scope: str) -> dict | None:
        """The charts view's cards and options saved for an experiment scope."""
        value = self._json(self._own(f"charts/{scope}"))
        return value if isinstance(value, dict) else None

    def save_chart_layout(self, scope: str, layout: dict) -> None:
        """Remember the charts view's cards and options for an experiment scope."""
        self._s.setValue(self._own(f"charts/{scope}"), json.dumps(layout))

    def sort(self, scope: str) -> tuple[str, bool] | None:
        """The column id and whether descending that an experiment is sorted by."""
        value = self._json(self._own(f"sort/{scope}"))
        if isinstance(value, list) and len(value) == 2 and isinstance(value[0], str):
            return value[0], bool(value[1])
        return None

    def save_sort(self, scope: str, sort: tuple[str, bool] | None) -> None:
        """Remember an experiment's sort (``None``: unsorted)."""
        key = self._own(f"sort/{scope}")
        if sort is None:
            self._s.remove(key)
        else:
            self._s.setValue(key, json.dumps(list(sort)))

    def saved_views(self, scope: str) -> list[SavedView]:
        """The views saved for an experiment selection (damaged entries left out)."""
        value = self._json(self._own(f"views/{scope}"))
        if not isinstance(value, list):
            return []
        views = [SavedView.from_json(v) for v in value]
        return [v for v in views if v is not None]

    def save_saved_views(self, scope: str, views: list[SavedView]) -> None:
        """Keep these views for an experiment selection."""
        key = self._own(f"views/{scope}")
        if views:
            self._s.setValue(key, json.dumps([v.to_json() for v in views]))
        else:
            self._s.remove(key)

    def group_by(self, scope: str) -> list[str]:
        """The column ids an experiment's runs are grouped by (none: not grouped)."""
        value = self._json(self._own(f"group/{scope}"))
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        return []

    def save_group_by(self, scope: str, ids: list[str]) -> None:
        """Remember what an experiment's runs are grouped by."""
        key = self._own(f"group/{scope}")
        if ids:
            self._s.setValue(key, json.dumps(ids))
        else:
            self._s.remove(key)

    def metric_directions(self) -> dict[str, Direction]:
        """The user's higher/lower-is-better choices, by metric key."""
        value = self._json("metrics/directions")
        if not isinstance(value, dict):
            return {}
        return {str(k): Direction(v) for k, v in value.items() if v in set(Direction)}

    def set_metric_direction(self, key: str, direction: Direction) -> None:
        """Remember which way metric ``key`` is better (in every store)."""
        directions = {k: v.value for k, v in self.metric_directions().items()}
        directions[key] = direction.value
        self._s.setValue("metrics/directions", json.dumps(directions))

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
