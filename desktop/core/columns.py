"""Runs-table columns: one registry of column kinds drives every use of a column.

A :class:`Column` names what a runs-table column shows (``kind``, ``key`` and, for
metrics, ``field``). Everything else about it comes from its kind's
:class:`ColumnKind` in the registry, in the spirit of Anki's browser ``Column``
objects: the header title and tooltip, which parts of a run to load, the cell's
value, text and tooltip, the store's sort key, the filter clause selecting the same
value, the alignment, the width and whether the user may hide it. The runs model,
view, column chooser, clipboard copy and store all ask the registry, so a new kind
is one module plus one line in :mod:`desktop.core.column_kinds`.

Titles and tooltips are :class:`~desktop.core.i18n.Text` (translate them with
``desktop.ui.i18n.translated``); nothing here imports Qt or SQLAlchemy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from desktop.core.metric_direction import Direction
from desktop.core.views import RunRow

KeyCounts = Mapping[str, Sequence[tuple[str, int]]]
"""The keys the current experiments use, by kind, with their run counts."""


class Align(Enum):
    """Where a column's cells sit (the UI maps it to its own flags)."""

    START = "start"
    END = "end"
    CENTER = "center"


class UnknownColumnKind(ValueError):
    """A column kind that no :class:`ColumnKind` is registered for."""

    def __init__(self, kind: str) -> None:
        known = ", ".join(_registry()) or "none"
        super().__init__(f"unknown column kind {kind!r}; known kinds: {known}")
        self.kind = kind


@dataclass(frozen=True, slots=True)
class SortKey:
    """Sort by an attribute, param, metric (latest, min or max), tag or dataset."""

    kind: str
    key: str
    descending: bool = False
    metric_field: str = "latest"


@dataclass(slots=True)
class RowLoad:
    """Which parts of the runs a set of columns needs (beyond the run itself)."""

    params: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    datasets: bool = False

    def add(self, part: list[str], key: str) -> None:
        """Ask for ``key`` in ``part`` (once)."""
        if key not in part:
            part.append(key)


@dataclass(frozen=True, slots=True)
class Column:
    """A runs-table column: its kind's registered name, a key and a metric field.

    Building one with an unknown kind raises :class:`UnknownColumnKind`.
    """

    kind: str
    key: str
    field: str = "latest"

    def __post_init__(self) -> None:
        column_kind(self.kind)

    @property
    def spec(self) -> ColumnKind:
        """The registered kind of this column."""
        return column_kind(self.kind)

    @property
    def id(self) -> str:
        """A stable identifier, used in saved layouts."""
        return self.spec.column_id(self)

    @classmethod
    def from_id(cls, ident: str) -> Column | None:
        """Parse :attr:`id`; ``None`` for something unknown (an old saved layout)."""
        kind, _, rest = ident.partition(":")
        spec = _registry().get(kind)
        return None if spec is None else spec.parse(rest)

    def sort_key(self, descending: bool) -> SortKey:
        """How the store sorts by this column."""
        return self.spec.sort_key(self, descending)

    def best_first_descending(
        self, directions: Mapping[str, Direction] | None = None
    ) -> bool:
        """The first click's order: best metric value, newest run, else A to Z."""
        return self.spec.best_first_descending(self, directions)


