"""A chart card: a title bar with its actions above a plot, a hover line below."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QCoreApplication,
    QMimeData,
    QObject,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.analysis.chart_cards import CardSize, CardSpec
from desktop.analysis.curves import XAxis
from desktop.analysis.group_curves import Band
from desktop.analysis.run_set import RunSet

CARD_HEIGHT = 300
TALL_CARD_HEIGHT = 420
HOVER_MS = 30
CARD_MIME = "application/x-mlflow-desktop-chart-card"


@dataclass(slots=True)
class ChartRuns:
    """The runs every card draws: in the table's order, each with its colour."""

    runs: RunSet
    colors: list[QColor]
    names: list[str]
    index: dict[int, int] = field(default_factory=dict)
    groups: dict[str, list[int]] | None = None
    """The runs panel's groups (name: run ids), when it groups the runs: line
    cards then draw each group's mean with a band."""

    @classmethod
    def of(
        cls,
        runs: RunSet,
        colors: Sequence[QColor],
        groups: dict[str, list[int]] | None = None,
    ) -> ChartRuns:
        """The runs with their colours (by run row id: their position)."""
        return cls(
            runs,
            list(colors),
            runs.names,
            {pk: i for i, pk in enumerate(runs.pks)},
            groups,
        )


@dataclass(slots=True)
class LineOptions:
    """What every line card shares: the x axis, smoothing, log y and the band
    around group means."""

    x_axis: XAxis = XAxis.STEP
    smoothing: float = 0.0
    log_y: bool = False
    band: Band = Band.RANGE


class HoverThrottle(QObject):
    """Hands a scene's mouse moves to ``slot`` at most every :data:`HOVER_MS`
    (the newest position), as ``slot((scene_pos,))``."""

    def __init__(self, scene, slot: Callable[[tuple[QPointF]], None], parent: QObject):
        super().__init__(parent)
        self._pos: QPointF | None = None
        self._slot = slot
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(HOVER_MS)
        self._timer.timeout.connect(self._fire)
        scene.sigMouseMoved.connect(self._on_moved)

    def _on_moved(self, pos: QPointF) -> None:
        self._pos = QPointF(pos)
        if not self._timer.isActive():
            self._timer.start()

    def _fire(self) -> None:
        if self._pos is not None:
            self._slot((self._pos,))


def size_name(size: CardSize) -> str:
    """A size as the card menu names it."""
    translate = QCoreApplication.translate
    return {
        CardSize.SMALL: translate("ChartCard", "Small (a third)"),
        CardSize.MEDIUM: translate("ChartCard", "Medium (half)"),
        CardSize.LARGE: translate("ChartCard", "Large (full width)"),
    }[size]


