"""What an artifact file is and how to read it in pieces for a preview.

Kinds come from the name and a look at the first bytes (NUL bytes mean binary).
Text is read by byte offset in chunks of about a megabyte, decoded as UTF-8 with
fallbacks (BOMs, CP949 for Korean files, Latin-1 last); CSV/TSV files are read in
batches of rows. Pickles are recognised and never loaded.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
from dataclasses import dataclass
from enum import StrEnum

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.safe_files import (
    FileTooLarge,
    open_regular,
    open_regular_text,
    read_regular,
)

CHUNK_BYTES = 1 << 20
HEAD_BYTES = 8192
ROWS_PER_BATCH = 10_000
SNIFF_CHARS = 64 * 1024
MAX_FIELD_CHARS = 16 * 1024 * 1024
FORMAT_JSON_LIMIT = CHUNK_BYTES
MAX_MARKDOWN_PIPES = 1000
"""Markdown with more ``|`` (table cells) is shown as text: Qt lays out a table
of a few thousand cells for seconds on the GUI thread."""

csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))


def read_image_bytes(path: str, limit: int) -> bytes | None:
    """An image file's bytes: a regular file only (never a FIFO or device);
    ``None`` when it is larger than ``limit`` bytes."""
    try:
        return read_regular(path, limit)
    except FileTooLarge:
        return None


class PreviewKind(StrEnum):
    """How an artifact file is previewed."""

    IMAGE = "image"
    TEXT = "text"
    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    PICKLE = "pickle"
    BINARY = "binary"
    EMPTY = "empty"


IMAGE_EXTENSIONS = frozenset(
    {".png", ".jpg", ".jpeg", ".gif", ".bmp", ".svg", ".webp", ".tif", ".tiff"}
)
TABLE_EXTENSIONS = frozenset({".csv", ".tsv", ".tab"})
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown"})
HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml"})
PICKLE_EXTENSIONS = frozenset(
    {".pkl", ".pickle", ".joblib", ".cloudpickle", ".pt", ".pth", ".sav", ".dill"}
)
BINARY_EXTENSIONS = frozenset(
    {
        ".npy",
        ".npz",
        ".parquet",
        ".feather",
        ".arrow",
        ".h5",
        ".hdf5",
        ".keras",
        ".onnx",
        ".safetensors",
        ".tflite",
        ".pb",
        ".ckpt",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".tar",
        ".7z",
        ".db",
        ".sqlite",
        ".pdf",
        ".xlsx",
        ".docx",
        ".exe",
        ".dll",
        ".so",
        ".dylib",
        ".whl",
        ".jar",
    }
)
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM")
PICKLE_MAGIC = re.compile(rb"^\x80[\x02-\x05]")
BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
ENCODING_LABELS = {
    "utf-8": "UTF-8",
    "utf-8-sig": QT_TRANSLATE_NOOP("Previews", "UTF-8 with BOM"),
    "utf-16-le": "UTF-16 LE",
    "utf-16-be": "UTF-16 BE",
    "cp949": QT_TRANSLATE_NOOP("Previews", "CP949 (Korean)"),
    "latin-1": "Latin-1",
}
TEXT_TYPES = {
    ".json": "JSON",
    ".jsonl": QT_TRANSLATE_NOOP("Previews", "JSON lines"),
    ".yaml": "YAML",
    ".yml": "YAML",
    ".toml": "TOML",
    ".py": "Python",
    ".ipynb": QT_TRANSLATE_NOOP("Previews", "Notebook (JSON)"),
    ".log": QT_TRANSLATE_NOOP("Previews", "Log"),
    ".txt": QT_TRANSLATE_NOOP("Previews", "Text"),
    ".xml": "XML",
    ".sql": "SQL",
    ".sh": QT_TRANSLATE_NOOP("Previews", "Shell script"),
    ".r": "R",
    ".ini": "INI",
    ".cfg": QT_TRANSLATE_NOOP("Previews", "Config"),
}
SPECIAL_NAMES = {
    "MLmodel": QT_TRANSLATE_NOOP("Previews", "MLmodel (YAML)"),
    "requirements.txt": QT_TRANSLATE_NOOP("Previews", "Requirements"),
    "conda.yaml": QT_TRANSLATE_NOOP("Previews", "Conda environment"),
    "python_env.yaml": QT_TRANSLATE_NOOP("Previews", "Python environment"),
    "Dockerfile": "Dockerfile",
}


def extension(name: str) -> str:
    """The lower-case extension of a file name, with the dot (``""`` if none)."""
    return os.path.splitext(name)[1].lower()


def read_head(path: str, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a file."""
    with open_regular(path) as handle:
        return handle.read(size)


