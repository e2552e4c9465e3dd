"""The connection File ▸ Connect to server describes, built without Qt."""

from __future__ import annotations

import pytest

from desktop.services.server_connection import (
    BASIC,
    NONE,
    TOKEN,
    InvalidServerUrl,
    describe_connection,
)


def test_fields_count_for_their_kind_of_authentication_only():
    token = describe_connection(
        "https://ml.example.com/", TOKEN, "ann", "t0k", True, "/ca.pem"
    )
    assert (token.url, token.auth, token.username, token.secret) == (
        "https://ml.example.com",
        TOKEN,
        None,
        "t0k",
    )
    assert token.ca_bundle == "/ca.pem"
    basic = describe_connection("http://h:5000", BASIC, "ann", "pw", False, "/ca.pem")
    assert (basic.username, basic.secret) == ("ann", "pw")
    assert basic.ca_bundle is None  # no bundle without verification
    none = describe_connection("http://h:5000", NONE, "ann", None, True, None)
    assert (none.username, none.secret) == (None, None)


def test_credentials_in_the_url_win_and_leave_it():
    url = "http://bob:s3cret@h:5000"
    found = describe_connection(url, TOKEN, None, "t", True, None)
    assert (found.url, found.auth, found.username, found.secret) == (
        "http://h:5000",
        BASIC,
        "bob",
        "s3cret",
    )


def test_a_url_that_is_no_server_is_refused():
    with pytest.raises(InvalidServerUrl):
        describe_connection("ftp://h", NONE, None, None, True, None)
