"""``postgresql://`` and ``mysql://`` tracking-database URLs: detection, cleaning.

A stored location never holds a password: :func:`clean_db_url` drops it (the user
name, host, port, database and TLS options stay). Driver suffixes are folded into
one spelling per server family (``postgres``, ``postgresql+psycopg2`` ->
``postgresql``; ``mysql+pymysql``, ``mariadb`` -> ``mysql``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from desktop.core.i18n import QT_TRANSLATE_NOOP

POSTGRESQL, MYSQL = "postgresql", "mysql"
_FAMILIES = {
    "postgresql": POSTGRESQL,
    "postgres": POSTGRESQL,
    "mysql": MYSQL,
    "mariadb": MYSQL,
}
DEFAULT_PORTS = {POSTGRESQL: 5432, MYSQL: 3306}
# Query options passed through to the driver (TLS and timeouts); others dropped.
PG_OPTIONS = frozenset(
    {"sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "connect_timeout"}
)
MYSQL_OPTIONS = frozenset(
    {
        "ssl",
        "ssl_ca",
        "ssl_cert",
        "ssl_key",
        "ssl_verify_cert",
        "ssl_verify_identity",
        "ssl_disabled",
        "connect_timeout",
        "charset",
    }
)


class InvalidDbUrl(ValueError):
    """The text is not a usable ``postgresql://`` or ``mysql://`` URL."""


def family_of(text: str) -> str | None:
    """``postgresql`` or ``mysql`` for a URL of such a scheme (any driver suffix)."""
    scheme, sep, _rest = text.strip().partition("://")
    if not sep:
        return None
    return _FAMILIES.get(scheme.lower().split("+", 1)[0])


def is_team_db_url(text: str) -> bool:
    """Whether ``text`` names a PostgreSQL or MySQL/MariaDB tracking database."""
    return family_of(text) is not None


@dataclass(frozen=True)
class DbAddress:
    """Where a team database is; ``password`` never leaves memory (not in repr)."""

    family: str
    host: str
    port: int
    database: str
    user: str | None = None
    options: tuple[tuple[str, str], ...] = ()
    password: str | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The clean URL: no password, as stored and shown."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        query = urlencode(self.options)
        return urlunsplit(
            (
                self.family,
                f"{user}{host}:{self.port}",
                "/" + quote(self.database),
                query,
                "",
            )
        )


def parse_db_url(text: str) -> DbAddress:
    """The address in a ``postgresql://`` or ``mysql://`` URL; :class:`InvalidDbUrl`."""
    family = family_of(text)
    if family is None:
        raise InvalidDbUrl(
            QT_TRANSLATE_NOOP("Import", "not a postgresql:// or mysql:// URL")
        )
    try:
        parts = urlsplit(text.strip())
        port = parts.port
    except ValueError as exc:
        raise InvalidDbUrl(
            QT_TRANSLATE_NOOP("Import", "not a valid database URL ({0})").format(exc)
        ) from exc
    host = parts.hostname or ""
    if not host:
        raise InvalidDbUrl(
            QT_TRANSLATE_NOOP("Import", "the database URL names no host")
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise InvalidDbUrl(
            QT_TRANSLATE_NOOP("Import", "the database URL names no database")
        )
    allowed = PG_OPTIONS if family == POSTGRESQL else MYSQL_OPTIONS
    options = tuple(sorted((k, v) for k, v in parse_qsl(parts.query) if k in allowed))
    return DbAddress(
        family=family,
        host=host.lower(),
        port=port or DEFAULT_PORTS[family],
        database=database,
        user=unquote(parts.username) if parts.username else None,
        options=options,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def clean_db_url(text: str) -> str:
    """``text`` as stored: one scheme per family, no password, known options only."""
    return parse_db_url(text).url


def safe_db_url(text: str) -> str:
    """``text`` without a password, for messages, even when it cannot be parsed."""
    try:
        return clean_db_url(text)
    except InvalidDbUrl:
        scheme, _sep, rest = text.partition("://")
        host, slash, tail = rest.partition("/")
        return f"{scheme}://{host.rpartition('@')[2]}{slash}{tail}"


def db_display_name(url: str) -> str:
    """A short name: ``database @ host``."""
    try:
        address = parse_db_url(url)
    except InvalidDbUrl:
        return safe_db_url(url)
    return f"{address.database} @ {address.host}"