class ChartCard(QFrame):
    """One chart of the grid with its menu: move, resize, remove."""

    move_requested = Signal(object, int)
    """``(card, offset)``: move the card that many places (-1 left, 1 right)."""
    resize_requested = Signal(object, object)
    """``(card, CardSize)``."""
    remove_requested = Signal(object)
    run_clicked = Signal(int)
    """A run's line, point or bar was clicked: its row id."""
    card_dropped = Signal(object, str)
    """``(card, token)``: the card with that drag token was dropped on this one."""

    def __init__(self, spec: CardSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("chartCard")
        self.drag_token = uuid.uuid4().hex
        self._press: QPoint | None = None
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(220)
        self.title = QLabel(self)
        self.title.setObjectName("chartCardTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.title.setCursor(Qt.CursorShape.OpenHandCursor)
        self.hover = QLabel(self)
        self.hover.setObjectName("chartCardHover")
        self.hover.setTextFormat(Qt.TextFormat.PlainText)
        self.hover.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.status = QLabel(self)
        self.status.setObjectName("chartCardStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        self.status.hide()

        self.menu = QMenu(self)
        self.move_left_action = QAction(self.tr("Move left"), self)
        self.move_left_action.triggered.connect(
            lambda: self.move_requested.emit(self, -1)
        )
        self.move_right_action = QAction(self.tr("Move right"), self)
        self.move_right_action.triggered.connect(
            lambda: self.move_requested.emit(self, 1)
        )
        self.menu.addAction(self.move_left_action)
        self.menu.addAction(self.move_right_action)
        sizes = self.menu.addMenu(self.tr("Size"))
        group = QActionGroup(self)
        self.size_actions: dict[CardSize, QAction] = {}
        for size in CardSize:
            action = QAction(size_name(size), self, checkable=True)
            action.setChecked(size is spec.size)
            action.triggered.connect(
                lambda _c=False, s=size: self.resize_requested.emit(self, s)
            )
            group.addAction(action)
            sizes.addAction(action)
            self.size_actions[size] = action
        self.menu.addSeparator()
        self.remove_action = QAction(self.tr("Remove chart"), self)
        self.remove_action.triggered.connect(lambda: self.remove_requested.emit(self))
        self.menu.addAction(self.remove_action)
        self.menu_button = QToolButton(self)
        self.menu_button.setObjectName("chartCardMenu")
        self.menu_button.setText("⋯")
        self.menu_button.setToolTip(self.tr("Move, resize or remove this chart"))
        self.menu_button.setAutoRaise(True)
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.menu_button.setMenu(self.menu)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.menu_button)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.hover)
        self.setFixedHeight(CARD_HEIGHT)

    def set_title(self, text: str, tip: str = "") -> None:
        """The card's title (its full text and how to move the card in the tooltip)."""
        self.title.setText(text)
        hint = self.tr("Drag the title onto another chart to move this one there")
        self.title.setToolTip(f"{tip or text}\n{hint}")

    # -- dragging by the title -----------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Remember where a drag by the title may start."""
        on_title = self.title.geometry().contains(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and on_title:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Drag the card once the mouse moved far enough from the title."""
        start = self._press
        if start is not None and (
            (event.position().toPoint() - start).manhattanLength()
            >= QApplication.startDragDistance()
        ):
            self._press = None
            drag = QDrag(self)
            mime = QMimeData()
            mime.setData(CARD_MIME, self.drag_token.encode())
            drag.setMimeData(mime)
            drag.setPixmap(self.grab().scaledToWidth(160))
            drag.exec(Qt.DropAction.MoveAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """No drag after all."""
        self._press = None
        super().mouseReleaseEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept another card."""
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Accept another card anywhere on this one."""
        if event.mimeData().hasFormat(CARD_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A card was dropped here: the view moves it to this card's place."""
        if not event.mimeData().hasFormat(CARD_MIME):
            return
        token = bytes(event.mimeData().data(CARD_MIME).data()).decode()
        event.acceptProposedAction()
        if token != self.drag_token:
            self.card_dropped.emit(self, token)

    def set_spec(self, spec: CardSpec) -> None:
        """The card's spec changed (its size)."""
        self.spec = spec
        self.size_actions[spec.size].setChecked(True)

    def set_position(self, index: int, count: int) -> None:
        """Enable moving left/right as far as the card can go."""
        self.move_left_action.setEnabled(index > 0)
        self.move_right_action.setEnabled(index < count - 1)

    def show_status(self, text: str) -> None:
        """A message in place of the plot (loading, nothing to draw)."""
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def show_hover(self, text: str) -> None:
        """What the mouse points at: a run and its value."""
        self.hover.setText(text)
        self.hover.setToolTip(text)

    # -- what subclasses draw ----------------------------------------------------
    def set_runs(self, runs: ChartRuns) -> None:
        """Draw these runs (histories come later, see :meth:`wants_histories`)."""
        raise NotImplementedError

    def set_highlight(self, indices: Sequence[int]) -> None:
        """Emphasise the runs at these positions (empty: none emphasised)."""

    def wants_histories(self) -> str | None:
        """The metric whose histories this card needs (``None``: none)."""
        return None
