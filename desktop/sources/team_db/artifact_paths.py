"""Where a team database's run artifacts are, seen from this computer.

A team database records the artifact URIs of the machine that ran the tracking
server (or the training): ``./mlruns/1/<run>/artifacts`` relative to the server's
working directory, ``file:///srv/mlflow/artifacts/...`` or ``C:\\mlflow\\...`` on
its disk, ``mlflow-artifacts:/...`` when the server proxies them. A laptop sees
none of those paths; it may see the same share mounted elsewhere. The user says
so once per source, as an :class:`~desktop.core.artifact_places.ArtifactPlaces`:

* ``served_by``: the team's tracking server URL, which lists and serves the
  artifacts of any run of the database (proxied or on its own disk);
* ``server_root`` -> ``local_root``: a folder as the server names it (a prefix of
  the recorded URIs) and the same folder on this computer.

:func:`map_to_local` applies the second: prefixes are compared as the system that
wrote them spells paths (``/`` or ``\\``, a drive letter in any case, with or
without ``file://``), whatever system this is.
"""

from __future__ import annotations

import os
import re
from urllib.parse import unquote, urlparse

from desktop.core.artifact_places import ArtifactPlaces

_DRIVE = re.compile(r"^/?([A-Za-z]):(?=/|$)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):")


def _normal(uri: str) -> tuple[str, list[str]] | None:
    """``(scheme, path components)`` of a URI or path, independent of the OS
    that wrote it: ``file`` URIs, POSIX, Windows and relative paths share the
    scheme ``""``; a drive letter is one lower-cased component (``c:``);
    ``mlflow-artifacts:`` and other URIs keep their scheme and path. ``None`` for
    ``..`` components (a prefix never climbs)."""
    text = uri.strip()
    if not text:
        return None
    scheme = ""
    match = _SCHEME.match(text)
    if match and len(match.group(1)) > 1:  # not a drive letter
        scheme = match.group(1).lower()
        parsed = urlparse(text)
        text = unquote(parsed.path)
        if scheme == "file":
            scheme = ""
        elif parsed.netloc:  # e.g. mlflow-artifacts://host:5000/path
            text = f"{parsed.netloc}/{text.lstrip('/')}"
    text = text.replace("\\", "/")
    parts: list[str] = []
    drive = _DRIVE.match(text)
    if drive:
        parts.append(drive.group(1).lower() + ":")
        text = text[drive.end() :]
    elif text.startswith("/"):
        parts.append("/")
    for part in text.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            return None
        parts.append(part)
    return scheme, parts


def map_to_local(uri: str | None, server_root: str, local_root: str) -> str | None:
    """The folder on this computer of ``uri`` when it lies below ``server_root``
    (as the server names it); ``None`` otherwise. Nothing is checked on disk."""
    if not uri:
        return None
    recorded, prefix = _normal(uri), _normal(server_root)
    if recorded is None or prefix is None or recorded[0] != prefix[0]:
        return None
    parts, head = recorded[1], prefix[1]
    if not head or parts[: len(head)] != head:
        return None
    return os.path.join(local_root, *parts[len(head) :])


def resolve_local(uri: str | None, places: ArtifactPlaces | None) -> str | None:
    """The existing folder of ``uri`` on this computer: mapped through ``places``,
    else the recorded absolute path when it exists here (shared storage)."""
    if places is not None and places.maps_folder:
        mapped = map_to_local(uri, places.server_root or "", places.local_root or "")
        if mapped is not None and os.path.isdir(mapped):
            return mapped
    from desktop.sources.mlruns.artifacts import uri_to_local_path

    local = uri_to_local_path(uri) if uri else None
    if local and os.path.isabs(local) and os.path.isdir(local):
        return local
    return None
