"""Probe which MLflow tables and columns a database has (mlflow-formats.md §3.3).

The alembic revision is read for information only: features are detected from the
tables and columns themselves, so databases from MLflow 1.x to 3.x (and newer
revisions this app does not know) are read with what they have.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, inspect

from desktop.core.i18n import QT_TRANSLATE_NOOP

REQUIRED_TABLES = ("experiments", "runs", "metrics", "params", "tags")
OPTIONAL_TABLES = (
    "experiment_tags",
    "latest_metrics",
    "datasets",
    "inputs",
    "input_tags",
    "logged_models",
    "logged_model_params",
    "logged_model_tags",
    "logged_model_metrics",
    "registered_models",
    "registered_model_tags",
    "registered_model_aliases",
    "model_versions",
    "model_version_tags",
    "alembic_version",
)


class NotMlflowDatabase(Exception):
    """The database lacks the tables of an MLflow tracking store."""


@dataclass(frozen=True, slots=True)
class DbSchema:
    """The MLflow tables of a database, with their column names."""

    columns: dict[str, frozenset[str]] = field(default_factory=dict)
    revision: str | None = None

    def has(self, table: str, column: str | None = None) -> bool:
        """Whether ``table`` (and, if given, its ``column``) exists."""
        names = self.columns.get(table)
        if names is None:
            return False
        return column is None or column in names

    def column_or(self, table: str, column: str, default: str, alias: str = "") -> str:
        """``alias.column`` when the column exists, else the SQL literal ``default``."""
        prefix = f"{alias}." if alias else ""
        return f"{prefix}{column}" if self.has(table, column) else default


def probe_schema(conn: Connection) -> DbSchema:
    """Read the MLflow tables' columns; raise :class:`NotMlflowDatabase` if unusable."""
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    present = [t for t in REQUIRED_TABLES if t in tables]
    if not present:
        raise NotMlflowDatabase(
            QT_TRANSLATE_NOOP(
                "Import",
                "not an MLflow tracking database (it has no experiments or runs "
                "tables)",
            )
        )
    missing = [t for t in REQUIRED_TABLES if t not in tables]
    if missing:
        raise NotMlflowDatabase(
            QT_TRANSLATE_NOOP(
                "Import", "incomplete MLflow tracking database: missing tables: {0}"
            ).format(", ".join(missing))
        )
    columns = {
        table: frozenset(c["name"] for c in inspector.get_columns(table))
        for table in (*REQUIRED_TABLES, *OPTIONAL_TABLES)
        if table in tables
    }
    for table, needed in (
        ("experiments", {"experiment_id", "name"}),
        ("runs", {"run_uuid", "experiment_id"}),
        ("metrics", {"key", "value", "run_uuid"}),
        ("params", {"key", "value", "run_uuid"}),
        ("tags", {"key", "value", "run_uuid"}),
    ):
        lacking = sorted(needed - columns[table])
        if lacking:
            raise NotMlflowDatabase(
                QT_TRANSLATE_NOOP(
                    "Import", "unexpected MLflow schema: table {0} has no column {1}"
                ).format(table, ", ".join(lacking))
            )
    revision = None
    if "alembic_version" in columns:
        revision = conn.exec_driver_sql(
            "SELECT version_num FROM alembic_version"
        ).scalar()
    return DbSchema(columns, revision)
