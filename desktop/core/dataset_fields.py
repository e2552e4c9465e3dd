"""Readable fields of an MLflow dataset input's JSON source, schema and profile."""

from __future__ import annotations

import json
from collections.abc import Mapping

SOURCE_KEYS = ("uri", "url", "path", "table_name", "delta_table_name", "sql", "query")
"""Where MLflow's dataset sources keep their location, in order of preference."""


def _load(text: str | None) -> object:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def source_uri(source: str | None) -> str:
    """The source's URI or path (a script for code sources); else the raw text."""
    data = _load(source)
    if not isinstance(data, Mapping):
        return source or ""
    for key in SOURCE_KEYS:
        if data.get(key):
            return str(data[key])
    tags = data.get("tags")
    if isinstance(tags, Mapping) and tags.get("mlflow.source.name"):
        return str(tags["mlflow.source.name"])
    return ""


def schema_columns(schema: str | None) -> list[tuple[str, str]]:
    """``(column, type)`` pairs of a column or tensor schema ([] when unknown)."""
    data = _load(schema)
    if not isinstance(data, Mapping):
        return []
    if isinstance(data.get("mlflow_colspec"), list):
        return [
            (str(c.get("name", i)), _column_type(c))
            for i, c in enumerate(data["mlflow_colspec"])
            if isinstance(c, Mapping)
        ]
    tensors = data.get("mlflow_tensorspec")
    if isinstance(tensors, Mapping):
        out = []
        for part, specs in tensors.items():
            specs = _load(specs) if isinstance(specs, str) else specs
            for spec in specs if isinstance(specs, list) else []:
                tensor = (
                    spec.get("tensor-spec", {}) if isinstance(spec, Mapping) else {}
                )
                name = spec.get("name", part) if isinstance(spec, Mapping) else part
                shape = tensor.get("shape")
                kind = f"{tensor.get('dtype', 'tensor')} {_shape(shape)}".strip()
                out.append((str(name), kind))
        return out
    return []


def _column_type(column: Mapping) -> str:
    kind = column.get("type", "")
    if not isinstance(kind, str):
        kind = json.dumps(kind)
    return kind if column.get("required", True) else f"{kind} (optional)"


def _shape(shape: object) -> str:
    if not isinstance(shape, list):
        return ""
    return "(" + ", ".join("?" if d == -1 else str(d) for d in shape) + ")"


def profile_items(profile: str | None) -> list[tuple[str, str]]:
    """``(statistic, value)`` pairs of a dataset profile, e.g. ``num_rows``."""
    data = _load(profile)
    if not isinstance(data, Mapping):
        return []
    out = []
    for key, value in data.items():
        if isinstance(value, int) and not isinstance(value, bool):
            text = f"{value:,}"
        elif isinstance(value, list) and all(isinstance(v, int) for v in value):
            text = " \u00d7 ".join(f"{v:,}" for v in value)
        else:
            text = value if isinstance(value, str) else json.dumps(value)
        out.append((str(key), text))
    return out


def raw_json(source: str | None, schema: str | None, profile: str | None) -> str:
    """The dataset's source, schema and profile as indented JSON."""
    parts = {"source": source, "schema": schema, "profile": profile}
    shown = {k: _load(v) if _load(v) is not None else v for k, v in parts.items()}
    return json.dumps(shown, indent=2, ensure_ascii=False)
