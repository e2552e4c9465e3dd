"""A run's artifact files read the same way wherever they are: a local folder
(mlruns, or ``mlflow.db``'s artifact folder) or a tracking server, where files
are downloaded into the cache when first wanted.

Used by the views that look across files (the logged images of a run, the files
several compared runs share); paths never leave the artifact root.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from desktop.core.i18n import QT_TRANSLATE_NOOP
from desktop.services.artifact_browser import (
    ArtifactEntry,
    ArtifactError,
    list_folder,
    resolve_inside,
    walk_files,
)
from desktop.services.remote_artifacts import RemoteArtifactError, ServerArtifacts
from desktop.services.run_artifacts import RUN_ROOT, RunArtifacts
from desktop.services.step_images import IMAGES_FOLDER, ImageSeries, group_step_images

MAX_LISTED_FILES = 5000
"""The files of one run looked at when finding paths runs share."""
MAX_REMOTE_FOLDERS = 200
"""Folders of a server run listed (one request each) when finding shared paths."""
MAX_FETCH_BYTES = 64 * 1024 * 1024
"""Server files larger than this are not downloaded for a side-by-side view."""


class RunFileError(Exception):
    """A run's file or folder cannot be read; the message says why."""


def _server(artifacts: RunArtifacts) -> ServerArtifacts | None:
    return artifacts.remotes.get(RUN_ROOT)


def _root_path(artifacts: RunArtifacts) -> str:
    path = artifacts.root.path
    if path is None:
        raise RunFileError(
            artifacts.root.problem
            or QT_TRANSLATE_NOOP("RunFiles", "The artifacts are not on this computer.")
        )
    return path


def _list(artifacts: RunArtifacts, relative: str) -> list[ArtifactEntry]:
    server = _server(artifacts)
    try:
        if server is not None:
            return server.list_folder(relative)
        return list_folder(_root_path(artifacts), relative)
    except (ArtifactError, RemoteArtifactError) as exc:
        raise RunFileError(*exc.args) from None


def step_images(artifacts: RunArtifacts) -> dict[str, ImageSeries]:
    """The run's logged image series by key (empty when it logged none)."""
    if not any(e.is_dir and e.name == IMAGES_FOLDER for e in artifacts.entries):
        return {}
    return group_step_images(_list(artifacts, IMAGES_FOLDER))


def run_files(
    artifacts: RunArtifacts, cancelled: Callable[[], bool] = lambda: False
) -> dict[str, int | None]:
    """The run's files (relative path → size), at most :data:`MAX_LISTED_FILES`."""
    server = _server(artifacts)
    if server is None:
        if artifacts.root.path is None:
            return {}
        try:
            walk = walk_files(artifacts.root.path, "", MAX_LISTED_FILES)
        except ArtifactError:
            return {}
        return dict(walk.files)
    found: dict[str, int | None] = {}
    folders = list(artifacts.entries)
    listed = 0
    while folders and len(found) < MAX_LISTED_FILES and not cancelled():
        entry = folders.pop(0)
        if not entry.is_dir:
            found[entry.path] = entry.size
            continue
        if listed >= MAX_REMOTE_FOLDERS or entry.name == IMAGES_FOLDER:
            continue  # logged step images have unique names: never shared
        listed += 1
        try:
            folders.extend(server.list_folder(entry.path))
        except RemoteArtifactError:
            continue
    return found


def local_file(
    artifacts: RunArtifacts,
    relative: str,
    size: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> str:
    """A readable local path of the run's file ``relative`` (a server run's file
    is downloaded into the cache first)."""
    server = _server(artifacts)
    root = _root_path(artifacts)
    if server is not None:
        if size is not None and size > MAX_FETCH_BYTES:
            raise RunFileError(
                QT_TRANSLATE_NOOP(
                    "RunFiles", "{0} is too large to download for a preview."
                ).format(relative)
            )
        try:
            server.fetch_file(relative, size, cancelled=cancelled)
        except RemoteArtifactError as exc:
            raise RunFileError(str(exc)) from None
    try:
        path = resolve_inside(root, relative)
    except ArtifactError as exc:
        raise RunFileError(*exc.args) from None
    if not os.path.isfile(path):
        raise RunFileError(
            QT_TRANSLATE_NOOP("RunFiles", "{0} does not exist (any more).").format(
                relative
            )
        )
    return path


def shared_paths(files: list[dict[str, int | None]], least: int = 2) -> list[str]:
    """Paths present in at least ``least`` of the runs' file lists, sorted."""
    counts: dict[str, int] = {}
    for one in files:
        for path in one:
            counts[path] = counts.get(path, 0) + 1
    return sorted(p for p, n in counts.items() if n >= least)
