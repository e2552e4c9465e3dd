"""Azure Blob Storage and Data Lake Storage Gen2 (``wasbs://``, ``abfss://``)
through ``azure-storage-blob`` and ``azure-identity`` (the ``azure`` extra).

Credentials as MLflow's Azure repositories take them:
``AZURE_STORAGE_CONNECTION_STRING`` (its endpoint too, as for Azurite), else
``AZURE_STORAGE_ACCESS_KEY``, else (``abfss://`` only, as MLflow's Data Lake
repository) ``AZURE_STORAGE_SAS_TOKEN``, else ``DefaultAzureCredential``
(environment, managed identity, Azure CLI login...). Data Lake accounts are read
through their Blob endpoint. Requests give up after a few quick retries (the
library's default waits minutes on an unreachable endpoint). Error messages name
the container and the endpoint, never a credential.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Callable, Iterator
from typing import Any

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.sources.cloud.errors import CloudError, missing_extra
from desktop.sources.cloud.s3 import public_url
from desktop.sources.cloud.store import CHUNK_BYTES, Listed
from desktop.sources.tracking_server.client import Cancelled

DATA_LAKE_SCHEMES = ("abfss", "abfs")
PAGE_SIZE = 5000
"""Blobs per listing page (as Azure's own maximum)."""
CLIENT_OPTIONS: dict[str, Any] = {
    "retry_total": 2,
    "initial_backoff": 1,
    "increment_base": 2,
    "connection_timeout": 10,
    "read_timeout": 60,
    "max_single_get_size": CHUNK_BYTES,  # so downloads report progress, cancel
    "max_chunk_get_size": CHUNK_BYTES,
}


def available() -> bool:
    """Whether the ``azure`` extra is installed (without importing it)."""
    try:
        return all(
            importlib.util.find_spec(name) is not None
            for name in ("azure.storage.blob", "azure.identity")
        )
    except (ImportError, ValueError):
        return False


def blob_host(host: str) -> str:
    """The Blob endpoint host of an account host (``.dfs.`` becomes ``.blob.``)."""
    return host.replace(".dfs.", ".blob.", 1)


def connection_endpoint(connection: str) -> str | None:
    """The Blob endpoint a connection string names, without scheme or query
    (``BlobEndpoint``, else ``<AccountName>.blob.<EndpointSuffix>``); ``None``
    without one. Only these fields are read: the key is never kept."""
    fields: dict[str, str] = {}
    for part in connection.split(";"):
        name, equals, value = part.partition("=")
        if equals:
            fields[name.strip().lower()] = value.strip()
    if fields.get("blobendpoint"):
        url = public_url(fields["blobendpoint"])
        return url.split("://", 1)[-1].rstrip("/") or None
    account = fields.get("accountname")
    if not account:
        return None
    return f"{account}.blob.{fields.get('endpointsuffix') or 'core.windows.net'}"


class AzureStore:
    """One container of an Azure storage account."""

    def __init__(self, container: str, host: str, scheme: str = "wasbs") -> None:
        if not available():
            raise missing_extra("azure")
        self.bucket = container
        self.scheme = scheme
        self._connection = os.environ.get("AZURE_STORAGE_CONNECTION_STRING") or ""
        # A connection string names the endpoint (Azurite, another cloud):
        # messages and the download cache follow it, as requests do.
        self.host = connection_endpoint(self._connection) or blob_host(host)
        self.identity = f"azure/{self.host}/{container}"
        self.account_url = f"https://{self.host}"
        """Where requests go without a connection string."""
        self._container: Any = None

    def _client(self) -> Any:
        if self._container is None:
            with self._errors("", listing=True):
                from azure.storage.blob import BlobServiceClient

                if self._connection:
                    service = BlobServiceClient.from_connection_string(
                        self._connection, **CLIENT_OPTIONS
                    )
                else:
                    service = BlobServiceClient(
                        self.account_url,
                        credential=self._credential(),
                        **CLIENT_OPTIONS,
                    )
                self._container = service.get_container_client(self.bucket)
        return self._container

    def _credential(self) -> Any:
        """The credential MLflow's repository of this scheme would use."""
        key = os.environ.get("AZURE_STORAGE_ACCESS_KEY")
        if key:
            return key
        sas = os.environ.get("AZURE_STORAGE_SAS_TOKEN", "").lstrip("?")
        if sas and self.scheme in DATA_LAKE_SCHEMES:
            from azure.core.credentials import AzureSasCredential

            return AzureSasCredential(sas)  # explicit: a plain string may be a key
        from azure.identity import DefaultAzureCredential

        return DefaultAzureCredential()

    def list_level(
        self, prefix: str, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Listed]:
        """Blobs and sub-folders directly below ``prefix`` (paged by the client)."""
        with self._errors(prefix, listing=True):
            items = self._client().walk_blobs(
                name_starts_with=prefix, delimiter="/", results_per_page=PAGE_SIZE
            )
            for count, item in enumerate(items):
                if cancelled is not None and count % 1000 == 0 and cancelled():
                    raise Cancelled
                name = str(item.name)
                if type(item).__name__ == "BlobPrefix":
                    yield Listed(name, True, None)
                else:
                    size = getattr(item, "size", None)
                    changed = getattr(item, "last_modified", None)
                    yield Listed(
                        name,
                        False,
                        int(size) if size is not None else None,
                        changed.timestamp() if changed is not None else None,
                    )

    def read(self, key: str) -> tuple[Iterator[bytes], int | None]:
        """The blob's bytes in chunks and its size."""
        with self._errors(key):
            downloader = self._client().download_blob(key)
        size = getattr(downloader, "size", None)

        def chunks() -> Iterator[bytes]:
            with self._errors(key):
                yield from downloader.chunks()

        return chunks(), int(size) if size is not None else None

    @contextlib.contextmanager
    def _errors(self, key: str, listing: bool = False) -> Iterator[None]:
        try:
            yield
        except (CloudError, Cancelled):
            raise
        except Exception as exc:  # the library's errors, named by class only
            raise _translate(exc, self.bucket, self.host, key, listing) from None


def _translate(
    exc: Exception, container: str, host: str, key: str, listing: bool = False
) -> CloudError:
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    code = str(getattr(exc, "error_code", None) or "")
    if name == "ValueError":  # a malformed connection string or key
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "The Azure credentials (AZURE_STORAGE_CONNECTION_STRING or "
                "AZURE_STORAGE_ACCESS_KEY) are not valid, so container '{0}' was "
                "not read.",
            ).format(container)
        )
    if name in ("ServiceRequestError", "ServiceRequestTimeoutError") or (
        name == "ServiceResponseError"
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Cannot connect to {1} to read container '{0}'. Check the network "
                "(and the endpoint in AZURE_STORAGE_CONNECTION_STRING, if set).",
            ).format(container, host)
        )
    if code == "ContainerNotFound" or (
        listing and (name == "ResourceNotFoundError" or status == 404)
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "Container '{0}' does not exist at {1}."
            ).format(container, host)
        )
    if name in ("ClientAuthenticationError", "CredentialUnavailableError") or (
        status in (401, 403)
    ):
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts",
                "Access to container '{0}' at {1} was denied or no Azure "
                "credentials were found. Set AZURE_STORAGE_CONNECTION_STRING or "
                "AZURE_STORAGE_ACCESS_KEY, or sign in with 'az login', as for MLflow.",
            ).format(container, host)
        )
    if name == "ResourceNotFoundError" or status == 404:
        return CloudError(
            QT_TRANSLATE_NOOP(
                "Artifacts", "'{1}' was not found in container '{0}' at {2}."
            ).format(container, key or "/", host)
        )
    return CloudError(
        QT_TRANSLATE_NOOP(
            "Artifacts", "Container '{0}' at {1} could not be read ({2})."
        ).format(container, host, name)
    )
