"""The widgets of the artifact preview pane: text, table, Markdown, HTML source and
message views (images: :mod:`image_preview`; model cards: :mod:`model_card_view`).

Nothing here reads files: the artifacts panel loads data in the background and
hands it over. Long text is inserted in pieces between event-loop turns so the
window never freezes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import (
    QDesktopServices,
    QFontDatabase,
    QImage,
    QPainter,
    QPalette,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

PIECE_CHARS = 128 * 1024
MAX_COLUMN_WIDTH = 320
EXTERNAL_SCHEMES = ("http", "https", "mailto")

_Index = QModelIndex | QPersistentModelIndex
_NO_PARENT = QModelIndex()


def monospace_font():
    """The system's fixed-width font."""
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def info_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    palette = label.palette()
    palette.setColor(
        QPalette.ColorRole.WindowText,
        palette.color(QPalette.ColorRole.PlaceholderText),
    )
    label.setPalette(palette)
    return label


# -- text -----------------------------------------------------------------------------
class _TextFeeder:
    """Appends long text to a plain-text editor in pieces between event-loop turns."""

    def __init__(self, editor: QPlainTextEdit, done: Callable[[], None]) -> None:
        self.editor = editor
        self.done = done
        self.pieces: list[str] = []
        self.timer = QTimer(editor)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._feed)

    def busy(self) -> bool:
        return bool(self.pieces)

    def clear(self) -> None:
        self.pieces.clear()
        self.timer.stop()

    def append(self, text: str) -> None:
        self.pieces.extend(_pieces(text))
        if self.pieces:
            self._feed()
        else:
            self.done()

    def _feed(self) -> None:
        if not self.pieces:
            return
        cursor = QTextCursor(self.editor.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(self.pieces.pop(0))
        if self.pieces:
            self.timer.start()
        else:
            self.done()


def _pieces(text: str) -> list[str]:
    """``text`` cut into pieces of about :data:`PIECE_CHARS`, after line breaks."""
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + PIECE_CHARS)
        if end < len(text):
            newline = text.rfind("\n", start, end)
            if newline > start:
                end = newline + 1
        out.append(text[start:end])
        start = end
    return out


class _TextPane(QWidget):
    """A read-only monospace text view with an info line."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.info = info_label(self, name + "Info")
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName(name + "Text")
        self.editor.setReadOnly(True)
        self.editor.setUndoRedoEnabled(False)
        self.editor.setFont(monospace_font())
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.wrap = QCheckBox(self.tr("Wrap lines"), self)
        self.wrap.setObjectName(name + "Wrap")
        self.wrap.toggled.connect(self._on_wrap_toggled)
        self.feeder = _TextFeeder(self.editor, self._on_fed)
        self.bar = QHBoxLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        self.bar.addWidget(self.info, 1)
        self.bar.addWidget(self.wrap)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.editor, 1)

    def text(self) -> str:
        """Everything shown so far."""
        return self.editor.toPlainText()

    def is_filling(self) -> bool:
        """Whether text is still being inserted in pieces."""
        return self.feeder.busy()

    def _show(self, text: str) -> None:
        self.feeder.clear()
        self.editor.clear()
        self.feeder.append(text)

    def _on_fed(self) -> None:
        """All pending text is on screen."""

    def _on_wrap_toggled(self, on: bool) -> None:
        mode = QPlainTextEdit.LineWrapMode
        self.editor.setLineWrapMode(mode.WidgetWidth if on else mode.NoWrap)


class TextPreview(_TextPane):
    """Text, logs, code, JSON, YAML... read in chunks with a "Load more" button."""

    load_more_requested = Signal()
    """The user wants the next chunk of the file."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("textPreview", parent)
        self.load_more = QPushButton(self)
        self.load_more.setObjectName("loadMoreButton")
        self.load_more.clicked.connect(self._on_load_more_clicked)
        self.load_more.hide()
        self.layout().addWidget(self.load_more)
        self._describe: Callable[[], str] = str
        self._complete = True

    def set_text(
        self, text: str, describe: Callable[[], str], complete: bool, more: str = ""
    ) -> None:
        """Show ``text``; ``describe`` gives the info line, ``more`` the next step."""
        self._describe = describe
        self._show(text)
        self._set_state(complete, more)

    def append_text(self, text: str, complete: bool, more: str = "") -> None:
        """Add the next chunk."""
        self.feeder.append(text)
        self._set_state(complete, more)

    def _set_state(self, complete: bool, more: str) -> None:
        self._complete = complete
        self.info.setText(self._describe())
        self.load_more.setText(more)
        self.load_more.setVisible(not complete)
        self.load_more.setEnabled(not self.is_filling())

    def _on_fed(self) -> None:
        self.load_more.setEnabled(True)

    def _on_load_more_clicked(self) -> None:
        self.load_more.setEnabled(False)
        self.load_more_requested.emit()