def detect_kind(name: str, head: bytes, size: int) -> PreviewKind:
    """The preview kind of a file from its name, first bytes and size."""
    ext = extension(name)
    if size == 0:
        return PreviewKind.EMPTY
    if ext in IMAGE_EXTENSIONS or head.startswith(IMAGE_MAGIC):
        return PreviewKind.IMAGE
    if ext in PICKLE_EXTENSIONS or PICKLE_MAGIC.match(head):
        return PreviewKind.PICKLE
    if ext in BINARY_EXTENSIONS:
        return PreviewKind.BINARY
    bom = any(head.startswith(b) for b, _ in BOMS)
    if not bom and b"\x00" in head[:HEAD_BYTES]:
        return PreviewKind.BINARY
    if ext in TABLE_EXTENSIONS:
        return PreviewKind.TABLE
    if ext in MARKDOWN_EXTENSIONS:
        return PreviewKind.MARKDOWN
    if ext in HTML_EXTENSIONS:
        return PreviewKind.HTML
    return PreviewKind.TEXT


def markdown_fits(text: str, limit: int) -> bool:
    """Whether ``text`` is small and simple enough to render as Markdown."""
    return len(text) <= limit and text.count("|") <= MAX_MARKDOWN_PIPES


def text_type(name: str) -> str:
    """A short description of a text file's type, e.g. ``JSON`` or ``Log``."""
    if name in SPECIAL_NAMES:
        return SPECIAL_NAMES[name]
    return TEXT_TYPES.get(extension(name), TEXT_TYPES[".txt"])


# -- text -----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TextChunk:
    """Decoded text of the bytes ``start``..``end`` of a file of ``size`` bytes."""

    text: str
    encoding: str
    start: int
    end: int
    size: int

    @property
    def complete(self) -> bool:
        """Whether this chunk reaches the end of the file."""
        return self.end >= self.size

    @property
    def encoding_label(self) -> str:
        """A readable name of the encoding, e.g. ``CP949 (Korean)``."""
        return ENCODING_LABELS.get(self.encoding, self.encoding)


def sniff_encoding(data: bytes, complete: bool = True) -> str:
    """The encoding of some bytes: a BOM, else UTF-8, CP949 (Korean), Latin-1.

    ``complete`` says whether ``data`` ends where the file ends (otherwise a
    character cut at the end is not held against an encoding).
    """
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    if _decodes(data, "utf-8", complete) is not None:
        return "utf-8"
    korean = _decodes(data, "cp949", complete)
    if korean is not None and re.search("[\uac00-\ud7a3]", korean):
        return "cp949"
    return "latin-1"


def _decodes(data: bytes, encoding: str, complete: bool) -> str | None:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        return decoder.decode(data, final=complete)
    except UnicodeDecodeError:
        return None


def read_text_chunk(
    path: str, start: int = 0, encoding: str | None = None, limit: int = CHUNK_BYTES
) -> TextChunk:
    """Read and decode about ``limit`` bytes from byte offset ``start``.

    The chunk ends after a line break when one is in its second half, otherwise
    on a character boundary, so the next chunk continues exactly where this one
    stopped. Undecodable bytes become U+FFFD; line breaks become ``\\n``.
    """
    size = os.path.getsize(path)
    with open_regular(path) as handle:
        handle.seek(start)
        data = handle.read(limit)
    complete = start + len(data) >= size
    if encoding is None:
        encoding = sniff_encoding(data, complete)
    codec = encoding
    skip = 0
    if start == 0:
        for bom, name in BOMS:
            if name == encoding and data.startswith(bom):
                skip = len(bom)
        codec = "utf-8" if encoding == "utf-8-sig" else encoding
    elif encoding == "utf-8-sig":
        codec = "utf-8"
    body = data[skip:]
    if not complete:
        cut = _line_end(body, codec)
        if cut:
            body = body[:cut]
    decoder = codecs.getincrementaldecoder(codec)(errors="replace")
    text = decoder.decode(body, final=complete)
    pending = len(decoder.getstate()[0])
    if not complete and pending >= len(body):  # nothing decodable: move on anyway
        text = decoder.decode(b"", final=True)
        pending = 0
    end = start + skip + len(body) - pending
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return TextChunk(text, encoding, start, end, size)


