"""What every cloud backend offers: one folder level of keys, and a file's bytes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple, Protocol

CHUNK_BYTES = 256 * 1024


class Listed(NamedTuple):
    """One entry of a folder listing: the full key (a folder's ends with ``/``)."""

    key: str
    is_dir: bool
    size: int | None
    mtime: float | None = None
    """Last modification, seconds since the epoch (files only, when known)."""


class ObjectStore(Protocol):
    """A bucket (or container) reached with the user's credentials."""

    identity: str
    """Where the bucket is (endpoint and bucket name, never credentials): names
    its download cache folder."""

    def list_level(
        self, prefix: str, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[Listed]:
        """The keys and sub-folders directly below ``prefix``, page by page."""
        ...

    def read(self, key: str) -> tuple[Iterator[bytes], int | None]:
        """The bytes of object ``key`` in chunks, and its size when known."""
        ...
