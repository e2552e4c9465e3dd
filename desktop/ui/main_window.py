"""The main window: experiment tree, runs panel, menus; it wires the jobs done in
their own modules (import control, CSV export, server connection, source removal).

The window paints before the store is open: given a :class:`StorePeek` (a glance
at the store with stdlib ``sqlite3``), it shows its frame, menus and, on an empty
store, the welcome page; the panes that read the store (tree, runs, run details,
imports, live refresh) are built by :meth:`MainWindow.attach_store` once the store
is open, with SQLAlchemy and the rest of their modules. Given an open store (an
``OpenStore``) it builds everything at once.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop.core.auto_pick import pick_experiment
from desktop.core.marks import MarkChange
from desktop.core.views import StorePeek
from desktop.resources import resource_path
from desktop.services.analysis_process import AnalysisProcess
from desktop.services.first_screen import CatalogStandIn, FirstScreen
from desktop.services.server_connection import SESSION, SessionCredentials
from desktop.services.source_locations import (
    is_server_url,
    is_team_db_url,
    normalize_location,
)
from desktop.ui.help import AboutDialog, ShortcutsDialog
from desktop.ui.i18n import describe
from desktop.ui.import_control import ImportStatus
from desktop.ui.language_menu import LanguageMenu
from desktop.ui.recent_sources import RecentSources
from desktop.ui.server_connect_flow import ServerConnectFlow
from desktop.ui.settings import Settings
from desktop.ui.theme import Theme, install_theme
from desktop.ui.welcome import WelcomePage

if TYPE_CHECKING:
    from desktop.core.views import SourceInfo
    from desktop.services.catalog import Catalog
    from desktop.services.import_pipeline import ImportReport
    from desktop.services.store_handle import OpenStore
    from desktop.ui.artifact_places import ArtifactPlacesFlow
    from desktop.ui.connect_dialog import ConnectDialog
    from desktop.ui.registry_window import RegistryWindow
    from desktop.ui.team_db_dialog import TeamDbDialog
    from desktop.ui.workers import ImportRunner

LIVE_RELOAD_MS = 800


class MainWindow(QMainWindow):
    """Experiments on the left, their runs on the right."""

    import_finished = Signal(object)
    """An :class:`ImportReport` after each import (for tests and automation)."""
    store_attached = Signal()
    """The store is open and the panes that read it are built."""

    def __init__(
        self,
        store: OpenStore | StorePeek,
        settings: Settings | None = None,
        *,
        analysis: AnalysisProcess | None = None,
        credentials: SessionCredentials | None = None,
        first_screen: FirstScreen | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        # Heavy analysis for the compare dialogs; stopped when the window closes.
        self.analysis = analysis or AnalysisProcess()
        # Connections signed in to (the Connect dialog, a URL's user:password@,
        # imports). Artifact listings and live refresh still use the app's
        # session (credentials.SESSION), so that is the default.
        self.credentials = credentials or SESSION
        # The open store; None until attach_store (see the module doc).
        self.store: OpenStore | None = None
        self.catalog: Catalog | None = None  # what the panes read it through
        self.stand_in = CatalogStandIn(first_screen)
        self._panes_built = False
        self.store_path = store.path
        # What belongs to a store (layouts, sorts, recent sources, window) stays
        # with it: keyed by the id kept inside the store.
        self.settings = (settings or Settings()).for_store(store.id)
        self.theme = install_theme(Theme(self.settings.theme()))
        self.setWindowTitle("mlflow-desktop")
        self.setAcceptDrops(True)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(first_geometry(screen.availableGeometry()))

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("centralPages")
        self.opening = QWidget(self)  # the panes' place until the store is open
        self.opening.setObjectName("openingPage")
        self.pages.addWidget(self.opening)
        self.setCentralWidget(self.pages)
        self._select_after_load: str | None = None
        self._reload_runs_after_tree = False
        self._auto_pick: int | None = None
        self._dialogs: list[QWidget] = []
        self.registry_window: RegistryWindow | None = None
        self._pending_run: int | None = None  # to select once its experiment shows
        self._waiting_locations: list[str] = []  # opened before the store was
        self._sources: list[SourceInfo] = []  # as the tree last loaded them
        self._store_actions: list[QAction] = []  # enabled once the store is open
        self.recent_sources = RecentSources(self.settings, self)
        self.recent_sources.open_requested.connect(lambda p: self.import_paths([p]))
        self.recent_sources.changed.connect(self._on_recent_sources_changed)
        self.server_connect = ServerConnectFlow(self, self.settings, self.credentials)
        self.team_db_dialog: TeamDbDialog | None = None  # the last one opened
        self._artifact_places: ArtifactPlacesFlow | None = None
        self.server_connect.sync_requested.connect(lambda url: self.import_paths([url]))

        self._build_status_bar()
        self._build_menus()
        self._build_welcome()
        if (geometry := self.settings.geometry()) is not None:
            self.restoreGeometry(geometry)
        if isinstance(store, StorePeek):
            if store.empty:
                self._show_welcome(True)
            else:  # the panes show at once, and fill as the store answers
                self._build_panes()
        else:
            self.attach_store(store)

    def _build_panes(self) -> None:
        """The tree, the runs and the run details, reading through a
        :class:`CatalogStandIn` that gets the catalog once the store is open (it
        may answer the first screen's questions before; see
        :mod:`desktop.services.first_screen`)."""
        from desktop.ui.detail.dock import RunDetailDock
        from desktop.ui.detail_layout import DetailDockLayout
        from desktop.ui.experiment_tree import ExperimentPanel
        from desktop.ui.runs_view import RunsPanel
        from desktop.ui.workers import LatestOnly

        catalog = cast("Catalog", self.stand_in)
        self.catalog = catalog
        self.experiments = ExperimentPanel(self)
        self.runs = RunsPanel(catalog, self.settings, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.experiments)
        self.splitter.addWidget(self.runs)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1040])
        self.pages.insertWidget(0, self.splitter)
        if self.pages.currentWidget() is self.opening:
            self.pages.setCurrentWidget(self.splitter)
        self.pages.removeWidget(self.opening)
        self.opening.deleteLater()
        self.detail = RunDetailDock(catalog, self)
        self.detail.artifact_places_requested.connect(self.edit_artifact_places_at)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.detail)
        self.detail_layout = DetailDockLayout(self, self.detail)
        self._tree_query = LatestOnly(self)
        self._tree_query.finished.connect(self._on_tree_loaded)
        self._tree_query.failed.connect(self._on_tree_failed)

        self._add_pane_actions()
        self.experiments.experiments_selected.connect(self._on_experiments_selected)
        self.experiments.refresh_requested.connect(self.refresh_source)
        self.experiments.artifact_places_requested.connect(self.edit_artifact_places)
        self.experiments.remove_requested.connect(self.remove_source)
        self.experiments.reveal_requested.connect(self._reveal)
        self.experiments.registry_requested.connect(self.open_registry)
        self.runs.counts_changed.connect(self._on_counts_changed)
        self.runs.compare_requested.connect(self.open_compare)
        self.runs.columns_requested.connect(self.choose_columns)
        self.runs.export_requested.connect(self.export_matching_runs)
        self.runs.run_selected.connect(self.detail_layout.on_run_selected)
        self.runs.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.detail.run_link_activated.connect(self._on_run_link)
        self.detail.model_link_activated.connect(self.open_registry)
        self.detail.star_requested.connect(
            lambda pk, starred: self.runs.marker.mark([pk], MarkChange(starred=starred))
        )
        self.detail.note_requested.connect(
            lambda pk, note: self.runs.edit_note({pk}, note)
        )
        self.runs.marks_changed.connect(self._on_marks_changed)
        self._restore_state()
        if self.welcome_shown():  # no run to detail yet: the page keeps the room
            self._dock_before_welcome = not self.detail.isHidden()
            self.detail.hide()
        self._panes_built = True
        self.reload_tree()

    def attach_store(self, store: OpenStore) -> None:
        """Hand the open store to the panes (building them first if the window
        did not) and start imports, live refresh and the store's actions."""
        from desktop.services.catalog import Catalog
        from desktop.ui.csv_export_action import CsvExport
        from desktop.ui.import_control import ImportControl
        from desktop.ui.live_refresh import LiveRefresh
        from desktop.ui.source_removal import SourceRemoval

        self.store = store
        catalog = Catalog(store, self.credentials)
        self.stand_in.attach(catalog)
        self.catalog = catalog  # the panes keep the stand-in, which reads through it
        if not self._panes_built:
            self._build_panes()
        elif self.stand_in.answered_early:
            # The first screen came from the answers kept last time: read it
            # again from the store (it shows the same unless they were stale).
            self._reload_runs_after_tree = True
            self.reload_tree()

        self.import_control = ImportControl(
            store,
            self.import_status,
            self,
            keep_dialog=self._keep_dialog,
            credentials=self.credentials,
        )
        self.import_control.sign_in_needed.connect(self._sign_in_again)
        self.importer.started.connect(self._on_import_started)
        self.importer.finished.connect(self._on_import_finished)
        self.csv_export = CsvExport(store, self)
        self.csv_export.written.connect(self._on_csv_written)
        self.source_removal = SourceRemoval(catalog, self.importer.is_running, self)
        self.source_removal.removed.connect(self.reload_tree)
        self.source_removal.removed.connect(self._reload_registry)
        self.server_connect.catalog = catalog
        self._live = QTimer(self)
        self._live.setInterval(LIVE_RELOAD_MS)
        self._live.timeout.connect(self._reload_during_import)
        self.live_refresh = LiveRefresh(catalog, self)
        self.live_refresh.set_server_interval(self.settings.server_refresh_seconds())
        self.live_refresh.changed.connect(self._on_live_changes)
        self.live_refresh.failed.connect(
            lambda message: self.statusBar().showMessage(message, 8000)
        )
        self.importer.started.connect(lambda _path: self.live_refresh.pause(True))
        self.importer.idle.connect(lambda: self.live_refresh.pause(False))
        for action in self._store_actions:
            action.setEnabled(True)
        self.live_refresh.set_enabled(self.live_refresh_action.isChecked())
        waiting, self._waiting_locations = self._waiting_locations, []
        for location in waiting:
            self.importer.enqueue(location)
        self.store_attached.emit()

    # -- construction ------------------------------------------------
    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        bar.addPermanentWidget(self.counts_label)
        self.import_status = ImportStatus(self)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = self._action(
            self.tr("&Open folder…"), self.open_folder, QKeySequence.StandardKey.Open
        )
        self.open_action.setObjectName("openFolderAction")
        file_menu.addAction(self.open_action)
        self.open_database_action = self._action(
            self.tr("Open &database…"), self.open_database, "Ctrl+Shift+O"
        )
        self.open_database_action.setObjectName("openDatabaseAction")
        file_menu.addAction(self.open_database_action)
        self.connect_server_action = self._action(
            self.tr("&Connect to server…"), self.connect_to_server
        )
        self.connect_server_action.setObjectName("connectServerAction")
        file_menu.addAction(self.connect_server_action)
        self.open_team_db_action = self._action(
            self.tr("Open &team database…"), self.open_team_database
        )
        self.open_team_db_action.setObjectName("openTeamDbAction")
        file_menu.addAction(self.open_team_db_action)
        self.recent_menu = file_menu.addMenu(self.tr("Recent sources"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.refresh_action = self._action(
            self.tr("&Refresh"), self.refresh_all, QKeySequence.StandardKey.Refresh
        )
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        export = self._action(
            self.tr("Export matching runs as CSV…"), self.export_matching_runs
        )
        file_menu.addAction(export)
        file_menu.addSeparator()
        file_menu.addAction(
            self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        )

        self.view_menu = view = self.menuBar().addMenu(self.tr("&View"))
        # The panes' toggles and Run details go first, once the panes exist.
        self._columns_action = self._action(self.tr("Columns…"), self.choose_columns)
        view.addAction(self._columns_action)
        filter_runs = self._action(
            self.tr("Filter runs"), self._focus_filter, QKeySequence.StandardKey.Find
        )
        view.addAction(filter_runs)

        view.addSeparator()
        self.live_refresh_action = QAction(
            self.tr("&Live refresh"), self, checkable=True
        )
        self.live_refresh_action.setObjectName("liveRefreshAction")
        self.live_refresh_action.setToolTip(
            self.tr("Show new runs, metric points and status changes as they happen")
        )
        self.live_refresh_action.setChecked(self.settings.flag("live_refresh", True))
        self.live_refresh_action.toggled.connect(self._set_live_refresh)
        view.addAction(self.live_refresh_action)
        self.server_interval_action = self._action(
            self.tr("Server refresh interval…"), self._choose_server_interval
        )
        self.server_interval_action.setObjectName("serverIntervalAction")
        view.addAction(self.server_interval_action)
        self.language_menu = LanguageMenu(self.settings, self)
        view.addMenu(self.language_menu)
        view.addMenu(self._build_theme_menu())

        runs = self.menuBar().addMenu(self.tr("&Runs"))
        self.compare_action = self._action(
            self.tr("&Compare selected runs"),
            lambda: self.runs.request_compare(),
            QKeySequence("Ctrl+D"),
        )
        runs.addAction(self.compare_action)
        self.registry_action = self._action(
            self.tr("&Model registry…"),
            self.open_registry,
            QKeySequence("Ctrl+Shift+M"),
        )
        self.registry_action.setObjectName("modelRegistryAction")
        self.registry_action.setToolTip(
            self.tr("Registered models, their versions and the runs that produced them")
        )
        view.insertAction(self.live_refresh_action, self.registry_action)
        view.insertSeparator(self.live_refresh_action)
        self._store_actions = [
            self.registry_action,
            self.refresh_action,
            export,
            self._columns_action,
            filter_runs,
            self.server_interval_action,
            self.compare_action,
        ]
        for action in self._store_actions:
            action.setEnabled(False)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = self._action(
            self.tr("&Keyboard shortcuts"), self.show_shortcuts, QKeySequence("Ctrl+/")
        )
        self.shortcuts_action.setObjectName("shortcutsAction")
        help_menu.addAction(self.shortcuts_action)
        self.about_action = self._action(self.tr("&About mlflow-desktop"), self._about)
        self.about_action.setObjectName("aboutAction")
        help_menu.addAction(self.about_action)

    def _add_pane_actions(self) -> None:
        """View ▸ the panes' check boxes and Run details, above Columns…."""
        view, anchor = self.view_menu, self._columns_action
        self.experiments.show_deleted.setText(self.tr("Show deleted experiments"))
        for box in (
            self.experiments.show_deleted,
            self.runs.show_deleted,
            self.runs.top_level,
        ):
            action = QAction(box.text(), self, checkable=True)
            action.setChecked(box.isChecked())
            action.toggled.connect(box.setChecked)
            box.toggled.connect(action.setChecked)
            view.insertAction(anchor, action)
        view.insertAction(anchor, self.runs.nested)
        self.show_hidden_action = self.runs.show_hidden
        view.insertAction(anchor, self.show_hidden_action)
        view.insertMenu(anchor, self.runs.views_menu)
        view.insertSeparator(anchor)
        details = self.detail.toggleViewAction()
        details.setText(self.tr("Run details"))
        # Qt renames the action after the dock's title (the run's name): undo it.
        self.detail.windowTitleChanged.connect(
            lambda _title: details.setText(self.tr("Run details"))
        )
        details.setShortcut(QKeySequence("Ctrl+I"))
        view.insertAction(anchor, details)
        view.insertAction(anchor, self.runs.views.action)

    def _build_theme_menu(self):
        menu = QMenu(self.tr("&Theme"), self)
        menu.setObjectName("themeMenu")
        group = QActionGroup(self)
        self.theme_actions: dict[Theme, QAction] = {}
        for theme, text in (
            (Theme.SYSTEM, self.tr("&System")),
            (Theme.LIGHT, self.tr("&Light")),
            (Theme.DARK, self.tr("&Dark")),
        ):
            action = QAction(text, self, checkable=True)
            action.setObjectName(f"theme{theme.value.title()}Action")
            action.setChecked(theme is self.theme.theme)
            action.triggered.connect(lambda _c=False, t=theme: self.set_theme(t))
            group.addAction(action)
            menu.addAction(action)
            self.theme_actions[theme] = action
        return menu

    def _build_welcome(self) -> None:
        self.welcome = WelcomePage(
            self.open_action,
            self.open_database_action,
            self.connect_server_action,
            self,
        )
        self.welcome.sample_requested.connect(self.open_sample_project)
        self.welcome.recent_requested.connect(self.recent_sources.open)
        self.welcome.recent_remove_requested.connect(self.recent_sources.remove)
        self.pages.addWidget(self.welcome)
        self._dock_before_welcome = False

    def _show_welcome(self, show: bool) -> None:
        if not self._panes_built:  # no panes yet: only the page changes
            if show:
                self._show_recent()
            self.pages.setCurrentWidget(self.welcome if show else self.opening)
            return
        if show:
            self._show_recent()
        if show and not self.welcome_shown():
            # No run to detail yet: give the page the whole window.
            self._dock_before_welcome = not self.detail.isHidden()
            self.detail.hide()
        elif not show and self.welcome_shown() and self._dock_before_welcome:
            self.detail_layout.show_dock()
        self.pages.setCurrentWidget(self.welcome if show else self.splitter)

    def _show_recent(self) -> None:
        entries = self.recent_sources.entries()
        self.welcome.set_recent(
            [p for p, _ in entries], {p for p, missing in entries if missing}
        )

    def rows_shown(self) -> bool:
        """Whether the runs table holds rows (to paint, or painted)."""
        return self._panes_built and self.runs.model.rowCount() > 0

    def welcome_shown(self) -> bool:
        """Whether the first-run page is shown instead of the panes."""
        return self.pages.currentWidget() is self.welcome

    def set_theme(self, theme: Theme) -> None:
        """View ▸ Theme: apply and remember System, Light or Dark."""
        self.settings.set_theme(theme.value)
        self.theme.set_theme(theme)
        self.theme_actions[theme].setChecked(True)

    def open_sample_project(self) -> None:
        """Import the bundled sample project (read-only, never written to)."""
        sample = resource_path("sample_project", "mlruns")
        if not sample.is_dir():
            QMessageBox.warning(
                self,
                self.tr("Sample project"),
                self.tr("The sample project is missing from {0}.").format(sample),
            )
            return
        self._enqueue(normalize_location(str(sample)))

    def show_shortcuts(self) -> None:
        """Help ▸ Keyboard shortcuts."""
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self._keep_dialog(dialog)

    def _keep_dialog(self, dialog: QWidget) -> None:
        """Hold a non-modal dialog until Qt deletes it (a deleted one is never
        asked anything: it leaves the list on ``destroyed``)."""
        self._dialogs.append(dialog)
        dialog.destroyed.connect(
            lambda _obj=None, d=dialog: (
                self._dialogs.remove(d) if d in self._dialogs else None
            )
        )

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _restore_state(self) -> None:
        """The docks and the splitter as the user left them (the geometry is
        restored before the window shows)."""
        if (state := self.settings.window_state()) is not None:
            self.restoreState(state)
        if (splitter := self.settings.splitter_state()) is not None:
            self.splitter.restoreState(splitter)
        self.detail_layout.restored(state is not None)

    # -- tree ------------------------------------------------
    def reload_tree(self) -> None:
        """Re-read sources and experiments in the background (through the stand-in,
        which keeps the answer for the next launch's first screen)."""
        self._tree_query.submit(self.stand_in.sources_and_experiments)

    def _on_tree_failed(self, exc: Exception) -> None:
        message = describe(exc)
        self._reload_runs_after_tree = False
        self.statusBar().showMessage(
            self.tr("The experiments could not be loaded: {0}").format(message), 8000
        )

    def _on_tree_loaded(self, result) -> None:
        sources, experiments = result
        self._sources = list(sources)
        self.experiments.populate(sources, experiments)
        pick = pick_experiment(
            sources,
            experiments,
            self.experiments.selected_experiments(),
            self._auto_pick,
            self._select_after_load,
        )
        if pick is not None:  # until the user picks, follow the newest run
            self._auto_pick = pick
            self.experiments.select_experiment(pick)
        if self._reload_runs_after_tree and self.runs.experiment_pks:
            self.runs.reload()
        self._reload_runs_after_tree = False
        empty = not sources and not self._importing()
        self._show_welcome(empty)
        if empty:
            self.counts_label.clear()

    # -- importing ------------------------------------------------
    def import_paths(self, paths: list[str]) -> None:
        """Import sources (folders, databases, server URLs) one after another."""
        for path in paths:
            location = normalize_location(path, self.credentials)
            self.settings.add_recent_source(location)
            self._enqueue(location)

    def _enqueue(self, location: str) -> None:
        """Import ``location`` next (once the store is open)."""
        if self.store is None:
            self._waiting_locations.append(location)
            self._show_welcome(False)  # the import shows once the store is open
            return
        self.importer.enqueue(location)

    def open_folder(self) -> None:
        """File ▸ Open folder…"""
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Open an mlruns folder (or a folder that contains one)")
        )
        if path:
            self.import_paths([path])

    def open_database(self) -> None:
        """File ▸ Open database…: an MLflow SQLite database, opened read-only."""
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Open an MLflow database"),
            "",
            self.tr("MLflow databases (*.db *.sqlite *.sqlite3);;All files (*)"),
        )
        if path:
            self.import_paths([path])

    def connect_to_server(self, url: str = "", message: str = "") -> None:
        """File ▸ Connect to server…: sync a remote MLflow tracking server.

        ``url`` and ``message`` prefill the dialog (after a sign-in failed).
        """
        self.server_connect.start(url, message)

    def open_team_database(self, url: str = "", message: str = "") -> None:
        """File ▸ Open team database…: a PostgreSQL or MySQL/MariaDB tracking
        database, read directly (``url``/``message`` prefill it after a refusal)."""
        from desktop.ui.team_db_dialog import TeamDbDialog

        dialog = TeamDbDialog(url, message, self, credentials=self.credentials)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._open_team_db(dialog))
        self.team_db_dialog = dialog
        dialog.open()

    def _open_team_db(self, dialog: TeamDbDialog) -> None:
        signed = dialog.result_sign_in
        if signed is None:
            return
        if signed.keyring_failed:
            self.statusBar().showMessage(
                self.tr(
                    "The system keyring refused the password: it is kept until "
                    "mlflow-desktop closes."
                ),
                8000,
            )
        if dialog.result_places is not None and not dialog.result_places.empty:
            flow = self.artifact_places_flow
            if flow is not None:  # saved first: the import reads it (then runs)
                self.settings.add_recent_source(signed.location)
                flow.save(signed.location, dialog.result_places)
                return
        self.import_paths([signed.location])

    def _sign_in_again(self, location: str, message: str) -> None:
        """A source refused the credentials: ask again in its kind's dialog."""
        if is_team_db_url(location):
            self.open_team_database(location, message)
        else:
            self.connect_to_server(location, message)

    @property
    def connect_dialog(self) -> ConnectDialog | None:
        """The Connect dialog opened last (None before the first)."""
        return self.server_connect.dialog

    @property
    def importer(self) -> ImportRunner:
        """The import queue's runner (once the store is open)."""
        return self.import_control.runner

    def _importing(self) -> bool:
        return self.store is not None and self.importer.is_running()

    def refresh_all(self) -> None:
        """Re-import every source (only changed runs are read)."""
        for source in self._sources:  # as the tree shows them: no query here
            self.importer.enqueue(source.location)

    def refresh_source(self, source_id: int) -> None:
        """Re-import one source."""
        if self.store is None:  # the tree showed before the store opened
            return
        for source in self._sources:
            if source.id == source_id:
                self.importer.enqueue(source.location)

    @property
    def artifact_places_flow(self) -> ArtifactPlacesFlow | None:
        """Reads and writes the artifact locations of team databases (once the
        store is open)."""
        if self.catalog is None or self.store is None:
            return None
        if self._artifact_places is None:
            from desktop.ui.artifact_places import ArtifactPlacesFlow

            flow = self._artifact_places = ArtifactPlacesFlow(self.catalog, self)
            flow.saved.connect(self._on_artifact_places_saved)
            flow.failed.connect(lambda text: self.statusBar().showMessage(text, 8000))
        return self._artifact_places

    def edit_artifact_places(self, source_id: int) -> None:
        """A source's context menu ▸ Artifact locations… (team databases)."""
        flow = self.artifact_places_flow
        if flow is None:
            return
        for source in self._sources:
            if source.id == source_id:
                flow.edit(source.location, source.name or source.location)

    def edit_artifact_places_at(self, location: str) -> None:
        """The Artifacts tab's Artifact locations… button: the run's source."""
        for source in self._sources:
            if source.location == location:
                self.edit_artifact_places(source.id)

    def _on_artifact_places_saved(self, location: str) -> None:
        """Show the run's artifacts from there now; re-import so that the runs'
        artifact listings (search, compare) come from there too."""
        self._enqueue(location)
        self.detail.reload_artifacts()

    def remove_source(self, source_id: int) -> None:
        """Remove a source and everything imported from it (not the folder)."""
        if self.store is None:
            return
        self.source_removal.remove(source_id)

    def _on_experiments_selected(self, pks: list[int]) -> None:
        if pks != [self._auto_pick]:
            self._auto_pick = None  # the user chose: never switch for them
        self.runs.set_experiments(pks)

    def _on_import_started(self, path: str) -> None:
        self._select_after_load = None
        self._import_root = path
        self._show_welcome(False)
        self._live.start()

    # -- live refresh ------------------------------------------------
    def _set_live_refresh(self, enabled: bool) -> None:
        self.settings.set_flag("live_refresh", enabled)
        if self.store is not None:
            self.live_refresh.set_enabled(enabled)

    def _choose_server_interval(self) -> None:
        seconds, ok = QInputDialog.getInt(
            self,
            self.tr("Server refresh interval"),
            self.tr("Check tracking servers for changes every (seconds):"),
            self.live_refresh.server_interval(),
            5,
            3600,
        )
        if ok:
            self.settings.set_server_refresh_seconds(seconds)
            self.live_refresh.set_server_interval(seconds)

    def _on_live_changes(self, reports: list) -> None:
        self.reload_tree()
        if self.registry_window is not None:
            self.registry_window.reload()
        if self.runs.experiment_pks:
            self.runs.reload()
        self.detail.refresh()
        runs = sum(report.runs_read for report in reports)
        if not runs and any(report.registry_changed for report in reports):
            text = self.tr("Live refresh: model registry updated")
        else:
            text = self.tr("Live refresh: {0} runs updated", "", runs).format(runs)
        self.statusBar().showMessage(text, 4000)

    def _reload_during_import(self) -> None:
        self.reload_tree()
        if self.runs.experiment_pks:
            self.runs.reload()
        shown = self.detail.overview
        if shown is not None and shown.detail.status == "RUNNING":
            self.detail.refresh()

    def is_busy(self) -> bool:
        """Whether an import runs or the tree or the runs are still loading.

        After an import the tree reloads, then the runs and their columns: tests
        and automation wait for all of it.
        """
        return self.store is None or (
            self.importer.is_running()
            or self._tree_query.is_busy()
            or self._reload_runs_after_tree
            or self.runs.is_busy()
        )

    def _on_import_finished(self, report: ImportReport) -> None:
        if not self.importer.is_running():
            self._live.stop()
        if not self.runs.experiment_pks:
            self._select_after_load = report.root
        self._reload_runs_after_tree = True
        self.reload_tree()
        self.detail.refresh()
        if self.registry_window is not None:
            self.registry_window.reload()
        self.import_control.report(report)
        self.import_finished.emit(report)

    # -- runs actions ------------------------------------------------
    def open_compare(self, pks: list[int]) -> None:
        """Open a (non-modal) compare dialog on these runs."""
        from desktop.ui.compare.dialog import CompareDialog  # plots: on first use

        assert self.catalog is not None  # runs are picked once the store is open
        sort = self.runs.sort_key
        metric = sort.key if sort is not None and sort.kind == "metric" else None
        dialog = CompareDialog(
            self.catalog,
            pks,
            self.settings,
            self,
            metric,
            analysis=self.analysis,
            groups=self.runs.compare_groups(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.select_runs_requested.connect(self._select_from_compare)
        dialog.show()
        self._keep_dialog(dialog)

    def _select_from_compare(self, pks: list[int]) -> None:
        """Select the runs a compare dialog pushed back (those in the table)."""
        self.runs.select_runs(set(pks))
        self.raise_()
        self.activateWindow()

    def _on_run_link(self, pk: int) -> None:
        """Follow a parent/child link: select the run, or at least show it."""
        if not self.runs.show_run(pk):
            self.detail_layout.on_run_selected(pk)

    def choose_columns(self) -> None:
        """View ▸ Columns…"""
        from desktop.ui.dialogs import ColumnChooserDialog

        dialog = ColumnChooserDialog(
            self.runs.available_columns(), self.runs.model.columns(), self
        )
        if dialog.exec():
            self.runs.set_columns(dialog.chosen())

    def export_matching_runs(self) -> None:
        """Write every run that matches the filter (not only those on screen)."""
        if self.store is None:
            return
        self.csv_export.export(self.runs.model.matched_pks())

    def _on_csv_written(self, runs: int, path: str) -> None:
        self.statusBar().showMessage(
            self.tr("{0} runs written to {1}", "", runs).format(runs, path), 8000
        )

    def open_registry(
        self, source_id: int | None = None, name: str = "", version: int | None = None
    ) -> None:
        """View ▸ Model registry…: the registry window (one, raised if open),
        showing model ``name`` of source ``source_id`` (and ``version``) if given,
        or the first model of source ``source_id``."""
        from desktop.ui.registry_window import RegistryWindow

        if self.catalog is None:
            return
        window = self.registry_window
        if window is None:
            window = self.registry_window = RegistryWindow(self.catalog, self)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.open_run_requested.connect(self.open_run)
            window.destroyed.connect(self._registry_closed)
            self._keep_dialog(window)
        if source_id is not None:
            window.show_model(source_id, name or None, version)
        window.show()
        window.raise_()
        window.activateWindow()

    def _reload_registry(self, *_args) -> None:
        if self.registry_window is not None:
            self.registry_window.reload()

    def _registry_closed(self, *_args) -> None:
        self.registry_window = None

    def open_run(self, pk: int, experiment_pk: int) -> None:
        """Select run ``pk`` in the runs table (picking its experiment first if
        another is shown) and show it in the run details."""
        self.raise_()
        self.activateWindow()
        self._pending_run = None
        if self.runs.show_run(pk):
            return
        if experiment_pk not in self.runs.experiment_pks:
            if self.experiments.select_experiment(experiment_pk):
                self._auto_pick = None  # the user chose
                self._pending_run = pk  # selected once the runs are read
        elif self.runs.is_busy():
            self._pending_run = pk
        self.detail_layout.on_run_selected(pk)

    def _select_pending_run(self) -> None:
        pk = self._pending_run
        if pk is None:
            return
        if pk in self.runs.model.run_pks():
            self._pending_run = None
            self.runs.show_run(pk)
        elif not self.runs.is_busy():  # filtered out: the details still show it
            self._pending_run = None
            self.detail_layout.on_run_selected(pk)

    def _on_marks_changed(self, _pks: list) -> None:
        """A star, hidden flag or note changed: the tree is read again too, so the
        first screen kept for the next launch has the new marks (the store's
        signature changed)."""
        self.reload_tree()
        self.detail.refresh()

    def _on_counts_changed(self, shown: int, total: int, selected: int) -> None:
        self._select_pending_run()
        self.compare_action.setEnabled(selected >= 2)
        text = self.tr("{0:,} of {1:,} runs", "", total).format(shown, total)
        hidden = self.runs.hidden_count
        if hidden and self.runs.show_hidden.isChecked():
            text += self.tr("  ·  {0:,} hidden, shown dimmed").format(hidden)
        elif hidden:
            text += self.tr("  ·  {0:,} hidden").format(hidden)
        if selected:
            text += self.tr("  ·  {0:,} selected").format(selected)
        self.counts_label.setText(text)

    def _focus_filter(self) -> None:
        self.runs.filter_edit.setFocus()
        self.runs.filter_edit.selectAll()

    def _fill_recent_menu(self) -> None:
        self.recent_sources.fill_menu(self.recent_menu)

    def _on_recent_sources_changed(self) -> None:
        if self.welcome_shown():
            self._show_welcome(True)

    def _reveal(self, path: str) -> None:
        # A tracking server's location is its web UI: open it in the browser.
        url = QUrl(path) if is_server_url(path) else QUrl.fromLocalFile(path)
        QDesktopServices.openUrl(url)

    def _about(self) -> None:
        dialog = AboutDialog(str(self.store_path), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self._keep_dialog(dialog)

    # -- drag and drop ------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if _local_folders(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        folders = _local_folders(event.mimeData())
        if folders:
            event.acceptProposedAction()
            self.import_paths(folders)

    # -- closing ------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.store is None:  # closed before the store opened: nothing to keep
            self.stand_in.abandon()
            super().closeEvent(event)
            return
        self.live_refresh.shutdown()
        self.importer.shutdown()
        self.analysis.shutdown(wait=False)
        self.runs.save_layout()
        self._show_welcome(False)  # save the dock as the user left it
        self.detail_layout.before_save()
        self.settings.save_window(
            self.saveGeometry(), self.saveState(), QByteArray(self.splitter.saveState())
        )
        self.settings.sync()
        super().closeEvent(event)


def _local_folders(mime) -> list[str]:
    """Dropped local folders and MLflow SQLite database files."""
    from desktop.services.source_locations import is_database_file

    if not mime.hasUrls():
        return []
    return [
        url.toLocalFile()
        for url in mime.urls()
        if url.isLocalFile()
        and (os.path.isdir(url.toLocalFile()) or is_database_file(url.toLocalFile()))
    ]


def first_geometry(room: QRect) -> QRect:
    """Where a window with no saved geometry opens in a screen's free ``room``:
    four fifths of it, at least 1280x800 where that fits, centred, with room
    left for the frame and title bar a window manager adds."""
    wanted = QSize(max(1280, room.width() * 4 // 5), max(800, room.height() * 4 // 5))
    size = wanted.boundedTo(QSize(room.width() - 20, room.height() - 40))
    geometry = QRect(QPoint(0, 0), size)
    geometry.moveCenter(room.center() + QPoint(0, 10))  # the title bar goes above
    return geometry
