"""Background loading of artifact previews: functions run on the thread pool that
return plain result records for the preview widgets.

Images are decoded here (``QImage`` is safe off the GUI thread); everything else
comes from the Qt-free services. Pickles are recognised and never loaded.
"""

from __future__ import annotations

import csv
import os
import stat
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QImage

from desktop.services.artifact_browser import (
    ArtifactError,
    ArtifactRoot,
    PathRefused,
    folder_summary,
    format_size,
    resolve_inside,
)
from desktop.services.logged_tables import (
    LoggedTable,
    LoggedTableError,
    looks_like_table,
    read_logged_table,
)
from desktop.services.model_card import ModelCard, is_model_folder, read_model_card
from desktop.services.previews import (
    CHUNK_BYTES,
    PreviewKind,
    TableChunk,
    TextChunk,
    detect_kind,
    extension,
    markdown_fits,
    pretty_json,
    read_head,
    read_image_bytes,
    read_table_chunk,
    read_text_chunk,
    text_type,
)
from desktop.services.remote_artifacts import RemoteArtifactError, ServerArtifacts
from desktop.services.svg_safety import UnsafeSvg
from desktop.ui.detail.safe_images import safe_reader
from desktop.ui.i18n import error_text, translated

MARKDOWN_RENDER_LIMIT = 100 * 1024
SVG_RENDER_SIDE = 2048
MAX_IMAGE_BYTES = 512 * 1024 * 1024
MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024
REMOTE_PREVIEW_LIMIT = 64 * 1024 * 1024


translate = QCoreApplication.translate


@dataclass(frozen=True)
class Message:
    """Something to say instead of a preview."""

    title: str
    detail: str = ""


@dataclass(frozen=True)
class ImageResult:
    """A decoded image and a line describing it."""

    image: QImage
    info: str


@dataclass(frozen=True)
class TextResult:
    """A chunk of text; ``append`` when it continues the shown text."""

    path: str
    type_label: str
    chunk: TextChunk
    text: str
    formatted: bool = False
    append: bool = False


@dataclass(frozen=True)
class TableResult:
    """A batch of CSV/TSV rows; ``append`` when it continues the shown table."""

    path: str
    chunk: TableChunk
    append: bool = False


@dataclass(frozen=True)
class LoggedTableResult:
    """A table logged with ``mlflow.log_table`` and the start of its raw JSON."""

    path: str
    table: LoggedTable
    raw: str
    """The file's text (indented when small), or its first megabyte."""


@dataclass(frozen=True)
class MarkdownResult:
    """Markdown text to render, from the file at ``path``."""

    path: str
    text: str


@dataclass(frozen=True)
class HtmlResult:
    """HTML source (shown as text, never rendered)."""

    path: str
    chunk: TextChunk


@dataclass(frozen=True)
class CardResult:
    """A model card and its title."""

    card: ModelCard
    title: str


Result = (
    Message
    | ImageResult
    | TextResult
    | TableResult
    | LoggedTableResult
    | MarkdownResult
    | HtmlResult
    | CardResult
)


def load_model_card(root: ArtifactRoot, relative: str, title: str) -> Result:
    """The model card of the model folder at ``relative`` in ``root``."""
    if root.path is None:
        return Message(
            translate("ArtifactsPanel", "The model's files are not on this computer"),
            translated(root.problem),
        )
    try:
        card = read_model_card(root.path, relative, root.model_uri(relative))
    except ArtifactError as exc:
        return Message(translate("ArtifactsPanel", "No model card"), error_text(exc))
    return CardResult(card, title)


def load_remote_preview(
    server: ServerArtifacts,
    root: ArtifactRoot,
    relative: str,
    name: str,
    size: int | None,
    progress=None,
    cancelled=None,
    table_paths: frozenset[str] = frozenset(),
) -> Result:
    """Download a server run's file into the cache (if needed), then preview it.

    Files larger than :data:`REMOTE_PREVIEW_LIMIT` are not downloaded for a preview.
    """
    if size is not None and size > REMOTE_PREVIEW_LIMIT:
        return Message(
            translate("ArtifactsPanel", "Large file on the server"),
            translate(
                "ArtifactsPanel",
                "{0} ({1}) is not downloaded for a preview. Use “Save a Copy As…” "
                "or “Open with System Application” to download it.",
            ).format(name, format_size(size)),
        )
    try:
        server.fetch_file(relative, size, progress, cancelled)
    except RemoteArtifactError as exc:
        return Message(
            translate("ArtifactsPanel", "Could not download the file"), error_text(exc)
        )
    return load_preview(root, relative, name, table_paths)


