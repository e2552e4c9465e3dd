"""The run name cell of nested runs: indented by depth, with a fold arrow on parents.

Used by the runs table and its frozen name column. A click on the arrow folds or
unfolds the run (and does not select it or tick its box); the checkbox and the
name move right with the indentation, so clicks on the box still tick it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QMouseEvent, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from desktop.ui.runs_model import FOLD_ROLE

INDENT = 16
"""Pixels per level of nesting."""
ARROW = 16
"""The width of the fold arrow's box."""

Index = QModelIndex | QPersistentModelIndex


def arrow_rect(cell: QRect, depth: int) -> QRect:
    """Where a run's fold arrow is drawn in its name cell."""
    return QRect(cell.left() + depth * INDENT, cell.top(), ARROW, cell.height())


class RunNameDelegate(QStyledItemDelegate):
    """Paints and handles the first column when runs are nested."""

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: Index
    ) -> None:
        fold = index.data(FOLD_ROLE)
        if fold is None:
            super().paint(painter, option, index)
            return
        depth, state = fold
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # The selection and alternate colours span the indentation too.
        style.drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, whole, painter, widget
        )
        content = QStyleOptionViewItem(whole)
        content.rect = _content_rect(whole.rect, depth)
        item = QStyle.ControlElement.CE_ItemViewItem
        style.drawControl(item, content, painter, widget)
        if state is not None:
            branch = QStyleOptionViewItem(whole)
            branch.rect = arrow_rect(whole.rect, depth)
            flags = QStyle.StateFlag.State_Children
            if state:
                flags |= QStyle.StateFlag.State_Open
            unfocused = whole.state & ~QStyle.StateFlag.State_HasFocus
            branch.state = unfocused | flags
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_IndicatorBranch, branch, painter, widget
            )

    def editorEvent(self, event: QEvent, model, option, index: Index) -> bool:
        """Fold or unfold on a click on the arrow; the rest as usual, shifted."""
        fold = index.data(FOLD_ROLE)
        if fold is None:
            return super().editorEvent(event, model, option, index)
        depth, state = fold
        mouse = (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        )
        if (
            state is not None
            and event.type() in mouse
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
            and arrow_rect(option.rect, depth).contains(event.position().toPoint())
        ):
            if event.type() == QEvent.Type.MouseButtonPress:
                model.toggle_expanded(index.row())
            return True  # not a selection, nor a tick
        shifted = QStyleOptionViewItem(option)
        shifted.rect = _content_rect(option.rect, depth)
        return super().editorEvent(event, model, shifted, index)


def _content_rect(cell: QRect, depth: int) -> QRect:
    return cell.adjusted(depth * INDENT + ARROW, 0, 0, 0)
