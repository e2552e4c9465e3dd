"""Change stamps for run folders, so re-imports and live refresh read only what changed.

A stamp names the paths of a run folder it looked at (its *plan*) and holds a digest
of their modification times and sizes. A finished run's plan is the folder itself
(sub-folders come and go), its ``meta.yaml`` (MLflow rewrites it on every status,
name or lifecycle change), the sub-folders it has (new params, metrics, tags,
artifacts and inputs appear there) and every tag file (``set_tag`` rewrites a tag in
place, e.g. an edited description). A run that is still running also covers every
metric file, since appending a metric line changes only that file. Params never
change once logged.

Taking a stamp lists the folder; checking one only ``stat``\\ s the planned paths,
relative to the experiment folder: no listing, no opening, about 14 system calls for
a typical run. Each folder is looked at before it is listed, so a file that appears
meanwhile changes the folder's time and the next check reads the run again.
"""

from __future__ import annotations

import hashlib
import os
from array import array
from collections.abc import Iterable, Sequence

_TOP = ("meta.yaml", "metrics", "params", "tags", "artifacts", "inputs", "outputs")
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_DIR_FD = os.stat in os.supports_dir_fd
_MAX_DEPTH = 16
# Stamps of runs whose file names cannot be written in a plan never match.
_UNPLANNED = "!"
_MISSING = (-1, -1)


def take_stamp(run_dir: str, *, deep: bool) -> str:
    """Stamp a run folder now: its plan (see the module docstring) and digest."""
    plan: list[str] = []
    values: list[int] = []
    stat = _Stat(run_dir)
    try:
        _add(stat, ".", plan, values)
        try:
            present = set(os.listdir(run_dir))
        except OSError:
            present = set()
        for name in _TOP:
            if name in present:
                _add(stat, name, plan, values)
        if "tags" in present:
            _add_files(stat, run_dir, "tags", plan, values, 0)
        if deep and "metrics" in present:
            _add_files(stat, run_dir, "metrics", plan, values, 0)
    finally:
        stat.close()
    if any("\n" in path or "\r" in path for path in plan):
        return _UNPLANNED
    return "\n".join([_digest(values), *plan])


class StampNotes:
    """``(mtime, size)`` of a run folder's paths, noted while the run is read.

    The reader notes each path just before it lists or reads it, which makes the
    stamp built from the notes as safe as :func:`take_stamp` taken first, and much
    cheaper: most notes come from ``fstat`` on files the reader opens anyway.
    """

    def __init__(self, run_dir: str) -> None:
        self.run_dir = run_dir
        self.values: dict[str, tuple[int, int]] = {}
        #: The names in the run folder, once :meth:`look` has listed it.
        self.present: frozenset[str] = frozenset()

    def note(self, path: str, st: os.stat_result) -> None:
        """Record ``path`` (relative to the run folder) as ``st`` describes it."""
        self.values[path] = (st.st_mtime_ns, st.st_size)

    def look(self) -> bool:
        """Note the run folder and list it; ``False`` when it cannot be listed."""
        try:
            self.note(".", os.stat(self.run_dir))
            self.present = frozenset(os.listdir(self.run_dir))
        except OSError:
            return False
        return True

    def note_path(self, name: str) -> bool:
        """Note a top-level entry by name if the folder has it; whether it does."""
        if name not in self.present:
            return False
        try:
            self.note(name, os.stat(os.path.join(self.run_dir, name)))
        except OSError:
            return False
        return True

    def stamp(self, *, deep: bool) -> str | None:
        """The stamp :func:`take_stamp` would give, or ``None`` if notes are missing."""
        plan = [".", *(name for name in _TOP if name in self.present)]
        folders = ("tags/", "metrics/") if deep else ("tags/",)
        below = [p for p in self.values if p.startswith(folders)]
        plan += sorted(below, key=_plan_order)
        values: list[int] = []
        try:
            for path in plan:
                values += self.values[path]
        except KeyError:
            return None
        if any("\n" in path or "\r" in path for path in plan):
            return _UNPLANNED
        return "\n".join([_digest(values), *plan])


def _plan_order(path: str) -> tuple[int, list[str]]:
    # take_stamp's order: tags before metrics, then depth first with sorted names.
    return (0 if path.startswith("tags/") else 1), path.split("/")


