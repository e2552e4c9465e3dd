"""The run detail dock: overview, params, metrics with charts, tags, artifacts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.views import RunOverview
from desktop.ui.detail.metrics_page import MetricsPage
from desktop.ui.detail.overview_page import OverviewPage
from desktop.ui.detail.searchable_table import Row, SearchableTable
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog
    from desktop.ui.detail.artifacts_panel import ArtifactsPanel
    from desktop.ui.detail.step_images_view import StepImagesView

SYSTEM_PREFIX = "mlflow."


class RunDetailDock(QDockWidget):
    """Everything about the run selected in the runs table.

    Loading happens in the background; only the newest selection is shown.
    """

    run_link_activated = Signal(int)
    """The user followed a parent/child link; the payload is the run pk."""
    model_link_activated = Signal(int, str, int)
    """A model version link was clicked: source id, model name, version."""
    artifact_places_requested = Signal(str)
    """Set where the artifacts of the source at this location are (a team
    database): asked from the Artifacts tab."""
    loaded = Signal(int)
    """A run's details are on screen (its pk)."""
    star_requested = Signal(int, bool)
    """The user starred (True) or unstarred the shown run (its pk)."""
    note_requested = Signal(int, str)
    """The user wants to edit the shown run's note (its pk, the note now)."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(_default_title(), parent)
        self.setObjectName("runDetailDock")
        self.catalog = catalog
        self.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.overview_page = OverviewPage(self)
        self.params_page = SearchableTable(
            "params",
            [self.tr("Parameter"), self.tr("Value")],
            self.tr("Search parameters"),
            value_pane=True,
            parent=self,
        )
        self.metrics_page = MetricsPage(catalog, self)
        self.tags_page = SearchableTable(
            "tags",
            [self.tr("Tag"), self.tr("Value")],
            self.tr("Search tags"),
            value_pane=True,
            parent=self,
        )
        # The artifacts panel (and its previews) is built when first wanted.
        self._artifacts: ArtifactsPanel | None = None
        self._artifacts_slot = QWidget(self)
        # So is the logged images view.
        self._images: StepImagesView | None = None
        self._images_slot = QWidget(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("detailTabs")
        self.tabs.setDocumentMode(True)
        # Six tabs in a third of 1280 px: narrower padding keeps their names whole
        # (a narrower dock still shrinks them, elided, rather than scrolling).
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 5px 8px; }")
        self.tabs.addTab(self.overview_page, self.tr("Overview"))
        self.tabs.addTab(self.params_page, self.tr("Parameters"))
        self.tabs.addTab(self.metrics_page, self.tr("Metrics"))
        self.tabs.addTab(self.tags_page, self.tr("Tags"))
        self.tabs.addTab(self._artifacts_slot, self.tr("Artifacts"))
        self.tabs.addTab(self._images_slot, self.tr("Images"))
        self.tabs.setTabToolTip(
            5, self.tr("Images logged with mlflow.log_image(key=…, step=…)")
        )
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.message = QLabel(self.tr("Select a run to see its details."), self)
        self.message.setObjectName("detailMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.tabs)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.setWidget(body)

        self.run_pk: int | None = None
        self.overview: RunOverview | None = None
        self._counted: dict[int, str] = {}
        self._loader = LatestOnly(self)
        self._loader.finished.connect(self._on_loaded)
        self._loader.failed.connect(self._on_failed)
        self.overview_page.run_link_activated.connect(self.run_link_activated)
        self.overview_page.model_link_activated.connect(self.model_link_activated)
        self.overview_page.star_requested.connect(
            lambda starred: (
                self.star_requested.emit(self.run_pk, starred)
                if self.run_pk is not None
                else None
            )
        )
        self.overview_page.note_requested.connect(self._on_note_requested)

    def _on_note_requested(self) -> None:
        if self.run_pk is not None and self.overview is not None:
            self.note_requested.emit(self.run_pk, self.overview.mark.note or "")

    def set_run(self, pk: int | None) -> None:
        """Show run ``pk`` (``None`` or negative: nothing)."""
        if pk is None or pk < 0:
            self.run_pk = None
            self.overview = None
            self._loader.submit(lambda: None)
            self._show_message(self.tr("Select a run to see its details."))
            if self._artifacts is not None:
                self._artifacts.set_run(None)
            if self._images is not None:
                self._images.set_run(None)
            self.metrics_page.clear()
            return
        if pk == self.run_pk:  # the table re-selected it (a star, a refresh)
            self.refresh()  # keeps the tabs' selections and previews
            return
        self.run_pk = pk
        self._load(pk)
        if self._artifacts is not None:
            self._artifacts.set_run(pk)
        if self._images is not None:
            self._images.set_run(pk)

    @property
    def artifacts_page(self) -> ArtifactsPanel:
        """The Artifacts tab's panel, built on first use (it shows the run)."""
        if self._artifacts is None:
            from desktop.ui.detail.artifacts_panel import ArtifactsPanel

            panel = ArtifactsPanel(self.catalog, self)
            panel.artifact_places_requested.connect(self.artifact_places_requested)
            tabs = self.tabs
            index, current = tabs.indexOf(self._artifacts_slot), tabs.currentIndex()
            blocked = tabs.blockSignals(True)
            tabs.removeTab(index)
            tabs.insertTab(index, panel, self.tr("Artifacts"))
            tabs.setCurrentIndex(current)
            tabs.blockSignals(blocked)
            self._artifacts_slot.deleteLater()
            self._artifacts = panel
            if self.run_pk is not None:
                panel.set_run(self.run_pk)
        return self._artifacts

    @property
    def images_page(self) -> StepImagesView:
        """The Images tab's view, built on first use (it shows the run)."""
        if self._images is None:
            from desktop.ui.detail.step_images_view import StepImagesView

            view = StepImagesView(self.catalog, self)
            tabs = self.tabs
            index, current = tabs.indexOf(self._images_slot), tabs.currentIndex()
            tooltip = tabs.tabToolTip(index)
            blocked = tabs.blockSignals(True)
            tabs.removeTab(index)
            tabs.insertTab(index, view, self.tr("Images"))
            tabs.setTabToolTip(index, tooltip)
            tabs.setCurrentIndex(current)
            tabs.blockSignals(blocked)
            self._images_slot.deleteLater()
            self._images = view
            if self.run_pk is not None:
                view.set_run(self.run_pk)
        return self._images

    def _on_tab_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if self._artifacts is None and widget is self._artifacts_slot:
            self.artifacts_page  # noqa: B018 - built now, to show the run
        if self._images is None and widget is self._images_slot:
            self.images_page  # noqa: B018 - built now, to show the run

    def refresh(self) -> None:
        """Reload the shown run (after a re-import), keeping tabs and selections."""
        if self.run_pk is not None:
            self._load(self.run_pk)
            if self._images is not None:
                self._images.reload()

    def reload_artifacts(self) -> None:
        """List the shown run's artifacts again (where they are was changed)."""
        if self._artifacts is not None and self.run_pk is not None:
            self._artifacts.set_run(self.run_pk)

    def is_loading(self) -> bool:
        """Whether the newest run (or its curves) is still being read."""
        return self._loader.is_busy() or self.metrics_page.is_loading()

    def _load(self, pk: int) -> None:
        catalog = self.catalog
        self._loader.submit(lambda: (pk, catalog.run_overview(pk)))

    def _on_loaded(self, result) -> None:
        if result is None:
            return
        pk, overview = result
        if pk != self.run_pk:
            return
        if overview is None:
            self._show_message(self.tr("This run is no longer in the store."))
            return
        self.overview = overview
        detail = overview.detail
        self.setWindowTitle(
            self.tr("Run · {0}").format(detail.run_name or detail.run_id)
        )
        self.overview_page.show_overview(overview)
        self.params_page.set_rows(
            [(None, [_pair(k, v) for k, v in sorted(detail.params.items())])]
        )
        user = [_pair(k, v) for k, v in sorted(detail.tags.items())]
        system = [r for r in user if r.key.startswith(SYSTEM_PREFIX)]
        user = [r for r in user if not r.key.startswith(SYSTEM_PREFIX)]
        self.tags_page.set_rows(
            [(self.tr("Tags"), user), (self.tr("System tags (mlflow.*)"), system)]
        )
        self.metrics_page.show_metrics(pk, detail.metrics)
        self._counted = {
            1: self.tr("Parameters ({0})").format(len(detail.params)),
            2: self.tr("Metrics ({0})").format(len(detail.metrics)),
            3: self.tr("Tags ({0})").format(len(detail.tags)),
        }
        self._fit_tab_texts()
        self.stack.setCurrentWidget(self.tabs)
        self.loaded.emit(pk)

    def resizeEvent(self, event) -> None:
        """Show the tabs' counts when they fit."""
        super().resizeEvent(event)
        self._fit_tab_texts()

    def _fit_tab_texts(self) -> None:
        """Tab titles with counts ("Metrics (7)"), or plain ones when the counts
        would not fit across the dock (the counts stay in the tooltips)."""
        plain = {1: self.tr("Parameters"), 2: self.tr("Metrics"), 3: self.tr("Tags")}
        counted = {i: self._counted.get(i, text) for i, text in plain.items()}
        bar = self.tabs.tabBar()
        metrics, style = bar.fontMetrics(), bar.style()
        padding = 2 * style.pixelMetric(style.PixelMetric.PM_TabBarTabHSpace)
        others = [self.tabs.tabText(i) for i in (0, 4, 5)]
        needed = sum(
            metrics.horizontalAdvance(t) + padding for t in [*others, *counted.values()]
        )
        texts = counted if needed <= self.tabs.width() else plain
        for index, text in texts.items():
            self.tabs.setTabText(index, text)
            self.tabs.setTabToolTip(index, counted[index])

    def _on_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._show_message(self.tr("Could not load the run: {0}").format(message))

    def _show_message(self, text: str) -> None:
        self.setWindowTitle(_default_title())
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)


def _default_title() -> str:
    return QCoreApplication.translate("RunDetailDock", "Run details")


def _pair(key: str, value: str) -> Row:
    return Row(key, (key, value))