def load_remote_folder(
    server: ServerArtifacts, root: ArtifactRoot, relative: str, name: str
) -> Result:
    """A server folder: its model card when it holds a model, else what it holds."""
    try:
        if server.fetch_model_card(relative):
            return load_model_card(root, relative, name)
        entries = server.list_folder(relative)
    except RemoteArtifactError as exc:
        return Message(
            translate("ArtifactsPanel", "Could not list the folder"), error_text(exc)
        )
    files = [e for e in entries if not e.is_dir]
    folders = len(entries) - len(files)
    detail = translate(
        "ArtifactsPanel",
        "Directly inside: {0} file(s), {1} folder(s); the files hold {2}.",
    )
    detail = detail.format(
        len(files), folders, format_size(sum(e.size or 0 for e in files))
    )
    detail += " " + translate(
        "ArtifactsPanel", "Files are downloaded from the server when you open them."
    )
    return Message(
        translate("ArtifactsPanel", "Folder {0}").format(name or "/"), detail
    )


def load_remote_model_card(
    server: ServerArtifacts, root: ArtifactRoot, relative: str, title: str
) -> Result:
    """The card of a model folder on the server (its small files are downloaded)."""
    try:
        if not server.fetch_model_card(relative):
            return Message(
                translate("ArtifactsPanel", "No model card"),
                translate("ArtifactsPanel", "The folder has no MLmodel file."),
            )
    except RemoteArtifactError as exc:
        return Message(
            translate("ArtifactsPanel", "Could not download the model card"),
            error_text(exc),
        )
    return load_model_card(root, relative, title)


def load_preview(
    root: ArtifactRoot,
    relative: str,
    name: str,
    table_paths: frozenset[str] = frozenset(),
) -> Result:
    """Whatever best previews the file or folder at ``relative`` in ``root``
    (``table_paths``: files the run logged as tables)."""
    if root.path is None:
        return Message(
            translate("ArtifactsPanel", "Artifacts not on this computer"),
            translated(root.problem),
        )
    try:
        path = resolve_inside(root.path, relative)
    except PathRefused as exc:
        return Message(
            translate("ArtifactsPanel", "Refused: outside the artifact folder"),
            error_text(exc),
        )
    try:
        if os.path.isdir(path):
            return _folder(root, relative, name)
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block a read
            return Message(
                translate("ArtifactsPanel", "Not a regular file"),
                translate(
                    "ArtifactsPanel", "{0} is a special file and is not read."
                ).format(path),
            )
        size = info.st_size
        head = read_head(path)
    except FileNotFoundError:
        return Message(
            translate("ArtifactsPanel", "Not found"),
            translate("ArtifactsPanel", "{0} does not exist (any more).").format(path),
        )
    except PermissionError:
        return Message(
            translate("ArtifactsPanel", "Permission denied"),
            translate("ArtifactsPanel", "{0} cannot be read.").format(path),
        )
    except OSError as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot read the file"),
            f"{path}: {exc.strerror or exc}",
        )
    kind = detect_kind(name, head, size)
    try:
        json_file = kind is PreviewKind.TEXT and extension(name) == ".json"
        if json_file and (relative in table_paths or looks_like_table(head)):
            return load_logged_table(path, relative)
        return _load_kind(kind, path, name, size)
    except OSError as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot read the file"),
            f"{path}: {exc.strerror or exc}",
        )
    except (csv.Error, ValueError, LookupError) as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot read the file"), f"{path}: {exc}"
        )


