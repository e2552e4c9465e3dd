"""Images logged with ``mlflow.log_image(image, key=..., step=...)``.

MLflow (2.16 and later) stores each one in the run's ``images/`` folder as
``<key>+step+<step>+timestamp+<ms>+<uuid>.png`` plus a smaller
``...+compressed.webp`` copy; releases before 3.x used ``%`` instead of ``+``
(and ``#`` instead of ``~`` for a ``/`` in the key). Keys may only hold
letters, digits, ``_-./`` and spaces, so the separators are unambiguous.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.services.artifact_browser import ArtifactEntry

IMAGES_FOLDER = "images"
_NAME = re.compile(
    r"^(?P<key>[^+%]+)(?P<sep>[+%])step(?P=sep)(?P<step>-?\d+)"
    r"(?P=sep)timestamp(?P=sep)(?P<ts>\d+)(?P=sep)(?P<uuid>[0-9A-Za-z-]+)"
    r"(?P<compressed>(?P=sep)compressed)?\.(?P<ext>png|webp|jpe?g)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ImageName:
    """What one file name of the ``images/`` folder says."""

    key: str
    step: int
    timestamp: int
    uuid: str
    compressed: bool


def parse_image_name(name: str) -> ImageName | None:
    """The key, step and time in a logged image's file name (``None``: not one)."""
    found = _NAME.match(name)
    if found is None:
        return None
    raw = found["key"]
    key = raw.replace("~", "/") if found["sep"] == "+" else raw.replace("#", "/")
    return ImageName(
        key,
        int(found["step"]),
        int(found["ts"]),
        found["uuid"],
        found["compressed"] is not None,
    )


@dataclass(frozen=True, slots=True)
class StepImage:
    """The image of one key at one step: the full file and its thumbnail."""

    key: str
    step: int
    timestamp: int
    path: str
    """The full image, relative to the run's artifact root."""
    size: int | None
    thumbnail: str | None = None
    thumbnail_size: int | None = None


@dataclass(frozen=True, slots=True)
class ImageSeries:
    """A key's images in step order, one per step (the latest logged wins)."""

    key: str
    images: tuple[StepImage, ...]

    @property
    def steps(self) -> list[int]:
        """The steps with an image, ascending."""
        return [i.step for i in self.images]

    def at(self, step: int) -> StepImage:
        """The image at ``step``, or at the nearest step (the earlier on a tie)."""
        steps = self.steps
        index = bisect_left(steps, step)
        if index == len(steps):
            return self.images[-1]
        if index == 0 or steps[index] == step:
            return self.images[index]
        before, after = self.images[index - 1], self.images[index]
        return before if step - before.step <= after.step - step else after


def group_step_images(entries: Iterable[ArtifactEntry]) -> dict[str, ImageSeries]:
    """The logged image series among the files of an ``images/`` folder, by key."""
    full: dict[tuple[str, str], tuple[ImageName, ArtifactEntry]] = {}
    thumbs: dict[tuple[str, str], ArtifactEntry] = {}
    for entry in entries:
        if entry.is_dir or entry.link in ("outside", "broken"):
            continue
        name = parse_image_name(entry.name)
        if name is None:
            continue
        ident = (name.key, name.uuid)
        if name.compressed:
            thumbs[ident] = entry
        else:
            full[ident] = (name, entry)
    by_key: dict[str, dict[int, StepImage]] = {}
    for ident, (name, entry) in full.items():
        thumb = thumbs.get(ident)
        image = StepImage(
            name.key,
            name.step,
            name.timestamp,
            entry.path,
            entry.size,
            thumb.path if thumb else None,
            thumb.size if thumb else None,
        )
        steps = by_key.setdefault(name.key, {})
        kept = steps.get(name.step)
        if kept is None or (kept.timestamp, kept.path) < (image.timestamp, image.path):
            steps[name.step] = image
    return {
        key: ImageSeries(key, tuple(steps[s] for s in sorted(steps)))
        for key, steps in sorted(by_key.items())
    }


def all_steps(series: Iterable[ImageSeries]) -> list[int]:
    """Every step any of ``series`` has an image at, ascending."""
    return sorted({s for one in series for s in one.steps})