class HtmlPreview(_TextPane):
    """HTML shown as source (never rendered or run) with an "Open in browser" button."""

    open_in_browser_requested = Signal()
    """The user wants the file in the system's web browser."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("htmlPreview", parent)
        self.open_button = QPushButton(self.tr("Open in browser"), self)
        self.open_button.setObjectName("openInBrowserButton")
        self.open_button.setToolTip(
            self.tr("Open the page in your web browser (it is never run in this app)")
        )
        self.open_button.clicked.connect(self.open_in_browser_requested)
        self.bar.insertWidget(1, self.open_button)

    def set_source(self, text: str, info: str) -> None:
        """Show the page's source."""
        self.info.setText(info)
        self._show(text)


# -- tables ---------------------------------------------------------------------------
class RowsModel(QAbstractTableModel):
    """Rows of strings under a header; rows are appended in batches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.header: list[str] = []
        self.rows: list[list[str]] = []

    def reset(self, header: list[str], rows: list[list[str]]) -> None:
        """Replace everything."""
        self.beginResetModel()
        self.header = list(header)
        self.rows = []
        self.endResetModel()
        self.append(rows)

    def append(self, rows: list[list[str]]) -> None:
        """Add rows at the end (widening the header for longer rows)."""
        if not rows:
            return
        width = max(len(r) for r in rows)
        if width > len(self.header):
            first = len(self.header)
            self.beginInsertColumns(QModelIndex(), first, width - 1)
            self.header += [
                self.tr("Column {0}").format(i + 1) for i in range(first, width)
            ]
            self.endInsertColumns()
        start = len(self.rows)
        self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.header)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.TextAlignmentRole,
        ):
            row = self.rows[index.row()]
            column = index.column()
            text = row[column] if column < len(row) else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _NUMBER if _is_number(text) else _TEXT
            return text
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.header[section] if section < len(self.header) else None
        return str(section + 1)


_NUMBER = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_TEXT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def _is_number(text: str) -> bool:
    """Whether a cell holds a number (shown right-aligned)."""
    if not text or len(text) > 40:
        return False
    try:
        float(text)
    except ValueError:
        return False
    return True


class TablePreview(QWidget):
    """CSV/TSV rows in a table: the first batch, then more on demand."""

    more_rows_requested = Signal()
    """The user wants the next batch of rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("csvPreview")
        self.info = info_label(self, "csvInfo")
        self.model = RowsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("csvTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.more_button = QPushButton(self)
        self.more_button.setObjectName("moreRowsButton")
        self.more_button.clicked.connect(self._on_more_clicked)
        self.more_button.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.more_button)

    def set_rows(
        self, header: list[str], rows: list[list[str]], more: str | None
    ) -> None:
        """Show a first batch; ``more`` labels the "more rows" button (None: done)."""
        self.model.reset(header, rows)
        self._fit_columns()
        self.table.scrollToTop()
        self._set_more(more)

    def append_rows(self, rows: list[list[str]], more: str | None) -> None:
        """Add the next batch."""
        self.model.append(rows)
        self._set_more(more)

    def set_info(self, text: str) -> None:
        """The line above the table."""
        self.info.setText(text)

    def row_count(self) -> int:
        """Rows loaded so far."""
        return self.model.rowCount()

    def _set_more(self, more: str | None) -> None:
        self.more_button.setVisible(more is not None)
        self.more_button.setEnabled(True)
        if more is not None:
            self.more_button.setText(more)

    def _fit_columns(self) -> None:
        metrics = self.table.fontMetrics()
        sample = self.model.rows[:200]
        for column, title in enumerate(self.model.header):
            texts = [title] + [r[column] for r in sample if column < len(r)]
            width = max(metrics.horizontalAdvance(t[:80]) for t in texts) + 24
            self.table.setColumnWidth(column, min(width, MAX_COLUMN_WIDTH))

    def _on_more_clicked(self) -> None:
        self.more_button.setEnabled(False)
        self.more_rows_requested.emit()


