"""The store's stable id: a UUID kept inside it, so UI settings follow the store."""

from __future__ import annotations

import uuid

from sqlalchemy import Engine, insert, select

from desktop.store.schema import StoreInfo

STORE_ID = "store_id"


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