class ColumnKind:
    """What every column of one kind shows and how (subclasses override).

    ``name`` is the kind as :attr:`Column.kind` spells it; ``group`` labels the
    kind's columns in the column chooser; ``header_color`` tints their headers
    (``#rrggbb``); ``default_rank`` orders the kinds among default columns.
    """

    name: str = ""
    group: str = ""
    header_color: str | None = None
    default_rank: int = 50
    has_direction: bool = False
    """Whether its columns have a better direction (higher or lower is better)."""
    joins_after_run_name: bool = False
    """Whether its default columns go right after the run name (not after the
    kinds ranked before it), also in a layout saved before they existed."""

    # -- identity ----------------------------------------------------------------
    def column_id(self, column: Column) -> str:
        """The saved-layout identifier of ``column``."""
        return f"{self.name}:{column.key}"

    def parse(self, rest: str) -> Column | None:
        """The column whose id is ``<name>:<rest>``, or ``None``."""
        return Column(self.name, rest) if rest else None

    def available(self, keys: KeyCounts) -> list[Column]:
        """The columns this kind offers for experiments using ``keys``."""
        return [Column(self.name, key) for key, _ in keys.get(self.name, ())]

    def defaults(self, keys: KeyCounts, experiments: int) -> list[Column]:
        """The columns shown before the user chose any (for ``experiments``)."""
        return []

    # -- header --------------------------------------------------------------------
    def title(self, column: Column) -> str:
        """The header text."""
        return column.key

    def tooltip(self, column: Column) -> str:
        """The header tooltip."""
        return column.key

    def hideable(self, column: Column) -> bool:
        """Whether the user may hide this column."""
        return True

    def align(self, column: Column) -> Align:
        """Where the cells sit."""
        return Align.START

    def width(self, column: Column) -> int:
        """The initial width in pixels."""
        return 100

    def widest_texts(self, column: Column) -> tuple[str, ...]:
        """Texts the column is always wide enough for (none: it may clip)."""
        return ()

    # -- cells ---------------------------------------------------------------------
    def load(self, column: Column, load: RowLoad) -> None:
        """Ask ``load`` for what this column's cells read."""

    def value(self, column: Column, row: RunRow) -> object:
        """The raw value (number, text or ``None``), also the table's sort role."""
        return None

    def text(self, column: Column, row: RunRow, parents: Mapping[str, str]) -> str:
        """The cell's text (``parents``: run names by run id)."""
        return first_line(self.value(column, row))

    def cell_tooltip(
        self, column: Column, row: RunRow, parents: Mapping[str, str]
    ) -> list[str]:
        """The cell's tooltip, as lines (none: no tooltip)."""
        value = self.value(column, row)
        return [] if value is None else [str(value)]

    def filter_clause(self, column: Column, row: RunRow) -> str | None:
        """A filter clause selecting runs with the same value, or ``None``."""
        return None

    # -- sorting -------------------------------------------------------------------
    def sort_key(self, column: Column, descending: bool) -> SortKey:
        """How the store sorts by this column."""
        return SortKey(self.name, column.key, descending, column.field)

    def best_first_descending(
        self, column: Column, directions: Mapping[str, Direction] | None
    ) -> bool:
        """Whether the first click on the header sorts descending."""
        return False


_KINDS: dict[str, ColumnKind] = {}


def register(kind: ColumnKind) -> ColumnKind:
    """Add a kind to the registry (its ``name`` must be new)."""
    if not kind.name or kind.name in _KINDS:
        raise ValueError(f"column kind {kind.name!r} is empty or already registered")
    _KINDS[kind.name] = kind
    return kind


def _registry() -> dict[str, ColumnKind]:
    """The registry, with the built-in kinds once anything asks for a kind."""
    if not _KINDS:
        import desktop.core.column_kinds  # noqa: F401  (registers the built-ins)
    return _KINDS


def column_kind(name: str) -> ColumnKind:
    """The registered kind ``name``; raises :class:`UnknownColumnKind`."""
    try:
        return _registry()[name]
    except KeyError:
        raise UnknownColumnKind(name) from None


def column_kinds() -> list[ColumnKind]:
    """Every registered kind, in column-chooser order."""
    return list(_registry().values())


def available_columns(keys: KeyCounts) -> list[Column]:
    """Every column experiments using ``keys`` can show, in chooser order."""
    return [c for kind in column_kinds() for c in kind.available(keys)]


def default_columns(keys: KeyCounts, experiments: int) -> list[Column]:
    """The columns shown before the user chose any."""
    kinds = sorted(column_kinds(), key=lambda k: k.default_rank)
    columns = [c for kind in kinds for c in kind.defaults(keys, experiments)]
    leading = [c for c in columns if c.spec.joins_after_run_name]
    rest = [c for c in columns if not c.spec.joins_after_run_name]
    return rest[:1] + leading + rest[1:]


def row_load(columns: Iterable[Column]) -> RowLoad:
    """What to load of each run to show ``columns``."""
    load = RowLoad()
    for column in columns:
        column.spec.load(column, load)
    return load


def first_line(value: object) -> str:
    """A value as one line of text: ``""`` for ``None``, `` …`` after a cut."""
    if value is None:
        return ""
    text = str(value)
    return text if "\n" not in text else text.split("\n", 1)[0] + " …"


def quote(text: str) -> str:
    """A string literal of the search grammar."""
    return f'"{text}"' if "'" in text else f"'{text}'"


def quote_key(key: str) -> str:
    """A key as the search grammar spells it after ``metrics.`` and the like."""
    return key if re.fullmatch(r"\w+", key) else f"`{key}`"
