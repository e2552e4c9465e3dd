"""Read MLflow's model registry from a database (strictly read-only).

Tables, as MLflow has written them since 1.x (each probed, none required):
``registered_models``, ``model_versions``, ``registered_model_tags``,
``model_version_tags`` and, since 2.3, ``registered_model_aliases``. Since 3.x
every table has a ``workspace`` column; like MlflowClient without workspaces,
only the ``default`` workspace is read. Deleted versions (stage
``Deleted_Internal``) and prompts are left out.
"""

from __future__ import annotations

from desktop.core.registry import (
    DELETED_STAGE,
    ModelVersionRecord,
    RegisteredModelRecord,
    without_prompts,
)
from desktop.sources.mlflow_db.cells import as_int, as_text
from desktop.sources.mlflow_db.connection import Rows
from desktop.sources.mlflow_db.schema import DbSchema

DEFAULT_WORKSPACE = "default"


def _int(value: object) -> int | None:
    return as_int(value)[0]


def _text(value: object) -> str | None:
    return as_text(value)[0]


def _where_workspace(schema: DbSchema, table: str) -> tuple[str, tuple]:
    if schema.has(table, "workspace"):
        return " WHERE workspace = ?", (DEFAULT_WORKSPACE,)
    return "", ()


def read_registry(rows: Rows, schema: DbSchema) -> list[RegisteredModelRecord]:
    """Every registered model with its versions, tags and aliases (none in a
    database without a registry), sorted by name."""
    if not schema.has("registered_models", "name"):
        return []
    table = "registered_models"
    where, params = _where_workspace(schema, table)
    models: dict[str, RegisteredModelRecord] = {}
    for name, description, created, updated in rows(
        f"SELECT name, {schema.column_or(table, 'description', 'NULL')}, "
        f"{schema.column_or(table, 'creation_time', 'NULL')}, "
        f"{schema.column_or(table, 'last_updated_time', 'NULL')} FROM {table}{where}",
        params,
    ):
        text = _text(name)
        if text is not None:
            models[text] = RegisteredModelRecord(
                text, _text(description), _int(created), _int(updated)
            )
    for name, key, value in _rows_of(rows, schema, "registered_model_tags"):
        model = models.get(_text(name) or "")
        if model is not None and key is not None:
            model.tags[_text(key) or ""] = _text(value) or ""
    table = "registered_model_aliases"
    if schema.has(table, "alias"):
        where, params = _where_workspace(schema, table)
        for name, alias, version in rows(
            f"SELECT name, alias, version FROM {table}{where}", params
        ):
            model = models.get(_text(name) or "")
            number = _int(version)
            if model is not None and alias is not None and number is not None:
                model.aliases[_text(alias) or ""] = number
    versions = _read_versions(rows, schema)
    for (name, _number), version in sorted(versions.items()):
        model = models.get(name)
        if model is not None:
            model.versions.append(version)
    for model in models.values():
        model.aliases = dict(sorted(model.aliases.items()))
    return without_prompts(models.values())


def _rows_of(rows: Rows, schema: DbSchema, table: str) -> list[tuple]:
    if not schema.has(table, "key"):
        return []
    where, params = _where_workspace(schema, table)
    version = ", version" if table == "model_version_tags" else ""
    return rows(f"SELECT name, key, value{version} FROM {table}{where}", params)


def _read_versions(
    rows: Rows, schema: DbSchema
) -> dict[tuple[str, int], ModelVersionRecord]:
    table = "model_versions"
    if not schema.has(table, "version"):
        return {}

    def column(name: str) -> str:
        return schema.column_or(table, name, "NULL")

    where, params = _where_workspace(schema, table)
    versions: dict[tuple[str, int], ModelVersionRecord] = {}
    for row in rows(
        f"SELECT name, version, {column('run_id')}, {column('source')}, "
        f"{column('status')}, {column('current_stage')}, {column('description')}, "
        f"{column('creation_time')}, {column('last_updated_time')}, "
        f"{column('model_id')} FROM {table}{where}",
        params,
    ):
        name, number, stage = _text(row[0]), _int(row[1]), _text(row[5])
        if name is None or number is None or stage == DELETED_STAGE:
            continue
        versions[(name, number)] = ModelVersionRecord(
            version=number,
            run_id=_text(row[2]) or None,
            source=_text(row[3]),
            status=_text(row[4]),
            stage=stage,
            description=_text(row[6]),
            creation_time=_int(row[7]),
            last_updated_time=_int(row[8]),
            model_id=_text(row[9]),
        )
    for name, key, value, number in _rows_of(rows, schema, "model_version_tags"):
        version = versions.get((_text(name) or "", _int(number) or 0))
        if version is not None and key is not None:
            version.tags[_text(key) or ""] = _text(value) or ""
    return versions
