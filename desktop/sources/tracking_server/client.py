"""A small REST client for MLflow tracking servers on a ``requests.Session``.

Connection errors, 429 and 5xx answers are retried with exponential backoff
(urllib3 ``Retry``, honouring ``Retry-After``); every request has a timeout; TLS is
verified unless the connection says otherwise. Failures become the exceptions of
:mod:`desktop.sources.tracking_server.errors`, whose messages never carry secrets.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import desktop
from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.tracking_server.credentials import BASIC, TOKEN, Connection
from desktop.sources.tracking_server.errors import (
    AuthenticationRequired,
    BadResponse,
    EndpointMissing,
    NotFound,
    PermissionDenied,
    RequestFailed,
    ServerError,
    TlsFailure,
    Unreachable,
)

if TYPE_CHECKING:
    import requests
    from urllib3.util.retry import Retry

API = "/api/2.0/mlflow"
AJAX = "/ajax-api/2.0/mlflow"
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0
REQUEST_DEADLINE = 300.0
"""Seconds one API request may take in all (headers, retries and body), however
the server trickles; a download's headers too."""
MAX_RESPONSE_BYTES = 256 * 1024 * 1024
"""The largest API answer read (a bigger one is refused, not held in memory)."""
MAX_PAGES = 10_000
"""Pages followed in one listing before the server is deemed to loop."""
DOWNLOAD_CHUNK = 256 * 1024
RETRY_STATUSES = (429, 500, 502, 503, 504)


def default_retry(total: int = 4, backoff: float = 0.5) -> Retry:
    """Retry connection errors, 429 and 5xx with exponential backoff."""
    from urllib3.util.retry import Retry

    return Retry(
        total=total,
        connect=total,
        read=1,
        status=total,
        other=0,
        backoff_factor=backoff,
        backoff_max=20.0,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,  # our POSTs are searches: safe to repeat
        respect_retry_after_header=True,
        raise_on_status=False,
    )


