"""The Artifacts tab of the run detail dock: a lazy tree of the run's files and
logged models beside a preview pane, with actions to open, reveal, save or copy.

All disk and database work runs in the background; only the newest selection is
shown. Paths never leave the artifact root (see
:mod:`desktop.services.artifact_browser`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.artifact_browser import (
    ArtifactRoot,
    PathRefused,
    format_size,
    resolve_inside,
    split_relative,
)
from desktop.services.cloud_artifacts import BucketArtifacts
from desktop.services.remote_artifacts import ServerArtifacts
from desktop.services.run_artifacts import RUN_ROOT, RunArtifacts
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.detail.artifact_actions import ArtifactActions, Target
from desktop.ui.detail.artifact_downloads import PreviewDownloads
from desktop.ui.detail.artifact_navigation import ArtifactNavigator
from desktop.ui.detail.artifact_tree import (
    FILE,
    GROUP,
    MODEL,
    NOTE,
    ArtifactTreeModel,
    Node,
)
from desktop.ui.detail.folder_listings import FolderListings
from desktop.ui.detail.image_preview import ImagePreview
from desktop.ui.detail.logged_table_view import LoggedTablePreview
from desktop.ui.detail.model_card_view import ModelCardView
from desktop.ui.detail.path_label import PathLabel
from desktop.ui.detail.preview_dispatch import PreviewPresenters
from desktop.ui.detail.preview_widgets import (
    HtmlPreview,
    MarkdownPreview,
    MessageView,
    TablePreview,
    TextPreview,
)
from desktop.ui.detail.safe_images import load_contained_image
from desktop.ui.i18n import describe, error_text, translated
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

LOADING_MESSAGE_MS = 150
STATUS_MS = 8000
MAX_MARKDOWN_IMAGE_BYTES = 20 * 1024 * 1024
SIDE_BY_SIDE_WIDTH = 720
"""Below this width the preview goes under the tree instead of beside it."""


class ArtifactsPanel(QWidget):
    """A run's artifacts: tree on the left, preview on the right."""

    artifact_places_requested = Signal(str)
    """The user asked to set where the artifacts of this source are: its
    location (a team database)."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("artifactsPanel")
        self.catalog = catalog
        self.run_pk: int | None = None
        self.artifacts: RunArtifacts | None = None
        self._shown: Any = None  # the result behind the current preview

        self._run_job = LatestOnly(self)
        self._run_job.finished.connect(self._on_run_loaded)
        self._run_job.failed.connect(self._on_run_failed)
        self._preview_job = LatestOnly(self)
        self.downloads = PreviewDownloads(self)
        self.downloads.progress.connect(self._on_download_progress)
        self._preview_job.finished.connect(self._on_preview_loaded)
        self._preview_job.failed.connect(self._on_preview_failed)
        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(LOADING_MESSAGE_MS)
        self._loading_timer.timeout.connect(self._on_loading_timeout)
        self._status_timer = QTimer(self)
        self._status_timer.setSingleShot(True)
        self._status_timer.setInterval(STATUS_MS)

        self.file_actions = ArtifactActions(self._selected_target, self)
        self.file_actions.status_changed.connect(self._set_status)
        self.open_action = self.file_actions.open_action
        self.reveal_action = self.file_actions.reveal_action
        self.save_action = self.file_actions.save_action
        self.copy_path_action = self.file_actions.copy_path_action
        self.actions_list = self.file_actions.all
        self._build_tree()
        self._build_preview()
        self.presenters = self._build_presenters()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("artifactSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.preview_pane)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([420, 580])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._toolbar_layout())
        layout.addWidget(self.splitter, 1)
        self._show_message(self.tr("Select a run to see its artifacts."))
        self._update_actions()

    # -- construction -----------------------------------------------------------------
    def _toolbar_layout(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        self.tool_buttons: list[QToolButton] = []
        for action in self.actions_list:
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setObjectName(action.objectName().replace("Action", "Button"))
            self.tool_buttons.append(button)
            bar.addWidget(button)
        # Elided in the middle to the room left (the tooltip and Copy have it all).
        self.root_label = PathLabel(self)
        self.root_label.setObjectName("artifactRootLabel")
        _never_widen(self.root_label)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("artifactStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self._status_timer.timeout.connect(self.status_label.clear)
        bar.addSpacing(8)
        bar.addWidget(self.root_label, 1)
        bar.addWidget(self.status_label)
        return bar

    def _build_tree(self) -> None:
        self.model = ArtifactTreeModel(self)
        self.model.listing_requested.connect(self._on_listing_requested)
        self.listings = FolderListings(self.model, self)
        self.listings.listed.connect(self._on_listed)
        self.tree = QTreeView(self)
        self.tree.setObjectName("artifactTree")
        self.tree.setModel(self.model)
        self.navigator = ArtifactNavigator(self.tree, self.model, self)
        self.navigator.reselected.connect(self._preview)
        self.navigator.not_found.connect(self._not_found)
        self.navigator.unavailable.connect(self._on_unavailable)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        metrics = self.tree.fontMetrics()
        self.tree.setColumnWidth(1, metrics.horizontalAdvance("1023.9 MB") + 20)
        self.tree.setColumnWidth(2, metrics.horizontalAdvance("2026-12-31 23:59") + 20)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        for action in self.actions_list:
            self.tree.addAction(action)

    def _build_preview(self) -> None:
        self.preview_pane = QWidget(self)
        self.preview_title = QLabel(self.preview_pane)
        self.preview_title.setObjectName("previewTitle")
        self.preview_title.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_title.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        _never_widen(self.preview_title)
        font = self.preview_title.font()
        font.setBold(True)
        self.preview_title.setFont(font)
        self.preview = QStackedWidget(self.preview_pane)
        self.preview.setObjectName("artifactPreview")
        self.image_preview = ImagePreview(self.preview)
        self.text_preview = TextPreview(self.preview)
        self.text_preview.load_more_requested.connect(self._on_load_more)
        self.table_preview = TablePreview(self.preview)
        self.table_preview.more_rows_requested.connect(self._on_more_rows)
        self.logged_table_preview = LoggedTablePreview(self.preview)
        self.markdown_preview = MarkdownPreview(self.preview)
        self.markdown_preview.artifact_link_activated.connect(self._on_markdown_link)
        self.html_preview = HtmlPreview(self.preview)
        self.html_preview.open_in_browser_requested.connect(self.file_actions.open)
        self.model_card = ModelCardView(self.preview)
        self.message = MessageView(self.preview)
        self.message.action_clicked.connect(self._on_message_action)
        for widget in (
            self.message,
            self.image_preview,
            self.text_preview,
            self.table_preview,
            self.logged_table_preview,
            self.markdown_preview,
            self.html_preview,
            self.model_card,
        ):
            self.preview.addWidget(widget)
        layout = QVBoxLayout(self.preview_pane)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.preview_title)
        layout.addWidget(self.preview, 1)

    def resizeEvent(self, event) -> None:
        """Put the preview under the tree when the dock is narrow.

        Side by side, a narrow dock would squeeze the file names; stacked, the tree
        keeps the whole width and the preview gives way in height.
        """
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            extent = event.size().width() if wide else event.size().height()
            self.splitter.setSizes([extent * 2 // 5, extent * 3 // 5])

    # -- public API -------------------------------------------------------------------
    def set_run(self, run_pk: int | None) -> None:
        """Show the artifacts of run ``run_pk`` (``None`` clears the panel)."""
        self.listings.forget()
        self.run_pk = run_pk
        self.artifacts = None
        self.navigator.pending = None
        self._shown = None
        self.model.clear()
        self.root_label.set_path("")
        self._preview_job.submit(lambda: None)  # drop any preview still loading
        if run_pk is None:
            self._run_job.submit(lambda: None)
            self._show_message(self.tr("Select a run to see its artifacts."))
            return
        self._show_message(self.tr("Loading artifacts…"))
        catalog = self.catalog
        self._run_job.submit(lambda: catalog.run_artifacts(run_pk))

    def select_path(self, relative_posix_path: str) -> None:
        """Select (and preview) the artifact at a path relative to the run's root,
        expanding folders as they load. Paths leaving the root are refused."""
        try:
            split_relative(relative_posix_path)
        except PathRefused as exc:
            self.navigator.pending = None
            self.tree.setCurrentIndex(QModelIndex())
            self._refuse(error_text(exc))
            return
        if self.run_pk is None:
            return
        self.navigator.pending = relative_posix_path
        if self.artifacts is not None:
            self.navigator.advance(self.artifacts)

    def select_model(self, key: str) -> bool:
        """Select a logged model by model ID, name or artifact path."""
        return self.navigator.select_model(key)

    def is_busy(self) -> bool:
        """Whether anything is still loading (run, listing, preview, text)."""
        return (
            self._run_job.is_busy()
            or self._preview_job.is_busy()
            or self.file_actions.is_busy()
            or self.listings.is_busy()
            or self.text_preview.is_filling()
            or self.html_preview.is_filling()
            or self.navigator.pending is not None
        )

    def current_widget(self) -> QWidget:
        """The preview widget on screen."""
        return self.preview.currentWidget()

    def selected_node(self) -> Node | None:
        """The node of the selected tree row."""
        return self.model.node(self.tree.currentIndex())

    # -- run loading ------------------------------------------------------------------
    def _on_run_loaded(self, result: RunArtifacts | None) -> None:
        if self.run_pk is None:
            return
        if result is None or result.run_pk != self.run_pk:
            if result is None:
                self.navigator.pending = None
                self._show_message(self.tr("This run is no longer in the store."))
            return
        self.artifacts = result
        self.model.show_run(result)
        if self.model.group is not None:
            self.tree.expand(self.model.index_of(self.model.group))
        root = result.root
        if isinstance(result.remotes.get(RUN_ROOT), BucketArtifacts):
            self.root_label.set_path(root.uri or "")
            self.root_label.setToolTip(
                self.tr(
                    "Artifacts in a cloud bucket: {0}\nDownloaded when opened to: {1}"
                ).format(root.uri or "—", root.path)
            )
        elif RUN_ROOT in result.remotes:
            self.root_label.set_path(root.uri or "")
            self.root_label.setToolTip(
                self.tr(
                    "Artifacts on the tracking server: {0}\nDownloaded when opened "
                    "to: {1}"
                ).format(root.uri or "—", root.path)
            )
        elif root.path:
            self.root_label.set_path(root.path)
            self.root_label.setToolTip(
                self.tr("Artifact folder: {0}\nRecorded by MLflow as: {1}").format(
                    root.path, root.uri or "—"
                )
            )
        else:
            self.root_label.set_path(root.uri or self.tr("(no artifact location)"))
            self.root_label.setToolTip(translated(root.problem))
        if self.navigator.pending is not None:
            self.navigator.advance(result)
        elif result.no_artifacts and not result.models:
            self._show_message(self.tr("This run has no artifacts."), root.problem)
        elif root.path is None:
            self._show_message(
                self.tr("The artifacts are not on this computer"),
                root.problem or "",
                action=self._places_action(result),
            )
        elif result.listing_error:
            self._show_message(
                self.tr("The artifact folder cannot be listed"),
                result.listing_error,
                action=self._places_action(result),
            )
        elif not result.entries and not result.models:
            self._show_message(self.tr("This run has no artifacts."))
        else:
            self._show_message(self.tr("Select a file to preview it."))

    def _on_run_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self.navigator.pending = None
        self._show_message(self.tr("Could not load the artifacts"), message)

    # -- lazy listing -----------------------------------------------------------------
    def _on_listing_requested(self, node: Node) -> None:
        root = self._root(node.root_key)
        if root is None or root.path is None:
            problem = translated(root.problem) if root else ""
            self.model.set_listing_error(node, problem or self.tr("Not available."))
            return
        self.listings.list(node, root.path, self._server(node.root_key))

    def _on_listed(self) -> None:
        if self.navigator.pending is not None:
            self.navigator.advance(self.artifacts)

    def _on_unavailable(self, problem: str) -> None:
        self._show_message(self.tr("The artifacts are not on this computer"), problem)

    def _not_found(self, root_path: str, relative: str) -> None:
        self.tree.setCurrentIndex(QModelIndex())
        try:
            resolve_inside(root_path, relative)
        except PathRefused as exc:
            self._refuse(error_text(exc))
            return
        self._show_message(
            self.tr("Not found"),
            self.tr("There is no {0} in this run's artifacts.").format(relative),
        )

    # -- previews ---------------------------------------------------------------------
    def _on_current_changed(self, current: QModelIndex, _previous=None) -> None:
        self._update_actions()
        node = self.model.node(current)
        if node is not None and node.kind != NOTE:
            self._preview(node)

    def _preview(self, node: Node) -> None:
        self._update_actions()
        self._shown = None
        self.preview_title.setText(self._title(node))
        self.preview_title.setToolTip(self.preview_title.text())
        if node.kind == GROUP:
            self._preview_job.submit(lambda: None)
            self._show_message(
                self.tr("Logged models"),
                self.tr("Select a model to see its card and how to load it."),
                keep_title=True,
            )
            return
        root = self._root(node.root_key)
        if root is None:
            return
        if node.entry is not None and not node.entry.openable:
            self._preview_job.submit(lambda: None)
            entry = node.entry
            if entry.link == "broken":
                self._show_message(
                    self.tr("Broken link"),
                    self.tr("{0} points to {1}, which does not exist.").format(
                        entry.path, entry.target
                    ),
                    keep_title=True,
                )
            else:
                self._refuse(
                    self.tr(
                        "Refused {0}: it is a link pointing outside the artifact "
                        "folder (to {1}). mlflow-desktop never follows such links."
                    ).format(entry.path, entry.target),
                    keep_title=True,
                )
            return
        server = self._server(node.root_key)
        if node.kind == MODEL:
            title = node.name
            if node.model_id:
                title = f"{node.name}  ({node.model_id})"
            path = node.path
            if server is not None:
                self._submit_preview(
                    lambda: loading.load_remote_model_card(server, root, path, title)
                )
                return
            self._submit_preview(lambda: loading.load_model_card(root, path, title))
            return
        path, name = node.path, node.name
        tables = self.artifacts.logged_tables if self.artifacts else frozenset()
        if node.root_key != RUN_ROOT:
            tables = frozenset()
        if server is not None:
            self._submit_preview(
                self.downloads.preview_work(server, root, node, tables)
            )
            return
        self._submit_preview(lambda: loading.load_preview(root, path, name, tables))

    def _on_download_progress(self, done: int, total: object) -> None:
        if not self._preview_job.is_busy():
            return
        node = self.selected_node()
        amount = format_size(done)
        if isinstance(total, int) and total > 0:
            amount = self.tr("{0} of {1}").format(amount, format_size(total))
        self._show_message(
            self.tr("Downloading {0} from the server…").format(
                node.name if node else ""
            ),
            amount,
            keep_title=True,
        )

    def _submit_preview(self, work: Callable[[], object]) -> None:
        self._preview_job.submit(work)
        self._loading_timer.start()

    def _on_loading_timeout(self) -> None:
        if self._preview_job.is_busy():
            self._show_message(self.tr("Loading…"), keep_title=True)

    def _on_preview_loaded(self, result: object) -> None:
        self._loading_timer.stop()
        if result is None:
            return
        self._shown = result
        self.presenters.present(result)

    def _build_presenters(self) -> PreviewPresenters:
        """One presenter per preview result type (see :mod:`.preview_dispatch`)."""
        presenters = PreviewPresenters()
        presenters.register(loading.Message, self._present_message)
        presenters.register(loading.ImageResult, self._present_image)
        presenters.register(loading.TextResult, self._present_text)
        presenters.register(loading.TableResult, self._present_table)
        presenters.register(loading.LoggedTableResult, self._present_logged_table)
        presenters.register(loading.MarkdownResult, self._present_markdown)
        presenters.register(loading.HtmlResult, self._present_html)
        presenters.register(loading.CardResult, self._present_card)
        return presenters

    def _present_message(self, result: loading.Message) -> None:
        self._show_message(result.title, result.detail, keep_title=True)

    def _present_image(self, result: loading.ImageResult) -> None:
        self.image_preview.set_image(result.image, result.info)
        self.preview.setCurrentWidget(self.image_preview)

    def _present_text(self, result: loading.TextResult) -> None:
        more = loading.more_text_label(result)
        if result.append:
            self.text_preview.append_text(result.text, result.chunk.complete, more)
            return
        self.text_preview.set_text(
            result.text,
            lambda: loading.describe_text(self._shown),
            result.chunk.complete,
            more,
        )
        self.preview.setCurrentWidget(self.text_preview)

    def _present_table(self, result: loading.TableResult) -> None:
        chunk, more = result.chunk, loading.more_rows_label(result)
        if result.append:
            self.table_preview.append_rows(chunk.rows, more)
            self._describe_table(result)
            return
        self.table_preview.set_rows(list(chunk.header), chunk.rows, more)
        self._describe_table(result)
        self.preview.setCurrentWidget(self.table_preview)

    def _present_logged_table(self, result: loading.LoggedTableResult) -> None:
        table = result.table
        self.logged_table_preview.set_table(
            table.columns, table.rows, loading.describe_logged_table(result), result.raw
        )
        self.preview.setCurrentWidget(self.logged_table_preview)

    def _present_markdown(self, result: loading.MarkdownResult) -> None:
        folder = os.path.dirname(result.path)
        self.markdown_preview.show_markdown(
            result.text, lambda name: self._markdown_image(folder, name)
        )
        self.preview.setCurrentWidget(self.markdown_preview)

    def _present_html(self, result: loading.HtmlResult) -> None:
        self.html_preview.set_source(result.chunk.text, loading.describe_html(result))
        self.preview.setCurrentWidget(self.html_preview)

    def _present_card(self, result: loading.CardResult) -> None:
        self.model_card.set_card(result.card, result.title)
        self.preview.setCurrentWidget(self.model_card)

    def _describe_table(self, result: loading.TableResult) -> None:
        table = self.table_preview
        table.set_info(
            loading.describe_table(result, table.row_count(), len(table.model.header))
        )

    def _on_preview_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._loading_timer.stop()
        self._show_message(self.tr("Could not show this artifact"), message)

    def _on_load_more(self) -> None:
        shown = self._shown
        if isinstance(shown, loading.TextResult) and not shown.chunk.complete:
            self._preview_job.submit(lambda: loading.load_more_text(shown))

    def _on_more_rows(self) -> None:
        shown = self._shown
        if isinstance(shown, loading.TableResult) and not shown.chunk.complete:
            self._preview_job.submit(lambda: loading.load_more_rows(shown))

    def _on_markdown_link(self, target: str) -> None:
        node = self.selected_node()
        base = node.path.rsplit("/", 1)[0] if node and "/" in node.path else ""
        if node is None or node.root_key != "run":
            return
        self.select_path(f"{base}/{target}" if base else target)

    def _markdown_image(self, folder: str, name: str) -> QImage | None:
        """A local image referenced by a Markdown file, only from inside the root."""
        artifacts = self.artifacts
        node = self.selected_node()
        if artifacts is None or node is None:
            return None
        root = self._root(node.root_key)
        if root is None or root.path is None:
            return None
        try:
            base = os.path.relpath(folder, os.path.realpath(root.path))
        except ValueError:
            return None
        relative = name if base == "." else f"{Path(base).as_posix()}/{name}"
        return load_contained_image(root.path, relative, MAX_MARKDOWN_IMAGE_BYTES)

    # -- texts ------------------------------------------------------------------------
    def _title(self, node: Node) -> str:
        if node.kind == GROUP:
            return self.tr("Logged models")
        if node.kind == MODEL:
            return node.name
        if node.entry is not None and node.entry.size is not None:
            return f"{node.path}  ·  {format_size(node.entry.size)}"
        return node.path + "/"

    # -- messages ---------------------------------------------------------------------
    def _show_message(
        self,
        title: str,
        detail: str = "",
        *,
        keep_title: bool = False,
        action: str = "",
    ) -> None:
        self._loading_timer.stop()
        if not keep_title:
            self.preview_title.clear()
        self.message.show_message(translated(title), translated(detail), action)
        self.preview.setCurrentWidget(self.message)

    def _places_action(self, result: RunArtifacts) -> str:
        """The button offered under an explanation: set where a team database's
        artifacts are (nothing for other sources)."""
        return self.tr("Artifact locations…") if result.places_location else ""

    def _on_message_action(self) -> None:
        if self.artifacts is not None and self.artifacts.places_location:
            self.artifact_places_requested.emit(self.artifacts.places_location)

    def _refuse(self, detail: str, *, keep_title: bool = False) -> None:
        self._show_message(
            self.tr("Refused: outside the artifact folder"),
            detail,
            keep_title=keep_title,
        )

    def _set_status(self, text: str) -> None:
        self.status_label.setText(text)
        self._status_timer.start()

    # -- actions ----------------------------------------------------------------------
    def _root(self, key: str) -> ArtifactRoot | None:
        return self.artifacts.roots.get(key) if self.artifacts else None

    def _selected_target(self) -> Target | None:
        """The selected file or folder, if it may be acted on."""
        node = self.selected_node()
        if node is None or not node.openable:
            return None
        root = self._root(node.root_key)
        if root is None or root.path is None:
            return None
        server = self._server(node.root_key)
        if server is not None:
            try:
                path = str(server.remote.local_path(node.path))
            except ValueError:
                return None
            entry = node.entry
            is_dir = node.kind == MODEL or (entry is not None and entry.is_dir)
            size = entry.size if entry is not None else None
            relative = node.path

            def fetch() -> object:
                return server.fetch(relative, is_dir, size)

            uri = server.uri(root, node.path)
            return Target(root.path, node.path, path, node.name, fetch, uri)
        try:
            path = resolve_inside(root.path, node.path)
        except PathRefused:
            return None
        return Target(root.path, node.path, path, node.name)

    def _server(self, key: str) -> ServerArtifacts | None:
        """The tracking-server side of root ``key`` (``None`` for local roots)."""
        return self.artifacts.remotes.get(key) if self.artifacts else None

    def _update_actions(self) -> None:
        self.file_actions.update()

    def _on_context_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        node = self.model.node(index)
        if node is None or node.kind == NOTE:
            return
        self.tree.setCurrentIndex(index)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.actions_list:
            menu.addAction(action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        node = self.model.node(index)
        if node is not None and node.kind == FILE and node.openable:
            self.file_actions.open()


def _never_widen(label: QLabel) -> None:
    """A long path is clipped (its tooltip has it whole); the dock keeps its width."""
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