def _load_kind(kind: PreviewKind, path: str, name: str, size: int) -> Result:
    if kind is PreviewKind.EMPTY:
        return Message(
            translate("ArtifactsPanel", "Empty file"),
            translate("ArtifactsPanel", "{0} is empty (0 bytes).").format(name),
        )
    if kind is PreviewKind.PICKLE:
        return Message(
            translate("ArtifactsPanel", "Pickled Python object — not opened"),
            translate(
                "ArtifactsPanel",
                "{0} ({1}) is a pickle. mlflow-desktop never loads pickles, because "
                "unpickling can run arbitrary code. Open it in Python only if you "
                "trust where it came from.",
            ).format(name, format_size(size)),
        )
    if kind is PreviewKind.BINARY:
        return Message(
            translate("ArtifactsPanel", "Binary file"),
            translate(
                "ArtifactsPanel",
                "{0} ({1}) has no preview. Use “Open with system application”.",
            ).format(name, format_size(size)),
        )
    if kind is PreviewKind.IMAGE:
        return load_image(path, name, size)
    if kind is PreviewKind.TABLE:
        return TableResult(path, read_table_chunk(path))
    if kind is PreviewKind.HTML:
        return HtmlResult(path, read_text_chunk(path))
    if kind is PreviewKind.MARKDOWN and size <= MARKDOWN_RENDER_LIMIT:
        text = read_text_chunk(path).text
        if markdown_fits(text, MARKDOWN_RENDER_LIMIT):
            return MarkdownResult(path, text)
    label = translated(text_type(name))
    if kind is PreviewKind.MARKDOWN:
        label = translate("ArtifactsPanel", "Markdown (too long to render)")
    chunk = read_text_chunk(path)
    if extension(name) in (".json", ".ipynb") and chunk.complete:
        formatted = pretty_json(chunk.text)
        if formatted is not None:
            return TextResult(path, label, chunk, formatted, formatted=True)
    return TextResult(path, label, chunk, chunk.text)


def load_logged_table(path: str, relative: str) -> Result:
    """A logged table, or a message naming the file when it cannot be read."""
    try:
        table = read_logged_table(path, relative)
    except LoggedTableError as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot read the logged table"),
            error_text(exc),
        )
    chunk = read_text_chunk(path)
    raw = (pretty_json(chunk.text) if chunk.complete else None) or chunk.text
    if not chunk.complete:
        raw += "\n…"
    return LoggedTableResult(path, table, raw)


def describe_logged_table(result: LoggedTableResult) -> str:
    """The line above a logged table: rows, columns, size."""
    table = result.table
    return SEPARATOR.join(
        [
            translate("ArtifactsPanel", "Logged table"),
            translate("ArtifactsPanel", "{0} rows").format(f"{len(table.rows):,}"),
            translate("ArtifactsPanel", "{0} columns").format(len(table.columns)),
            format_size(table.size),
        ]
    )


def load_more_text(previous: TextResult) -> TextResult:
    """The chunk after ``previous``."""
    chunk = read_text_chunk(previous.path, previous.chunk.end, previous.chunk.encoding)
    return TextResult(
        previous.path, previous.type_label, chunk, chunk.text, append=True
    )


def load_more_rows(previous: TableResult) -> TableResult:
    """The batch of rows after ``previous``."""
    old = previous.chunk
    chunk = read_table_chunk(
        previous.path,
        old.position,
        header=old.header,
        delimiter=old.delimiter,
        encoding=old.encoding,
    )
    return TableResult(previous.path, chunk, append=True)


def load_image(path: str, name: str, size: int) -> Result:
    """Decode an image (SVG rendered sharp enough to zoom into, never following
    its references to other files)."""
    try:
        data = read_image_bytes(path, MAX_IMAGE_FILE_BYTES)
        safe = None if data is None else safe_reader(data)
    except UnsafeSvg as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot show this image"),
            f"{name}: {translated(exc.args[0])}",
        )
    except OSError as exc:
        return Message(
            translate("ArtifactsPanel", "Cannot read the file"),
            f"{path}: {translated(exc.strerror) if exc.strerror else exc}",
        )
    if safe is None:
        return Message(
            translate("ArtifactsPanel", "Image too large to preview"),
            translate(
                "ArtifactsPanel",
                "{0} ({1}) is not read for a preview. "
                "Use “Open with system application”.",
            ).format(name, format_size(size)),
        )
    reader = safe.reader
    fmt = safe.format or extension(name).lstrip(".")
    natural = reader.size()
    scale = 1.0
    if fmt.startswith("svg") and natural.isValid() and not natural.isEmpty():
        longest = max(natural.width(), natural.height())
        scale = max(1.0, SVG_RENDER_SIDE / longest)
        reader.setScaledSize(
            QSize(round(natural.width() * scale), round(natural.height() * scale))
        )
    elif natural.isValid() and natural.width() * natural.height() * 4 > MAX_IMAGE_BYTES:
        return Message(
            translate("ArtifactsPanel", "Image too large to preview"),
            translate(
                "ArtifactsPanel",
                "{0} is {1} \u00d7 {2} pixels. Use “Open with system application”.",
            ).format(name, natural.width(), natural.height()),
        )
    image = reader.read()
    if image.isNull():
        return Message(
            translate("ArtifactsPanel", "Cannot show this image"),
            f"{name}: {reader.errorString()}",
        )
    image.setDevicePixelRatio(scale)
    width = natural.width() if natural.isValid() else image.width()
    height = natural.height() if natural.isValid() else image.height()
    info = f"{width} \u00d7 {height} px  ·  {fmt.upper()}  ·  {format_size(size)}"
    return ImageResult(image, info)


