"""What can go wrong talking to a tracking server, as exceptions with clear messages.

Messages name the server by its URL without credentials and never contain a
password or token.
"""

from __future__ import annotations


class ServerError(Exception):
    """A request to the tracking server failed; ``str()`` is a message for people."""

    status: int | None = None


class AuthenticationRequired(ServerError):
    """HTTP 401: the server wants credentials, or the ones sent are wrong."""

    status = 401


class PermissionDenied(ServerError):
    """HTTP 403: signed in, but not allowed (or the server rejected our host name)."""

    status = 403


class NotFound(ServerError):
    """HTTP 404 for a resource (a run, an experiment) that does not exist."""

    status = 404


class EndpointMissing(ServerError):
    """The server does not have this API endpoint (an older MLflow release)."""

    status = 404


class Unreachable(ServerError):
    """No answer: wrong host or port, server down, network or proxy trouble."""


class TlsFailure(Unreachable):
    """The HTTPS connection could not be verified (certificate or CA problem)."""


class BadResponse(ServerError):
    """The server answered with something that is not what MLflow sends."""


class RequestFailed(ServerError):
    """Any other error status (400, 5xx after retries...)."""
