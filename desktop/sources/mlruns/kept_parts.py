"""Note the parts of a run that could not be read, so the store keeps their copy.

A permission error on ``params/`` or one metric file must not read as "this run
has no params" or "this metric is gone": the reader records what it could not read
in :attr:`~desktop.core.records.RunRecord.kept` and the store keeps those rows.
"""

from __future__ import annotations

import os

from desktop.core.records import Problem
from desktop.sources.mlruns.files import Report


class PartReport:
    """A report for one part of a run that notes the keys it could not read.

    ``folder`` is the part's folder (``params/``, ``metrics/``, the artifact
    root); an unreadable path below it becomes a kept key, relative and with ``/``
    separators, and the folder itself (or anything outside it) keeps all of it.
    """

    def __init__(
        self, report: Report, part: str, folder: str, kept: list[tuple[str, str]]
    ) -> None:
        self.report = report
        self.part = part
        self.folder = folder
        self.kept = kept

    def __call__(self, problem: Problem) -> None:
        if problem.unreadable:
            self.kept.append((self.part, kept_key(problem.path, self.folder)))
        self.report(problem)


class WholePartReport:
    """A report for a part kept whole when anything in it is unreadable (a run's
    ``inputs/`` or ``outputs/``: their rows have no key to keep one by one)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.unreadable = False

    def __call__(self, problem: Problem) -> None:
        self.unreadable |= problem.unreadable
        self.report(problem)


def kept_key(path: str, folder: str) -> str:
    """The key (or key prefix) of ``path`` below ``folder``; ``""`` for all."""
    try:
        rel = os.path.relpath(path, folder)
    except ValueError:  # another drive on Windows
        return ""
    if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return ""
    return rel.replace(os.sep, "/")
