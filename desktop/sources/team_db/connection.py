"""Open a PostgreSQL or MySQL/MariaDB tracking database strictly read-only.

:class:`TeamDb` offers what :class:`~desktop.sources.mlflow_db.connection.ReadOnlyDb`
offers the ``mlflow.db`` reader (``read``, ``rows``, ``path``, ``close``), so the
same reader runs on it; statements are rewritten by
:func:`~desktop.sources.team_db.dialect.translate`.

Read-only is enforced by the server for every transaction of the session, not
only by us issuing no writes: PostgreSQL sessions start with
``default_transaction_read_only=on`` and set ``SET SESSION CHARACTERISTICS AS
TRANSACTION READ ONLY``; MySQL/MariaDB sessions set ``SET SESSION TRANSACTION
READ ONLY`` (each implicit transaction then behaves as ``START TRANSACTION READ
ONLY``). A role with ``SELECT`` on MLflow's tables is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from desktop.sources.team_db.dialect import translate
from desktop.sources.team_db.urls import POSTGRESQL, DbAddress

T = TypeVar("T")
CONNECT_TIMEOUT_SECONDS = 10
_DRIVERS = {POSTGRESQL: "postgresql+psycopg", "mysql": "mysql+pymysql"}


def _connect_args(address: DbAddress) -> dict[str, Any]:
    options = dict(address.options)
    timeout = int(options.pop("connect_timeout", CONNECT_TIMEOUT_SECONDS))
    if address.family == POSTGRESQL:
        return {
            **options,  # sslmode, sslrootcert... as libpq takes them
            "connect_timeout": timeout,
            "application_name": "mlflow-desktop",
            "options": "-c default_transaction_read_only=on",
        }
    args: dict[str, Any] = {"connect_timeout": timeout, "charset": "utf8mb4"}
    for key, value in options.items():
        if key == "ssl":  # ssl=true: TLS verified against the system's CAs
            if value.lower() in ("true", "1", "yes", "required"):
                args["ssl_verify_cert"] = True
        elif key in ("ssl_verify_cert", "ssl_verify_identity", "ssl_disabled"):
            args[key] = value.lower() in ("true", "1", "yes")
        else:
            args[key] = value
    return args


def _set_read_only(family: str) -> Callable[[Any, Any], None]:
    def prepare(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            if family == POSTGRESQL:
                cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            else:
                cursor.execute("SET SESSION TRANSACTION READ ONLY")
                cursor.execute(
                    "SET SESSION sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT')"
                )
        finally:
            cursor.close()
        dbapi_connection.commit()  # ends the (read-only) transaction of the SETs

    return prepare


class TeamDb:
    """A read-only SQLAlchemy engine over a team's MLflow database.

    ``path`` is the clean URL (no password): what problems and runs name.
    """

    snapshot = False

    def __init__(self, address: DbAddress) -> None:
        self.address = address
        self.family = address.family
        self.path = address.url
        self.reading: tuple[str, str] = (self.path, "server")
        url = URL.create(
            _DRIVERS[address.family],
            username=address.user,
            password=address.password,
            host=address.host,
            port=address.port,
            database=address.database,
        )
        self.engine: Engine | None = create_engine(
            url,
            connect_args=_connect_args(address),
            pool_size=2,
            max_overflow=2,
            pool_pre_ping=True,
            hide_parameters=True,
        )
        event.listen(self.engine, "connect", _set_read_only(address.family))
        try:  # fail now (auth, host, TLS) rather than at the first statement
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1").scalar()
        except BaseException:
            self.close()
            raise

    def read(self, work: Callable[[Connection], T]) -> T:
        """Run ``work(connection)`` in one read-only transaction (rolled back)."""
        assert self.engine is not None
        with self.engine.connect() as conn:
            return work(conn)

    def rows(self, sql: str, params: Sequence = ()) -> list[tuple]:
        """Every row of one SQLite-dialect statement, run on this server."""
        text = translate(sql, self.family)
        return self.read(lambda conn: _fetch(conn, text, tuple(params)))

    def close(self) -> None:
        """Release the connections."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None

    def __enter__(self) -> TeamDb:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _fetch(conn: Connection, sql: str, params: tuple) -> list[tuple]:
    """Rows straight from the driver (metric histories have millions); a driver
    error is raised as SQLAlchemy's, like the statements SQLAlchemy runs."""
    driver = conn.connection.driver_connection
    error = conn.dialect.loaded_dbapi.Error
    cursor = driver.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        return list(cursor.fetchall())
    except error as exc:
        raise DBAPIError.instance(
            sql, None, exc, error, hide_parameters=True, dialect=conn.dialect
        ) from exc
    finally:
        cursor.close()
