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

_FOLDERS = ("", "/metrics", "/params", "/tags", "/artifacts", "/inputs", "/outputs")


def run_stamp(run_dir: str, *, deep: bool) -> str:
    """Return a short digest of the run folder's observable state."""
    parts: list[str] = []
    try:
        st = os.stat(run_dir + "/meta.yaml")
        parts.append(f"m{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        parts.append("m-")
    for name in _FOLDERS:
        try:
            parts.append(str(os.stat(run_dir + name).st_mtime_ns))
        except OSError:
            parts.append("-")
    _files(run_dir + "/tags", parts, 0)
    if deep:
        parts.append("metrics")
        _files(run_dir + "/metrics", parts, 0)
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def _files(folder: str, parts: list[str], depth: int) -> None:
    entries: list[str] = []
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    if depth < 16:
                        nested: list[str] = []
                        _files(entry.path, nested, depth + 1)
                        entries.append(entry.name + "/" + ",".join(nested))
                    continue
                st = entry.stat()
                entries.append(f"{entry.name}:{st.st_mtime_ns}:{st.st_size}")
    except OSError:
        entries.append("!")
    entries.sort()
    parts.extend(entries)