class TrackingClient:
    """Typed access to the endpoints a viewer needs (JSON in, dicts out)."""

    def __init__(
        self,
        connection: Connection,
        *,
        retry: Retry | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        deadline: float = REQUEST_DEADLINE,
        max_bytes: int = MAX_RESPONSE_BYTES,
    ) -> None:
        self.connection = connection
        self.url = connection.url
        self.timeout = timeout
        import requests  # 0.2-0.4 s: loaded when a server is first contacted

        from desktop.sources.tracking_server.deadline import DeadlineAdapter

        self.deadline = deadline
        self.max_bytes = max_bytes
        self.session = requests.Session()
        adapter = DeadlineAdapter(max_retries=retry or default_retry())
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.trust_env = True  # proxies from the environment, like MLflow
        self.session.headers["User-Agent"] = f"mlflow-desktop/{desktop.__version__}"
        if connection.ca_bundle:
            self.session.verify = connection.ca_bundle
        else:
            self.session.verify = connection.verify_tls
        if connection.auth == BASIC and connection.has_credentials:
            self.session.auth = (connection.username or "", connection.secret or "")
        elif connection.auth == TOKEN and connection.secret:
            self.session.headers["Authorization"] = f"Bearer {connection.secret}"
        self._lock = threading.Lock()

    def close(self) -> None:
        """Release pooled connections."""
        self.session.close()

    def __enter__(self) -> TrackingClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- plumbing ---------------------------------------------------------------------
    def request(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, Any] | None = None,
        body: dict[str, Any] | None = None,
    ) -> requests.Response:
        """Send a request to ``path`` (below the server URL) and check the answer.

        The body is not read yet: use :meth:`read_body` (or stream it).
        """
        from desktop.sources.tracking_server.deadline import watched

        with watched(self.deadline) as watch:
            try:
                return self._send(method, path, params, body)
            except ServerError:
                if watch.fired:
                    raise Unreachable(self._too_slow()) from None
                raise

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None,
        body: dict[str, Any] | None,
    ) -> requests.Response:
        import requests
        from urllib3.exceptions import HTTPError

        target = self.url + path
        try:
            response = self.session.request(
                method,
                target,
                params=params,
                json=body,
                timeout=self.timeout,
                stream=True,  # bodies are read within limits (see read_body)
                allow_redirects=True,
            )
        except requests.exceptions.SSLError as exc:
            raise TlsFailure(_tls_message(self.url, exc)) from None
        except requests.exceptions.Timeout:
            raise Unreachable(
                QT_TRANSLATE_NOOP(
                    "Server",
                    "{0} did not answer in time. The server may be overloaded "
                    "or the network slow; try again later.",
                ).format(self.url)
            ) from None
        except requests.exceptions.RetryError:
            raise RequestFailed(
                QT_TRANSLATE_NOOP(
                    "Server", "{0} kept failing (too many retries on {1})."
                ).format(self.url, path)
            ) from None
        except requests.exceptions.ConnectionError as exc:
            if "timed out" in str(exc):
                raise Unreachable(self._too_slow()) from None
            raise Unreachable(_unreachable_message(self.url, exc)) from None
        except requests.exceptions.InvalidURL:
            raise Unreachable(
                QT_TRANSLATE_NOOP(
                    "Server", "{0} is not a valid server address."
                ).format(self.url)
            ) from None
        except requests.exceptions.RequestException as exc:
            raise Unreachable(
                QT_TRANSLATE_NOOP("Server", "Cannot talk to {0}: {1}.").format(
                    self.url, type(exc).__name__
                )
            ) from None
        if response.status_code >= 400:
            try:
                head = response.raw.read(1 << 16, decode_content=True) or b""
            except (HTTPError, OSError):
                head = b""
            finally:
                response.close()
            raise _error_for(self.url, path, response, head)
        return response

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> dict:
        """GET ``path`` and decode its JSON body (all within :attr:`deadline`)."""
        from desktop.sources.tracking_server.deadline import watched

        started = time.monotonic()
        with watched(self.deadline):
            response = self.request("GET", path, params=params)
            return _json(self.url, self.read_body(response, started))

    def post_json(self, path: str, body: dict[str, Any]) -> dict:
        """POST a JSON body to ``path`` and decode the JSON answer (all within
        :attr:`deadline`)."""
        from desktop.sources.tracking_server.deadline import watched

        started = time.monotonic()
        with watched(self.deadline):
            response = self.request("POST", path, body=body)
            return _json(self.url, self.read_body(response, started))

    def read_body(self, response: requests.Response, started: float) -> bytes:
        """A streamed answer's body, within :attr:`max_bytes` and :attr:`deadline`.

        Read piece by piece as bytes arrive, so a server that trickles one byte at
        a time, sends a body without end or a huge one is stopped with a reason.
        """
        import requests
        from urllib3.exceptions import HTTPError

        with response:
            header = response.headers.get("Content-Length", "")
            if header.isdigit() and int(header) > self.max_bytes:
                raise BadResponse(self._too_big())
            chunks: list[bytes] = []
            size = 0
            try:
                while chunk := response.raw.read1(DOWNLOAD_CHUNK, decode_content=True):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise BadResponse(self._too_big())
                    if time.monotonic() - started > self.deadline:
                        raise Unreachable(self._too_slow())
                    chunks.append(chunk)
            except (requests.exceptions.RequestException, HTTPError, OSError):
                raise Unreachable(self._too_slow()) from None
        if time.monotonic() - started > self.deadline:  # cut short at the deadline
            raise Unreachable(self._too_slow())
        return b"".join(chunks)

    def _too_big(self) -> str:
        return QT_TRANSLATE_NOOP(
            "Server", "{0} sent an answer larger than {1} MB; it was not read."
        ).format(self.url, -(-self.max_bytes // (1 << 20)))

    def _too_slow(self) -> str:
        return QT_TRANSLATE_NOOP(
            "Server",
            "{0} did not finish answering in time (limit: {1} s to start, {2} s "
            "in all). The server may be overloaded or the network slow.",
        ).format(self.url, round(self.timeout[1]), round(self.deadline))

    # -- server -----------------------------------------------------------------------
    def version(self) -> str | None:
        """The server's MLflow version (``/version``), ``None`` if it does not say."""
        from desktop.sources.tracking_server.deadline import watched

        started = time.monotonic()
        with watched(self.deadline):
            try:
                response = self.request("GET", "/version")
            except (EndpointMissing, NotFound):
                return None
            body = self.read_body(response, started)
        text = body[:64].decode("utf-8", "replace").strip()
        return text if text and len(text) < 64 and "<" not in text else None

    def server_info(self) -> dict:
        """``/api/3.0/mlflow/server-info`` (empty on servers older than 3.x)."""
        try:
            return self.get_json("/api/3.0/mlflow/server-info")
        except (EndpointMissing, NotFound):
            return {}

    # -- downloads --------------------------------------------------------------------
    def download(
        self,
        path: str,
        params: dict[str, Any] | None,
        write: Callable[[bytes], None],
        progress: Callable[[int, int | None], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        max_bytes: int | None = None,
    ) -> int:
        """Stream a raw download to ``write``; returns the number of bytes.

        ``progress(done, total)`` is called per chunk (``total`` may be ``None``);
        when ``cancelled()`` turns true the download stops with :class:`Cancelled`,
        checked whenever bytes arrive. More bytes than ``max_bytes`` (or than the
        announced length) stop it with :class:`BadResponse`.
        """
        import requests
        from urllib3.exceptions import HTTPError

        response = self.request("GET", path, params=params)
        with response:
            header = response.headers.get("Content-Length")
            total = int(header) if header and header.isdigit() else None
            done = 0
            try:
                caps = [x for x in (max_bytes, total) if x is not None]
                cap = min(caps) if caps else None
                while chunk := response.raw.read1(DOWNLOAD_CHUNK, decode_content=True):
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    done += len(chunk)
                    if cap is not None and done > cap:
                        raise BadResponse(
                            QT_TRANSLATE_NOOP(
                                "Server", "{0} sent more bytes than announced."
                            ).format(self.url)
                        )
                    write(chunk)
                    if progress is not None:
                        progress(done, total)
            except (requests.exceptions.RequestException, HTTPError):
                raise Unreachable(
                    QT_TRANSLATE_NOOP(
                        "Server", "The download from {0} was interrupted."
                    ).format(self.url)
                ) from None
        if total is not None and done != total:
            raise Unreachable(
                QT_TRANSLATE_NOOP(
                    "Server", "The download from {0} ended early ({1} of {2} bytes)."
                ).format(self.url, done, total)
            )
        return done


class Cancelled(Exception):
    """A download was cancelled by the caller."""


def paged(
    fetch: Callable[[str | None], dict], items: str, max_pages: int | None = None
) -> Iterator[list[dict[str, Any]]]:
    """Pages of ``items`` from an endpoint that pages with ``next_page_token``.

    More than ``max_pages`` pages (default :data:`MAX_PAGES`) raise
    :class:`BadResponse`: a server that never stops paging is not followed.
    """
    token: str | None = None
    seen: set[str] = set()
    limit = MAX_PAGES if max_pages is None else max_pages
    while True:
        if len(seen) >= limit:
            raise BadResponse(
                QT_TRANSLATE_NOOP(
                    "Server",
                    "The server kept sending more {0} after {1} pages; stopped "
                    "there (is it looping?).",
                ).format(items, limit)
            )
        page = fetch(token)
        yield list(page.get(items) or [])
        token = page.get("next_page_token") or None
        if not token or token in seen:  # a repeated token would loop forever
            return
        seen.add(token)


def _json(url: str, body: bytes) -> dict:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # not JSON, or nested beyond any use
        raise BadResponse(
            QT_TRANSLATE_NOOP(
                "Server",
                "{0} did not answer with JSON; is this an MLflow tracking server?",
            ).format(url)
        ) from None
    if not isinstance(data, dict):
        raise BadResponse(
            QT_TRANSLATE_NOOP("Server", "{0} sent an unexpected answer.").format(url)
        )
    return data


def _error_for(
    url: str, path: str, response: requests.Response, body: bytes
) -> ServerError:
    status = response.status_code
    code, detail = _error_body(body)
    if status == 401:
        return AuthenticationRequired(
            QT_TRANSLATE_NOOP(
                "Server",
                "{0} needs you to sign in, or the user name, password or token "
                "given is wrong (HTTP 401).",
            ).format(url)
        )
    if status == 403:
        if "host header" in detail.lower():
            return PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "Server",
                    "{0} refused this connection: {1}. The server's operator "
                    "must allow this host name (mlflow server --allowed-hosts).",
                ).format(url, detail)
            )
        if detail:
            return PermissionDenied(
                QT_TRANSLATE_NOOP(
                    "Server",
                    "{0}: your account is not allowed to read this (HTTP 403). {1}",
                ).format(url, detail)
            )
        return PermissionDenied(
            QT_TRANSLATE_NOOP(
                "Server", "{0}: your account is not allowed to read this (HTTP 403)."
            ).format(url)
        )
    if status in (404, 405) and code not in ("RESOURCE_DOES_NOT_EXIST",):
        return EndpointMissing(
            QT_TRANSLATE_NOOP(
                "Server",
                "{0} does not offer {1} (HTTP {2}); the server may run an "
                "older MLflow release, or the URL is not the server's root.",
            ).format(url, path, status)
        )
    if status == 404:
        if not detail:
            return NotFound(
                QT_TRANSLATE_NOOP("Server", "{0}: not found (HTTP 404).").format(url)
            )
        return NotFound(
            QT_TRANSLATE_NOOP("Server", "{0}: {1} (HTTP 404).").format(url, detail)
        )
    what = f"{code}: {detail}" if code else detail or response.reason or "error"
    return RequestFailed(
        QT_TRANSLATE_NOOP("Server", "{0} answered HTTP {1} for {2}: {3}").format(
            url, status, path, what
        )
    )


def _error_body(body: bytes) -> tuple[str, str]:
    """MLflow's ``error_code`` and ``message`` (or a short plain-text body)."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        text = body.decode("utf-8", "replace") if len(body) < 500 else ""
        return "", " ".join(text.split()) if "<" not in text else ""
    if not isinstance(data, dict):
        return "", ""
    return str(data.get("error_code") or ""), str(data.get("message") or "")[:500]


def _unreachable_message(url: str, exc: Exception) -> str:
    text = str(exc)
    if "Name or service not known" in text or "getaddrinfo" in text:
        return QT_TRANSLATE_NOOP(
            "Server", "The host of {0} is unknown. Check the spelling of the URL."
        ).format(url)
    if "Connection refused" in text or "Max retries" in text:
        return QT_TRANSLATE_NOOP(
            "Server",
            "Cannot connect to {0}: nothing answers there. Check the URL and "
            "port, and that the server is running.",
        ).format(url)
    return QT_TRANSLATE_NOOP(
        "Server", "Cannot connect to {0}. Check the URL, the network and any proxy."
    ).format(url)


def _tls_message(url: str, exc: Exception) -> str:
    text = str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
        reason = text.split("certificate verify failed:", 1)[-1].split(")")[0].strip()
        if reason and reason != text:
            return QT_TRANSLATE_NOOP(
                "Server",
                "The certificate of {0} could not be verified ({1}). Choose "
                "the CA bundle that signed it, or (only if you trust the network) "
                "turn off TLS verification.",
            ).format(url, reason)
        return QT_TRANSLATE_NOOP(
            "Server",
            "The certificate of {0} could not be verified. Choose the CA "
            "bundle that signed it, or (only if you trust the network) turn off "
            "TLS verification.",
        ).format(url)
    if "WRONG_VERSION_NUMBER" in text:
        return QT_TRANSLATE_NOOP(
            "Server", "{0} does not speak HTTPS on this port; try http:// instead."
        ).format(url)
    return QT_TRANSLATE_NOOP(
        "Server", "The secure (TLS) connection to {0} failed."
    ).format(url)


def number(value: object) -> float:
    """A metric value as MLflow's JSON spells it: numbers, ``"NaN"``, ``"Infinity"``.

    SQL-backed servers store infinity as ±DBL_MAX (§3.2): shown as ±infinity.
    """
    if isinstance(value, str):
        try:
            result = float(value)
        except ValueError:
            return math.nan
    elif isinstance(value, int | float) and not isinstance(value, bool):
        result = float(value)
    else:
        return math.nan
    if abs(result) == 1.7976931348623157e308:
        return math.copysign(math.inf, result)
    return result


def integer(value: object) -> int | None:
    """An int64 field (JSON number or numeric string); ``None`` when absent."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        try:
            return int(float(value))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None


def dumps_stable(value: object) -> str:
    """Canonical JSON (sorted keys) for stamps."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
