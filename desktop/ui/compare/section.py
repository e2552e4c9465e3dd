"""Base of the compare dialog's plot sections: build when first shown."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from desktop.analysis.run_set import RunSet


class Section(QWidget):
    """A section that (re)builds its content only while visible.

    Sections of tabs nobody opens cost nothing; :meth:`rebuild` runs when runs
    arrive while the section is shown, or when it is next shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runs = RunSet([], {}, {})
        self._stale = False

    def set_runs(self, runs: RunSet) -> None:
        """Compare these runs."""
        self.runs = runs
        self._stale = True
        if self.isVisible():
            self._build()

    def is_built(self) -> bool:
        """Whether the content reflects the current runs."""
        return not self._stale

    def showEvent(self, event: QShowEvent) -> None:
        """Build on first show."""
        super().showEvent(event)
        if self._stale:
            self._build()

    def _build(self) -> None:
        self._stale = False
        self.rebuild()

    def rebuild(self) -> None:
        """Redraw everything from :attr:`runs` (sections override this)."""
        raise NotImplementedError
