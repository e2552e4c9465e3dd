"""A saved view of an experiment's runs: filter, sort, columns, grouping and the
view parts other panes keep (the charts' layout), under a name.

Views are kept in the settings as JSON (per store and experiment selection); a
damaged entry is skipped, never trusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class SavedView:
    """What a view restores."""

    name: str
    filter: str = ""
    sort: tuple[str, bool] | None = None
    """The sorted column's id and whether descending (``None``: unsorted)."""
    columns: list[dict[str, Any]] = field(default_factory=list)
    """The column layout, as :mod:`desktop.core.column_layout` keeps it."""
    group_by: tuple[str, ...] = ()
    """Column ids the runs are grouped by."""
    nested: bool = True
    """Whether child runs show under their parents."""
    parts: dict[str, Any] = field(default_factory=dict)
    """Other panes' state by pane name (plain JSON values)."""

    def to_json(self) -> dict[str, Any]:
        """The view as plain JSON values."""
        return {
            "name": self.name,
            "filter": self.filter,
            "sort": list(self.sort) if self.sort else None,
            "columns": self.columns,
            "group_by": list(self.group_by),
            "nested": self.nested,
            "parts": self.parts,
        }

    @classmethod
    def from_json(cls, value: object) -> SavedView | None:
        """The view :meth:`to_json` wrote; ``None`` for anything else."""
        if not isinstance(value, dict):
            return None
        name, text = value.get("name"), value.get("filter", "")
        sort, columns = value.get("sort"), value.get("columns", [])
        group_by, parts = value.get("group_by", []), value.get("parts", {})
        if not (isinstance(name, str) and name.strip() and isinstance(text, str)):
            return None
        if sort is not None and not (
            isinstance(sort, list) and len(sort) == 2 and isinstance(sort[0], str)
        ):
            return None
        if not (
            isinstance(columns, list)
            and all(isinstance(c, dict) for c in columns)
            and isinstance(group_by, list)
            and all(isinstance(g, str) for g in group_by)
            and isinstance(parts, dict)
        ):
            return None
        return cls(
            name=name.strip(),
            filter=text,
            sort=(sort[0], bool(sort[1])) if sort else None,
            columns=columns,
            group_by=tuple(group_by),
            nested=bool(value.get("nested", True)),
            parts=parts,
        )


def replace_view(views: list[SavedView], view: SavedView) -> list[SavedView]:
    """``views`` with ``view`` in place of the one of its name (else added)."""
    kept = [v for v in views if v.name != view.name]
    at = next((i for i, v in enumerate(views) if v.name == view.name), len(kept))
    return [*kept[:at], view, *kept[at:]]