def stamp_matches(run_dir: str, stamp: str) -> bool:
    """Whether ``stamp`` (from :func:`take_stamp`) still describes the run folder."""
    parent, name = os.path.split(run_dir)
    return not changed_runs(parent, [(name, stamp)])


def changed_runs(experiment_dir: str, runs: Sequence[tuple[str, str]]) -> list[int]:
    """Indexes of the ``(run folder name, stamp)`` pairs whose folder changed."""
    changed: list[int] = []
    fd = _open_dir(experiment_dir) if _DIR_FD else None
    stat = os.stat
    try:
        for index, (name, stamp) in enumerate(runs):
            digest, _, plan = stamp.partition("\n")
            if not plan:
                changed.append(index)
                continue
            if fd is None:
                base = os.path.join(experiment_dir, name)
                values = _values(os.path.join(base, p) for p in plan.split("\n"))
            else:  # the hot loop of a re-import, inlined
                prefix = name + "/"
                values = []
                add = values.append
                for path in plan.split("\n"):
                    try:
                        st = stat(prefix + path, dir_fd=fd)
                    except OSError:
                        values += _MISSING
                    else:
                        add(st.st_mtime_ns)
                        add(st.st_size)
            if _digest(values) != digest:
                changed.append(index)
    finally:
        if fd is not None:
            os.close(fd)
    return changed


def check_batch(items: Sequence[tuple[str, str, str]]) -> list[int]:
    """Indexes of ``(experiment folder, run folder name, stamp)`` items that changed.

    Module-level and light (no numpy) so import workers start fast for it.
    """
    changed: list[int] = []
    start = 0
    while start < len(items):
        experiment_dir = items[start][0]
        end = start
        while end < len(items) and items[end][0] == experiment_dir:
            end += 1
        group = [(name, stamp) for _, name, stamp in items[start:end]]
        changed += [start + i for i in changed_runs(experiment_dir, group)]
        start = end
    return changed


def experiment_stamp(experiment_dir: str) -> str:
    """A digest of an experiment's metadata: ``meta.yaml``, tag files, models.

    Run folders coming and going are not part of it (watch the folder's mtime).
    """
    plan: list[str] = []
    values: list[int] = []
    stat = _Stat(experiment_dir)
    try:
        for name in ("meta.yaml", "tags", "models"):
            _add(stat, name, plan, values)
        _add_files(stat, experiment_dir, "tags", plan, values, 0)
    finally:
        stat.close()
    return "\n".join([_digest(values), *plan])


# -- helpers -----------------------------------------------------------------------


class _Stat:
    """``stat`` of paths inside one folder, relative to its descriptor if possible."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.fd = _open_dir(folder) if _DIR_FD else None

    def __call__(self, path: str) -> tuple[int, int]:
        try:
            if self.fd is not None:
                st = os.stat(path, dir_fd=self.fd)
            else:
                st = os.stat(os.path.join(self.folder, path))
        except OSError:
            return _MISSING
        return st.st_mtime_ns, st.st_size

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)


def _open_dir(folder: str) -> int | None:
    try:
        return os.open(folder, _DIR_FLAGS)
    except OSError:
        return None


def _values(paths: Iterable[str]) -> list[int]:
    values: list[int] = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            values += _MISSING
        else:
            values += (st.st_mtime_ns, st.st_size)
    return values


def _add(stat: _Stat, path: str, plan: list[str], values: list[int]) -> None:
    plan.append(path)
    values += stat(path)


def _add_files(
    stat: _Stat,
    root: str,
    folder: str,
    plan: list[str],
    values: list[int],
    depth: int,
) -> None:
    """Add every entry below ``folder`` (already added), depth first, sorted."""
    try:
        with os.scandir(os.path.join(root, folder)) as listing:
            entries = sorted(
                (entry.name, entry.is_dir(follow_symlinks=False)) for entry in listing
            )
    except OSError:
        return
    for name, is_dir in entries:
        path = f"{folder}/{name}"
        _add(stat, path, plan, values)  # a folder before its listing
        if is_dir and depth < _MAX_DEPTH:
            _add_files(stat, root, path, plan, values, depth + 1)


def _digest(values: list[int]) -> str:
    return hashlib.blake2b(array("q", values).tobytes(), digest_size=12).hexdigest()
