"""Run the ``mlflow.db`` reader's SQLite statements on PostgreSQL and MySQL/MariaDB.

The reader (:mod:`desktop.sources.mlflow_db`) writes its statements once, for
SQLite; :func:`translate` rewrites the few SQLite-only parts for the other
servers, so both read MLflow's schema with the same queries:

* ``?`` placeholders become the drivers' ``%s`` (a literal ``%`` is doubled);
* ``typeof(...)`` checks (SQLite keeps any type in any column) are always true on
  typed columns;
* ``total()`` becomes ``sum()``; ``crc(CAST(x AS BLOB))`` (the stamps' checksum,
  registered on SQLite connections) becomes PostgreSQL's ``hashtext(x)`` and
  MySQL's ``CRC32(x)``; ``char(31)`` is ``chr(31)`` on PostgreSQL;
* PostgreSQL's ``is_nan`` is a boolean and its ``step`` an integer that cannot
  be coalesced with ``''``; MySQL needs ```key``` quoted and ``||`` as
  concatenation (the session sets ``PIPES_AS_CONCAT``) and orders keys by their
  bytes (its default collation ignores case).
"""

from __future__ import annotations

import re
from functools import lru_cache

from desktop.sources.team_db.urls import MYSQL, POSTGRESQL

_TYPEOF = re.compile(r"typeof\([\w.]+\) IN \([^)]*\)")
_WHERE_ONE = re.compile(r"\b(WHERE|AND) 1(?=\s|$)")
_CRC = re.compile(r"\bcrc\(CAST\(")
_AS_BLOB = re.compile(r" AS BLOB\)")
_TOTAL = re.compile(r"\btotal\(")
_CHAR31 = re.compile(r"\bchar\(31\)")
_PG_IS_NAN = re.compile(r"coalesce\(((?:\w+\.)?is_nan), 0\)")
_PG_NO_IS_NAN = re.compile(r"coalesce\(0, 0\) OR")
_PG_STEP_TEXT = re.compile(r"coalesce\(((?:\w+\.)?step), ''\)")
_MYSQL_KEY = re.compile(r"(?<![`\w])key(?![`\w])")
_MYSQL_ORDER = re.compile(r"ORDER BY run_uuid, `key`")


@lru_cache(maxsize=512)
def translate(sql: str, family: str) -> str:
    """``sql`` (written for SQLite) as ``family`` (``postgresql``/``mysql``) runs it."""
    text = sql.replace("%", "%%").replace("?", "%s")
    text = _TYPEOF.sub("TRUE", text)
    text = _WHERE_ONE.sub(r"\1 TRUE", text)
    text = _TOTAL.sub("sum(", text)
    text = _AS_BLOB.sub(")", text)
    if family == POSTGRESQL:
        text = _CRC.sub("hashtext((", text)
        text = _CHAR31.sub("chr(31)", text)
        text = _PG_IS_NAN.sub(r"coalesce(\1, false)", text)
        text = _PG_NO_IS_NAN.sub("false OR", text)
        text = _PG_STEP_TEXT.sub(r"coalesce(CAST(\1 AS TEXT), '')", text)
    elif family == MYSQL:
        text = _CRC.sub("CRC32((", text)
        text = _MYSQL_KEY.sub("`key`", text)
        text = _MYSQL_ORDER.sub("ORDER BY run_uuid, BINARY `key`", text)
    else:  # pragma: no cover - the families are fixed
        raise ValueError(family)
    return text
