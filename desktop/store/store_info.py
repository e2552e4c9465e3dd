"""The store's stable id: a UUID kept inside it, so UI settings follow the store."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence

from sqlalchemy import Connection, Engine, insert, select

from desktop.store.peek import STORE_ID
from desktop.store.schema import Experiment, Source, StoreInfo


def store_id(engine: Engine) -> str:
    """This store's id, made once (by its migration, or here if it went missing)."""
    with engine.connect() as conn:
        value = conn.execute(
            select(StoreInfo.value).where(StoreInfo.key == STORE_ID)
        ).scalar()
    if value:
        return str(value)
    with engine.begin() as conn:
        conn.execute(insert(StoreInfo).values(key=STORE_ID, value=str(uuid.uuid4())))
    return store_id(engine)


def experiments_key(conn: Connection, experiment_pks: Sequence[int]) -> str:
    """A stable key for a set of experiments: their sources and MLflow ids.

    Row numbers change when a source is removed and imported again; the source's
    location and the experiment id do not.
    """
    rows = conn.execute(
        select(Source.location, Experiment.experiment_id)
        .join(Source, Source.id == Experiment.source_id)
        .where(Experiment.id.in_(list(experiment_pks)))
    ).all()
    names = sorted(f"{location}\x1f{ident}" for location, ident in rows)
    return hashlib.sha1("\x1e".join(names).encode()).hexdigest()[:16]
