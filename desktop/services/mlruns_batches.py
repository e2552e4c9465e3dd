"""The import workers' job: read a batch of run folders and encode them as rows.

Kept apart from :mod:`desktop.services.importing` so worker processes import only
the reader and the row encoder (no SQLAlchemy).
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.records import Problem
from desktop.sources.mlruns.runs import finish_runs, read_run_files
from desktop.sources.mlruns.tasks import RunTask
from desktop.store.run_rows import RunRows, encode_runs

RowBatch = tuple[RunRows, list[Problem], int]


def read_row_batch(tasks: Sequence[RunTask]) -> RowBatch:
    """Read runs and encode them; returns rows, problems and the number of tasks.

    The metric files of the whole batch are parsed together (much faster).
    """
    problems: list[Problem] = []
    items = [read_run_files(task, problems.append) for task in tasks]
    records = finish_runs([item for item in items if item is not None], problems.append)
    return encode_runs(records), problems, len(tasks)


def warm_up() -> None:
    """Nothing: sending it to a worker makes the worker import this module."""
