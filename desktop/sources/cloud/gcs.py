"""Google Cloud Storage (``gs://``) through ``google-cloud-storage`` (the ``gcs``
extra), with Application Default Credentials as MLflow's GCS repository uses."""

from __future__ import annotations

import contextlib
import importlib.util
import threading
from collections.abc import Callable, Iterator
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.cloud.errors import CloudError, missing_extra
from desktop.sources.cloud.store import CHUNK_BYTES, Listed
from desktop.sources.tracking_server.client import Cancelled

_client: Any = None
_lock = threading.Lock()


def available() -> bool:
    """Whether the ``gcs`` extra is installed (without importing it)."""
    try:
        return importlib.util.find_spec("google.cloud.storage") is not None
    except (ImportError, ValueError):
        return False


class GcsStore:
    """One Google Cloud Storage bucket."""

    def __init__(self, bucket: str) -> None:
        if not available():
            raise missing_extra("gs")
        self.bucket = bucket
        self.identity = f"gs/{bucket}"

    def _client(self) -> Any:
        global _client
        with _lock, self._errors(""):
            if _client is None:
                from google.cloud import storage

                _client = storage.Client()
            return _client

    def list_level(
        self, prefix: str, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Listed]:
        """Blobs and sub-folders directly below ``prefix`` (page by page)."""
        with self._errors(prefix):
            blobs = self._client().list_blobs(self.bucket, prefix=prefix, delimiter="/")
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
        """The blob's bytes in chunks."""
        with self._errors(key):
            blob = self._client().bucket(self.bucket).blob(key)
            reader = blob.open("rb", chunk_size=CHUNK_BYTES)

        def chunks() -> Iterator[bytes]:
            try:
                with self._errors(key):
                    while chunk := reader.read(CHUNK_BYTES):
                        yield chunk
            finally:
                reader.close()

        return chunks(), None

    @contextlib.contextmanager
    def _errors(self, key: str) -> Iterator[None]:
        try:
            yield
        except (CloudError, Cancelled):
            raise
        except Exception as exc:  # the library's errors, named by class only
            raise _translate(exc, self.bucket, key) from None


def _translate(exc: Exception, bucket: str, key: str) -> CloudError:
    name = type(exc).__name__
    if name in ("DefaultCredentialsError", "RefreshError"):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "No Google Cloud credentials were found to read bucket '{0}'. Run "
                "'gcloud auth application-default login' or set "
                "GOOGLE_APPLICATION_CREDENTIALS, as for MLflow.",
            ).format(bucket)
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
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "'{1}' was not found in bucket '{0}'."
            ).format(bucket, key or "/")
        )
    return CloudError(
        QT_TRANSLATE_NOOP("Artifacts", "Bucket '{0}' could not be read ({1}).").format(
            bucket, name
        )
    )
