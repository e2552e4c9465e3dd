"""The first-run page shown instead of empty panes while the store has no sources."""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

MAX_WIDTH = 620


class WelcomePage(QScrollArea):
    """Title, a drop target, open buttons, the sample project and recent sources."""

    sample_requested = Signal()
    """"Open the sample project" was clicked."""
    recent_requested = Signal(str)
    """A recent source was activated; payload: its location."""
    recent_remove_requested = Signal(str)
    """The user removed a recent source from the list; payload: its location."""

    def __init__(
        self,
        open_folder: QAction,
        open_database: QAction,
        connect_server: QAction,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

        self.title = QLabel("mlflow-desktop", self)
        self.title.setObjectName("welcomeTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.subtitle = QLabel(
            self.tr(
                "Browse, sort and compare your MLflow experiments — fast, "
                "offline, without a server."
            ),
            self,
        )
        self.subtitle.setObjectName("welcomeSubtitle")
        self.subtitle.setWordWrap(True)

        self.drop_zone = QFrame(self)
        self.drop_zone.setObjectName("welcomeDropZone")
        self.drop_zone.setMinimumHeight(130)
        self.drop_label = QLabel(
            self.tr("Drag an mlruns folder or mlflow.db here"), self.drop_zone
        )
        self.drop_label.setObjectName("welcomeDropLabel")
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        drop_font = QFont(self.drop_label.font())
        drop_font.setPointSizeF(drop_font.pointSizeF() * 1.25)
        self.drop_label.setFont(drop_font)
        self.drop_hint = QLabel(
            self.tr(
                "Nothing is ever written into your folder: it is read into a "
                "local store."
            ),
            self.drop_zone,
        )
        self.drop_hint.setObjectName("welcomeDropHint")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setWordWrap(True)
        drop_layout = QVBoxLayout(self.drop_zone)
        drop_layout.setContentsMargins(24, 20, 24, 20)
        drop_layout.addStretch(1)
        drop_layout.addWidget(self.drop_label)
        drop_layout.addWidget(self.drop_hint)
        drop_layout.addStretch(1)

        self.open_folder_button = self._button(
            self.tr("Open folder…"), "welcomeOpenFolder", open_folder
        )
        self.open_database_button = self._button(
            self.tr("Open database…"), "welcomeOpenDatabase", open_database
        )
        self.connect_server_button = self._button(
            self.tr("Connect to server…"), "welcomeConnectServer", connect_server
        )
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for button in (
            self.open_folder_button,
            self.open_database_button,
            self.connect_server_button,
        ):
            buttons.addWidget(button, 1)

        self.sample_button = QPushButton(self.tr("Open the sample project"), self)
        self.sample_button.setObjectName("welcomeSampleButton")
        self.sample_button.setDefault(True)
        self.sample_button.setMinimumHeight(34)
        self.sample_button.clicked.connect(self.sample_requested)
        self.sample_hint = QLabel(
            self.tr(
                "A customer-churn model sweep (고객_이탈_예측) and a small "
                "random-forest project, written by MLflow."
            ),
            self,
        )
        self.sample_hint.setObjectName("welcomeSampleHint")
        self.sample_hint.setWordWrap(True)

        self.recent_title = QLabel(self.tr("Recent sources"), self)
        self.recent_title.setObjectName("welcomeRecentTitle")
        bold = QFont(self.recent_title.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.recent_title.setFont(bold)
        self.recent = QListWidget(self)
        self.recent.setObjectName("welcomeRecentList")
        self.recent.setFrameShape(QFrame.Shape.NoFrame)
        self.recent.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.recent.setSizePolicy(
            QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum
        )
        self.recent.setCursor(Qt.CursorShape.PointingHandCursor)
        self.recent.itemActivated.connect(self._on_recent)
        self.recent.itemClicked.connect(self._on_recent)
        self.recent.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.recent.customContextMenuRequested.connect(self._on_recent_menu)
        remove = QAction(self.tr("Remove from recent sources"), self.recent)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_current)
        self.recent.addAction(remove)
        self._remove_action = remove

        column = QWidget(self)
        column.setObjectName("welcomeColumn")
        column.setMaximumWidth(MAX_WIDTH)
        layout = QVBoxLayout(column)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(14)
        layout.addWidget(self.drop_zone)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addSpacing(18)
        layout.addWidget(self.sample_button)
        layout.addWidget(self.sample_hint)
        layout.addSpacing(18)
        layout.addWidget(self.recent_title)
        layout.addWidget(self.recent)

        page = QWidget(self)
        outer = QVBoxLayout(page)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.setWidget(page)
        self._restyle()

    def _button(self, text: str, name: str, action: QAction) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(30)
        button.setToolTip(action.toolTip())
        button.clicked.connect(lambda _checked=False: action.trigger())
        return button

    def set_recent(self, locations: list[str], missing: Collection[str] = ()) -> None:
        """List recently opened sources (hidden when there are none).

        Those in ``missing`` no longer exist: marked so, they can be removed.
        """
        self.recent.clear()
        for location in locations:
            item = QListWidgetItem(location, self.recent)
            item.setToolTip(self.tr("Open {0} again").format(location))
            if location in missing:
                item.setText(self.tr("{0} (missing)").format(location))
                item.setToolTip(
                    self.tr(
                        "{0} no longer exists. Right-click or press Delete to "
                        "remove it."
                    ).format(location)
                )
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            item.setData(Qt.ItemDataRole.UserRole, location)
        self.recent_title.setVisible(bool(locations))
        self.recent.setVisible(bool(locations))

    def recent_locations(self) -> list[str]:
        """The recent sources shown, top first."""
        return [
            self.recent.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.recent.count())
        ]

    def _on_recent(self, item: QListWidgetItem) -> None:
        self.recent_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _remove_current(self) -> None:
        item = self.recent.currentItem()
        if item is not None:
            self.recent_remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _on_recent_menu(self, pos: QPoint) -> None:
        item = self.recent.itemAt(pos)
        if item is None:
            return
        self.recent.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(self._remove_action)
        menu.exec(self.recent.viewport().mapToGlobal(pos))

    # -- palette-aware look ------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        faint = _mix(text, palette.color(QPalette.ColorRole.Window), 0.45)
        border = _mix(text, palette.color(QPalette.ColorRole.Window), 0.72)
        self.subtitle.setStyleSheet(f"color: {faint.name()};")
        self.drop_hint.setStyleSheet(f"color: {faint.name()};")
        self.sample_hint.setStyleSheet(f"color: {faint.name()};")
        self.drop_zone.setStyleSheet(
            "#welcomeDropZone {"
            f" border: 2px dashed {border.name()}; border-radius: 10px;"
            f" background: {base.name()}; }}"
        )
        self.recent.setStyleSheet(
            "#welcomeRecentList { background: transparent; }"
            f"#welcomeRecentList::item {{ padding: 3px 2px; color: {accent.name()}; }}"
            f"#welcomeRecentList::item:hover {{ text-decoration: underline; }}"
        )


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )
