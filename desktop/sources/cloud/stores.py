"""Which backend reads a cloud URI: one factory per scheme."""

from __future__ import annotations

from collections.abc import Callable

from desktop.sources.cloud.location import (
    AZURE_SCHEMES,
    GCS_SCHEMES,
    S3_SCHEMES,
    CloudLocation,
)
from desktop.sources.cloud.store import ObjectStore


def _s3(location: CloudLocation) -> ObjectStore:
    from desktop.sources.cloud.s3 import S3Store

    return S3Store(location.bucket)


def _gcs(location: CloudLocation) -> ObjectStore:
    from desktop.sources.cloud.gcs import GcsStore

    return GcsStore(location.bucket)


def _azure(location: CloudLocation) -> ObjectStore:
    from desktop.sources.cloud.azure import AzureStore

    return AzureStore(location.bucket, location.host, location.scheme)


BACKENDS: dict[str, Callable[[CloudLocation], ObjectStore]] = {
    **dict.fromkeys(S3_SCHEMES, _s3),
    **dict.fromkeys(GCS_SCHEMES, _gcs),
    **dict.fromkeys(AZURE_SCHEMES, _azure),
}


def open_store(location: CloudLocation) -> ObjectStore:
    """The bucket of ``location`` (not contacted yet).

    Raises :class:`~desktop.sources.cloud.errors.MissingExtra` when the service's
    optional client library is not installed.
    """
    return BACKENDS[location.scheme](location)
