"""Connection settings and credentials for tracking servers.

Where credentials come from, first match wins (see :meth:`SessionCredentials.resolve`):

1. this session's in-memory cache (a :class:`SessionCredentials`), which the Connect
   dialog fills;
2. ``user:password@`` in the URL itself;
3. the system keyring (when a backend is available);
4. MLflow's environment variables (``MLFLOW_TRACKING_USERNAME``/``PASSWORD``/
   ``TOKEN``, ``MLFLOW_TRACKING_INSECURE_TLS``, ``MLFLOW_TRACKING_SERVER_CERT_PATH``)
   and ``~/.mlflow/credentials``, as MLflow reads them, for the server named by
   ``MLFLOW_TRACKING_URI`` (or any server when that is unset).

Secrets live only in memory and in the keyring: :class:`Connection` keeps them out
of its ``repr``, and :func:`clean_url` strips ``user:password@`` from URLs before they
are stored or shown. A missing or failing keyring backend is not an error: the
secret is kept for this session and asked for again next time.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass, field, replace
from urllib.parse import unquote, urlsplit, urlunsplit

from desktop.core.i18n import QT_TRANSLATE_NOOP

KEYRING_SERVICE = "mlflow-desktop"
NONE, BASIC, TOKEN = "none", "basic", "token"
AUTH_KINDS = (NONE, BASIC, TOKEN)
TRUE_WORDS = frozenset({"true", "1", "yes", "on"})


class InvalidServerUrl(ValueError):
    """The text is not an ``http(s)://host[:port][/prefix]`` URL."""


@dataclass(frozen=True)
class Connection:
    """How to reach one server: URL (no credentials), TLS and authentication.

    ``secret`` is the password (``auth == "basic"``) or the token (``"token"``); it
    never appears in ``repr`` and is never stored outside memory and the keyring.
    """

    url: str
    verify_tls: bool = True
    ca_bundle: str | None = None
    auth: str = NONE
    username: str | None = None
    secret: str | None = field(default=None, repr=False)

    @property
    def has_credentials(self) -> bool:
        """Whether requests will carry an ``Authorization`` header."""
        if self.auth == BASIC:
            return bool(self.username) and self.secret is not None
        return self.auth == TOKEN and bool(self.secret)

    def options(self) -> dict[str, object]:
        """The settings that may be persisted (everything but the secret)."""
        return {
            "verify_tls": self.verify_tls,
            "ca_bundle": self.ca_bundle,
            "auth": self.auth,
            "username": self.username if self.auth == BASIC else None,
        }


def is_server_url(text: str) -> bool:
    """Whether ``text`` looks like an ``http://`` or ``https://`` URL."""
    return text.strip().lower().startswith(("http://", "https://"))


def clean_url(url: str) -> str:
    """``url`` without ``user:password@``, query, fragment or trailing ``/``.

    Scheme and host are lower-cased so that the same server has one spelling.
    """
    text = url.strip()
    if not is_server_url(text):
        raise InvalidServerUrl(
            QT_TRANSLATE_NOOP(
                "Server", "{0!r} is not an http:// or https:// URL"
            ).format(_safe(text))
        )
    try:
        parts = urlsplit(text)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise InvalidServerUrl(
            QT_TRANSLATE_NOOP("Server", "{0!r} is not a valid URL ({1})").format(
                _safe(text), exc
            )
        ) from exc
    host = (parts.hostname or "").lower()
    if not host:
        raise InvalidServerUrl(
            QT_TRANSLATE_NOOP("Server", "{0!r} names no host").format(_safe(text))
        )
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidServerUrl(
            QT_TRANSLATE_NOOP("Server", "{0!r} has an invalid port").format(_safe(text))
        ) from exc
    netloc = f"{host}:{port}" if port is not None else host
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


def _safe(text: str) -> str:
    """``text`` with any ``user:password@`` removed (for messages)."""
    scheme, sep, rest = text.partition("://")
    if not sep:
        return text
    host, slash, tail = rest.partition("/")
    return f"{scheme}://{host.rpartition('@')[2]}{slash}{tail}"