# -- Markdown -------------------------------------------------------------------------
class MarkdownPreview(QTextBrowser):
    """Rendered Markdown. Web links open in the system browser; nothing remote is
    ever loaded, and local images only from inside the artifact folder."""

    artifact_link_activated = Signal(str)
    """A relative link to another artifact; the payload is the link target."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownPreview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.document().setDocumentMargin(12)
        self.image_loader: Callable[[str], QImage | None] = lambda _name: None
        self.blocked: list[str] = []

    def show_markdown(
        self, text: str, image_loader: Callable[[str], QImage | None]
    ) -> None:
        """Render ``text``; ``image_loader`` reads a relative image (or None)."""
        self.image_loader = image_loader
        self.blocked = []
        self.setMarkdown(text)

    def loadResource(self, kind: int, name: QUrl | str):
        url = QUrl(name)
        if kind == QTextDocument.ResourceType.ImageResource.value and (
            url.isRelative() and not url.scheme()
        ):
            image = self.image_loader(url.path())
            if image is not None:
                return image
        self.blocked.append(url.toString())
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return self._placeholder(url)
        # Not None: for a null answer QTextDocument reads local files itself.
        return ""

    def _placeholder(self, url: QUrl) -> QImage:
        """A small note standing in for an image that is not loaded."""
        where = url.host() or url.fileName() or url.toString()
        text = self.tr("Image not loaded: {0}").format(where)
        metrics = self.fontMetrics()
        image = QImage(
            metrics.horizontalAdvance(text) + 16,
            metrics.height() + 10,
            QImage.Format.Format_ARGB32_Premultiplied,
        )
        palette = self.palette()
        image.fill(palette.color(QPalette.ColorRole.AlternateBase))
        painter = QPainter(image)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawRect(0, 0, image.width() - 1, image.height() - 1)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(self.font())
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return image

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        elif url.isRelative() and url.path():
            self.artifact_link_activated.emit(url.path())


# -- messages -------------------------------------------------------------------------
class MessageView(QWidget):
    """A title and an explanation, e.g. why something cannot be shown, and at
    most one button that does something about it."""

    action_clicked = Signal()
    """The button under the explanation was clicked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewMessage")
        self.title = QLabel(self)
        self.title.setObjectName("previewMessageTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName("previewMessageText")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        self.action = QPushButton(self)
        self.action.setObjectName("previewMessageAction")
        self.action.clicked.connect(self.action_clicked)
        self.action.hide()
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_message(self, title: str, detail: str = "", action: str = "") -> None:
        """Show ``title`` and ``detail`` (plain text), and a button labelled
        ``action`` when one is given."""
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.action.setText(action)
        self.action.setVisible(bool(action))

    def text(self) -> str:
        """Title and detail, as shown."""
        return f"{self.title.text()}\n{self.detail.text()}".strip()
