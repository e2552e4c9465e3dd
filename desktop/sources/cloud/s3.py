"""Amazon S3 and S3-compatible stores (MinIO, Ceph...) through boto3.

Credentials come from boto3's default chain (environment variables, ``~/.aws``
profiles, ``AWS_PROFILE``, instance roles). The environment is read as MLflow's
own S3 artifact repository reads it: ``MLFLOW_S3_ENDPOINT_URL`` for an
S3-compatible server, ``MLFLOW_S3_IGNORE_TLS`` to skip certificate checks
(``AWS_CA_BUNDLE`` is honoured by botocore), ``MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE``,
``MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION`` and ``MLFLOW_S3_EXPECTED_BUCKET_OWNER``.
Nothing here logs or keeps a credential; error messages name the bucket and the
endpoint only.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.cloud.errors import CloudError
from desktop.sources.cloud.store import CHUNK_BYTES, Listed
from desktop.sources.tracking_server.client import Cancelled

CREDENTIAL_VARIABLES = (
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "AWS_CONFIG_FILE",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_CA_BUNDLE",
)
DENIED_CODES = {
    "AccessDenied",
    "AllAccessDisabled",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "InvalidToken",
    "ExpiredToken",
    "TokenRefreshRequired",
    "403",
}
MISSING_BUCKET_CODES = {"NoSuchBucket"}
MISSING_KEY_CODES = {"NoSuchKey", "404", "NotFound"}


def _flag(name: str) -> bool:
    """An MLflow boolean environment variable (``true``/``1``, any case)."""
    return os.environ.get(name, "").strip().lower() in ("true", "1")


@dataclass(frozen=True, slots=True)
class S3Settings:
    """The client settings MLflow's S3 repository takes from the environment."""

    endpoint_url: str | None
    verify: bool | None
    signature_version: str
    addressing_style: str
    expected_owner: str | None

    @classmethod
    def from_environment(cls) -> S3Settings:
        """The settings of the current environment."""
        return cls(
            os.environ.get("MLFLOW_S3_ENDPOINT_URL") or None,
            False if _flag("MLFLOW_S3_IGNORE_TLS") else None,
            os.environ.get("MLFLOW_EXPERIMENTAL_S3_SIGNATURE_VERSION", "s3v4"),
            os.environ.get("MLFLOW_BOTO_CLIENT_ADDRESSING_STYLE", "auto"),
            os.environ.get("MLFLOW_S3_EXPECTED_BUCKET_OWNER") or None,
        )

    @property
    def endpoint_label(self) -> str:
        """The endpoint as shown in messages (without any user info)."""
        if not self.endpoint_url:
            return "Amazon S3"
        return public_url(self.endpoint_url)


