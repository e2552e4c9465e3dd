"""Tell the user why a team database cannot be read, in words they can act on."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.team_db.urls import DbAddress

_AUTH = (
    "password authentication failed",
    "no password supplied",
    "fe_sendauth",
    "authentication failed",
)
_UNREACHABLE = (
    "connection refused",
    "could not translate host name",
    "name or service not known",
    "can't connect to",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "lost connection",
    "temporary failure in name resolution",
    "connection to server at",
)
_PERMISSION = ("permission denied", "command denied", "insufficient privilege")
_NO_DATABASE = ("does not exist", "unknown database")


@dataclass(frozen=True, slots=True)
class DbFailure:
    """A translatable message, and whether signing in again could help."""

    message: str
    auth_failed: bool = False


def _driver_text(exc: BaseException) -> tuple[str, int | None]:
    orig = getattr(exc, "orig", None) or exc
    args: tuple = tuple(getattr(orig, "args", ()))
    code = args[0] if args and isinstance(args[0], int) else None  # MySQL's errno
    text = str(args[1]) if code is not None and len(args) > 1 else str(orig)
    return text.strip() or type(orig).__name__, code


def describe_failure(exc: BaseException, address: DbAddress) -> DbFailure:
    """What went wrong opening or reading ``address`` (never shows a password)."""
    text, code = _driver_text(exc)
    lower = text.lower()
    where = f"{address.host}:{address.port}"
    user = address.user or ""
    if (
        code == 1045
        or any(word in lower for word in _AUTH)
        or ("access denied for user" in lower and "to database" not in lower)
    ):
        return DbFailure(
            QT_TRANSLATE_NOOP(
                "Import",
                "the database server at {0} refused the user name or password "
                "(user {1!r})",
            ).format(where, user),
            auth_failed=True,
        )
    if code in (1044, 1142, 1143) or any(word in lower for word in _PERMISSION):
        return DbFailure(
            QT_TRANSLATE_NOOP(
                "Import",
                "permission denied: user {0!r} may not read the MLflow tables of "
                "{1} (a read-only role with SELECT on them is enough): {2}",
            ).format(user, address.database, text)
        )
    if code == 1049 or (
        "database" in lower and any(word in lower for word in _NO_DATABASE)
    ):
        return DbFailure(
            QT_TRANSLATE_NOOP(
                "Import", "the server at {0} has no database {1!r}"
            ).format(where, address.database)
        )
    if code == 2026 or "ssl" in lower or "tls" in lower or "certificate" in lower:
        return DbFailure(
            QT_TRANSLATE_NOOP(
                "Import", "secure connection (TLS) to {0} failed: {1}"
            ).format(where, text)
        )
    if code in (2002, 2003, 2005, 2006, 2013) or any(
        word in lower for word in _UNREACHABLE
    ):
        return DbFailure(
            QT_TRANSLATE_NOOP(
                "Import", "cannot reach the database server at {0}: {1}"
            ).format(where, text)
        )
    return DbFailure(
        QT_TRANSLATE_NOOP("Import", "cannot read the database: {0}").format(text)
    )
