"""Star, hide and annotate runs: the writes (on the worker pool) and the note dialog.

Marks are kept in our store, never in the source (see :mod:`desktop.core.marks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.marks import NOTE_LIMIT, MarkChange
from desktop.ui.i18n import describe
from desktop.ui.workers import TaggedJobs

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog


class RunMarker(QObject):
    """Writes marks through the store's writer on the worker pool, one change
    after another in the order asked (each is a short transaction)."""

    changed = Signal(list)
    """The marks of these run row ids changed (the store is written)."""
    failed = Signal(str)
    """A change could not be written: why."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._jobs = TaggedJobs(self)
        self._jobs.finished.connect(self._on_written)
        self._jobs.failed.connect(self._on_failed)
        self._pending = 0

    def mark(self, pks: Sequence[int], change: MarkChange) -> None:
        """Apply ``change`` to runs ``pks`` in the background."""
        pks = list(pks)
        if not pks:
            return
        catalog = self.catalog

        def work() -> int:
            from desktop.services.store_actions import mark_runs

            return mark_runs(catalog, pks, change)

        self._pending += 1
        self._jobs.submit(pks, work)

    def is_busy(self) -> bool:
        """Whether a change is still being written."""
        return self._pending > 0

    def _on_written(self, pks: list[int], _found: object) -> None:
        self._pending -= 1
        self.changed.emit(pks)

    def _on_failed(self, _pks: list[int], exc: Exception) -> None:
        self._pending -= 1
        self.failed.emit(describe(exc))


class NoteDialog(QDialog):
    """Edit a run's note (or one note for several runs); empty removes it."""

    def __init__(self, note: str, runs: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Note"))
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("noteEdit")
        self.edit.setPlainText(note)
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(self.tr("A short note; leave empty to remove it"))
        hint = (
            self.tr("Kept in this app's store; the run's source is never written.")
            if runs <= 1
            else self.tr(
                "The same note for {0} runs, kept in this app's store; their "
                "source is never written.",
                "",
                runs,
            ).format(runs)
        )
        label = QLabel(hint, self)
        label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.installEventFilter(self)  # Ctrl+Enter saves (the edit takes it)
        self.edit.setToolTip(self.tr("Ctrl+Enter saves the note"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(420, 220)
        self.edit.setFocus()
        self.edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter in the edit saves the note."""
        if (
            watched is self.edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()
            return True
        return super().eventFilter(watched, event)

    def note(self) -> str:
        """The note as typed (at most :data:`NOTE_LIMIT` characters)."""
        return self.edit.toPlainText()[:NOTE_LIMIT]
