"""Tables logged with ``mlflow.log_table`` (and ``mlflow.evaluate`` results).

MLflow writes them with pandas' ``orient="split"`` without the index:
``{"columns": [...], "data": [[...], ...]}``, and lists them in the run tag
``mlflow.loggedArtifacts`` as ``{"path": ..., "type": "table"}``. Cells holding
images are ``{"type": "image", "filepath": ..., "compressed_filepath": ...}``.

Parsing is bounded (a size cap) and never evaluates anything; a malformed file
raises :class:`LoggedTableError` whose message names the file.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.safe_files import FileTooLarge, read_regular

LOGGED_ARTIFACTS_TAG = "mlflow.loggedArtifacts"
MAX_TABLE_BYTES = 64 * 1024 * 1024
"""Logged tables larger than this are not parsed for a preview."""
_TABLE_HEAD = re.compile(rb'^\s*\{\s*"columns"\s*:')

Cell = str | int | float | bool | None


class LoggedTableError(ValueError):
    """A logged table cannot be read; the message (a translatable ``Text``)
    names the file."""


@dataclass(frozen=True, slots=True)
class LoggedTable:
    """A parsed logged table: column names and rows of plain cells.

    Rows are tuples in a tuple: holding only numbers, text and ``None``, the
    garbage collector stops tracking them after one pass, so a million-row table
    adds nothing to later collections (a list of rows would be walked by each).
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    size: int

    def column_values(self, column: int) -> list[Cell]:
        """The cells of one column, in row order."""
        return [row[column] for row in self.rows]


def looks_like_table(head: bytes) -> bool:
    """Whether a JSON file's first bytes start MLflow's table format."""
    return bool(_TABLE_HEAD.match(head.lstrip(b"\xef\xbb\xbf")))


def logged_table_paths(tag_value: str | None) -> frozenset[str]:
    """The paths listed with type "table" in a ``mlflow.loggedArtifacts`` tag."""
    if not tag_value:
        return frozenset()
    try:
        items = json.loads(tag_value)
    except ValueError:
        return frozenset()
    if not isinstance(items, list):
        return frozenset()
    return frozenset(
        item["path"]
        for item in items
        if isinstance(item, dict)
        and item.get("type") == "table"
        and isinstance(item.get("path"), str)
    )


def read_logged_table(
    path: str, name: str, limit: int = MAX_TABLE_BYTES
) -> LoggedTable:
    """Parse the logged table at ``path`` (``name`` is shown in messages)."""
    try:
        data = read_regular(path, limit)
    except FileTooLarge:
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables", "{0} is larger than {1} MB and is not read as a table."
            ).format(name, limit // (1024 * 1024))
        ) from None
    return parse_logged_table(data, name)


def parse_logged_table(data: bytes, name: str) -> LoggedTable:
    """Parse the bytes of a logged table file called ``name``."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables", "{0} is not UTF-8 text (byte {1})."
            ).format(name, exc.start)
        ) from None
    except json.JSONDecodeError as exc:
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables",
                "{0} is not valid JSON: {1} (line {2}, column {3}).",
            ).format(name, exc.msg, exc.lineno, exc.colno)
        ) from None
    except RecursionError:
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables", "{0} is nested too deeply to read."
            ).format(name)
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("columns"), list):
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables",
                '{0} is not an MLflow table: it has no "columns" list.',
            ).format(name)
        )
    rows = document.get("data", [])
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise LoggedTableError(
            QT_TRANSLATE_NOOP(
                "LoggedTables",
                '{0} is not an MLflow table: "data" is not a list of rows.',
            ).format(name)
        )
    columns = tuple(_column_name(c) for c in document["columns"])
    width = len(columns)
    parsed = tuple(_row(r, width) for r in rows)
    return LoggedTable(name, columns, parsed, len(data))


def _column_name(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _row(values: list, width: int) -> tuple[Cell, ...]:
    cells = [_cell(v) for v in values[:width]]
    cells += [None] * (width - len(cells))
    return tuple(cells)


def _cell(value: object) -> Cell:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, dict) and value.get("type") == "image":
        path = value.get("filepath")
        return f"[image] {path}" if isinstance(path, str) else "[image]"
    return json.dumps(value, ensure_ascii=False)


def cell_text(value: Cell) -> str:
    """How a cell is shown: numbers as written by Python, ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
        return repr(value)
    return str(value)


def is_number(value: Cell) -> bool:
    """Whether a cell is a number (shown right-aligned, sorted numerically)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


# -- aligning tables of several runs ------------------------------------------------
def default_key_column(table: LoggedTable) -> int | None:
    """The first column whose values are all different (``None``: none is)."""
    for column in range(len(table.columns)):
        values = [_hashable(v) for v in table.column_values(column)]
        if values and len(set(values)) == len(values):
            return column
    return None


def common_columns(tables: Sequence[LoggedTable]) -> list[str]:
    """Column names every table has, in the first table's order."""
    if not tables:
        return []
    rest = [set(t.columns) for t in tables[1:]]
    return [c for c in tables[0].columns if all(c in s for s in rest)]


@dataclass(frozen=True, slots=True)
class AlignedTables:
    """Rows of several tables matched by the value of a key column.

    ``keys`` is every key in order of first appearance; ``rows[i][k]`` is table
    ``i``'s row for ``keys[k]`` (``None`` when that table has no such row).
    ``duplicates[i]`` counts table ``i``'s rows left out for repeating a key.
    """

    key_column: str
    keys: list[Cell]
    rows: list[list[tuple[Cell, ...] | None]]
    duplicates: list[int]


def align_tables(tables: Sequence[LoggedTable], key_column: str) -> AlignedTables:
    """Match the rows of ``tables`` by ``key_column`` (every table must have it)."""
    order: dict[object, Cell] = {}
    by_table: list[dict[object, tuple[Cell, ...]]] = []
    duplicates: list[int] = []
    for table in tables:
        column = table.columns.index(key_column)
        found: dict[object, tuple[Cell, ...]] = {}
        repeated = 0
        for row in table.rows:
            key = _hashable(row[column])
            if key in found:
                repeated += 1
                continue
            found[key] = row
            order.setdefault(key, row[column])
        by_table.append(found)
        duplicates.append(repeated)
    keys = list(order)
    rows = [[found.get(k) for k in keys] for found in by_table]
    return AlignedTables(key_column, list(order.values()), rows, duplicates)


def _hashable(value: Cell) -> object:
    """Keys equal when shown equal (``1`` and ``1.0`` match; NaN matches NaN)."""
    if isinstance(value, float) and math.isnan(value):
        return ("nan",)
    if isinstance(value, float) and math.isfinite(value) and value == int(value):
        return int(value)
    return value
