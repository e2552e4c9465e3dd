"""Dataset inputs as fields: name, digest, source, a schema table, the profile.

The raw JSON MLflow stores stays one click away (``Show JSON``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.dataset_fields import (
    profile_items,
    raw_json,
    schema_columns,
    source_uri,
)
from desktop.core.records import DatasetInput

SCHEMA_ROWS_SHOWN = 8
"""A longer schema scrolls inside its table."""


class DatasetCard(QGroupBox):
    """One dataset input, titled by its name."""

    def __init__(self, dataset: DatasetInput, parent: QWidget | None = None) -> None:
        super().__init__(dataset.name, parent)
        self.setObjectName("datasetCard")
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        profile = "  ·  ".join(f"{k}: {v}" for k, v in profile_items(dataset.profile))
        for key, title, text in (
            ("name", self.tr("Name"), dataset.name),
            ("digest", self.tr("Digest"), dataset.digest),
            ("context", self.tr("Context"), dataset.context or ""),
            ("source_type", self.tr("Source type"), dataset.source_type or ""),
            ("source", self.tr("Source URI"), source_uri(dataset.source)),
            ("profile", self.tr("Profile"), profile),
        ):
            label = QLabel(text or "—", self)
            label.setObjectName(f"dataset_{key}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(key in ("source", "profile"))
            self.fields[key] = label
            form.addRow(title, label)

        columns = schema_columns(dataset.schema)
        self.schema_table = QTableWidget(len(columns), 2, self)
        self.schema_table.setObjectName("datasetSchema")
        self.schema_table.setHorizontalHeaderLabels(
            [self.tr("Column"), self.tr("Type")]
        )
        self.schema_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.schema_table.verticalHeader().hide()
        self.schema_table.setWordWrap(False)
        header = self.schema_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for row, (name, kind) in enumerate(columns):
            for column, text in enumerate((name, kind)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.schema_table.setItem(row, column, item)
        self.schema_table.resizeColumnToContents(0)
        shown = min(len(columns), SCHEMA_ROWS_SHOWN)
        self.schema_table.setFixedHeight(
            header.sizeHint().height()
            + shown * self.schema_table.verticalHeader().defaultSectionSize()
            + 2 * self.schema_table.frameWidth()
        )
        self.schema_table.setVisible(bool(columns))
        schema_title = self.tr("Schema") if columns else self.tr("Schema (none)")
        form.addRow(schema_title, self.schema_table)

        self.json_button = QToolButton(self)
        self.json_button.setObjectName("datasetJsonButton")
        self.json_button.setText(self.tr("Show JSON"))
        self.json_button.setCheckable(True)
        self.json_view = QPlainTextEdit(self)
        self.json_view.setObjectName("datasetJson")
        self.json_view.setReadOnly(True)
        self.json_view.setPlainText(
            raw_json(dataset.source, dataset.schema, dataset.profile)
        )
        self.json_view.setMinimumHeight(160)
        self.json_view.hide()
        self.json_button.toggled.connect(self._on_json_toggled)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.json_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.json_view)

    def field_text(self, key: str) -> str:
        """What a field shows (``name``, ``digest``, ``source`` ...)."""
        return self.fields[key].text()

    def schema(self) -> list[tuple[str, str]]:
        """The schema table's ``(column, type)`` rows."""
        table = self.schema_table
        return [
            (table.item(r, 0).text(), table.item(r, 1).text())
            for r in range(table.rowCount())
        ]

    def _on_json_toggled(self, on: bool) -> None:
        self.json_view.setVisible(on)
        self.json_button.setText(self.tr("Hide JSON") if on else self.tr("Show JSON"))


class DatasetInputsView(QWidget):
    """Every dataset input of a run, one card each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("datasetInputs")
        self.cards: list[DatasetCard] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def set_datasets(self, datasets: list[DatasetInput]) -> None:
        """Show these dataset inputs (none hides the view)."""
        for card in self.cards:
            self._layout.removeWidget(card)
            card.deleteLater()
        self.cards = [DatasetCard(ds, self) for ds in datasets]
        for card in self.cards:
            self._layout.addWidget(card)
        self.setVisible(bool(datasets))