def public_url(url: str) -> str:
    """``url`` without user name or password."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "?"
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


_clients: dict[tuple, Any] = {}
_lock = threading.Lock()


def _environment_digest() -> str:
    """A digest of the credential-related environment (clients are reused while
    it stays the same; the values themselves are not kept)."""
    joined = "\x00".join(os.environ.get(n, "") for n in CREDENTIAL_VARIABLES)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def _quiet_boto_logs() -> None:
    """boto's debug logs show request headers (the access key id, signatures):
    keep them off unless someone set their level on purpose."""
    for name in ("boto3", "botocore", "s3transfer"):
        logger = logging.getLogger(name)
        if logger.level == logging.NOTSET:
            logger.setLevel(logging.WARNING)


def s3_client(settings: S3Settings, bucket: str) -> Any:
    """A boto3 S3 client for ``settings`` (created once per settings and
    environment; boto3 clients are thread-safe, creating them is not)."""
    key = (settings, _environment_digest())
    with _lock:
        client = _clients.get(key)
        if client is not None:
            return client
        import boto3
        from botocore import UNSIGNED
        from botocore.config import Config
        from botocore.exceptions import BotoCoreError

        _quiet_boto_logs()
        signature: Any = settings.signature_version
        if signature.lower() == "unsigned":
            signature = UNSIGNED
        try:
            session = boto3.session.Session()
            client = session.client(
                "s3",
                config=Config(
                    signature_version=signature,
                    s3={"addressing_style": settings.addressing_style},
                    connect_timeout=10,
                    read_timeout=60,
                    retries={"max_attempts": 2, "mode": "standard"},
                ),
                endpoint_url=settings.endpoint_url,
                verify=settings.verify,
            )
        except BotoCoreError as exc:
            raise _translate(exc, settings, bucket, "") from None
        except ValueError as exc:  # a malformed endpoint URL
            raise CloudError(
                QT_TRANSLATE_NOOP(
                    "Artifacts",
                    "Cannot reach bucket '{0}': the endpoint {1} "
                    "(MLFLOW_S3_ENDPOINT_URL) is not a valid URL.",
                ).format(bucket, settings.endpoint_label)
            ) from exc
        _clients[key] = client
        return client


class S3Store:
    """One S3 bucket, reached with the user's usual AWS credentials."""

    def __init__(self, bucket: str, settings: S3Settings | None = None) -> None:
        self.bucket = bucket
        self.settings = settings or S3Settings.from_environment()
        endpoint = self.settings.endpoint_label
        self.identity = f"s3/{endpoint}/{bucket}"
        self._owner = (
            {"ExpectedBucketOwner": self.settings.expected_owner}
            if self.settings.expected_owner
            else {}
        )

    def _client(self) -> Any:
        return s3_client(self.settings, self.bucket)

    def list_level(
        self, prefix: str, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Listed]:
        """Keys and sub-folders directly below ``prefix`` (paginated)."""
        with self._errors(prefix):
            pages = (
                self._client()
                .get_paginator("list_objects_v2")
                .paginate(
                    Bucket=self.bucket, Prefix=prefix, Delimiter="/", **self._owner
                )
            )
            for page in pages:
                if cancelled is not None and cancelled():
                    raise Cancelled
                for folder in page.get("CommonPrefixes") or ():
                    yield Listed(str(folder.get("Prefix") or ""), True, None)
                for item in page.get("Contents") or ():
                    yield Listed(
                        str(item.get("Key") or ""), False, _size(item), _time(item)
                    )

    def read(self, key: str) -> tuple[Iterator[bytes], int | None]:
        """The object's bytes in chunks (streamed) and its size."""
        with self._errors(key):
            response = self._client().get_object(
                Bucket=self.bucket, Key=key, **self._owner
            )
        body = response["Body"]
        size = response.get("ContentLength")

        def chunks() -> Iterator[bytes]:
            try:
                with self._errors(key):
                    yield from body.iter_chunks(CHUNK_BYTES)
            finally:
                body.close()

        return chunks(), int(size) if size is not None else None

    @contextlib.contextmanager
    def _errors(self, key: str) -> Iterator[None]:
        """Turn boto3's errors into a :class:`CloudError` naming the bucket."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except (BotoCoreError, ClientError) as exc:
            raise _translate(exc, self.settings, self.bucket, key) from None


def _size(item: dict) -> int | None:
    try:
        return int(item["Size"])
    except (KeyError, TypeError, ValueError):
        return None


def _time(item: dict) -> float | None:
    moment = item.get("LastModified")
    return None if moment is None else float(moment.timestamp())


def _translate(
    exc: Exception, settings: S3Settings, bucket: str, key: str
) -> CloudError:
    """A clear message for a boto3 error (its own text may hold request details,
    so only its class and error code are used)."""
    from botocore import exceptions as boto

    endpoint = settings.endpoint_label
    if isinstance(exc, boto.NoCredentialsError | boto.PartialCredentialsError):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "No AWS credentials were found to read bucket '{0}'. Set "
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with a "
                "profile in ~/.aws, as for MLflow, then try again.",
            ).format(bucket)
        )
    if isinstance(exc, boto.ProfileNotFound):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "The AWS profile named in AWS_PROFILE was not found in ~/.aws; "
                "bucket '{0}' cannot be read.",
            ).format(bucket)
        )
    if isinstance(exc, boto.SSLError):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "The TLS certificate of {1} is not trusted, so bucket '{0}' was "
                "not read. Set AWS_CA_BUNDLE to your CA file (or "
                "MLFLOW_S3_IGNORE_TLS=true for a test server).",
            ).format(bucket, endpoint)
        )
    if isinstance(
        exc,
        boto.EndpointConnectionError
        | boto.ConnectTimeoutError
        | boto.ReadTimeoutError
        | boto.ConnectionClosedError,
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Cannot connect to {1} to read bucket '{0}'. Check the network, "
                "and MLFLOW_S3_ENDPOINT_URL for MinIO and other S3-compatible "
                "servers.",
            ).format(bucket, endpoint)
        )
    if isinstance(exc, boto.ClientError):
        error = exc.response.get("Error") or {}
        code = str(error.get("Code") or "")
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in DENIED_CODES or status == 403:
            return CloudError(
                QT_TRANSLATE_NOOP(
                    "Artifacts",
                    "Access to bucket '{0}' at {1} was denied ({2}). Check that your "
                    "AWS credentials or profile may read it.",
                ).format(bucket, endpoint, code or status)
            )
        if code in MISSING_BUCKET_CODES:
            return CloudError(
                QT_TRANSLATE_NOOP(
                    "Artifacts", "Bucket '{0}' does not exist at {1}."
                ).format(bucket, endpoint)
            )
        if code in MISSING_KEY_CODES or status == 404:
            return CloudError(
                QT_TRANSLATE_NOOP(
                    "Artifacts", "'{1}' is no longer in bucket '{0}'."
                ).format(bucket, key)
            )
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Bucket '{0}' at {1} answered with an error ({2})."
            ).format(bucket, endpoint, code or status)
        )
    return CloudError(
        QT_TRANSLATE_NOOP(
            "Artifacts", "Bucket '{0}' at {1} could not be read ({2})."
        ).format(bucket, endpoint, type(exc).__name__)
    )
