"""Live refresh: notice what changed in an imported source and apply just that.

A watcher has two calls, meant to run on one worker thread every ~2 seconds::

    changes = watcher.poll()          # cheap; never writes the store
    if not changes.empty:
        report = watcher.apply(changes)   # re-reads only what changed

:class:`MlrunsWatcher` watches an ``mlruns`` folder without rescanning it. Each
poll costs a few dozen ``stat`` calls plus a slice of a slow sweep:

- the root and ``.trash`` folders' mtimes: experiments created, deleted, restored;
- the model registry's files (``models/``: a few dozen ``stat`` calls);
- every experiment folder's mtime (runs created or removed: the folder is listed
  again only then) and its metadata stamp (``meta.yaml``, tag files, models);
- *hot* runs, checked on every poll: runs that are not finished and changed in the
  last ``hot_seconds`` (new metric lines, a status change), and new runs;
- a rotating *sweep* of every other run, so that edits to finished runs (a tag or
  description set in place, a rename, a delete) and long-silent RUNNING runs are
  seen within about ``sweep_seconds`` (longer when checking that many runs would
  cost more than ``sweep_budget`` of one core).

Polling beats change notifications here: inotify needs one watch per folder (about
60,000 for 10,000 runs, beyond the default limit on many systems) and behaves
differently on macOS, Windows and network drives, while ``stat`` works everywhere.

Run stamps are those the import stores (:mod:`desktop.sources.mlruns.stamps`), so
a poll right after an import finds nothing to do. Not thread-safe: call ``poll``
and ``apply`` from one thread at a time.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop.core.enums import TERMINATED_STATUSES
from desktop.services.import_pipeline import ImportReport
from desktop.services.importing import run_import
from desktop.services.mlruns_refresh import refresh_runs
from desktop.sources.mlruns.experiments import (
    RESERVED_EXPERIMENT,
    find_root,
    list_experiment_dirs,
)
from desktop.sources.mlruns.stamps import experiment_stamp, stamp_matches, take_stamp
from desktop.store.batching import chunks
from desktop.store.database import Store
from desktop.store.schema import Run, Source

# A folder modified this recently may change again within the same mtime tick, so
# it is listed again on the next poll (as git does for "racily clean" files).
_RACY_SECONDS = 2.0


@dataclass(frozen=True, slots=True)
class FolderChanges:
    """What a poll of an ``mlruns`` folder found."""

    runs: tuple[str, ...] = ()  # run folders that are new or changed
    removed: tuple[str, ...] = ()  # run folders that are gone
    experiments: tuple[str, ...] = ()  # experiment folders whose metadata changed
    rescan: bool = False  # experiments appeared or vanished: refresh everything
    registry: bool = False  # something below models/ changed: re-read the registry

    @property
    def empty(self) -> bool:
        """Whether there is nothing to apply."""
        return not (
            self.runs
            or self.removed
            or self.experiments
            or self.rescan
            or self.registry
        )


@dataclass(slots=True)
class _Run:
    stamp: str
    deep: bool  # not finished: the stamp covers the metric files
    hot_until: float = 0.0


@dataclass(slots=True)
class _Experiment:
    mtime: int  # of the folder; -1 forces a new listing
    stamp: str
    runs: set[str] = field(default_factory=set)


class MlrunsWatcher:
    """Polls an imported ``mlruns`` folder for changes; applies them to the store.

    ``source`` is the source's row id or its folder. ``interval`` is how often the
    caller polls (it sizes the sweep), ``sweep_seconds`` how long one sweep over all
    runs takes, ``hot_seconds`` how long an unfinished run stays checked on every
    poll after its last change. ``sweep_budget`` caps the sweep's share of one core
    (CPU seconds per second of ``interval``): on a slow disk a sweep takes longer
    rather than costing more.
    """

    def __init__(
        self,
        store: Store,
        source: int | str | os.PathLike[str],
        *,
        interval: float = 2.0,
        sweep_seconds: float = 30.0,
        hot_seconds: float = 600.0,
        sweep_budget: float = 0.01,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.store = store
        self.sweep_budget = sweep_budget
        #: How long the last complete sweep over all runs took (None before one).
        self.last_sweep_seconds: float | None = None
        self.interval = interval
        self.sweep_seconds = sweep_seconds
        self.hot_seconds = hot_seconds
        self._clock = clock
        if isinstance(source, int):
            with store.engine.connect() as conn:
                location = conn.scalar(
                    select(Source.location).where(Source.id == source)
                )
            if location is None:
                raise ValueError(f"no source with id {source}")
            self.root = str(location)
        else:
            self.root = find_root(os.fspath(source))
        self._load()

    # -- state -----------------------------------------------------------------
    def _load(self) -> None:
        """(Re)build the picture of the folder from the store and one listing."""
        now = self._clock()
        with self.store.engine.connect() as conn:
            self.source_id = conn.scalar(
                select(Source.id).where(Source.location == self.root)
            )
            rows = (
                conn.execute(
                    select(Run.location, Run.stamp, Run.status).where(
                        Run.source_id == self.source_id
                    )
                ).all()
                if self.source_id is not None
                else []
            )
        self._runs: dict[str, _Run] = {}
        for location, stamp, status in rows:
            deep = status not in TERMINATED_STATUSES
            state = _Run(stamp, deep)
            if deep and _recently_changed(location, self.hot_seconds):
                state.hot_until = now + self.hot_seconds
            self._runs[location] = state
        self._root_mtimes = self._root_state()
        self._registry = registry_stamp(self.root)
        self._registry_seen = self._registry
        self._experiments: dict[str, _Experiment] = {}
        for exp_dir in self._experiment_dirs():
            listed = _list_runs(exp_dir)
            self._experiments[exp_dir] = _Experiment(
                _mtime(exp_dir), experiment_stamp(exp_dir), listed
            )
            for run_dir in listed - self._runs.keys():
                # Listed but not stored (created since the import, or unreadable
                # then): an empty stamp makes the first check report it.
                state = _Run("", True)
                if _recently_changed(run_dir, self.hot_seconds):
                    state.hot_until = now + self.hot_seconds
                self._runs[run_dir] = state
        self._sweep: list[str] = sorted(self._runs)
        self._sweep_at = 0
        self._sweep_started: float | None = now

    def _root_state(self) -> tuple[int, int]:
        return _mtime(self.root), _mtime(os.path.join(self.root, ".trash"))

    def _experiment_dirs(self) -> list[str]:
        return list_experiment_dirs(self.root, lambda _problem: None) or []

    # -- polling -----------------------------------------------------------------
    def poll(self) -> FolderChanges:
        """Look for changes (cheap: see the module docstring). Writes nothing."""
        if self.source_id is None:
            return FolderChanges(rescan=os.path.isdir(self.root))
        root_now = self._root_state()
        if root_now != self._root_mtimes or any(_racy(m) for m in self._root_mtimes):
            if set(self._experiment_dirs()) != self._experiments.keys():
                return FolderChanges(rescan=True)
            self._root_mtimes = root_now
        changed: dict[str, None] = {}
        removed: list[str] = []
        experiments: list[str] = []
        for exp_dir, exp in self._experiments.items():
            mtime = _mtime(exp_dir)
            if mtime != exp.mtime or _racy(mtime):
                listed = _list_runs(exp_dir)
                if listed == exp.runs:
                    exp.mtime = mtime  # nothing came or went (e.g. a stray file)
                changed.update(dict.fromkeys(sorted(listed - exp.runs)))
                removed += sorted(exp.runs - listed)
            if experiment_stamp(exp_dir) != exp.stamp:
                experiments.append(exp_dir)
        now = self._clock()
        for run_dir, state in self._runs.items():
            if (
                state.hot_until > now
                and run_dir not in changed
                and not stamp_matches(run_dir, state.stamp)
            ):
                changed[run_dir] = None
        self._sweep_step(changed, now)
        gone = set(removed)
        self._registry_seen = registry_stamp(self.root)
        return FolderChanges(
            tuple(r for r in changed if r not in gone),
            tuple(removed),
            tuple(experiments),
            registry=self._registry_seen != self._registry,
        )

    def _sweep_step(self, changed: dict[str, None], now: float) -> None:
        """Check the next slice of the sweep, within the CPU budget of a poll."""
        sweep = self._sweep
        if not sweep:
            return
        polls = max(1.0, self.sweep_seconds / max(self.interval, 1e-3))
        count = min(len(sweep), math.ceil(len(sweep) / polls))
        deadline = time.thread_time() + self.sweep_budget * self.interval
        for checked in range(count):
            if checked and time.thread_time() > deadline:
                break
            if self._sweep_at >= len(sweep):
                self._sweep_at = 0
                started, self._sweep_started = self._sweep_started, now
                if started is not None:
                    self.last_sweep_seconds = now - started
            run_dir = sweep[self._sweep_at]
            self._sweep_at += 1
            state = self._runs.get(run_dir)
            if state is None or state.hot_until > now or run_dir in changed:
                continue
            if not stamp_matches(run_dir, state.stamp):
                changed[run_dir] = None

    # -- applying ------------------------------------------------------------------
    def apply(self, changes: FolderChanges) -> ImportReport:
        """Bring the store up to date with ``changes`` (from :meth:`poll`)."""
        if changes.rescan:
            report = run_import(self.store, self.root)
            self._load()
            return report
        report = refresh_runs(
            self.store,
            self.root,
            changes.runs + changes.removed,
            experiments=changes.experiments,
            registry=changes.registry,
        )
        if changes.registry:  # as the poll saw it: later changes show next poll
            self._registry = self._registry_seen
        self._remember(changes)
        return report

    def _remember(self, changes: FolderChanges) -> None:
        """Adopt the stamps the refresh stored, so the changes are not seen again."""
        now = self._clock()
        for exp_dir in changes.experiments:
            if exp_dir in self._experiments:
                self._experiments[exp_dir].stamp = experiment_stamp(exp_dir)
        # Experiments whose run list changed: take their listing as the new baseline.
        touched = {
            os.path.dirname(r)
            for r in changes.runs + changes.removed
            if r not in self._runs or r in changes.removed
        }
        for exp_dir in touched & self._experiments.keys():
            exp = self._experiments[exp_dir]
            mtime = _mtime(exp_dir)
            exp.runs = _list_runs(exp_dir)
            exp.mtime = mtime
        for run_dir in changes.removed:
            self._runs.pop(run_dir, None)
        stored: dict[str, tuple[str, str]] = {}
        with self.store.engine.connect() as conn:
            names = [os.path.basename(r) for r in changes.runs]
            for chunk in chunks(names, 500):  # by run id: indexed
                for location, stamp, status in conn.execute(
                    select(Run.location, Run.stamp, Run.status).where(
                        Run.source_id == self.source_id, Run.run_id.in_(chunk)
                    )
                ):
                    stored[location] = (stamp, status)
        for run_dir in changes.runs:
            if run_dir in stored:
                stamp, status = stored[run_dir]
                deep = status not in TERMINATED_STATUSES
            else:  # not readable (yet): retry when it changes
                deep = True
                stamp = take_stamp(run_dir, deep=True)
            if run_dir not in self._runs:
                self._sweep.append(run_dir)
            hot = now + self.hot_seconds if deep else 0.0
            self._runs[run_dir] = _Run(stamp, deep, hot)
        if changes.removed:
            self._sweep = [r for r in self._sweep if r in self._runs]


def registry_stamp(root: str, limit: int = 10_000) -> tuple:
    """What changes when a file below ``root/models`` is written, added or removed:
    every entry's path, size and mtime (links not followed; at most ``limit``)."""
    found: list[tuple[str, int, int]] = []
    stack = [os.path.join(root, "models")]
    while stack and len(found) < limit:
        try:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    info = entry.stat(follow_symlinks=False)
                    found.append((entry.path, info.st_size, info.st_mtime_ns))
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
        except OSError:
            continue
    return tuple(sorted(found))


def _mtime(path: str) -> int:
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        return -2
    return -1 if _racy(mtime) else mtime


def _racy(mtime_ns: int) -> bool:
    return mtime_ns == -1 or time.time() - mtime_ns / 1e9 < _RACY_SECONDS


def _list_runs(exp_dir: str) -> set[str]:
    try:
        with os.scandir(exp_dir) as entries:
            return {
                e.path
                for e in entries
                if e.name not in RESERVED_EXPERIMENT
                and not e.name.startswith(".")
                and e.is_dir()
            }
    except OSError:
        return set()


def _recently_changed(run_dir: str, seconds: float) -> bool:
    """Whether the run's meta.yaml or a metric file changed in the last seconds."""
    newest = 0.0
    try:
        newest = os.stat(os.path.join(run_dir, "meta.yaml")).st_mtime
        stack = [os.path.join(run_dir, "metrics")]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    else:
                        newest = max(newest, entry.stat().st_mtime)
    except OSError:
        pass
    return time.time() - newest < seconds