def url_credentials(url: str) -> tuple[str | None, str | None]:
    """The ``user`` and ``password`` written into a URL, if any."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # not a valid URL: clean_url says why
        return None, None
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    return user, password


# -- this session's cache --------------------------------------------------------------
class SessionCredentials:
    """The connections one session of the app uses, kept in memory only.

    The composition root owns the app's (:data:`SESSION`) and hands it to the
    windows; a new instance is a new session that was never signed in.
    """

    def __init__(self) -> None:
        self._connections: dict[str, Connection] = {}
        self._lock = threading.Lock()

    def remember(self, connection: Connection, *, keyring: bool | None = False) -> bool:
        """Use ``connection`` for its server from now on in this session.

        With ``keyring`` the secret (with the auth kind and user name) also goes to
        the system keyring; returns whether that worked. With ``False`` (the user
        chose not to keep it, or signed out) a stored keyring entry for the server is
        removed; with ``None`` the keyring is left as it is (this session only).
        """
        with self._lock:
            self._connections[connection.url] = connection
        if keyring:
            return save_to_keyring(connection)
        if keyring is False:
            delete_from_keyring(connection.url)
        return False

    def forget(self, url: str) -> None:
        """Drop what this session remembers for ``url`` (not the keyring entry)."""
        with self._lock:
            self._connections.pop(_session_key(url), None)

    def remembered(self, url: str) -> Connection | None:
        """What this session remembers for ``url``."""
        with self._lock:
            return self._connections.get(_session_key(url))

    def resolve(self, url: str, saved: dict[str, object] | None = None) -> Connection:
        """The connection to use for ``url`` (see the module docstring for the
        order); ``saved`` are persisted non-secret options
        (:meth:`Connection.options`)."""
        cached = self.remembered(url)
        if cached is not None:
            return cached
        return _resolve_outside_session(url, saved)


def _session_key(url: str) -> str:
    """A server's clean URL; another kind's location (a team database's URL,
    already stored without its password) as it is."""
    return clean_url(url) if is_server_url(url) else url.strip()


SESSION = SessionCredentials()
"""The app's session. The GUI's composition root hands it to the main window (its
Connect dialog, imports, artifact listings and live refresh, through its catalog);
only the command line's single-session process (and an import or export given no
session) reads this attribute when it runs."""


# -- the system keyring ----------------------------------------------------------------
def keyring_available() -> bool:
    """Whether a real keyring backend (not the "fail" or null one) is usable."""
    try:
        import keyring
        from keyring.backends import chainer, fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring):
            return False
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return False
        return float(getattr(backend, "priority", 1)) > 0
    except Exception:
        return False


def save_to_keyring(connection: Connection) -> bool:
    """Store the connection's auth kind, user name and secret; ``False`` on failure."""
    if not keyring_available() or not connection.has_credentials:
        return False
    entry = json.dumps(
        {
            "auth": connection.auth,
            "username": connection.username,
            "secret": connection.secret,
        }
    )
    try:
        import keyring

        keyring.set_password(KEYRING_SERVICE, connection.url, entry)
    except Exception:
        return False
    return True


def load_from_keyring(url: str) -> tuple[str, str | None, str] | None:
    """``(auth, username, secret)`` stored for ``url``, or ``None``."""
    if not keyring_available():
        return None
    try:
        import keyring

        raw = keyring.get_password(KEYRING_SERVICE, url)
        data = json.loads(raw) if raw else None
    except Exception:
        return None
    if not isinstance(data, dict) or data.get("auth") not in (BASIC, TOKEN):
        return None
    secret = data.get("secret")
    if not isinstance(secret, str):
        return None
    username = data.get("username")
    return data["auth"], username if isinstance(username, str) else None, secret


def delete_from_keyring(url: str) -> None:
    """Remove a stored entry for ``url`` (quietly: it may not exist)."""
    if not keyring_available():
        return
    try:
        import keyring

        keyring.delete_password(KEYRING_SERVICE, url)
    except Exception:
        return


# -- MLflow's environment ------------------------------------------------------------
def environment_applies(url: str) -> bool:
    """Whether MLflow's credential variables are meant for ``url``: they are when
    ``MLFLOW_TRACKING_URI`` names this server or is unset."""
    tracking = os.environ.get("MLFLOW_TRACKING_URI", "").strip()
    if not tracking or not is_server_url(tracking):
        return True
    try:
        return clean_url(tracking) == url
    except InvalidServerUrl:
        return False


def environment_url() -> str | None:
    """``MLFLOW_TRACKING_URI`` when it names an http(s) server (without userinfo)."""
    tracking = os.environ.get("MLFLOW_TRACKING_URI", "").strip()
    if not is_server_url(tracking):
        return None
    try:
        return clean_url(tracking)
    except InvalidServerUrl:
        return None


def _credentials_file() -> tuple[str | None, str | None]:
    """User name and password from ``~/.mlflow/credentials`` (section ``[mlflow]``)."""
    import configparser  # with the first server, not the window

    path = os.path.expanduser("~/.mlflow/credentials")
    parser = configparser.ConfigParser()
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None, None
    if not parser.has_section("mlflow"):
        return None, None
    section = parser["mlflow"]
    return (
        section.get("mlflow_tracking_username"),
        section.get("mlflow_tracking_password"),
    )


def from_environment(url: str) -> Connection:
    """The connection MLflow itself would use for ``url`` from its environment."""
    url = clean_url(url)
    if not environment_applies(url):
        return Connection(url)
    env = os.environ
    insecure = env.get("MLFLOW_TRACKING_INSECURE_TLS", "").strip().lower()
    ca_bundle = env.get("MLFLOW_TRACKING_SERVER_CERT_PATH") or None
    base = Connection(url, insecure not in TRUE_WORDS, ca_bundle)
    file_user, file_password = _credentials_file()
    username = env.get("MLFLOW_TRACKING_USERNAME") or file_user
    password = env.get("MLFLOW_TRACKING_PASSWORD") or file_password
    if username and password is not None:
        return replace(base, auth=BASIC, username=username, secret=password)
    token = env.get("MLFLOW_TRACKING_TOKEN")
    if token:
        return replace(base, auth=TOKEN, secret=token)
    return base


def _resolve_outside_session(url: str, saved: dict[str, object] | None) -> Connection:
    """The URL's, the keyring's or MLflow's environment's connection for ``url``."""
    key = clean_url(url)
    environment = from_environment(key)
    base = environment
    if saved:
        base = replace(
            environment,
            verify_tls=bool(saved.get("verify_tls", True)),
            ca_bundle=_text_or_none(saved.get("ca_bundle")) or environment.ca_bundle,
        )
    user, password = url_credentials(url)
    if user and password is not None:
        return replace(base, auth=BASIC, username=user, secret=password)
    stored = load_from_keyring(key)
    if stored is not None:
        auth, username, secret = stored
        return replace(base, auth=auth, username=username, secret=secret)
    return base


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
