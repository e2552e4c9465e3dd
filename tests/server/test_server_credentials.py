"""Where credentials come from, how the keyring is used (and survived when it
fails), and that secrets never show in URLs, reprs or messages. No server needed."""

from __future__ import annotations

import math

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordSetError

from desktop.sources.tracking_server import credentials
from desktop.sources.tracking_server.client import number
from desktop.sources.tracking_server.credentials import (
    BASIC,
    NONE,
    TOKEN,
    Connection,
    InvalidServerUrl,
    clean_url,
)

URL = "http://tracking.example:5000"


def resolve(url: str, saved: dict[str, object] | None = None) -> Connection:
    """What the app's session resolves for ``url``."""
    return credentials.SESSION.resolve(url, saved)


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


class BrokenKeyring(MemoryKeyring):
    def set_password(self, service, username, password):
        raise PasswordSetError("locked")


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_clean_url_strips_credentials_and_noise() -> None:
    assert clean_url("HTTP://bob:s3cret@Tracking.Example:5000/mlflow/?x=1#f") == (
        "http://tracking.example:5000/mlflow"
    )
    assert clean_url("https://[::1]:8443/") == "https://[::1]:8443"
    for bad in ("ftp://x", "http://", "/tmp/mlruns", "http://host:99999"):
        with pytest.raises(InvalidServerUrl) as caught:
            clean_url(bad.replace("//", "//u:pw@") if "://" in bad else bad)
        assert "pw" not in str(caught.value)


def test_environment_like_mlflow(monkeypatch) -> None:
    monkeypatch.setenv("MLFLOW_TRACKING_USERNAME", "bob")
    monkeypatch.setenv("MLFLOW_TRACKING_PASSWORD", "pw")
    monkeypatch.setenv("MLFLOW_TRACKING_INSECURE_TLS", "true")
    found = resolve(URL)
    assert (found.auth, found.username, found.secret) == (BASIC, "bob", "pw")
    assert found.verify_tls is False
    monkeypatch.delenv("MLFLOW_TRACKING_PASSWORD")
    monkeypatch.setenv("MLFLOW_TRACKING_TOKEN", "tok")
    monkeypatch.setenv("MLFLOW_TRACKING_SERVER_CERT_PATH", "/etc/ca.pem")
    found = resolve(URL)
    assert (found.auth, found.secret, found.ca_bundle) == (TOKEN, "tok", "/etc/ca.pem")
    # Credentials meant for another server are not sent to this one.
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://other:5000")
    assert resolve(URL).auth == NONE
    monkeypatch.setenv("MLFLOW_TRACKING_URI", URL + "/")
    assert resolve(URL).auth == TOKEN


def test_credentials_file_like_mlflow(tmp_path) -> None:
    folder = tmp_path / "home" / ".mlflow"
    folder.mkdir(parents=True)
    (folder / "credentials").write_text(
        "[mlflow]\nmlflow_tracking_username = ann\nmlflow_tracking_password = pw2\n"
    )
    found = resolve(URL)
    assert (found.auth, found.username, found.secret) == (BASIC, "ann", "pw2")


def test_session_memory_wins_and_secrets_stay_out_of_repr() -> None:
    connection = Connection(URL, auth=BASIC, username="bob", secret="hunter2")
    assert credentials.SESSION.remember(connection) is False  # no keyring here
    assert resolve(URL + "/") is connection
    assert "hunter2" not in repr(connection)
    assert "hunter2" not in repr(connection.options())
    credentials.SESSION.forget(URL)
    assert resolve(URL).auth == NONE


def test_keyring_round_trip(memory_keyring, new_session) -> None:
    assert credentials.keyring_available()
    connection = Connection(URL, auth=TOKEN, secret="tok")
    assert credentials.SESSION.remember(connection, keyring=True) is True
    new_session()  # a new session of the app
    found = resolve(URL, {"verify_tls": False, "auth": TOKEN})
    assert (found.auth, found.secret, found.verify_tls) == (TOKEN, "tok", False)
    credentials.SESSION.remember(Connection(URL))  # signed out: the keyring entry goes
    assert memory_keyring.items == {}


def test_credentials_in_a_launch_url_leave_the_keyring_entry(
    memory_keyring, new_session
) -> None:
    """``http://user:pw@host`` on the command line is for this session only: the
    entry remembered in the keyring survives it (issue 17)."""
    from desktop.services.importing_server import take_url_secret

    saved = Connection(URL, auth=TOKEN, secret="tok")
    assert credentials.SESSION.remember(saved, keyring=True) is True
    new_session()  # a new session of the app
    location = take_url_secret("http://bob:pw@tracking.example:5000")
    assert location == URL
    assert resolve(URL).secret == "pw"  # this session uses the URL's credentials
    new_session()  # the next session finds the keyring entry
    assert resolve(URL).secret == "tok"
    assert len(memory_keyring.items) == 1


def test_failing_keyring_keeps_credentials_for_the_session(new_session) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        connection = Connection(URL, auth=BASIC, username="bob", secret="pw")
        assert credentials.SESSION.remember(connection, keyring=True) is False
        assert resolve(URL) is connection
        new_session()
        assert resolve(URL).auth == NONE  # asked again next time
    finally:
        keyring.set_keyring(previous)


def test_no_keyring_backend_degrades() -> None:
    assert credentials.keyring_available() is False  # the "fail" backend here
    assert credentials.save_to_keyring(Connection(URL, auth=TOKEN, secret="x")) is False
    assert credentials.load_from_keyring(URL) is None


def test_metric_values_as_mlflow_spells_them() -> None:
    assert math.isnan(number("NaN"))
    assert number("Infinity") == math.inf
    assert number("-Infinity") == -math.inf
    assert number(1.7976931348623157e308) == math.inf  # SQL servers store inf so
    assert number(-1.7976931348623157e308) == -math.inf
    assert number(0.25) == 0.25
    assert number(3) == 3.0
