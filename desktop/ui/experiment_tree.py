"""The experiment tree: sources, then their experiments with run counts."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.views import ExperimentInfo, SourceInfo

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PATH_ROLE = Qt.ItemDataRole.UserRole + 3
DELETED_ROLE = Qt.ItemDataRole.UserRole + 4
SOURCE_KIND_ROLE = Qt.ItemDataRole.UserRole + 5


class ExperimentTreeModel(QStandardItemModel):
    """Sources as top-level items, experiments below them."""

    def populate(
        self, sources: list[SourceInfo], experiments: list[ExperimentInfo]
    ) -> None:
        """Replace the content."""
        self.clear()
        self.setHorizontalHeaderLabels([self.tr("Experiments")])
        by_source: dict[int, list[ExperimentInfo]] = {}
        for exp in experiments:
            by_source.setdefault(exp.source_id, []).append(exp)
        for source in sources:
            item = QStandardItem(source.name or source.location)
            item.setToolTip(source.location)
            item.setData("source", KIND_ROLE)
            item.setData(source.id, ID_ROLE)
            item.setData(source.location, PATH_ROLE)
            item.setData(source.kind, SOURCE_KIND_ROLE)
            item.setData(False, DELETED_ROLE)
            font = QFont()
            font.setBold(True)
            item.setFont(font)
            item.setEditable(False)
            for exp in sorted(
                by_source.get(source.id, []),
                key=lambda e: (e.lifecycle_stage != "active", e.name.lower()),
            ):
                child = QStandardItem(f"{exp.name}  ({exp.run_count:,})")
                child.setData("experiment", KIND_ROLE)
                child.setData(exp.pk, ID_ROLE)
                child.setData(exp.name, PATH_ROLE)
                deleted = exp.lifecycle_stage == "deleted"
                child.setData(deleted, DELETED_ROLE)
                child.setToolTip(
                    self.tr("{0}\nID: {1}\nRuns: {2}").format(
                        exp.name, exp.experiment_id, f"{exp.run_count:,}"
                    )
                    + ("\n" + self.tr("Deleted") if deleted else "")
                    + (
                        f"\n\n{exp.tags['mlflow.note.content']}"
                        if "mlflow.note.content" in exp.tags
                        else ""
                    )
                )
                if deleted:
                    child.setForeground(QBrush(QColor("#8a8f98")))
                child.setEditable(False)
                item.appendRow(child)
            self.appendRow(item)


class _ExperimentFilter(QSortFilterProxyModel):
    """Hides deleted experiments (unless shown) and filters experiments by name."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.show_deleted = False
        self.setRecursiveFilteringEnabled(True)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def filterAcceptsRow(
        self, row: int, parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(row, 0, parent)
        if index.data(KIND_ROLE) == "source":
            return not self.filterRegularExpression().pattern()
        if index.data(DELETED_ROLE) and not self.show_deleted:
            return False
        pattern = self.filterRegularExpression().pattern()
        return not pattern or pattern.lower() in str(index.data(PATH_ROLE)).lower()


class ExperimentPanel(QWidget):
    """Search box, tree and "show deleted" toggle."""

    experiments_selected = Signal(list)
    """Row ids of the selected experiments (possibly empty)."""
    refresh_requested = Signal(int)
    """Re-import a source: its id."""
    remove_requested = Signal(int)
    """Remove a source from the store: its id."""
    reveal_requested = Signal(str)
    """Open a source's folder in the file manager: its path."""
    registry_requested = Signal(int)
    """Show a source's registered models: its id."""
    artifact_places_requested = Signal(int)
    """Set where a team database's artifacts are seen from here: its id."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = ExperimentTreeModel(self)
        self.proxy = _ExperimentFilter(self)
        self.proxy.setSourceModel(self.model)
        self.search = QLineEdit(self)
        self.search.setObjectName("experimentSearch")
        self.search.setPlaceholderText(self.tr("Search experiments"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_changed)
        self.show_deleted = QCheckBox(self.tr("Show deleted"), self)
        self.show_deleted.setObjectName("showDeletedExperiments")
        self.show_deleted.toggled.connect(self._on_show_deleted_toggled)
        self.tree = QTreeView(self)
        self.tree.setObjectName("experimentTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._emit_selection)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.show_deleted)

    def populate(
        self, sources: list[SourceInfo], experiments: list[ExperimentInfo]
    ) -> None:
        """Show new content, keeping the selection and expanded sources."""
        selected = set(self.selected_experiments())
        picked = self.tree.selectionModel().selectedRows()
        selected_sources = {
            i.data(ID_ROLE) for i in picked if i.data(KIND_ROLE) == "source"
        }
        selected_children = {
            i.data(ID_ROLE) for i in picked if i.data(KIND_ROLE) == "experiment"
        }
        expanded = {
            self.proxy.index(r, 0).data(ID_ROLE)
            for r in range(self.proxy.rowCount())
            if self.tree.isExpanded(self.proxy.index(r, 0))
        }
        first_time = self.model.rowCount() == 0
        blocker = self.tree.selectionModel().blockSignals(True)
        self.model.populate(sources, experiments)
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if first_time or index.data(ID_ROLE) in expanded or len(sources) == 1:
                self.tree.expand(index)
            if index.data(ID_ROLE) in selected_sources:
                self.tree.selectionModel().select(
                    index, self.tree.selectionModel().SelectionFlag.Select
                )
            for child_row in range(self.proxy.rowCount(index)):
                child = self.proxy.index(child_row, 0, index)
                if child.data(ID_ROLE) in selected_children:
                    self.tree.selectionModel().select(
                        child, self.tree.selectionModel().SelectionFlag.Select
                    )
        self.tree.selectionModel().blockSignals(blocker)
        if set(self.selected_experiments()) != selected:
            self._emit_selection()

    def selected_experiments(self) -> list[int]:
        """Row ids of the selected experiments (a selected source counts as all)."""
        pks: list[int] = []
        for index in self.tree.selectionModel().selectedRows():
            if index.data(KIND_ROLE) == "experiment":
                pks.append(index.data(ID_ROLE))
            elif index.data(KIND_ROLE) == "source":
                rows = range(self.proxy.rowCount(index))
                pks += [self.proxy.index(r, 0, index).data(ID_ROLE) for r in rows]
        return list(dict.fromkeys(pks))

    def select_experiment(self, pk: int) -> bool:
        """Select one experiment by row id; ``False`` if it is not shown."""
        for row in range(self.proxy.rowCount()):
            parent = self.proxy.index(row, 0)
            for child_row in range(self.proxy.rowCount(parent)):
                child = self.proxy.index(child_row, 0, parent)
                if child.data(ID_ROLE) == pk:
                    self.tree.setCurrentIndex(child)
                    return True
        return False

    def first_experiment(self) -> int | None:
        """The first visible experiment that has runs, if any."""
        fallback = None
        for row in range(self.proxy.rowCount()):
            parent = self.proxy.index(row, 0)
            for child_row in range(self.proxy.rowCount(parent)):
                child = self.proxy.index(child_row, 0, parent)
                text = str(child.data())
                if fallback is None:
                    fallback = child.data(ID_ROLE)
                if not text.endswith("(0)"):
                    return child.data(ID_ROLE)
        return fallback

    def _on_search_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def _on_show_deleted_toggled(self, checked: bool) -> None:
        self.proxy.show_deleted = checked
        self.proxy.invalidateFilter()
        self.tree.expandAll()

    def _emit_selection(self, *_args) -> None:
        self.experiments_selected.emit(self.selected_experiments())

    def _on_context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        if not index.isValid():
            return
        while index.parent().isValid():
            index = index.parent()
        source_id = index.data(ID_ROLE)
        path = index.data(PATH_ROLE)
        menu = QMenu(self)
        refresh = QAction(self.tr("Refresh (re-import changes)"), menu)
        refresh.triggered.connect(lambda: self.refresh_requested.emit(source_id))
        reveal = QAction(self.tr("Reveal folder"), menu)
        reveal.triggered.connect(lambda: self.reveal_requested.emit(path))
        registry = QAction(self.tr("Registered models…"), menu)
        registry.triggered.connect(lambda: self.registry_requested.emit(source_id))
        remove = QAction(self.tr("Remove from store"), menu)
        remove.triggered.connect(lambda: self.remove_requested.emit(source_id))
        actions = [refresh, reveal, registry]
        if _has_artifact_places(index.data(SOURCE_KIND_ROLE)):
            places = QAction(self.tr("Artifact locations…"), menu)
            places.triggered.connect(
                lambda: self.artifact_places_requested.emit(source_id)
            )
            actions.append(places)
        for action in (*actions, remove):
            menu.addAction(action)
        menu.exec(self.tree.viewport().mapToGlobal(pos))


def _has_artifact_places(kind: str | None) -> bool:
    """Whether sources of ``kind`` reach artifacts where the user says (team
    databases)."""
    from desktop.services.source_kind import ArtifactAccess
    from desktop.services.sources import UnknownSourceKind, kind_named

    try:
        return kind_named(kind or "").artifacts is ArtifactAccess.PLACES
    except UnknownSourceKind:
        return False
