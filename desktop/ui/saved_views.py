"""The Views menu of the runs panel: save the current filter, sort, columns,
grouping and chart layout under a name, switch between saved views, delete them.

Views are kept per store and experiment selection (:meth:`Settings.saved_views`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QWidget

from desktop.core.saved_view import SavedView, replace_view

if TYPE_CHECKING:
    from desktop.ui.runs_view import RunsPanel


class SavedViewsMenu(QMenu):
    """Save, apply and delete the runs panel's views (built when it opens)."""

    def __init__(self, panel: RunsPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Saved views"))
        self.setObjectName("savedViewsMenu")
        self.panel = panel
        self.aboutToShow.connect(self.rebuild)

    def views(self) -> list[SavedView]:
        """The views saved for the experiments shown."""
        return self.panel.settings.saved_views(self.panel.layout_scope())

    def rebuild(self) -> None:
        """List the views saved for the experiments shown now."""
        self.clear()
        has_runs = bool(self.panel.experiment_pks)
        save = self.addAction(self.tr("Save view as…"))
        save.setEnabled(has_runs)
        save.triggered.connect(self.save_current)
        views = self.views()
        if views:
            self.addSeparator()
        current = self.panel.view_state("")
        for view in views:
            action = self.addAction(view.name)
            action.setCheckable(True)
            action.setChecked(_same(view, current))
            action.triggered.connect(lambda _c=False, v=view: self.panel.apply_view(v))
        if views:
            self.addSeparator()
            delete = self.addMenu(self.tr("Delete view"))
            for view in views:
                action = delete.addAction(view.name)
                action.triggered.connect(lambda _c=False, n=view.name: self.delete(n))

    def save_current(self) -> None:
        """Ask for a name and keep the current view under it (replacing a view
        of that name)."""
        views = self.views()
        name, ok = QInputDialog.getText(
            self.panel,
            self.tr("Save view"),
            self.tr("Name of the view (filter, sort, columns, grouping, charts):"),
            QLineEdit.EchoMode.Normal,
            "",
        )
        name = name.strip()
        if not ok or not name:
            return
        self.panel.save_layout()
        views = replace_view(views, self.panel.view_state(name))
        self.panel.settings.save_saved_views(self.panel.layout_scope(), views)
        self.panel.message.emit(self.tr("View “{0}” saved").format(name))

    def delete(self, name: str) -> None:
        """Forget the view ``name``."""
        views = [v for v in self.views() if v.name != name]
        self.panel.settings.save_saved_views(self.panel.layout_scope(), views)


def _same(view: SavedView, current: SavedView) -> bool:
    """Whether the panel shows ``view`` now (its name aside)."""
    return (view.filter, view.sort, view.group_by, view.nested) == (
        current.filter,
        current.sort,
        current.group_by,
        current.nested,
    ) and [c.get("id") for c in view.columns if not c.get("hidden")] == [
        c.get("id") for c in current.columns if not c.get("hidden")
    ]
