"""Reading a run's logged images off the GUI thread, with a small cache.

The work functions run on the thread pool (``QImage`` is safe there): a server
run's file is downloaded into the cache first, then decoded through the safe
image reader. The cache keeps the newest decoded images so that scrubbing back
and forth over steps shows them at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desktop.services.run_artifacts import RunArtifacts
from desktop.services.run_files import RunFileError, local_file
from desktop.ui.detail import artifact_loading as loading
from desktop.ui.i18n import error_text

CACHED_IMAGES = 96
CACHE_BYTES = 384 * 1024 * 1024
"""Decoded pixels kept at most (large images leave the cache sooner)."""
ImageOrMessage = loading.ImageResult | loading.Message


def load_run_image(
    artifacts: RunArtifacts,
    relative: str,
    size: int | None,
    cancelled: Callable[[], bool] | None = None,
) -> ImageOrMessage:
    """Decode the run's image file ``relative`` (downloaded first from a server)."""
    try:
        path = local_file(artifacts, relative, size, cancelled)
    except RunFileError as exc:
        return loading.Message(
            QCoreApplication.translate("RunImages", "Cannot read the image"),
            error_text(exc),
        )
    name = relative.rsplit("/", 1)[-1]
    result = loading.load_image(path, name, size or 0)
    if isinstance(result, loading.ImageResult | loading.Message):
        return result
    return loading.Message(
        QCoreApplication.translate("RunImages", "Cannot show this image"), name
    )


class ImageCache:
    """The newest decoded images by (artifact root, path): least recently used
    ones are dropped past :data:`CACHED_IMAGES` images or :data:`CACHE_BYTES`."""

    def __init__(
        self, capacity: int = CACHED_IMAGES, budget: int = CACHE_BYTES
    ) -> None:
        self.capacity = capacity
        self.budget = budget
        self.bytes = 0
        self._items: OrderedDict[tuple[str, str], ImageOrMessage] = OrderedDict()

    @staticmethod
    def key(artifacts: RunArtifacts, relative: str) -> tuple[str, str]:
        """The cache key of a run's file."""
        return (artifacts.root.path or artifacts.run_id, relative)

    def get(self, artifacts: RunArtifacts, relative: str) -> ImageOrMessage | None:
        """The cached result, if any (marked as recently used)."""
        key = self.key(artifacts, relative)
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(
        self, artifacts: RunArtifacts, relative: str, result: ImageOrMessage
    ) -> None:
        """Keep ``result`` (messages too: a broken file is not read again)."""
        key = self.key(artifacts, relative)
        old = self._items.pop(key, None)
        if old is not None:
            self.bytes -= _weight(old)
        self._items[key] = result
        self.bytes += _weight(result)
        while len(self._items) > 1 and (
            len(self._items) > self.capacity or self.bytes > self.budget
        ):
            _key, dropped = self._items.popitem(last=False)
            self.bytes -= _weight(dropped)

    def __len__(self) -> int:
        return len(self._items)


def _weight(result: ImageOrMessage) -> int:
    """The bytes a cached result holds."""
    if isinstance(result, loading.ImageResult):
        return int(result.image.sizeInBytes())
    return 0
