"""A saved runs-table layout (which columns, in what order, how wide), Qt-free.

The layout of a scope (an experiment, or a set of them) is kept as a list of
``{"id", "width"}`` entries for the shown columns in screen order, then
``{"id", "hidden": True}`` for each column that could show but does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from desktop.core.columns import Column

RUN_NAME = Column("attribute", "run_name")
"""The column a table always keeps."""


def restore_columns(
    saved: Sequence[Mapping] | None,
    available: Mapping[str, Column],
    defaults: Sequence[Column],
) -> tuple[list[Column], dict[str, int]]:
    """The columns to show and their saved widths (0: default width).

    Saved columns that can no longer show are dropped; default columns the
    layout does not know (keys that appeared since it was saved) are added.
    """
    widths: dict[str, int] = {}
    if saved:
        shown = [e for e in saved if not e.get("hidden")]
        columns = [available[e["id"]] for e in shown if e.get("id") in available]
        widths = {e["id"]: int(e.get("width", 0)) for e in shown}
        known = {e.get("id") for e in saved}
        new = [c for c in defaults if c.id not in known]
        columns += [c for c in new if not c.spec.joins_after_run_name]
        at = 1 if columns[:1] == [RUN_NAME] else 0
        columns[at:at] = [c for c in new if c.spec.joins_after_run_name]
    else:
        columns = list(defaults)
    return columns or [RUN_NAME], widths


def layout_entries(
    shown: Iterable[tuple[str, int]], available: Iterable[Column]
) -> list[dict]:
    """The layout to save: ``shown`` (id, width) in screen order, the rest hidden."""
    layout: list[dict] = [{"id": id_, "width": width} for id_, width in shown]
    ids = {entry["id"] for entry in layout}
    layout += [{"id": c.id, "hidden": True} for c in available if c.id not in ids]
    return layout
