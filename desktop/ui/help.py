"""Help ▸ Keyboard shortcuts and Help ▸ About.

The shortcut list is read from the window's real actions (menus and the runs
table), so it cannot drift from what the keys do; keys handled by views
themselves (arrows, clicks) are listed after them.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__


@dataclass(frozen=True)
class Shortcut:
    """One row of the shortcuts list."""

    where: str
    what: str
    keys: str


translate = QCoreApplication.translate


def _native(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


def _menu_shortcuts(menu: QMenu, where: str) -> list[Shortcut]:
    rows = []
    for action in menu.actions():
        if action.menu() is not None:
            sub = action.menu()
            rows += _menu_shortcuts(sub, f"{where} ▸ {sub.title().replace('&', '')}")
        elif action.shortcuts():
            keys = ", ".join(_native(s) for s in action.shortcuts())
            rows.append(Shortcut(where, action.text().replace("&", ""), keys))
    return rows


def _where(widget: QWidget, window: QMainWindow) -> str:
    """A readable place for a widget of the main window."""
    runs = getattr(window, "runs", None)
    if runs is not None and (widget is runs or runs.isAncestorOf(widget)):
        return translate("Shortcuts", "Runs table")
    dock = getattr(window, "detail", None)
    if dock is not None and dock.isAncestorOf(widget):
        title = dock.windowTitle()
        tabs = getattr(dock, "tabs", None)
        for i in range(tabs.count() if tabs is not None else 0):
            if tabs.widget(i).isAncestorOf(widget):
                return f"{title} ▸ {tabs.tabText(i).split(' (')[0]}"
        return title
    return window.windowTitle()


def _menu_bar_actions(window: QMainWindow) -> set[QAction]:
    found: set[QAction] = set()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        for action in menu.actions():
            found.add(action)
            if action.menu() is not None:
                menus.append(action.menu())
    return found


def _widget_actions(window: QMainWindow) -> list[Shortcut]:
    """Shortcuts of actions that live on views of the window (not in its menus)."""
    rows = []
    in_menus = _menu_bar_actions(window)
    for action in window.findChildren(QAction):
        if not action.shortcuts() or action in in_menus:
            continue
        widgets = [
            o
            for o in action.associatedObjects()
            if isinstance(o, QWidget) and not isinstance(o, QMenu) and o is not window
        ]
        if not widgets or widgets[0].window() is not window:
            continue
        keys = ", ".join(_native(s) for s in action.shortcuts())
        where = _where(widgets[0], window)
        rows.append(Shortcut(where, action.text().replace("&", ""), keys))
    return sorted(set(rows), key=lambda r: (r.where, r.what))


def shortcut_entries(window: QMainWindow) -> list[Shortcut]:
    """Every keyboard shortcut of the main window, menus first."""
    rows: list[Shortcut] = []
    for action in window.menuBar().actions():
        menu = action.menu()
        if menu is not None:
            rows += _menu_shortcuts(menu, menu.title().replace("&", ""))
    rows += _widget_actions(window)
    table_name = translate("Shortcuts", "Runs table")
    rows += [
        Shortcut(
            table_name,
            translate("Shortcuts", "Previous / next run (the details follow)"),
            "↑ ↓",
        ),
        Shortcut(
            table_name,
            translate("Shortcuts", "First / last run"),
            _key_names("Home", "End"),
        ),
        Shortcut(
            table_name,
            translate("Shortcuts", "Add runs to the selection"),
            translate("Shortcuts", "{0}click, {1}click, {1}↑ ↓").format(
                _modifier("Ctrl"), _modifier("Shift")
            ),
        ),
        Shortcut(
            table_name,
            translate("Shortcuts", "Unfold / fold child runs or a group"),
            translate("Shortcuts", "+ / -, or → / ← on the run name"),
        ),
        Shortcut(
            table_name,
            translate("Shortcuts", "From a child run to its parent"),
            translate("Shortcuts", "← on the run name"),
        ),
        Shortcut(
            table_name,
            translate("Shortcuts", "Select all runs"),
            _native(QKeySequence(QKeySequence.StandardKey.SelectAll)),
        ),
        Shortcut(
            translate("Shortcuts", "Filter box"),
            translate("Shortcuts", "Apply the filter now"),
            _key_names("Return"),
        ),
        Shortcut(
            translate("Shortcuts", "Compare window"),
            translate("Shortcuts", "Show the first, second, … tab"),
            translate("Shortcuts", "{0}1, {0}2, …").format(_modifier("Ctrl")),
        ),
    ]
    return rows


def _modifier(name: str) -> str:
    """``Ctrl+`` (or ``⌘`` on macOS): a modifier as the platform writes it."""
    return _native(QKeySequence(f"{name}+A"))[:-1]


def _key_names(*names: str) -> str:
    return " / ".join(_native(QKeySequence(n)) for n in names)


class ShortcutsDialog(QDialog):
    """A table of every keyboard shortcut."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.entries = shortcut_entries(window)
        self.table = QTableWidget(len(self.entries), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Where"), self.tr("Action"), self.tr("Keys")]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        for row, entry in enumerate(self.entries):
            for col, text in enumerate((entry.where, entry.what, entry.keys)):
                item = QTableWidgetItem(text)
                if col == 2:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 520)

    def rows(self) -> list[tuple[str, str, str]]:
        """The table's text, row by row."""
        return [
            tuple(self.table.item(r, c).text() for c in range(3))
            for r in range(self.table.rowCount())
        ]


def about_facts(store_path: str) -> list[tuple[str, str]]:
    """``(name, value)`` pairs: app version, store, platform and library versions."""
    from importlib.metadata import version

    import numpy
    import pyqtgraph
    import PySide6

    return [
        ("mlflow-desktop", __version__),
        (translate("Shortcuts", "Store"), str(store_path)),
        ("Python", platform.python_version()),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("pyqtgraph", pyqtgraph.__version__),
        ("SQLAlchemy", version("SQLAlchemy")),
        ("numpy", numpy.__version__),
        (translate("Shortcuts", "Platform"), f"{platform.platform()} ({sys.platform})"),
    ]


class AboutDialog(QDialog):
    """Version, store location and library versions, with a Copy button."""

    def __init__(self, store_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About mlflow-desktop"))
        self.facts = about_facts(store_path)
        title = QLabel(self.tr("<b>mlflow-desktop {0}</b>").format(__version__), self)
        title.setTextFormat(Qt.TextFormat.RichText)
        summary = QLabel(
            self.tr("Browse and compare MLflow experiments, fast and offline."), self
        )
        self.details = QTextBrowser(self)
        self.details.setObjectName("aboutDetails")
        self.details.setFont(
            QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        )
        self.details.setPlainText(self.text())
        self.details.setMinimumHeight(190)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.setObjectName("aboutCopyButton")
        self.copy_button.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(560, 340)

    def text(self) -> str:
        """The facts as plain text (what Copy puts on the clipboard)."""
        width = max(len(name) for name, _ in self.facts)
        return "\n".join(f"{name:<{width}}  {value}" for name, value in self.facts)

    def copy(self) -> None:
        """Copy the facts for a bug report."""
        QGuiApplication.clipboard().setText(self.text())
