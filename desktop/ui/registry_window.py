"""The model registry window: registered models, their versions, and the runs that
produced them (View ▸ Model registry, or a "Registered as" link of a run).

Read-only, like everything else: it lists what the imports stored. Reads run on the
worker pool; the window follows imports and live refresh through :meth:`reload`.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.formatting import format_time
from desktop.core.registry import ModelVersionInfo, RegisteredModelInfo
from desktop.ui.i18n import describe
from desktop.ui.workers import LatestOnly

if TYPE_CHECKING:
    from desktop.services.catalog import Catalog

MODEL_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_RUN_COLUMN = 4  # of the versions table


def _item(text: str, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    tip = tooltip or text
    if tip:  # escaped rich text: a name or description is never read as HTML
        item.setToolTip(f"<p style='white-space:pre-wrap'>{html.escape(tip)}</p>")
    return item


def _pairs(values: dict[str, str]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items())


def _first_line(text: str | None, limit: int = 120) -> str:
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


class _ModelFilter(QSortFilterProxyModel):
    """Matches the filter text in a model's name, description, tags or aliases."""

    def filterAcceptsRow(self, row: int, parent) -> bool:
        pattern = self.filterRegularExpression().pattern().lower()
        if not pattern:
            return True
        model = self.sourceModel().index(row, 0, parent).data(MODEL_ROLE)
        if model is None:
            return True
        haystack = " ".join(
            [
                model.name,
                model.description or "",
                _pairs(model.tags),
                " ".join(model.aliases),
            ]
        ).lower()
        return pattern in haystack


