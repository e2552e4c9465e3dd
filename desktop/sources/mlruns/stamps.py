"""Cheap change stamps for run folders, so re-imports only read what changed.

A finished run's stamp covers its ``meta.yaml`` (MLflow rewrites it on every status,
name or lifecycle change), the folders where new keys or files appear, and every tag
file (``set_tag`` rewrites a tag in place, e.g. an edited description). A run that is
still RUNNING also covers every metric file, since appending a metric line changes
only that file. Params never change once logged.
"""

from __future__ import annotations

import hashlib
import os

_SHALLOW = ("", "metrics", "params", "tags", "artifacts", "inputs", "outputs")


def run_stamp(run_dir: str, *, deep: bool) -> str:
    """Return a short digest of the run folder's observable state."""
    parts: list[str] = []
    try:
        st = os.stat(os.path.join(run_dir, "meta.yaml"))
        parts.append(f"m{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        parts.append("m-")
    for name in _SHALLOW:
        try:
            parts.append(str(os.stat(os.path.join(run_dir, name)).st_mtime_ns))
        except OSError:
            parts.append("-")
    _files(os.path.join(run_dir, "tags"), parts, 0)
    if deep:
        parts.append("metrics")
        _files(os.path.join(run_dir, "metrics"), parts, 0)
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def _files(folder: str, parts: list[str], depth: int) -> None:
    try:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if depth < 16:
                        parts.append(entry.name + "/")
                        _files(entry.path, parts, depth + 1)
                    continue
                st = entry.stat()
                parts.append(f"{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        parts.append("!")
