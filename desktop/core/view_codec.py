"""The screens' plain data (:mod:`desktop.core.views`, row pages, columns, filters)
as JSON and back.

Values are tagged so that what comes back has the types that went in: tuples,
sets, dicts with any keys and the dataclasses named in :data:`TYPES`. Nothing
else is built on the way back (no pickle): a file that was tampered with gives
:class:`ValueError`, never code or an unknown object.
"""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from typing import Any

from desktop.core.columns import Column, SortKey
from desktop.core.row_pages import RowPage, RunSearch
from desktop.core.run_groups import MetricStats, RunGroup
from desktop.core.run_tree import Folding, RunTree
from desktop.core.search import BoolOp, Comparison
from desktop.core.views import (
    DatasetRef,
    ExperimentInfo,
    RunRow,
    RunScope,
    SourceInfo,
)

TYPES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        BoolOp,
        Column,
        Comparison,
        DatasetRef,
        ExperimentInfo,
        Folding,
        MetricStats,
        RowPage,
        RunGroup,
        RunRow,
        RunScope,
        RunSearch,
        RunTree,
        SortKey,
        SourceInfo,
    )
}


def to_plain(value: Any) -> Any:
    """``value`` as JSON-ready lists, dicts and scalars, with tags."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, tuple):
        return {"tuple": [to_plain(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"set": sorted((to_plain(v) for v in value), key=_order)}
    if isinstance(value, dict):
        return {"dict": [[to_plain(k), to_plain(v)] for k, v in value.items()]}
    name = type(value).__name__
    if is_dataclass(value) and TYPES.get(name) is type(value):
        return {
            "type": name,
            "fields": [to_plain(getattr(value, f.name)) for f in fields(value)],
        }
    raise TypeError(f"cannot encode {name}")


def from_plain(value: Any) -> Any:
    """What :func:`to_plain` was given; :class:`ValueError` on anything else."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [from_plain(v) for v in value]
    if isinstance(value, dict) and len(value) in (1, 2):
        if "tuple" in value:
            return tuple(from_plain(v) for v in value["tuple"])
        if "set" in value:
            return frozenset(from_plain(v) for v in value["set"])
        if "dict" in value:
            return {from_plain(k): from_plain(v) for k, v in value["dict"]}
        cls = TYPES.get(value.get("type", ""))
        if cls is not None and isinstance(value.get("fields"), list):
            try:
                return cls(*(from_plain(v) for v in value["fields"]))
            except TypeError as exc:
                raise ValueError(f"bad {cls.__name__}: {exc}") from None
    raise ValueError(f"not an encoded value: {str(value)[:80]}")


def dumps(value: Any) -> str:
    """``value`` as one JSON text (the same text for equal values)."""
    return json.dumps(to_plain(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Any:
    """The value :func:`dumps` wrote; :class:`ValueError` on a bad text."""
    return from_plain(json.loads(text))


def _order(plain: Any) -> str:
    return json.dumps(plain, sort_keys=True)