class RegistryWindow(QDialog):
    """Registered models above, the selected model's versions below."""

    open_run_requested = Signal(int, int)
    """Show a version's source run in the main window: run pk, experiment pk."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registryWindow")
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setWindowFlag(Qt.WindowType.WindowMinimizeButtonHint, True)
        self.setWindowTitle(self.tr("Model registry"))
        self.resize(1100, 680)
        self.catalog = catalog
        self.models: list[RegisteredModelInfo] = []
        self.versions: list[ModelVersionInfo] = []
        self._wanted: tuple[int, str | None, int | None] | None = None

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("registryFilter")
        self.filter_edit.setPlaceholderText(
            self.tr("Filter models by name, description, tag or alias")
        )
        self.filter_edit.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("registryCount")

        self.model_items = QStandardItemModel(self)
        self.model_proxy = _ModelFilter(self)
        self.model_proxy.setSourceModel(self.model_items)
        self.model_table = self._table("registryModels")
        self.model_table.setModel(self.model_proxy)
        self.model_table.selectionModel().currentRowChanged.connect(
            self._on_model_changed
        )
        self.filter_edit.textChanged.connect(self._on_filter)

        self.versions_title = QLabel(self)
        self.versions_title.setObjectName("versionsTitle")
        self.description_label = QLabel(self)
        self.description_label.setObjectName("modelDescription")
        self.description_label.setWordWrap(True)
        self.description_label.setTextFormat(Qt.TextFormat.PlainText)
        self.description_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.version_items = QStandardItemModel(self)
        self.version_table = self._table("registryVersions")
        self.version_table.setModel(self.version_items)
        self.version_table.clicked.connect(self._on_version_clicked)
        self.version_table.doubleClicked.connect(self._on_version_double_clicked)
        self.version_table.selectionModel().currentRowChanged.connect(
            self._update_open_button
        )
        self.open_run_button = QPushButton(self.tr("Show source run"), self)
        self.open_run_button.setObjectName("showSourceRun")
        self.open_run_button.setToolTip(
            self.tr("Select the run that produced this version in the main window")
        )
        self.open_run_button.setEnabled(False)
        self.open_run_button.clicked.connect(self._open_current_run)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("registryStatus")

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.versions_title)
        lower_layout.addWidget(self.description_label)
        lower_layout.addWidget(self.version_table, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.open_run_button)
        lower_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.model_table)
        splitter.addWidget(lower)
        splitter.setSizes([300, 340])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self._models_query = LatestOnly(self)
        self._models_query.finished.connect(self._on_models_loaded)
        self._models_query.failed.connect(self._on_failed)
        self._versions_query = LatestOnly(self)
        self._versions_query.finished.connect(self._on_versions_loaded)
        self._versions_query.failed.connect(self._on_failed)
        self._show_versions_of(None)
        self.reload()

    def _table(self, name: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        return table

    # -- reading -----------------------------------------------------------------
    def reload(self) -> None:
        """Read the models again (after an import or live refresh changed them)."""
        catalog = self.catalog
        self._models_query.submit(catalog.registered_models)

    def is_busy(self) -> bool:
        """Whether a read has not reported back yet (for tests and automation)."""
        return self._models_query.is_busy() or self._versions_query.is_busy()

    def show_model(
        self, source_id: int, name: str | None, version: int | None = None
    ) -> None:
        """Select a model (and one of its versions) once the models are read;
        without a name, the first model of the source."""
        self._wanted = (source_id, name, version)
        if not self._models_query.is_busy():
            self._select_wanted()

    def _on_failed(self, exc: Exception) -> None:
        self.status_label.setText(
            self.tr("The model registry could not be read: {0}").format(describe(exc))
        )

    def _on_models_loaded(self, models: list[RegisteredModelInfo]) -> None:
        current = self._current_model()
        keep = (current.source_id, current.name) if current is not None else None
        self.models = models
        several = len({m.source_id for m in models}) > 1
        headers = [
            self.tr("Model"),
            self.tr("Versions"),
            self.tr("Latest version"),
            self.tr("Aliases"),
            self.tr("Tags"),
            self.tr("Last updated"),
            self.tr("Description"),  # last: it takes the room left
        ]
        if several:
            headers.insert(1, self.tr("Source"))
        blocked = self.model_table.selectionModel().blockSignals(True)
        self.model_items.clear()
        self.model_items.setHorizontalHeaderLabels(headers)
        for model in models:
            name = _item(model.name)
            name.setData(model, MODEL_ROLE)
            bold = QFont()
            bold.setBold(True)
            name.setFont(bold)
            latest = model.latest
            row = [
                name,
                _item(str(model.version_count)),
                _item(self._version_text(latest) if latest is not None else "—"),
                _item(
                    ", ".join(f"@{a} → v{v}" for a, v in model.aliases.items()),
                ),
                _item(_pairs(model.tags)),
                _item(format_time(model.last_updated_time)),
                _item(_first_line(model.description), model.description or ""),
            ]
            if several:
                row.insert(1, _item(model.source_name, model.source_name))
            self.model_items.appendRow(row)
        self.model_table.selectionModel().blockSignals(blocked)
        self._fit_columns(self.model_table, wide=(3, 4))
        self._update_count()
        if self._wanted is None and keep is not None:
            self._wanted = (*keep, None)
        if self._wanted is None and models:
            first = models[0]
            self._wanted = (first.source_id, first.name, None)
        if self._wanted is not None:
            self._select_wanted()
        else:
            self._show_versions_of(None)

    def _version_text(self, version: ModelVersionInfo) -> str:
        text = self.tr("v{0}").format(version.version)
        if version.has_stage:
            text += f" · {version.stage}"
        return text

    def _select_wanted(self) -> None:
        wanted, self._wanted = self._wanted, None
        if wanted is None:
            return
        source_id, name, version = wanted
        for row in range(self.model_proxy.rowCount()):
            index = self.model_proxy.index(row, 0)
            model = index.data(MODEL_ROLE)
            if model.source_id == source_id and name in (None, model.name):
                self._wanted_version = version
                before = self.model_table.currentIndex()
                self.model_table.setCurrentIndex(index)
                self.model_table.scrollTo(index)
                if before == index:  # no change signal: read its versions again
                    self._load_versions(model)
                return
        self._show_versions_of(None)

    _current_key: tuple[int, str] | None = None
    _wanted_version: int | None = None

    def _current_model(self) -> RegisteredModelInfo | None:
        index = self.model_table.currentIndex()
        if not index.isValid():
            return None
        return self.model_proxy.index(index.row(), 0).data(MODEL_ROLE)

    def _on_filter(self, text: str) -> None:
        self.model_proxy.setFilterFixedString(text.strip())
        self._update_count()
        if self._current_model() is None:
            self._show_versions_of(None)

    def _update_count(self) -> None:
        shown, total = self.model_proxy.rowCount(), len(self.models)
        self.count_label.setText(self.tr("Models: {0} of {1}").format(shown, total))
        if not total:
            self.status_label.setText(
                self.tr(
                    "No registered models in the store. Models registered with "
                    "mlflow.register_model or MlflowClient appear here after an "
                    "import."
                )
            )
        else:
            self.status_label.clear()

    def _on_model_changed(self, current: QModelIndex, _previous=None) -> None:
        model = (
            self.model_proxy.index(current.row(), 0).data(MODEL_ROLE)
            if current.isValid()
            else None
        )
        if model is None:
            self._show_versions_of(None)
            return
        self._load_versions(model)

    def _load_versions(self, model: RegisteredModelInfo) -> None:
        self._current_key = (model.source_id, model.name)
        self._show_versions_of(model)
        catalog, source_id, name = self.catalog, model.source_id, model.name
        self._versions_query.submit(
            lambda: (source_id, name, catalog.model_versions(source_id, name))
        )

    def _show_versions_of(self, model: RegisteredModelInfo | None) -> None:
        if model is None:
            self._current_key = None
            self.versions_title.setText(
                "<b>{}</b>".format(self.tr("Select a model to see its versions"))
            )
            self.description_label.hide()
            self.version_items.clear()
            self.versions = []
            self._update_open_button()
            return
        self.versions_title.setText(
            "<b>{}</b>".format(
                html.escape(self.tr("Versions of {0}").format(model.name))
            )
        )
        self.description_label.setText(model.description or "")
        self.description_label.setVisible(bool(model.description))

    def _on_versions_loaded(self, result) -> None:
        source_id, name, versions = result
        if self._current_key != (source_id, name):
            return
        self.versions = versions
        self.version_items.clear()
        self.version_items.setHorizontalHeaderLabels(
            [
                self.tr("Version"),
                self.tr("Aliases"),
                self.tr("Stage"),
                self.tr("Status"),
                self.tr("Source run"),
                self.tr("Created"),
                self.tr("Tags"),
                self.tr("Description"),
            ]
        )
        underline = QFont()
        underline.setUnderline(True)
        link = self.palette().color(QPalette.ColorRole.Link)  # follows the theme
        for version in versions:
            run = _item(self._run_text(version), version.source or "")
            if version.run_pk is not None:
                run.setForeground(QBrush(link))
                run.setFont(underline)
                run.setToolTip(
                    html.escape(
                        self.tr("Click to show run {0} in the main window").format(
                            version.run_id
                        )
                    )
                )
            self.version_items.appendRow(
                [
                    _item(self.tr("v{0}").format(version.version)),
                    _item(", ".join(f"@{a}" for a in version.aliases)),
                    _item(version.stage if version.has_stage else "—"),
                    _item(version.status or "—"),
                    run,
                    _item(format_time(version.creation_time)),
                    _item(_pairs(version.tags)),
                    _item(_first_line(version.description), version.description or ""),
                ]
            )
        self._fit_columns(self.version_table, wide=(4, 6))
        wanted, self._wanted_version = self._wanted_version, None
        row = next(
            (i for i, v in enumerate(versions) if v.version == wanted),
            0 if versions else -1,
        )
        if row >= 0:
            self.version_table.setCurrentIndex(self.version_items.index(row, 0))
            self.version_table.scrollTo(self.version_items.index(row, 0))
        self._update_open_button()

    def _run_text(self, version: ModelVersionInfo) -> str:
        if version.run_pk is not None:
            return version.run_name or version.run_id or ""
        if version.run_id:
            return self.tr("{0} (not imported)").format(version.run_id[:12])
        return "—"

    @staticmethod
    def _fit_columns(table: QTableView, wide: tuple[int, ...]) -> None:
        header = table.horizontalHeader()
        table.resizeColumnsToContents()
        for column in range(header.count()):
            limit = 320 if column in wide else 200
            if header.sectionSize(column) > limit:
                header.resizeSection(column, limit)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    # -- opening runs ------------------------------------------------------------
    def _version_at(self, row: int) -> ModelVersionInfo | None:
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def _update_open_button(self, *_args) -> None:
        version = self._version_at(self.version_table.currentIndex().row())
        self.open_run_button.setEnabled(
            version is not None and version.run_pk is not None
        )

    def _on_version_clicked(self, index: QModelIndex) -> None:
        if index.column() == SOURCE_RUN_COLUMN:  # a link
            self._open_run(self._version_at(index.row()))

    def _on_version_double_clicked(self, index: QModelIndex) -> None:
        self._open_run(self._version_at(index.row()))

    def _open_current_run(self) -> None:
        self._open_run(self._version_at(self.version_table.currentIndex().row()))

    def _open_run(self, version: ModelVersionInfo | None) -> None:
        if version is None or version.run_pk is None:
            return
        assert version.experiment_pk is not None
        self.open_run_requested.emit(version.run_pk, version.experiment_pk)
