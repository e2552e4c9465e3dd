"""Read the model registry the imports stored: models, versions, a run's versions."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from desktop.core.registry import ModelVersionInfo, RegisteredModelInfo

_VERSION_SQL = (
    "SELECT v.id, v.source_id, m.name, v.version, v.status, v.stage, "
    "v.description, v.creation_time, v.last_updated_time, v.run_id, v.source, "
    "r.id, r.experiment_pk, r.run_name, m.id "
    "FROM model_versions v JOIN registered_models m ON m.id = v.model_pk "
    "LEFT JOIN runs r ON r.source_id = v.source_id AND r.run_id = v.run_id "
)


def _versions(conn: Connection, where: str, params: tuple) -> list[ModelVersionInfo]:
    rows = conn.exec_driver_sql(
        _VERSION_SQL + where + " ORDER BY m.name, v.version DESC", params
    ).all()
    if not rows:
        return []
    version_pks = [row[0] for row in rows]
    model_pks = sorted({row[14] for row in rows})
    tags: dict[int, dict[str, str]] = {}
    for pk, key, value in _in(
        conn,
        "SELECT version_pk, key, value FROM model_version_tags "
        "WHERE version_pk IN ({}) ORDER BY key",
        version_pks,
    ):
        tags.setdefault(pk, {})[key] = value
    aliases: dict[tuple[int, int], list[str]] = {}
    for pk, alias, version in _in(
        conn,
        "SELECT model_pk, alias, version FROM registered_model_aliases "
        "WHERE model_pk IN ({}) ORDER BY alias",
        model_pks,
    ):
        aliases.setdefault((pk, version), []).append(alias)
    return [
        ModelVersionInfo(
            source_id=row[1],
            model_name=row[2],
            version=row[3],
            status=row[4],
            stage=row[5],
            description=row[6],
            creation_time=row[7],
            last_updated_time=row[8],
            run_id=row[9],
            source=row[10],
            aliases=tuple(aliases.get((row[14], row[3]), ())),
            tags=tags.get(row[0], {}),
            run_pk=row[11],
            experiment_pk=row[12],
            run_name=row[13],
        )
        for row in rows
    ]


def _in(conn: Connection, sql: str, values: Sequence[int]) -> list[tuple]:
    found: list[tuple] = []
    for start in range(0, len(values), 500):
        chunk = tuple(values[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found += [tuple(r) for r in conn.exec_driver_sql(sql.format(marks), chunk)]
    return found


def registered_models(
    conn: Connection, source_id: int | None = None
) -> list[RegisteredModelInfo]:
    """Registered models (of one source, or all) by name, each with its latest
    version."""
    where = "" if source_id is None else " WHERE m.source_id = ?"
    params: tuple = () if source_id is None else (source_id,)
    rows = conn.exec_driver_sql(
        "SELECT m.id, m.source_id, s.name, m.name, m.description, m.creation_time, "
        "m.last_updated_time, (SELECT count(*) FROM model_versions v "
        "WHERE v.model_pk = m.id), (SELECT max(v.version) FROM model_versions v "
        "WHERE v.model_pk = m.id) "
        "FROM registered_models m JOIN sources s ON s.id = m.source_id"
        f"{where} ORDER BY lower(m.name), m.name, s.name",
        params,
    ).all()
    pks = [row[0] for row in rows]
    tags: dict[int, dict[str, str]] = {}
    for pk, key, value in _in(
        conn,
        "SELECT model_pk, key, value FROM registered_model_tags "
        "WHERE model_pk IN ({}) ORDER BY key",
        pks,
    ):
        tags.setdefault(pk, {})[key] = value
    aliases: dict[int, dict[str, int]] = {}
    for pk, alias, version in _in(
        conn,
        "SELECT model_pk, alias, version FROM registered_model_aliases "
        "WHERE model_pk IN ({}) ORDER BY alias",
        pks,
    ):
        aliases.setdefault(pk, {})[alias] = version
    latest: dict[tuple[int, int], ModelVersionInfo] = {}
    latest_pairs = [(row[0], row[8]) for row in rows if row[8] is not None]
    if latest_pairs:
        wanted = {pk for pk, _ in latest_pairs}
        found = _versions(
            conn,
            "WHERE v.model_pk IN ({}) AND v.version = (SELECT max(x.version) "
            "FROM model_versions x WHERE x.model_pk = v.model_pk)".format(
                ",".join(str(int(pk)) for pk in sorted(wanted))
            ),
            (),
        )
        by_key = {(v.source_id, v.model_name): v for v in found}
        for row in rows:
            version = by_key.get((row[1], row[3]))
            if version is not None:
                latest[(row[1], row[0])] = version
    return [
        RegisteredModelInfo(
            source_id=row[1],
            source_name=row[2],
            name=row[3],
            description=row[4],
            creation_time=row[5],
            last_updated_time=row[6],
            tags=tags.get(row[0], {}),
            aliases=aliases.get(row[0], {}),
            version_count=row[7],
            latest=latest.get((row[1], row[0])),
        )
        for row in rows
    ]


def model_versions(
    conn: Connection, source_id: int, name: str
) -> list[ModelVersionInfo]:
    """The versions of one registered model, newest first."""
    return _versions(conn, "WHERE m.source_id = ? AND m.name = ?", (source_id, name))


def run_model_versions(conn: Connection, run_pk: int) -> list[ModelVersionInfo]:
    """The model versions registered from run ``run_pk`` (same source), by model
    name and newest version first."""
    return _versions(
        conn,
        "WHERE r.id = ?",
        (run_pk,),
    )