def _line_end(body: bytes, codec: str) -> int:
    """The offset just after the last line break in the second half of ``body``."""
    half = len(body) // 2
    if codec.startswith("utf-16"):
        newline = b"\n\x00" if codec.endswith("le") else b"\x00\n"
        index = body.rfind(newline)
        while index >= half and index % 2:
            index = body.rfind(newline, 0, index)
        return index + 2 if index >= half else 0
    index = body.rfind(b"\n")
    return index + 1 if index >= half else 0


def pretty_json(text: str) -> str | None:
    """Indented JSON for a minified document (``None`` if not JSON or not minified)."""
    if len(text) > FORMAT_JSON_LIMIT or text.count("\n") > 1 or len(text) < 80:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return format_json(data)


def format_json(data: object, indent: str = "") -> str:
    """Indented JSON that keeps lists of plain values (table rows...) on one line."""
    inner = indent + "  "
    if isinstance(data, dict) and data:
        items = [
            f"{inner}{json.dumps(str(k), ensure_ascii=False)}: {format_json(v, inner)}"
            for k, v in data.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(data, list) and any(isinstance(v, dict | list) for v in data):
        items = [inner + format_json(v, inner) for v in data]
        return "[\n" + ",\n".join(items) + f"\n{indent}]"
    return json.dumps(data, ensure_ascii=False)


# -- tables ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TableChunk:
    """A batch of CSV/TSV rows; ``position`` resumes reading after them."""

    header: tuple[str, ...]
    rows: list[list[str]]
    position: int
    complete: bool
    delimiter: str
    encoding: str
    size: int

    @property
    def encoding_label(self) -> str:
        """A readable name of the encoding."""
        return ENCODING_LABELS.get(self.encoding, self.encoding)


def sniff_delimiter(sample: str, name: str) -> str:
    """The delimiter of a CSV/TSV sample: tab for ``.tsv``, else sniffed."""
    if extension(name) in (".tsv", ".tab"):
        return "\t"
    cut = sample.rfind("\n")
    sample = sample[:cut] if cut > 0 else sample
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def read_table_chunk(
    path: str,
    position: int | None = None,
    *,
    header: tuple[str, ...] | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    max_rows: int = ROWS_PER_BATCH,
) -> TableChunk:
    """Read up to ``max_rows`` rows of a CSV/TSV file.

    The first call (``position=None``) sniffs the encoding and delimiter and takes
    the first row as the header; later calls pass back the previous chunk's
    ``position``, ``header``, ``delimiter`` and ``encoding``.
    """
    size = os.path.getsize(path)
    if encoding is None:
        encoding = sniff_encoding(read_head(path, CHUNK_BYTES), size <= CHUNK_BYTES)
    with open_regular_text(
        path, encoding=encoding, errors="replace", newline=""
    ) as handle:
        if position is None:
            sample = handle.read(SNIFF_CHARS)
            handle.seek(0)
            delimiter = delimiter or sniff_delimiter(sample, path)
        else:
            handle.seek(position)
            delimiter = delimiter or ","
        reader = csv.reader(iter(handle.readline, ""), delimiter=delimiter)
        if position is None:
            first = next(reader, None)
            header = tuple(first) if first is not None else ()
        rows: list[list[str]] = []
        for row in reader:
            rows.append(row)
            if len(rows) >= max_rows:
                break
        resume = handle.tell()
        complete = len(rows) < max_rows or next(reader, None) is None
    return TableChunk(header or (), rows, resume, complete, delimiter, encoding, size)
