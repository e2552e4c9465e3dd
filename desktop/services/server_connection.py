"""Connecting to a tracking server, for File ▸ Connect to server…: the connection
the dialog's fields describe, a connection test, and where credentials are kept.

The dialog (:mod:`desktop.ui.connect_dialog`) asks only this module; the client,
the credential rules and the keyring live in :mod:`desktop.sources.tracking_server`.
"""

from __future__ import annotations

from desktop.sources.tracking_server.credentials import (
    BASIC,
    NONE,
    SESSION,
    TOKEN,
    Connection,
    InvalidServerUrl,
    SessionCredentials,
    clean_url,
    environment_url,
    keyring_available,
    load_from_keyring,
    url_credentials,
)
from desktop.sources.tracking_server.errors import ServerError

__all__ = [
    "BASIC",
    "NONE",
    "SESSION",
    "TOKEN",
    "Connection",
    "InvalidServerUrl",
    "ServerError",
    "SessionCredentials",
    "describe_connection",
    "environment_url",
    "keyring_available",
    "load_from_keyring",
    "probe_server",
]


def describe_connection(
    text: str,
    auth: str,
    username: str | None,
    secret: str | None,
    verify: bool,
    ca_bundle: str | None,
) -> Connection:
    """The connection to the server at URL ``text`` (raises ``InvalidServerUrl``).

    A ``user:password@`` in the URL wins over the fields; ``username`` counts with
    basic authentication only, ``ca_bundle`` only when certificates are verified.
    """
    url = clean_url(text)
    if auth != BASIC:
        username = None
    if auth == NONE:
        secret = None
    user_in_url, password_in_url = url_credentials(text)
    if user_in_url and password_in_url is not None:
        auth, username, secret = BASIC, user_in_url, password_in_url
    return Connection(
        url, verify, ca_bundle if verify else None, auth, username, secret
    )


def probe_server(connection: Connection) -> tuple[str | None, int]:
    """The server's version and how many experiments it holds (raises on failure)."""
    from desktop.sources.tracking_server.client import TrackingClient, default_retry
    from desktop.sources.tracking_server.reader import list_experiments

    with TrackingClient(
        connection, retry=default_retry(total=1), timeout=(5.0, 30.0)
    ) as client:
        experiments = list_experiments(client)
        return client.version(), len(experiments)