def _folder(root: ArtifactRoot, relative: str, name: str) -> Result:
    if root.path is None:
        return Message(
            translate("ArtifactsPanel", "Artifacts not on this computer"),
            translated(root.problem),
        )
    if is_model_folder(root.path, relative):
        return load_model_card(root, relative, name)
    summary = folder_summary(root.path, relative)
    files = (
        translate("ArtifactsPanel", "1 file")
        if summary.files == 1
        else translate("ArtifactsPanel", "{0} files")
    )
    files = files.format(f"{summary.files:,}{'+' if summary.truncated else ''}")
    if summary.folders:
        folders = (
            translate("ArtifactsPanel", "1 folder")
            if summary.folders == 1
            else translate("ArtifactsPanel", "{0} folders")
        )
        files = translate("ArtifactsPanel", "{0} in {1}").format(
            files, folders.format(summary.folders)
        )
    detail = translate("ArtifactsPanel", "{0}, {1} in total.").format(
        files, format_size(summary.size)
    )
    if summary.skipped_links:
        detail += " " + translate(
            "ArtifactsPanel",
            "{0} links pointing outside the artifact folder are not counted.",
        ).format(summary.skipped_links)
    return Message(
        translate("ArtifactsPanel", "Folder {0}").format(name or "/"), detail
    )


# -- what the info lines say --------------------------------------------------------
SEPARATOR = "  ·  "


def describe_text(result: object) -> str:
    """The line above a text preview: type, encoding, how much is shown."""
    if not isinstance(result, TextResult):
        return ""
    chunk = result.chunk
    parts = [result.type_label, translated(chunk.encoding_label)]
    if result.formatted:
        parts.append(translate("ArtifactsPanel", "formatted"))
    if chunk.complete:
        parts.append(format_size(chunk.size))
    else:
        parts.append(
            translate("ArtifactsPanel", "showing {0} of {1}").format(
                format_size(chunk.end), format_size(chunk.size)
            )
        )
    return SEPARATOR.join(parts)


def more_text_label(result: TextResult) -> str:
    """The "Load more" button's text."""
    remaining = result.chunk.size - result.chunk.end
    step = min(remaining, CHUNK_BYTES)
    return translate("ArtifactsPanel", "Load more (next {0} of {1} left)").format(
        format_size(step), format_size(remaining)
    )


def describe_table(result: TableResult, rows: int, columns: int) -> str:
    """The line above a table: rows loaded, columns, delimiter, encoding, size."""
    chunk = result.chunk
    delimiter = {
        "\t": translate("ArtifactsPanel", "tab"),
        ",": translate("ArtifactsPanel", "comma"),
    }.get(chunk.delimiter, repr(chunk.delimiter))
    if chunk.complete:
        count = translate("ArtifactsPanel", "{0} rows").format(f"{rows:,}")
    else:
        count = translate("ArtifactsPanel", "first {0} rows").format(f"{rows:,}")
    return SEPARATOR.join(
        [
            translate("ArtifactsPanel", "Table"),
            count,
            translate("ArtifactsPanel", "{0} columns").format(columns),
            translate("ArtifactsPanel", "{0}-separated").format(delimiter),
            translated(chunk.encoding_label),
            format_size(chunk.size),
        ]
    )


def more_rows_label(result: TableResult) -> str | None:
    """The "more rows" button's text (None when every row is shown)."""
    if result.chunk.complete:
        return None
    return translate("ArtifactsPanel", "Load {0} more rows").format(
        f"{len(result.chunk.rows):,}"
    )


def describe_html(result: HtmlResult) -> str:
    """The line above HTML source."""
    chunk = result.chunk
    parts = [
        translate("ArtifactsPanel", "HTML source, never run in this app"),
        translated(chunk.encoding_label),
    ]
    if chunk.complete:
        parts.append(format_size(chunk.size))
    else:
        parts.append(
            translate("ArtifactsPanel", "first {0} of {1}").format(
                format_size(chunk.end), format_size(chunk.size)
            )
        )
    return SEPARATOR.join(parts)
