"""Many rows, read fast: query results as numpy arrays from the raw SQLite connection.

SQLAlchemy builds the statements; running them on the driver's connection skips its
per-row result objects, and a column of ids travels as one comma-separated text
(``group_concat``), several times faster than a Python tuple per row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain

import numpy as np
from sqlalchemy import Connection, Select, func, select
from sqlalchemy.engine import Dialect

# Up to this many possible ids per id held, positions come from a lookup table.
DENSE_ID_SPAN = 8


@contextmanager
def read_snapshot(conn: Connection) -> Iterator[ArrayReader]:
    """A reader on ``conn`` whose reads all see one snapshot of the store.

    An import committing between two reads therefore cannot mix two states. Inside
    a transaction of the caller, that transaction is the snapshot.
    """
    db = conn.connection.driver_connection
    assert isinstance(db, sqlite3.Connection)
    reader = ArrayReader(db, conn.dialect)
    if db.in_transaction:
        yield reader
        return
    db.execute("BEGIN")
    try:
        yield reader
    finally:
        db.rollback()  # nothing was written: this only ends the read transaction


class ArrayReader:
    """Runs SQLAlchemy queries on a raw SQLite connection."""

    def __init__(self, db: sqlite3.Connection, dialect: Dialect) -> None:
        self._db = db
        self._dialect = dialect

    def rows(self, query: Select) -> list[tuple]:
        """Every row of ``query`` as a plain tuple."""
        compiled = query.compile(
            dialect=self._dialect, compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[name] for name in compiled.positiontup or ()]
        return self._db.execute(str(compiled), params).fetchall()

    def ids(self, query: Select) -> np.ndarray:
        """The first column of ``query`` (integers), in the query's order.

        SQLite feeds an aggregate the rows of an ordered subquery in that order (its
        test ``tkt2942.test`` pins this for ``group_concat``).
        """
        inner = query.subquery()
        first = next(iter(inner.c))
        [(count, text)] = self.rows(
            select(func.count(first), func.group_concat(first)).select_from(inner)
        )
        found = np.fromstring(text or "", sep=",", dtype=np.int64)
        if len(found) != count:
            raise ValueError("ids: the query's first column holds non-integers")
        return found

    def ids_and_numbers(self, query: Select) -> tuple[np.ndarray, np.ndarray]:
        """``query``'s two columns (integers, floats) as two arrays."""
        rows = self.rows(query)
        flat = np.fromiter(
            chain.from_iterable(rows), dtype=np.float64, count=2 * len(rows)
        )
        return flat[0::2].astype(np.int64), flat[1::2]


class IdIndex:
    """Where each id sits in an array of unique ids."""

    def __init__(self, ids: np.ndarray) -> None:
        self._size = len(ids)
        self._low = int(ids.min()) if len(ids) else 0
        span = int(ids.max()) - self._low + 1 if len(ids) else 0
        self._table: np.ndarray | None = None
        if span <= DENSE_ID_SPAN * len(ids):  # ids imported together lie close
            self._table = np.full(span, -1, dtype=np.int64)
            self._table[ids - self._low] = np.arange(len(ids))
        else:
            self._order = np.argsort(ids, kind="stable")
            self._sorted = ids[self._order]

    def positions(self, wanted: np.ndarray) -> np.ndarray:
        """The index of each of ``wanted``, or -1 where it is not there."""
        found = np.full(len(wanted), -1, dtype=np.int64)
        if self._table is not None:
            offset = wanted - self._low
            inside = (offset >= 0) & (offset < len(self._table))
            found[inside] = self._table[offset[inside]]
        elif self._size:
            at = np.minimum(np.searchsorted(self._sorted, wanted), self._size - 1)
            hit = self._sorted[at] == wanted
            found[hit] = self._order[at[hit]]
        return found
