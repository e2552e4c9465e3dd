"""View ▸ Language: follow the system, or pick English or Korean (next start)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from desktop.ui.i18n import LANGUAGE_NAMES, LANGUAGES, SYSTEM
from desktop.ui.settings import Settings


class LanguageMenu(QMenu):
    """Radio items saved in the settings; a restart applies the choice."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("languageMenu")
        self.setTitle(self.tr("&Language"))
        self._settings = settings
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        current = settings.language()
        choices = [(SYSTEM, self.tr("System language"))]
        choices += [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
        self.language_actions: dict[str, QAction] = {}
        for code, label in choices:
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"language_{code}_action")
            action.setData(code)
            action.setChecked(code == current)
            self._group.addAction(action)
            self.addAction(action)
            self.language_actions[code] = action
        if not any(a.isChecked() for a in self.language_actions.values()):
            self.language_actions[SYSTEM].setChecked(True)
        self._group.triggered.connect(self._choose)

    def _choose(self, action: QAction) -> None:
        code = str(action.data())
        if code == self._settings.language():
            return
        self._settings.set_language(code)
        self._settings.sync()
        QMessageBox.information(
            self.parentWidget() or self,
            self.tr("Language"),
            self.tr(
                "The new language will be used the next time you start mlflow-desktop."
            ),
        )
