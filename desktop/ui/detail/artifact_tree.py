"""The lazy tree of a run's artifacts: files and folders with sizes and modified
times, plus a "Logged models" group.

Folders are listed when first expanded: the model asks for a listing through
:attr:`ArtifactTreeModel.listing_requested` and the panel answers (from a
background job) with :meth:`ArtifactTreeModel.set_listing`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF
from PySide6.QtWidgets import QApplication, QFileIconProvider, QStyle

from desktop.services.artifact_browser import ArtifactEntry, format_size
from desktop.services.previews import (
    HTML_EXTENSIONS,
    IMAGE_EXTENSIONS,
    MARKDOWN_EXTENSIONS,
    TABLE_EXTENSIONS,
    extension,
)
from desktop.services.run_artifacts import RunArtifacts
from desktop.ui.i18n import translated
from desktop.ui.theme import readable

GROUP, MODEL, FOLDER, FILE, NOTE = "group", "model", "folder", "file", "note"
IDLE, LOADING, LOADED = "idle", "loading", "loaded"
COLUMNS = ("Name", "Size", "Modified")

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


@dataclass(eq=False)
class Node:
    """One row of the tree.

    ``root_key`` and ``path`` say where the row's files are (see
    :class:`~desktop.services.artifact_browser.ArtifactRoot`); ``note`` rows
    only carry text (loading, errors, empty folders).
    """

    kind: str
    name: str
    root_key: str = ""
    path: str = ""
    parent: Node | None = None
    entry: ArtifactEntry | None = None
    model_id: str | None = None
    flavors: tuple[str, ...] = ()
    created: int | None = None
    note: str = ""
    children: list[Node] = field(default_factory=list)
    state: str = LOADED
    row: int = 0

    @property
    def expandable(self) -> bool:
        """Whether the row can have children."""
        return self.kind in (GROUP, MODEL) or (
            self.kind == FOLDER and self.entry is not None and self.entry.is_dir
        )

    @property
    def openable(self) -> bool:
        """Whether the row names files that may be opened (not a note or bad link)."""
        if self.kind in (NOTE, GROUP):
            return False
        return self.entry is None or self.entry.openable


class ArtifactTreeModel(QAbstractItemModel):
    """Files and folders of one run, listed lazily, and its logged models."""

    listing_requested = Signal(object)
    """A folder :class:`Node` was expanded for the first time and needs a listing."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.top = Node(GROUP, "")
        self.group: Node | None = None

    # -- content ----------------------------------------------------------------------
    def clear(self) -> None:
        """Show nothing."""
        self.beginResetModel()
        self.top = Node(GROUP, "")
        self.group = None
        self.endResetModel()

    def show_run(self, artifacts: RunArtifacts) -> None:
        """Show a run: its logged models group and its top-level entries."""
        self.beginResetModel()
        self.top = Node(GROUP, "")
        self.group = None
        children: list[Node] = []
        if artifacts.models:
            group = Node(GROUP, self.tr("Logged models"), parent=self.top)
            group.children = [
                Node(
                    MODEL,
                    model.name,
                    model.root_key,
                    model.path,
                    group,
                    model_id=model.model_id,
                    flavors=model.flavors,
                    created=model.created,
                    state=IDLE,
                    note=model.status or "",
                    row=row,
                )
                for row, model in enumerate(artifacts.models)
            ]
            self.group = group
            children.append(group)
        root = artifacts.root
        if root.path is None and not artifacts.no_artifacts:
            children.append(
                Node(
                    NOTE,
                    self.tr("Artifacts not on this computer"),
                    parent=self.top,
                    note=translated(root.problem),
                )
            )
        elif artifacts.listing_error:
            children.append(
                Node(
                    NOTE,
                    translated(artifacts.listing_error),
                    parent=self.top,
                    note="error",
                )
            )
        else:
            children += self._nodes(self.top, root.key, artifacts.entries)
        for row, child in enumerate(children):
            child.row = row
        self.top.children = children
        self.endResetModel()

    def _nodes(
        self, parent: Node, root_key: str, entries: tuple[ArtifactEntry, ...] | list
    ) -> list[Node]:
        nodes = []
        for entry in entries:
            kind = FOLDER if entry.is_dir else FILE
            nodes.append(
                Node(
                    kind,
                    entry.name,
                    root_key,
                    entry.path,
                    parent,
                    entry=entry,
                    state=IDLE if entry.is_dir else LOADED,
                )
            )
        return nodes

    def set_listing(self, node: Node, entries: list[ArtifactEntry]) -> None:
        """The children of a folder (or model) node, replacing "Loading…"."""
        nodes = self._nodes(node, node.root_key, entries)
        if not nodes:
            nodes = [Node(NOTE, self.tr("Empty folder"), parent=node)]
        self._replace_children(node, nodes)

    def set_listing_error(self, node: Node, message: str) -> None:
        """A folder could not be listed: show why in its place."""
        self._replace_children(node, [Node(NOTE, message, parent=node, note="error")])

    def _replace_children(self, node: Node, children: list[Node]) -> None:
        index = self.index_of(node)
        if node.children:
            self.beginRemoveRows(index, 0, len(node.children) - 1)
            node.children = []
            self.endRemoveRows()
        for row, child in enumerate(children):
            child.row = row
        self.beginInsertRows(index, 0, len(children) - 1)
        node.children = children
        node.state = LOADED
        self.endInsertRows()

    # -- lookup -----------------------------------------------------------------------
    def node(self, index: _Index) -> Node | None:
        """The node of an index (None for the invisible root)."""
        return index.internalPointer() if index.isValid() else None

    def index_of(self, node: Node | None, column: int = 0) -> QModelIndex:
        """The index of a node."""
        if node is None or node is self.top or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def child_named(self, parent: Node | None, name: str) -> Node | None:
        """A file or folder child of ``parent`` (the top level for None) by name."""
        for child in (parent or self.top).children:
            if child.kind in (FOLDER, FILE) and child.name == name:
                return child
        return None

    def model_nodes(self) -> list[Node]:
        """The rows of the "Logged models" group."""
        return list(self.group.children) if self.group else []

    # -- Qt model ---------------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = _NO_PARENT) -> QModelIndex:
        owner = self.node(parent) or self.top
        if 0 <= row < len(owner.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, owner.children[row])
        return QModelIndex()

    def parent(self, index: _Index | None = None):
        if index is None:  # QObject.parent()
            return super().parent()
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self.top:
            return QModelIndex()
        return self.index_of(node.parent)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len((self.node(parent) or self.top).children)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent: _Index = _NO_PARENT) -> bool:
        node = self.node(parent)
        if node is None:
            return bool(self.top.children)
        if node.state == IDLE:
            return node.expandable
        return bool(node.children)

    def canFetchMore(self, parent: _Index) -> bool:
        node = self.node(parent)
        return node is not None and node.state == IDLE and node.expandable

    def fetchMore(self, parent: _Index) -> None:
        node = self.node(parent)
        if node is None or node.state != IDLE:
            return
        node.state = LOADING
        note = Node(NOTE, self.tr("Loading…"), parent=node)
        self.beginInsertRows(self.index_of(node), 0, 0)
        node.children = [note]
        self.endInsertRows()
        self.listing_requested.emit(node)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if orientation == Qt.Orientation.Horizontal and role == (
            Qt.ItemDataRole.DisplayRole
        ):
            return (self.tr("Name"), self.tr("Size"), self.tr("Modified"))[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        if node.kind == NOTE:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(node, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return _icon(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole:
            return _font(node)
        if role == Qt.ItemDataRole.ForegroundRole:
            return _color(node)
        return None

    def _text(self, node: Node, column: int) -> str:
        if column == 0:
            if node.kind == GROUP:
                return f"{node.name} ({len(node.children)})"
            if node.kind == MODEL and node.flavors:
                flavor = next(
                    (f for f in node.flavors if f != "python_function"),
                    node.flavors[0],
                )
                return f"{node.name}  ·  {flavor}"
            return node.name
        if column == 1 and node.entry is not None:
            return format_size(node.entry.size)
        if column == 2:
            if node.entry is not None and node.entry.mtime is not None:
                return _format_seconds(node.entry.mtime)
            if node.kind == MODEL and node.created is not None:
                return _format_seconds(node.created / 1000)
        return ""

    def _tooltip(self, node: Node) -> str:
        entry = node.entry
        if node.kind == NOTE:
            return node.note if node.note != "error" else node.name
        if node.kind == MODEL:
            lines = [node.name]
            if node.model_id:
                lines.append(self.tr("Model ID: {0}").format(node.model_id))
            else:
                lines.append(
                    self.tr("Logged in the run's artifacts at {0}").format(node.path)
                )
            if node.flavors:
                lines.append(self.tr("Flavors: {0}").format(", ".join(node.flavors)))
            if node.note:
                lines.append(self.tr("Status: {0}").format(node.note))
            return "\n".join(lines)
        if entry is not None and entry.link == "outside":
            return self.tr(
                "{0} is a link pointing outside the artifact folder (to {1}); "
                "it is not opened."
            ).format(entry.path, entry.target)
        if entry is not None and entry.link == "broken":
            return self.tr("{0} is a broken link.").format(entry.path)
        return node.path


def _format_seconds(seconds: float) -> str:
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M")


def _font(node: Node) -> QFont | None:
    if node.kind in (GROUP, MODEL):
        font = QFont()
        font.setBold(node.kind == GROUP)
        return font
    if node.kind == NOTE:
        font = QFont()
        font.setItalic(True)
        return font
    return None


def _color(node: Node) -> QColor | None:
    if node.kind == NOTE:
        return readable(QColor("#c0392b" if node.note == "error" else "#7b8190"))
    if node.entry is not None and not node.entry.openable:
        return readable(QColor("#a05a00"))
    return None


@cache
def _standard_icon(which: str) -> QIcon:
    provider = QFileIconProvider()
    kinds = QFileIconProvider.IconType
    if which == "folder":
        return provider.icon(kinds.Folder)
    if which == "file":
        return provider.icon(kinds.File)
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


@cache
def _themed(name: str, fallback: str) -> QIcon:
    icon = QIcon.fromTheme(name)
    return icon if not icon.isNull() else _standard_icon(fallback)


@cache
def model_icon() -> QIcon:
    """A small blue cube for logged models."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#1d4f91"))
    faces = (
        ("#5b9be6", [(8, 1.5), (14.5, 4.8), (8, 8.1), (1.5, 4.8)]),
        ("#2f7fd8", [(1.5, 4.8), (8, 8.1), (8, 14.5), (1.5, 11.2)]),
        ("#1f63b4", [(8, 8.1), (14.5, 4.8), (14.5, 11.2), (8, 14.5)]),
    )
    for color, points in faces:
        painter.setBrush(QColor(color))
        painter.drawPolygon(QPolygonF([QPointF(x, y) for x, y in points]))
    painter.end()
    return QIcon(pixmap)


def _icon(node: Node) -> QIcon | None:
    if node.kind == NOTE:
        return None
    if node.kind in (GROUP, MODEL):
        return model_icon()
    if node.entry is not None and not node.entry.openable:
        return _standard_icon("warning")
    if node.kind == FOLDER:
        return _standard_icon("folder")
    ext = extension(node.name)
    if ext in IMAGE_EXTENSIONS:
        return _themed("image-x-generic", "file")
    if ext in TABLE_EXTENSIONS:
        return _themed("x-office-spreadsheet", "file")
    if ext in HTML_EXTENSIONS:
        return _themed("text-html", "file")
    if ext in MARKDOWN_EXTENSIONS:
        return _themed("text-x-generic", "file")
    return _themed("text-x-generic", "file")
