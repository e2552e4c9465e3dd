"""The model card view: flavors, signature, input example, versions, size and the
snippet that loads the model, rendered from a :class:`ModelCard` (all escaped)."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.artifact_browser import format_size
from desktop.services.model_card import ModelCard, SignatureField
from desktop.ui.detail.preview_widgets import monospace_font
from desktop.ui.i18n import translated


class ModelCardView(QWidget):
    """Flavors, signature, input example, versions, size and the load snippet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelCard")
        self.card: ModelCard | None = None
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("modelCardText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.document().setDocumentMargin(10)
        self.copy_button = QPushButton(self.tr("Copy load snippet"), self)
        self.copy_button.setObjectName("copySnippetButton")
        self.copy_button.clicked.connect(self.copy_snippet)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser, 1)
        layout.addLayout(bar)

    def set_card(self, card: ModelCard, title: str) -> None:
        """Show ``card`` under ``title``."""
        self.card = card
        self._title = title
        self.browser.setHtml(self._html(card, title))

    def changeEvent(self, event: QEvent) -> None:
        # Re-render with the new theme's colours.
        if event.type() == QEvent.Type.PaletteChange and self.card is not None:
            self.browser.setHtml(self._html(self.card, self._title))
        super().changeEvent(event)

    def text(self) -> str:
        """The card as plain text (what the user reads)."""
        return self.browser.toPlainText()

    def copy_snippet(self) -> None:
        """Put the load snippet on the clipboard."""
        if self.card is not None:
            QGuiApplication.clipboard().setText(self.card.snippet)

    def _html(self, card: ModelCard, title: str) -> str:
        e = html.escape
        mono = monospace_font().family()
        palette = self.palette()
        faint = palette.color(QPalette.ColorRole.PlaceholderText).name()
        shade = palette.color(QPalette.ColorRole.AlternateBase).name()
        parts = [
            "<style>"
            "h2 { margin: 0 0 4px 0; } h3 { margin: 14px 0 4px 0; }"
            "td, th { padding: 2px 10px 2px 0; } th { text-align: left; }"
            f".muted {{ color: {faint}; }}"
            f"pre {{ font-family: '{mono}'; background: {shade}; }}"
            "</style>",
            f"<h2>{e(title)}</h2>",
        ]
        facts = [
            (self.tr("Flavors"), ", ".join(card.flavor_names) or "—"),
            (self.tr("Python"), card.python_version or "—"),
            (self.tr("MLflow"), card.mlflow_version or "—"),
            (
                self.tr("Size"),
                self.tr("{0} in {1} files").format(
                    format_size(card.total_size), card.file_count
                ),
            ),
            (self.tr("Created (UTC)"), card.created or "—"),
        ]
        if card.model_uuid and card.model_uuid != card.model_id:
            facts.append((self.tr("Model UUID"), card.model_uuid))
        facts.append((self.tr("Folder"), card.path))
        if card.model_id:
            facts.insert(1, (self.tr("Model ID"), card.model_id))
        parts.append(_table(facts))
        load_it, signature = self.tr("Load it"), self.tr("Signature")
        parts.append(f"<h3>{e(load_it)}</h3><pre>{e(card.snippet)}</pre>")
        parts.append(f"<h3>{e(signature)}</h3>")
        if card.inputs is None and card.outputs is None:
            none_logged = self.tr("No signature was logged.")
            parts.append(f"<p class='muted'>{e(none_logged)}</p>")
        for label, fields in (
            (self.tr("Inputs"), card.inputs),
            (self.tr("Outputs"), card.outputs),
            (self.tr("Parameters"), card.params or None),
        ):
            if fields is not None:
                parts.append(f"<p><b>{e(label)}</b></p>{_signature_table(fields)}")
        for name, text in card.examples:
            heading = self.tr("Input example ({0})").format(name)
            parts.append(f"<h3>{e(heading)}</h3><pre>{e(_clip(text))}</pre>")
        flavors = self.tr("Flavors")
        parts.append(f"<h3>{e(flavors)}</h3>")
        for flavor in card.flavors:
            parts.append(f"<p><b>{e(flavor.name)}</b></p>")
            parts.append(_table(list(flavor.settings)))
        if card.requirements:
            requirements = self.tr("Requirements")
            parts.append(f"<h3>{e(requirements)}</h3>")
            parts.append(f"<pre>{e(chr(10).join(card.requirements))}</pre>")
        if card.pickled_files:
            note = self.tr(
                "Pickled files ({0}) are never loaded by mlflow-desktop: "
                "unpickling can run arbitrary code."
            ).format(", ".join(card.pickled_files))
            parts.append(f"<p class='muted'>{e(note)}</p>")
        for problem in card.problems:
            parts.append(f"<p class='muted'>{e(translated(problem))}</p>")
        return "".join(parts)


def _clip(text: str, limit: int = 6000) -> str:
    return text if len(text) <= limit else text[:limit] + "\n…"


def _table(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><td class='muted'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
        for k, v in rows
    )
    return f"<table>{body}</table>"


def _signature_table(fields: tuple[SignatureField, ...]) -> str:
    """Name, type and, when any field has them, shape and notes columns."""
    shapes = any(f.shape for f in fields)
    optional = QCoreApplication.translate("ModelCardView", "optional")
    notes = [
        ("" if f.required else optional) + (f" = {f.default}" if f.default else "")
        for f in fields
    ]

    name, kind, shape = (
        html.escape(QCoreApplication.translate("ModelCardView", "Name")),
        html.escape(QCoreApplication.translate("ModelCardView", "Type")),
        html.escape(QCoreApplication.translate("ModelCardView", "Shape")),
    )
    head = f"<tr><th>{name}</th><th>{kind}</th>"
    head += f"<th>{shape}</th>" if shapes else ""
    head += "<th></th>" if any(notes) else ""
    rows = []
    for field, note in zip(fields, notes, strict=True):
        cells = [html.escape(field.name or "—"), html.escape(field.type)]
        if shapes:
            cells.append(html.escape(field.shape))
        row = "".join(f"<td>{c}</td>" for c in cells)
        if any(notes):
            row += f"<td class='muted'>{html.escape(note.strip())}</td>"
        rows.append(f"<tr>{row}</tr>")
    return f"<table>{head}</tr>{''.join(rows)}</table>"
