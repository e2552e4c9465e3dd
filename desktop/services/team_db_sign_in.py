"""Signing in to a team database from the UI: the URL checked, the password kept
in this session (and in the system keyring when the user asks), never stored."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.importing_team_db import remember_password
from desktop.sources.team_db.urls import InvalidDbUrl, parse_db_url
from desktop.sources.tracking_server.credentials import (
    SessionCredentials,
    keyring_available,
)

__all__ = ["InvalidDbUrl", "TeamDbSignIn", "keyring_available", "sign_in"]


@dataclass(frozen=True, slots=True)
class TeamDbSignIn:
    """The location to import (no password) and whether the keyring refused."""

    location: str
    keyring_failed: bool = False


def sign_in(
    url: str, password: str, *, remember: bool | None, session: SessionCredentials
) -> TeamDbSignIn:
    """Check ``url`` (raises :class:`InvalidDbUrl`) and keep ``password`` (a
    password in the URL wins) for this session; also in the keyring if
    ``remember``, removed from it if ``False``, the keyring left alone if ``None``.
    An empty password leaves the driver's own sources (``~/.pgpass``...)."""
    address = parse_db_url(url)
    secret = address.password if address.password is not None else password
    if not secret:
        return TeamDbSignIn(address.url)
    saved = remember_password(
        address.url, address.user, secret, session, keyring=remember
    )
    return TeamDbSignIn(address.url, keyring_failed=bool(remember) and not saved)
