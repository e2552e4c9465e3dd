"""Where the artifacts of a database's runs and models are on this machine (§2.7).

A database records the artifact URI of the machine (and working directory) that
wrote it. In order, the first folder that exists wins:

1. the recorded path (relative paths such as ``./mlruns/1/<run>/artifacts``
   resolved against the database's folder, MLflow's usual working directory);
2. for the default layout ``<root>/<exp>/<run>/artifacts``: ``<db dir>/<root
   name>/<exp>/<run>/artifacts`` and ``<db dir>/mlruns/<exp>/<run>/artifacts``
   (a project folder copied or synced elsewhere);
3. for ``mlflow-artifacts:`` URIs (a tracking server's proxied store):
   ``<db dir>/mlartifacts/<path>``, the server's default destination.

Remote URIs (``s3://`` ...) resolve to nothing: the URI is shown instead.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

from desktop.sources.mlruns.artifacts import uri_to_local_path


def artifact_candidates(uri: str | None, db_dir: str, tail: str) -> list[str]:
    """Local folders that may hold the artifacts of ``uri``, most likely first.

    ``tail`` is the default-layout suffix, e.g. ``<exp>/<run>/artifacts``.
    """
    if not uri:
        return []
    tail = tail.strip("/")
    if uri.startswith("mlflow-artifacts:"):
        path = urlparse(uri).path.lstrip("/")
        return [os.path.join(db_dir, "mlartifacts", *path.split("/"))] if path else []
    local = uri_to_local_path(uri)
    if local is None:
        return []
    candidates = [os.path.normpath(os.path.join(db_dir, local))]
    posix = local.replace("\\", "/").rstrip("/")
    if posix == tail or posix.endswith("/" + tail):
        head = posix[: len(posix) - len(tail)].rstrip("/")
        root_name = head.rsplit("/", 1)[-1] if head else ""
        for name in (root_name, "mlruns"):
            if name and name not in (".", ".."):
                candidate = os.path.join(db_dir, name, *tail.split("/"))
                if candidate not in candidates:
                    candidates.append(candidate)
    return candidates


def resolve_db_artifact_root(uri: str | None, db_dir: str, tail: str) -> str | None:
    """The first existing folder of :func:`artifact_candidates`, else ``None``."""
    for candidate in artifact_candidates(uri, db_dir, tail):
        if os.path.isdir(candidate):
            return candidate
    return None
