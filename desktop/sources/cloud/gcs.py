"""Google Cloud Storage (``gs://``) through ``google-cloud-storage`` (the ``gcs``
extra), with Application Default Credentials as MLflow's GCS repository uses.

``STORAGE_EMULATOR_HOST`` points the client at an emulator (anonymous access),
as it does for MLflow. Clients are reused while the credential-related
environment stays the same; requests give up after :data:`RETRY_SECONDS` of
retries, so an unreachable endpoint is reported in seconds, not minutes. Error
messages name the bucket and the endpoint, never a credential.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.cloud.errors import CloudError, missing_extra
from desktop.sources.cloud.s3 import public_url
from desktop.sources.cloud.store import CHUNK_BYTES, Listed
from desktop.sources.tracking_server.client import Cancelled

ENVIRONMENT = (
    "STORAGE_EMULATOR_HOST",
    "GOOGLE_APPLICATION_CREDENTIALS",
    "GOOGLE_CLOUD_PROJECT",
    "CLOUDSDK_CONFIG",
    "CLOUDSDK_CORE_PROJECT",
)
RETRY_SECONDS = 8.0
"""How long one request is retried (the library's default is two minutes)."""
TIMEOUT = (10.0, 60.0)
"""Connect and read timeouts of one request, in seconds."""
PAGE_SIZE = 1000
"""Objects per listing page (as GCS's own maximum)."""

_clients: dict[str, Any] = {}
_lock = threading.Lock()


def available() -> bool:
    """Whether the ``gcs`` extra is installed (without importing it)."""
    try:
        return importlib.util.find_spec("google.cloud.storage") is not None
    except (ImportError, ValueError):
        return False


def endpoint_label() -> str:
    """Where requests go, as shown in messages: the emulator's URL (without user
    info) when ``STORAGE_EMULATOR_HOST`` is set."""
    emulator = os.environ.get("STORAGE_EMULATOR_HOST", "").strip()
    if not emulator:
        return "Google Cloud Storage"
    return public_url(emulator if "://" in emulator else f"http://{emulator}")


def _environment_digest() -> str:
    joined = "\x00".join(os.environ.get(n, "") for n in ENVIRONMENT)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()


def _retry() -> Any:
    from google.cloud.storage.retry import DEFAULT_RETRY

    return DEFAULT_RETRY.with_timeout(RETRY_SECONDS)


class GcsStore:
    """One Google Cloud Storage bucket."""

    def __init__(self, bucket: str) -> None:
        if not available():
            raise missing_extra("gs")
        self.bucket = bucket
        self.endpoint = endpoint_label()
        emulated = os.environ.get("STORAGE_EMULATOR_HOST", "").strip()
        self.identity = f"gs/{self.endpoint}/{bucket}" if emulated else f"gs/{bucket}"

    def _client(self) -> Any:
        key = _environment_digest()
        with _lock, self._errors("", listing=True):
            client = _clients.get(key)
            if client is None:
                from google.cloud import storage

                client = _clients[key] = storage.Client()
            return client

    def list_level(
        self, prefix: str, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Listed]:
        """Blobs and sub-folders directly below ``prefix`` (page by page)."""
        with self._errors(prefix, listing=True):
            blobs = self._client().list_blobs(
                self.bucket,
                prefix=prefix,
                delimiter="/",
                page_size=PAGE_SIZE,
                retry=_retry(),
                timeout=TIMEOUT,
            )
            for page in blobs.pages:
                if cancelled is not None and cancelled():
                    raise Cancelled
                for blob in page:
                    size = blob.size
                    updated = blob.updated
                    yield Listed(
                        blob.name,
                        False,
                        int(size) if size is not None else None,
                        updated.timestamp() if updated is not None else None,
                    )
                for folder in page.prefixes:
                    yield Listed(folder, True, None)

    def read(self, key: str) -> tuple[Iterator[bytes], int | None]:
        """The blob's bytes in chunks, and its size."""
        with self._errors(key):
            blob = (
                self._client()
                .bucket(self.bucket)
                .get_blob(key, retry=_retry(), timeout=TIMEOUT)
            )
            if blob is None:
                raise _missing_key(self.bucket, key)
            size = blob.size
            reader = blob.open("rb", chunk_size=CHUNK_BYTES, retry=_retry())

        def chunks() -> Iterator[bytes]:
            try:
                with self._errors(key):
                    while chunk := reader.read(CHUNK_BYTES):
                        yield chunk
            finally:
                reader.close()

        return chunks(), int(size) if size is not None else None

    @contextlib.contextmanager
    def _errors(self, key: str, listing: bool = False) -> Iterator[None]:
        try:
            yield
        except (CloudError, Cancelled):
            raise
        except Exception as exc:  # the library's errors, named by class only
            raise _translate(exc, self.bucket, self.endpoint, key, listing) from None


def _missing_key(bucket: str, key: str) -> CloudError:
    return CloudError(
        QT_TRANSLATE_NOOP("Artifacts", "'{1}' was not found in bucket '{0}'.").format(
            bucket, key or "/"
        )
    )


def _cause_names(exc: BaseException) -> set[str]:
    """The class names of ``exc`` and of the errors it wraps (a ``RetryError``
    carries the last one as its cause)."""
    names: set[str] = set()
    seen: BaseException | None = exc
    while seen is not None and len(names) < 10:
        names.add(type(seen).__name__)
        seen = getattr(seen, "cause", None) or seen.__cause__ or seen.__context__
    return names


def _translate(
    exc: Exception, bucket: str, endpoint: str, key: str, listing: bool
) -> CloudError:
    name = type(exc).__name__
    names = _cause_names(exc)
    if names & {"DefaultCredentialsError", "RefreshError", "TransportError"} and (
        "ConnectionError" not in names
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "No Google Cloud credentials were found to read bucket '{0}'. Run "
                "'gcloud auth application-default login' or set "
                "GOOGLE_APPLICATION_CREDENTIALS, as for MLflow.",
            ).format(bucket)
        )
    if names & {"ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout"} or (
        name == "RetryError"
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Cannot connect to {1} to read bucket '{0}'. Check the network "
                "(and STORAGE_EMULATOR_HOST, if set).",
            ).format(bucket, endpoint)
        )
    if name in ("Forbidden", "Unauthorized"):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Access to bucket '{0}' was denied. Check that your credentials "
                "may read it.",
            ).format(bucket)
        )
    if name == "NotFound":
        if listing:  # listing a missing prefix finds nothing; a 404 is the bucket
            return CloudError(
                QT_TRANSLATE_NOOP(
                    "Artifacts", "Bucket '{0}' does not exist at {1}."
                ).format(bucket, endpoint)
            )
        return _missing_key(bucket, key)
    return CloudError(
        QT_TRANSLATE_NOOP("Artifacts", "Bucket '{0}' could not be read ({1}).").format(
            bucket, name
        )
    )
