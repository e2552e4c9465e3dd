"""Where a cloud artifact URI points: scheme, bucket (or container) and key prefix."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

S3_SCHEMES = ("s3",)
GCS_SCHEMES = ("gs",)
AZURE_SCHEMES = ("wasbs", "wasb", "abfss", "abfs")
CLOUD_SCHEMES = S3_SCHEMES + GCS_SCHEMES + AZURE_SCHEMES


@dataclass(frozen=True, slots=True)
class CloudLocation:
    """A parsed cloud URI.

    ``bucket`` is the S3/GCS bucket or the Azure container, ``host`` the Azure
    account host (``account.blob.core.windows.net``; empty otherwise) and
    ``prefix`` the key prefix without leading or trailing slashes.
    """

    uri: str
    scheme: str
    bucket: str
    prefix: str
    host: str = ""

    def key(self, relative_parts: list[str]) -> str:
        """The object key of a path (already split and checked) below the prefix."""
        return "/".join([p for p in (self.prefix, *relative_parts) if p])

    def folder_prefix(self, relative_parts: list[str]) -> str:
        """The listing prefix of a folder below the root (ends with ``/``)."""
        key = self.key(relative_parts)
        return key + "/" if key else ""


def cloud_scheme(uri: str | None) -> str | None:
    """The lower-case scheme of ``uri`` if it is a cloud store we can read."""
    if not uri or "://" not in uri:
        return None
    scheme = uri.split("://", 1)[0].lower()
    return scheme if scheme in CLOUD_SCHEMES else None


def parse_cloud_uri(uri: str) -> CloudLocation | None:
    """A :class:`CloudLocation`, or ``None`` when ``uri`` is not a readable cloud
    URI (another scheme, no bucket)."""
    scheme = cloud_scheme(uri)
    if scheme is None:
        return None
    parsed = urlparse(uri)
    prefix = parsed.path.strip("/")
    if scheme in AZURE_SCHEMES:
        container, at, host = parsed.netloc.partition("@")
        if not at or not container or not host:
            return None
        return CloudLocation(uri, scheme, container, prefix, host.lower())
    if not parsed.netloc:
        return None
    return CloudLocation(uri, scheme, parsed.netloc, prefix)
