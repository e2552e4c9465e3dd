"""Walks the artifact tree to a path or a logged model, expanding folders as
their listings arrive (see :mod:`desktop.ui.detail.folder_listings`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QTreeView

from desktop.services.artifact_browser import split_relative
from desktop.services.run_artifacts import RunArtifacts
from desktop.ui.detail.artifact_tree import (
    FOLDER,
    IDLE,
    LOADED,
    ArtifactTreeModel,
    Node,
)


class ArtifactNavigator(QObject):
    """Selects tree rows by path or model, waiting for folders still listing."""

    reselected = Signal(object)
    """The :class:`Node` asked for was selected already: show it again."""
    not_found = Signal(str, str)
    """(root folder, relative path) of a path the run's artifacts do not have."""
    unavailable = Signal(str)
    """The artifacts are not on this computer (why, if known): no path is reached."""

    def __init__(
        self, tree: QTreeView, model: ArtifactTreeModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.tree = tree
        self.model = model
        self.pending: str | None = None
        """The (checked) relative path still to reach, if any."""

    def advance(self, artifacts: RunArtifacts | None) -> None:
        """Walk towards the pending path, expanding folders that have loaded."""
        relative = self.pending
        if relative is None or artifacts is None:
            return
        root = artifacts.root
        if root.path is None:
            self.pending = None
            self.unavailable.emit(root.problem or "")
            return
        parts = split_relative(relative)
        node: Node | None = None
        for depth, part in enumerate(parts):
            child = self.model.child_named(node, part)
            if child is None:
                if node is not None and node.state != LOADED:
                    return  # still listing
                self.pending = None
                self.not_found.emit(root.path, relative)
                return
            if depth == len(parts) - 1 or child.kind != FOLDER or not child.openable:
                # the target, or a file or link on the way: selecting it explains
                self.pending = None
                self.select_node(child)
                return
            index = self.model.index_of(child)
            if child.state == IDLE:
                self.model.fetchMore(index)
            self.tree.expand(index)
            if child.state != LOADED:
                return
            node = child
        if not parts:
            self.pending = None

    def select_model(self, key: str) -> bool:
        """Select a logged model by model ID, name or artifact path."""
        for node in self.model.model_nodes():
            if key in (node.model_id, node.name, node.path):
                self.tree.expand(self.model.index_of(node.parent))
                self.select_node(node)
                return True
        return False

    def select_node(self, node: Node) -> None:
        """Make ``node`` the current row (or show it again if it is already)."""
        index = self.model.index_of(node)
        if self.tree.currentIndex() == index:
            self.reselected.emit(node)
        else:
            self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
